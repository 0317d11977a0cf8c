#!/usr/bin/env bash
# Builds the static site into dist/ (release, wasm-opt -Oz, with its offline service worker) and prints
# its gzipped size. --single-file also writes dist-single/conv2d-playground.html: the whole page in one
# file (CSS, JS and wasm inside) that opens from file:// with no server and no network.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
single=0
for a in "$@"; do
  case $a in
    --single-file) single=1 ;;
    *) echo "usage: scripts/build.sh [--single-file]" >&2; exit 2 ;;
  esac
done
"$here/setup.sh" --build-only
"$here/wasm-env" trunk build --release
[ $single -eq 0 ] || node "$here/single-file.mjs"
"$here/size.sh"
