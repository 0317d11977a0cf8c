#!/usr/bin/env python3
"""Generate PyTorch golden fixtures for conv2d-core's ConvTranspose2d.

What it is
    Builds `conv2d eval` input cases with "op": "conv_transpose2d" (valid layers
    and rejections), runs each through `torch.nn.ConvTranspose2d` on an
    unbatched (C, H, W) float32 input, and writes one JSON object per line to
    crates/conv2d-core/tests/fixtures/golden_transpose.jsonl:

        {"name": "...", "case": {...}, "expect": {...}}

    `case` is exactly a conv2d eval input case (op, in_channels, out_channels,
    kernel_size, optional stride/padding/output_padding/groups/dilation/
    padding_mode, bias, input, weight; the weight is in x out/groups x kH x kW).
    `expect` is {"shape": [C, H, W], "output": ...} or {"error": str(e)} with
    PyTorch's exception message, copied verbatim -- except where noted below.
    A valid case also has "cost": {"params": the parameters' numel summed,
    "macs": torch.utils.flop_counter's FLOPs / 2} for the core's cost model.

Normalised cases
    When the output would have a side of zero or less, PyTorch's slow CPU kernel
    (slow_conv_transpose2d) says "Given input size per channel: (H x W).
    Calculated output size per channel: (h x w). Output size is too small".
    When PyTorch picks oneDNN instead (groups > 1, both kernel sides > 3, or
    C*H*W > 20480, unless output_padding >= stride or the layer is a plain
    unstrided, undilated 1x1), oneDNN says something internal: "could not
    construct a memory descriptor using a format tag" for a negative side, and
    for a side of exactly zero it raises nothing and returns an empty tensor.
    Those cases get the slow kernel's sentence in "expect", and carry what
    PyTorch really did in "pytorch_said"; their names end in "[normalised]" and
    the script prints them. Likewise a zero dilation (with no zero kernel side)
    where oneDNN runs: the slow kernel says "dilation should be greater than
    zero, but got dilation_height: 0, dilation_width: 1"; oneDNN says "could not
    create a primitive descriptor for the deconvolution forward propagation
    primitive..." for some, and runs others with numbers that differ from the
    same layer at dilation 1 even along a side where the kernel is 1 (so no
    definition gives them). Those get the slow kernel's sentence, normalised
    the same way. Every other sentence is PyTorch's own.

How to run
    python3 scripts/gen_fixtures_transpose.py        (from the repository root)
    python3 scripts/gen_fixtures_transpose.py --fuzz [N] [SEED] [CONV2D]
        writes nothing: N random configurations (default 2000; mostly rejections,
        a third near-valid with values) go through PyTorch and through the
        `conv2d eval` binary CONV2D (default target/release/conv2d, or under
        $CARGO_TARGET_DIR), and every answer that differs is printed; exit 1 if any.

    Needs only torch (no numpy). Re-executes itself with PYTHONHASHSEED=0 and
    uses torch.set_num_threads(1), as gen_fixtures.py does, so that the CPU
    backend choice (which decides some messages) is reproducible. Running it
    twice gives a byte-identical file.

Generated with
    torch 2.15.0 (CPU, oneDNN available), Python 3.11.7.
"""

import os
import sys

if os.environ.get("PYTHONHASHSEED") != "0":
    env = dict(os.environ, PYTHONHASHSEED="0")
    os.execve(sys.executable, [sys.executable] + sys.argv, env)

import json  # noqa: E402
import random  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

import torch  # noqa: E402
from torch.utils.flop_counter import FlopCounterMode  # noqa: E402

warnings.simplefilter("ignore")  # zero-element parameters; numpy missing
torch.set_num_threads(1)
torch.manual_seed(0)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "crates" / "conv2d-core" / "tests" / "fixtures" / "golden_transpose.jsonl"

rng = random.Random(20261129)
MEMORY_DESCRIPTOR = "could not construct a memory descriptor using a format tag"
PRIMITIVE = "could not create a primitive descriptor for the deconvolution forward propagation primitive"


# ----------------------------------------------------------------- helpers
def pair(v):
    return (v, v) if isinstance(v, int) else (v[0], v[1])


def values(shape, style):
    """Nested lists of small readable floats with the given shape."""
    if any(d < 0 for d in shape):
        return []

    def one():
        if style == "int":
            return float(rng.randint(-3, 3))
        if style == "zero":
            return 0.0
        return rng.randint(-30, 30) / 10.0

    def build(dims):
        if not dims:
            return one()
        return [build(dims[1:]) for _ in range(dims[0])]

    return build(list(shape))


