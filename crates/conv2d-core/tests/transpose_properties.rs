//! Property tests of ConvTranspose2d: the fast forward pass (GEMM + col2im) equals the one-cell-at-a-
//! time reference and the equivalent convolution on the upsampled input, and the receptive maps both
//! ways equal brute force (change one input value, see which outputs change), over random valid specs.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use std::collections::BTreeSet;

use conv2d_core::data::seeded_ints;
use conv2d_core::receptive::OutputCell;
use conv2d_core::transpose::forward::Path;
use conv2d_core::transpose::receptive::{overlap, paints, taps, window};
use conv2d_core::transpose::undo::{conv_of, transpose_of};
use conv2d_core::transpose::{forward, reference};
use conv2d_core::{
    validate, validate_transpose, Conv2dSpec, ConvTranspose2dSpec, PaddingArg, Pair, Tensor,
    TransposeLayer,
};
use proptest::prelude::*;

/// A random spec and input size; invalid combinations are filtered out by the core itself.
fn arb_layer() -> impl Strategy<Value = TransposeLayer> {
    (
        (1i64..=3, 1i64..=3, 1i64..=3), // groups, in per group, out per group
        (1i64..=4, 1i64..=4),           // kernel
        (1i64..=3, 1i64..=3),           // stride
        (1i64..=3, 1i64..=3),           // dilation
        (0i64..=3, 0i64..=3),           // padding
        (0i64..=2, 0i64..=2),           // output_padding
        (1i64..=6, 1i64..=6),
        any::<bool>(),
    )
        .prop_filter_map(
            "PyTorch rejects it",
            |((g, ig, og), k, s, d, p, op, (h, w), bias)| {
                let spec = ConvTranspose2dSpec {
                    stride: Pair::new(s.0, s.1),
                    padding: PaddingArg::Explicit(Pair::new(p.0, p.1)),
                    output_padding: Pair::new(op.0, op.1),
                    groups: g,
                    bias,
                    dilation: Pair::new(d.0, d.1),
                    ..ConvTranspose2dSpec::new(g * ig, g * og, Pair::new(k.0, k.1))
                };
                validate_transpose(&spec, [g * ig, h, w]).ok()
            },
        )
}

