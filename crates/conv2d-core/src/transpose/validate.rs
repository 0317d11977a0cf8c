//! PyTorch's checks for `nn.ConvTranspose2d(...)(input)`, in PyTorch's order, with its sentences.
//!
//! The order follows `torch/nn/modules/conv.py` (`_ConvTransposeNd.__init__`, `_ConvNd.__init__`,
//! `ConvTranspose2d.forward`), the argument parser of `F.conv_transpose2d`, `check_shape_forward` in
//! `aten/src/ATen/native/Convolution.cpp`, then the CPU kernel PyTorch picks (single-threaded, one
//! image): oneDNN's deconvolution, or `slow_conv_transpose2d` with its own shape checks. The golden
//! fixtures (`scripts/gen_fixtures_transpose.py`, real PyTorch) pin every sentence.
//!
//! One sentence is the reference one where PyTorch's CPU backend says something internal: an output
//! with a side of zero or less. The slow kernel says `Given input size per channel: (H x W).
//! Calculated output size per channel: (h x w). Output size is too small`; oneDNN says `could not
//! construct a memory descriptor using a format tag` for a negative side and returns an empty tensor
//! for a side of zero. Both are given the slow kernel's sentence here (the generator records which
//! fixtures it normalised). Likewise a zero dilation: the slow kernel refuses it (`dilation should be
//! greater than zero, but got dilation_height: 0, dilation_width: 1`); oneDNN refuses some with its
//! primitive sentence and runs others, with numbers that differ from the same layer at dilation 1
//! even where the kernel is 1 wide (so no definition gives them). The slow kernel's sentence here.

use crate::error::{Rule, SpecError};
use crate::format::list;
use crate::spec::{ConvTranspose2dSpec, PaddingArg, Pair};

use super::TransposeLayer;

fn err(rule: Rule, msg: impl Into<String>) -> SpecError {
    SpecError::new(rule, msg)
}

/// oneDNN's sentence when it cannot build the deconvolution (a zero kernel side, a zero dilation,
/// no output channels).
const ONEDNN_PRIMITIVE: &str =
    "could not create a primitive descriptor for the deconvolution forward \
     propagation primitive. Run workload with environment variable ONEDNN_VERBOSE=all to get \
     additional diagnostic information.";

/// The slow kernel's sentence for a zero dilation.
fn dilation_sentence(d: Pair) -> SpecError {
    err(
        Rule::NonPositiveDilation,
        format!(
            "dilation should be greater than zero, but got dilation_height: {}, dilation_width: {}",
            d.h, d.w
        ),
    )
}

/// The weight PyTorch creates: `(in_channels, out_channels // groups, kH, kW)`.
fn weight_sizes(spec: &ConvTranspose2dSpec) -> [i64; 4] {
    [
        spec.in_channels,
        spec.out_channels.div_euclid(spec.groups),
        spec.kernel_size.h,
        spec.kernel_size.w,
    ]
}

/// The checks `nn.ConvTranspose2d(...)` makes when the module is built, before any input is seen.
pub fn check_module_transpose(spec: &ConvTranspose2dSpec) -> Result<(), SpecError> {
    // --- _ConvTransposeNd.__init__: before anything else ---
    if spec.padding_mode != "zeros" {
        return Err(err(
            Rule::InvalidPaddingMode,
            "Only \"zeros\" padding mode is supported for ConvTranspose2d",
        ));
    }
    // --- _ConvNd.__init__ (a padding string has become a tuple of letters by `_pair`, so the
    // string checks do not apply) ---
    let (in_channels, out_channels, groups) = (spec.in_channels, spec.out_channels, spec.groups);
    if groups <= 0 {
        return Err(err(
            Rule::GroupsNotPositive,
            "groups must be a positive integer",
        ));
    }
    if in_channels.rem_euclid(groups) != 0 {
        return Err(err(
            Rule::InChannelsNotDivisible,
            "in_channels must be divisible by groups",
        ));
    }
    if out_channels.rem_euclid(groups) != 0 {
        return Err(err(
            Rule::OutChannelsNotDivisible,
            "out_channels must be divisible by groups",
        ));
    }
    let weight = weight_sizes(spec);
    if let Some(&neg) = weight.iter().find(|&&n| n < 0) {
        return Err(err(
            Rule::NegativeDimension,
            format!(
                "Trying to create tensor with negative dimension {neg}: {}",
                list(&weight)
            ),
        ));
    }
    Ok(())
}

