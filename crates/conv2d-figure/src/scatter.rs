//! A transposed convolution read from the input's side ("scatter"): each input cell multiplies its
//! kernel slice and adds it into its window of the output, overlaps accumulating.
//!
//! The figure draws it with the same bands as a convolution: the input as it is (no padding ring),
//! one kernel slice per (output channel, input channel of its group) pair, and the output. The
//! [`shown_layer`] describes those shapes; the highlights, the sums and the animation come from the
//! core's transposed receptive maps ([`conv2d_core::transpose::receptive`]).

use conv2d_core::layer::Pad;
use conv2d_core::receptive::{OutputCell, Tap};
use conv2d_core::transpose::receptive::{paints, taps};
use conv2d_core::{Layer, PaddingMode, Source, Tensor, TransposeLayer};

use crate::highlight::{Focus, Highlight};
use crate::sum::{Sum, Term};

/// The shapes the scatter figure draws: `t`'s input unpadded, its kernels, its output. (Its
/// stride and padding are `t`'s for reading only: the figure never convolves with it.)
pub fn shown_layer(t: &TransposeLayer) -> Layer {
    Layer {
        in_channels: t.in_channels,
        out_channels: t.out_channels,
        kernel: t.kernel,
        stride: t.stride,
        dilation: t.dilation,
        groups: t.groups,
        bias: t.bias,
        mode: PaddingMode::Zeros,
        pad: Pad {
            top: 0,
            bottom: 0,
            left: 0,
            right: 0,
        },
        input: t.input,
        output: t.output,
    }
}

/// PyTorch's transposed weight `(in, out/groups, kH, kW)` laid out as the figure's kernel band
/// reads it, `(out, in/groups, kH, kW)`: the slice input channel `ic` paints output channel `oc`
/// with, not flipped (the scatter side uses the kernel as it is).
pub fn shown_weight(t: &TransposeLayer, weight: &Tensor) -> Tensor {
    t.by_output(weight)
}

/// What lights up for `focus`: for an output cell, the input cells and kernel taps of its sum; for
/// an input cell, every output cell it paints and the slice it multiplies in each kernel.
pub fn highlight(t: &TransposeLayer, focus: Focus) -> Highlight {
    match focus {
        Focus::None => Highlight::default(),
        Focus::Output(cell) => {
            let terms = taps(t, cell.channel, cell.y, cell.x);
            if terms.is_empty() {
                // The bias alone: the cell lights up, nothing else does.
                let [c, h, w] = t.output_shape();
                if cell.channel >= c || cell.y >= h || cell.x >= w {
                    return Highlight::default();
                }
            }
            let cin_g = t.in_per_group();
            Highlight {
                taps: terms
                    .iter()
                    .map(|tap| Tap {
                        in_channel: tap.in_channel,
                        ky: tap.ky,
                        kx: tap.kx,
                        py: tap.iy,
                        px: tap.ix,
                        source: Source::Input {
                            y: tap.iy,
                            x: tap.ix,
                        },
                    })
                    .collect(),
                kernel: Some(cell.channel),
                kernel_taps: terms
                    .iter()
                    .map(|tap| (tap.in_channel % cin_g, tap.ky, tap.kx))
                    .collect(),
                outputs: vec![cell],
                input_positions: Vec::new(),
            }
        }
        Focus::Input { c, y, x } => {
            let outputs = paints(t, c, y, x);
            if outputs.is_empty() && (c >= t.in_channels || y >= t.input[0] || x >= t.input[1]) {
                return Highlight::default();
            }
            Highlight {
                outputs,
                input_positions: vec![(c, y, x)],
                ..Highlight::default()
            }
        }
    }
}