fn data(layer: &TransposeLayer, seed: u64) -> (Tensor, Tensor, Option<Vec<f32>>) {
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

fn assert_close(a: &Tensor, r: &Tensor) -> Result<(), TestCaseError> {
    prop_assert_eq!(&a.shape, &r.shape);
    for (i, (a, r)) in a.data.iter().zip(&r.data).enumerate() {
        prop_assert!(
            (a - r).abs() <= 1e-4 * (1.0 + r.abs()),
            "index {}: {} vs {}",
            i,
            a,
            r
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn fast_forward_equals_reference_both_ways(layer in arb_layer(), seed in 0u64..1000) {
        let (x, w, b) = data(&layer, seed);
        let slow = reference::forward(&layer, &x, &w, b.as_deref());
        for path in [Path::Gemm, Path::Conv] {
            let fast = forward::forward_path(&layer, &x, &w, b.as_deref(), path);
            prop_assert_eq!(&fast.shape, &layer.output_shape().to_vec());
            assert_close(&fast, &slow)?;
        }
        assert_close(&forward::forward(&layer, &x, &w, b.as_deref()), &slow)?;
    }

    #[test]
    fn the_equivalent_convolution_gives_the_same_output(layer in arb_layer(), seed in 0u64..1000) {
        let (x, w, b) = data(&layer, seed);
        let conv = layer.as_conv();
        prop_assert_eq!(conv.output_shape(), layer.output_shape());
        prop_assert_eq!(conv.padded().map(|n| n + 1), [0, 1].map(|a| layer.output[a] + conv.kernel_extent()[a]));
        let via_conv = conv2d_core::forward::forward(
            &conv,
            &layer.upsample_input(&x),
            &layer.conv_weight(&w),
            b.as_deref(),
        );
        let fast = forward::forward(&layer, &x, &w, b.as_deref());
        assert_close(&fast, &via_conv)?;
    }

    #[test]
    fn receptive_maps_match_brute_force(layer in arb_layer(), seed in 0u64..1000) {
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
                    let claimed: BTreeSet<OutputCell> = paints(&layer, ic, y, xx).into_iter().collect();
                    prop_assert_eq!(&changed, &claimed, "input cell ({}, {}, {})", ic, y, xx);
                    // The window's taps land exactly on those cells (in each channel of the group).
                    let landed: BTreeSet<(usize, usize)> =
                        window(&layer, y, xx).iter().filter_map(|t| t.out).collect();
                    let painted: BTreeSet<(usize, usize)> = claimed.iter().map(|c| (c.y, c.x)).collect();
                    prop_assert_eq!(landed, painted);
                    // And the other way: each of those outputs lists this cell among its taps.
                    for cell in &claimed {
                        let hit = taps(&layer, cell.channel, cell.y, cell.x)
                            .iter()
                            .any(|t| t.in_channel == ic && (t.iy, t.ix) == (y, xx));
                        prop_assert!(hit, "output {:?} does not list input ({}, {}, {})", cell, ic, y, xx);
                    }
                }
            }
        }
    }

    #[test]
    fn taps_rebuild_each_output_and_count_the_overlap(layer in arb_layer(), seed in 0u64..1000) {
        let (x, w, b) = data(&layer, seed);
        let out = forward::forward(&layer, &x, &w, b.as_deref());
        let [cout, ho, wo] = layer.output_shape();
        let cout_g = layer.out_per_group();
        let counts = overlap(&layer);
        prop_assert_eq!(counts.len(), ho * wo);
        for oc in 0..cout {
            for oy in 0..ho {
                for ox in 0..wo {
                    let mut sum = b.as_ref().map_or(0.0, |b| b[oc]);
                    let t = taps(&layer, oc, oy, ox);
                    prop_assert_eq!(t.len(), counts[oy * wo + ox] as usize * layer.in_per_group());
                    for t in t {
                        prop_assert_eq!(layer.group_of_input(t.in_channel), layer.group_of_output(oc));
                        sum += x.at(&[t.in_channel, t.iy, t.ix]) * w.at(&[t.in_channel, oc % cout_g, t.ky, t.kx]);
                    }
                    prop_assert!((sum - out.at(&[oc, oy, ox])).abs() < 1e-3);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// "Transpose this layer" maps a Conv2d's output shape back to its input shape whenever the
    /// Conv2d pads evenly, and back again whenever output_padding is smaller than the stride.
    #[test]
    fn transposing_round_trips_the_shapes(
        (g, ig, og) in (1i64..=3, 1i64..=3, 1i64..=3),
        k in (1i64..=4, 1i64..=4),
        s in (1i64..=3, 1i64..=3),
        d in (1i64..=3, 1i64..=3),
        p in (0i64..=3, 0i64..=3),
        (h, w) in (1i64..=12, 1i64..=12),
    ) {
        let spec = Conv2dSpec {
            stride: Pair::new(s.0, s.1),
            padding: PaddingArg::Explicit(Pair::new(p.0, p.1)),
            dilation: Pair::new(d.0, d.1),
            groups: g,
            ..Conv2dSpec::new(g * ig, g * og, Pair::new(k.0, k.1))
        };
        let Ok(conv) = validate(&spec, [g * ig, h, w]) else {
            return Ok(());
        };
        let t = transpose_of(&conv).unwrap();
        let tl = validate_transpose(&t, conv.output_shape().map(|n| n as i64)).unwrap();
        prop_assert_eq!(tl.output_shape(), conv.input_shape());
        prop_assert!(tl.output_padding[0] < tl.stride[0] && tl.output_padding[1] < tl.stride[1]);
        prop_assert_eq!(conv_of(&tl).unwrap(), spec);
    }
}

#[test]
fn large_layers_go_through_the_gemm_in_blocks_of_rows() {
    // Columns of 3·4·4 rows × 40 input columns: a block holds a few input rows, so there are many.
    for (g, cin, s, p, op) in [(1, 6, 2, 1, 1), (2, 8, 3, 2, 0), (4, 4, 1, 0, 0)] {
        let spec = ConvTranspose2dSpec {
            stride: Pair::square(s),
            padding: PaddingArg::Explicit(Pair::new(p, 0)),
            output_padding: Pair::new(op, 0),
            groups: g,
            ..ConvTranspose2dSpec::new(cin, 3 * g, Pair::square(4))
        };
        let layer = validate_transpose(&spec, [cin, 37, 40]).unwrap();
        let (x, w, b) = data(&layer, 5);
        let slow = reference::forward(&layer, &x, &w, b.as_deref());
        for path in [Path::Gemm, Path::Conv] {
            let fast = forward::forward_path(&layer, &x, &w, b.as_deref(), path);
            assert_close(&fast, &slow).unwrap();
        }
    }
}

#[test]
fn dcgan_block_doubles_the_size_and_stride_2_kernel_3_overlaps_unevenly() {
    let l = validate_transpose(&ConvTranspose2dSpec::upsample2x(), [3, 4, 4]).unwrap();
    assert_eq!(l.output_shape(), [2, 8, 8]);
    assert_eq!(l.weight_shape(), [3, 2, 4, 4]);
    // k4 s2: every interior cell gets 2 × 2 placements.
    assert_eq!(overlap(&l)[3 * 8 + 3], 4);
    let spec = ConvTranspose2dSpec {
        stride: Pair::square(2),
        ..ConvTranspose2dSpec::new(1, 1, Pair::square(3))
    };
    let l = validate_transpose(&spec, [1, 3, 3]).unwrap();
    assert_eq!(l.output, [7, 7]);
    let o = overlap(&l);
    // The checkerboard: 1, 2 and 4 placements side by side.
    assert_eq!((o[0], o[2 * 7 + 1], o[2 * 7 + 2]), (1, 2, 4));
}
