#!/usr/bin/env bash
# Installs what the project needs, only what is missing (idempotent). Paths:
#  - Debian 12 as root (CI): apt for what is missing, cargo/npm for the pinned tools.
#  - Debian as a user: nothing needs root when a Chromium and the fonts are already there; otherwise
#    apt through sudo, or (without sudo) the exact apt-get line to run as root.
#  - macOS: Homebrew for node and the browser (or the exact brew line when brew is missing).
# The pinned tools (wasm-bindgen-cli, Trunk, wasm-opt from npm's binaryen) are the same on every path.
# `--build-only` skips what only the tests need (the browser, fonts, playwright-core).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=versions.sh
. "$here/versions.sh"
export PATH="$HOME/.cargo/bin:$PATH"
mkdir -p "$TOOLS_DIR/bin"
log() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] %s\n' "$*" >&2; exit 1; }
build_only=0
[ "${1:-}" = --build-only ] && build_only=1
os=$(uname -s)

# --- system packages -------------------------------------------------------------------------------
# Runs a command as root: directly when root, through sudo otherwise; without sudo, says what to run.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then log "sudo $*"; sudo "$@"
  else die "needs root for: $*  (run that as root, or install sudo, then run this script again)"
  fi
}
apt_updated=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 \
    || die "missing: ${missing[*]} (Debian package names); no apt-get here, install their equivalents"
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    die "missing: ${missing[*]}. Run as root:  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  fi
  if [ $apt_updated -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  log "apt-get install ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# A Chromium for the browser tests: $CHROMIUM, else Debian's, Chromium or Google Chrome where the
# system puts them. e2e/lib.mjs looks in the same places (keep the two lists in step).
if [ -n "${CHROMIUM:-}" ] && [ ! -x "$CHROMIUM" ]; then die "CHROMIUM=$CHROMIUM is not an executable"; fi
find_chromium() {
  if [ -n "${CHROMIUM:-}" ]; then echo "$CHROMIUM"; return 0; fi
  local c
  for c in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable \
    /opt/google/chrome/chrome "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" \
    "/Applications/Chromium.app/Contents/MacOS/Chromium"; do
    [ -x "$c" ] && { echo "$c"; return 0; }
  done
  return 1
}
# Fonts for screenshots and `conv2d render`: DejaVu (or any sans the renderer falls back to) and a
# font with Chinese glyphs.
has_fonts() {
  if [ "$os" = Darwin ]; then return 0; fi # macOS ships Helvetica/Arial and PingFang
  command -v fc-list >/dev/null 2>&1 || return 1
  # (grep without -q: under pipefail an early exit would fail fc-list with SIGPIPE)
  fc-list : family | grep -i 'dejavu sans' >/dev/null && [ -n "$(fc-list :lang=zh family)" ]
}

# --- 1. node/npm, the browser and the fonts ----------------------------------------------------------
if [ "$os" = Darwin ]; then
  brew_missing=()
  command -v npm >/dev/null 2>&1 || brew_missing+=(node)
  command -v cargo >/dev/null 2>&1 || die "no cargo: install Rust with rustup (https://rustup.rs, or: brew install rustup && rustup-init -y), then run this again"
  if [ ${#brew_missing[@]} -gt 0 ]; then
    command -v brew >/dev/null 2>&1 || die "missing: ${brew_missing[*]}. Install Homebrew (https://brew.sh), then: brew install ${brew_missing[*]}"
    log "brew install ${brew_missing[*]}"; brew install "${brew_missing[@]}"
  fi
  if [ $build_only -eq 0 ] && ! find_chromium >/dev/null; then
    command -v brew >/dev/null 2>&1 || die "no Chrome or Chromium: install Google Chrome, or Homebrew and then: brew install --cask google-chrome (or set CHROMIUM=/path/to/chrome)"
    log "brew install --cask google-chrome"; brew install --cask google-chrome
  fi
else
  need=()
  command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
  [ -e /etc/ssl/certs/ca-certificates.crt ] || need+=(ca-certificates)
  if [ $build_only -eq 0 ]; then
    if chrome=$(find_chromium); then log "browser: $chrome"; else need+=(chromium chromium-driver); fi
    has_fonts || need+=(fonts-dejavu-core fonts-wqy-microhei)
  fi
  [ ${#need[@]} -eq 0 ] || apt_install "${need[@]}"
fi

# --- 2. A wasm32 standard library: rustup's target (path A) or Debian's rustc-web with std sources (path B).
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
  # Under a time limit where there is one (it hung once on a closed network; macOS has no `timeout`).
  limit=(); command -v timeout >/dev/null 2>&1 && limit=(timeout 90)
  ${limit[@]+"${limit[@]}"} rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || log "rustup target add failed or hung"
fi
if has_rustup_target; then
  log "wasm32: rustup target (path A)"
  rm -f "$TOOLS_DIR/path-b"
elif [ "$os" = Darwin ]; then
  die "no wasm32 standard library: run  rustup target add wasm32-unknown-unknown  (Homebrew's rust has none; use rustup)"
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

# --- 3. wasm-bindgen-cli, exactly the crate's version.
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
fi

# --- 4. Trunk.
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  log "cargo install trunk $TRUNK_VERSION (10-15 minutes on 2 cores)"
  cargo install trunk --version "=$TRUNK_VERSION" --locked --ignore-rust-version --force
fi

# --- 5. wasm-opt from npm's binaryen (Debian's and Homebrew's are not this version).
if [ "$("$TOOLS_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null | awk '{print $3}')" != "$BINARYEN_NPM_VERSION" ]; then
  log "npm install binaryen@$BINARYEN_NPM_VERSION"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" "binaryen@$BINARYEN_NPM_VERSION" >/dev/null
fi

# --- 6. Playwright for the browser tests (no browser download: the system's Chromium is used).
if [ $build_only -eq 0 ]; then
  if [ ! -d "$root/e2e/node_modules/playwright-core" ] || [ "$root/e2e/package-lock.json" -nt "$root/e2e/node_modules/.package-lock.json" ]; then
    log "npm ci in e2e/"
    (cd "$root/e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --silent --no-audit --no-fund >/dev/null)
  fi
fi
log "done"
