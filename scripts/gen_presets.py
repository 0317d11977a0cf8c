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

# The scaling charts' counts, from PyTorch: for figure 1 and figure 9, each swept argument over a wide
# range of values, the parameter count (sum of numel) and MACs (output numel × in/groups × kH × kW), or
# the rejection. The browser tests read the page's data-series and compare every point.
SWEEPS = {
    "in_channels": range(1, 41), "out_channels": range(1, 41), "kernel_size": range(1, 12),
    "stride": range(1, 9), "padding": range(0, 11), "dilation": range(1, 9), "groups": range(1, 17),
    "input_size": range(1, 70),
}
charts = []
for base in ("figure1", "figure9"):
    f = next(p for p in out if p["name"] == base)
    for arg, xs in SWEEPS.items():
        for x in xs:
            c = dict(in_channels=f["input"][0], out_channels=f["out_channels"], kernel_size=tuple(f["kernel_size"]),
                     stride=tuple(f["stride"]), padding=tuple(f["padding"]), dilation=tuple(f["dilation"]),
                     groups=f["groups"])
            hw = f["input"][1:]
            if arg == "input_size":
                hw = [x, x]
            elif arg in ("kernel_size", "stride", "padding", "dilation"):
                c[arg] = (x, x)
            else:
                c[arg] = x
            try:
                m = torch.nn.Conv2d(**c)
                y = m(torch.zeros(c["in_channels"], *hw))
                params = sum(t.numel() for t in m.parameters())
                macs = y.numel() * (c["in_channels"] // c["groups"]) * c["kernel_size"][0] * c["kernel_size"][1]
                charts.append({"base": base, "arg": arg, "x": x, "params": params, "macs": macs})
            except (ValueError, RuntimeError) as e:
                charts.append({"base": base, "arg": arg, "x": x, "error": str(e)})
charts_path = path.parent / "chart_counts.json"
charts_path.write_text(json.dumps(charts) + "\n")
print(f"wrote {len(charts)} chart points to {charts_path}")
