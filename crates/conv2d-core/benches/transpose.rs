//! Native benchmarks of ConvTranspose2d's forward pass, both ways (single thread):
//! `cargo bench -p conv2d-core --bench transpose`. `forward::Path::for_layer` picks between them from
//! these numbers (and `conv2d bench --op conv_transpose2d --path gemm|conv` times one layer).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure
use conv2d_core::data::seeded_ints;
use conv2d_core::transpose::forward::{forward_path, Path};
use conv2d_core::{validate_transpose, ConvTranspose2dSpec, PaddingArg, Pair, Tensor};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// (name, (C, H, W), out_channels, kernel, stride, padding, groups)
type Shape = (&'static str, [i64; 3], i64, i64, i64, i64, i64);
const SHAPES: [Shape; 5] = [
    ("64x16x16_to_32_k4s2p1", [64, 16, 16], 32, 4, 2, 1, 1),
    ("32x32x32_to_32_k3p1", [32, 32, 32], 32, 3, 1, 1, 1),
    ("16x16x16_to_16_k3s3", [16, 16, 16], 16, 3, 3, 0, 1),
    ("3x64x64_to_16_k5s2p2", [3, 64, 64], 16, 5, 2, 2, 1),
    ("32x32x32_depthwise_k4s2p1", [32, 32, 32], 32, 4, 2, 1, 32),
];

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("conv_transpose2d");
    for (name, input, out, k, s, p, g) in SHAPES {
        let spec = ConvTranspose2dSpec {
            stride: Pair::square(s),
            padding: PaddingArg::Explicit(Pair::square(p)),
            groups: g,
            ..ConvTranspose2dSpec::new(input[0], out, Pair::square(k))
        };
        let layer = validate_transpose(&spec, input).expect("benchmark shapes are valid");
        let tensor = |shape: &[usize], salt| {
            Tensor::from_vec(shape, seeded_ints(1, salt, shape.iter().product(), -3, 3)).unwrap()
        };
        let x = tensor(&layer.input_shape(), 1);
        let w = tensor(&layer.weight_shape(), 2);
        let b = seeded_ints(1, 3, layer.out_channels, -2, 2);
        let flops = conv2d_core::transpose::cost::cost(&layer).flops();
        group.throughput(Throughput::Elements(flops));
        for (way, path) in [("gemm", Path::Gemm), ("conv", Path::Conv)] {
            group.bench_function(format!("{name}_{way}"), |bench| {
                bench.iter(|| forward_path(&layer, &x, &w, Some(&b), path))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
