//! A stack's backward pass for one cell, as `y[0, c, i, j].backward()` computes it after
//! `model.eval()`: the gradient of a cell of one tensor with respect to every earlier tensor, for
//! the weights given. Its magnitude over the input is the cell's effective receptive field (Luo et
//! al., 2016).
//!
//! Each layer's input gradient from its output gradient, as PyTorch's autograd defines it: a
//! Conv2d's is a ConvTranspose2d of the same weight on the padded input (each padding copy's
//! gradient added to the cell it copies; zero padding's dropped), a ConvTranspose2d's is a Conv2d
//! of the same weight; a max pool routes each output's gradient to the cell PyTorch picked; an
//! average pool spreads it over its window with its divisor; BatchNorm2d scales by
//! `1/√(1 + eps)`; the cell-by-cell layers multiply by their derivative (ReLU's is 0 at 0).

use super::forward::Weights;
use super::layers::{Act, PoolSpec, StackLayer};
use super::pool::{avg_window, max_at};
use super::summary::Rejected;
use crate::layer::{Layer, Pad, PaddingMode};
use crate::tensor::Tensor;
use crate::transpose::{validate_transpose, TransposeLayer};
use crate::validate::validate;

/// The gradient of cell `cell` of tensor `t` (0 = the input, `i + 1` = the output of layer `i`)
/// with respect to every tensor up to `t`: `v[k]` for tensor `k`, `v[t]` one at the cell. `outs`
/// are the stack's outputs ([`super::forward::forward`] on `input` with `weights`), of which the
/// first `t` are read. Rejected: `t` past the stack, the cell outside tensor `t`, or a layer whose
/// data does not fit it (said as the forward pass says it).
pub fn gradients(
    layers: &[StackLayer],
    weights: &[Option<Weights>],
    outs: &[Tensor],
    input: &Tensor,
    t: usize,
    cell: [usize; 3],
) -> Result<Vec<Tensor>, Rejected> {
    let outside = |message: String| Rejected {
        layer: t.saturating_sub(1),
        message,
    };
    if t > layers.len() || t > outs.len() {
        return Err(outside(format!(
            "there is no tensor {t}: the stack has {} layers and {} outputs",
            layers.len(),
            outs.len()
        )));
    }
    let tensor = |k: usize| if k == 0 { input } else { &outs[k - 1] };
    let top = tensor(t);
    let [c, y, x] = cell;
    if top.shape.len() != 3 || c >= top.shape[0] || y >= top.shape[1] || x >= top.shape[2] {
        return Err(outside(format!(
            "cell ({c}, {y}, {x}) is outside tensor {t} of shape {}",
            crate::format::shape(&top.shape)
        )));
    }
    let mut g = Tensor::zeros(&top.shape);
    let at = g.offset(&cell);
    g.data[at] = 1.0;
    let mut v = vec![g];
    for i in (0..t).rev() {
        let w = weights.get(i).and_then(Option::as_ref);
        let up = v
            .last()
            .unwrap_or_else(|| unreachable!("v starts with the cell"));
        let down = layer_back(&layers[i], w, tensor(i), tensor(i + 1), up)
            .map_err(|message| Rejected { layer: i, message })?;
        v.push(down);
    }
    v.reverse();
    Ok(v)
}

/// The gradient of cell `cell` of tensor `t` with respect to the stack's input (see
/// [`gradients`]).
pub fn input_gradient(
    layers: &[StackLayer],
    weights: &[Option<Weights>],
    outs: &[Tensor],
    input: &Tensor,
    t: usize,
    cell: [usize; 3],
) -> Result<Tensor, Rejected> {
    let mut v = gradients(layers, weights, outs, input, t, cell)?;
    Ok(v.swap_remove(0))
}

fn dims(x: &Tensor) -> [i64; 3] {
    [x.shape[0] as i64, x.shape[1] as i64, x.shape[2] as i64]
}

