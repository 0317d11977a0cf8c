//! Receptive fields both ways: the taps that make one output cell, and the output cells one input
//! cell feeds (directly and through reflect / replicate / circular copies of it in the padding ring).

use crate::layer::{Layer, Source};

/// One term of an output cell's sum: `padded[in_channel, py, px] · weight[oc, in_channel − g·cin_g, ky, kx]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tap {
    /// The input channel (absolute index).
    pub in_channel: usize,
    /// Kernel row.
    pub ky: usize,
    /// Kernel column.
    pub kx: usize,
    /// Row in the padded input.
    pub py: usize,
    /// Column in the padded input.
    pub px: usize,
    /// What that padded cell holds: a real input cell, a zero, or a copy of an input cell.
    pub source: Source,
}

/// A cell of the output `(channel, y, x)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OutputCell {
    /// Output channel.
    pub channel: usize,
    /// Row.
    pub y: usize,
    /// Column.
    pub x: usize,
}

impl OutputCell {
    /// The cell the animation fills at step `i` of an output of `shape` (C, H, W): channel by
    /// channel, row by row; `None` past the last cell.
    pub fn at_step(shape: [usize; 3], i: usize) -> Option<Self> {
        let [c, h, w] = shape;
        (i < c * h * w).then(|| Self {
            channel: i / (h * w),
            y: i / w % h,
            x: i % w,
        })
    }
}

/// Every tap of output cell `(oc, oy, ox)`, ordered by input channel, then kernel row and column.
/// Empty when the cell is outside the output.
pub fn taps(layer: &Layer, oc: usize, oy: usize, ox: usize) -> Vec<Tap> {
    let [cout, ho, wo] = layer.output_shape();
    if oc >= cout || oy >= ho || ox >= wo {
        return Vec::new();
    }
    let cin_g = layer.in_per_group();
    let g = layer.group_of_output(oc);
    let [kh, kw] = layer.kernel;
    let mut out = Vec::with_capacity(cin_g * kh * kw);
    for ci in 0..cin_g {
        for ky in 0..kh {
            for kx in 0..kw {
                let py = oy * layer.stride[0] + ky * layer.dilation[0];
                let px = ox * layer.stride[1] + kx * layer.dilation[1];
                out.push(Tap {
                    in_channel: g * cin_g + ci,
                    ky,
                    kx,
                    py,
                    px,
                    source: layer.source(py, px),
                });
            }
        }
    }
    out
}

/// Output positions along one axis that read padded index `p`.
fn outputs_reading(layer: &Layer, axis: usize, p: usize, into: &mut Vec<usize>) {
    let (s, d, k, n_out) = (
        layer.stride[axis],
        layer.dilation[axis],
        layer.kernel[axis],
        layer.output[axis],
    );
    for t in 0..k {
        if let Some(rest) = p.checked_sub(t * d) {
            if rest % s == 0 && rest / s < n_out {
                into.push(rest / s);
            }
        }
    }
}

/// Output positions along one axis fed by input index `i`, directly or through a copy.
fn outputs_fed_1d(layer: &Layer, axis: usize, i: usize) -> Vec<usize> {
    let mut v = Vec::new();
    for p in 0..layer.padded()[axis] {
        if layer.axis_source(axis, p) == Some(i) {
            outputs_reading(layer, axis, p, &mut v);
        }
    }
    v.sort_unstable();
    v.dedup();
    v
}

/// Every output cell that input cell `(c, y, x)` contributes to, sorted. Empty when the cell is outside
/// the input. (A cell reached through a tap whose weight is zero still counts: it is in the sum.)
pub fn fed_by(layer: &Layer, c: usize, y: usize, x: usize) -> Vec<OutputCell> {
    let [cin, h, w] = layer.input_shape();
    if c >= cin || y >= h || x >= w {
        return Vec::new();
    }
    let ys = outputs_fed_1d(layer, 0, y);
    let xs = outputs_fed_1d(layer, 1, x);
    let cout_g = layer.out_per_group();
    let g = layer.group_of_input(c);
    grid_cells(g * cout_g..(g + 1) * cout_g, &ys, &xs)
}

/// Every output cell `(channel, y, x)` for the channels given and the rows and columns given,
/// channel-major then row-major (sorted when `ys` and `xs` are).
pub(crate) fn grid_cells(
    channels: std::ops::Range<usize>,
    ys: &[usize],
    xs: &[usize],
) -> Vec<OutputCell> {
    let mut out = Vec::with_capacity(channels.len() * ys.len() * xs.len());
    for channel in channels {
        for &y in ys {
            for &x in xs {
                out.push(OutputCell { channel, y, x });
            }
        }
    }
    out
}
