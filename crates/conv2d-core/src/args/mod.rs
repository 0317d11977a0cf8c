//! One description of the arguments, for everything that shows, reads or changes them.
//!
//! A [`Config`] is what the page holds: a layer of some [`LayerKind`] (its arguments as the user gave
//! them, in a [`LayerSpec`]) and the size of the input it runs on. An [`Arg`] is one argument of a
//! layer, or one side of the input, named as PyTorch names it. Each `Arg` knows the values it takes
//! ([`ValueKind`]), PyTorch's default, the cap that keeps a browser tab responsive, the range a
//! slider offers, the values a scaling chart sweeps, and how to read and set it on a `Config`. The
//! URL, the controls, the sweeps, the link toggles and the error highlighting all derive from here,
//! so adding an argument to a layer is a change in this module (and a label in the page's string
//! table), nothing else.

mod config;
mod kind;
mod value;

pub use config::Config;
pub use kind::{LayerKind, LayerSpec};
pub use value::{Value, ValueKind};

use crate::layer::PaddingMode;
use crate::spec::Pair;
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
mod tests;
