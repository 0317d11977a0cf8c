#!/usr/bin/env python3
"""Writes crates/conv2d-core/tests/fixtures/stacks_grad.jsonl from real PyTorch
(`python3 scripts/gen_fixtures_stack_grad.py`; needs torch, not numpy): random stacks of the layers the
playground has (gen_fixtures_stack.py's layer picker, plus transposed convolutions with groups, dilation
and output_padding), each a list of {"op", PyTorch's argument names, the convolutions' weight and bias},
in eval mode, with three things PyTorch measured:

- "grad": for a cell of tensor t (0 = the input, i + 1 = after layer i), the gradient of that cell with
  respect to every earlier tensor (autograd, retain_grad), with the stack's own integer weights and
  input. A case whose gradient in float64 differs from float32's (a max pool's tie or a ReLU's sign
  decided by rounding) is skipped: which side wins there is rounding, not a rule.
- "back": for a cell of tensor t, the cells of every earlier tensor with a nonzero gradient.
- "reach": for a cell of tensor t, the cells of every later tensor with a nonzero tangent
  (torch.func.jvp with a one-hot tangent on the cell).

Three stacks chosen for a rule come last, with gradients of a few cells: ResNet-18's stem on 3x32x32,
ReLU and LeakyReLU at exactly 0, and a max pool's ties.

"back" and "reach" read each layer as windows: weights in [0.5, 1], biases 0, the input in [0.1, 1.1]
(so every value is positive and no ReLU blocks anything a window holds), every MaxPool2d read as its
whole window (an AvgPool2d of the same arguments; with dilation, a depthwise convolution of ones over the
same taps, cropped to the max pool's own output shape), and Sigmoid and Tanh as Identity (they saturate
to a zero derivative in float32 on large positive values). The sets are products of channels, rows and
columns; the script asserts it and writes the three."""
import json
import random
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

from gen_fixtures_stack import FIXTURES, OPS, random_layer, tensor_list


