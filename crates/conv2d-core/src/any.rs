//! A checked layer of any kind, as [`crate::Config::check`] gives it: what the page, the charts and
//! the command line need without caring which kind it is.

use crate::args::LayerKind;
use crate::cost::{self, Cost};
use crate::forward::{self, DataError};
use crate::layer::Layer;
use crate::tensor::Tensor;
use crate::transpose::{self, TransposeLayer};

/// A valid layer of some kind on one input size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AnyLayer {
    /// A checked `nn.Conv2d`.
    Conv2d(Layer),
    /// A checked `nn.ConvTranspose2d`.
    ConvTranspose2d(TransposeLayer),
}

impl AnyLayer {
    /// Its kind.
    pub fn kind(&self) -> LayerKind {
        match self {
            AnyLayer::Conv2d(_) => LayerKind::Conv2d,
            AnyLayer::ConvTranspose2d(_) => LayerKind::ConvTranspose2d,
        }
    }

    /// The Conv2d, when it is one.
    pub fn conv2d(&self) -> Option<&Layer> {
        match self {
            AnyLayer::Conv2d(l) => Some(l),
            AnyLayer::ConvTranspose2d(_) => None,
        }
    }

    /// The ConvTranspose2d, when it is one.
    pub fn conv_transpose2d(&self) -> Option<&TransposeLayer> {
        match self {
            AnyLayer::ConvTranspose2d(l) => Some(l),
            AnyLayer::Conv2d(_) => None,
        }
    }

    /// `(C, H, W)` of the input.
    pub fn input_shape(&self) -> [usize; 3] {
        match self {
            AnyLayer::Conv2d(l) => l.input_shape(),
            AnyLayer::ConvTranspose2d(l) => l.input_shape(),
        }
    }

    /// `(C_out, H_out, W_out)`.
    pub fn output_shape(&self) -> [usize; 3] {
        match self {
            AnyLayer::Conv2d(l) => l.output_shape(),
            AnyLayer::ConvTranspose2d(l) => l.output_shape(),
        }
    }

    /// The weight's shape: `(out, in/groups, kH, kW)` for a Conv2d, `(in, out/groups, kH, kW)` for a
    /// ConvTranspose2d.
    pub fn weight_shape(&self) -> [usize; 4] {
        match self {
            AnyLayer::Conv2d(l) => l.weight_shape(),
            AnyLayer::ConvTranspose2d(l) => l.weight_shape(),
        }
    }

    /// `(out_channels,)` when there is a bias.
    pub fn bias_shape(&self) -> Option<[usize; 1]> {
        match self {
            AnyLayer::Conv2d(l) => l.bias_shape(),
            AnyLayer::ConvTranspose2d(l) => l.bias_shape(),
        }
    }

    /// Groups.
    pub fn groups(&self) -> usize {
        match self {
            AnyLayer::Conv2d(l) => l.groups,
            AnyLayer::ConvTranspose2d(l) => l.groups,
        }
    }

    /// Parameters, MACs, receptive field.
    pub fn cost(&self) -> Cost {
        match self {
            AnyLayer::Conv2d(l) => Cost::of(l),
            AnyLayer::ConvTranspose2d(l) => transpose::cost::cost(l),
        }
    }

    /// The parameter count written out with its numbers.
    pub fn params_formula(&self) -> String {
        match self {
            AnyLayer::Conv2d(l) => cost::params_formula(l),
            AnyLayer::ConvTranspose2d(l) => transpose::cost::params_formula(l),
        }
    }

    /// The output-size formula for one axis (0 = height) with its numbers.
    pub fn output_formula(&self, axis: usize) -> cost::Formula {
        match self {
            AnyLayer::Conv2d(l) => cost::output_formula(l, axis),
            AnyLayer::ConvTranspose2d(l) => transpose::cost::output_formula(l, axis),
        }
    }

    /// Checks that input, weight and bias have the shapes the layer needs.
    pub fn check_data(
        &self,
        input: &Tensor,
        weight: &Tensor,
        bias: Option<&[f32]>,
    ) -> Result<(), DataError> {
        match self {
            AnyLayer::Conv2d(l) => forward::check_data(l, input, weight, bias),
            AnyLayer::ConvTranspose2d(l) => transpose::forward::check_data(l, input, weight, bias),
        }
    }

    /// The fast forward pass (call [`AnyLayer::check_data`] first for data from users).
    pub fn forward(&self, input: &Tensor, weight: &Tensor, bias: Option<&[f32]>) -> Tensor {
        match self {
            AnyLayer::Conv2d(l) => forward::forward(l, input, weight, bias),
            AnyLayer::ConvTranspose2d(l) => transpose::forward::forward(l, input, weight, bias),
        }
    }
}