def make(cin, cout, k, *, stride=None, padding=None, output_padding=None, groups=None,
         dilation=None, padding_mode=None, bias=True, hw=(4, 4), style="int", in_ch=None):
    """A case dict; optional fields left as None are omitted (PyTorch defaults)."""
    case = {"op": "conv_transpose2d", "in_channels": cin, "out_channels": cout, "kernel_size": k}
    for key, v in [("stride", stride), ("padding", padding), ("output_padding", output_padding),
                   ("groups", groups), ("dilation", dilation), ("padding_mode", padding_mode)]:
        if v is not None:
            case[key] = v
    g = groups if groups is not None and groups > 0 else 1
    kh, kw = pair(k)
    c = cin if in_ch is None else in_ch
    case["input"] = values((c, hw[0], hw[1]), style)
    case["weight"] = values((cin, cout // g, kh, kw), style)
    case["bias"] = values((cout,), style) if bias else False
    return case


def tup(v):
    return tuple(v) if isinstance(v, list) else v


def output_size(case, x):
    """(H_in - 1)*stride - 2*padding + dilation*(kernel - 1) + output_padding + 1, per axis."""
    s, p, op = pair(case.get("stride", 1)), pair(case.get("padding", 0)), pair(case.get("output_padding", 0))
    d, k = pair(case.get("dilation", 1)), pair(case["kernel_size"])
    return [(x.shape[1 + a] - 1) * s[a] - 2 * p[a] + d[a] * (k[a] - 1) + op[a] + 1 for a in (0, 1)]


def too_small(x, out):
    return (f"Given input size per channel: ({x.shape[1]} x {x.shape[2]}). Calculated output size "
            f"per channel: ({out[0]} x {out[1]}). Output size is too small")


def evaluate(case):
    """PyTorch's answer, and what it really said when that was normalised (else None)."""
    kw = dict(
        stride=tup(case.get("stride", 1)),
        padding=tup(case.get("padding", 0)),
        output_padding=tup(case.get("output_padding", 0)),
        groups=case.get("groups", 1),
        bias=case["bias"] is not False,
        dilation=tup(case.get("dilation", 1)),
        padding_mode=case.get("padding_mode", "zeros"),
    )
    try:
        m = torch.nn.ConvTranspose2d(case["in_channels"], case["out_channels"],
                                     tup(case["kernel_size"]), **kw)
    except (ValueError, RuntimeError, TypeError) as e:
        return {"error": str(e)}, None
    try:
        x = torch.tensor(case["input"], dtype=torch.float32)
    except (ValueError, RuntimeError) as e:
        return {"error": str(e)}, None
    with torch.no_grad():
        if m.weight.numel() > 0:
            w = torch.tensor(case["weight"], dtype=torch.float32)
            assert w.shape == m.weight.shape, (case, w.shape, m.weight.shape)
            m.weight.copy_(w)
        if m.bias is not None and m.bias.numel() > 0:
            b = torch.tensor(case["bias"], dtype=torch.float32)
            assert b.shape == m.bias.shape
            m.bias.copy_(b)
        d, k = pair(case.get("dilation", 1)), pair(case["kernel_size"])
        onednn_zero_dilation = 0 in d and 0 not in k and min(k) >= 0
        dilation_sentence = (f"dilation should be greater than zero, but got dilation_height: {d[0]}, "
                             f"dilation_width: {d[1]}")
        try:
            with FlopCounterMode(display=False) as counter:
                y = m(x)
        except (ValueError, RuntimeError, TypeError) as e:
            if onednn_zero_dilation and str(e).startswith(PRIMITIVE):
                return {"error": dilation_sentence}, {"error": str(e)}
            if str(e) == MEMORY_DESCRIPTOR:
                out = output_size(case, x)
                assert min(out) < 0, (case, out)
                return {"error": too_small(x, out)}, {"error": str(e)}
            return {"error": str(e)}, None
    if onednn_zero_dilation:
        return {"error": dilation_sentence}, {"shape": list(y.shape), "output": y.tolist()}
    if y.numel() == 0:
        out = output_size(case, x)
        assert min(out) == 0 and list(y.shape[1:]) == out, (case, out, y.shape)
        return {"error": too_small(x, out)}, {"shape": list(y.shape), "output": y.tolist()}
    cost = {"params": sum(p.numel() for p in m.parameters()), "macs": counter.get_total_flops() // 2}
    return {"shape": list(y.shape), "output": y.tolist(), "cost": cost}, None


CASES = []
NORMALISED = []


def add(name, case, want=None):
    """Record a case. want='ok'/'err' asserts the outcome kind (catches typos)."""
    expect, said = evaluate(case)
    if want == "ok":
        assert "error" not in expect, (name, expect)
    elif want == "err":
        assert "error" in expect, (name, expect)
    cost = expect.pop("cost", None)
    line = {"name": name, "case": case, "expect": expect}
    if cost is not None:
        line["cost"] = cost
    if said is not None:
        line["name"] = name + " [normalised]"
        line["pytorch_said"] = said.get("error", f"a tensor of shape {said.get('shape')}: {said.get('output')}")
        NORMALISED.append(line["name"])
    CASES.append(line)


def ok(name, *a, **k):
    add(name, make(*a, **k), "ok")


def err(name, *a, **k):
    add(name, make(*a, **k), "err")


def fuzz(n, seed, binary):
    """Random configurations through PyTorch and `conv2d eval`; the number that differ."""
    import subprocess
    r = random.Random(seed)
    lines, wants = [], []
    for i in range(n):
        near_valid = i % 3 == 0
        if near_valid:
            g = r.choice([1, 1, 2, 3])
            cin, cout = g * r.choice([1, 2, 3]), g * r.choice([0, 1, 2, 3])
            k = [r.choice([0, 1, 2, 3, 4, 5]), r.choice([1, 2, 3, 4, 5])]
            s, d = [r.randint(1, 3), r.randint(1, 3)], [r.choice([0, 1, 2, 3]), r.randint(1, 3)]
            p, op = [r.randint(0, 3), r.randint(0, 2)], [r.randint(0, 2), r.randint(0, 1)]
        else:
            g = r.choice([1, 1, 2, 3, 0, -1])
            cin, cout = r.choice([0, 1, 2, 3, 4, 6, -1]), r.choice([0, 1, 2, 3, 4, 6, -2])
            k = [r.choice([0, 1, 2, 3, 4, 5, -1]), r.choice([0, 1, 2, 3, 4, 5])]
            s, d = [r.choice([0, 1, 2, 3, -1]), r.randint(0, 3)], [r.choice([0, 1, 2, 3, -1]), r.randint(0, 3)]
            p, op = [r.choice([0, 1, 2, 3, 4, -1]), r.randint(0, 4)], [r.choice([0, 1, 2, 3, -1]), r.randint(0, 3)]
        hw = (r.randint(1, 4), r.randint(1, 5))
        if r.random() < 0.03:
            hw = r.choice([(30, 40), (128, 160), (143, 144)])
        pad = p if r.random() < 0.95 else r.choice(["same", "valid", "", "x"])
        mode = None if r.random() < 0.97 else r.choice(["reflect", "circular", "bogus"])
        in_ch = None if r.random() < 0.95 else r.randint(0, 4)
        case = make(cin, cout, k, stride=s, padding=pad, output_padding=op, groups=g, dilation=d,
                    padding_mode=mode, hw=hw, in_ch=in_ch, bias=r.random() < 0.7,
                    style="int" if near_valid and hw[0] < 50 else "zero")
        want, _ = evaluate(case)
        want.pop("cost", None)
        lines.append(json.dumps(case))
        wants.append((case, want))
    got = subprocess.run([binary, "eval"], input="\n".join(lines) + "\n", capture_output=True,
                         text=True, check=False).stdout.splitlines()
    assert len(got) == len(wants), (len(got), len(wants))
    bad = 0
    for (case, want), line in zip(wants, got):
        ans = json.loads(line)
        if "error" in want:
            same = ans.get("error") == want["error"]
        else:
            same = "error" not in ans and ans["shape"] == want["shape"] and all(
                abs(a - b) <= 1e-4 * (1 + abs(b))
                for pa, pb in zip(ans["output"], want["output"])
                for ra, rb in zip(pa, pb) for a, b in zip(ra, rb))
        if not same:
            bad += 1
            args = {k: v for k, v in case.items() if k not in ("input", "weight", "bias")}
            print(f"{args} on {len(case['input'])}x{len(case['input'][0])}x{len(case['input'][0][0])}\n"
                  f"  PyTorch: {want.get('error', want.get('shape'))}\n"
                  f"  conv2d:  {ans.get('error', ans.get('shape'))}")
    n_err = sum("error" in w for _, w in wants)
    print(f"fuzz seed {seed}: {len(wants)} cases ({n_err} rejections), {bad} differ")
    return bad


if len(sys.argv) > 1 and sys.argv[1] == "--fuzz":
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    binary = sys.argv[4] if len(sys.argv) > 4 else str(target / "release" / "conv2d")
    sys.exit(1 if fuzz(n, seed, binary) else 0)


# ------------------------------------------------------------ the presets
ok("valid/preset/dcgan_k4_s2_p1", 3, 2, 4, stride=2, padding=1, hw=(4, 4))
ok("valid/preset/checkerboard_k3_s2", 1, 1, 3, stride=2, hw=(3, 3))
ok("valid/preset/undo_fig1_k3_s2_p1_d2", 2, 3, 3, stride=2, padding=1, dilation=2, hw=(3, 3))
ok("valid/preset/undo_fig1_with_output_padding", 2, 3, 3, stride=2, padding=1, dilation=2,
   output_padding=1, hw=(3, 3))
ok("valid/preset/stride1_full_padding", 1, 1, 3, hw=(4, 4))
ok("valid/preset/stride1_p1_same_size", 2, 2, 3, padding=1, hw=(5, 5))

# ------------------------------------------------------------ stride, padding, output_padding
for s in [1, 2, 3]:
    for p in [0, 1, 2]:
        ok(f"valid/stride_padding/s{s}_p{p}_k3", 2, 2, 3, stride=s, padding=p, hw=(4, 5))
for op in [0, 1, 2]:
    ok(f"valid/output_padding/s3_op{op}", 1, 2, 3, stride=3, output_padding=op, hw=(3, 3))
ok("valid/output_padding/s2_op1x0", 2, 1, 3, stride=2, output_padding=[1, 0], hw=(3, 4))
ok("valid/output_padding/s2x3_op0x2", 2, 1, 2, stride=[2, 3], output_padding=[0, 2], hw=(3, 3))
ok("valid/output_padding/s1_d2_op1_smaller_than_dilation", 1, 1, 3, dilation=2, output_padding=1,
   hw=(3, 3))
ok("valid/output_padding/s1x2_d3x1_op2x1", 1, 2, 2, stride=[1, 2], dilation=[3, 1],
   output_padding=[2, 1], hw=(3, 4))
ok("valid/output_padding/s2_p1_op1_k4_onednn_g2", 4, 2, 4, stride=2, padding=1, output_padding=1,
   groups=2, hw=(3, 3))
ok("valid/output_padding/big_padding_crops", 1, 1, 5, stride=2, padding=4, output_padding=1, hw=(4, 4))

# ------------------------------------------------------------ dilation
ok("valid/dilation/d2_k3", 2, 2, 3, dilation=2, hw=(4, 4))
ok("valid/dilation/d3_k2_s2", 1, 2, 2, dilation=3, stride=2, hw=(3, 3))
ok("valid/dilation/d2x1_k3x2", 2, 1, [3, 2], dilation=[2, 1], hw=(4, 3))
ok("valid/dilation/d1x3_p2", 1, 1, 3, dilation=[1, 3], padding=2, hw=(4, 4))

# ------------------------------------------------------------ groups
ok("valid/groups/g2_in2_out2", 2, 2, 3, groups=2, hw=(4, 4))
ok("valid/groups/g2_in4_out6_s2", 4, 6, 3, groups=2, stride=2, hw=(3, 3))
ok("valid/groups/g3_in3_out6_p1", 3, 6, 2, groups=3, padding=1, hw=(4, 4))
ok("valid/groups/g2_in6_out4_nobias", 6, 4, 3, groups=2, hw=(3, 3), bias=False)
ok("valid/groups/depthwise_in4_out4_k4_s2_p1", 4, 4, 4, groups=4, stride=2, padding=1, hw=(3, 3))
ok("valid/groups/g2_k1_plain_slow_path", 2, 4, 1, groups=2, hw=(3, 3))
ok("valid/groups/g2_d2_op1_slow_path", 2, 2, 3, groups=2, dilation=2, output_padding=1, hw=(3, 3))

# ------------------------------------------------------------ asymmetric pairs
ok("valid/asym/k1x3", 2, 2, [1, 3], hw=(3, 4))
ok("valid/asym/k3x1_s2x1", 2, 2, [3, 1], stride=[2, 1], hw=(3, 4))
ok("valid/asym/p1x0", 1, 2, 3, padding=[1, 0], hw=(4, 4))
ok("valid/asym/all_pairs_decimal", 2, 2, [3, 2], stride=[2, 3], padding=[1, 2], dilation=[2, 1],
   output_padding=[1, 2], hw=(4, 3), style="dec")
ok("valid/asym/all_pairs_groups2", 4, 2, [2, 4], stride=[3, 2], padding=[0, 1], dilation=[1, 2],
   output_padding=[2, 1], groups=2, hw=(3, 4))

# ------------------------------------------------------------ kernels, inputs, bias
ok("valid/kernel/k1", 3, 2, 1, hw=(3, 4))
ok("valid/kernel/k1_s2", 2, 2, 1, stride=2, hw=(3, 3))
ok("valid/kernel/k1_s3_op2", 1, 1, 1, stride=3, output_padding=2, hw=(2, 2))
ok("valid/kernel/k4_both_sides_onednn", 2, 1, 4, hw=(3, 3))
ok("valid/kernel/k5x5_p2_onednn", 1, 2, 5, padding=2, hw=(3, 3), style="dec")
ok("valid/input/1x1_k3", 2, 3, 3, hw=(1, 1))
ok("valid/input/1x1_k2_s2", 1, 1, 2, stride=2, hw=(1, 1))
ok("valid/input/1x1_k3_p1_output_1x1", 1, 1, 3, padding=1, hw=(1, 1))
ok("valid/input/8x8_k4_s2_p1", 2, 2, 4, stride=2, padding=1, hw=(8, 8))
ok("valid/bias/on_decimal", 2, 3, 2, hw=(3, 3), style="dec")
ok("valid/bias/off_decimal", 2, 3, 2, hw=(3, 3), bias=False, style="dec")
ok("valid/defaults/explicit", 2, 2, 3, stride=1, padding=0, output_padding=0, groups=1, dilation=1,
   padding_mode="zeros", hw=(3, 3))
ok("valid/defaults/list_forms", 2, 2, [3, 3], stride=[1, 1], padding=[0, 0], output_padding=[0, 0],
   dilation=[1, 1], hw=(3, 3))

# oneDNN runs some zero dilations (the slow kernel refuses them all): normalised
err("backend/onednn/dilation0_where_the_kernel_is_1", 2, 2, [1, 3], dilation=[0, 1], groups=2, hw=(3, 4))
err("backend/onednn/kernel1_dilation0_stride2", 2, 4, 1, dilation=0, stride=2, groups=2, hw=(3, 3))
err("backend/onednn/kernel2x1_dilation1x0", 2, 2, [2, 1], dilation=[1, 0], groups=2, hw=(3, 4))
err("backend/onednn/dilation0_numbers_differ_from_dilation1", 6, 6, [1, 2], stride=[3, 2],
    padding=[3, 0], output_padding=[0, 1], dilation=[0, 2], groups=2, hw=(3, 3))
err("backend/onednn/dilation0_k3_accepted_on_1x1", 4, 6, [3, 5], stride=3, padding=[0, 1],
    output_padding=1, dilation=[0, 1], groups=2, hw=(1, 1))
err("reject/dilation0/kernel1_slow", 1, 1, 1, dilation=0)

# ------------------------------------------------------------ random valid specs
n_random = 0
attempts = 0
while n_random < 60:
    attempts += 1
    g = rng.choice([1, 1, 1, 2, 3])
    cin, cout = g * rng.randint(1, 3), g * rng.randint(1, 3)
    kh, kw = rng.randint(1, 5), rng.randint(1, 5)
    k = kh if (kh == kw and rng.random() < 0.7) else [kh, kw]
    s = [rng.randint(1, 3), rng.randint(1, 3)]
    d = [rng.randint(1, 3), rng.randint(1, 3)]
    p = [rng.randint(0, 3), rng.randint(0, 3)]
    op = [rng.randint(0, max(s[a], d[a]) - 1) for a in (0, 1)]
    sq = lambda v: v[0] if v[0] == v[1] and rng.random() < 0.6 else v  # noqa: E731
    case = make(cin, cout, k, stride=sq(s) if s != [1, 1] or rng.random() < 0.2 else None,
                padding=sq(p) if p != [0, 0] else None,
                output_padding=sq(op) if op != [0, 0] else None,
                groups=g if g > 1 or rng.random() < 0.2 else None,
                dilation=sq(d) if d != [1, 1] else None,
                bias=rng.random() < 0.7, hw=(rng.randint(1, 6), rng.randint(1, 6)),
                style="dec" if rng.random() < 0.25 else "int")
    if "error" in evaluate(case)[0]:
        continue
    add(f"valid/random/{n_random:02d}", case, "ok")
    n_random += 1

# ------------------------------------------------------------ rejections: the module
for pm in ["reflect", "replicate", "circular", "foo", ""]:
    err(f"reject/padding_mode/{pm!r}", 2, 2, 3, padding_mode=pm)
err("reject/padding_mode/before_groups0", 2, 2, 3, padding_mode="reflect", groups=0)
err("reject/padding_mode/before_negative_kernel", 2, 2, -1, padding_mode="circular")
err("reject/groups/zero", 2, 2, 3, groups=0)
err("reject/groups/minus1", 2, 2, 3, groups=-1)
err("reject/groups/in_not_divisible", 3, 2, 3, groups=2)
err("reject/groups/out_not_divisible", 2, 3, 3, groups=2)
err("reject/groups/both_not_divisible", 3, 3, 3, groups=2)
err("reject/negative/in_channels", -2, 2, 3)
err("reject/negative/out_channels", 2, -2, 3)
err("reject/negative/out_channels_groups2_floor", 2, -2, 3, groups=2)
err("reject/negative/kernel", 2, 2, -1)
err("reject/negative/kernel_3xm2", 2, 2, [3, -2])

# ------------------------------------------------------------ rejections: padding strings
for ps in ["same", "valid", "foo", "s", ""]:
    err(f"reject/padding_string/{ps!r}", 2, 2, 3, padding=ps)
err("reject/padding_string/same_with_stride2", 2, 2, 3, padding="same", stride=2)
err("reject/padding_string/same_after_groups0", 2, 2, 3, padding="same", groups=0)
err("reject/padding_string/same_before_stride0", 2, 2, 3, padding="same", stride=0)
err("reject/padding_string/same_before_channel_mismatch", 2, 2, 3, padding="same", in_ch=3)
err("reject/padding_string/empty_before_stride0", 2, 2, 3, padding="", stride=0)

# ------------------------------------------------------------ rejections: check_shape_forward
err("reject/negative_padding/m1", 2, 2, 3, padding=-1)
err("reject/negative_padding/0xm1", 2, 2, 3, padding=[0, -1])
err("reject/negative_output_padding/m1", 2, 2, 3, stride=2, output_padding=-1)
err("reject/negative_output_padding/m1x0", 2, 2, 3, stride=2, output_padding=[-1, 0])
err("reject/stride/zero", 2, 2, 3, stride=0)
err("reject/stride/1xm1", 2, 2, 3, stride=[1, -1])
err("reject/dilation/minus1", 2, 2, 3, dilation=-1)
err("reject/dilation/1xm2", 2, 2, 3, dilation=[1, -2])
err("reject/in_channels0/basic", 0, 2, 3, hw=(3, 3), in_ch=0)
err("reject/in_channels0/groups2", 0, 2, 3, groups=2, hw=(3, 3), in_ch=0)
err("reject/channel_mismatch/3_for_2", 2, 2, 3, in_ch=3)
err("reject/channel_mismatch/1_for_4_groups2", 4, 2, 3, groups=2, in_ch=1)
err("reject/empty_input/h0", 2, 2, 3, hw=(0, 3))
err("reject/empty_input/w0_k0", 2, 2, 0, hw=(3, 0))

# ------------------------------------------------------------ rejections: the CPU kernels
# slow_conv_transpose2d (one group's view): kernel, dilation, output padding, weight, output size
err("reject/kernel0/both", 2, 2, 0)
err("reject/kernel0/0x3", 2, 2, [0, 3])
err("reject/kernel0/4x0", 2, 2, [4, 0])
err("reject/kernel0/before_dilation0", 2, 2, 0, dilation=0)
err("reject/dilation0/both", 2, 2, 3, dilation=0)
err("reject/dilation0/0x1", 2, 2, 3, dilation=[0, 1])
err("reject/dilation0/op1_slow", 2, 2, 4, dilation=0, output_padding=1)
err("reject/output_padding/equal_stride", 2, 2, 3, stride=2, output_padding=2)
err("reject/output_padding/s1_d1_op1", 2, 2, 3, output_padding=1)
err("reject/output_padding/w_only", 2, 2, 3, stride=2, output_padding=[1, 2])
err("reject/output_padding/h_only", 2, 2, 3, stride=[1, 2], output_padding=[1, 1])
err("reject/output_padding/not_below_dilation_either", 2, 2, 3, stride=2, dilation=2, output_padding=2)
err("reject/output_padding/groups2", 2, 2, 3, groups=2, stride=2, output_padding=3)
err("reject/output_padding/before_empty_weight", 2, 0, 3, output_padding=1)
err("reject/output_padding/before_too_small", 2, 2, 3, output_padding=1, padding=5, hw=(1, 1))
err("reject/out_channels0/basic", 2, 0, 3)
err("reject/out_channels0/k1", 2, 0, 1)
err("reject/out_channels0/nobias", 2, 0, 3, bias=False)
err("reject/out_channels0/groups2_k1_slow", 2, 0, 1, groups=2)
err("reject/out_channels0/groups2_d2_op1_slow", 2, 0, 3, groups=2, dilation=2, output_padding=1)
err("reject/out_channels0/before_too_small", 2, 0, 3, padding=5, hw=(1, 1))
err("reject/too_small/negative", 2, 3, 3, padding=3, hw=(1, 1))
err("reject/too_small/zero", 2, 3, 1, padding=1, hw=(2, 2))
err("reject/too_small/h_only", 1, 1, 3, padding=[2, 0], hw=(1, 3))
err("reject/too_small/w_only_zero", 1, 1, [3, 1], padding=[0, 1], hw=(3, 2))
err("reject/too_small/k4x3_slow", 2, 2, [4, 3], padding=4, hw=(1, 1))
err("reject/too_small/groups2_k1_slow", 2, 2, 1, groups=2, padding=1, hw=(1, 1))
err("reject/too_small/groups2_d2_op1_slow", 2, 2, 3, groups=2, dilation=2, output_padding=1, padding=4,
    hw=(1, 1))
err("reject/too_small/s2_k1_slow", 1, 1, 1, stride=2, padding=1, hw=(1, 1))
# oneDNN: its own sentences for a zero kernel, a zero dilation, no output channels...
err("backend/onednn/kernel0_groups2", 2, 2, 0, groups=2)
err("backend/onednn/kernel0x1_groups2", 2, 2, [0, 1], groups=2)
err("backend/onednn/dilation0_groups2", 2, 2, 3, dilation=0, groups=2)
err("backend/onednn/dilation0x1_groups2", 2, 2, 3, dilation=[0, 1], groups=2)
err("backend/onednn/dilation0_k4", 1, 1, 4, dilation=0)
err("backend/onednn/out0_groups2", 2, 0, 3, groups=2)
err("backend/onednn/out0_groups2_s2_op1", 2, 0, 3, groups=2, stride=2, output_padding=1)
err("backend/onednn/out0_k4", 2, 0, 4)
err("backend/onednn/out0_groups2_k1_s2", 2, 0, 1, groups=2, stride=2)
# ... and (normalised) for an output side of zero or less, which it checks first
err("backend/onednn/too_small_groups2", 2, 2, 3, padding=3, hw=(1, 1), groups=2)
err("backend/onednn/too_small_k4", 2, 2, 4, padding=4, hw=(1, 1))
err("backend/onednn/too_small_h_only_groups2", 2, 2, 3, padding=[3, 0], hw=(2, 2), groups=2)
err("backend/onednn/zero_output_groups2", 2, 2, 3, padding=2, hw=(2, 2), groups=2)
err("backend/onednn/zero_h_groups2", 2, 2, 3, padding=[2, 0], hw=(2, 2), groups=2)
err("backend/onednn/too_small_k4_s2_op1", 1, 1, 4, stride=2, output_padding=1, padding=9, hw=(1, 1))
err("backend/onednn/too_small_before_kernel0", 2, 2, 0, padding=5, groups=2)
err("backend/onednn/too_small_before_out0", 2, 0, 3, padding=5, groups=2)
err("backend/onednn/too_small_before_dilation0", 2, 2, 3, padding=5, groups=2, dilation=0)
err("backend/onednn/too_small_s2_k1_groups2", 2, 2, 1, stride=2, padding=1, hw=(1, 1), groups=2)
# a side of exactly zero comes after the primitive (a negative side before it)
err("backend/onednn/zero_h_out0_primitive_first", 2, 0, [4, 3], stride=[1, 3], padding=[3, 1],
    output_padding=[0, 1], groups=2, dilation=[1, 2], hw=(3, 3))
err("backend/onednn/zero_output_kernel0x3_primitive_first", 2, 2, [0, 3], padding=[0, 2], groups=2,
    hw=(2, 2))
err("backend/onednn/zero_output_dilation0", 2, 2, 3, dilation=[0, 1], padding=[0, 2],
    groups=2, hw=(2, 2))
# C*H*W decides too: 20480 is the slow kernel's, one more row is oneDNN's
err("backend/size/20480_slow_kernel0x2", 1, 1, [0, 2], hw=(128, 160), style="zero")
err("backend/size/20592_onednn_kernel0x2", 1, 1, [0, 2], hw=(143, 144), style="zero")

# ------------------------------------------------------------ several rules at once
err("combo/negative_padding+negative_output_padding", 2, 2, 3, padding=-1, output_padding=-1)
err("combo/negative_output_padding+stride0", 2, 2, 3, stride=0, output_padding=-1)
err("combo/stride0+dilation_negative", 2, 2, 3, stride=0, dilation=-1)
err("combo/dilation_negative+in_channels0", 0, 2, 3, dilation=-1, hw=(3, 3), in_ch=0)
err("combo/negative_padding+in_channels0", 0, 2, 3, padding=-1, hw=(3, 3), in_ch=0)
err("combo/channel_mismatch+too_small", 2, 2, 3, in_ch=3, padding=5, hw=(1, 1))
err("combo/empty_input+too_small", 2, 2, 3, padding=5, hw=(0, 1))
err("combo/empty_input+output_padding", 2, 2, 3, output_padding=1, hw=(0, 3))
err("combo/kernel0+too_small_slow", 2, 2, 0, padding=5, hw=(1, 1))
err("combo/groups0+negative_kernel", 2, 2, -1, groups=0)
err("combo/out_not_divisible+negative_kernel", 2, 3, -1, groups=2)

# ------------------------------------------------------------ random rejections
n_reject = 0
while n_reject < 80:
    g = rng.choice([1, 1, 2, 2, 3, 0])
    cin, cout = rng.choice([0, 1, 2, 2, 3, 4]), rng.choice([0, 1, 2, 3, 4])
    k = [rng.randint(0, 5), rng.randint(0, 5)]
    s = [rng.randint(0, 3), rng.randint(0, 3)]
    d = [rng.randint(0, 3), rng.randint(0, 3)]
    p = [rng.randint(0, 4), rng.randint(0, 4)]
    op = [rng.randint(0, 3), rng.randint(0, 3)]
    if rng.random() < 0.1:
        p[rng.randint(0, 1)] = -1
    if rng.random() < 0.1:
        op[rng.randint(0, 1)] = -1
    if rng.random() < 0.08:
        d[rng.randint(0, 1)] = -1
    hw = (rng.randint(1, 4), rng.randint(1, 4))
    in_ch = cin if rng.random() < 0.9 else rng.randint(1, 4)
    case = make(cin, cout, k, stride=s, padding=p, output_padding=op, groups=g, dilation=d,
                hw=hw, in_ch=in_ch, bias=rng.random() < 0.7)
    if "error" not in evaluate(case)[0]:
        continue
    add(f"reject/random/{n_reject:02d}", case, "err")
    n_reject += 1

# ------------------------------------------------------------ write
names = [c["name"] for c in CASES]
assert len(names) == len(set(names)), "duplicate case names"
OUT.parent.mkdir(parents=True, exist_ok=True)
with open(OUT, "w", encoding="utf-8", newline="\n") as f:
    for c in CASES:
        f.write(json.dumps(c, allow_nan=False, ensure_ascii=False, separators=(",", ":")) + "\n")
n_err = sum("error" in c["expect"] for c in CASES)
print(f"torch {torch.__version__}: wrote {len(CASES)} cases ({len(CASES) - n_err} valid, "
      f"{n_err} rejections, {n_random} random valid after {attempts} draws) to "
      f"{OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")
print(f"{len(NORMALISED)} normalised to the slow kernel's sentence (output size, zero dilation):")
for n in NORMALISED:
    print("  " + n)
