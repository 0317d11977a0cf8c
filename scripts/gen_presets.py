#!/usr/bin/env python3
"""Writes e2e/fixtures/presets.json: for each of the seed article's nine figures, the output shape and
the parameter count that real PyTorch gives (`python3 scripts/gen_presets.py`; needs torch). The
browser tests compare the page with these numbers, never with numbers typed by hand."""
import json
from pathlib import Path

import torch

# name, (C, H, W), out_channels, kernel, padding, stride, dilation, groups — the article's labels.
FIGURES = [
    ("figure1", (3, 7, 7), 2, (3, 3), (1, 1), (2, 2), (2, 2), 1),
    ("figure2", (1, 9, 9), 1, (3, 3), (0, 0), (1, 1), (1, 1), 1),
    ("figure3", (1, 7, 7), 4, (3, 3), (0, 0), (1, 1), (1, 1), 1),
    ("figure4", (3, 7, 7), 4, (3, 3), (0, 0), (1, 1), (1, 1), 1),
    ("figure5", (3, 7, 9), 2, (5, 2), (0, 0), (1, 1), (1, 1), 1),
    ("figure6", (3, 9, 9), 2, (3, 3), (0, 0), (1, 3), (1, 1), 1),
    ("figure7", (2, 7, 7), 1, (3, 3), (1, 1), (1, 1), (1, 1), 1),
    ("figure8", (2, 7, 7), 1, (3, 3), (1, 1), (1, 1), (4, 2), 1),
    ("figure9", (2, 7, 7), 4, (3, 3), (2, 2), (2, 2), (1, 1), 2),
]

out = []
for name, inp, oc, k, p, s, d, g in FIGURES:
    m = torch.nn.Conv2d(inp[0], oc, k, stride=s, padding=p, dilation=d, groups=g)
    y = m(torch.zeros(inp))
    out.append({
        "name": name, "input": list(inp), "out_channels": oc, "kernel_size": list(k), "padding": list(p),
        "stride": list(s), "dilation": list(d), "groups": g,
        "shape": list(y.shape), "params": sum(t.numel() for t in m.parameters()),
    })
path = Path(__file__).resolve().parent.parent / "e2e" / "fixtures" / "presets.json"
path.write_text(json.dumps(out, indent=1) + "\n")
print(f"torch {torch.__version__}: wrote {len(out)} presets to {path}")
