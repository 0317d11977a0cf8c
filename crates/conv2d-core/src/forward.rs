//! The forward pass that the product runs: pad once, then per group im2col + a cache-blocked GEMM
//! (a direct row-wise kernel when each group has one input channel, as in depthwise layers).

use crate::gemm::sgemm;
use crate::layer::Layer;
use crate::tensor::Tensor;

/// Why data cannot go through a layer: a tensor of the wrong shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError(pub String);

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DataError {}

/// Checks that input, weight and bias have the shapes the layer needs.
pub fn check_data(
    layer: &Layer,
    input: &Tensor,
    weight: &Tensor,
    bias: Option<&[f32]>,
) -> Result<(), DataError> {
    let want = Shapes {
        input: layer.input_shape(),
        weight: layer.weight_shape(),
        weight_dims: "out_channels, in_channels / groups, kH, kW",
        bias: layer.bias.then_some(layer.out_channels),
    };
    want.check(input, weight, bias)
}

/// The shapes a layer of any kind needs of its data, and how its weight's dimensions are named.
pub(crate) struct Shapes {
    /// (C, H, W).
    pub input: [usize; 3],
    /// The weight's four sizes.
    pub weight: [usize; 4],
    /// The weight's dimensions in words, for the message.
    pub weight_dims: &'static str,
    /// Bias values needed (out_channels), if the layer has a bias.
    pub bias: Option<usize>,
}

impl Shapes {
    /// Whether `input`, `weight` and `bias` have these shapes, or what is wrong.
    pub fn check(
        &self,
        input: &Tensor,
        weight: &Tensor,
        bias: Option<&[f32]>,
    ) -> Result<(), DataError> {
        let shape = crate::format::shape::<usize>;
        if input.shape != self.input {
            return Err(DataError(format!(
                "input has shape {}, expected {} (C, H, W)",
                shape(&input.shape),
                shape(&self.input)
            )));
        }
        if weight.shape != self.weight {
            return Err(DataError(format!(
                "weight has shape {}, expected {} ({})",
                shape(&weight.shape),
                shape(&self.weight),
                self.weight_dims
            )));
        }
        match (bias, self.bias) {
            (Some(b), Some(n)) if b.len() != n => Err(DataError(format!(
                "bias has {} values, expected {n} (out_channels)",
                b.len()
            ))),
            (None, Some(n)) => Err(DataError(format!(
                "bias=True needs {n} bias values (out_channels)"
            ))),
            (Some(_), None) => Err(DataError("bias values given but bias=False".into())),
            _ => Ok(()),
        }
    }
}

/// The input with its padding ring filled as the layer's padding mode says: (C, H_padded, W_padded).
pub fn pad_input(layer: &Layer, input: &Tensor) -> Tensor {
    let mut data = Vec::new();
    pad_into(layer, input, &mut data);
    let [hp, wp] = layer.padded();
    Tensor {
        shape: vec![layer.in_channels, hp, wp],
        data,
    }
}

/// [`pad_input`] into a reused buffer.
fn pad_into(layer: &Layer, input: &Tensor, out: &mut Vec<f32>) {
    let [c, h, w] = layer.input_shape();
    let [hp, wp] = layer.padded();
    let ys: Vec<Option<usize>> = (0..hp).map(|p| layer.axis_source(0, p)).collect();
    let xs: Vec<Option<usize>> = (0..wp).map(|p| layer.axis_source(1, p)).collect();
    // Columns [x0, x1) of the padded row hold input columns [x0 − left, x1 − left) in order.
    let x0 = layer.pad.left.max(0) as usize;
    let x1 = ((layer.pad.left + w as i64).min(wp as i64)).max(x0 as i64) as usize;
    let src0 = (x0 as i64 - layer.pad.left) as usize;
    let ring: Vec<(usize, usize)> = (0..x0)
        .chain(x1..wp)
        .filter_map(|px| xs[px].map(|x| (px, x)))
        .collect();
    out.clear();
    out.resize(c * hp * wp, 0.0);
    for ch in 0..c {
        let src = &input.data[ch * h * w..(ch + 1) * h * w];
        for (py, y) in ys.iter().enumerate() {
            let Some(y) = *y else { continue };
            let row = &mut out[(ch * hp + py) * wp..(ch * hp + py + 1) * wp];
            let src_row = &src[y * w..(y + 1) * w];
            row[x0..x1].copy_from_slice(&src_row[src0..src0 + (x1 - x0)]);
            for &(px, x) in &ring {
                row[px] = src_row[x];
            }
        }
    }
}

/// Scratch buffers that [`forward_with`] reuses between calls, so that a slider move or a benchmark
/// repeat does not pay for fresh pages of memory each time.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    padded: Vec<f32>,
    cols: Vec<f32>,
    out: Vec<f32>,
}

impl Workspace {
    /// An empty workspace; buffers grow to the largest layer seen.
    pub fn new() -> Self {
        Self::default()
    }
}

