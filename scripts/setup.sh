#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian 12 machine with rustup (root, registries only).
# Idempotent: each step checks what is already there and skips it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=versions.sh
. "$here/versions.sh"
export PATH="$HOME/.cargo/bin:$PATH"
mkdir -p "$TOOLS_DIR/bin"
log() { printf '[setup] %s\n' "$*" >&2; }

apt_updated=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $apt_updated -eq 0 ]; then apt-get update -qq; apt_updated=1; fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# 1. Browsers for the end-to-end and wasm-bindgen tests.
apt_install chromium chromium-driver ca-certificates fonts-dejavu-core fonts-wqy-microhei

# 2. A wasm32 standard library: rustup's target (path A) or Debian's rustc-web with std sources (path B).
has_rustup_target() {
  command -v rustc >/dev/null 2>&1 || return 1
  compgen -G "$(rustc --print sysroot)/lib/rustlib/wasm32-unknown-unknown/lib/libstd-*.rlib" >/dev/null
}
# CONV2D_WASM_PATH=b forces path B (to test it on a machine where path A works).
if [ "${CONV2D_WASM_PATH:-}" = b ]; then
  has_rustup_target() { return 1; }
fi
if ! has_rustup_target && command -v rustup >/dev/null 2>&1 && [ "${CONV2D_WASM_PATH:-}" != b ]; then
  log "trying rustup target add wasm32-unknown-unknown"
  timeout 90 rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || log "rustup target add failed or hung"
fi
if has_rustup_target; then
  log "wasm32: rustup target (path A)"
  rm -f "$TOOLS_DIR/path-b"
else
  log "wasm32: Debian rustc-web + build-std (path B)"
  apt_install rustc-web cargo-web rust-web-src lld-22
  mkdir -p "$TOOLS_DIR/debian-rust"
  for t in cargo rustc rustdoc; do ln -sf "/usr/bin/$t" "$TOOLS_DIR/debian-rust/$t"; done
  # rustc links wasm32 with `rust-lld -flavor wasm`. Debian ships /usr/bin/rust-lld -> lld-22 in
  # rust-web-llvm, a Recommends of rustc-web that --no-install-recommends skips (and it pulls all of
  # llvm-22): the same link in the tools dir, on PATH only inside scripts/wasm-env, does the job.
  ln -sf /usr/bin/lld-22 "$TOOLS_DIR/debian-rust/rust-lld"
  touch "$TOOLS_DIR/path-b"
fi

# 3. wasm-bindgen-cli, exactly the crate's version.
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
fi

# 4. Trunk.
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  log "cargo install trunk $TRUNK_VERSION (about ten minutes)"
  cargo install trunk --version "=$TRUNK_VERSION" --locked --ignore-rust-version --force
fi

# 5. wasm-opt from npm's binaryen (Debian's is too old for current Rust output).
if [ "$("$TOOLS_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null | awk '{print $3}')" != "$BINARYEN_NPM_VERSION" ]; then
  log "npm install binaryen@$BINARYEN_NPM_VERSION"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" "binaryen@$BINARYEN_NPM_VERSION" >/dev/null
fi

# 6. Playwright for the browser tests (no browser download: Debian's chromium is used).
if [ ! -d "$root/e2e/node_modules/playwright-core" ] || [ "$root/e2e/package-lock.json" -nt "$root/e2e/node_modules/.package-lock.json" ]; then
  log "npm ci in e2e/"
  (cd "$root/e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --silent --no-audit --no-fund >/dev/null)
fi
log "done"
