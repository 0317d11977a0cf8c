#!/usr/bin/env python3
"""Generate PyTorch golden fixtures for conv2d-core.

What it is
    Builds a list of `conv2d eval` input cases (valid layers and rejections),
    runs each through `torch.nn.Conv2d` on an unbatched (C, H, W) float32
    input, and writes one JSON object per line to
    crates/conv2d-core/tests/fixtures/golden.jsonl:

        {"name": "...", "case": {...}, "expect": {...}}

    `case` is exactly a conv2d eval input case (in_channels, out_channels,
    kernel_size, optional stride/padding/dilation/groups/padding_mode, bias,
    input, weight).  `expect` is either {"shape": [C, H, W], "output": ...}
    or {"error": str(e)} with PyTorch's exception message, copied verbatim.

How to run
    python3 scripts/gen_fixtures.py        (from the repository root)

    The script re-executes itself with PYTHONHASHSEED=0 so that messages which
    print a Python set (padding strings, padding modes) have a fixed element
    order, and uses torch.set_num_threads(1) so that the CPU backend choice and
    float summation order are reproducible.  Running it twice gives a
    byte-identical file.

Generated with
    torch 2.15.0 (CPU, oneDNN available), numpy 2.4.6, Python 3.11.7.

Naming of cases
    valid/...          expect an output
    reject/...         expect an error
    combo/...          several rules broken at once (shows which message wins)
    backend/...        messages that depend on which CPU kernel PyTorch picks
                       (oneDNN vs. slow_conv2d vs. slow_conv_dilated2d)
"""

import os
import sys

if os.environ.get("PYTHONHASHSEED") != "0":
    env = dict(os.environ, PYTHONHASHSEED="0")
    os.execve(sys.executable, [sys.executable] + sys.argv, env)

import json  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402

warnings.simplefilter("ignore")  # "Initializing zero-element tensors is a no-op"
torch.set_num_threads(1)
torch.manual_seed(0)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "crates" / "conv2d-core" / "tests" / "fixtures" / "golden.jsonl"

rng = np.random.default_rng(20240607)
MODES = ["zeros", "reflect", "replicate", "circular"]


# ----------------------------------------------------------------- helpers
def pair(v):
    return (v, v) if isinstance(v, int) else (v[0], v[1])


def values(shape, style):
    """Nested lists of small readable floats with the given shape."""
    if any(d < 0 for d in shape):
        return []
    if style == "int":
        a = rng.integers(-3, 4, size=shape).astype(np.float64)
    else:  # one decimal place
        a = rng.integers(-30, 31, size=shape).astype(np.float64) / 10.0
    return a.tolist()


