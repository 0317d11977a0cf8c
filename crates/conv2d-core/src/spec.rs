//! The arguments of `nn.Conv2d` exactly as a user gives them, before any check.
//!
//! Sizes are signed so that a zero or negative value reaches validation and gets PyTorch's sentence
//! instead of a parse error; strings stay strings so that an unknown one gets PyTorch's sentence too.

use std::fmt;

/// An argument that PyTorch takes as an int or an `(h, w)` tuple.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Pair {
    /// The height (first) component.
    pub h: i64,
    /// The width (second) component.
    pub w: i64,
}

impl Pair {
    /// `(h, w)`.
    pub const fn new(h: i64, w: i64) -> Self {
        Self { h, w }
    }
    /// The same value on both axes, like PyTorch's `_pair(n)`.
    pub const fn square(n: i64) -> Self {
        Self { h: n, w: n }
    }
    /// True when both components are equal (written as one int).
    pub const fn is_square(self) -> bool {
        self.h == self.w
    }

    /// The pair as a link writes it: `3` when square, else `3,5`.
    pub fn text(self) -> String {
        if self.is_square() {
            self.h.to_string()
        } else {
            format!("{},{}", self.h, self.w)
        }
    }

    /// Reads `3` (square) or `3,5` (surrounding spaces allowed); `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        let int = |s: &str| s.trim().parse::<i64>().ok();
        match text.split(',').collect::<Vec<_>>().as_slice() {
            [a] => int(a).map(Self::square),
            [a, b] => Some(Self::new(int(a)?, int(b)?)),
            _ => None,
        }
    }

    /// As Python writes the argument: `3` when square, else `(3, 5)`.
    pub fn python(self) -> String {
        if self.is_square() {
            self.h.to_string()
        } else {
            self.to_string()
        }
    }
}

impl fmt::Display for Pair {
    /// PyTorch's repr of a size tuple: `(3, 3)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}, {})", self.h, self.w)
    }
}

/// `padding`: per-axis sizes, or a string (`'same'`, `'valid'`, or anything else, which is rejected).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PaddingArg {
    /// Explicit `(pad_h, pad_w)`, applied on both sides of each axis.
    Explicit(Pair),
    /// A padding string as typed.
    Named(String),
}

impl PaddingArg {
    /// `padding='same'`.
    pub fn same() -> Self {
        Self::Named("same".into())
    }
    /// `padding='valid'`.
    pub fn valid() -> Self {
        Self::Named("valid".into())
    }
}

impl fmt::Display for PaddingArg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Explicit(p) => f.write_str(&p.python()),
            Self::Named(s) => f.write_str(&python_str_repr(s)),
        }
    }
}

/// The arguments of `torch.nn.Conv2d`, with PyTorch's names and defaults.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Conv2dSpec {
    /// Channels of the input image.
    pub in_channels: i64,
    /// Channels produced by the convolution (number of filters).
    pub out_channels: i64,
    /// Kernel height and width.
    pub kernel_size: Pair,
    /// Step of the kernel along each axis. Default 1.
    pub stride: Pair,
    /// Zero (or mode) padding per axis, or `'same'` / `'valid'`. Default 0.
    pub padding: PaddingArg,
    /// Spacing between kernel taps. Default 1.
    pub dilation: Pair,
    /// Blocked connections from input to output channels. Default 1.
    pub groups: i64,
    /// Whether a learnable bias is added. Default true (as in PyTorch).
    pub bias: bool,
    /// `'zeros'`, `'reflect'`, `'replicate'` or `'circular'`. Default `'zeros'`.
    pub padding_mode: String,
}

impl Conv2dSpec {
    /// `nn.Conv2d(in_channels, out_channels, kernel_size)` with every other argument at its default.
    pub fn new(in_channels: i64, out_channels: i64, kernel_size: Pair) -> Self {
        Self {
            in_channels,
            out_channels,
            kernel_size,
            stride: Pair::square(1),
            padding: PaddingArg::Explicit(Pair::square(0)),
            dilation: Pair::square(1),
            groups: 1,
            bias: true,
            padding_mode: "zeros".into(),
        }
    }

    /// The seed article's figure 1: `nn.Conv2d(3, 2, kernel_size=3, stride=2, padding=1, dilation=2)`.
    pub fn figure1() -> Self {
        Self {
            stride: Pair::square(2),
            padding: PaddingArg::Explicit(Pair::square(1)),
            dilation: Pair::square(2),
            ..Self::new(3, 2, Pair::square(3))
        }
    }

    /// The Python line that builds this layer, defaults left out:
    /// `nn.Conv2d(3, 2, kernel_size=3, stride=2, padding=1, dilation=2)`.
    pub fn python(&self) -> String {
        crate::args::LayerSpec::Conv2d(self.clone()).python()
    }
}

