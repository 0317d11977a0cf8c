//! One description of the arguments, for everything that shows, reads or changes them.
//!
//! A [`Config`] is what the page holds: a layer of some [`LayerKind`] (its arguments as the user gave
//! them, in a [`LayerSpec`]) and the size of the input it runs on. An [`Arg`] is one argument of a
//! layer, or one side of the input, named as PyTorch names it. Each `Arg` knows the values it takes
//! ([`ValueKind`]), PyTorch's default, the cap that keeps a browser tab responsive, the range a
//! slider offers, the values a scaling chart sweeps, and how to read and set it on a `Config`. The
//! URL, the controls, the sweeps, the link toggles and the error highlighting all derive from here,
//! so adding an argument to a layer is a change in this file (and a label in the page's string
//! table), nothing else.

use crate::any::AnyLayer;
use crate::error::{Rule, SpecError};
use crate::layer::{Layer, PaddingMode};
use crate::spec::{Conv2dSpec, ConvTranspose2dSpec, PaddingArg, Pair};
use crate::transpose::validate_transpose;
use crate::validate::validate;

/// Which PyTorch module a layer is: `Conv2d` or `ConvTranspose2d`; the pooling layers slot in beside
/// them: a variant here, one in [`LayerSpec`], and the arguments it takes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LayerKind {
    /// `torch.nn.Conv2d`.
    #[default]
    Conv2d,
    /// `torch.nn.ConvTranspose2d`.
    ConvTranspose2d,
}

impl LayerKind {
    /// Every kind.
    pub const ALL: [LayerKind; 2] = [LayerKind::Conv2d, LayerKind::ConvTranspose2d];

    /// The name in a link (`op=conv2d`) and in `conv2d eval`'s `"op"`, as `torch.nn.functional` spells it.
    pub fn name(self) -> &'static str {
        match self {
            LayerKind::Conv2d => "conv2d",
            LayerKind::ConvTranspose2d => "conv_transpose2d",
        }
    }

    /// The module's name in Python: `Conv2d`, `ConvTranspose2d`.
    pub fn module(self) -> &'static str {
        match self {
            LayerKind::Conv2d => "Conv2d",
            LayerKind::ConvTranspose2d => "ConvTranspose2d",
        }
    }

    /// The kind called `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The module's arguments in PyTorch's order, then the input's height and width.
    pub fn arguments(self) -> &'static [Arg] {
        match self {
            LayerKind::Conv2d => &[
                Arg::InChannels,
                Arg::OutChannels,
                Arg::KernelSize,
                Arg::Stride,
                Arg::Padding,
                Arg::Dilation,
                Arg::Groups,
                Arg::Bias,
                Arg::PaddingMode,
                Arg::Height,
                Arg::Width,
            ],
            LayerKind::ConvTranspose2d => &[
                Arg::InChannels,
                Arg::OutChannels,
                Arg::KernelSize,
                Arg::Stride,
                Arg::Padding,
                Arg::OutputPadding,
                Arg::Groups,
                Arg::Bias,
                Arg::Dilation,
                Arg::PaddingMode,
                Arg::Height,
                Arg::Width,
            ],
        }
    }
}

/// A layer's arguments as the user gave them, of any kind.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum LayerSpec {
    /// `nn.Conv2d(...)`.
    Conv2d(Conv2dSpec),
    /// `nn.ConvTranspose2d(...)`.
    ConvTranspose2d(ConvTranspose2dSpec),
}

impl LayerSpec {
    /// Its kind.
    pub fn kind(&self) -> LayerKind {
        match self {
            LayerSpec::Conv2d(_) => LayerKind::Conv2d,
            LayerSpec::ConvTranspose2d(_) => LayerKind::ConvTranspose2d,
        }
    }

    /// The Python line that builds it, from the argument table: the module, in_channels and
    /// out_channels by position, then kernel_size and every argument not at PyTorch's default, by
    /// name, in PyTorch's order (`nn.Conv2d(3, 2, kernel_size=3, stride=2, padding=1, dilation=2)`).
    pub fn python(&self) -> String {
        let kind = self.kind();
        let c = Config {
            layer: self.clone(),
            height: 0,
            width: 0,
        };
        let mut parts = Vec::new();
        for &arg in kind.arguments().iter().filter(|a| !a.is_input()) {
            let Some(value) = c.get(arg) else { continue };
            match arg {
                Arg::InChannels | Arg::OutChannels => parts.push(value.python()),
                _ if arg.default() == Some(value.clone()) => {}
                _ => parts.push(format!("{}={}", arg.name(), value.python())),
            }
        }
        format!("nn.{}({})", kind.module(), parts.join(", "))
    }

