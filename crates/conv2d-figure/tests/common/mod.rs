//! Layers for the figure's tests: every padding mode, stride, dilation, groups, with and without a
//! bias, with padding that grows the input, crops it ('same' with an even kernel) or is negative.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use conv2d_core::data::{self, InputData, KernelData};
use conv2d_core::{forward, validate, Conv2dSpec, Layer, PaddingArg, Pair, Tensor};

/// A spec from the arguments the tests vary.
#[allow(clippy::too_many_arguments)]
fn spec(
    (cin, cout): (i64, i64),
    kernel: (i64, i64),
    stride: (i64, i64),
    padding: PaddingArg,
    dilation: (i64, i64),
    groups: i64,
    bias: bool,
    mode: &str,
) -> Conv2dSpec {
    Conv2dSpec {
        stride: Pair::new(stride.0, stride.1),
        padding,
        dilation: Pair::new(dilation.0, dilation.1),
        groups,
        bias,
        padding_mode: mode.into(),
        ..Conv2dSpec::new(cin, cout, Pair::new(kernel.0, kernel.1))
    }
}

fn pad(h: i64, w: i64) -> PaddingArg {
    PaddingArg::Explicit(Pair::new(h, w))
}

/// The layers, with a name to tell them apart in a failure.
pub fn layers() -> Vec<(&'static str, Layer)> {
    let cases = [
        ("figure 1", Conv2dSpec::figure1(), [3, 7, 7]),
        (
            "zeros, stride 2×1",
            spec((2, 3), (3, 2), (2, 1), pad(1, 2), (1, 1), 1, true, "zeros"),
            [2, 6, 5],
        ),
        (
            "reflect, dilation 2, no bias",
            spec(
                (1, 2),
                (2, 3),
                (1, 1),
                pad(2, 1),
                (2, 1),
                1,
                false,
                "reflect",
            ),
            [1, 5, 6],
        ),
        (
            "replicate, groups 2",
            spec(
                (4, 2),
                (3, 3),
                (1, 2),
                pad(2, 2),
                (1, 1),
                2,
                true,
                "replicate",
            ),
            [4, 5, 5],
        ),
        (
            "circular, groups 3, dilation 1×2",
            spec(
                (3, 6),
                (2, 2),
                (1, 1),
                pad(1, 3),
                (1, 2),
                3,
                true,
                "circular",
            ),
            [3, 4, 5],
        ),
        (
            "same with an even kernel",
            spec(
                (2, 2),
                (2, 4),
                (1, 1),
                PaddingArg::same(),
                (1, 1),
                1,
                true,
                "zeros",
            ),
            [2, 5, 6],
        ),
        (
            "negative padding crops (reflect)",
            spec(
                (1, 1),
                (2, 2),
                (1, 1),
                pad(-1, 0),
                (1, 1),
                1,
                true,
                "reflect",
            ),
            [1, 6, 4],
        ),
        (
            "zeros, groups 2, dilation 2",
            spec((4, 4), (2, 2), (1, 1), pad(2, 1), (2, 2), 2, true, "zeros"),
            [4, 6, 6],
        ),
        (
            "replicate, one channel, stride 2×1",
            spec(
                (1, 2),
                (3, 3),
                (2, 1),
                pad(1, 1),
                (1, 1),
                1,
                true,
                "replicate",
            ),
            [1, 5, 5],
        ),
        (
            "depthwise 1×1 with a large stride",
            spec((2, 2), (1, 1), (3, 3), pad(0, 0), (1, 1), 2, true, "zeros"),
            [2, 7, 7],
        ),
    ];
    cases
        .into_iter()
        .map(|(name, spec, input)| match validate(&spec, input) {
            Ok(layer) => (name, layer),
            Err(e) => panic!("{name}: {}", e.message),
        })
        .collect()
}

/// The seeded input, weight, bias and forward output of `layer` (what a figure of it shows).
#[allow(dead_code)] // not every test file draws figures with data
pub fn data(layer: &Layer, seed: u64) -> (Tensor, Tensor, Option<Vec<f32>>, Tensor) {
    let x = data::input(layer, InputData::Seeded, seed);
    let (w, b) = data::weights(layer, KernelData::Seeded, seed).unwrap();
    let out = forward::forward(layer, &x, &w, b.as_deref());
    (x, w, b, out)
}
