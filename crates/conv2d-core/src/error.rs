//! Rejections as values: which PyTorch rule was broken, the arguments involved, and PyTorch's sentence.

use std::fmt;

/// The PyTorch rule a configuration breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Rule {
    /// `groups must be a positive integer`.
    GroupsNotPositive,
    /// `in_channels must be divisible by groups`.
    InChannelsNotDivisible,
    /// `out_channels must be divisible by groups`.
    OutChannelsNotDivisible,
    /// A padding string other than 'same' or 'valid'.
    InvalidPaddingString,
    /// `padding='same'` with a stride other than 1.
    SameWithStride,
    /// A padding_mode other than the four PyTorch knows.
    InvalidPaddingMode,
    /// A negative size where PyTorch creates a tensor (weight or input).
    NegativeDimension,
    /// Negative explicit padding.
    NegativePadding,
    /// A stride of zero or less.
    NonPositiveStride,
    /// A dilation of zero or less.
    NonPositiveDilation,
    /// Reflect padding as large as the input or larger.
    ReflectPaddingTooLarge,
    /// Circular padding larger than the input.
    CircularWrapsTwice,
    /// Padding that removes a whole dimension (negative padding under a non-zeros mode).
    PaddingEmptiesDimension,
    /// Input channels that do not match the weight.
    ChannelMismatch,
    /// The dilated kernel is larger than the padded input.
    KernelTooLarge,
    /// A kernel side of zero.
    ZeroKernel,
    /// Fewer output channels than groups (zero output channels, say).
    FewerOutputsThanGroups,
    /// An input (after padding) with a side of zero.
    EmptyInput,
    /// in_channels = 0. PyTorch raises nothing here (it reads a (0, H, W) input as a batch of none),
    /// so the sentence is this project's own.
    NoChannels,
    /// Something PyTorch rejects that has no sentence of its own here (e.g. an empty input).
    Other,
}

impl Rule {
    /// False for the one rule whose sentence is not PyTorch's ([`Rule::NoChannels`]).
    pub fn is_pytorchs(self) -> bool {
        self != Rule::NoChannels
    }

    /// The arguments (PyTorch's names, plus `height`/`width` for the input) a user would change.
    pub fn arguments(self) -> &'static [&'static str] {
        match self {
            Rule::GroupsNotPositive => &["groups"],
            Rule::InChannelsNotDivisible => &["in_channels", "groups"],
            Rule::OutChannelsNotDivisible => &["out_channels", "groups"],
            Rule::InvalidPaddingString => &["padding"],
            Rule::SameWithStride => &["padding", "stride"],
            Rule::InvalidPaddingMode => &["padding_mode"],
            Rule::NegativeDimension => &[
                "in_channels",
                "out_channels",
                "kernel_size",
                "height",
                "width",
            ],
            Rule::NegativePadding => &["padding"],
            Rule::NonPositiveStride => &["stride"],
            Rule::NonPositiveDilation => &["dilation"],
            Rule::ReflectPaddingTooLarge
            | Rule::CircularWrapsTwice
            | Rule::PaddingEmptiesDimension => &["padding", "padding_mode", "height", "width"],
            Rule::ChannelMismatch => &["in_channels", "groups"],
            Rule::KernelTooLarge => &["kernel_size", "dilation", "padding", "height", "width"],
            Rule::ZeroKernel => &["kernel_size"],
            Rule::FewerOutputsThanGroups => &["out_channels", "groups"],
            Rule::EmptyInput => &["height", "width", "padding"],
            Rule::NoChannels => &["in_channels"],
            Rule::Other => &[],
        }
    }
}

/// A rejected configuration: the rule and PyTorch's own message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecError {
    /// Which rule was broken.
    pub rule: Rule,
    /// The message PyTorch gives, word for word.
    pub message: String,
}

impl SpecError {
    pub(crate) fn new(rule: Rule, message: impl Into<String>) -> Self {
        Self {
            rule,
            message: message.into(),
        }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SpecError {}