/// The sum behind output cell `cell`: `Σ input[ic, iy, ix] · weight[ic, j, ky, kx] + bias`, one term
/// per (input cell, kernel tap) that paints it, in the core's order. `None` when no input cell
/// reaches it (it holds the bias alone).
pub fn sum(
    t: &TransposeLayer,
    (input, shown): (&Tensor, &Tensor),
    bias: Option<&[f32]>,
    output: &[f32],
    cell: OutputCell,
) -> Option<Sum> {
    let terms = taps(t, cell.channel, cell.y, cell.x);
    if terms.is_empty() {
        return None;
    }
    let cin_g = t.in_per_group();
    let [_, h, w] = t.input_shape();
    let terms: Vec<Term> = terms
        .iter()
        .map(|tap| Term {
            input: Some(input.data[(tap.in_channel * h + tap.iy) * w + tap.ix]),
            weight: shown.at(&[cell.channel, tap.in_channel % cin_g, tap.ky, tap.kx]),
        })
        .collect();
    let [_, ho, wo] = t.output_shape();
    Some(Sum::shortened(
        terms,
        bias.map(|b| b[cell.channel]),
        output[(cell.channel * ho + cell.y) * wo + cell.x],
    ))
}

/// The output after the first `done` input cells (channel-major) have painted: the bias, plus each
/// of those cells times its kernel slices, added into its windows. `done` at or past the input's
/// size gives the whole output (as the forward pass computes it, up to the order of the additions).
pub fn partial(
    t: &TransposeLayer,
    (input, shown): (&Tensor, &Tensor),
    bias: Option<&[f32]>,
    done: usize,
) -> Vec<f32> {
    let [cout, ho, wo] = t.output_shape();
    let [cin, h, w] = t.input_shape();
    let mut out = vec![0.0f32; cout * ho * wo];
    if let Some(b) = bias {
        for (oc, plane) in out.chunks_mut(ho * wo).enumerate() {
            plane.fill(b[oc]);
        }
    }
    let (cin_g, cout_g) = (t.in_per_group(), t.out_per_group());
    let [kh, kw] = t.kernel;
    for i in 0..done.min(cin * h * w) {
        let (ic, y, x) = (i / (h * w), i / w % h, i % w);
        let v = input.data[i];
        let g = ic / cin_g;
        for oc in g * cout_g..(g + 1) * cout_g {
            for ky in 0..kh {
                let Some(oy) = t.paint_index(0, y, ky) else {
                    continue;
                };
                for kx in 0..kw {
                    if let Some(ox) = t.paint_index(1, x, kx) {
                        out[(oc * ho + oy) * wo + ox] += v * shown.at(&[oc, ic % cin_g, ky, kx]);
                    }
                }
            }
        }
    }
    out
}

/// The inverse of [`shown_weight`]: the figure's kernels `(out, in/groups, kH, kW)` as PyTorch's
/// transposed weight `(in, out/groups, kH, kW)`.
pub fn raw_weight(t: &TransposeLayer, shown: &Tensor) -> Tensor {
    let [cin, cout_g, kh, kw] = t.weight_shape();
    let cin_g = t.in_per_group();
    let mut out = Tensor::zeros(&[cin, cout_g, kh, kw]);
    for ic in 0..cin {
        let g = ic / cin_g;
        for j in 0..cout_g {
            for ky in 0..kh {
                for kx in 0..kw {
                    let i = out.offset(&[ic, j, ky, kx]);
                    out.data[i] = shown.at(&[g * cout_g + j, ic % cin_g, ky, kx]);
                }
            }
        }
    }
    out
}

/// What a figure draws of `t` with `input` and its kernels `shown` ([`shown_weight`]'s layout):
/// the layer whose shapes it draws, its input and its kernels. Read as a scatter: the input and
/// kernels as they are ([`shown_layer`]); read as a convolution: the equivalent convolution
/// ([`TransposeLayer::as_conv`]), the input with zeros inserted, the flipped kernels.
pub fn drawn(
    t: &TransposeLayer,
    scatter: bool,
    input: &Tensor,
    shown: &Tensor,
) -> (Layer, Tensor, Tensor) {
    if scatter {
        (shown_layer(t), input.clone(), shown.clone())
    } else {
        let raw = raw_weight(t, shown);
        (t.as_conv(), t.upsample_input(input), t.conv_weight(&raw))
    }
}
