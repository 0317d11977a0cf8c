//! Receptive maps of a transposed convolution, both ways: the input cells and kernel taps that make
//! one output cell (the gather side), and the output cells one input cell paints (the scatter side).

use crate::receptive::OutputCell;

use super::TransposeLayer;

/// One term of an output cell's sum: `input[in_channel, iy, ix] · weight[in_channel, oc − g·cout_g, ky, kx]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TransposeTap {
    /// The input channel (absolute index).
    pub in_channel: usize,
    /// Kernel row.
    pub ky: usize,
    /// Kernel column.
    pub kx: usize,
    /// Input row.
    pub iy: usize,
    /// Input column.
    pub ix: usize,
}

/// Every term of output cell `(oc, oy, ox)`, ordered by input channel, then kernel row and column.
/// Empty when the cell is outside the output, or when no input cell reaches it (then it holds the
/// bias alone).
pub fn taps(layer: &TransposeLayer, oc: usize, oy: usize, ox: usize) -> Vec<TransposeTap> {
    let [cout, ho, wo] = layer.output_shape();
    if oc >= cout || oy >= ho || ox >= wo {
        return Vec::new();
    }
    let cin_g = layer.in_per_group();
    let g = layer.group_of_output(oc);
    let [kh, kw] = layer.kernel;
    let mut out = Vec::new();
    for ci in 0..cin_g {
        for ky in 0..kh {
            let Some(iy) = layer.source_index(0, oy, ky) else {
                continue;
            };
            for kx in 0..kw {
                if let Some(ix) = layer.source_index(1, ox, kx) {
                    out.push(TransposeTap {
                        in_channel: g * cin_g + ci,
                        ky,
                        kx,
                        iy,
                        ix,
                    });
                }
            }
        }
    }
    out
}

/// Where one kernel tap of an input cell lands: `(ky, kx)` and the output cell `(oy, ox)` it adds
/// to, or `None` when that falls outside the output (cropped by padding).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScatterTap {
    /// Kernel row.
    pub ky: usize,
    /// Kernel column.
    pub kx: usize,
    /// The output `(row, column)` it adds to, if inside the output.
    pub out: Option<(usize, usize)>,
}

/// The kernel-sized window input cell `(y, x)` paints, tap by tap (row-major over the kernel), each
/// with the output cell it lands on. Empty when the cell is outside the input.
pub fn window(layer: &TransposeLayer, y: usize, x: usize) -> Vec<ScatterTap> {
    if y >= layer.input[0] || x >= layer.input[1] {
        return Vec::new();
    }
    let [kh, kw] = layer.kernel;
    let mut v = Vec::with_capacity(kh * kw);
    for ky in 0..kh {
        for kx in 0..kw {
            let out = layer.paint_index(0, y, ky).zip(layer.paint_index(1, x, kx));
            v.push(ScatterTap { ky, kx, out });
        }
    }
    v
}

/// Output positions along one axis painted by input index `i`, sorted, each once.
fn painted_1d(layer: &TransposeLayer, axis: usize, i: usize) -> Vec<usize> {
    let mut v: Vec<usize> = (0..layer.kernel[axis])
        .filter_map(|t| layer.paint_index(axis, i, t))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Every output cell that input cell `(c, y, x)` contributes to (every output channel of its group),
/// sorted. Empty when the cell is outside the input. (A cell reached through a tap whose weight is
/// zero still counts: it is in the sum.)
pub fn paints(layer: &TransposeLayer, c: usize, y: usize, x: usize) -> Vec<OutputCell> {
    let [cin, h, w] = layer.input_shape();
    if c >= cin || y >= h || x >= w {
        return Vec::new();
    }
    let ys = painted_1d(layer, 0, y);
    let xs = painted_1d(layer, 1, x);
    let cout_g = layer.out_per_group();
    let g = layer.group_of_input(c);
    crate::receptive::grid_cells(g * cout_g..(g + 1) * cout_g, &ys, &xs)
}

/// The overlap map: for each output cell `(oy, ox)` (row-major, `H_out × W_out`), how many
/// (input cell, kernel tap) placements add to it, per pair of channels. Uneven counts are the
/// checkerboard pattern of a kernel size that is not a multiple of the stride.
pub fn overlap(layer: &TransposeLayer) -> Vec<u32> {
    let per_axis = |axis: usize| {
        let mut count = vec![0u32; layer.output[axis]];
        for i in 0..layer.input[axis] {
            for t in 0..layer.kernel[axis] {
                if let Some(o) = layer.paint_index(axis, i, t) {
                    count[o] += 1;
                }
            }
        }
        count
    };
    let (ys, xs) = (per_axis(0), per_axis(1));
    ys.iter()
        .flat_map(|&a| xs.iter().map(move |&b| a * b))
        .collect()
}
