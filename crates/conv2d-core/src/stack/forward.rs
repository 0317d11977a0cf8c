//! A stack's forward pass, as `model.eval()(x.unsqueeze(0))` computes it: the convolutions with the
//! weights given, max and average pooling (padding, dilation, ceil_mode, count_include_pad,
//! divisor_override as PyTorch defines them), adaptive average pooling, BatchNorm2d with its
//! default running statistics, and the cell-by-cell layers.

use std::ops::Range;

use super::layers::{Act, PoolSpec, StackLayer};
use super::summary::{summarize, Rejected};
use crate::forward::{forward_with, Workspace};
use crate::parts::forward_part;
use crate::tensor::Tensor;
use crate::transpose::validate_transpose;
use crate::validate::validate;
use crate::Layer;

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
    Ok(
        Steps::new(layers.to_vec(), weights.to_vec(), input.clone())?
            .run()?
            .outputs,
    )
}

/// [`forward`] a step at a time, for a page that spreads a stack over several short tasks: each
/// step is one layer, or one part of a convolution larger than the step's multiply-accumulates
/// ([`crate::parts`]). The outputs are [`forward`]'s, bit for bit (it is this, in one step each).
pub struct Steps {
    layers: Vec<StackLayer>,
    weights: Vec<Option<Weights>>,
    input: Tensor,
    outs: Vec<Tensor>,
    /// The convolution being computed in parts.
    parts: Option<InParts>,
    ws: Workspace,
}

/// A convolution computed in parts: its layer, its runs of output channels, the next one, and the
/// output so far.
struct InParts {
    layer: Layer,
    runs: Vec<Range<usize>>,
    next: usize,
    data: Vec<f32>,
}

/// What [`Steps`] computed: the input and the weights it was given back, and every output.
pub struct Stepped {
    /// The input.
    pub input: Tensor,
    /// The weights.
    pub weights: Vec<Option<Weights>>,
    /// The output after every layer.
    pub outputs: Vec<Tensor>,
}

impl Steps {
    /// The steps of `layers` on `input` with `weights`; the first layer PyTorch rejects at these
    /// shapes, if any.
    pub fn new(
        layers: Vec<StackLayer>,
        weights: Vec<Option<Weights>>,
        input: Tensor,
    ) -> Result<Self, Rejected> {
        let shape = [input.shape[0], input.shape[1], input.shape[2]];
        if let Some(r) = summarize(&layers, shape).rejected {
            return Err(r);
        }
        Ok(Self {
            outs: Vec::with_capacity(layers.len()),
            layers,
            weights,
            input,
            parts: None,
            ws: Workspace::new(),
        })
    }

    /// Runs the next step: a layer, or a part of about `part_macs` multiply-accumulates of a
    /// larger convolution. True once every layer has its output; the layer that goes wrong, if one
    /// does.
    pub fn step(&mut self, part_macs: u64) -> Result<bool, Rejected> {
        let i = self.outs.len();
        if i == self.layers.len() {
            return Ok(true);
        }
        let x = self.outs.last().unwrap_or(&self.input);
        let w = self.weights.get(i).and_then(Option::as_ref);
        let reject = |message: String| Rejected { layer: i, message };
        if let Some(mut p) = self.parts.take() {
            let w = w.ok_or_else(|| reject("a Conv2d needs its weight".into()))?;
            let (bias, run) = (w.bias.as_deref(), p.runs[p.next].clone());
            let part = forward_part(&p.layer, x, &w.weight, bias, run, &mut self.ws);
            p.data.extend_from_slice(part);
            p.next += 1;
            if p.next < p.runs.len() {
                self.parts = Some(p);
                return Ok(false);
            }
            self.outs.push(Tensor {
                shape: p.layer.output_shape().to_vec(),
                data: p.data,
            });
            return Ok(self.outs.len() == self.layers.len());
        }
        let y = match &self.layers[i] {
            StackLayer::Conv2d(spec) => {
                let l = validate(spec, dims(x)).map_err(|e| reject(e.message))?;
                let w = w.ok_or_else(|| reject("a Conv2d needs its weight".into()))?;
                crate::forward::check_data(&l, x, &w.weight, w.bias.as_deref())
                    .map_err(|e| reject(e.to_string()))?;
                let macs = crate::Cost::of(&l).macs;
                if macs > part_macs {
                    let runs = crate::parts::parts(&l, macs.div_ceil(part_macs.max(1)) as usize);
                    let size = l.output_shape().iter().product();
                    self.parts = Some(InParts {
                        layer: l,
                        runs,
                        next: 0,
                        data: Vec::with_capacity(size),
                    });
                    return self.step(part_macs);
                }
                let data = forward_with(&l, x, &w.weight, w.bias.as_deref(), &mut self.ws);
                Tensor {
                    shape: l.output_shape().to_vec(),
                    data: data.to_vec(),
                }
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
        self.outs.push(y);
        Ok(self.outs.len() == self.layers.len())
    }

    /// Every step left at once, a layer each: all the outputs, or the layer that goes wrong.
    pub fn run(mut self) -> Result<Stepped, Rejected> {
        while !self.step(u64::MAX)? {}
        Ok(self.finish())
    }

    /// The input, the weights and every output (those computed, if the steps are not done).
    pub fn finish(self) -> Stepped {
        Stepped {
            input: self.input,
            weights: self.weights,
            outputs: self.outs,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stack::example::{example_input, example_weights};
    use crate::stack::read;

    /// Stepping with small parts gives every output of the pass in one go, bit for bit, and takes
    /// more steps than there are layers (the convolutions cut into parts).
    #[test]
    fn steps_with_convolutions_in_parts_give_the_pass_in_one_go() {
        let text = "nn.Conv2d(3, 24, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), \
                    nn.Conv2d(24, 16, 3, stride=2, groups=4), nn.BatchNorm2d(16), \
                    nn.ConvTranspose2d(16, 8, 2, stride=2), nn.Conv2d(8, 8, 1)";
        let layers: Vec<StackLayer> = read(text).unwrap().into_iter().map(|(_, l)| l).collect();
        let x = example_input([3, 20, 18], 4);
        let w = example_weights(&layers, [3, 20, 18], 4);
        let whole = forward(&layers, &w, &x).unwrap();
        let mut steps = Steps::new(layers.clone(), w.clone(), x.clone()).unwrap();
        let mut count = 1;
        while !steps.step(2_000).unwrap() {
            count += 1;
        }
        assert!(count > layers.len(), "{count} steps");
        let done = steps.finish();
        assert_eq!(done.outputs, whole);
        assert_eq!((done.input, done.weights), (x, w));
    }

    #[test]
    fn a_stack_pytorch_rejects_has_no_steps() {
        let layers: Vec<StackLayer> = read("nn.Conv2d(3, 8, 3), nn.Conv2d(4, 8, 3)")
            .unwrap()
            .into_iter()
            .map(|(_, l)| l)
            .collect();
        let x = example_input([3, 8, 8], 1);
        let w = example_weights(&layers, [3, 8, 8], 1);
        let err = Steps::new(layers, w, x).err().expect("rejected");
        assert_eq!(err.layer, 1);
    }
}