/// `nn.Conv2d`'s forward pass on one (C, H, W) image. Call [`check_data`] first for data from users;
/// shapes that do not match the layer are a caller's bug and panic.
pub fn forward(layer: &Layer, input: &Tensor, weight: &Tensor, bias: Option<&[f32]>) -> Tensor {
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
    layer: &Layer,
    input: &Tensor,
    weight: &Tensor,
    bias: Option<&[f32]>,
    ws: &'w mut Workspace,
) -> &'w [f32] {
    assert!(
        check_data(layer, input, weight, bias).is_ok(),
        "forward called with data of the wrong shape"
    );
    pad_into(layer, input, &mut ws.padded);
    let padded = PaddedView {
        data: &ws.padded,
        hp: layer.padded()[0],
        wp: layer.padded()[1],
    };
    let [cout, ho, wo] = layer.output_shape();
    let n = ho * wo;
    let (cin_g, cout_g) = (layer.in_per_group(), layer.out_per_group());
    let [kh, kw] = layer.kernel;
    let kk = cin_g * kh * kw;
    let out = &mut ws.out;
    out.clear();
    out.resize(cout * n, 0.0);
    if let Some(b) = bias {
        for (plane, &bv) in out.chunks_exact_mut(n.max(1)).zip(b) {
            plane.fill(bv);
        }
    }
    let beta = if bias.is_some() { 1.0 } else { 0.0 };
    let plain_1x1 =
        kh == 1 && kw == 1 && layer.stride == [1, 1] && [padded.hp, padded.wp] == [ho, wo];
    if cin_g > 1 && !plain_1x1 {
        ws.cols.clear();
        ws.cols.resize(kk * n, 0.0);
    }
    for g in 0..layer.groups {
        let w_g = &weight.data[g * cout_g * kk..(g + 1) * cout_g * kk];
        let out_g = &mut out[g * cout_g * n..(g + 1) * cout_g * n];
        if cin_g == 1 {
            direct_single_channel(layer, &padded, g, w_g, out_g);
        } else if plain_1x1 {
            let plane = padded.hp * padded.wp;
            let b = &padded.data[g * cin_g * plane..(g + 1) * cin_g * plane];
            sgemm(cout_g, kk, n, w_g, b, beta, out_g);
        } else {
            im2col(layer, &padded, g, &mut ws.cols);
            sgemm(cout_g, kk, n, w_g, &ws.cols, beta, out_g);
        }
    }
    out
}

/// The padded input, borrowed from the workspace.
struct PaddedView<'a> {
    data: &'a [f32],
    hp: usize,
    wp: usize,
}

/// Lays out group `g`'s receptive fields as columns: row (ci, ky, kx), column (oy, ox).
fn im2col(layer: &Layer, padded: &PaddedView<'_>, g: usize, cols: &mut [f32]) {
    let [hp, wp] = [padded.hp, padded.wp];
    let [ho, wo] = layer.output;
    let [kh, kw] = layer.kernel;
    let [sh, sw] = layer.stride;
    let [dh, dw] = layer.dilation;
    let n = ho * wo;
    let cin_g = layer.in_per_group();
    for ci in 0..cin_g {
        let plane = &padded.data[(g * cin_g + ci) * hp * wp..(g * cin_g + ci + 1) * hp * wp];
        for ky in 0..kh {
            for kx in 0..kw {
                let row = &mut cols[((ci * kh + ky) * kw + kx) * n..][..n];
                for oy in 0..ho {
                    let src = &plane[(oy * sh + ky * dh) * wp + kx * dw..];
                    let dst = &mut row[oy * wo..(oy + 1) * wo];
                    if sw == 1 {
                        dst.copy_from_slice(&src[..wo]);
                    } else {
                        for (d, s) in dst.iter_mut().zip(src.iter().step_by(sw)) {
                            *d = *s;
                        }
                    }
                }
            }
        }
    }
}

/// One input channel per group: accumulate each tap's shifted row straight into the output rows.
fn direct_single_channel(
    layer: &Layer,
    padded: &PaddedView<'_>,
    g: usize,
    w_g: &[f32],
    out_g: &mut [f32],
) {
    let [hp, wp] = [padded.hp, padded.wp];
    let [ho, wo] = layer.output;
    let [kh, kw] = layer.kernel;
    let [sh, sw] = layer.stride;
    let [dh, dw] = layer.dilation;
    let plane = &padded.data[g * hp * wp..(g + 1) * hp * wp];
    for (oc, out_plane) in out_g.chunks_exact_mut((ho * wo).max(1)).enumerate() {
        let taps = &w_g[oc * kh * kw..(oc + 1) * kh * kw];
        for (oy, dst) in out_plane.chunks_exact_mut(wo.max(1)).enumerate() {
            for ky in 0..kh {
                let src_row = &plane[(oy * sh + ky * dh) * wp..];
                for kx in 0..kw {
                    let wv = taps[ky * kw + kx];
                    let src = &src_row[kx * dw..];
                    if sw == 1 {
                        for (d, s) in dst.iter_mut().zip(&src[..wo]) {
                            *d += wv * s;
                        }
                    } else {
                        for (d, s) in dst.iter_mut().zip(src.iter().step_by(sw)) {
                            *d += wv * s;
                        }
                    }
                }
            }
        }
    }
}