/// The arguments of `torch.nn.ConvTranspose2d`, with PyTorch's names, order and defaults.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConvTranspose2dSpec {
    /// Channels of the input image.
    pub in_channels: i64,
    /// Channels produced by the transposed convolution.
    pub out_channels: i64,
    /// Kernel height and width.
    pub kernel_size: Pair,
    /// Step between the windows each input cell paints in the output. Default 1.
    pub stride: Pair,
    /// Rows and columns cropped from each side of the full output (`dilation·(k−1) − padding` of
    /// zero padding in the equivalent convolution). Default 0. PyTorch refuses a string here.
    pub padding: PaddingArg,
    /// Extra rows and columns added to one side (bottom, right) of the output. Default 0.
    pub output_padding: Pair,
    /// Blocked connections from input to output channels. Default 1.
    pub groups: i64,
    /// Whether a learnable bias is added. Default true.
    pub bias: bool,
    /// Spacing between kernel taps. Default 1.
    pub dilation: Pair,
    /// Only `'zeros'` is accepted. Default `'zeros'`.
    pub padding_mode: String,
}

impl ConvTranspose2dSpec {
    /// `nn.ConvTranspose2d(in_channels, out_channels, kernel_size)`, every other argument at its default.
    pub fn new(in_channels: i64, out_channels: i64, kernel_size: Pair) -> Self {
        Self {
            in_channels,
            out_channels,
            kernel_size,
            stride: Pair::square(1),
            padding: PaddingArg::Explicit(Pair::square(0)),
            output_padding: Pair::square(0),
            groups: 1,
            bias: true,
            dilation: Pair::square(1),
            padding_mode: "zeros".into(),
        }
    }

    /// DCGAN's upsampling block: `nn.ConvTranspose2d(3, 2, kernel_size=4, stride=2, padding=1)`,
    /// a clean 2× upsampling.
    pub fn upsample2x() -> Self {
        Self {
            stride: Pair::square(2),
            padding: PaddingArg::Explicit(Pair::square(1)),
            ..Self::new(3, 2, Pair::square(4))
        }
    }

    /// The Python line that builds this layer, defaults left out, in PyTorch's argument order:
    /// `nn.ConvTranspose2d(3, 2, kernel_size=3, stride=2, padding=1, output_padding=1)`.
    pub fn python(&self) -> String {
        crate::args::LayerSpec::ConvTranspose2d(self.clone()).python()
    }
}

/// Python's `repr()` of a `str`, as PyTorch's messages print it (`'same'`, `"it's"`).
pub fn python_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

#[cfg(feature = "serde")]
mod serde_impls {
    //! JSON forms: a pair is an int or `[h, w]`; padding also a string; specs use PyTorch's names.
    use super::*;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum PairRepr {
        One(i64),
        Two([i64; 2]),
    }