def make(cin, cout, k, *, stride=None, padding=None, dilation=None, groups=None,
         padding_mode=None, bias=True, hw=(5, 5), style="int", in_ch=None,
         weight=None):
    """Build a case dict; optional fields left as None are omitted (PyTorch defaults)."""
    case = {"in_channels": cin, "out_channels": cout, "kernel_size": k}
    if stride is not None:
        case["stride"] = stride
    if padding is not None:
        case["padding"] = padding
    if dilation is not None:
        case["dilation"] = dilation
    if groups is not None:
        case["groups"] = groups
    if padding_mode is not None:
        case["padding_mode"] = padding_mode
    g = groups if groups is not None and groups > 0 else 1
    kh, kw = pair(k)
    c = cin if in_ch is None else in_ch
    case["input"] = values((c, hw[0], hw[1]), style)
    if weight is None:
        weight = values((cout, cin // g, kh, kw), style)
    case["weight"] = weight
    case["bias"] = values((cout,), style) if bias else False
    return case


def tup(v):
    return tuple(v) if isinstance(v, list) else v


def evaluate(case):
    kw = dict(
        stride=tup(case.get("stride", 1)),
        padding=tup(case.get("padding", 0)),
        dilation=tup(case.get("dilation", 1)),
        groups=case.get("groups", 1),
        bias=case["bias"] is not False,
        padding_mode=case.get("padding_mode", "zeros"),
    )
    try:
        m = torch.nn.Conv2d(case["in_channels"], case["out_channels"],
                            tup(case["kernel_size"]), **kw)
    except (ValueError, RuntimeError) as e:
        return {"error": str(e)}
    try:
        x = torch.tensor(case["input"], dtype=torch.float32)
    except (ValueError, RuntimeError) as e:
        return {"error": str(e)}
    with torch.no_grad():
        # Zero-element parameters have nothing to copy (and nested lists
        # cannot express e.g. a [2, 2, 0, 0] shape), so they are skipped.
        if m.weight.numel() > 0:
            w = torch.tensor(case["weight"], dtype=torch.float32)
            assert w.shape == m.weight.shape, (case, w.shape, m.weight.shape)
            m.weight.copy_(w)
        if m.bias is not None and m.bias.numel() > 0:
            b = torch.tensor(case["bias"], dtype=torch.float32)
            assert b.shape == m.bias.shape
            m.bias.copy_(b)
        try:
            y = m(x)
        except (ValueError, RuntimeError) as e:
            return {"error": str(e)}
    return {"shape": list(y.shape), "output": y.tolist()}


CASES = []


def add(name, case, want=None):
    """Record a case. want='ok'/'err' asserts the outcome kind (catches typos)."""
    expect = evaluate(case)
    if want == "ok":
        assert "error" not in expect, (name, expect)
    elif want == "err":
        assert "error" in expect, (name, expect)
    CASES.append({"name": name, "case": case, "expect": expect})


def ok(name, *a, **k):
    add(name, make(*a, **k), "ok")


def err(name, *a, **k):
    add(name, make(*a, **k), "err")


# ------------------------------------------------------------ seed article
ok("valid/article/fig1_3x7x7_k3_p1_s2_d2", 3, 2, 3, padding=1, stride=2, dilation=2, hw=(7, 7))
ok("valid/article/fig2_1x9x9_k3", 1, 1, 3, hw=(9, 9))
ok("valid/article/fig3_1x7x7_out4_k3", 1, 4, 3, hw=(7, 7))
ok("valid/article/fig4_3x7x7_out4_k3", 3, 4, 3, hw=(7, 7))
ok("valid/article/fig5_3x7x9_k5x2", 3, 2, [5, 2], hw=(7, 9))
ok("valid/article/fig6_3x9x9_k3_s1x3", 3, 2, 3, stride=[1, 3], hw=(9, 9))
ok("valid/article/fig7_2x7x7_k3_p1", 2, 1, 3, padding=1, hw=(7, 7))
ok("valid/article/fig8_2x7x7_k3_p1_d4x2", 2, 1, 3, padding=1, dilation=[4, 2], hw=(7, 7))
ok("valid/article/fig9_2x7x7_out4_k3_p2_s2_g2", 2, 4, 3, padding=2, stride=2, groups=2, hw=(7, 7))

# ------------------------------------------------------------ padding modes
for mode in MODES:
    ok(f"valid/mode/{mode}/sym_p1_k3", 2, 2, 3, padding=1, padding_mode=mode, hw=(5, 5))
    ok(f"valid/mode/{mode}/sym_p2_k3_s2", 2, 3, 3, padding=2, stride=2, padding_mode=mode, hw=(6, 6))
    ok(f"valid/mode/{mode}/asym_p1x2_k3", 1, 2, 3, padding=[1, 2], padding_mode=mode, hw=(5, 6))
    ok(f"valid/mode/{mode}/asym_p2x0_k3x2_d1x2", 2, 1, [3, 2], padding=[2, 0], dilation=[1, 2],
       padding_mode=mode, hw=(4, 5), bias=False)
    ok(f"valid/mode/{mode}/asym_p0x3_k3", 1, 1, 3, padding=[0, 3], padding_mode=mode, hw=(4, 4))
    ok(f"valid/mode/{mode}/p1_k1_bias_border", 2, 2, 1, padding=1, padding_mode=mode, hw=(3, 4))
    ok(f"valid/mode/{mode}/p1x1_list_k2_decimal", 2, 2, 2, padding=[1, 1], padding_mode=mode,
       hw=(4, 3), style="dec")
ok("valid/mode/reflect/max_pad_h_minus_1", 1, 1, 3, padding=[3, 4], padding_mode="reflect", hw=(4, 5))
ok("valid/mode/circular/pad_equal_to_dim", 1, 1, 3, padding=[4, 5], padding_mode="circular", hw=(4, 5))
ok("valid/mode/replicate/pad_larger_than_dim", 1, 1, 3, padding=6, padding_mode="replicate", hw=(3, 3))
ok("valid/mode/zeros/pad_larger_than_dim", 1, 1, 3, padding=4, hw=(2, 3))
ok("valid/mode/zeros/explicit_default_fields", 2, 2, 3, stride=1, padding=0, dilation=1, groups=1,
   padding_mode="zeros", hw=(5, 5))
ok("valid/mode/reflect/p0_no_effect", 2, 2, 3, padding=0, padding_mode="reflect", hw=(5, 5))

# ------------------------------------------------------------ padding='same'
ok("valid/same/k3", 2, 2, 3, padding="same", hw=(5, 5))
ok("valid/same/k5", 1, 2, 5, padding="same", hw=(6, 7))
ok("valid/same/k1", 3, 2, 1, padding="same", hw=(4, 4))
ok("valid/same/even_k2", 2, 2, 2, padding="same", hw=(5, 5))
ok("valid/same/even_k4", 1, 1, 4, padding="same", hw=(6, 6))
ok("valid/same/even_k2x3", 2, 1, [2, 3], padding="same", hw=(5, 6))
ok("valid/same/even_k4x1", 1, 2, [4, 1], padding="same", hw=(6, 3))
ok("valid/same/k3_d2", 2, 2, 3, padding="same", dilation=2, hw=(7, 7))
ok("valid/same/even_k2_d2x3", 1, 1, 2, padding="same", dilation=[2, 3], hw=(5, 6))
ok("valid/same/k3x4_d2x1", 2, 2, [3, 4], padding="same", dilation=[2, 1], hw=(6, 6))
ok("valid/same/kernel_larger_than_input", 1, 1, 7, padding="same", hw=(3, 3))
ok("valid/same/explicit_stride_1", 2, 2, 3, padding="same", stride=1, hw=(4, 4))
ok("valid/same/explicit_stride_1x1", 2, 2, 3, padding="same", stride=[1, 1], hw=(4, 4))
ok("valid/same/groups2_decimal", 4, 4, 3, padding="same", groups=2, hw=(4, 4), style="dec")
for mode in MODES[1:]:
    ok(f"valid/same/{mode}/k3", 2, 2, 3, padding="same", padding_mode=mode, hw=(5, 5))
    ok(f"valid/same/{mode}/even_k4", 1, 2, 4, padding="same", padding_mode=mode, hw=(5, 5))
    ok(f"valid/same/{mode}/even_k2x3_d3x1", 2, 1, [2, 3], padding="same", dilation=[3, 1],
       padding_mode=mode, hw=(5, 6))
    ok(f"valid/same/{mode}/k3_d2", 1, 1, 3, padding="same", dilation=2, padding_mode=mode, hw=(6, 6))

# ------------------------------------------------------------ padding='valid'
ok("valid/valid/k3", 2, 2, 3, padding="valid", hw=(5, 5))
ok("valid/valid/k3_s2", 2, 3, 3, padding="valid", stride=2, hw=(7, 6))
ok("valid/valid/k2x3_d2", 1, 2, [2, 3], padding="valid", dilation=2, hw=(6, 7))
ok("valid/valid/reflect_mode", 2, 2, 3, padding="valid", padding_mode="reflect", hw=(5, 5))
ok("valid/valid/circular_mode_s2x1", 1, 1, 2, padding="valid", stride=[2, 1], padding_mode="circular",
   hw=(5, 4))
ok("valid/valid/kernel_equals_input", 2, 1, [4, 5], padding="valid", hw=(4, 5))

# ------------------------------------------------------------ groups
ok("valid/groups/g1_explicit", 3, 2, 3, groups=1, hw=(5, 5))
ok("valid/groups/g2_in4_out2", 4, 2, 3, groups=2, hw=(5, 5))
ok("valid/groups/g2_in4_out6_p1", 4, 6, 3, groups=2, padding=1, hw=(4, 4))
ok("valid/groups/g2_in2_out2_nobias", 2, 2, 3, groups=2, hw=(5, 5), bias=False)
ok("valid/groups/g3_in6_out3_s2", 6, 3, 2, groups=3, stride=2, hw=(5, 5))
ok("valid/groups/g2_reflect_p1", 4, 4, 3, groups=2, padding=1, padding_mode="reflect", hw=(4, 4))
ok("valid/groups/depthwise_in3_out3", 3, 3, 3, groups=3, hw=(5, 5))
ok("valid/groups/depthwise_in3_out6", 3, 6, 3, groups=3, padding=1, hw=(4, 4))
ok("valid/groups/depthwise_in4_out8_nobias", 4, 8, 2, groups=4, hw=(4, 4), bias=False)
ok("valid/groups/depthwise_in2_out6_circular", 2, 6, 3, groups=2, padding=1, padding_mode="circular",
   hw=(4, 4))
ok("valid/groups/depthwise_in1_g1", 1, 3, 3, groups=1, hw=(4, 4))
ok("valid/groups/g4_in8_out8_same_replicate", 8, 8, 3, groups=4, padding="same",
   padding_mode="replicate", hw=(3, 3))

# ------------------------------------------------------------ asymmetric pairs
ok("valid/asym/k1x3", 2, 2, [1, 3], hw=(4, 5))
ok("valid/asym/k3x1", 2, 2, [3, 1], hw=(4, 5))
ok("valid/asym/k2x5_p1x2", 1, 2, [2, 5], padding=[1, 2], hw=(5, 6))
ok("valid/asym/s2x1", 2, 1, 3, stride=[2, 1], hw=(7, 5))
ok("valid/asym/s1x3_p0x1", 2, 1, 3, stride=[1, 3], padding=[0, 1], hw=(5, 8))
ok("valid/asym/d1x3", 1, 1, 3, dilation=[1, 3], hw=(5, 9))
ok("valid/asym/d3x1_p2x0", 1, 2, 2, dilation=[3, 1], padding=[2, 0], hw=(5, 5))
ok("valid/asym/all_pairs_decimal", 2, 2, [3, 2], stride=[2, 3], padding=[1, 2], dilation=[2, 1],
   hw=(8, 9), style="dec")
ok("valid/asym/all_pairs_replicate", 3, 2, [2, 3], stride=[3, 2], padding=[2, 1], dilation=[1, 2],
   padding_mode="replicate", hw=(7, 6))
ok("valid/asym/stride_larger_than_kernel", 1, 1, 2, stride=[3, 4], hw=(9, 9))
ok("valid/asym/stride_larger_than_input", 1, 1, 1, stride=5, hw=(3, 4))

# ------------------------------------------------------------ bias on / off
ok("valid/bias/on", 2, 3, 3, padding=1, hw=(4, 4), bias=True)
ok("valid/bias/off", 2, 3, 3, padding=1, hw=(4, 4), bias=False)
ok("valid/bias/on_decimal", 2, 3, 2, hw=(4, 4), bias=True, style="dec")
ok("valid/bias/off_decimal", 2, 3, 2, hw=(4, 4), bias=False, style="dec")

# ------------------------------------------------------------ 1x1 inputs
ok("valid/input1x1/k1", 3, 2, 1, hw=(1, 1))
ok("valid/input1x1/k3_p1_zeros", 2, 2, 3, padding=1, hw=(1, 1))
ok("valid/input1x1/k3_p1_replicate", 2, 2, 3, padding=1, padding_mode="replicate", hw=(1, 1))
ok("valid/input1x1/k3_p1_circular", 2, 2, 3, padding=1, padding_mode="circular", hw=(1, 1))
ok("valid/input1x1/k3_same_zeros", 1, 1, 3, padding="same", hw=(1, 1))
ok("valid/input1x1/k2_same_replicate", 1, 2, 2, padding="same", padding_mode="replicate", hw=(1, 1))
ok("valid/input1x1/k1_s3_d2", 1, 1, 1, stride=3, dilation=2, hw=(1, 1))
err("reject/input1x1/k3_p1_reflect", 2, 2, 3, padding=1, padding_mode="reflect", hw=(1, 1))
err("reject/input1x1/k3_no_padding", 2, 2, 3, hw=(1, 1))

# ------------------------------------------------------------ 1x1 kernels
ok("valid/kernel1x1/basic", 3, 2, 1, hw=(4, 5))
ok("valid/kernel1x1/s2", 2, 2, 1, stride=2, hw=(5, 5))
ok("valid/kernel1x1/p1_zeros_border_is_bias", 2, 2, 1, padding=1, hw=(3, 3))
ok("valid/kernel1x1/d3_no_effect", 2, 2, 1, dilation=3, hw=(3, 3))
ok("valid/kernel1x1/groups2", 4, 2, 1, groups=2, hw=(3, 3))
ok("valid/kernel1x1/decimal", 2, 2, 1, hw=(3, 3), style="dec")

# ------------------------------------------------------------ larger inputs
ok("valid/large/16x16_k5_s2_p2", 3, 4, 5, stride=2, padding=2, hw=(16, 16))
ok("valid/large/9x9_depthwise8_k3_p1", 8, 8, 3, groups=8, padding=1, hw=(9, 9), bias=False)
ok("valid/large/16x16_k3x5_d2_reflect", 2, 3, [3, 5], dilation=2, padding=[2, 4], padding_mode="reflect",
   hw=(16, 16))
ok("valid/large/12x16_k4_same_circular", 2, 2, 4, padding="same", padding_mode="circular", hw=(12, 16))
ok("valid/large/16x16_k4_s3_decimal", 2, 2, 4, stride=3, hw=(16, 16), style="dec")

# ------------------------------------------------------------ negative padding, non-zeros modes
# (F.pad crops with negative amounts, so these are accepted)
ok("valid/negpad/reflect_m1", 2, 2, 3, padding=-1, padding_mode="reflect", hw=(5, 5))
ok("valid/negpad/replicate_m1", 2, 2, 3, padding=-1, padding_mode="replicate", hw=(5, 5))
ok("valid/negpad/circular_m1", 2, 2, 3, padding=-1, padding_mode="circular", hw=(5, 5))
ok("valid/negpad/reflect_m1x2", 1, 1, 3, padding=[-1, 2], padding_mode="reflect", hw=(5, 5))
ok("valid/negpad/replicate_2xm1", 1, 1, 3, padding=[2, -1], padding_mode="replicate", hw=(5, 5))
ok("valid/negpad/circular_0xm1", 1, 1, 3, padding=[0, -1], padding_mode="circular", hw=(5, 5))
ok("valid/negpad/circular_m2_k1", 1, 1, 1, padding=-2, padding_mode="circular", hw=(5, 5))

# ------------------------------------------------------------ random valid specs
n_random = 0
attempts = 0
while n_random < 40:
    attempts += 1
    g = int(rng.choice([1, 1, 1, 2, 3]))
    cin = g * int(rng.integers(1, 4))
    cout = g * int(rng.integers(1, 4))
    if cin > 8 or cout > 8:
        continue
    kh, kw = (int(v) for v in rng.integers(1, 5, size=2))
    k = kh if (kh == kw and rng.random() < 0.7) else [kh, kw]
    mode = str(rng.choice(MODES))
    r = rng.random()
    if r < 0.5:
        stride = None
    elif r < 0.75:
        stride = int(rng.integers(1, 4))
    else:
        stride = [int(v) for v in rng.integers(1, 4, size=2)]
    r = rng.random()
    if r < 0.55:
        dil = None
    elif r < 0.8:
        dil = int(rng.integers(1, 4))
    else:
        dil = [int(v) for v in rng.integers(1, 4, size=2)]
    r = rng.random()
    s_is_1 = stride is None or pair(stride) == (1, 1)
    if s_is_1 and r < 0.2:
        pad = "same"
    elif r < 0.3:
        pad = "valid"
    elif r < 0.75:
        pad = int(rng.integers(0, 3))
    else:
        pad = [int(v) for v in rng.integers(0, 3, size=2)]
    h, w = (int(v) for v in rng.integers(1, 10, size=2))
    style = "dec" if rng.random() < 0.2 else "int"
    bias = bool(rng.random() < 0.7)
    case = make(cin, cout, k, stride=stride, padding=pad, dilation=dil,
                groups=g if g > 1 or rng.random() < 0.3 else None,
                padding_mode=None if mode == "zeros" and rng.random() < 0.5 else mode,
                bias=bias, hw=(h, w), style=style)
    if "error" in evaluate(case):
        continue
    add(f"valid/random/{n_random:02d}", case, "ok")
    n_random += 1

# ------------------------------------------------------------ rejections: constructor
err("reject/groups/zero", 2, 2, 3, groups=0)
err("reject/groups/minus1", 2, 2, 3, groups=-1)
err("reject/groups/minus2", 2, 2, 3, groups=-2)
err("reject/groups/in_not_divisible_3_by_2", 3, 2, 3, groups=2)
err("reject/groups/in_not_divisible_groups_gt_in", 2, 4, 3, groups=4)
err("reject/groups/out_not_divisible_3_by_2", 4, 3, 3, groups=2)
err("reject/groups/out_not_divisible_1_by_2", 2, 1, 3, groups=2)
for s in ["foo", "SAME", "Same", "", "full", " same"]:
    err(f"reject/padding_string/{s!r}", 2, 2, 3, padding=s)
err("reject/same_strided/s2", 2, 2, 3, padding="same", stride=2)
err("reject/same_strided/s1x2", 2, 2, 3, padding="same", stride=[1, 2])
err("reject/same_strided/s2x1", 2, 2, 3, padding="same", stride=[2, 1])
err("reject/same_strided/s0", 2, 2, 3, padding="same", stride=0)
err("reject/same_strided/sm1", 2, 2, 3, padding="same", stride=-1)
for pm in ["foo", "Zeros", "constant", "reflection", "", "zero"]:
    err(f"reject/padding_mode/{pm!r}", 2, 2, 3, padding_mode=pm)

# ------------------------------------------------------------ rejections: forward
err("reject/negpad/zeros_m1", 2, 2, 3, padding=-1)
err("reject/negpad/zeros_m1x0", 2, 2, 3, padding=[-1, 0])
err("reject/negpad/zeros_0xm1", 2, 2, 3, padding=[0, -1])
err("reject/negpad/reflect_m2_kernel_too_large", 2, 2, 3, padding=-2, padding_mode="reflect")
err("reject/negpad/reflect_m3_output_nonpositive", 2, 2, 3, padding=-3, padding_mode="reflect")
err("reject/negpad/reflect_m3x0_k1", 2, 2, 1, padding=[-3, 0], padding_mode="reflect")
err("reject/negpad/reflect_0xm3_k1", 2, 2, 1, padding=[0, -3], padding_mode="reflect")
err("reject/negpad/replicate_m3", 2, 2, 3, padding=-3, padding_mode="replicate")
err("reject/negpad/replicate_m3x0_k1", 2, 2, 1, padding=[-3, 0], padding_mode="replicate")
err("reject/negpad/circular_m3", 2, 2, 3, padding=-3, padding_mode="circular")
err("reject/negpad/circular_0xm3_k1", 2, 2, 1, padding=[0, -3], padding_mode="circular")
err("reject/negpad/circular_m1x6_k1", 2, 2, 1, padding=[-1, 6], padding_mode="circular")
err("reject/stride/zero", 2, 2, 3, stride=0)
err("reject/stride/minus1", 2, 2, 3, stride=-1)
err("reject/stride/1x0", 2, 2, 3, stride=[1, 0])
err("reject/stride/0x1", 2, 2, 3, stride=[0, 1])
err("reject/stride/m1x2", 2, 2, 3, stride=[-1, 2])
err("reject/dilation/minus1", 2, 2, 3, dilation=-1)
err("reject/dilation/m1x1", 2, 2, 3, dilation=[-1, 1])
err("reject/dilation/1xm1", 2, 2, 3, dilation=[1, -1])
err("reject/dilation/0xm1", 2, 2, 3, dilation=[0, -1])
err("reject/dilation/minus1_reflect_p1", 2, 2, 3, dilation=-1, padding=1, padding_mode="reflect")
err("reject/dilation/minus1_groups2_k4", 4, 4, 4, dilation=-1, groups=2)
# dilation 0: checked only by the CPU kernel PyTorch selects -> backend-dependent message
err("backend/dilation0/k3_slow_dilated", 2, 2, 3, dilation=0)
err("backend/dilation0/k1_slow_dilated", 2, 2, 1, dilation=0)
err("backend/dilation0/0x1_k3", 2, 2, 3, dilation=[0, 1])
err("backend/dilation0/1x0_k3", 2, 2, 3, dilation=[1, 0])
err("backend/dilation0/0x2_k3", 2, 2, 3, dilation=[0, 2])
err("backend/dilation0/1x0_k4x3", 2, 2, [4, 3], dilation=[1, 0], hw=(9, 9))
err("backend/dilation0/k3_reflect", 2, 2, 3, dilation=0, padding_mode="reflect")
err("backend/dilation0/k3_same", 2, 2, 3, dilation=0, padding="same")
err("backend/dilation0/k4_onednn", 2, 2, 4, dilation=0)
err("backend/dilation0/k7_onednn", 1, 1, 7, dilation=0, hw=(5, 5))
err("backend/dilation0/1x0_k4x4_onednn", 2, 2, 4, dilation=[1, 0], hw=(9, 9))
err("backend/dilation0/k3_groups2_onednn", 2, 2, 3, dilation=0, groups=2)
err("reject/dilation0/0x1_k7_kernel_too_large_first", 2, 2, 7, dilation=[0, 1])
# reflect padding >= input dim
err("reject/reflect_too_large/both_eq_dim", 1, 1, 3, padding=5, padding_mode="reflect", hw=(5, 5))
err("reject/reflect_too_large/h_only", 1, 1, 3, padding=[5, 1], padding_mode="reflect", hw=(5, 5))
err("reject/reflect_too_large/w_only", 1, 1, 3, padding=[1, 5], padding_mode="reflect", hw=(5, 5))
err("reject/reflect_too_large/h_only_rect", 1, 1, 3, padding=5, padding_mode="reflect", hw=(5, 7))
err("reject/reflect_too_large/both_rect_w_reported", 1, 1, 3, padding=[7, 7], padding_mode="reflect",
    hw=(5, 7))
err("reject/reflect_too_large/h_3x5", 1, 1, 3, padding=[3, 1], padding_mode="reflect", hw=(3, 5))
err("reject/reflect_too_large/p6_gt_dim", 1, 1, 3, padding=6, padding_mode="reflect", hw=(5, 5))
err("reject/reflect_too_large/m1x6", 1, 1, 1, padding=[-1, 6], padding_mode="reflect", hw=(5, 5))
err("reject/reflect_too_large/6xm1", 1, 1, 1, padding=[6, -1], padding_mode="reflect", hw=(5, 5))
err("reject/reflect_too_large/same_k7", 1, 1, 7, padding="same", padding_mode="reflect", hw=(3, 3))
err("reject/reflect_too_large/same_even_k4x6_d1x2", 1, 1, [4, 6], padding="same", dilation=[1, 2],
    padding_mode="reflect", hw=(5, 5))
err("reject/reflect_too_large/same_even_asym_k1x4_w2", 1, 1, [1, 4], padding="same", padding_mode="reflect",
    hw=(3, 2))
# circular padding > input dim
err("reject/circular_too_large/both", 1, 1, 3, padding=6, padding_mode="circular", hw=(5, 5))
err("reject/circular_too_large/h_only", 1, 1, 3, padding=[6, 1], padding_mode="circular", hw=(5, 5))
err("reject/circular_too_large/w_only", 1, 1, 3, padding=[1, 6], padding_mode="circular", hw=(5, 5))
err("reject/circular_too_large/1x1_input_p2", 1, 1, 1, padding=2, padding_mode="circular", hw=(1, 1))
err("reject/circular_too_large/same_k9", 1, 1, 9, padding="same", padding_mode="circular", hw=(3, 3))
# kernel (dilated extent) larger than padded input
err("reject/kernel_too_large/k7", 1, 1, 7)
err("reject/kernel_too_large/k7x1", 1, 1, [7, 1])
err("reject/kernel_too_large/k1x7", 1, 1, [1, 7])
err("reject/kernel_too_large/k3_d3", 1, 1, 3, dilation=3)
err("reject/kernel_too_large/k3_d1x3_rect", 1, 1, 3, dilation=[1, 3], hw=(6, 5))
err("reject/kernel_too_large/k8_p1_zeros", 1, 1, 8, padding=1)
err("reject/kernel_too_large/k9_p1_reflect", 1, 1, 9, padding=1, padding_mode="reflect")
err("reject/kernel_too_large/k9_p1_replicate", 1, 1, 9, padding=1, padding_mode="replicate")
err("reject/kernel_too_large/k3_s2_groups2", 2, 2, 3, stride=2, groups=2, hw=(2, 2))
# channel counts
add("reject/in_channels0/input_empty_list", make(0, 2, 3, hw=(5, 5)), "err")
add("reject/in_channels0/groups2", make(0, 2, 3, groups=2, hw=(5, 5)), "err")
err("reject/out_channels0/basic", 2, 0, 3)
err("reject/out_channels0/groups2", 2, 0, 3, groups=2)
err("reject/out_channels0/nobias", 2, 0, 3, bias=False)
add("reject/channels0/in0_out0", make(0, 0, 3, hw=(5, 5)), "err")
err("reject/in_channels_negative", -2, 2, 3)
err("reject/out_channels_negative", 2, -2, 3)
err("reject/input_channels_mismatch/zeros", 2, 2, 3, padding=1, in_ch=3)
err("reject/input_channels_mismatch/reflect_padded_shape", 2, 2, 3, padding=1, padding_mode="reflect",
    in_ch=3)
err("reject/input_channels_mismatch/groups2", 4, 4, 3, groups=2, padding=1, in_ch=2)
# kernel size 0 / negative
err("reject/kernel0/both", 2, 2, 0)
err("reject/kernel0/0x3", 2, 2, [0, 3])
err("reject/kernel0/3x0", 2, 2, [3, 0])
err("reject/kernel0/4x0", 2, 2, [4, 0])
err("reject/kernel0/p1", 2, 2, 0, padding=1)
err("reject/kernel0/reflect_p1", 2, 2, 0, padding=1, padding_mode="reflect")
err("reject/kernel0/same", 2, 2, 0, padding="same")
err("reject/kernel0/0x3_s2", 2, 2, [0, 3], stride=2)
err("backend/kernel0/d0_slow_dilated", 2, 2, 0, dilation=0)
err("backend/kernel0/0x3_d0_slow_dilated", 2, 2, [0, 3], dilation=0)
err("backend/kernel0/0x1_d0x1_slow_dilated", 2, 2, 0, dilation=[0, 1])
err("backend/kernel0/groups2_onednn", 2, 2, 0, groups=2)
err("reject/kernel0/0x4_d2_extent_negative", 2, 2, [0, 4], dilation=2)
err("reject/kernel0/same_d2", 2, 2, 0, padding="same", dilation=2)
err("reject/kernel_negative/m1", 2, 2, -1)
err("reject/kernel_negative/3xm1", 2, 2, [3, -1])
err("reject/kernel_negative/m2x3", 2, 2, [-2, 3])
# empty spatial inputs (nested lists cannot express C x 0 x W: it parses as [C, 0])
err("reject/input_h0/k3", 2, 2, 3, hw=(0, 5))
err("reject/input_h0/k1_p1", 2, 2, 1, padding=1, hw=(0, 5))
err("reject/input_w0/k3", 2, 2, 3, hw=(5, 0))
err("reject/input_w0/k1", 2, 2, 1, hw=(5, 0))
err("reject/input_w0/k3_p1", 2, 2, 3, padding=1, hw=(5, 0))
err("reject/input_w0/k1_p0x1_fits", 2, 2, 1, padding=[0, 1], hw=(5, 0))
err("reject/input_w0/k3_p0x2_fits", 2, 2, 3, padding=[0, 2], hw=(5, 0))
err("reject/input_w0/k1_p0x1_groups2", 2, 2, 1, padding=[0, 1], groups=2, hw=(5, 0))
err("reject/input_w0/k1_p1_replicate", 2, 2, 1, padding=1, padding_mode="replicate", hw=(5, 0))
err("reject/input_w0/k1_p1_reflect", 2, 2, 1, padding=1, padding_mode="reflect", hw=(5, 0))
err("reject/input_w0/k1_p1_circular", 2, 2, 1, padding=1, padding_mode="circular", hw=(5, 0))
err("reject/input_w0/k1_same_replicate", 2, 2, 1, padding="same", padding_mode="replicate", hw=(5, 0))

# ------------------------------------------------------------ several rules at once
err("combo/groups0+bad_padding_string", 2, 2, 3, groups=0, padding="foo")
err("combo/groups0+bad_padding_mode", 2, 2, 3, groups=0, padding_mode="foo")
err("combo/groups0+kernel_negative", 2, 2, -1, groups=0)
err("combo/in_not_divisible+out_not_divisible", 3, 3, 3, groups=2)
err("combo/in_not_divisible+bad_padding_string", 3, 4, 3, groups=2, padding="foo")
err("combo/out_not_divisible+bad_padding_string", 4, 3, 3, groups=2, padding="foo")
err("combo/out_not_divisible+bad_padding_mode", 4, 3, 3, groups=2, padding_mode="foo")
err("combo/bad_padding_string+bad_padding_mode", 2, 2, 3, padding="foo", padding_mode="bar")
err("combo/same_strided+bad_padding_mode", 2, 2, 3, padding="same", stride=2, padding_mode="bar")
err("combo/bad_padding_mode+negative_padding", 2, 2, 3, padding=-1, padding_mode="bar")
err("combo/bad_padding_mode+stride0", 2, 2, 3, stride=0, padding_mode="bar")
err("combo/kernel_negative+bad_padding_string", 2, 2, -1, padding="foo")
err("combo/kernel_negative+stride0", 2, 2, -1, stride=0)
err("combo/stride0+negative_padding_zeros", 2, 2, 3, stride=0, padding=-1)
err("combo/stride0+negative_padding_0xm1_zeros", 2, 2, 3, stride=0, padding=[0, -1])
err("combo/stride0+negative_padding_reflect", 2, 2, 3, stride=0, padding=-1, padding_mode="reflect")
err("combo/stride0+circular_p1", 2, 2, 3, stride=0, padding=1, padding_mode="circular")
err("combo/stride0+dilation0", 2, 2, 3, stride=0, dilation=0)
err("combo/stride0+dilation_negative", 2, 2, 3, stride=0, dilation=-1)
err("combo/stride0+kernel_too_large", 2, 2, 7, stride=0)
err("combo/stride0+kernel0", 2, 2, 0, stride=0)
err("combo/negative_padding+dilation0", 2, 2, 3, padding=-1, dilation=0)
err("combo/negative_padding+dilation_negative", 2, 2, 3, padding=-1, dilation=-1)
err("combo/negative_padding+kernel_too_large", 2, 2, 7, padding=-1)
err("combo/negative_padding+kernel0", 2, 2, 0, padding=-1)
err("combo/dilation_negative+kernel_too_large", 2, 2, 7, dilation=-1)
err("combo/dilation_negative+same_zeros", 2, 2, 3, dilation=-1, padding="same")
err("combo/dilation_negative+same_replicate", 2, 2, 3, dilation=-1, padding="same",
    padding_mode="replicate")
err("combo/dilation0+kernel0", 2, 2, 0, dilation=0)
err("combo/reflect_too_large+kernel_too_large", 1, 1, 10, padding=3, padding_mode="reflect", hw=(3, 3))
err("combo/circular_too_large+kernel_too_large", 1, 1, 12, padding=4, padding_mode="circular", hw=(3, 3))
err("combo/reflect_too_large+stride0", 2, 2, 3, padding=5, stride=0, padding_mode="reflect")
err("combo/reflect_too_large+input_channels_mismatch", 2, 2, 3, padding=5, padding_mode="reflect",
    in_ch=3)
err("combo/out_channels0+kernel_too_large", 2, 0, 7)
err("combo/out_channels0+stride0", 2, 0, 3, stride=0)
err("combo/out_channels0+negative_padding", 2, 0, 3, padding=-1)
err("combo/input_channels_mismatch+kernel_too_large", 2, 2, 7, padding=1, in_ch=3)
err("combo/out_channels0+input_channels_mismatch", 2, 0, 3, in_ch=3)

# ------------------------------------------------------------ write
names = [c["name"] for c in CASES]
assert len(names) == len(set(names)), "duplicate case names"
OUT.parent.mkdir(parents=True, exist_ok=True)
with open(OUT, "w", encoding="utf-8", newline="\n") as f:
    for c in CASES:
        f.write(json.dumps(c, allow_nan=False, ensure_ascii=False, separators=(",", ":")) + "\n")
n_err = sum("error" in c["expect"] for c in CASES)
print(f"torch {torch.__version__}: wrote {len(CASES)} cases ({len(CASES) - n_err} valid, "
      f"{n_err} rejections, {n_random} random after {attempts} draws) to "
      f"{OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")
