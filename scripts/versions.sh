# Tool pins shared by every script. Keep in step with Cargo.toml (wasm-bindgen "=…") and Trunk.toml [tools].
WASM_BINDGEN_VERSION=0.2.130
TRUNK_VERSION=0.22.1
BINARYEN_NPM_VERSION=132
# Where machine-wide tools live, outside the work tree so a fresh clone (CI) reuses them.
TOOLS_DIR=${CONV2D_TOOLS_DIR:-$HOME/.cache/conv2d-playground/tools}
export RUSTUP_AUTO_INSTALL=0
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
