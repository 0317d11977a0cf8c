//! A stack's forward pass, as `model.eval()(x.unsqueeze(0))` computes it: the convolutions with the
//! weights given, max and average pooling (padding, dilation, ceil_mode, count_include_pad,
//! divisor_override as PyTorch defines them), adaptive average pooling, BatchNorm2d with its
//! default running statistics, and the cell-by-cell layers.

use super::layers::{Act, PoolSpec, StackLayer};
use super::summary::{summarize, Rejected};
use crate::tensor::Tensor;
use crate::transpose::validate_transpose;
use crate::validate::validate;

/// A convolution's weight and bias.
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    /// Its weight, in PyTorch's layout.
    pub weight: Tensor,
    /// Its bias, if it has one.
    pub bias: Option<Vec<f32>>,
}

/// The output after every layer of `layers` on `input` (`(C, H, W)`), with `weights[i]` for each
/// convolution; or the first layer rejected (by PyTorch's checks, or data of the wrong shape).
pub fn forward(
    layers: &[StackLayer],
    weights: &[Option<Weights>],
    input: &Tensor,
) -> Result<Vec<Tensor>, Rejected> {
    let shape = [input.shape[0], input.shape[1], input.shape[2]];
    if let Some(r) = summarize(layers, shape).rejected {
        return Err(r);
    }
    let mut outs: Vec<Tensor> = Vec::with_capacity(layers.len());
    for (i, layer) in layers.iter().enumerate() {
        let x = outs.last().unwrap_or(input);
        let reject = |message: String| Rejected { layer: i, message };
        let w = weights.get(i).and_then(Option::as_ref);
        let y = match layer {
            StackLayer::Conv2d(spec) => {
                let l = validate(spec, dims(x)).map_err(|e| reject(e.message))?;
                let w = w.ok_or_else(|| reject("a Conv2d needs its weight".into()))?;
                crate::forward::check_data(&l, x, &w.weight, w.bias.as_deref())
                    .map_err(|e| reject(e.to_string()))?;
                crate::forward::forward(&l, x, &w.weight, w.bias.as_deref())
            }
            StackLayer::ConvTranspose2d(spec) => {
                let t = validate_transpose(spec, dims(x)).map_err(|e| reject(e.message))?;
                let w = w.ok_or_else(|| reject("a ConvTranspose2d needs its weight".into()))?;
                crate::transpose::forward::check_data(&t, x, &w.weight, w.bias.as_deref())
                    .map_err(|e| reject(e.to_string()))?;
                crate::transpose::forward::forward(&t, x, &w.weight, w.bias.as_deref())
            }
            StackLayer::MaxPool2d(spec) => pool(spec, true, x),
            StackLayer::AvgPool2d(spec) => pool(spec, false, x),
            StackLayer::AdaptiveAvgPool2d(sides) => adaptive(sides, x),
            StackLayer::BatchNorm2d { eps, .. } => {
                // Running mean 0 and variance 1, weight 1 and bias 0: x / sqrt(1 + eps).
                let k = 1.0 / (1.0 + eps).sqrt();
                map(x, |v| v * k)
            }
            StackLayer::Pointwise(act) => map(x, |v| activate(*act, v)),
        };
        outs.push(y);
    }
    Ok(outs)
}

fn dims(x: &Tensor) -> [i64; 3] {
    [x.shape[0] as i64, x.shape[1] as i64, x.shape[2] as i64]
}

fn map(x: &Tensor, f: impl Fn(f32) -> f32) -> Tensor {
    Tensor {
        shape: x.shape.clone(),
        data: x.data.iter().map(|&v| f(v)).collect(),
    }
}

/// A cell-by-cell layer on one value (Dropout passes it, as in eval mode).
fn activate(act: Act, v: f32) -> f32 {
    match act.name {
        "ReLU" => v.max(0.0),
        "LeakyReLU" => {
            if v >= 0.0 {
                v
            } else {
                v * act.param
            }
        }
        "GELU" if act.param != 0.0 => {
            let c = (2.0 / std::f64::consts::PI).sqrt();
            let x = f64::from(v);
            (0.5 * x * (1.0 + (c * (x + 0.044715 * x * x * x)).tanh())) as f32
        }
        "GELU" => {
            let x = f64::from(v);
            (0.5 * x * (1.0 + libm::erf(x / std::f64::consts::SQRT_2))) as f32
        }
        "SiLU" => v / (1.0 + (-v).exp()),
        "Sigmoid" => 1.0 / (1.0 + (-v).exp()),
        "Tanh" => v.tanh(),
        _ => v,
    }
}

/// Max or average pooling, PyTorch's windows ([`super::pool::max_at`], [`super::pool::avg_window`]).
fn pool(spec: &PoolSpec, max: bool, x: &Tensor) -> Tensor {
    let [c, h, w] = [x.shape[0], x.shape[1], x.shape[2]];
    let out = super::pool::pool(spec, max, [c, h, w]).unwrap_or([c, 0, 0]);
    let [_, ho, wo] = out;
    let mut data = Vec::with_capacity(c * ho * wo);
    for ch in 0..c {
        let plane = &x.data[ch * h * w..(ch + 1) * h * w];
        for oy in 0..ho {
            for ox in 0..wo {
                if max {
                    let best = super::pool::max_at(spec, plane, [h, w], oy, ox);
                    data.push(best.map_or(f32::NEG_INFINITY, |(_, v)| v));
                } else {
                    let (ys, xs, divisor) = super::pool::avg_window(spec, [h, w], oy, ox);
                    let mut sum = 0.0f32;
                    for y in ys {
                        for xx in xs.clone() {
                            sum += plane[y * w + xx];
                        }
                    }
                    data.push(sum / divisor);
                }
            }
        }
    }
    Tensor {
        shape: vec![c, ho, wo],
        data,
    }
}

/// Adaptive average pooling: output cell `i` averages input `[⌊i·n/o⌋, ⌈(i+1)·n/o⌉)`.
fn adaptive(sides: &[Option<i64>; 2], x: &Tensor) -> Tensor {
    let [c, h, w] = [x.shape[0], x.shape[1], x.shape[2]];
    let ho = sides[0].map_or(h, |v| v as usize);
    let wo = sides[1].map_or(w, |v| v as usize);
    let mut data = Vec::with_capacity(c * ho * wo);
    for ch in 0..c {
        for oy in 0..ho {
            let (y0, y1) = (oy * h / ho, ((oy + 1) * h).div_ceil(ho));
            for ox in 0..wo {
                let (x0, x1) = (ox * w / wo, ((ox + 1) * w).div_ceil(wo));
                let mut sum = 0.0f32;
                for y in y0..y1 {
                    for xx in x0..x1 {
                        sum += x.data[(ch * h + y) * w + xx];
                    }
                }
                data.push(sum / ((y1 - y0) * (x1 - x0)) as f32);
            }
        }
    }
    Tensor {
        shape: vec![c, ho, wo],
        data,
    }
}
