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

# Receptive fields both ways, from PyTorch itself: with all-positive weights (the page's box_blur), an
# output cell's inputs are the cells whose gradient is non-zero, and an input cell feeds the outputs
# that change when it changes. The browser tests hover these cells and compare.
RF_CASES = [
    # name, query for the page, (C, H, W), out, k, p, s, d, g, padding_mode, output cell, input cell
    ("figure1", (3, 7, 7), 2, 3, 1, 2, 2, 1, "zeros", (1, 1, 1), (0, 0, 0)),
    ("reflect", (2, 6, 6), 2, 3, 2, 1, 1, 1, "reflect", (0, 0, 0), (1, 1, 0)),
    ("circular_grouped", (4, 5, 5), 4, 3, 1, 2, 1, 2, "circular", (3, 2, 0), (2, 4, 4)),
    ("dilated_asym", (2, 7, 7), 1, (3, 3), (1, 1), (1, 1), (4, 2), 1, "replicate", (0, 0, 4), (0, 6, 0)),
]
rf = []
for name, inp, oc, k, p, s, d, g, mode, out_cell, in_cell in RF_CASES:
    m = torch.nn.Conv2d(inp[0], oc, k, stride=s, padding=p, dilation=d, groups=g, padding_mode=mode)
    with torch.no_grad():
        m.weight.fill_(1.0 / m.weight[0].numel())
        m.bias.zero_()
    x = torch.rand(inp, requires_grad=True)
    y = m(x)
    y[out_cell].backward()
    inputs = sorted(tuple(map(int, i)) for i in (x.grad != 0).nonzero())
    x2 = x.detach().clone()
    x2[in_cell] += 1.0
    with torch.no_grad():
        outputs = sorted(tuple(map(int, i)) for i in ((m(x2) - y.detach()).abs() > 1e-6).nonzero())
    pair = lambda v: list(v) if isinstance(v, tuple) else [v, v]
    rf.append({"name": name, "input": list(inp), "out_channels": oc, "kernel_size": pair(k), "padding": pair(p),
               "stride": pair(s), "dilation": pair(d), "groups": g, "padding_mode": mode,
               "output_cell": list(out_cell), "inputs_of_output": inputs,
               "input_cell": list(in_cell), "outputs_of_input": outputs, "shape": list(y.shape)})
rf_path = path.parent / "receptive_fields.json"
rf_path.write_text(json.dumps(rf) + "\n")
print(f"wrote {len(rf)} receptive-field cases to {rf_path}")
