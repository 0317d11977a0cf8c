//! The transposed convolution's fast forward pass, two ways, picked per layer ([`Path::for_layer`]):
//!
//! - [`Path::Gemm`]: per group one GEMM, `weightᵀ · input`, gives every input cell's kernel-sized
//!   contribution at once (a column per input cell, in cache-sized blocks of input rows), then
//!   col2im adds each column into its window of the output. Nothing is multiplied by an inserted
//!   zero. (One input channel per group: the taps are added straight into the output rows.)
//! - [`Path::Conv`]: the equivalent convolution ([`super::TransposeLayer::as_conv`]) on the input
//!   upsampled with zeros, through the Conv2d's im2col + GEMM. It multiplies `stride_h·stride_w` times
//!   as many terms (most by an inserted zero) but reads and writes contiguously.
//!
//! Measured single-threaded (`conv2d bench --op conv_transpose2d --path gemm|conv`): the GEMM way is
//! 1.4–6× faster once `in_channels/groups × stride_h × stride_w` exceeds 16 (64→32 channels, k4 s2 on
//! 16×16: 0.25 ms against 1.55 ms), the convolution way up to 3.6× faster below it, where the GEMM has
//! too little to do per column and col2im's strided adds dominate (depthwise k4 s2 on 32×32×32:
//! 0.26 ms against 0.45 ms). So the product takes the convolution way below 16. On wasm32 with
//! SIMD128 the convolution way also takes stride 1, where it multiplies no inserted zero and runs on
//! the SIMD kernel while the GEMM runs on `matrixmultiply`'s generic one: 64 → 64 channels, 3×3 on
//! 64×64 in 12–19 ms against 23–28 ms in the page.

use crate::forward::DataError;
use crate::gemm::sgemm_at;
use crate::tensor::Tensor;

use super::TransposeLayer;

/// Checks that input, weight and bias have the shapes the layer needs.
pub fn check_data(
    layer: &TransposeLayer,
    input: &Tensor,
    weight: &Tensor,
    bias: Option<&[f32]>,
) -> Result<(), DataError> {
    let want = crate::forward::Shapes {
        input: layer.input_shape(),
        weight: layer.weight_shape(),
        weight_dims: "in_channels, out_channels / groups, kH, kW",
        bias: layer.bias.then_some(layer.out_channels),
    };
    want.check(input, weight, bias)
}

/// How [`forward_with_path`] computes the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Path {
    /// GEMM + col2im (or direct adds with one input channel per group).
    Gemm,
    /// The equivalent convolution on the upsampled input.
    Conv,
}

impl Path {
    /// The faster way for `layer`, as measured: the convolution when
    /// `in_channels/groups × stride_h × stride_w ≤ 16`, else GEMM + col2im; on wasm32 with
    /// SIMD128 also at stride 1 (see the module's documentation).
    pub fn for_layer(layer: &TransposeLayer) -> Self {
        let [sh, sw] = layer.stride;
        let simd = cfg!(all(target_arch = "wasm32", target_feature = "simd128"));
        if layer.in_per_group() * sh * sw <= 16 || (simd && sh * sw == 1) {
            Path::Conv
        } else {
            Path::Gemm
        }
    }
}

/// Scratch buffers that [`forward_with`] reuses between calls.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    cols: Vec<f32>,
    out: Vec<f32>,
    conv: crate::forward::Workspace,
}

impl Workspace {
    /// An empty workspace; buffers grow to the largest layer seen.
    pub fn new() -> Self {
        Self::default()
    }
}

/// `nn.ConvTranspose2d`'s forward pass on one (C, H, W) image. Call [`check_data`] first for data
/// from users; shapes that do not match the layer are a caller's bug and panic.
pub fn forward(
    layer: &TransposeLayer,
    input: &Tensor,
    weight: &Tensor,
    bias: Option<&[f32]>,
) -> Tensor {
    forward_path(layer, input, weight, bias, Path::for_layer(layer))
}