/// A padding string, as `F.conv_transpose2d`'s argument parser refuses a tuple of letters (before
/// it looks at the input). The empty string is an empty tuple, refused later.
pub fn check_padding_type(spec: &ConvTranspose2dSpec) -> Result<(), SpecError> {
    match &spec.padding {
        PaddingArg::Named(s) if !s.is_empty() => Err(err(
            Rule::InvalidPaddingString,
            "conv_transpose2d(): argument 'padding' (position 5) must be tuple of ints, but found \
             element of type str at pos 0",
        )),
        _ => Ok(()),
    }
}

/// `padding=''`: an empty tuple, refused once the input has been seen to be (C, H, W) or batched.
fn check_empty_padding(spec: &ConvTranspose2dSpec) -> Result<Pair, SpecError> {
    match &spec.padding {
        PaddingArg::Explicit(p) => Ok(*p),
        PaddingArg::Named(_) => Err(err(
            Rule::InvalidPaddingString,
            "expected padding to be a single integer value or a list of 2 values to match the \
             convolution dimensions, but got padding=[]",
        )),
    }
}

/// `(H_in − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1`, per axis.
pub fn output_size(input: [i64; 2], spec: &ConvTranspose2dSpec, padding: Pair) -> [i64; 2] {
    let (k, s, d, op) = (
        spec.kernel_size,
        spec.stride,
        spec.dilation,
        spec.output_padding,
    );
    [
        (input[0] - 1) * s.h - 2 * padding.h + d.h * (k.h - 1) + op.h + 1,
        (input[1] - 1) * s.w - 2 * padding.w + d.w * (k.w - 1) + op.w + 1,
    ]
}

/// Whether PyTorch's CPU backend runs this (valid so far) layer with oneDNN rather than
/// `slow_conv_transpose2d`: single-threaded, one image, float. `input` is `(C, H, W)`.
pub fn uses_onednn(spec: &ConvTranspose2dSpec, input: [i64; 3]) -> bool {
    let (k, s, d, op) = (
        spec.kernel_size,
        spec.stride,
        spec.dilation,
        spec.output_padding,
    );
    let output_padding_big = op.h >= s.h || op.w >= s.w;
    let not_plain_1x1 = s != Pair::square(1) || d != Pair::square(1) || k.h != 1 || k.w != 1;
    let worth_it =
        spec.groups > 1 || (k.h > 3 && k.w > 3) || input[0] * input[1] * input[2] > 20480;
    !output_padding_big && not_plain_1x1 && worth_it
}

