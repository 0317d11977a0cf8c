#!/usr/bin/env python3
"""Writes crates/conv2d-core/tests/fixtures/stacks.jsonl from real PyTorch (`python3 scripts/gen_fixtures_stack.py`;
needs torch): random stacks of the layers the playground has, written as nn.Sequential text, each with
its input (C, H, W) and what PyTorch makes of it on a batch of one in eval mode — the shape after each layer and the
parameter count, or the first layer it rejects with its sentence — and, for the stacks that run, the
receptive field of the final output's centre cell measured by autograd (all weights positive, biases
zero, max pools read as their windows by timing the same stack with each MaxPool2d as an AvgPool2d
with the same arguments): the extent in input pixels of the cells whose gradient is not zero."""
import json
import random
from pathlib import Path

import torch
from torch import nn

FIXTURES = Path(__file__).resolve().parent.parent / "crates" / "conv2d-core" / "tests" / "fixtures"


def pick_conv(c):
    k = random.choice([1, 2, 3, 3, 5, 7])
    s = random.choice([1, 1, 2, 3])
    d = random.choice([1, 1, 2])
    p = random.choice([0, 1, 2, k // 2])
    g = random.choice([1, 1, 2]) if c % 2 == 0 else 1
    out = random.choice([2, 4, 6, 8]) * g
    mode = random.choice(["zeros", "zeros", "zeros", "reflect", "replicate", "circular"])
    if mode == "reflect":
        p = min(p, 1)
    return f"nn.Conv2d({c}, {out}, kernel_size={k}, stride={s}, padding={p}, dilation={d}, groups={g}, padding_mode='{mode}')", out


def pick_convt(c):
    k = random.choice([2, 3, 4])
    s = random.choice([1, 2])
    p = random.choice([0, 1])
    op = random.choice([0, 0, 1]) if s > 1 else 0
    out = random.choice([2, 4])
    return f"nn.ConvTranspose2d({c}, {out}, {k}, stride={s}, padding={p}, output_padding={op})", out


def pick_pool():
    k = random.choice([2, 3])
    s = random.choice([None, 1, 2])
    p = random.choice([0, 1]) if k == 3 else 0
    ceil = random.choice([False, False, True])
    kind = random.choice(["MaxPool2d", "AvgPool2d"])
    stride = "" if s is None else f", stride={s}"
    return f"nn.{kind}({k}{stride}, padding={p}, ceil_mode={ceil})"


def stack(c):
    parts = []
    for _ in range(random.randint(2, 5)):
        r = random.random()
        if r < 0.45:
            text, c = pick_conv(c)
        elif r < 0.55:
            text, c = pick_convt(c)
        elif r < 0.75:
            text = pick_pool()
        elif r < 0.85:
            text = f"nn.BatchNorm2d({c})"
        else:
            text = random.choice(["nn.ReLU(inplace=True)", "nn.GELU()", "nn.LeakyReLU(0.1)", "nn.Identity()", "nn.Dropout(0.2)"])
        parts.append(text)
    if random.random() < 0.15:
        parts.append(f"nn.AdaptiveAvgPool2d({random.choice([1, 2, '(None, 3)'])})")
    # Now and then a mistake: the wrong channel count, a pool PyTorch refuses.
    if random.random() < 0.25:
        i = random.randrange(len(parts))
        parts[i] = random.choice([
            f"nn.BatchNorm2d({c + 3})", "nn.MaxPool2d(3, stride=2, padding=2)", "nn.AvgPool2d(2, stride=0)",
            f"nn.Conv2d({c + 1}, 4, 3)", "nn.MaxPool2d(40)",
        ])
    return parts


def run(parts, inp):
    # A call Python refuses: its own sentence, at the layer of the call.
    for i, part in enumerate(parts):
        try:
            eval(part)
        except (TypeError, SyntaxError) as e:
            return {"shapes": [], "error": e.msg if isinstance(e, SyntaxError) else str(e), "layer": i}
    model = eval("nn.Sequential(" + ", ".join(parts) + ")")
    # Inference, as the playground shows a stack: model.eval() (a BatchNorm2d then takes a single
    # value per channel, and Dropout passes everything).
    model.eval()
    x = torch.rand(1, *inp)
    shapes = []
    for i, layer in enumerate(model):
        try:
            x = layer(x)
        except (RuntimeError, ValueError) as e:
            return {"shapes": shapes, "error": str(e).split("\n")[0], "layer": i}
        shapes.append(list(x.shape[1:]))
    params = sum(p.numel() for p in model.parameters())
    return {"shapes": shapes, "params": params}


def field(parts, inp):
    """The receptive field of the final output's centre cell, by autograd."""
    text = ", ".join(p.replace("nn.MaxPool2d", "nn.AvgPool2d").replace("inplace=True", "inplace=False") for p in parts)
    model = eval("nn.Sequential(" + text + ")")
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
                m.weight.uniform_(0.5, 1.0)
                if m.bias is not None:
                    m.bias.zero_()
    model.eval()
    x = torch.rand(1, *inp, requires_grad=True)
    y = model(x)
    _, _, h, w = y.shape
    if h == 0 or w == 0:
        return None
    y[0, 0, h // 2, w // 2].backward()
    nz = (x.grad[0] != 0).nonzero()
    if len(nz) == 0:
        return None
    cs, ys, xs = (sorted(set(int(v) for v in nz[:, i])) for i in range(3))
    # What a cell sees is a product of channels, rows and columns: the fixture keeps the three.
    assert len(nz) == len(cs) * len(ys) * len(xs), "not a product"
    return {"cell": [0, h // 2, w // 2], "channels": cs, "row_set": ys, "col_set": xs,
            "rows": [ys[0], ys[-1]], "cols": [xs[0], xs[-1]]}


# Edge cases picked by hand, what PyTorch says of each taken from PyTorch: pools' checks in its order
# (per axis, height first), BatchNorm2d's parameters with affine or bias off, calls Python refuses.
EDGES = [
    ["nn.MaxPool2d(0, stride=1, padding=1)"],
    ["nn.MaxPool2d(2, stride=1, padding=-1, dilation=0)"],
    ["nn.MaxPool2d(3, stride=1, padding=(1, 3))"],
    ["nn.MaxPool2d(3, stride=1, padding=(3, 1))"],
    ["nn.MaxPool2d(3, stride=1, padding=(2, -1))"],
    ["nn.MaxPool2d(2, stride=-1, padding=5)"],
    ["nn.MaxPool2d(2, stride=-1)"],
    ["nn.MaxPool2d(2, stride=1, dilation=0)"],
    ["nn.AvgPool2d(2, divisor_override=0, padding=5)"],
    ["nn.AvgPool2d(0, stride=1, padding=1)"],
    ["nn.AvgPool2d((3, 2), stride=(2, 1), padding=(1, 0), ceil_mode=True, count_include_pad=False)"],
    ["nn.Conv2d(3, 4, 3)", "nn.BatchNorm2d(4, affine=False)"],
    ["nn.Conv2d(3, 4, 3)", "nn.BatchNorm2d(4, bias=False)"],
    ["nn.ReLU()", "nn.Conv2d(3, 8, 3, foo=1)"],
    ["nn.Conv2d(3, 8)"],
    ["nn.Conv2d()"],
    ["nn.Conv2d(3, 8, 3, 1, stride=2)"],
    ["nn.MaxPool2d()"],
    ["nn.MaxPool2d(1, 2, 3, 4, 5, 6, 7)"],
    ["nn.ReLU(True, 2)"],
    ["nn.Sigmoid(1)"],
    ["nn.AdaptiveAvgPool2d(-1)"],
]


def write_stacks():
    cases = []
    for n in range(120):
        c = random.choice([1, 3, 4])
        size = random.choice([16, 24, 33, 48])
        inp = [c, size, size + random.choice([0, 0, 5])]
        parts = stack(c)
        want = run(parts, inp)
        case = {"name": f"random/{n}", "layers": "nn.Sequential(\n    " + ",\n    ".join(parts) + ",\n)", "input": inp, "expect": want}
        if "error" not in want:
            f = field(parts, inp)
            if f:
                case["receptive"] = f
        cases.append(case)

    for n, parts in enumerate(EDGES):
        inp = [3, 8, 8]
        want = run(parts, inp)
        cases.append({"name": f"edge/{n}", "layers": "nn.Sequential(" + ", ".join(parts) + ")", "input": inp, "expect": want})

    out = FIXTURES / "stacks.jsonl"
    out.write_text("".join(json.dumps(c) + "\n" for c in cases))
    print(f"torch {torch.__version__}: wrote {len(cases)} stacks ({sum('error' in c['expect'] for c in cases)} rejected) to {out}")



# Values through stacks, for `conv2d eval`'s "layers" lines: small stacks with integer data, every
# layer as {"op": torch.nn.functional's name, PyTorch's argument names, the convolutions' weight and
# bias}, the output after each layer from PyTorch (eval mode, default BatchNorm2d statistics).
OPS = {"Conv2d": "conv2d", "ConvTranspose2d": "conv_transpose2d", "MaxPool2d": "max_pool2d",
       "AvgPool2d": "avg_pool2d", "AdaptiveAvgPool2d": "adaptive_avg_pool2d", "BatchNorm2d": "batch_norm2d",
       "ReLU": "relu", "LeakyReLU": "leaky_relu", "GELU": "gelu", "SiLU": "silu", "Sigmoid": "sigmoid",
       "Tanh": "tanh", "Dropout": "dropout", "Identity": "identity"}


def random_layer(c):
    r = random.random()
    if r < 0.35:
        k, s, p, d = random.choice([1, 2, 3]), random.choice([1, 2]), random.choice([0, 1]), random.choice([1, 2])
        g = 2 if c % 2 == 0 and random.random() < 0.3 else 1
        out = random.choice([2, 4])
        mode = random.choice(["zeros", "zeros", "reflect", "replicate", "circular"])
        return ("Conv2d", dict(in_channels=c, out_channels=out, kernel_size=k, stride=s, padding=p, dilation=d,
                               groups=g, padding_mode=mode)), out
    if r < 0.45:
        out = random.choice([1, 2])
        return ("ConvTranspose2d", dict(in_channels=c, out_channels=out, kernel_size=random.choice([2, 3]),
                                        stride=random.choice([1, 2]), padding=random.choice([0, 1]))), out
    if r < 0.6:
        k = random.choice([2, 3])
        kw = dict(kernel_size=k, stride=random.choice([None, 1, 2]), padding=random.choice([0, 1]),
                  ceil_mode=random.choice([False, True]))
        if random.random() < 0.5:
            return ("MaxPool2d", dict(kw, dilation=random.choice([1, 2]) if k == 2 else 1)), c
        return ("AvgPool2d", dict(kw, count_include_pad=random.choice([True, False]),
                                  divisor_override=random.choice([None, None, 3]))), c
    if r < 0.65:
        return ("AdaptiveAvgPool2d", dict(output_size=random.choice([2, 3, [None, 2]]))), c
    if r < 0.72:
        return ("BatchNorm2d", dict(num_features=c, eps=random.choice([1e-5, 0.1]))), c
    name = random.choice(["ReLU", "LeakyReLU", "GELU", "SiLU", "Sigmoid", "Tanh", "Dropout", "Identity"])
    kw = {"LeakyReLU": dict(negative_slope=0.2), "GELU": dict(approximate=random.choice(["none", "tanh"]))}.get(name, {})
    return (name, kw), c


def tensor_list(t):
    return t.detach().tolist()


def write_values():
    values = []
    for n in range(60):
        c = random.choice([1, 2, 3])
        inp = [c, random.choice([5, 6, 7, 8]), random.choice([5, 7, 9])]
        spec = []
        for _ in range(random.randint(2, 4)):
            layer, c = random_layer(c)
            spec.append(layer)
        modules = []
        lines = []
        for name, kw in spec:
            m = getattr(nn, name)(**kw)
            entry = {"op": OPS[name], **{k: (list(v) if isinstance(v, tuple) else v) for k, v in kw.items()}}
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
                with torch.no_grad():
                    m.weight.copy_(torch.randint(-2, 3, m.weight.shape).float())
                    m.bias.copy_(torch.randint(-2, 3, m.bias.shape).float())
                entry["weight"] = tensor_list(m.weight)
                entry["bias"] = tensor_list(m.bias)
            modules.append(m)
            lines.append(entry)
        model = nn.Sequential(*modules).eval()
        x = torch.randint(-3, 4, inp).float()
        case = {"name": f"values/{n}", "layers": lines, "input": tensor_list(x)}
        try:
            shapes, y = [], x.unsqueeze(0)
            with torch.no_grad():
                for m in model:
                    y = m(y)
                    shapes.append(list(y.shape[1:]))
            if y.numel() == 0:
                continue
            case["expect"] = {"shape": list(y.shape[1:]), "shapes": shapes, "output": tensor_list(y[0])}
        except (RuntimeError, ValueError) as e:
            case["expect"] = {"error": str(e).split("\n")[0], "layer": len(shapes)}
        values.append(case)

    vout = FIXTURES / "stacks_values.jsonl"
    vout.write_text("".join(json.dumps(c) + "\n" for c in values))
    print(f"wrote {len(values)} stacks with values ({sum('error' in c['expect'] for c in values)} rejected) to {vout}")


if __name__ == "__main__":
    # One random stream through both files, in this order (the fixtures depend on it).
    random.seed(7)
    torch.manual_seed(7)
    write_stacks()
    write_values()