/// [`forward`] the way `path` says (for tests and measurements).
pub fn forward_path(
    layer: &TransposeLayer,
    input: &Tensor,
    weight: &Tensor,
    bias: Option<&[f32]>,
    path: Path,
) -> Tensor {
    let mut ws = Workspace::new();
    let data = forward_with_path(layer, input, weight, bias, path, &mut ws).to_vec();
    Tensor {
        shape: layer.output_shape().to_vec(),
        data,
    }
}

/// [`forward`] with reused buffers: returns the output (C_out·H_out·W_out values, row-major), which
/// lives in the workspace until the next call.
pub fn forward_with<'w>(
    layer: &TransposeLayer,
    input: &Tensor,
    weight: &Tensor,
    bias: Option<&[f32]>,
    ws: &'w mut Workspace,
) -> &'w [f32] {
    forward_with_path(layer, input, weight, bias, Path::for_layer(layer), ws)
}

/// [`forward_with`] the way `path` says.
pub fn forward_with_path<'w>(
    layer: &TransposeLayer,
    input: &Tensor,
    weight: &Tensor,
    bias: Option<&[f32]>,
    path: Path,
    ws: &'w mut Workspace,
) -> &'w [f32] {
    assert!(
        check_data(layer, input, weight, bias).is_ok(),
        "forward called with data of the wrong shape"
    );
    if path == Path::Conv {
        let conv = layer.as_conv();
        let up = layer.upsample_input(input);
        let w = layer.conv_weight(weight);
        return crate::forward::forward_with(&conv, &up, &w, bias, &mut ws.conv);
    }
    let [cout, ho, wo] = layer.output_shape();
    let [_, h, w] = layer.input_shape();
    let (cin_g, cout_g) = (layer.in_per_group(), layer.out_per_group());
    let [kh, kw] = layer.kernel;
    let n = h * w;
    let rows = cout_g * kh * kw;
    let out = &mut ws.out;
    out.clear();
    out.resize(cout * ho * wo, 0.0);
    if let Some(b) = bias {
        for (plane, &bv) in out.chunks_exact_mut((ho * wo).max(1)).zip(b) {
            plane.fill(bv);
        }
    }
    // Input rows go through in blocks whose columns (one per input cell) stay in cache between
    // the GEMM that writes them and the col2im that reads them.
    let block_rows = (COLS_BLOCK / (rows * w).max(1)).clamp(1, h.max(1));
    ws.cols.clear();
    ws.cols.resize(rows * block_rows * w, 0.0);
    let spans = [0, 1].map(|a| spans(layer, a));
    for g in 0..layer.groups {
        let w_g = &weight.data[g * cin_g * rows..(g + 1) * cin_g * rows];
        let x_g = &input.data[g * cin_g * n..(g + 1) * cin_g * n];
        let out_g = &mut out[g * cout_g * ho * wo..(g + 1) * cout_g * ho * wo];
        if cin_g == 1 {
            scatter_single_channel(layer, w_g, x_g, &spans, out_g);
            continue;
        }
        for r0 in (0..h).step_by(block_rows) {
            let r1 = (r0 + block_rows).min(h);
            let nb = (r1 - r0) * w;
            // cols[(j, ky, kx), (iy, ix)] = Σ_ci w[ci, j, ky, kx] · x[ci, iy, ix], for iy in [r0, r1)
            sgemm_at(rows, cin_g, nb, w_g, &x_g[r0 * w..], n, 0.0, &mut ws.cols);
            col2im(layer, &ws.cols[..rows * nb], [r0, r1], &spans, out_g);
        }
    }
    out
}

