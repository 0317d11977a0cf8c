//! Native benchmarks of the forward pass on the five shapes (single thread).
//! `cargo bench -p conv2d-core`; `scripts/bench-vs-torch.sh` compares with PyTorch.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure
use conv2d_core::data::{self, InputData, KernelData};
use conv2d_core::{forward, validate, Conv2dSpec, PaddingArg, Pair};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// (name, (C, H, W), out_channels, kernel, stride, padding, dilation, groups)
type Shape = (&'static str, [i64; 3], i64, i64, i64, i64, i64, i64);
const SHAPES: [Shape; 5] = [
    ("3x224x224_to_64_k3p1", [3, 224, 224], 64, 3, 1, 1, 1, 1),
    ("64x56x56_to_64_k3p1", [64, 56, 56], 64, 3, 1, 1, 1, 1),
    ("64x56x56_to_64_k3p1_g64", [64, 56, 56], 64, 3, 1, 1, 1, 64),
    ("16x64x64_to_32_k5s2p2d2", [16, 64, 64], 32, 5, 2, 2, 2, 1),
    ("3x64x64_to_16_k3p1", [3, 64, 64], 16, 3, 1, 1, 1, 1),
];

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("forward");
    for (name, input, out, k, s, p, d, g) in SHAPES {
        let spec = Conv2dSpec {
            stride: Pair::square(s),
            padding: PaddingArg::Explicit(Pair::square(p)),
            dilation: Pair::square(d),
            groups: g,
            ..Conv2dSpec::new(input[0], out, Pair::square(k))
        };
        let layer = validate(&spec, input).expect("benchmark shapes are valid");
        let x = data::input(&layer, InputData::Seeded, 1);
        let (w, b) = data::weights(&layer, KernelData::Seeded, 1).expect("seeded fits");
        group.throughput(Throughput::Elements(conv2d_core::Cost::of(&layer).flops()));
        group.bench_function(name, |bench| {
            bench.iter(|| forward::forward(&layer, &x, &w, b.as_deref()))
        });
        group.bench_function(format!("{name}_pad_only"), |bench| {
            bench.iter(|| forward::pad_input(&layer, &x))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
