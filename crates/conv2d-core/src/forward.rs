//! The forward pass that the product runs: pad once, then per group im2col + a cache-blocked GEMM
//! (a direct row-wise kernel when each group has one input channel, as in depthwise layers).
//!
//! On wasm32 with SIMD128 (the site) the GEMM is the panel kernel of `gemm.rs` instead of
//! `matrixmultiply` (whose wasm32 kernel is scalar): im2col writes [`NR`] output columns at a time
//! straight into a small panel, which every block of output channels then passes over, so the
//! whole im2col matrix is never written out. Natively `matrixmultiply`'s AVX/FMA kernels stay.

use crate::gemm::{self, sgemm, NR};
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

/// [`pad_input`] into a reused buffer (every value written: nothing needs clearing first).
fn pad_into(layer: &Layer, input: &Tensor, out: &mut Vec<f32>) {
    let [c, h, w] = layer.input_shape();
    let [hp, wp] = layer.padded();
    let padder = Padder::new(layer);
    out.resize(c * hp * wp, 0.0);
    for (src, dst) in input
        .data
        .chunks_exact((h * w).max(1))
        .zip(out.chunks_exact_mut((hp * wp).max(1)))
    {
        padder.channel(src, dst);
    }
}

/// Pads one channel at a time: where each padded row and column comes from, worked out once.
struct Padder {
    /// The input row each padded row holds (`None`: zeros).
    ys: Vec<Option<usize>>,
    /// Padded columns outside `[x0, x1)` that hold a copy of an input column.
    ring: Vec<(usize, usize)>,
    /// Columns `[x0, x1)` of a padded row hold input columns `[src0, src0 + x1 − x0)` in order.
    x0: usize,
    x1: usize,
    src0: usize,
    /// The input's width.
    w: usize,
}

impl Padder {
    fn new(layer: &Layer) -> Self {
        let w = layer.input[1];
        let [hp, wp] = layer.padded();
        let ys = (0..hp).map(|p| layer.axis_source(0, p)).collect();
        let x0 = layer.pad.left.max(0) as usize;
        let x1 = ((layer.pad.left + w as i64).min(wp as i64)).max(x0 as i64) as usize;
        let src0 = (x0 as i64 - layer.pad.left) as usize;
        let ring = (0..x0)
            .chain(x1..wp)
            .filter_map(|px| layer.axis_source(1, px).map(|x| (px, x)))
            .collect();
        Padder {
            ys,
            ring,
            x0,
            x1,
            src0,
            w,
        }
    }

