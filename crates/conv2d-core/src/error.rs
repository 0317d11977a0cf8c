//! Rejections as values: which PyTorch rule was broken, the arguments involved, and PyTorch's sentence.

use std::fmt;

use crate::args::Arg;

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
    /// Negative output_padding (ConvTranspose2d).
    NegativeOutputPadding,
    /// An output_padding not smaller than either the stride or the dilation (ConvTranspose2d).
    OutputPaddingTooLarge,
    /// An output with a side of zero or less (ConvTranspose2d).
    OutputTooSmall,
    /// Fewer input channels than groups (in_channels = 0; ConvTranspose2d, whose weight starts with
    /// in_channels).
    FewerInputsThanGroups,
    /// Something PyTorch rejects that has no sentence of its own here (e.g. an empty input).
    Other,
}

impl Rule {
    /// False for the one rule whose sentence is not PyTorch's ([`Rule::NoChannels`]).
    pub fn is_pytorchs(self) -> bool {
        self != Rule::NoChannels
    }

    /// The arguments (and input sides) a user would change to satisfy the rule.
    pub fn arguments(self) -> &'static [Arg] {
        use Arg::*;
        match self {
            Rule::GroupsNotPositive => &[Groups],
            Rule::InChannelsNotDivisible => &[InChannels, Groups],
            Rule::OutChannelsNotDivisible => &[OutChannels, Groups],
            Rule::InvalidPaddingString => &[Padding],
            Rule::SameWithStride => &[Padding, Stride],
            Rule::InvalidPaddingMode => &[PaddingMode],
            Rule::NegativeDimension => &[InChannels, OutChannels, KernelSize, Height, Width],
            Rule::NegativePadding => &[Padding],
            Rule::NonPositiveStride => &[Stride],
            Rule::NonPositiveDilation => &[Dilation],
            Rule::ReflectPaddingTooLarge
            | Rule::CircularWrapsTwice
            | Rule::PaddingEmptiesDimension => &[Padding, PaddingMode, Height, Width],
            Rule::ChannelMismatch => &[InChannels, Groups],
            Rule::KernelTooLarge => &[KernelSize, Dilation, Padding, Height, Width],
            Rule::ZeroKernel => &[KernelSize],
            Rule::FewerOutputsThanGroups => &[OutChannels, Groups],
            Rule::EmptyInput => &[Height, Width, Padding],
            Rule::NoChannels => &[InChannels],
            Rule::NegativeOutputPadding => &[OutputPadding],
            Rule::OutputPaddingTooLarge => &[OutputPadding, Stride, Dilation],
            Rule::OutputTooSmall => &[
                Padding,
                KernelSize,
                Stride,
                Dilation,
                OutputPadding,
                Height,
                Width,
            ],
            Rule::FewerInputsThanGroups => &[InChannels, Groups],
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