/// Checks `spec` against an input of shape `(C, H, W)` and resolves every size, or gives PyTorch's
/// rejection. `input[0]` is normally `spec.in_channels`; it differs only for data given by hand.
pub fn validate_transpose(
    spec: &ConvTranspose2dSpec,
    input: [i64; 3],
) -> Result<TransposeLayer, SpecError> {
    check_module_transpose(spec)?;
    check_padding_type(spec)?;
    let ConvTranspose2dSpec {
        in_channels,
        out_channels,
        kernel_size: k,
        stride: s,
        output_padding: op,
        dilation: d,
        groups,
        ..
    } = *spec;
    let weight = weight_sizes(spec);
    // The input tensor (C, H, W).
    if let Some(&neg) = input.iter().find(|&&n| n < 0) {
        return Err(err(
            Rule::NegativeDimension,
            format!(
                "Trying to create tensor with negative dimension {neg}: {}",
                list(&input)
            ),
        ));
    }
    let p = check_empty_padding(spec)?;
    let [c, h, w] = input;

    // --- check_shape_forward ---
    if p.h < 0 || p.w < 0 {
        return Err(err(
            Rule::NegativePadding,
            "negative padding is not supported",
        ));
    }
    if op.h < 0 || op.w < 0 {
        return Err(err(
            Rule::NegativeOutputPadding,
            "negative output_padding is not supported",
        ));
    }
    if s.h <= 0 || s.w <= 0 {
        return Err(err(
            Rule::NonPositiveStride,
            "non-positive stride is not supported",
        ));
    }
    if d.h < 0 || d.w < 0 {
        return Err(err(
            Rule::NonPositiveDilation,
            "dilation should be greater than zero",
        ));
    }
    if in_channels < groups {
        return Err(err(
            Rule::FewerInputsThanGroups,
            format!(
                "Given groups={groups}, expected weight to be at least {groups} at dimension 0, but got weight of size {} instead",
                list(&weight)
            ),
        ));
    }
    if c != in_channels {
        return Err(err(
            Rule::ChannelMismatch,
            format!(
                "Given transposed=1, weight of size {}, expected input{} to have {in_channels} channels, but got {c} channels instead",
                list(&weight),
                list(&[1, c, h, w])
            ),
        ));
    }
    // --- _convolution: an empty image is refused before any kernel ---
    if h == 0 || w == 0 {
        return Err(err(
            Rule::EmptyInput,
            format!(
                "Only zero batch or zero channel inputs are supported, but got input shape: {}",
                list(&[1, c, h, w])
            ),
        ));
    }
    let out = output_size([h, w], spec, p);
    let too_small = || {
        err(
            Rule::OutputTooSmall,
            format!(
                "Given input size per channel: ({h} x {w}). Calculated output size per channel: ({} x {}). Output size is too small",
                out[0], out[1]
            ),
        )
    };
    let kernel_zero = k.h == 0 || k.w == 0;
    let dilation_zero = d.h == 0 || d.w == 0;
    let no_outputs = out_channels < groups;
    if uses_onednn(spec, input) {
        // oneDNN: the output's memory first (a negative side; normalised, see the module's note),
        // then the primitive, then a side of zero (an empty tensor; normalised).
        if out[0] < 0 || out[1] < 0 {
            return Err(too_small());
        }
        if kernel_zero {
            return Err(err(Rule::ZeroKernel, ONEDNN_PRIMITIVE));
        }
        if dilation_zero {
            // Normalised, see the module's note: oneDNN refuses some zero dilations with its
            // primitive sentence and runs others, giving numbers no definition gives.
            return Err(dilation_sentence(d));
        }
        let rule = if no_outputs {
            Some(Rule::FewerOutputsThanGroups)
        } else {
            None
        };
        if let Some(rule) = rule {
            return Err(err(rule, ONEDNN_PRIMITIVE));
        }
        if out[0] == 0 || out[1] == 0 {
            return Err(too_small());
        }
    } else {
        // --- slow_conv_transpose2d_shape_check (per group) ---
        if kernel_zero {
            return Err(err(
                Rule::ZeroKernel,
                format!(
                    "kernel size should be greater than zero, but got kernel_height: {} kernel_width: {}",
                    k.h, k.w
                ),
            ));
        }
        if dilation_zero {
            return Err(dilation_sentence(d));
        }
        if !((op.w < s.w || op.w < d.w) && (op.h < s.h || op.h < d.h)) {
            return Err(err(
                Rule::OutputPaddingTooLarge,
                format!(
                    "output padding must be smaller than either stride or dilation, but got \
                     output_padding_height: {} output_padding_width: {} stride_height: {} \
                     stride_width: {} dilation_height: {} dilation_width: {}",
                    op.h, op.w, s.h, s.w, d.h, d.w
                ),
            ));
        }
        if no_outputs {
            return Err(err(
                Rule::FewerOutputsThanGroups,
                format!(
                    "non-empty 2D or 4D weight tensor expected, but got: {}",
                    list(&[in_channels / groups, weight[1], k.h, k.w])
                ),
            ));
        }
        if out[0] < 1 || out[1] < 1 {
            return Err(too_small());
        }
    }
    // Every size here was checked non-negative (and the output positive) above.
    let u = |n: i64| usize::try_from(n).unwrap_or_default();
    Ok(TransposeLayer {
        in_channels: u(in_channels),
        out_channels: u(out_channels),
        kernel: [u(k.h), u(k.w)],
        stride: [u(s.h), u(s.w)],
        padding: [u(p.h), u(p.w)],
        output_padding: [u(op.h), u(op.w)],
        dilation: [u(d.h), u(d.w)],
        groups: u(groups),
        bias: spec.bias,
        input: [u(h), u(w)],
        output: [u(out[0]), u(out[1])],
    })
}
