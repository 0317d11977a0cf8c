#!/usr/bin/env bash
# Sets up what is missing, then serves the app at http://127.0.0.1:8080 (Ctrl-C stops it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
"$here/setup.sh"
exec "$here/wasm-env" trunk serve --release --address 127.0.0.1 --port "${PORT:-8080}" --no-autoreload
