//! Max and average pooling's shape rules, PyTorch's checks in its order: per axis (height first)
//! the stride is not zero, the padding is not negative and at most half the effective kernel;
//! then the kernel, stride and dilation are positive; then the output is not empty. An average
//! pool's `divisor_override` of 0 is refused before all of them.

use super::layers::PoolSpec;

/// A pooling layer's output side: PyTorch's `pooling_output_shape`.
fn pooled(n: i64, k: i64, s: i64, p: i64, d: i64, ceil: bool) -> i64 {
    let span = n + 2 * p - d * (k - 1) - 1 + if ceil { s - 1 } else { 0 };
    let mut out = span.div_euclid(s) + 1;
    // A last window that would start in the right padding is dropped.
    if ceil && (out - 1) * s >= n + p {
        out -= 1;
    }
    out
}

/// PyTorch's checks on a max (`max`) or average pool over `(C, H, W)`; the output shape.
pub fn pool(spec: &PoolSpec, max: bool, [c, h, w]: [usize; 3]) -> Result<[usize; 3], String> {
    let (k, s, p, d) = (spec.kernel, spec.stride, spec.padding, spec.dilation);
    if !max && spec.divisor_override == Some(0) {
        return Err("divisor must be not zero".into());
    }
    for (kk, ss, pad, dd) in [(k.h, s.h, p.h, d.h), (k.w, s.w, p.w, d.w)] {
        if ss == 0 {
            return Err("stride should not be zero".into());
        }
        if pad < 0 {
            return Err(format!("pad must be non-negative, but got pad: {pad}"));
        }
        if pad > (dd * (kk - 1) + 1) / 2 {
            return Err(format!(
                "pad should be at most half of effective kernel size, but got pad={pad}, kernel_size={kk} and dilation={dd}"
            ));
        }
    }
    if k.h <= 0 || k.w <= 0 {
        return Err(format!(
            "kernel size should be greater than zero, but got kH: {} kW: {}",
            k.h, k.w
        ));
    }
    if s.h < 0 || s.w < 0 {
        return Err(format!(
            "stride should be greater than zero, but got dH: {} dW: {}",
            s.h, s.w
        ));
    }
    if d.h <= 0 || d.w <= 0 {
        return Err(format!(
            "dilation should be greater than zero, but got dilationH: {} dilationW: {}",
            d.h, d.w
        ));
    }
    let (hi, wi) = (h as i64, w as i64);
    let ho = pooled(hi, k.h, s.h, p.h, d.h, spec.ceil_mode);
    let wo = pooled(wi, k.w, s.w, p.w, d.w, spec.ceil_mode);
    if ho < 1 || wo < 1 {
        return Err(format!(
            "Given input size: ({c}x{h}x{w}). Calculated output size: ({c}x{ho}x{wo}). Output size is too small"
        ));
    }
    Ok([c, ho as usize, wo as usize])
}
