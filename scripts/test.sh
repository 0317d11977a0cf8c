#!/usr/bin/env bash
# Every test of the project, exactly what CI runs: set-up, formatting, lints, native tests (core,
# properties, golden fixtures from PyTorch, CLI, Yew SSR), the release site build with its size
# budget and the one-file page, then the browser tests in headless Chromium (Debian's, or $CHROMIUM).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
. "$here/versions.sh"
step() { printf '\n==> %s\n' "$*"; }

step "set-up"
"$here/setup.sh"
step "cargo fmt --check"
cargo fmt --all --check
step "cargo clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings
step "cargo test (native)"
cargo test --workspace --release
step "site build (wasm), the one-file page"
"$here/wasm-env" trunk build --release
node "$here/single-file.mjs"
"$here/size.sh"
step "browser tests (playwright-core + the system's Chromium)"
(cd e2e && node --test --test-reporter=spec)
