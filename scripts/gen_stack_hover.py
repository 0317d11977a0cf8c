#!/usr/bin/env python3
"""Writes e2e/fixtures/stack_hover.json from real PyTorch (`python3 scripts/gen_stack_hover.py`; needs
torch): for a few stacks and cells of their tensors, the cells of every tensor that light up when the
page's strip focuses that cell, measured by autograd. Backwards (earlier tensors): the cells whose
gradient of the focused cell is not zero. Forwards (later tensors): the cells whose forward-mode
derivative along the focused cell is not zero. All weights and inputs positive, biases zero, and each
MaxPool2d read as its window (timed as an AvgPool2d with the same arguments), so every cell that can
change the focus shows as a non-zero; the page's sets do not depend on its weights."""
import json
from pathlib import Path

import torch
from torch import nn
import torch.autograd.forward_ad as fwAD

torch.manual_seed(3)

# (text as the page holds it, input (C, H, W), focused cells (tensor, c, y, x)).
CASES = [
    ("nn.Sequential(\n    nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(),\n    nn.MaxPool2d(2),\n    nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(),\n"
     "    nn.ConvTranspose2d(16, 8, 2, stride=2),\n    nn.Conv2d(8, 1, 1),\n)", [1, 32, 32],
     [(7, 0, 16, 16), (4, 3, 5, 9), (3, 0, 0, 15), (0, 0, 10, 11)]),
    ("nn.Sequential(\n    nn.Conv2d(3, 2, 3, stride=2, padding=1, dilation=2),\n    nn.Conv2d(2, 2, 3, stride=2, padding=1, dilation=2),\n)",
     [3, 7, 7], [(2, 1, 0, 0), (1, 0, 1, 2)]),
    ("Conv2d(2, 4, 3, padding=2, padding_mode='reflect', groups=2), AvgPool2d(3, 2, 1, ceil_mode=True), Conv2d(4, 4, 3, dilation=2, padding=2, padding_mode='circular')",
     [2, 12, 10], [(3, 1, 0, 4), (2, 3, 2, 2), (1, 0, 6, 0)]),
]


def as_windows(model):
    """The model with positive weights, zero biases and max pools read as average pools."""
    layers = []
    for layer in model:
        if isinstance(layer, nn.MaxPool2d):
            assert layer.dilation in (1, (1, 1))
            layer = nn.AvgPool2d(layer.kernel_size, layer.stride, layer.padding, ceil_mode=layer.ceil_mode)
        if isinstance(layer, (nn.Conv2d, nn.ConvTranspose2d)):
            with torch.no_grad():
                layer.weight.uniform_(0.5, 1.5)
                if layer.bias is not None:
                    layer.bias.zero_()
        layers.append(layer)
    return nn.Sequential(*layers).eval()


def tensors(model, x):
    out = [x]
    for layer in model:
        out.append(layer(out[-1]))
    return out


def lit(grad):
    nz = (grad[0].abs() > 0).nonzero().tolist()
    return {"channels": sorted({c for c, _, _ in nz}), "rows": sorted({y for _, y, _ in nz}),
            "cols": sorted({x for _, _, x in nz})}


def case(text, shape, cells):
    env = dict(vars(nn))
    env["nn"] = nn
    model = as_windows(eval(text if text.startswith("nn.Sequential") else f"nn.Sequential({text})", env))
    x0 = torch.rand(1, *shape) + 0.5
    focuses = []
    for t, c, y, xx in cells:
        # Backwards: the gradient of the cell with respect to every earlier tensor.
        x = x0.clone().requires_grad_(True)
        outs = tensors(model, x)
        for o in outs:
            if o.requires_grad:
                o.retain_grad()
        outs[t][0, c, y, xx].backward()
        back = [lit(outs[k].grad) for k in range(t)]
        # Forwards: the derivative of every later tensor along the cell.
        with torch.no_grad():
            start = tensors(model, x0)[t]
        with fwAD.dual_level():
            tangent = torch.zeros_like(start)
            tangent[0, c, y, xx] = 1.0
            h = fwAD.make_dual(start, tangent)
            ahead = []
            for layer in list(model)[t:]:
                h = layer(h)
                ahead.append(lit(fwAD.unpack_dual(h).tangent))
        assert outs[t].shape[1:] == start.shape[1:]
        focuses.append({"focus": [t, c, y, xx], "lit": back + [{"channels": [c], "rows": [y], "cols": [xx]}] + ahead})
    return {"text": text, "input": shape, "shapes": [list(o.shape[1:]) for o in tensors(model, x0)], "focuses": focuses}


out = Path(__file__).resolve().parent.parent / "e2e" / "fixtures" / "stack_hover.json"
out.write_text(json.dumps([case(*c) for c in CASES]) + "\n")
print(f"wrote {out}")