/// One layer's input gradient `x`'s shape, from its output gradient `g` (`y` its output).
fn layer_back(
    layer: &StackLayer,
    w: Option<&Weights>,
    x: &Tensor,
    y: &Tensor,
    g: &Tensor,
) -> Result<Tensor, String> {
    if g.shape != y.shape || x.shape.len() != 3 {
        return Err("the outputs given are not this stack's".into());
    }
    Ok(match layer {
        StackLayer::Conv2d(spec) => {
            let l = validate(spec, dims(x)).map_err(|e| e.message)?;
            let w = w.ok_or("a Conv2d needs its weight")?;
            crate::forward::check_data(&l, x, &w.weight, w.bias.as_deref())
                .map_err(|e| e.to_string())?;
            conv_back(&l, &w.weight, g)
        }
        StackLayer::ConvTranspose2d(spec) => {
            let t = validate_transpose(spec, dims(x)).map_err(|e| e.message)?;
            let w = w.ok_or("a ConvTranspose2d needs its weight")?;
            crate::transpose::forward::check_data(&t, x, &w.weight, w.bias.as_deref())
                .map_err(|e| e.to_string())?;
            transpose_back(&t, &w.weight, g)
        }
        StackLayer::MaxPool2d(spec) => max_back(spec, x, g),
        StackLayer::AvgPool2d(spec) => avg_back(spec, x, g),
        StackLayer::AdaptiveAvgPool2d(_) => adaptive_back(x, g),
        StackLayer::BatchNorm2d { eps, .. } => {
            let k = 1.0 / (1.0 + eps).sqrt();
            map(g, |d| d * k)
        }
        StackLayer::Pointwise(act) => {
            let kind = Kind::of(*act);
            Tensor {
                shape: g.shape.clone(),
                // Only where the gradient is not zero: a cell's gradient is sparse.
                data: (g.data.iter().zip(&x.data).zip(&y.data))
                    .map(|((&d, &v), &out)| {
                        if d == 0.0 {
                            0.0
                        } else {
                            d * kind.derivative(v, out)
                        }
                    })
                    .collect(),
            }
        }
    })
}

/// `f` of each value of `a`, in its shape.
fn map(a: &Tensor, f: impl Fn(f32) -> f32) -> Tensor {
    Tensor {
        shape: a.shape.clone(),
        data: a.data.iter().map(|&v| f(v)).collect(),
    }
}

/// A cell-by-cell layer, its name read once.
#[derive(Clone, Copy)]
enum Kind {
    Relu,
    Leaky(f32),
    GeluTanh,
    Gelu,
    Silu,
    Sigmoid,
    Tanh,
    /// Dropout (in eval mode) and Identity.
    One,
}

impl Kind {
    fn of(act: Act) -> Self {
        match act.name {
            "ReLU" => Kind::Relu,
            "LeakyReLU" => Kind::Leaky(act.param),
            "GELU" if act.param != 0.0 => Kind::GeluTanh,
            "GELU" => Kind::Gelu,
            "SiLU" => Kind::Silu,
            "Sigmoid" => Kind::Sigmoid,
            "Tanh" => Kind::Tanh,
            _ => Kind::One,
        }
    }

