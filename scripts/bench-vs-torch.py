#!/usr/bin/env python3
"""Times the core's forward pass (`conv2d bench`, native, single thread) and PyTorch's
(`torch.set_num_threads(1)`) on the same shapes in the same run, and prints a Markdown table with the
ratio. Needs torch (`pip install torch`); builds the CLI in release first.

    python3 scripts/bench-vs-torch.py [--seconds 1.0]
"""
import argparse
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
# (label, (C, H, W), out_channels, kernel, stride, padding, dilation, groups)
SHAPES = [
    ("(3,224,224)→64 k3 p1", (3, 224, 224), 64, 3, 1, 1, 1, 1),
    ("(64,56,56)→64 k3 p1", (64, 56, 56), 64, 3, 1, 1, 1, 1),
    ("(64,56,56)→64 k3 p1 g64", (64, 56, 56), 64, 3, 1, 1, 1, 64),
    ("(16,64,64)→32 k5 s2 p2 d2", (16, 64, 64), 32, 5, 2, 2, 2, 1),
    ("(3,64,64)→16 k3 p1", (3, 64, 64), 16, 3, 1, 1, 1, 1),
]


def torch_gflops(inp, out, k, s, p, d, g, seconds):
    torch.set_num_threads(1)
    m = torch.nn.Conv2d(inp[0], out, k, stride=s, padding=p, dilation=d, groups=g)
    x = torch.randn(inp)
    with torch.no_grad():
        end = time.perf_counter() + 0.2
        while time.perf_counter() < end:
            y = m(x)
        times = []
        start = time.perf_counter()
        while time.perf_counter() - start < seconds or len(times) < 3:
            t = time.perf_counter()
            y = m(x)
            times.append(time.perf_counter() - t)
    times.sort()
    macs = y.numel() * (inp[0] // g) * k * k
    return 2 * macs / times[len(times) // 2] / 1e9


def ours_gflops(binary, inp, out, k, s, p, d, g, seconds):
    args = [str(binary), "bench", "--input", ",".join(map(str, inp)), "--out-channels", str(out),
            "-k", str(k), "-s", str(s), "-p", str(p), "-d", str(d), "-g", str(g), "--seconds", str(seconds)]
    text = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return float(re.search(r"([0-9.]+) GFLOP/s", text).group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=1.0)
    a = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "conv2d-cli"], cwd=ROOT, check=True)
    binary = ROOT / "target" / "release" / "conv2d"
    print(f"machine: {platform.processor() or platform.machine()}, torch {torch.__version__}, 1 thread, "
          f"median of ~{a.seconds:g} s of repeats each\n")
    print("| shape | conv2d-core GFLOP/s | PyTorch GFLOP/s | ratio |")
    print("|---|---:|---:|---:|")
    worst = float("inf")
    for label, *shape in SHAPES:
        ours = ours_gflops(binary, *shape, a.seconds)
        ref = torch_gflops(*shape, a.seconds)
        worst = min(worst, ours / ref)
        print(f"| {label} | {ours:.1f} | {ref:.1f} | {ours / ref:.2f}× |", flush=True)
    print(f"\nworst ratio: {worst:.2f}× (target ≥ 0.5×)")
    return 0 if worst >= 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