/// One input channel per group (depthwise layers): no GEMM to speak of, so each tap's weight times
/// an input row is added straight into its output row.
fn scatter_single_channel(
    layer: &TransposeLayer,
    w_g: &[f32],
    x_g: &[f32],
    spans: &[Vec<(usize, usize, usize)>; 2],
    out_g: &mut [f32],
) {
    let [_, _, w] = layer.input_shape();
    let [ho, wo] = layer.output;
    let [kh, kw] = layer.kernel;
    let [sh, sw] = layer.stride;
    for (j, plane) in out_g.chunks_exact_mut((ho * wo).max(1)).enumerate() {
        let taps = &w_g[j * kh * kw..(j + 1) * kh * kw];
        for (ky, &(y0, y1, oy0)) in spans[0].iter().enumerate() {
            for (kx, &(x0, x1, ox0)) in spans[1].iter().enumerate() {
                if x0 == x1 {
                    continue;
                }
                let wv = taps[ky * kw + kx];
                for iy in y0..y1 {
                    let src = &x_g[iy * w + x0..iy * w + x1];
                    let dst = &mut plane[(oy0 + (iy - y0) * sh) * wo + ox0..];
                    if sw == 1 {
                        for (d, s) in dst.iter_mut().zip(src) {
                            *d += wv * s;
                        }
                    } else {
                        for (d, s) in dst.iter_mut().step_by(sw).zip(src) {
                            *d += wv * s;
                        }
                    }
                }
            }
        }
    }
}

/// Floats of columns computed at once (128 KiB).
const COLS_BLOCK: usize = 32 * 1024;

/// Along one axis, for each kernel tap: the input indices `[lo, hi)` whose paint lands inside the
/// output, and the output index the first of them lands on.
fn spans(layer: &TransposeLayer, axis: usize) -> Vec<(usize, usize, usize)> {
    let (s, d, p) = (
        layer.stride[axis],
        layer.dilation[axis],
        layer.padding[axis],
    );
    let (n_in, n_out) = (layer.input[axis], layer.output[axis]);
    (0..layer.kernel[axis])
        .map(|t| {
            // i·s + t·d − p ∈ [0, n_out)  ⇔  i ∈ [⌈(p − t·d)/s⌉, ⌈(n_out + p − t·d)/s⌉)
            let first = |bound: usize| {
                let shift = t * d;
                if bound <= shift {
                    0
                } else {
                    (bound - shift).div_ceil(s)
                }
            };
            let lo = first(p).min(n_in);
            let hi = first(n_out + p).min(n_in).max(lo);
            let start = (lo * s + t * d).saturating_sub(p);
            (lo, hi, start)
        })
        .collect()
}

/// Adds each column (one input cell's contribution through one tap of one output channel, for the
/// input rows `[r0, r1)`) into the output cell it paints.
fn col2im(
    layer: &TransposeLayer,
    cols: &[f32],
    [r0, r1]: [usize; 2],
    spans: &[Vec<(usize, usize, usize)>; 2],
    out_g: &mut [f32],
) {
    let [_, _, w] = layer.input_shape();
    let [ho, wo] = layer.output;
    let [kh, kw] = layer.kernel;
    let [sh, sw] = layer.stride;
    let n = (r1 - r0) * w;
    for (j, plane) in out_g.chunks_exact_mut((ho * wo).max(1)).enumerate() {
        for (ky, &(y0, y1, oy0)) in spans[0].iter().enumerate() {
            let (ya, yb) = (y0.max(r0), y1.min(r1));
            if ya >= yb {
                continue;
            }
            for (kx, &(x0, x1, ox0)) in spans[1].iter().enumerate() {
                if x0 == x1 {
                    continue;
                }
                let col = &cols[((j * kh + ky) * kw + kx) * n..][..n];
                for iy in ya..yb {
                    let src = &col[(iy - r0) * w + x0..(iy - r0) * w + x1];
                    let oy = oy0 + (iy - y0) * sh;
                    let dst = &mut plane[oy * wo + ox0..];
                    if sw == 1 {
                        for (d, s) in dst.iter_mut().zip(src) {
                            *d += s;
                        }
                    } else {
                        for (d, s) in dst.iter_mut().step_by(sw).zip(src) {
                            *d += s;
                        }
                    }
                }
            }
        }
    }
}
