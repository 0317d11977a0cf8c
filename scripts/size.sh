#!/usr/bin/env bash
# Prints the gzipped size of dist/ (wasm + js + css + html) and fails above the 500 KB budget.
set -euo pipefail
cd "$(dirname "$0")/../dist"
total=0
for f in *.wasm *.js *.css *.html; do
  [ -f "$f" ] || continue
  n=$(gzip -9c "$f" | wc -c)
  printf '%-48s %8d bytes gzipped (%d raw)\n' "$f" "$n" "$(wc -c <"$f")"
  total=$((total + n))
done
printf 'total: %d bytes gzipped (budget 512000)\n' "$total"
[ "$total" -le 512000 ] || { echo "dist/ is over the 500 KB budget" >&2; exit 1; }