    impl Serialize for Pair {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            if self.is_square() {
                s.serialize_i64(self.h)
            } else {
                [self.h, self.w].serialize(s)
            }
        }
    }

    impl<'de> Deserialize<'de> for Pair {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            match PairRepr::deserialize(d).map_err(|_| {
                serde::de::Error::custom("expected an integer or a list of two integers [h, w]")
            })? {
                PairRepr::One(n) => Ok(Pair::square(n)),
                PairRepr::Two([h, w]) => Ok(Pair::new(h, w)),
            }
        }
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum PaddingRepr {
        Str(String),
        Pair(Pair),
    }

    impl Serialize for PaddingArg {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            match self {
                PaddingArg::Explicit(p) => p.serialize(s),
                PaddingArg::Named(n) => s.serialize_str(n),
            }
        }
    }

    impl<'de> Deserialize<'de> for PaddingArg {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            match PaddingRepr::deserialize(d).map_err(|_| {
                serde::de::Error::custom(
                    "padding: expected an integer, a list [h, w], or a string such as \"same\"",
                )
            })? {
                PaddingRepr::Str(s) => Ok(PaddingArg::Named(s)),
                PaddingRepr::Pair(p) => Ok(PaddingArg::Explicit(p)),
            }
        }
    }

    fn one() -> Pair {
        Pair::square(1)
    }
    fn zero_padding() -> PaddingArg {
        PaddingArg::Explicit(Pair::square(0))
    }
    fn one_i64() -> i64 {
        1
    }
    fn yes() -> bool {
        true
    }
    fn zeros() -> String {
        "zeros".into()
    }

    /// The JSON form of a spec; optional fields take PyTorch's defaults.
    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct SpecRepr {
        in_channels: i64,
        out_channels: i64,
        kernel_size: Pair,
        #[serde(default = "one")]
        stride: Pair,
        #[serde(default = "zero_padding")]
        padding: PaddingArg,
        #[serde(default = "one")]
        dilation: Pair,
        #[serde(default = "one_i64")]
        groups: i64,
        #[serde(default = "yes")]
        bias: bool,
        #[serde(default = "zeros")]
        padding_mode: String,
    }

    impl Serialize for Conv2dSpec {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            SpecRepr {
                in_channels: self.in_channels,
                out_channels: self.out_channels,
                kernel_size: self.kernel_size,
                stride: self.stride,
                padding: self.padding.clone(),
                dilation: self.dilation,
                groups: self.groups,
                bias: self.bias,
                padding_mode: self.padding_mode.clone(),
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for Conv2dSpec {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = SpecRepr::deserialize(d)?;
            Ok(Conv2dSpec {
                in_channels: r.in_channels,
                out_channels: r.out_channels,
                kernel_size: r.kernel_size,
                stride: r.stride,
                padding: r.padding,
                dilation: r.dilation,
                groups: r.groups,
                bias: r.bias,
                padding_mode: r.padding_mode,
            })
        }
    }
    fn zero() -> Pair {
        Pair::square(0)
    }

    /// The JSON form of a transposed spec; optional fields take PyTorch's defaults.
    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct TransposeSpecRepr {
        in_channels: i64,
        out_channels: i64,
        kernel_size: Pair,
        #[serde(default = "one")]
        stride: Pair,
        #[serde(default = "zero_padding")]
        padding: PaddingArg,
        #[serde(default = "zero")]
        output_padding: Pair,
        #[serde(default = "one_i64")]
        groups: i64,
        #[serde(default = "yes")]
        bias: bool,
        #[serde(default = "one")]
        dilation: Pair,
        #[serde(default = "zeros")]
        padding_mode: String,
    }

    impl Serialize for ConvTranspose2dSpec {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            TransposeSpecRepr {
                in_channels: self.in_channels,
                out_channels: self.out_channels,
                kernel_size: self.kernel_size,
                stride: self.stride,
                padding: self.padding.clone(),
                output_padding: self.output_padding,
                groups: self.groups,
                bias: self.bias,
                dilation: self.dilation,
                padding_mode: self.padding_mode.clone(),
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for ConvTranspose2dSpec {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = TransposeSpecRepr::deserialize(d)?;
            Ok(ConvTranspose2dSpec {
                in_channels: r.in_channels,
                out_channels: r.out_channels,
                kernel_size: r.kernel_size,
                stride: r.stride,
                padding: r.padding,
                output_padding: r.output_padding,
                groups: r.groups,
                bias: r.bias,
                dilation: r.dilation,
                padding_mode: r.padding_mode,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_line_leaves_defaults_out() {
        assert_eq!(
            Conv2dSpec::figure1().python(),
            "nn.Conv2d(3, 2, kernel_size=3, stride=2, padding=1, dilation=2)"
        );
        let mut s = Conv2dSpec::new(4, 8, Pair::new(5, 2));
        s.padding = PaddingArg::same();
        s.groups = 2;
        s.bias = false;
        s.padding_mode = "reflect".into();
        assert_eq!(
            s.python(),
            "nn.Conv2d(4, 8, kernel_size=(5, 2), padding='same', groups=2, bias=False, padding_mode='reflect')"
        );
    }

    #[test]
    fn transposed_python_line_follows_pytorchs_order_and_leaves_defaults_out() {
        assert_eq!(
            ConvTranspose2dSpec::upsample2x().python(),
            "nn.ConvTranspose2d(3, 2, kernel_size=4, stride=2, padding=1)"
        );
        let s = ConvTranspose2dSpec {
            output_padding: Pair::new(1, 0),
            groups: 2,
            bias: false,
            dilation: Pair::new(2, 3),
            padding_mode: "reflect".into(),
            ..ConvTranspose2dSpec::new(4, 6, Pair::new(3, 2))
        };
        assert_eq!(
            s.python(),
            "nn.ConvTranspose2d(4, 6, kernel_size=(3, 2), output_padding=(1, 0), groups=2, \
             bias=False, dilation=(2, 3), padding_mode='reflect')"
        );
    }

    #[test]
    fn pairs_read_and_write_as_links_do() {
        assert_eq!(Pair::parse("3"), Some(Pair::square(3)));
        assert_eq!(Pair::parse(" 5, 2"), Some(Pair::new(5, 2)));
        assert_eq!(Pair::parse("-1,0"), Some(Pair::new(-1, 0)));
        assert_eq!(Pair::parse("1,2,3"), None);
        assert_eq!(Pair::parse("2.5"), None);
        assert_eq!(Pair::new(5, 2).text(), "5,2");
        assert_eq!(Pair::square(4).text(), "4");
    }

    #[test]
    fn repr_matches_python() {
        assert_eq!(python_str_repr("same"), "'same'");
        assert_eq!(python_str_repr("it's"), "\"it's\"");
        assert_eq!(python_str_repr("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(python_str_repr("x\\y"), "'x\\\\y'");
    }
}
