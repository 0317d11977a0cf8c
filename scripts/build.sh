#!/usr/bin/env bash
# Builds the static site into dist/ (release, wasm-opt -Oz) and prints its gzipped size.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
"$here/setup.sh"
"$here/wasm-env" trunk build --release
"$here/size.sh"
