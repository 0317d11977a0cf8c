#!/usr/bin/env bash
# Serves the app at http://127.0.0.1:8080 (PORT=… for another port; Ctrl-C stops it).
# When dist/ is built and newer than every source it is built from, it is served as it is with
# python3's http.server (nothing else needed: no Rust, Trunk or browser). Otherwise the build tools are
# set up where missing (no browser) and `trunk serve` builds and serves it, rebuilding on changes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
port=${PORT:-8080}

# The first source newer than dist/ (nothing when dist/ is current).
stale() {
  [ -f dist/index.html ] && [ -f dist/sw.js ] || { echo "dist/ (not built)"; return; }
  find src crates static index.html Trunk.toml Cargo.toml Cargo.lock scripts/sw.sh \
    -newer dist/index.html -type f ! -path '*/tests/*' -print -quit 2>/dev/null || true
}
why=$(stale)
if [ -z "$why" ] && [ "${CONV2D_SERVE_BUILD:-}" != 1 ]; then
  if command -v python3 >/dev/null 2>&1; then
    echo "dist/ is current: serving it at http://127.0.0.1:$port/ (CONV2D_SERVE_BUILD=1 rebuilds with Trunk)" >&2
    exec python3 -m http.server --bind 127.0.0.1 --directory dist "$port"
  fi
  echo "dist/ is current but python3 is missing: serve dist/ with any static server" >&2
  exit 1
fi
[ -z "$why" ] || echo "dist/ needs a build ($why changed): setting up and running trunk serve" >&2
"$here/setup.sh" --build-only
exec "$here/wasm-env" trunk serve --release --address 127.0.0.1 --port "$port" --no-autoreload
