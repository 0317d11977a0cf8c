//! A layer and its input size: reading and writing arguments, and checking them in PyTorch's order.

use super::{Arg, LayerSpec, Value};
use crate::any::AnyLayer;
use crate::error::{Rule, SpecError};
use crate::layer::Layer;
use crate::spec::{Conv2dSpec, ConvTranspose2dSpec, PaddingArg};
use crate::transpose::validate_transpose;
use crate::validate::validate;

/// Reads an argument both convolutions take (their specs name these fields alike); `None` for any
/// other argument.
macro_rules! conv_get {
    ($s:expr, $arg:expr) => {{
        let s = $s;
        match $arg {
            Arg::InChannels => Some(Value::Int(s.in_channels)),
            Arg::OutChannels => Some(Value::Int(s.out_channels)),
            Arg::Groups => Some(Value::Int(s.groups)),
            Arg::KernelSize => Some(Value::Pair(s.kernel_size)),
            Arg::Stride => Some(Value::Pair(s.stride)),
            Arg::Dilation => Some(Value::Pair(s.dilation)),
            Arg::Padding => Some(match &s.padding {
                PaddingArg::Explicit(p) => Value::Pair(*p),
                PaddingArg::Named(n) => Value::Word(n.clone()),
            }),
            Arg::Bias => Some(Value::Bool(s.bias)),
            Arg::PaddingMode => Some(Value::Word(s.padding_mode.clone())),
            Arg::OutputPadding | Arg::Height | Arg::Width => None,
        }
    }};
}

/// Writes an argument both convolutions take; false for any other argument or value.
macro_rules! conv_set {
    ($s:expr, $arg:expr, $value:expr) => {{
        let s = $s;
        match ($arg, $value) {
            (Arg::InChannels, Value::Int(n)) => s.in_channels = n,
            (Arg::OutChannels, Value::Int(n)) => s.out_channels = n,
            (Arg::Groups, Value::Int(n)) => s.groups = n,
            (Arg::KernelSize, Value::Pair(p)) => s.kernel_size = p,
            (Arg::Stride, Value::Pair(p)) => s.stride = p,
            (Arg::Dilation, Value::Pair(p)) => s.dilation = p,
            (Arg::Padding, Value::Pair(p)) => s.padding = PaddingArg::Explicit(p),
            (Arg::Padding, Value::Word(w)) => s.padding = PaddingArg::Named(w),
            (Arg::Bias, Value::Bool(b)) => s.bias = b,
            (Arg::PaddingMode, Value::Word(w)) => s.padding_mode = w,
            _ => return false,
        }
        true
    }};
}

/// A layer and the size of the input it runs on: what the page, its link and its charts hold.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Config {
    /// The layer's arguments.
    pub layer: LayerSpec,
    /// Input height.
    pub height: i64,
    /// Input width.
    pub width: i64,
}

impl Config {
    /// A Conv2d on an input of `height × width`.
    pub fn conv2d(spec: Conv2dSpec, height: i64, width: i64) -> Self {
        Self {
            layer: LayerSpec::Conv2d(spec),
            height,
            width,
        }
    }

    /// A ConvTranspose2d on an input of `height × width`.
    pub fn conv_transpose2d(spec: ConvTranspose2dSpec, height: i64, width: i64) -> Self {
        Self {
            layer: LayerSpec::ConvTranspose2d(spec),
            height,
            width,
        }
    }

    /// PyTorch's checks on this layer and an input of `(in_channels, height, width)`, giving the
    /// checked layer of its kind.
    pub fn check(&self) -> Result<AnyLayer, SpecError> {
        let input = [self.layer.in_channels(), self.height, self.width];
        match &self.layer {
            LayerSpec::Conv2d(s) => validate(s, input).map(AnyLayer::Conv2d),
            LayerSpec::ConvTranspose2d(s) => {
                validate_transpose(s, input).map(AnyLayer::ConvTranspose2d)
            }
        }
    }

    /// PyTorch's checks on a Conv2d and an input of `(in_channels, height, width)`. Any other kind
    /// gives its own rejection, or, when PyTorch accepts it, a [`Rule::Other`] error saying that it
    /// is not a Conv2d: use [`Config::check`] for every kind.
    pub fn validate(&self) -> Result<Layer, SpecError> {
        match self.check()? {
            AnyLayer::Conv2d(l) => Ok(l),
            AnyLayer::ConvTranspose2d(_) => Err(SpecError::new(
                Rule::Other,
                "a ConvTranspose2d has no Conv2d layer (Config::check gives it)",
            )),
        }
    }

    /// The arguments of this configuration's layer kind (and the input's sides).
    pub fn arguments(&self) -> &'static [Arg] {
        self.layer.kind().arguments()
    }

    /// The value of `arg`, or `None` when this kind of layer has no such argument.
    pub fn get(&self, arg: Arg) -> Option<Value> {
        match (arg, &self.layer) {
            (Arg::Height, _) => Some(Value::Int(self.height)),
            (Arg::Width, _) => Some(Value::Int(self.width)),
            (Arg::OutputPadding, LayerSpec::ConvTranspose2d(s)) => {
                Some(Value::Pair(s.output_padding))
            }
            (arg, LayerSpec::Conv2d(s)) => conv_get!(s, arg),
            (arg, LayerSpec::ConvTranspose2d(s)) => conv_get!(s, arg),
        }
    }

    /// Sets `arg` to `value`. False when nothing changed: the value was already there, is not of the
    /// argument's kind (see [`Arg::accepts`]), or this kind of layer has no such argument.
    pub fn set(&mut self, arg: Arg, value: Value) -> bool {
        if !arg.accepts(&value) || self.get(arg).as_ref() == Some(&value) {
            return false;
        }
        match (arg, value, &mut self.layer) {
            (Arg::Height, Value::Int(n), _) => self.height = n,
            (Arg::Width, Value::Int(n), _) => self.width = n,
            (Arg::OutputPadding, Value::Pair(p), LayerSpec::ConvTranspose2d(s)) => {
                s.output_padding = p
            }
            (arg, value, LayerSpec::Conv2d(s)) => return conv_set!(s, arg, value),
            (arg, value, LayerSpec::ConvTranspose2d(s)) => return conv_set!(s, arg, value),
        }
        true
    }

    /// This configuration with every argument of its kind at PyTorch's default, keeping the ones
    /// PyTorch requires (and the input size).
    pub fn with_defaults(&self) -> Self {
        let mut c = self.clone();
        for &arg in self.arguments() {
            if let Some(v) = arg.default() {
                c.set(arg, v);
            }
        }
        c
    }
}