    /// The derivative at input `v` (output `out`), as PyTorch's backward formulas write it: ReLU's
    /// is 0 at 0, LeakyReLU's the slope at 0; Sigmoid's and Tanh's from the output
    /// (`sigmoid_backward`, `tanh_backward`); GELU's both ways (`gelu_backward`).
    fn derivative(self, v: f32, out: f32) -> f32 {
        let x = f64::from(v);
        let d = match self {
            Kind::Relu => return if v > 0.0 { 1.0 } else { 0.0 },
            Kind::Leaky(slope) => return if v > 0.0 { 1.0 } else { slope },
            Kind::Sigmoid => return (1.0 - out) * out,
            Kind::Tanh => return 1.0 - out * out,
            Kind::One => return 1.0,
            Kind::GeluTanh => {
                let beta = std::f64::consts::SQRT_2 * std::f64::consts::FRAC_2_SQRT_PI * 0.5;
                let kappa = 0.044715;
                let inner = (beta * (x + kappa * x * x * x)).tanh();
                0.5 * (1.0 + inner)
                    + 0.5 * x * (1.0 - inner * inner) * beta * (1.0 + 3.0 * kappa * x * x)
            }
            Kind::Gelu => {
                let cdf = 0.5 * (1.0 + libm::erf(x * std::f64::consts::FRAC_1_SQRT_2));
                let pdf = (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt();
                cdf + x * pdf
            }
            Kind::Silu => {
                let s = 1.0 / (1.0 + (-x).exp());
                s * (1.0 + x * (1.0 - s))
            }
        };
        d as f32
    }
}

/// The rows and columns `[r0, r1) × [c0, c1)` holding every nonzero of `g`, or `None` when all are
/// zero: a cell's gradient is zero outside its field, so only this box needs carrying back.
fn nonzero_box(g: &Tensor) -> Option<[usize; 4]> {
    let [c, h, w] = [g.shape[0], g.shape[1], g.shape[2]];
    let mut b: Option<[usize; 4]> = None;
    for ch in 0..c {
        for y in 0..h {
            let row = &g.data[(ch * h + y) * w..(ch * h + y + 1) * w];
            let Some(first) = row.iter().position(|&v| v != 0.0) else {
                continue;
            };
            let last = row.iter().rposition(|&v| v != 0.0).unwrap_or(first);
            b = Some(match b {
                None => [y, y + 1, first, last + 1],
                Some([r0, r1, c0, c1]) => {
                    [r0.min(y), r1.max(y + 1), c0.min(first), c1.max(last + 1)]
                }
            });
        }
    }
    b
}

/// `g`'s rows `r0..r1` and columns `c0..c1`, every channel.
fn crop(g: &Tensor, [r0, r1, c0, c1]: [usize; 4]) -> Tensor {
    let [c, h, w] = [g.shape[0], g.shape[1], g.shape[2]];
    let mut data = Vec::with_capacity(c * (r1 - r0) * (c1 - c0));
    for ch in 0..c {
        for y in r0..r1 {
            data.extend_from_slice(&g.data[(ch * h + y) * w + c0..(ch * h + y) * w + c1]);
        }
    }
    Tensor {
        shape: vec![c, r1 - r0, c1 - c0],
        data,
    }
}

/// A Conv2d's input gradient: output cell `o` read padded cells `o·s + t·d`, so its gradient goes
/// back to them through the weight — a ConvTranspose2d (no padding) of the output gradient's
/// nonzero box with the same weight — and each padded cell's gradient then goes to the input cell
/// it holds (a copy's to the cell it copies; zero padding's nowhere).
fn conv_back(l: &Layer, weight: &Tensor, g: &Tensor) -> Tensor {
    let [cin, h, w] = l.input_shape();
    let mut out = Tensor::zeros(&[cin, h, w]);
    let Some(b) = nonzero_box(g) else {
        return out;
    };
    let part = crop(g, b);
    let n = [part.shape[1], part.shape[2]];
    let full = [0, 1].map(|a| (n[a] - 1) * l.stride[a] + l.kernel_extent()[a]);
    let tl = TransposeLayer {
        in_channels: l.out_channels,
        out_channels: l.in_channels,
        kernel: l.kernel,
        stride: l.stride,
        padding: [0, 0],
        output_padding: [0, 0],
        dilation: l.dilation,
        groups: l.groups,
        bias: false,
        input: n,
        output: full,
    };
    let spread = crate::transpose::forward::forward(&tl, &part, weight, None);
    // spread[.., j, i] is the padded cell (b[0]·s + j, b[2]·s + i).
    let rows: Vec<Option<usize>> = (0..full[0])
        .map(|j| l.axis_source(0, b[0] * l.stride[0] + j))
        .collect();
    let cols: Vec<Option<usize>> = (0..full[1])
        .map(|i| l.axis_source(1, b[2] * l.stride[1] + i))
        .collect();
    for ch in 0..cin {
        for (j, ry) in rows.iter().enumerate() {
            let Some(y) = *ry else { continue };
            let src = &spread.data[(ch * full[0] + j) * full[1]..(ch * full[0] + j + 1) * full[1]];
            let dst = &mut out.data[(ch * h + y) * w..(ch * h + y + 1) * w];
            for (&v, cx) in src.iter().zip(&cols) {
                if let Some(x) = *cx {
                    dst[x] += v;
                }
            }
        }
    }
    out
}

/// A ConvTranspose2d's input gradient: input cell `i` painted output cells `i·s + t·d − p`, so its
/// gradient gathers theirs through the weight — a Conv2d of the output gradient with the same
/// weight, stride, dilation and zero padding `p`, cropped to the input (an `output_padding` of at
/// least the stride leaves a row more).
fn transpose_back(t: &TransposeLayer, weight: &Tensor, g: &Tensor) -> Tensor {
    let [p, q] = [t.padding[0] as i64, t.padding[1] as i64];
    let size = |a: usize| (t.output[a] + 2 * t.padding[a] - t.kernel_extent()[a]) / t.stride[a] + 1;
    let l = Layer {
        in_channels: t.out_channels,
        out_channels: t.in_channels,
        kernel: t.kernel,
        stride: t.stride,
        dilation: t.dilation,
        groups: t.groups,
        bias: false,
        mode: PaddingMode::Zeros,
        pad: Pad {
            top: p,
            bottom: p,
            left: q,
            right: q,
        },
        input: t.output,
        output: [size(0), size(1)],
    };
    let full = crate::forward::forward(&l, g, weight, None);
    let [_, h, w] = t.input_shape();
    if [full.shape[1], full.shape[2]] == [h, w] {
        return full;
    }
    crop(&full, [0, h, 0, w])
}

/// A max pool's input gradient: each output's gradient to the cell that won it.
fn max_back(spec: &PoolSpec, x: &Tensor, g: &Tensor) -> Tensor {
    let [c, h, w] = [x.shape[0], x.shape[1], x.shape[2]];
    let [ho, wo] = [g.shape[1], g.shape[2]];
    let mut out = Tensor::zeros(&x.shape);
    for ch in 0..c {
        let plane = &x.data[ch * h * w..(ch + 1) * h * w];
        for oy in 0..ho {
            for ox in 0..wo {
                let d = g.data[(ch * ho + oy) * wo + ox];
                if d == 0.0 {
                    continue;
                }
                if let Some((i, _)) = max_at(spec, plane, [h, w], oy, ox) {
                    out.data[ch * h * w + i] += d;
                }
            }
        }
    }
    out
}

/// An average pool's input gradient: each output's gradient over its divisor, to every cell of
/// its window.
fn avg_back(spec: &PoolSpec, x: &Tensor, g: &Tensor) -> Tensor {
    let [c, h, w] = [x.shape[0], x.shape[1], x.shape[2]];
    let [ho, wo] = [g.shape[1], g.shape[2]];
    let mut out = Tensor::zeros(&x.shape);
    for ch in 0..c {
        for oy in 0..ho {
            for ox in 0..wo {
                let d = g.data[(ch * ho + oy) * wo + ox];
                if d == 0.0 {
                    continue;
                }
                let (ys, xs, divisor) = avg_window(spec, [h, w], oy, ox);
                for y in ys {
                    for xx in xs.clone() {
                        out.data[(ch * h + y) * w + xx] += d / divisor;
                    }
                }
            }
        }
    }
    out
}

/// An adaptive average pool's input gradient: output `i` averaged input `[⌊i·n/o⌋, ⌈(i+1)·n/o⌉)`.
fn adaptive_back(x: &Tensor, g: &Tensor) -> Tensor {
    let [c, h, w] = [x.shape[0], x.shape[1], x.shape[2]];
    let [ho, wo] = [g.shape[1], g.shape[2]];
    let mut out = Tensor::zeros(&x.shape);
    for ch in 0..c {
        for oy in 0..ho {
            let (y0, y1) = (oy * h / ho, ((oy + 1) * h).div_ceil(ho));
            for ox in 0..wo {
                let d = g.data[(ch * ho + oy) * wo + ox];
                if d == 0.0 {
                    continue;
                }
                let (x0, x1) = (ox * w / wo, ((ox + 1) * w).div_ceil(wo));
                let share = d / ((y1 - y0) * (x1 - x0)) as f32;
                for y in y0..y1 {
                    for xx in x0..x1 {
                        out.data[(ch * h + y) * w + xx] += share;
                    }
                }
            }
        }
    }
    out
}
