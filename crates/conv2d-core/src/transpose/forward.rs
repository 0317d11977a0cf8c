//! The transposed convolution's fast forward pass: per group one GEMM, `weightᵀ · input`, gives every
//! input cell's kernel-sized contribution at once (a column per input cell), then col2im adds each
//! column into its window of the output. Nothing is multiplied by an inserted zero, unlike the
//! equivalent convolution on the upsampled input ([`super::TransposeLayer::as_conv`]).

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
    let shape = crate::format::shape::<usize>;
    if input.shape != layer.input_shape() {
        return Err(DataError(format!(
            "input has shape {}, expected {} (C, H, W)",
            shape(&input.shape),
            shape(&layer.input_shape())
        )));
    }
    if weight.shape != layer.weight_shape() {
        return Err(DataError(format!(
            "weight has shape {}, expected {} (in_channels, out_channels / groups, kH, kW)",
            shape(&weight.shape),
            shape(&layer.weight_shape())
        )));
    }
    match (bias, layer.bias) {
        (Some(b), true) if b.len() != layer.out_channels => Err(DataError(format!(
            "bias has {} values, expected {} (out_channels)",
            b.len(),
            layer.out_channels
        ))),
        (None, true) => Err(DataError(format!(
            "bias=True needs {} bias values (out_channels)",
            layer.out_channels
        ))),
        (Some(_), false) => Err(DataError("bias values given but bias=False".into())),
        _ => Ok(()),
    }
}

/// Scratch buffers that [`forward_with`] reuses between calls.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    cols: Vec<f32>,
    out: Vec<f32>,
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
    let mut ws = Workspace::new();
    forward_with(layer, input, weight, bias, &mut ws);
    Tensor {
        shape: layer.output_shape().to_vec(),
        data: ws.out,
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
    assert!(
        check_data(layer, input, weight, bias).is_ok(),
        "forward called with data of the wrong shape"
    );
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
    ws.cols.clear();
    ws.cols.resize(rows * n, 0.0);
    let spans = [0, 1].map(|a| spans(layer, a));
    for g in 0..layer.groups {
        let w_g = &weight.data[g * cin_g * rows..(g + 1) * cin_g * rows];
        let x_g = &input.data[g * cin_g * n..(g + 1) * cin_g * n];
        // cols[(j, ky, kx), (iy, ix)] = Σ_ci w[ci, j, ky, kx] · x[ci, iy, ix]
        sgemm_at(rows, cin_g, n, w_g, x_g, 0.0, &mut ws.cols);
        let out_g = &mut out[g * cout_g * ho * wo..(g + 1) * cout_g * ho * wo];
        col2im(layer, &ws.cols, &spans, out_g);
    }
    out
}

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

/// Adds each column (one input cell's contribution through one tap of one output channel) into the
/// output cell it paints.
fn col2im(
    layer: &TransposeLayer,
    cols: &[f32],
    spans: &[Vec<(usize, usize, usize)>; 2],
    out_g: &mut [f32],
) {
    let [_, h, w] = layer.input_shape();
    let [ho, wo] = layer.output;
    let [kh, kw] = layer.kernel;
    let [sh, sw] = layer.stride;
    let n = h * w;
    for (j, plane) in out_g.chunks_exact_mut((ho * wo).max(1)).enumerate() {
        for (ky, &(y0, y1, oy0)) in spans[0].iter().enumerate() {
            for (kx, &(x0, x1, ox0)) in spans[1].iter().enumerate() {
                if x0 == x1 {
                    continue;
                }
                let col = &cols[((j * kh + ky) * kw + kx) * n..][..n];
                for (step, iy) in (y0..y1).enumerate() {
                    let src = &col[iy * w + x0..iy * w + x1];
                    let dst = &mut plane[(oy0 + step * sh) * wo + ox0..];
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