    /// The Conv2d arguments, when it is a Conv2d.
    pub fn conv2d(&self) -> Option<&Conv2dSpec> {
        match self {
            LayerSpec::Conv2d(s) => Some(s),
            LayerSpec::ConvTranspose2d(_) => None,
        }
    }

    /// The ConvTranspose2d arguments, when it is a ConvTranspose2d.
    pub fn conv_transpose2d(&self) -> Option<&ConvTranspose2dSpec> {
        match self {
            LayerSpec::ConvTranspose2d(s) => Some(s),
            LayerSpec::Conv2d(_) => None,
        }
    }

    /// The channels the layer expects (the input is made with this many).
    pub fn in_channels(&self) -> i64 {
        match self {
            LayerSpec::Conv2d(s) => s.in_channels,
            LayerSpec::ConvTranspose2d(s) => s.in_channels,
        }
    }

    /// The channels the layer makes.
    pub fn out_channels(&self) -> i64 {
        match self {
            LayerSpec::Conv2d(s) => s.out_channels,
            LayerSpec::ConvTranspose2d(s) => s.out_channels,
        }
    }

    /// The same layer as another kind, keeping every argument both kinds share (channels, kernel,
    /// stride, padding, dilation, groups, bias, padding_mode) and giving the others PyTorch's
    /// defaults. The layer switch.
    pub fn to_kind(&self, kind: LayerKind) -> LayerSpec {
        let common = match self {
            LayerSpec::Conv2d(s) => s.clone(),
            LayerSpec::ConvTranspose2d(s) => Conv2dSpec {
                in_channels: s.in_channels,
                out_channels: s.out_channels,
                kernel_size: s.kernel_size,
                stride: s.stride,
                padding: s.padding.clone(),
                dilation: s.dilation,
                groups: s.groups,
                bias: s.bias,
                padding_mode: s.padding_mode.clone(),
            },
        };
        let output_padding = match self {
            LayerSpec::ConvTranspose2d(s) => s.output_padding,
            LayerSpec::Conv2d(_) => Pair::square(0),
        };
        match kind {
            LayerKind::Conv2d => LayerSpec::Conv2d(common),
            LayerKind::ConvTranspose2d => LayerSpec::ConvTranspose2d(ConvTranspose2dSpec {
                in_channels: common.in_channels,
                out_channels: common.out_channels,
                kernel_size: common.kernel_size,
                stride: common.stride,
                padding: common.padding,
                output_padding,
                groups: common.groups,
                bias: common.bias,
                dilation: common.dilation,
                padding_mode: common.padding_mode,
            }),
        }
    }
}

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

/// A value of an argument: an int, an `(h, w)` pair, a word (a padding string, a padding mode), or a
/// bool.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Value {
    /// A single int.
    Int(i64),
    /// An int or `(h, w)` tuple.
    Pair(Pair),
    /// A string.
    Word(String),
    /// True or False.
    Bool(bool),
}

impl Value {
    /// The value as link text: `3`, `3,5`, `same`, `true`.
    pub fn text(&self) -> String {
        match self {
            Value::Int(n) => n.to_string(),
            Value::Pair(p) => p.text(),
            Value::Word(w) => w.clone(),
            Value::Bool(b) => b.to_string(),
        }
    }

    /// The value as Python writes the argument: `3`, `(5, 2)`, `'same'`, `False`.
    pub fn python(&self) -> String {
        match self {
            Value::Int(n) => n.to_string(),
            Value::Pair(p) => p.python(),
            Value::Word(w) => crate::spec::python_str_repr(w),
            Value::Bool(true) => "True".into(),
            Value::Bool(false) => "False".into(),
        }
    }

    /// The square value (a pair's height on both sides) for a linked pair control.
    pub fn squared(&self) -> Value {
        match self {
            Value::Pair(p) => Value::Pair(Pair::square(p.h)),
            v => v.clone(),
        }
    }
}

/// The values an argument takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// One int.
    Int,
    /// An int or `(h, w)`.
    Pair,
    /// `(h, w)` or one of these words (any other word is kept, for PyTorch's rules to reject).
    PairOrWord(&'static [&'static str]),
    /// True or False.
    Bool,
    /// One of these words (any other is kept, for PyTorch's rules to reject).
    Word(&'static [&'static str]),
}

