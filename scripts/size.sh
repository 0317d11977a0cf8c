#!/usr/bin/env bash
# Prints the gzipped size of dist/ (wasm + js + css + html) and fails above the 500 KB budget; prints
# the one-file page's size beside it when dist-single/ holds one (scripts/build.sh --single-file).
set -euo pipefail
cd "$(dirname "$0")/.."
total=0
for f in dist/*.wasm dist/*.js dist/*.css dist/*.html; do
  [ -f "$f" ] || continue
  n=$(gzip -9c "$f" | wc -c)
  printf '%-53s %8d bytes gzipped (%d raw)\n' "${f#dist/}" "$n" "$(wc -c <"$f")"
  total=$((total + n))
done
printf 'dist/ total: %d bytes gzipped (budget 512000)\n' "$total"
single=dist-single/conv2d-playground.html
if [ -f "$single" ]; then
  printf '%-53s %8d bytes gzipped (%d raw)\n' "$single" "$(gzip -9c "$single" | wc -c)" "$(wc -c <"$single")"
  [ "$single" -nt dist/index.html ] || echo "($single is older than dist/: scripts/build.sh --single-file renews it)"
fi
[ "$total" -le 512000 ] || { echo "dist/ is over the 500 KB budget" >&2; exit 1; }
