#!/usr/bin/env bash
# Renders the seed article's nine figures as animated GIFs with `conv2d render` (the README's loop).
# Usage: scripts/render-seed-figures.sh [OUT_DIR]   (default: figures/)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-figures}
mkdir -p "$out"
cargo build --release -q -p conv2d-cli
conv2d=target/release/conv2d
# name  input  out_channels  kernel  padding  stride  dilation  groups
while read -r name input oc k p s d g; do
  "$conv2d" render --input "$input" --out-channels "$oc" -k "$k" -p "$p" -s "$s" -d "$d" -g "$g" \
    --scale 1 -o "$out/$name.gif"
done <<'FIGURES'
figure1 3,7,7 2 3 1 2 2 1
figure2 1,9,9 1 3 0 1 1 1
figure3 1,7,7 4 3 0 1 1 1
figure4 3,7,7 4 3 0 1 1 1
figure5 3,7,9 2 5,2 0 1 1 1
figure6 3,9,9 2 3 0 1,3 1 1
figure7 2,7,7 1 3 1 1 1 1
figure8 2,7,7 1 3 1 1 4,2 1
figure9 2,7,7 4 3 2 2 1 2
FIGURES
