//! A forward pass in parts: the output channels cut into runs, each run computed by a call of its
//! own, so that a page can spread one large pass over several short tasks (and a browser can move
//! to optimised code between calls, which it cannot do within one). The parts laid end to end are
//! [`forward`](crate::forward::forward)'s output, value for value.

use std::ops::Range;

use crate::forward::{forward_with, Workspace};
use crate::{Layer, Tensor};

/// Output channels per part at least, where the layer has one group: the SIMD kernel's rows come
/// in blocks of four, so parts of whole blocks compute no padding rows.
const BLOCK: usize = 8;

/// `layer`'s output channels cut into at most `count` runs (at least one) of about equal size, in
/// order: whole groups where the layer has more than one, else whole blocks of channels.
pub fn parts(layer: &Layer, count: usize) -> Vec<Range<usize>> {
    let unit = if layer.groups > 1 {
        layer.out_per_group()
    } else {
        BLOCK.min(layer.out_channels.max(1))
    };
    let units = layer.out_channels.div_ceil(unit);
    let count = count.clamp(1, units.max(1));
    (0..count)
        .map(|i| {
            let (a, b) = (i * units / count, (i + 1) * units / count);
            (a * unit)..(b * unit).min(layer.out_channels)
        })
        .filter(|r| !r.is_empty())
        .collect()
}

/// The output planes of channels `range` (one of [`parts`]' runs, or any run of whole groups):
/// `range.len() · H_out · W_out` values, row-major, which live in the workspace until its next use.
/// Shapes as for [`forward_with`]; a run that cuts a group (where there are several) panics.
pub fn forward_part<'w>(
    layer: &Layer,
    input: &Tensor,
    weight: &Tensor,
    bias: Option<&[f32]>,
    range: Range<usize>,
    ws: &'w mut Workspace,
) -> &'w [f32] {
    let (cin_g, cout_g) = (layer.in_per_group(), layer.out_per_group());
    let [_, h, w] = layer.input_shape();
    let [g0, g1] = if layer.groups == 1 {
        [0, 1]
    } else {
        assert!(
            range.start % cout_g == 0 && range.end % cout_g == 0,
            "a part must hold whole groups"
        );
        [range.start / cout_g, range.end / cout_g]
    };
    let part = Layer {
        in_channels: (g1 - g0) * cin_g,
        out_channels: range.len(),
        groups: g1 - g0,
        ..*layer
    };
    let kk = cin_g * layer.kernel[0] * layer.kernel[1];
    let weight = Tensor {
        shape: part.weight_shape().to_vec(),
        data: weight.data[range.start * kk..range.end * kk].to_vec(),
    };
    let bias = bias.map(|b| &b[range.clone()]);
    if part.in_channels == layer.in_channels {
        return forward_with(&part, input, &weight, bias, ws);
    }
    let plane = h * w;
    let input = Tensor {
        shape: part.input_shape().to_vec(),
        data: input.data[g0 * cin_g * plane..g1 * cin_g * plane].to_vec(),
    };
    forward_with(&part, &input, &weight, bias, ws)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{self, InputData};
    use crate::forward::forward;
    use crate::spec::{Conv2dSpec, PaddingArg, Pair};

    /// The parts, end to end, are the whole pass's output bit for bit, on layers with one group, a
    /// few groups and one per channel, with and without a bias, cut into every number of parts.
    #[test]
    fn the_parts_laid_end_to_end_are_the_forward_pass() {
        for (c, o, k, s, p, g, bias) in [
            (16, 64, 3, 1, 1, 1, true),
            (3, 20, 5, 2, 2, 1, false),
            (8, 12, 3, 1, 1, 4, true),
            (6, 6, 3, 2, 1, 6, true),
            (4, 8, 1, 1, 0, 2, false),
        ] {
            let mut spec = Conv2dSpec::new(c, o, Pair::square(k));
            spec.stride = Pair::square(s);
            spec.padding = PaddingArg::Explicit(Pair::square(p));
            spec.groups = g;
            spec.bias = bias;
            let layer = crate::validate(&spec, [c, 13, 11]).unwrap();
            let input = data::input(&layer, InputData::Seeded, 5);
            let (weight, b) = data::seeded_weights(&layer, 5);
            let whole = forward(&layer, &input, &weight, b.as_deref());
            let mut ws = Workspace::new();
            let o = layer.out_channels;
            for count in 1..=o + 1 {
                let runs = parts(&layer, count);
                assert!(runs.len() <= count && !runs.is_empty());
                assert_eq!(runs[0].start, 0);
                assert_eq!(runs.last().unwrap().end, o);
                assert!(runs.windows(2).all(|w| w[0].end == w[1].start));
                let mut out = Vec::new();
                for r in runs {
                    out.extend_from_slice(forward_part(
                        &layer,
                        &input,
                        &weight,
                        b.as_deref(),
                        r,
                        &mut ws,
                    ));
                }
                assert_eq!(out, whole.data, "{spec:?} in {count} parts");
            }
        }
    }

    #[test]
    fn a_layer_with_groups_is_cut_between_groups_and_one_group_in_blocks() {
        let layer = |o: i64, g: i64| {
            let mut spec = Conv2dSpec::new(g, o, Pair::square(3));
            spec.groups = g;
            crate::validate(&spec, [g, 8, 8]).unwrap()
        };
        assert_eq!(parts(&layer(64, 1), 4), [0..16, 16..32, 32..48, 48..64]);
        assert_eq!(parts(&layer(20, 1), 8), [0..8, 8..16, 16..20]);
        assert_eq!(parts(&layer(12, 4), 3), [0..3, 3..6, 6..12]);
        let one = parts(&layer(2, 1), 5);
        assert_eq!((one.len(), one[0].clone()), (1, 0..2));
    }
}