    /// One (H, W) channel `src` padded into `dst` (H_padded × W_padded), every value written.
    fn channel(&self, src: &[f32], dst: &mut [f32]) {
        let (w, x0, x1) = (self.w, self.x0, self.x1);
        let wp = dst.len() / self.ys.len().max(1);
        for (row, y) in dst.chunks_exact_mut(wp.max(1)).zip(&self.ys) {
            let Some(y) = *y else {
                gemm::fill_row(row, 0.0);
                continue;
            };
            let src_row = &src[y * w..(y + 1) * w];
            gemm::fill_row(&mut row[..x0], 0.0);
            gemm::fill_row(&mut row[x1..], 0.0);
            gemm::copy_row(&mut row[x0..x1], &src_row[self.src0..self.src0 + (x1 - x0)]);
            for &(px, x) in &self.ring {
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
    panels: Panels,
}

/// The panel path's buffers: packed weights, one panel, the taps' offsets.
#[derive(Clone, Debug, Default)]
struct Panels {
    packed: Vec<f32>,
    panel: Vec<f32>,
    taps: Vec<usize>,
    /// The group's padded input with its columns split by phase (a stride > 1 along the width).
    phased: Vec<f32>,
    /// Where each full panel of a strip starts in the padded input (the panels read in place).
    corners: [usize; 16],
}

/// Whether im2col + GEMM goes through the panel kernel (see the module's documentation).
const PANELS: bool = cfg!(all(target_arch = "wasm32", target_feature = "simd128"));

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
    forward_on(layer, input, weight, bias, ws, PANELS)
}

/// [`forward_with`], through the panel kernel or not (the tests take both ways natively).
fn forward_on<'w>(
    layer: &Layer,
    input: &Tensor,
    weight: &Tensor,
    bias: Option<&[f32]>,
    ws: &'w mut Workspace,
    panels: bool,
) -> &'w [f32] {
    assert!(
        check_data(layer, input, weight, bias).is_ok(),
        "forward called with data of the wrong shape"
    );
    let [cout, ho, wo] = layer.output_shape();
    let n = ho * wo;
    let (cin_g, cout_g) = (layer.in_per_group(), layer.out_per_group());
    let [kh, kw] = layer.kernel;
    let kk = cin_g * kh * kw;
    let out = &mut ws.out;
    if panels && cin_g == 1 && layer.stride[1] == 1 {
        // Depthwise on wasm32: each channel padded into a small buffer that stays in cache, each
        // output row written once, bias included.
        out.resize(cout * n, 0.0);
        let padder = Padder::new(layer);
        let [h, w] = layer.input;
        let [hp, wp] = layer.padded();
        ws.padded.resize(hp * wp, 0.0);
        for g in 0..layer.groups {
            padder.channel(
                &input.data[g * h * w..(g + 1) * h * w],
                &mut ws.padded[..hp * wp],
            );
            let w_g = &weight.data[g * cout_g * kk..(g + 1) * cout_g * kk];
            let out_g = &mut out[g * cout_g * n..(g + 1) * cout_g * n];
            for (oc, out_plane) in out_g.chunks_exact_mut(n.max(1)).enumerate() {
                let b = bias.map_or(0.0, |b| b[g * cout_g + oc]);
                let taps = &w_g[oc * kk..(oc + 1) * kk];
                for (oy, dst) in out_plane.chunks_exact_mut(wo.max(1)).enumerate() {
                    let start = oy * layer.stride[0] * wp;
                    let (step, dw) = (layer.dilation[0] * wp, layer.dilation[1]);
                    gemm::depthwise_row(&ws.padded, start, step, dw, [kh, kw], taps, b, dst);
                }
            }
        }
        return out;
    }
    pad_into(layer, input, &mut ws.padded);
    let padded = PaddedView {
        data: &ws.padded,
        hp: layer.padded()[0],
        wp: layer.padded()[1],
    };
    if panels && cin_g > 1 {
        // Every value is written (bias included) by the panel kernel: no need to clear first.
        out.resize(cout * n, 0.0);
        for g in 0..layer.groups {
            let w_g = &weight.data[g * cout_g * kk..(g + 1) * cout_g * kk];
            let out_g = &mut out[g * cout_g * n..(g + 1) * cout_g * n];
            let bias_g = bias.map(|b| &b[g * cout_g..(g + 1) * cout_g]);
            conv_panels(layer, &padded, g, w_g, bias_g, out_g, &mut ws.panels);
        }
        return out;
    }
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

/// Group `g` through the panel kernel: `out_g` (cout_g × H_out·W_out) = bias + weight · im2col,
/// the im2col matrix made [`NR`] columns at a time. With a stride s > 1 along the width the padded
/// columns are first split by phase (column x to phase x mod s, place x / s), so that the cells of
/// an output row read consecutive values for every tap, as with stride 1.
fn conv_panels(
    layer: &Layer,
    padded: &PaddedView<'_>,
    g: usize,
    w_g: &[f32],
    bias_g: Option<&[f32]>,
    out_g: &mut [f32],
    p: &mut Panels,
) {
    let [hp, wp] = [padded.hp, padded.wp];
    let [ho, wo] = layer.output;
    let [kh, kw] = layer.kernel;
    let [dh, dw] = layer.dilation;
    let [sh, sw] = layer.stride;
    let (cin_g, m) = (layer.in_per_group(), layer.out_per_group());
    let (k, n) = (cin_g * kh * kw, ho * wo);
    gemm::pack_rows(m, k, w_g, &mut p.packed);
    let group = &padded.data[g * cin_g * hp * wp..(g + 1) * cin_g * hp * wp];
    // A padded row as the panels read it: `phase` values per phase, `row` in all.
    let phase = wp.div_ceil(sw);
    let row = sw * phase;
    let src: &[f32] = if sw == 1 {
        group
    } else {
        p.phased.resize(cin_g * hp * row, 0.0);
        for (from, to) in group.chunks_exact(wp).zip(p.phased.chunks_exact_mut(row)) {
            if sw == 2 {
                let (even, odd) = to.split_at_mut(phase);
                gemm::deinterleave2(from, even, odd);
                continue;
            }
            for (ph, part) in to.chunks_exact_mut(phase).enumerate() {
                let mut values = from.iter().skip(ph).step_by(sw);
                for v in part.iter_mut() {
                    *v = values.next().copied().unwrap_or(0.0);
                }
            }
        }
        &p.phased
    };
    // Where tap (ci, ky, kx) reads, relative to the output cell's corner: output cell (oy, ox)'s
    // corner is oy·sh·row + ox.
    p.taps.clear();
    for ci in 0..cin_g {
        for ky in 0..kh {
            for kx in 0..kw {
                let x = kx * dw;
                p.taps
                    .push((ci * hp + ky * dh) * row + (x % sw) * phase + x / sw);
            }
        }
    }
    let pitch = sh * row;
    // Panels per strip: as many as keep the strip within ~24 KB (half of a 48 KB L1), at most 16.
    let per_strip = (24 * 1024 / (k * NR * 4)).clamp(1, 16);
    p.panel.resize(per_strip * k * NR, 0.0);
    let mut j0 = 0;
    while j0 < n {
        // Full panels on one output row read their rows in place.
        let mut count = 0;
        while count < p.corners.len() {
            let start = j0 + count * NR;
            let (oy, ox) = (start / wo, start % wo);
            if start + NR > n || ox + NR > wo {
                break;
            }
            p.corners[count] = oy * pitch + ox;
            count += 1;
        }
        if count > 0 {
            let corners = &p.corners[..count];
            gemm::panels_at(m, &p.packed, src, &p.taps, corners, bias_g, out_g, n, j0);
            j0 += count * NR;
            continue;
        }
        // Otherwise (a row's last few cells, or cells across rows) copied into panels.
        let width = (per_strip * NR).min(n - j0);
        for (i, panel) in p.panel.chunks_exact_mut(k * NR).enumerate() {
            let start = j0 + i * NR;
            if start >= j0 + width {
                break;
            }
            let cols = NR.min(j0 + width - start);
            fill_panel([wo, pitch], src, &p.taps, start, cols, panel);
        }
        gemm::panels(m, k, &p.packed, &p.panel, bias_g, out_g, n, j0, width);
        j0 += width;
    }
}

/// Columns `j0 … j0 + cols − 1` of a group's im2col matrix (`cols` ≤ [`NR`]) as a k×NR panel:
/// row kk holds tap kk of those output cells (`src` and `taps` from [`conv_panels`]: output cell
/// (oy, ox) reads tap kk at `oy·pitch + ox + taps[kk]`; `wo` cells per output row).
fn fill_panel(
    [wo, pitch]: [usize; 2],
    src: &[f32],
    taps: &[usize],
    j0: usize,
    cols: usize,
    panel: &mut [f32],
) {
    let (oy, ox) = (j0 / wo, j0 % wo);
    let rows = panel.chunks_exact_mut(NR).zip(taps);
    if ox + cols <= wo {
        // The panel's columns lie on one output row.
        let corner = oy * pitch + ox;
        for (dst, &t) in rows {
            gemm::copy_row(&mut dst[..cols], &src[corner + t..corner + t + cols]);
        }
    } else {
        let mut corners = [0usize; NR];
        for (j, c) in corners.iter_mut().enumerate().take(cols) {
            *c = (j0 + j) / wo * pitch + (j0 + j) % wo;
        }
        for (dst, &t) in rows {
            for (d, &c) in dst[..cols].iter_mut().zip(&corners) {
                *d = src[c + t];
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{self, InputData};
    use crate::reference;
    use crate::spec::{Conv2dSpec, PaddingArg, Pair};

    /// The SIMD paths' layout (the site's, on wasm32; here their scalar twins) equals the definition on layers that cover its edges:
    /// panels across output rows, the last panel short, rows of weights not a multiple of 4,
    /// strides, dilations, groups, padding modes, no bias, 1×1, strips of many panels; and the
    /// depthwise rows.
    #[test]
    fn the_panel_path_equals_the_reference() {
        let mut ws = Workspace::new();
        let mut checked = 0;
        for (c, o, k, s, p, d, g, h, w, mode, bias) in [
            (3, 64, 3, 1, 1, 1, 1, 10, 13, "zeros", true),
            (16, 32, 5, 2, 2, 2, 1, 17, 19, "zeros", true),
            (3, 2, 3, 2, 1, 2, 1, 7, 7, "zeros", true),
            (4, 6, 3, 1, 1, 1, 2, 9, 11, "reflect", false),
            (8, 5, 1, 1, 0, 1, 1, 5, 7, "zeros", true),
            (6, 9, 2, 3, 2, 1, 3, 12, 10, "circular", true),
            (5, 7, 3, 1, 2, 3, 1, 6, 30, "replicate", false),
            (2, 1, 2, 1, 0, 1, 1, 3, 3, "zeros", true),
            (64, 64, 3, 1, 1, 1, 1, 9, 9, "zeros", true),
            (3, 5, 3, 1, 1, 1, 1, 40, 37, "zeros", true),
            (16, 4, 5, 2, 2, 2, 1, 33, 35, "zeros", false),
            (8, 8, 3, 1, 1, 1, 8, 10, 37, "zeros", true),
            (4, 8, 3, 1, 2, 2, 4, 9, 21, "reflect", false),
            (3, 3, 3, 2, 1, 1, 3, 9, 21, "zeros", true),
        ] {
            let mut spec = Conv2dSpec::new(c, o, Pair::square(k));
            spec.stride = Pair::square(s);
            spec.padding = PaddingArg::Explicit(Pair::square(p));
            spec.dilation = Pair::square(d);
            spec.groups = g;
            spec.bias = bias;
            spec.padding_mode = mode.into();
            let layer = crate::validate(&spec, [c, h, w]).unwrap();
            let input = data::input(&layer, InputData::Seeded, 7);
            let (weight, b) = data::seeded_weights(&layer, 7);
            let want = reference::forward(&layer, &input, &weight, b.as_deref());
            let got = forward_on(&layer, &input, &weight, b.as_deref(), &mut ws, true).to_vec();
            assert_eq!(got.len(), want.data.len());
            for (i, (x, y)) in got.iter().zip(&want.data).enumerate() {
                assert!(
                    (x - y).abs() <= 1e-4 * (1.0 + y.abs()),
                    "{spec:?} at {i}: {x} vs {y}"
                );
            }
            // The buffers are reused without clearing, after a pass the other way too.
            forward_on(&layer, &input, &weight, b.as_deref(), &mut ws, false);
            let again = forward_on(&layer, &input, &weight, b.as_deref(), &mut ws, true);
            assert_eq!(again, &got[..]);
            checked += 1;
        }
        assert_eq!(checked, 14);
        // Strides and dilations that differ per axis, on both SIMD paths (groups 1 and depthwise).
        for (c, o, g, stride, dilation) in [
            (4, 5, 1, (2, 1), (1, 2)),
            (4, 5, 1, (1, 2), (2, 1)),
            (4, 8, 4, (2, 1), (1, 2)),
            (3, 3, 3, (3, 1), (2, 3)),
        ] {
            let mut spec = Conv2dSpec::new(c, o, Pair { h: 3, w: 2 });
            spec.stride = Pair {
                h: stride.0,
                w: stride.1,
            };
            spec.dilation = Pair {
                h: dilation.0,
                w: dilation.1,
            };
            spec.padding = PaddingArg::Explicit(Pair { h: 1, w: 2 });
            spec.groups = g;
            let layer = crate::validate(&spec, [c, 13, 29]).unwrap();
            let input = data::input(&layer, InputData::Seeded, 3);
            let (weight, b) = data::seeded_weights(&layer, 3);
            let want = reference::forward(&layer, &input, &weight, b.as_deref());
            let got = forward_on(&layer, &input, &weight, b.as_deref(), &mut ws, true);
            assert_eq!(got, &want.data[..], "{spec:?}");
        }
    }
}
