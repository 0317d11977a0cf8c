//! "Transpose this layer": the ConvTranspose2d that maps a Conv2d's output shape back to its input
//! shape, and the Conv2d that maps a ConvTranspose2d's output shape back to its input shape. Shapes
//! only: the weights of one are not the inverse of the other's.

use crate::layer::Layer;
use crate::spec::{Conv2dSpec, ConvTranspose2dSpec, PaddingArg, Pair};

use super::{validate_transpose, TransposeLayer};

/// The `nn.ConvTranspose2d` that takes `conv`'s output `(out_channels, H_out, W_out)` back to its
/// input `(in_channels, H_in, W_in)`: the same kernel, stride, padding, dilation and groups, the
/// channels swapped, and `output_padding` = the rows and columns the Conv2d's floor division dropped.
/// `Err` says, in a sentence, why no ConvTranspose2d can.
pub fn transpose_of(conv: &Layer) -> Result<ConvTranspose2dSpec, String> {
    let p = conv.pad;
    if p.top != p.bottom || p.left != p.right {
        return Err(format!(
            "this Conv2d pads unevenly (top {}, bottom {}, left {}, right {}), and a ConvTranspose2d \
             crops the same amount from both sides",
            p.top, p.bottom, p.left, p.right
        ));
    }
    if p.top < 0 || p.left < 0 {
        return Err(
            "this Conv2d crops its input (negative padding), and a ConvTranspose2d's \
                    padding cannot be negative"
                .into(),
        );
    }
    let i = |n: usize| n as i64;
    let [ho, wo] = conv.output;
    let [h, w] = conv.input;
    // What the transposed layer makes without output_padding; the rest is output_padding.
    let made = |a: usize, n_out: usize, pad: i64| {
        (i(n_out) - 1) * i(conv.stride[a]) - 2 * pad
            + i(conv.dilation[a]) * (i(conv.kernel[a]) - 1)
            + 1
    };
    let spec = ConvTranspose2dSpec {
        in_channels: i(conv.out_channels),
        out_channels: i(conv.in_channels),
        kernel_size: Pair::new(i(conv.kernel[0]), i(conv.kernel[1])),
        stride: Pair::new(i(conv.stride[0]), i(conv.stride[1])),
        padding: PaddingArg::Explicit(Pair::new(p.top, p.left)),
        output_padding: Pair::new(
            h as i64 - made(0, ho, p.top),
            w as i64 - made(1, wo, p.left),
        ),
        groups: i(conv.groups),
        bias: conv.bias,
        dilation: Pair::new(i(conv.dilation[0]), i(conv.dilation[1])),
        padding_mode: "zeros".into(),
    };
    match validate_transpose(&spec, [spec.in_channels, i(ho), i(wo)]) {
        Ok(t) if t.output_shape() == conv.input_shape() => Ok(spec),
        Ok(t) => Err(format!(
            "the ConvTranspose2d makes {} instead of {}",
            crate::format::shape(&t.output_shape()),
            crate::format::shape(&conv.input_shape())
        )),
        Err(e) => Err(format!("PyTorch refuses the ConvTranspose2d: {e}")),
    }
}

/// The `nn.Conv2d` that takes `layer`'s output back to its input shape: the same kernel, stride,
/// padding, dilation and groups, the channels swapped. `Err` says why it cannot (an output_padding
/// of a whole stride or more adds rows that a Conv2d's floor does not drop).
pub fn conv_of(layer: &TransposeLayer) -> Result<Conv2dSpec, String> {
    let i = |n: usize| n as i64;
    let spec = Conv2dSpec {
        in_channels: i(layer.out_channels),
        out_channels: i(layer.in_channels),
        kernel_size: Pair::new(i(layer.kernel[0]), i(layer.kernel[1])),
        stride: Pair::new(i(layer.stride[0]), i(layer.stride[1])),
        padding: PaddingArg::Explicit(Pair::new(i(layer.padding[0]), i(layer.padding[1]))),
        dilation: Pair::new(i(layer.dilation[0]), i(layer.dilation[1])),
        groups: i(layer.groups),
        bias: layer.bias,
        padding_mode: "zeros".into(),
    };
    let [c, ho, wo] = layer.output_shape();
    match crate::validate(&spec, [i(c), i(ho), i(wo)]) {
        Ok(l) if l.output_shape() == layer.input_shape() => Ok(spec),
        Ok(l) => Err(format!(
            "the Conv2d makes {} instead of {}: output_padding {} is not smaller than the stride {}",
            crate::format::shape(&l.output_shape()),
            crate::format::shape(&layer.input_shape()),
            Pair::new(i(layer.output_padding[0]), i(layer.output_padding[1])).python(),
            Pair::new(i(layer.stride[0]), i(layer.stride[1])).python(),
        )),
        Err(e) => Err(format!("PyTorch refuses the Conv2d: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uneven_padding_and_a_large_output_padding_cannot_round_trip() {
        let same_even = Conv2dSpec {
            padding: PaddingArg::same(),
            ..Conv2dSpec::new(1, 1, Pair::square(2))
        };
        let l = crate::validate(&same_even, [1, 5, 5]).unwrap();
        assert!(transpose_of(&l).unwrap_err().contains("pads unevenly"));
        let op_below_dilation = ConvTranspose2dSpec {
            output_padding: Pair::square(1),
            dilation: Pair::square(2),
            ..ConvTranspose2dSpec::new(1, 1, Pair::square(3))
        };
        let t = validate_transpose(&op_below_dilation, [1, 4, 4]).unwrap();
        assert!(conv_of(&t)
            .unwrap_err()
            .contains("output_padding 1 is not smaller than the stride 1"));
    }
}