/// One argument of a layer, or one side of its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Arg {
    /// `in_channels`.
    InChannels,
    /// `out_channels`.
    OutChannels,
    /// `kernel_size`.
    KernelSize,
    /// `stride`.
    Stride,
    /// `padding`.
    Padding,
    /// `output_padding` (ConvTranspose2d).
    OutputPadding,
    /// `dilation`.
    Dilation,
    /// `groups`.
    Groups,
    /// `bias`.
    Bias,
    /// `padding_mode`.
    PaddingMode,
    /// The input's height.
    Height,
    /// The input's width.
    Width,
}

/// The groups chart sweeps every value up to the larger channel count, but no further than this
/// (the common divisors above it are still swept).
pub const GROUPS_SWEPT: i64 = 16;

/// The padding modes' names, in PyTorch's documentation order.
const MODE_NAMES: [&str; 4] = [
    PaddingMode::Zeros.name(),
    PaddingMode::Reflect.name(),
    PaddingMode::Replicate.name(),
    PaddingMode::Circular.name(),
];

impl Arg {
    /// The name as PyTorch spells it (`height` and `width` for the input's sides): the link's key,
    /// the control's id.
    pub fn name(self) -> &'static str {
        match self {
            Arg::InChannels => "in_channels",
            Arg::OutChannels => "out_channels",
            Arg::KernelSize => "kernel_size",
            Arg::Stride => "stride",
            Arg::Padding => "padding",
            Arg::OutputPadding => "output_padding",
            Arg::Dilation => "dilation",
            Arg::Groups => "groups",
            Arg::Bias => "bias",
            Arg::PaddingMode => "padding_mode",
            Arg::Height => "height",
            Arg::Width => "width",
        }
    }

    /// The argument called `name`, in any kind of layer.
    pub fn from_name(name: &str) -> Option<Self> {
        LayerKind::ALL
            .iter()
            .flat_map(|k| k.arguments())
            .copied()
            .find(|a| a.name() == name)
    }

    /// True for the input's sides, which are not arguments of the module.
    pub fn is_input(self) -> bool {
        matches!(self, Arg::Height | Arg::Width)
    }

    /// The values it takes.
    pub fn kind(self) -> ValueKind {
        match self {
            Arg::InChannels | Arg::OutChannels | Arg::Groups | Arg::Height | Arg::Width => {
                ValueKind::Int
            }
            Arg::KernelSize | Arg::Stride | Arg::Dilation | Arg::OutputPadding => ValueKind::Pair,
            Arg::Padding => ValueKind::PairOrWord(&["same", "valid"]),
            Arg::Bias => ValueKind::Bool,
            Arg::PaddingMode => ValueKind::Word(&MODE_NAMES),
        }
    }

    /// Whether `value` is of this argument's kind.
    pub fn accepts(self, value: &Value) -> bool {
        matches!(
            (self.kind(), value),
            (ValueKind::Int, Value::Int(_))
                | (ValueKind::Pair | ValueKind::PairOrWord(_), Value::Pair(_))
                | (
                    ValueKind::PairOrWord(_) | ValueKind::Word(_),
                    Value::Word(_)
                )
                | (ValueKind::Bool, Value::Bool(_))
        )
    }

    /// PyTorch's default; `None` for what PyTorch requires (in/out channels, kernel_size) and the
    /// input's sides.
    pub fn default(self) -> Option<Value> {
        Some(match self {
            Arg::Stride | Arg::Dilation => Value::Pair(Pair::square(1)),
            Arg::Padding | Arg::OutputPadding => Value::Pair(Pair::square(0)),
            Arg::Groups => Value::Int(1),
            Arg::Bias => Value::Bool(true),
            Arg::PaddingMode => Value::Word(PaddingMode::Zeros.name().into()),
            Arg::InChannels | Arg::OutChannels | Arg::KernelSize | Arg::Height | Arg::Width => {
                return None
            }
        })
    }

    /// The largest number the page takes, to keep the tab responsive: a larger one is brought down
    /// to it, with a notice. Nothing else is ever clamped: zero and negatives go to PyTorch's rules.
    pub fn cap(self) -> Option<i64> {
        match self {
            Arg::InChannels | Arg::OutChannels | Arg::Groups => Some(64),
            Arg::Height | Arg::Width => Some(128),
            Arg::KernelSize | Arg::Stride | Arg::Dilation => Some(32),
            Arg::Padding | Arg::OutputPadding => Some(64),
            Arg::Bias | Arg::PaddingMode => None,
        }
    }

    /// `value` brought down to the cap, and whether it had to be.
    pub fn capped(self, value: Value) -> (Value, bool) {
        let Some(cap) = self.cap() else {
            return (value, false);
        };
        match value {
            Value::Int(n) if n > cap => (Value::Int(cap), true),
            Value::Pair(p) if p.h > cap || p.w > cap => {
                (Value::Pair(Pair::new(p.h.min(cap), p.w.min(cap))), true)
            }
            v => (v, false),
        }
    }

    /// The range a slider offers (a number typed in its box may go beyond, up to the cap).
    pub fn slider(self) -> (i64, i64) {
        match self {
            Arg::InChannels | Arg::OutChannels | Arg::Groups => (1, 16),
            Arg::KernelSize => (1, 11),
            Arg::Stride | Arg::Dilation => (1, 6),
            Arg::Padding => (0, 10),
            Arg::OutputPadding => (0, 5),
            Arg::Height | Arg::Width => (1, 32),
            Arg::Bias | Arg::PaddingMode => (0, 0),
        }
    }

    /// Reads the link text of a value (`3`, `3,5`, `same`, `True`); `None` when it is not one.
    /// A word that is not one PyTorch knows is kept, for PyTorch's rules to reject with its sentence.
    pub fn parse(self, text: &str) -> Option<Value> {
        let word = || {
            let ok = !text.is_empty()
                && text.len() <= 20
                && text.chars().all(|c| c.is_ascii_alphabetic());
            ok.then(|| Value::Word(text.to_string()))
        };
        match self.kind() {
            ValueKind::Int => text.trim().parse().ok().map(Value::Int),
            ValueKind::Pair => Pair::parse(text).map(Value::Pair),
            ValueKind::PairOrWord(_) => Pair::parse(text).map(Value::Pair).or_else(word),
            ValueKind::Bool => match text {
                "true" | "True" | "1" => Some(Value::Bool(true)),
                "false" | "False" | "0" => Some(Value::Bool(false)),
                _ => None,
            },
            ValueKind::Word(_) => word(),
        }
    }

    /// Whether a scaling chart sweeps it (the numbers do; bias and padding_mode do not).
    pub fn has_chart(self) -> bool {
        !matches!(self, Arg::Bias | Arg::PaddingMode)
    }

    /// The values a scaling chart sweeps this argument over (square for pairs) around `config`,
    /// always including the current one; `None` for the arguments that get no chart.
    pub fn sweep_values(self, config: &Config) -> Option<Vec<i64>> {
        if !self.has_chart() {
            return None;
        }
        let mut v: Vec<i64> = match self {
            Arg::InChannels | Arg::OutChannels => vec![1, 2, 3, 4, 6, 8, 12, 16, 24, 32],
            Arg::KernelSize => (1..=9).collect(),
            Arg::Stride | Arg::Dilation => (1..=6).collect(),
            Arg::Padding => (0..=8).collect(),
            Arg::OutputPadding => (0..=3).collect(),
            // Every value up to the larger channel count (at most 16), so the ones PyTorch rejects
            // are listed with its sentence, and the common divisors beyond it.
            Arg::Groups => {
                let l = &config.layer;
                let (a, b) = (l.in_channels().max(1), l.out_channels().max(1));
                let every = 1..=a.max(b).min(GROUPS_SWEPT);
                let divisors = (1..=a.min(b)).filter(|g| a % g == 0 && b % g == 0);
                let mut v: Vec<i64> = every.chain(divisors).collect();
                v.sort_unstable();
                v.dedup();
                v
            }
            Arg::Height | Arg::Width => vec![4, 8, 12, 16, 24, 32, 48, 64],
            Arg::Bias | Arg::PaddingMode => return None,
        };
        if let Some(c) = self.swept_value(config) {
            if c >= 0 && !v.contains(&c) {
                v.push(c);
            }
        }
        v.sort_unstable();
        Some(v)
    }

    /// The number a sweep of this argument is at in `config` (a pair's height: a square pair is swept
    /// square, a pair that is not square along its height, its width kept).
    pub fn swept_value(self, config: &Config) -> Option<i64> {
        match config.get(self)? {
            Value::Int(n) => Some(n),
            Value::Pair(p) => Some(p.h),
            Value::Word(_) | Value::Bool(_) => None,
        }
    }

    /// The value a sweep sets for the number `x` in `config`: square for a square pair (and for a
    /// padding word), the height for a pair that is not square (its width kept), so the chart's point
    /// at the current value is the configuration itself.
    pub fn swept(self, config: &Config, x: i64) -> Value {
        match (self.kind(), config.get(self)) {
            (ValueKind::Pair | ValueKind::PairOrWord(_), Some(Value::Pair(p)))
                if !p.is_square() =>
            {
                Value::Pair(Pair::new(x, p.w))
            }
            (ValueKind::Pair | ValueKind::PairOrWord(_), _) => Value::Pair(Pair::square(x)),
            _ => Value::Int(x),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure1() -> Config {
        Config::conv2d(Conv2dSpec::figure1(), 7, 7)
    }

    #[test]
    fn every_argument_reads_back_what_was_set() {
        let mut c = figure1();
        let values = [
            (Arg::InChannels, Value::Int(4)),
            (Arg::OutChannels, Value::Int(6)),
            (Arg::KernelSize, Value::Pair(Pair::new(5, 2))),
            (Arg::Stride, Value::Pair(Pair::new(1, 3))),
            (Arg::Padding, Value::Word("same".into())),
            (Arg::Dilation, Value::Pair(Pair::new(4, 2))),
            (Arg::Groups, Value::Int(2)),
            (Arg::Bias, Value::Bool(false)),
            (Arg::PaddingMode, Value::Word("reflect".into())),
            (Arg::Height, Value::Int(9)),
            (Arg::Width, Value::Int(11)),
        ];
        for (arg, v) in &values {
            assert!(c.set(*arg, v.clone()), "{arg:?}");
            assert!(!c.set(*arg, v.clone()), "a second set changes nothing");
            assert_eq!(c.get(*arg).as_ref(), Some(v));
        }
        // The Python line is PyTorch's, built from the values set through the table.
        assert_eq!(
            c.layer.python(),
            "nn.Conv2d(4, 6, kernel_size=(5, 2), stride=(1, 3), padding='same', dilation=(4, 2), \
             groups=2, bias=False, padding_mode='reflect')"
        );
        assert_eq!((c.height, c.width), (9, 11));
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_refused() {
        let mut c = figure1();
        assert!(!c.set(Arg::Groups, Value::Pair(Pair::square(2))));
        assert!(!c.set(Arg::Bias, Value::Int(0)));
        assert!(!c.set(Arg::KernelSize, Value::Word("same".into())));
        assert_eq!(c, figure1());
    }

    #[test]
    fn link_text_round_trips_through_every_argument() {
        let c = Config::conv2d(
            Conv2dSpec {
                padding: PaddingArg::Explicit(Pair::new(2, 0)),
                ..Conv2dSpec::figure1()
            },
            7,
            9,
        );
        for &arg in c.arguments() {
            let v = c.get(arg).unwrap();
            assert_eq!(arg.parse(&v.text()), Some(v), "{arg:?}");
        }
        assert_eq!(Arg::Padding.parse("SAME"), Some(Value::Word("SAME".into())));
        assert_eq!(Arg::Padding.parse("<script>"), None);
        assert_eq!(Arg::Stride.parse("1,2,3"), None);
        assert_eq!(Arg::Bias.parse("maybe"), None);
    }

    #[test]
    fn defaults_are_pytorchs() {
        let c = figure1().with_defaults();
        assert_eq!(c.layer.python(), "nn.Conv2d(3, 2, kernel_size=3)");
    }

    #[test]
    fn caps_bring_either_side_of_a_pair_down() {
        assert_eq!(
            Arg::KernelSize.capped(Value::Pair(Pair::new(3, 99))),
            (Value::Pair(Pair::new(3, 32)), true)
        );
        assert_eq!(
            Arg::OutChannels.capped(Value::Int(-5)),
            (Value::Int(-5), false)
        );
        assert_eq!(
            Arg::Bias.capped(Value::Bool(true)),
            (Value::Bool(true), false)
        );
    }

    #[test]
    fn every_argument_of_a_kind_has_a_value_and_a_sweep_includes_the_current_value() {
        let c = figure1();
        for &arg in c.arguments() {
            assert!(c.get(arg).is_some(), "{arg:?}");
            assert!(arg.accepts(&c.get(arg).unwrap()));
            if let Some(v) = arg.sweep_values(&c) {
                assert!(v.contains(&arg.swept_value(&c).unwrap()), "{arg:?}");
            }
        }
    }

    fn transposed() -> Config {
        Config::conv_transpose2d(ConvTranspose2dSpec::upsample2x(), 4, 4)
    }

    #[test]
    fn every_transposed_argument_reads_back_what_was_set() {
        let mut c = transposed();
        assert_eq!(c.layer.kind(), LayerKind::ConvTranspose2d);
        let values = [
            (Arg::InChannels, Value::Int(4)),
            (Arg::OutChannels, Value::Int(6)),
            (Arg::KernelSize, Value::Pair(Pair::new(5, 2))),
            (Arg::Stride, Value::Pair(Pair::new(2, 3))),
            (Arg::Padding, Value::Pair(Pair::new(1, 0))),
            (Arg::OutputPadding, Value::Pair(Pair::new(1, 2))),
            (Arg::Groups, Value::Int(2)),
            (Arg::Bias, Value::Bool(false)),
            (Arg::Dilation, Value::Pair(Pair::new(4, 2))),
            (Arg::PaddingMode, Value::Word("zeros".into())),
            (Arg::Height, Value::Int(9)),
            (Arg::Width, Value::Int(11)),
        ];
        assert_eq!(
            values.iter().map(|v| v.0).collect::<Vec<_>>(),
            c.arguments(),
            "PyTorch's order"
        );
        for (arg, v) in &values {
            c.set(*arg, v.clone());
            assert_eq!(c.get(*arg).as_ref(), Some(v), "{arg:?}");
        }
        assert_eq!(
            c.layer.python(),
            "nn.ConvTranspose2d(4, 6, kernel_size=(5, 2), stride=(2, 3), padding=(1, 0), \
             output_padding=(1, 2), groups=2, bias=False, dilation=(4, 2))"
        );
        let l = c.check().unwrap();
        assert_eq!(
            l.output_shape(),
            [6, 8 * 2 - 2 + 4 * 4 + 1 + 1, 10 * 3 + 2 + 2 + 1]
        );
        assert_eq!(l.weight_shape(), [4, 3, 5, 2]);
        assert_eq!(c.validate().unwrap_err().rule, Rule::Other);
    }

    #[test]
    fn output_padding_is_only_a_transposed_argument() {
        let mut c = figure1();
        assert_eq!(c.get(Arg::OutputPadding), None);
        assert!(!c.set(Arg::OutputPadding, Value::Pair(Pair::square(1))));
        assert!(!c.arguments().contains(&Arg::OutputPadding));
        assert_eq!(
            Arg::OutputPadding.default(),
            Some(Value::Pair(Pair::square(0)))
        );
        assert_eq!(Arg::OutputPadding.slider(), (0, 5));
        assert_eq!(
            Arg::OutputPadding.sweep_values(&transposed()),
            Some(vec![0, 1, 2, 3])
        );
        assert_eq!(Arg::from_name("output_padding"), Some(Arg::OutputPadding));
        assert_eq!(
            LayerKind::from_name("conv_transpose2d"),
            Some(LayerKind::ConvTranspose2d)
        );
    }

    #[test]
    fn transposed_defaults_are_pytorchs_and_the_switch_keeps_what_both_share() {
        assert_eq!(
            transposed().with_defaults().layer.python(),
            "nn.ConvTranspose2d(3, 2, kernel_size=4)"
        );
        let back = figure1().layer.to_kind(LayerKind::ConvTranspose2d);
        assert_eq!(
            back.python(),
            "nn.ConvTranspose2d(3, 2, kernel_size=3, stride=2, padding=1, dilation=2)"
        );
        assert_eq!(back.to_kind(LayerKind::Conv2d), figure1().layer);
        let mut t = transposed();
        t.set(Arg::OutputPadding, Value::Pair(Pair::square(1)));
        let round = t
            .layer
            .to_kind(LayerKind::Conv2d)
            .to_kind(LayerKind::ConvTranspose2d);
        assert_eq!(
            round.conv_transpose2d().unwrap().output_padding,
            Pair::square(0)
        );
        assert_eq!(
            Config {
                layer: back,
                ..figure1()
            }
            .check()
            .unwrap()
            .output_shape(),
            [2, 15, 15] // PyTorch: torch.Size([2, 15, 15])
        );
    }
}
