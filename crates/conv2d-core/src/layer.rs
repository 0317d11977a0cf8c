//! A Conv2d checked against one input shape: every size resolved, and where each padding cell comes from.

/// How the ring of padding cells is filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum PaddingMode {
    /// Zeros.
    Zeros,
    /// Mirror without repeating the edge: `d c b | a b c d | c b a`.
    Reflect,
    /// Repeat the edge: `a a | a b c d | d d`.
    Replicate,
    /// Wrap around: `c d | a b c d | a b`.
    Circular,
}

impl PaddingMode {
    /// All modes, in PyTorch's documentation order.
    pub const ALL: [PaddingMode; 4] = [Self::Zeros, Self::Reflect, Self::Replicate, Self::Circular];

    /// PyTorch's name.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Zeros => "zeros",
            Self::Reflect => "reflect",
            Self::Replicate => "replicate",
            Self::Circular => "circular",
        }
    }

    /// The mode PyTorch calls `name`, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// What a cell of the padded input holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// A real input cell `(y, x)`.
    Input {
        /// Row.
        y: usize,
        /// Column.
        x: usize,
    },
    /// A padding cell holding zero.
    Zero,
    /// A padding cell holding a copy of input cell `(y, x)` (reflect, replicate, circular).
    Copy {
        /// Row of the input cell copied.
        y: usize,
        /// Column of the input cell copied.
        x: usize,
    },
}

impl Source {
    /// The input cell whose value this padded cell holds, if any.
    pub fn input_cell(self) -> Option<(usize, usize)> {
        match self {
            Source::Input { y, x } | Source::Copy { y, x } => Some((y, x)),
            Source::Zero => None,
        }
    }
}

/// Padding on each side, resolved (for `'same'`, the extra row/column goes to the bottom/right).
/// Negative only under reflect/replicate/circular, where PyTorch's `F.pad` crops.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Pad {
    /// Rows above.
    pub top: i64,
    /// Rows below.
    pub bottom: i64,
    /// Columns on the left.
    pub left: i64,
    /// Columns on the right.
    pub right: i64,
}

/// The channel and shape helpers every checked layer has (`in_channels`, `out_channels`, `groups`,
/// `input` and `output` fields), written once for both kinds.
macro_rules! channel_methods {
    ($layer:ty) => {
        impl $layer {
            /// Input channels per group.
            pub fn in_per_group(&self) -> usize {
                self.in_channels / self.groups
            }
            /// Output channels per group.
            pub fn out_per_group(&self) -> usize {
                self.out_channels / self.groups
            }
            /// The group that an output channel belongs to.
            pub fn group_of_output(&self, oc: usize) -> usize {
                oc / self.out_per_group()
            }
            /// The group that an input channel belongs to.
            pub fn group_of_input(&self, ic: usize) -> usize {
                ic / self.in_per_group()
            }
            /// `(C, H, W)` of the input.
            pub fn input_shape(&self) -> [usize; 3] {
                [self.in_channels, self.input[0], self.input[1]]
            }
            /// `(C_out, H_out, W_out)`.
            pub fn output_shape(&self) -> [usize; 3] {
                [self.out_channels, self.output[0], self.output[1]]
            }
        }
    };
}
pub(crate) use channel_methods;

/// A valid Conv2d applied to one (C, H, W) input. Built only by [`crate::validate`](fn@crate::validate).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Layer {
    /// Input channels (equal to the input's C).
    pub in_channels: usize,
    /// Output channels.
    pub out_channels: usize,
    /// Kernel (height, width).
    pub kernel: [usize; 2],
    /// Stride (height, width).
    pub stride: [usize; 2],
    /// Dilation (height, width).
    pub dilation: [usize; 2],
    /// Groups.
    pub groups: usize,
    /// Whether a bias is added.
    pub bias: bool,
    /// How padding is filled.
    pub mode: PaddingMode,
    /// Resolved padding per side.
    pub pad: Pad,
    /// Input (height, width).
    pub input: [usize; 2],
    /// Output (height, width).
    pub output: [usize; 2],
}

channel_methods!(Layer);

impl Layer {
    /// `(out_channels, in_channels / groups, kH, kW)`.
    pub fn weight_shape(&self) -> [usize; 4] {
        [
            self.out_channels,
            self.in_per_group(),
            self.kernel[0],
            self.kernel[1],
        ]
    }
    /// `(out_channels,)` when there is a bias.
    pub fn bias_shape(&self) -> Option<[usize; 1]> {
        self.bias.then_some([self.out_channels])
    }
    /// Size of the padded input (height, width).
    pub fn padded(&self) -> [usize; 2] {
        let size = |n: usize, a: i64, b: i64| (n as i64 + a + b) as usize;
        [
            size(self.input[0], self.pad.top, self.pad.bottom),
            size(self.input[1], self.pad.left, self.pad.right),
        ]
    }
    /// Extent of the dilated kernel per axis: `d·(k−1)+1`.
    pub fn kernel_extent(&self) -> [usize; 2] {
        [0, 1].map(|a| self.dilation[a] * (self.kernel[a] - 1) + 1)
    }

    /// Which input index a padded index holds along one axis (0 = height, 1 = width);
    /// `None` for a zero.
    /// `Ok` for a real cell, `Err` for padding (holding a copy of that index, or zero).
    fn source_1d(&self, axis: usize, padded: usize) -> Result<usize, Option<usize>> {
        let (before, n) = if axis == 0 {
            (self.pad.top, self.input[0])
        } else {
            (self.pad.left, self.input[1])
        };
        let i = padded as i64 - before;
        let n_i = n as i64;
        if (0..n_i).contains(&i) {
            return Ok(i as usize);
        }
        let j = match self.mode {
            PaddingMode::Zeros => return Err(None),
            PaddingMode::Reflect => {
                if i < 0 {
                    -i
                } else {
                    2 * (n_i - 1) - i
                }
            }
            PaddingMode::Replicate => i.clamp(0, n_i - 1),
            PaddingMode::Circular => i.rem_euclid(n_i),
        };
        debug_assert!(
            (0..n_i).contains(&j),
            "validation keeps copies inside the input"
        );
        Err(Some(j as usize))
    }

    /// What the padded input holds at `(py, px)`.
    pub fn source(&self, py: usize, px: usize) -> Source {
        match (self.source_1d(0, py), self.source_1d(1, px)) {
            (Ok(y), Ok(x)) => Source::Input { y, x },
            (Ok(y) | Err(Some(y)), Ok(x) | Err(Some(x))) => Source::Copy { y, x },
            _ => Source::Zero,
        }
    }

    /// Which input index the padded index `padded` holds along `axis` (0 = height, 1 = width), as a
    /// real cell or a copy; `None` for a zero.
    pub fn axis_source(&self, axis: usize, padded: usize) -> Option<usize> {
        match self.source_1d(axis, padded) {
            Ok(i) | Err(Some(i)) => Some(i),
            Err(None) => None,
        }
    }

    /// The padded index along `axis` (0 = height) where input index `i` sits unpadded.
    pub fn padded_index(&self, axis: usize, i: usize) -> Option<usize> {
        let before = if axis == 0 {
            self.pad.top
        } else {
            self.pad.left
        };
        usize::try_from(i as i64 + before)
            .ok()
            .filter(|&p| p < self.padded()[axis])
    }
}
