//! One case of `conv2d eval`: a spec with data in, PyTorch's output or PyTorch's rejection out.
//! JSON in PyTorch's names; used by the CLI and by the golden tests. `"op"` says which layer:
//! `"conv2d"` (the default) or `"conv_transpose2d"`.

use serde::{Deserialize, Serialize};

use crate::any::AnyLayer;
use crate::args::LayerKind;
use crate::spec::{Conv2dSpec, ConvTranspose2dSpec, PaddingArg, Pair};
use crate::tensor::Tensor;
use crate::transpose::validate::{check_module_transpose, check_padding_type};
use crate::transpose::validate_transpose;
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
    /// `"conv2d"` (default) or `"conv_transpose2d"`, as `torch.nn.functional` names them.
    #[serde(default = "conv2d")]
    pub op: String,
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
    /// See [`ConvTranspose2dSpec::output_padding`]; only for `"conv_transpose2d"` (default 0).
    #[serde(default)]
    pub output_padding: Option<Pair>,
    /// The image, C × H × W.
    pub input: Vec<Vec<Vec<f32>>>,
    /// The weight: out × in/groups × kH × kW for a Conv2d, in × out/groups × kH × kW for a
    /// ConvTranspose2d.
    pub weight: Vec<Vec<Vec<Vec<f32>>>>,
    /// `false` or the bias values.
    pub bias: BiasArg,
}

fn conv2d() -> String {
    LayerKind::Conv2d.name().into()
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

    /// The ConvTranspose2d spec this case describes.
    pub fn transpose_spec(&self) -> ConvTranspose2dSpec {
        ConvTranspose2dSpec {
            in_channels: self.in_channels,
            out_channels: self.out_channels,
            kernel_size: self.kernel_size,
            stride: self.stride,
            padding: self.padding.clone(),
            output_padding: self.output_padding.unwrap_or(Pair::square(0)),
            groups: self.groups,
            bias: !matches!(self.bias, BiasArg::Flag(false)),
            dilation: self.dilation,
            padding_mode: self.padding_mode.clone(),
        }
    }

    /// Runs the case: PyTorch's checks first, then the data's shapes, then the forward pass.
    pub fn run(&self) -> Outcome {
        let Some(kind) = LayerKind::from_name(&self.op) else {
            return Outcome::error(format!(
                "invalid case: unknown op {:?} (expected \"conv2d\" or \"conv_transpose2d\")",
                self.op
            ));
        };
        if kind == LayerKind::Conv2d && self.output_padding.is_some() {
            // As Python says it: Conv2d has no such argument.
            return Outcome::error(
                "Conv2d.__init__() got an unexpected keyword argument 'output_padding'",
            );
        }
        // Nested lists with an empty level are a 1-D or 2-D tensor to PyTorch, not (C, H, W).
        let dims = match self.input.first() {
            None => vec![0],
            Some(p) if p.is_empty() => vec![self.input.len(), 0],
            Some(_) => vec![],
        };
        if !dims.is_empty() {
            let before_input = match kind {
                LayerKind::Conv2d => check_module(&self.spec()).map(drop),
                LayerKind::ConvTranspose2d => check_module_transpose(&self.transpose_spec())
                    .and_then(|()| check_padding_type(&self.transpose_spec())),
            };
            let msg = match before_input {
                Err(e) => e.message,
                Ok(()) => format!(
                    "Expected 3D (unbatched) or 4D (batched) input to {}, but got input of size: {}",
                    kind.name(),
                    crate::format::list(&dims)
                ),
            };
            return Outcome::error(msg);
        }
        let Some((in_shape, in_data)) = flatten3(&self.input) else {
            return Outcome::error("input is ragged: every channel must be H × W");
        };
        let in_shape_i = in_shape.map(|n| n as i64);
        let checked = match kind {
            LayerKind::Conv2d => validate(&self.spec(), in_shape_i).map(AnyLayer::Conv2d),
            LayerKind::ConvTranspose2d => validate_transpose(&self.transpose_spec(), in_shape_i)
                .map(AnyLayer::ConvTranspose2d),
        };
        let layer = match checked {
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
                    return Outcome::error(match kind {
                        LayerKind::Conv2d => {
                            "weight is ragged: every output channel must be in/groups × kH × kW"
                        }
                        LayerKind::ConvTranspose2d => {
                            "weight is ragged: every input channel must be out/groups × kH × kW"
                        }
                    })
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
        if let Err(e) = layer.check_data(&input, &weight, bias) {
            return Outcome::error(e.0);
        }
        let out = layer.forward(&input, &weight, bias);
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
