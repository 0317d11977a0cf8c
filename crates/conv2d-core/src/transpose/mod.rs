//! `nn.ConvTranspose2d`: the checked layer, PyTorch's checks ([`validate`]), the forward pass
//! ([`forward`], and [`reference`](mod@reference) for tests), receptive maps both ways and the overlap map
//! ([`receptive`]), the cost model ([`cost`]), and "transpose this layer" ([`undo`]).
//!
//! A transposed convolution *scatters*: input cell `(iy, ix)` multiplies the kernel and adds it into
//! the output at rows `iy·stride + ky·dilation − padding` (columns likewise), cropped to the output.
//! Read from the output's side it is a convolution ([`TransposeLayer::as_conv`]): the input with
//! `stride − 1` zeros between cells and `dilation·(k−1) − padding` rows around it (plus
//! `output_padding` at the bottom and right), swept by the flipped kernel with stride 1.

pub mod cost;
pub mod forward;
pub mod receptive;
pub mod reference;
pub mod undo;
pub mod validate;

use crate::layer::{Layer, Pad, PaddingMode};
use crate::tensor::Tensor;

pub use validate::validate_transpose;

/// A valid ConvTranspose2d applied to one (C, H, W) input. Built only by [`validate_transpose`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TransposeLayer {
    /// Input channels (equal to the input's C).
    pub in_channels: usize,
    /// Output channels.
    pub out_channels: usize,
    /// Kernel (height, width).
    pub kernel: [usize; 2],
    /// Stride (height, width).
    pub stride: [usize; 2],
    /// Padding (height, width): cropped from both sides of the full output.
    pub padding: [usize; 2],
    /// Output padding (height, width): added at the bottom and right.
    pub output_padding: [usize; 2],
    /// Dilation (height, width).
    pub dilation: [usize; 2],
    /// Groups.
    pub groups: usize,
    /// Whether a bias is added.
    pub bias: bool,
    /// Input (height, width).
    pub input: [usize; 2],
    /// Output (height, width): `(H_in − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1`.
    pub output: [usize; 2],
}

crate::layer::channel_methods!(TransposeLayer);

impl TransposeLayer {
    /// `(in_channels, out_channels / groups, kH, kW)`: PyTorch's layout for a transposed weight.
    pub fn weight_shape(&self) -> [usize; 4] {
        [
            self.in_channels,
            self.out_per_group(),
            self.kernel[0],
            self.kernel[1],
        ]
    }
    /// `(out_channels,)` when there is a bias.
    pub fn bias_shape(&self) -> Option<[usize; 1]> {
        self.bias.then_some([self.out_channels])
    }
    /// Extent of the dilated kernel per axis: `d·(k−1)+1`.
    pub fn kernel_extent(&self) -> [usize; 2] {
        [0, 1].map(|a| self.dilation[a] * (self.kernel[a] - 1) + 1)
    }

    /// The output row (or column, `axis` 1) that input index `i` paints with kernel tap `t`:
    /// `i·stride + t·dilation − padding`; `None` when that falls outside the output (cropped).
    pub fn paint_index(&self, axis: usize, i: usize, t: usize) -> Option<usize> {
        let full = i * self.stride[axis] + t * self.dilation[axis];
        full.checked_sub(self.padding[axis])
            .filter(|&o| o < self.output[axis])
    }

    /// The input index that paints output index `o` along `axis` with kernel tap `t`, if any:
    /// the `i` with `i·stride + t·dilation = o + padding`.
    pub fn source_index(&self, axis: usize, o: usize, t: usize) -> Option<usize> {
        let rest = (o + self.padding[axis]).checked_sub(t * self.dilation[axis])?;
        let s = self.stride[axis];
        (rest % s == 0 && rest / s < self.input[axis]).then_some(rest / s)
    }

    /// Size of the input with `stride − 1` zeros inserted between cells: `(n − 1)·stride + 1`.
    pub fn upsampled(&self) -> [usize; 2] {
        [0, 1].map(|a| (self.input[a] - 1) * self.stride[a] + 1)
    }

    /// The same computation as a plain convolution, read from the output's side: on the upsampled
    /// input ([`TransposeLayer::upsampled`]), zero padding `dilation·(k−1) − padding` on each side
    /// (negative = cropped) plus `output_padding` more at the bottom and right, stride 1, the same
    /// dilation and groups, and the kernel of [`TransposeLayer::conv_weight`]. Its output shape is
    /// this layer's. (Its negative padding under zeros is a crop that `nn.Conv2d` itself would refuse;
    /// the `Layer` describes it exactly all the same.)
    pub fn as_conv(&self) -> Layer {
        let full =
            |a: usize| (self.dilation[a] * (self.kernel[a] - 1)) as i64 - self.padding[a] as i64;
        Layer {
            in_channels: self.in_channels,
            out_channels: self.out_channels,
            kernel: self.kernel,
            stride: [1, 1],
            dilation: self.dilation,
            groups: self.groups,
            bias: self.bias,
            mode: PaddingMode::Zeros,
            pad: Pad {
                top: full(0),
                bottom: full(0) + self.output_padding[0] as i64,
                left: full(1),
                right: full(1) + self.output_padding[1] as i64,
            },
            input: self.upsampled(),
            output: self.output,
        }
    }

    /// The transposed weight `(in, out/groups, kH, kW)` as the equivalent convolution's weight
    /// `(out, in/groups, kH, kW)`: channels swapped within each group, the kernel flipped both ways.
    pub fn conv_weight(&self, weight: &Tensor) -> Tensor {
        self.regrouped(weight, true)
    }

    /// The transposed weight `(in, out/groups, kH, kW)` laid out by output channel
    /// `(out, in/groups, kH, kW)`: the slice input channel `ic` paints output channel `oc` with,
    /// channels swapped within each group and the kernel as it is (not flipped).
    pub fn by_output(&self, weight: &Tensor) -> Tensor {
        self.regrouped(weight, false)
    }

    /// `weight` with its channels swapped within each group, each kernel flipped both ways when
    /// `flip`.
    fn regrouped(&self, weight: &Tensor, flip: bool) -> Tensor {
        let [cin, cout_g, kh, kw] = self.weight_shape();
        let cin_g = self.in_per_group();
        let mut out = Tensor::zeros(&[self.out_channels, cin_g, kh, kw]);
        let tap = |k: usize, n: usize| if flip { n - 1 - k } else { k };
        for ic in 0..cin {
            let g = ic / cin_g;
            for j in 0..cout_g {
                for ky in 0..kh {
                    for kx in 0..kw {
                        let v = weight.at(&[ic, j, ky, kx]);
                        let i = out.offset(&[g * cout_g + j, ic % cin_g, tap(ky, kh), tap(kx, kw)]);
                        out.data[i] = v;
                    }
                }
            }
        }
        out
    }

    /// The input with `stride − 1` zeros inserted between cells: `(C, upsampled H, upsampled W)`.
    pub fn upsample_input(&self, input: &Tensor) -> Tensor {
        let [c, h, w] = self.input_shape();
        let [uh, uw] = self.upsampled();
        let mut out = Tensor::zeros(&[c, uh, uw]);
        for ch in 0..c {
            for y in 0..h {
                for x in 0..w {
                    out.data[(ch * uh + y * self.stride[0]) * uw + x * self.stride[1]] =
                        input.data[(ch * h + y) * w + x];
                }
            }
        }
        out
    }
}