def grad_layer(c):
    """gen_fixtures_stack's picker, with more max pools, and convolutions it does not make."""
    r = random.random()
    if r < 0.15:
        k, d = random.choice([2, 3]), random.choice([1, 1, 2])
        return ("MaxPool2d", dict(kernel_size=k, stride=random.choice([None, 1, 2]),
                                  padding=random.choice(range((d * (k - 1) + 1) // 2 + 1)), dilation=d,
                                  ceil_mode=random.choice([False, True]))), c
    if r < 0.23:
        g = 2 if c % 2 == 0 and random.random() < 0.5 else 1
        s, d = random.choice([1, 2, 3]), random.choice([1, 2])
        out = random.choice([1, 2]) * g
        kw = dict(in_channels=c, out_channels=out, kernel_size=random.choice([2, 3]), stride=s,
                  padding=random.choice([0, 1, 2]), output_padding=random.choice(range(max(s, d))),
                  groups=g, dilation=d, bias=random.random() < 0.7)
        return ("ConvTranspose2d", kw), out
    if r < 0.3:
        return ("Conv2d", dict(in_channels=c, out_channels=random.choice([1, 3]), kernel_size=[3, 2],
                               stride=[1, 2], padding=[2, 1], bias=False,
                               padding_mode=random.choice(["zeros", "replicate", "circular"]))), None
    return random_layer(c)


def make(spec, dtype=torch.float32):
    modules = []
    for name, kw in spec:
        modules.append(getattr(nn, name)(**kw).to(dtype))
    return nn.Sequential(*modules).eval()


def entries(spec, model):
    lines = []
    for (name, kw), m in zip(spec, model):
        # A convolution's "bias" is its values, or absent for bias=False.
        entry = {"op": OPS[name], **{k: (list(v) if isinstance(v, tuple) else v) for k, v in kw.items()
                                     if k != "bias"}}
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
            entry["weight"] = tensor_list(m.weight)
            if m.bias is not None:
                entry["bias"] = tensor_list(m.bias)
        lines.append(entry)
    return lines


def run(model, x):
    """Every tensor of the stack, the input first, each keeping its gradient."""
    xs = [x]
    for m in model:
        y = m(xs[-1])
        if y.requires_grad:
            y.retain_grad()
        xs.append(y)
    return xs


def grads_of(model, x, t, cell):
    x = x.clone().requires_grad_(True)
    xs = run(model, x)
    xs[t][(0, *cell)].backward()
    return [torch.zeros_like(v) if v.grad is None else v.grad for v in xs[:t]]


def product(nonzero):
    """The nonzero cells of a (1, C, H, W) tensor as channels, rows, columns (asserting a product)."""
    nz = nonzero[0].nonzero()
    sets = [sorted(set(int(v) for v in nz[:, i])) for i in range(3)]
    assert len(nz) == len(sets[0]) * len(sets[1]) * len(sets[2]), "not a product"
    return sets


class Window(nn.Module):
    """A max pool with dilation read as its whole window: a depthwise convolution of ones over its taps
    on the input padded with zeros, cropped to the max pool's own output shape."""

    def __init__(self, pool):
        super().__init__()
        self.pool = pool

    def forward(self, x):
        p = self.pool
        k, s, pad, d = p.kernel_size, p.stride, p.padding, p.dilation
        out = p(x.detach()).shape
        c = x.shape[1]
        padded = F.pad(x, (pad, pad + k * d + s, pad, pad + k * d + s))
        w = torch.ones(c, 1, k, k, dtype=x.dtype)
        y = F.conv2d(padded, w, stride=s, dilation=d, groups=c)
        return y[:, :, :out[2], :out[3]]


def windows(spec, model):
    """The stack read as windows (see the module's note)."""
    layers = []
    for (name, kw), m in zip(spec, model):
        if name == "MaxPool2d":
            if kw.get("dilation", 1) == 1:
                layers.append(nn.AvgPool2d(kw["kernel_size"], kw["stride"], kw["padding"], kw["ceil_mode"]))
            else:
                layers.append(Window(m))
        elif name in ("Sigmoid", "Tanh"):
            layers.append(nn.Identity())
        else:
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
                with torch.no_grad():
                    m.weight.uniform_(0.5, 1.0)
                    if m.bias is not None:
                        m.bias.zero_()
            layers.append(m)
    return nn.Sequential(*layers).eval()


def random_cell(shape):
    return [random.randrange(n) for n in shape]


def case(n):
    c = random.choice([1, 2, 3])
    inp = [c, random.choice([6, 8, 9, 11, 12]), random.choice([7, 9, 10, 13])]
    spec = []
    for _ in range(random.randint(2, 4)):
        layer, out = grad_layer(c)
        spec.append(layer)
        c = c if out is None else out
    try:
        model = make(spec)
    except (RuntimeError, ValueError):
        return None
    with torch.no_grad():
        for m in model:
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
                m.weight.copy_(torch.randint(-2, 3, m.weight.shape).float())
                if m.bias is not None:
                    m.bias.copy_(torch.randint(-2, 3, m.bias.shape).float())
    x = torch.randint(-3, 4, [1, *inp]).float()
    try:
        with torch.no_grad():
            shapes = [list(v.shape[1:]) for v in run(model, x)]
    except (RuntimeError, ValueError):
        return None
    if any(0 in s for s in shapes):
        return None
    out = {"name": f"grad/{n}", "layers": entries(spec, model), "input": tensor_list(x[0]), "shapes": shapes}

    # The gradient of a cell of tensor t with respect to every earlier tensor, when rounding does not
    # decide it.
    t = random.randint(1, len(spec))
    cell = random_cell(shapes[t])
    got = grads_of(model, x, t, cell)
    m64 = make(spec, torch.float64)
    m64.load_state_dict({k: v.double() for k, v in model.state_dict().items()})
    wide = grads_of(m64, x.double(), t, cell)
    if all(torch.allclose(a.double(), b, rtol=1e-4, atol=1e-4) for a, b in zip(got, wide)):
        out["grad"] = {"t": t, "cell": cell, "grads": [tensor_list(g[0]) for g in got]}

    # Which cells a cell can change, and which can change it, with the stack read as windows.
    win = windows(spec, make(spec))
    xw = (torch.rand(1, *inp) + 0.1)
    tb = random.randint(1, len(spec))
    cb = random_cell(shapes[tb])
    back = grads_of(win, xw, tb, cb)
    out["back"] = {"t": tb, "cell": cb, "fields": [product(g != 0) for g in back]}
    tr = random.randint(0, len(spec) - 1)
    cr = random_cell(shapes[tr])
    with torch.no_grad():
        xs = run(win, xw)
    tangent = torch.zeros_like(xs[tr])
    tangent[(0, *cr)] = 1.0

    def rest(v):
        ys = []
        for m in list(win)[tr:]:
            v = m(v)
            ys.append(v)
        return tuple(ys)

    _, tangents = torch.func.jvp(rest, (xs[tr],), (tangent,))
    out["reach"] = {"t": tr, "cell": cr, "fields": [product(g != 0) for g in tangents]}
    return out


def small_ints(model, lo, hi):
    with torch.no_grad():
        for m in model:
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
                m.weight.copy_(torch.randint(lo, hi + 1, m.weight.shape).float())
                if m.bias is not None:
                    m.bias.zero_()


def chosen(name, spec, lo, hi, inp, cells):
    """A stack picked for a rule, with small integer weights and input (zeros and ties are common),
    and the gradients of the cells given."""
    model = make(spec)
    small_ints(model, lo, hi)
    x = torch.randint(lo, hi + 1, [1, *inp]).float()
    out = {"name": name, "layers": entries(spec, model), "input": tensor_list(x[0]), "cells": []}
    for t, cell in cells:
        out["cells"].append({"t": t, "cell": cell, "grads": [tensor_list(g[0]) for g in grads_of(model, x, t, cell)]})
    return out, model, x


def chosen_cases():
    conv = lambda i, o, k, **kw: ("Conv2d", dict(in_channels=i, out_channels=o, kernel_size=k, **kw))
    # ResNet-18's stem on a small picture.
    stem, _, _ = chosen("stem", [conv(3, 8, 7, stride=2, padding=3, bias=False), ("BatchNorm2d", dict(num_features=8)),
                                 ("ReLU", {}), ("MaxPool2d", dict(kernel_size=3, stride=2, padding=1))],
                        -2, 2, [3, 32, 32], [(4, [3, 4, 5]), (4, [0, 0, 7]), (1, [5, 15, 0])])
    # ReLU and LeakyReLU at exactly 0 (PyTorch's derivative there: 0 and the slope).
    spec = [conv(2, 3, 3, padding=1, bias=False), ("ReLU", {}), conv(3, 3, 3, padding=1, bias=False),
            ("LeakyReLU", dict(negative_slope=0.2)), conv(3, 1, 3, bias=False)]
    zeros, model, x = chosen("relu at 0", spec, -1, 1, [2, 8, 8], [(5, [0, 2, 3]), (5, [0, 5, 5])])
    with torch.no_grad():
        xs = run(model, x)
    assert (xs[1] == 0).any() and (xs[3] == 0).any(), "no zeros"
    # A max pool's ties: the first largest in window order wins.
    spec = [conv(1, 2, 2, bias=False), ("MaxPool2d", dict(kernel_size=3, stride=2, padding=1)),
            conv(2, 1, 2, bias=False), ("MaxPool2d", dict(kernel_size=2, stride=1, dilation=2, ceil_mode=True))]
    ties, _, _ = chosen("max pool ties", spec, 0, 1, [1, 12, 12], [(4, [0, 1, 1]), (2, [1, 3, 2]), (3, [0, 4, 4])])
    return [stem, zeros, ties]


def main():
    random.seed(12)
    torch.manual_seed(12)
    cases = []
    n = 0
    while len(cases) < 70:
        c = case(n)
        n += 1
        if c is not None:
            cases.append(c)
    out = FIXTURES / "stacks_grad.jsonl"
    out.write_text("".join(json.dumps(c) + "\n" for c in cases + chosen_cases()))
    print(f"torch {torch.__version__}: wrote {len(cases)} stacks ({sum('grad' in c for c in cases)} with "
          f"gradients) and 3 chosen stacks to {out}")


if __name__ == "__main__":
    main()
