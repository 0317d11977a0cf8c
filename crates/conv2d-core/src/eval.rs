//! One case of `conv2d eval`: a spec with data in, PyTorch's output or PyTorch's rejection out.
//! JSON in PyTorch's names; used by the CLI and by the golden tests.

use serde::{Deserialize, Serialize};

use crate::forward::{check_data, forward};
use crate::spec::{Conv2dSpec, PaddingArg, Pair};
use crate::tensor::Tensor;
use crate::validate::{check_module, validate};

/// `bias`: `false`, `true` (not usable with data), or the values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum BiasArg {
    /// `false` (no bias) or `true`.
    Flag(bool),
    /// The out_channels bias values.
    Values(Vec<f32>),
}

/// A case: the spec fields with PyTorch's names, plus the data.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// See [`Conv2dSpec::in_channels`].
    pub in_channels: i64,
    /// See [`Conv2dSpec::out_channels`].
    pub out_channels: i64,
    /// See [`Conv2dSpec::kernel_size`].
    pub kernel_size: Pair,
    /// See [`Conv2dSpec::stride`].
    #[serde(default = "one")]
    pub stride: Pair,
    /// See [`Conv2dSpec::padding`].
    #[serde(default = "zero")]
    pub padding: PaddingArg,
    /// See [`Conv2dSpec::dilation`].
    #[serde(default = "one")]
    pub dilation: Pair,
    /// See [`Conv2dSpec::groups`].
    #[serde(default = "one_i")]
    pub groups: i64,
    /// See [`Conv2dSpec::padding_mode`].
    #[serde(default = "zeros")]
    pub padding_mode: String,
    /// The image, C × H × W.
    pub input: Vec<Vec<Vec<f32>>>,
    /// The weight, out × in/groups × kH × kW.
    pub weight: Vec<Vec<Vec<Vec<f32>>>>,
    /// `false` or the bias values.
    pub bias: BiasArg,
}

fn one() -> Pair {
    Pair::square(1)
}
fn zero() -> PaddingArg {
    PaddingArg::Explicit(Pair::square(0))
}
fn one_i() -> i64 {
    1
}
fn zeros() -> String {
    "zeros".into()
}

/// The answer to a case.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Outcome {
    /// The output and its shape.
    Output {
        /// `[C, H, W]`.
        shape: [usize; 3],
        /// C × H × W values.
        output: Vec<Vec<Vec<f32>>>,
    },
    /// PyTorch's rejection, or a clear message about malformed data.
    Error {
        /// The sentence.
        error: String,
    },
}

impl Outcome {
    fn error(msg: impl Into<String>) -> Self {
        Outcome::Error { error: msg.into() }
    }
}

/// Flattens nested arrays that must be rectangular; `None` when ragged.
fn flatten3(v: &[Vec<Vec<f32>>]) -> Option<([usize; 3], Vec<f32>)> {
    let h = v.first().map_or(0, Vec::len);
    let w = v.first().and_then(|p| p.first()).map_or(0, Vec::len);
    let mut data = Vec::with_capacity(v.len() * h * w);
    for plane in v {
        if plane.len() != h {
            return None;
        }
        for row in plane {
            if row.len() != w {
                return None;
            }
            data.extend_from_slice(row);
        }
    }
    Some(([v.len(), h, w], data))
}

impl Case {
    /// The spec this case describes.
    pub fn spec(&self) -> Conv2dSpec {
        Conv2dSpec {
            in_channels: self.in_channels,
            out_channels: self.out_channels,
            kernel_size: self.kernel_size,
            stride: self.stride,
            padding: self.padding.clone(),
            dilation: self.dilation,
            groups: self.groups,
            bias: !matches!(self.bias, BiasArg::Flag(false)),
            padding_mode: self.padding_mode.clone(),
        }
    }

    /// Runs the case: PyTorch's checks first, then the data's shapes, then the forward pass.
    pub fn run(&self) -> Outcome {
        // Nested lists with an empty level are a 1-D or 2-D tensor to PyTorch, not (C, H, W).
        let dims = match self.input.first() {
            None => vec![0],
            Some(p) if p.is_empty() => vec![self.input.len(), 0],
            Some(_) => vec![],
        };
        if !dims.is_empty() {
            let msg = match check_module(&self.spec()) {
                Err(e) => e.message,
                Ok(_) => format!(
                    "Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: {}",
                    crate::format::list(&dims)
                ),
            };
            return Outcome::error(msg);
        }
        let Some((in_shape, in_data)) = flatten3(&self.input) else {
            return Outcome::error("input is ragged: every channel must be H × W");
        };
        let layer = match validate(&self.spec(), in_shape.map(|n| n as i64)) {
            Ok(l) => l,
            Err(e) => return Outcome::error(e.message),
        };
        let mut w_shape = vec![self.weight.len()];
        let mut w_data = Vec::new();
        let Some((inner, _)) = self
            .weight
            .first()
            .map(|o| flatten3(o))
            .unwrap_or(Some(([0, 0, 0], vec![])))
        else {
            return Outcome::error("weight is ragged");
        };
        w_shape.extend(inner);
        for o in &self.weight {
            match flatten3(o) {
                Some((s, d)) if s[..] == w_shape[1..] => w_data.extend(d),
                _ => {
                    return Outcome::error(
                        "weight is ragged: every output channel must be in/groups × kH × kW",
                    )
                }
            }
        }
        let input = Tensor {
            shape: in_shape.to_vec(),
            data: in_data,
        };
        let weight = Tensor {
            shape: w_shape,
            data: w_data,
        };
        let bias = match &self.bias {
            BiasArg::Values(v) => Some(v.as_slice()),
            BiasArg::Flag(true) => {
                return Outcome::error(
                    "bias: give the out_channels bias values as a list, or false",
                )
            }
            BiasArg::Flag(false) => None,
        };
        if let Err(e) = check_data(&layer, &input, &weight, bias) {
            return Outcome::error(e.0);
        }
        let out = forward(&layer, &input, &weight, bias);
        let [c, h, w] = layer.output_shape();
        let output = out
            .data
            .chunks(h * w)
            .map(|plane| plane.chunks(w).map(<[f32]>::to_vec).collect())
            .collect();
        debug_assert_eq!(out.shape, [c, h, w]);
        Outcome::Output {
            shape: [c, h, w],
            output,
        }
    }
}
