//! The layer kinds and their arguments as the user gave them.

use super::{Arg, Config};
use crate::spec::{Conv2dSpec, ConvTranspose2dSpec, Pair};

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
