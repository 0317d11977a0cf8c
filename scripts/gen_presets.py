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

# ConvTranspose2d, from PyTorch likewise. Its four presets (shape, parameters) go with the figures.
TRANSPOSED = [
    # name, (C, H, W), out_channels, kernel, padding, stride, output_padding, dilation
    ("dcgan", (2, 4, 4), 1, (4, 4), (1, 1), (2, 2), (0, 0), (1, 1)),
    ("checkerboard", (1, 4, 4), 1, (3, 3), (0, 0), (2, 2), (0, 0), (1, 1)),
    ("undo-figure1", (2, 3, 3), 3, (3, 3), (1, 1), (2, 2), (0, 0), (2, 2)),
    ("stride1", (1, 5, 5), 1, (3, 3), (0, 0), (1, 1), (0, 0), (1, 1)),
]
for name, inp, oc, k, p, s, op, d in TRANSPOSED:
    m = torch.nn.ConvTranspose2d(inp[0], oc, k, stride=s, padding=p, output_padding=op, dilation=d)
    y = m(torch.zeros(inp))
    out.append({
        "name": name, "op": "conv_transpose2d", "input": list(inp), "out_channels": oc, "kernel_size": list(k),
        "padding": list(p), "stride": list(s), "output_padding": list(op), "dilation": list(d), "groups": 1,
        "shape": list(y.shape), "params": sum(t.numel() for t in m.parameters()),
    })
path.write_text(json.dumps(out, indent=1) + "\n")

# A transposed layer's receptive maps both ways, and its overlap map, from PyTorch: all-positive
# weights (box_blur) as above; the overlap map is the output of one channel of ones through a kernel of
# ones with no bias (each cell then sums one 1 per kernel tap that reaches it).
T_CASES = [
    # name, (C, H, W), out, k, p, s, output_padding, d, g, output cell, input cell
    ("dcgan", (2, 4, 4), 2, (4, 4), (1, 1), (2, 2), (0, 0), (1, 1), 1, (1, 3, 4), (0, 1, 2)),
    ("checker_op", (1, 3, 4), 2, (3, 3), (0, 0), (2, 2), (1, 1), (1, 1), 1, (0, 4, 3), (0, 2, 3)),
    ("grouped_dilated", (4, 3, 3), 2, (2, 3), (1, 1), (3, 3), (0, 1), (2, 2), 2, (1, 2, 5), (3, 1, 1)),
]
trf = []
for name, inp, oc, k, p, s, op, d, g, out_cell, in_cell in T_CASES:
    m = torch.nn.ConvTranspose2d(inp[0], oc, k, stride=s, padding=p, output_padding=op, dilation=d, groups=g)
    with torch.no_grad():
        m.weight.fill_(1.0 / (k[0] * k[1]))
        m.bias.zero_()
    x = torch.rand(inp, requires_grad=True)
    y = m(x)
    y[out_cell].backward()
    inputs = sorted(tuple(map(int, i)) for i in (x.grad != 0).nonzero())
    x2 = x.detach().clone()
    x2[in_cell] += 1.0
    with torch.no_grad():
        outputs = sorted(tuple(map(int, i)) for i in ((m(x2) - y.detach()).abs() > 1e-6).nonzero())
        ones = torch.nn.ConvTranspose2d(1, 1, k, stride=s, padding=p, output_padding=op, dilation=d, bias=False)
        ones.weight.fill_(1.0)
        overlap = ones(torch.ones(1, *inp[1:]))[0].round().int().tolist()
    trf.append({"name": name, "input": list(inp), "out_channels": oc, "kernel_size": list(k), "padding": list(p),
                "stride": list(s), "output_padding": list(op), "dilation": list(d), "groups": g,
                "output_cell": list(out_cell), "inputs_of_output": inputs,
                "input_cell": list(in_cell), "outputs_of_input": outputs, "shape": list(y.shape),
                "overlap": overlap})

# "Transpose this layer" from each figure: the output_padding (per axis) for which PyTorch's
# ConvTranspose2d with the Conv2d's other arguments, channels swapped, takes the Conv2d's output shape
# back to its input shape — found by trying every value PyTorch allows — or null where none does.
undo = []
# A Conv2d whose floor division drops a row and a column: 8 → 4 with k3 s2 p1, so 4 → 8 needs
# output_padding 1 on each axis.
floored = {"name": "floored", "input": [1, 8, 8], "out_channels": 2, "kernel_size": [3, 3], "padding": [1, 1],
           "stride": [2, 2], "dilation": [1, 1], "groups": 1}
floored["shape"] = list(torch.nn.Conv2d(1, 2, 3, stride=2, padding=1)(torch.zeros(1, 8, 8)).shape)
for f in out[:9] + [floored]:
    conv_out = f["shape"]
    found = None
    s, d = f["stride"], f["dilation"]
    for oph in range(max(s[0], d[0])):
        for opw in range(max(s[1], d[1])):
            try:
                t = torch.nn.ConvTranspose2d(f["out_channels"], f["input"][0], f["kernel_size"], stride=s,
                                             padding=f["padding"], output_padding=(oph, opw), dilation=d,
                                             groups=f["groups"])
                if list(t(torch.zeros(conv_out)).shape) == f["input"] and found is None:
                    found = [oph, opw]
            except (ValueError, RuntimeError):
                pass
    undo.append({"name": f["name"], "output_padding": found, "shape": f["input"], "input": conv_out,
                 "conv": {k: f[k] for k in ("input", "out_channels", "kernel_size", "padding", "stride",
                                            "dilation", "groups")}})
t_path = path.parent / "transpose.json"
t_path.write_text(json.dumps({"receptive": trf, "undo": undo}) + "\n")
print(f"wrote {len(trf)} transposed receptive-field cases and {len(undo)} transposes to {t_path}")
