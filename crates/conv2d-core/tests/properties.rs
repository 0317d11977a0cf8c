//! Property tests: the fast forward pass equals the reference, and the receptive-field maps equal
//! brute force (change one input value, see which outputs change), over random valid specs.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use std::collections::BTreeSet;

use conv2d_core::data::seeded_ints;
use conv2d_core::receptive::{fed_by, taps, OutputCell};
use conv2d_core::{
    forward, reference, validate, Conv2dSpec, Layer, PaddingArg, Pair, Source, Tensor,
};
use proptest::prelude::*;

/// A random spec and input size; invalid combinations are filtered out by the core itself.
fn arb_layer() -> impl Strategy<Value = Layer> {
    (
        (1i64..=3, 1i64..=3, 1i64..=3), // groups, in per group, out per group
        (1i64..=4, 1i64..=4),           // kernel
        (1i64..=3, 1i64..=3),           // stride
        (1i64..=3, 1i64..=3),           // dilation
        prop_oneof![
            (0i64..=3, 0i64..=3).prop_map(|(h, w)| PaddingArg::Explicit(Pair::new(h, w))),
            (-2i64..=0, -2i64..=0).prop_map(|(h, w)| PaddingArg::Explicit(Pair::new(h, w))),
            Just(PaddingArg::same()),
            Just(PaddingArg::valid()),
        ],
        prop::sample::select(vec!["zeros", "reflect", "replicate", "circular"]),
        (1i64..=9, 1i64..=9),
        any::<bool>(),
    )
        .prop_filter_map(
            "PyTorch rejects it",
            |((g, ig, og), k, s, d, padding, mode, (h, w), bias)| {
                let spec = Conv2dSpec {
                    in_channels: g * ig,
                    out_channels: g * og,
                    kernel_size: Pair::new(k.0, k.1),
                    stride: if padding == PaddingArg::same() {
                        Pair::square(1)
                    } else {
                        Pair::new(s.0, s.1)
                    },
                    padding,
                    dilation: Pair::new(d.0, d.1),
                    groups: g,
                    bias,
                    padding_mode: mode.to_string(),
                };
                validate(&spec, [g * ig, h, w]).ok()
            },
        )
}

fn data(layer: &Layer, seed: u64) -> (Tensor, Tensor, Option<Vec<f32>>) {
    let x = Tensor::from_vec(
        &layer.input_shape(),
        seeded_ints(seed, 7, layer.input_shape().iter().product(), -3, 3),
    )
    .unwrap();
    let w = Tensor::from_vec(
        &layer.weight_shape(),
        seeded_ints(seed, 8, layer.weight_shape().iter().product(), -2, 2),
    )
    .unwrap();
    let b = layer
        .bias
        .then(|| seeded_ints(seed, 9, layer.out_channels, -2, 2));
    (x, w, b)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn fast_forward_equals_reference(layer in arb_layer(), seed in 0u64..1000) {
        let (x, w, b) = data(&layer, seed);
        let fast = forward::forward(&layer, &x, &w, b.as_deref());
        let slow = reference::forward(&layer, &x, &w, b.as_deref());
        prop_assert_eq!(&fast.shape, &slow.shape);
        for (i, (a, r)) in fast.data.iter().zip(&slow.data).enumerate() {
            prop_assert!((a - r).abs() <= 1e-4 * (1.0 + r.abs()), "index {}: {} vs {}", i, a, r);
        }
    }

    #[test]
    fn receptive_fields_match_brute_force(layer in arb_layer(), seed in 0u64..1000) {
        // Positive weights, so no contribution can cancel out; integer data, so sums are exact.
        let (x, _, b) = data(&layer, seed);
        let w = Tensor::from_vec(&layer.weight_shape(), vec![1.0; layer.weight_shape().iter().product()]).unwrap();
        let base = forward::forward(&layer, &x, &w, b.as_deref());
        let [c, h, wd] = layer.input_shape();
        let [_, ho, wo] = layer.output_shape();
        for ic in 0..c {
            for y in 0..h {
                for xx in 0..wd {
                    let mut x2 = x.clone();
                    let i = x2.offset(&[ic, y, xx]);
                    x2.data[i] += 1.0;
                    let out = forward::forward(&layer, &x2, &w, b.as_deref());
                    let changed: BTreeSet<OutputCell> = out.data.iter().zip(&base.data).enumerate()
                        .filter(|(_, (a, b))| a != b)
                        .map(|(i, _)| OutputCell { channel: i / (ho * wo), y: i / wo % ho, x: i % wo })
                        .collect();
                    let claimed: BTreeSet<OutputCell> = fed_by(&layer, ic, y, xx).into_iter().collect();
                    prop_assert_eq!(&changed, &claimed, "input cell ({}, {}, {})", ic, y, xx);
                    // And the other way: each of those outputs lists this cell among its taps.
                    for cell in &claimed {
                        let hit = taps(&layer, cell.channel, cell.y, cell.x).iter().any(|t| {
                            t.in_channel == ic && t.source.input_cell() == Some((y, xx))
                        });
                        prop_assert!(hit, "output {:?} does not list input ({}, {}, {})", cell, ic, y, xx);
                    }
                }
            }
        }
    }

    #[test]
    fn taps_rebuild_each_output(layer in arb_layer(), seed in 0u64..1000) {
        let (x, w, b) = data(&layer, seed);
        let out = forward::forward(&layer, &x, &w, b.as_deref());
        let [cout, ho, wo] = layer.output_shape();
        let cin_g = layer.in_per_group();
        for oc in 0..cout {
            for oy in 0..ho {
                for ox in 0..wo {
                    let mut sum = b.as_ref().map_or(0.0, |b| b[oc]);
                    for t in taps(&layer, oc, oy, ox) {
                        prop_assert_eq!(layer.group_of_input(t.in_channel), layer.group_of_output(oc));
                        if let Some((y, xx)) = t.source.input_cell() {
                            sum += x.at(&[t.in_channel, y, xx]) * w.at(&[oc, t.in_channel % cin_g, t.ky, t.kx]);
                        } else {
                            prop_assert_eq!(t.source, Source::Zero);
                        }
                    }
                    prop_assert!((sum - out.at(&[oc, oy, ox])).abs() < 1e-3);
                }
            }
        }
    }
}

#[test]
fn same_padding_puts_the_extra_cell_at_the_bottom_right() {
    // kernel 4, dilation 1: total 3 → 1 before, 2 after (PyTorch's conv.py split).
    let spec = Conv2dSpec {
        padding: PaddingArg::same(),
        ..Conv2dSpec::new(1, 1, Pair::new(4, 2))
    };
    let l = validate(&spec, [1, 5, 5]).unwrap();
    assert_eq!(
        (l.pad.top, l.pad.bottom, l.pad.left, l.pad.right),
        (1, 2, 0, 1)
    );
    assert_eq!(l.output_shape(), [1, 5, 5]);
}

#[test]
fn reflect_ring_copies_the_mirrored_cell() {
    let spec = Conv2dSpec {
        padding: PaddingArg::Explicit(Pair::square(2)),
        padding_mode: "reflect".into(),
        ..Conv2dSpec::new(1, 1, Pair::square(3))
    };
    let l = validate(&spec, [1, 4, 4]).unwrap();
    // Padded (0, 0) is two rows and columns outside: reflect gives input (2, 2).
    assert_eq!(l.source(0, 0), Source::Copy { y: 2, x: 2 });
    assert_eq!(l.source(2, 3), Source::Input { y: 0, x: 1 });
}
