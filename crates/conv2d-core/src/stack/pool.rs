//! Max and average pooling's shape rules, PyTorch's checks in its order: per axis (height first)
//! the stride is not zero, the padding is not negative and at most half the effective kernel;
//! then the kernel, stride and dilation are positive; then the output is not empty. An average
//! pool's `divisor_override` of 0 is refused before all of them.

use std::ops::Range;

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

/// The input cells an average pool's output cell `(oy, ox)` adds up on an input of `(h, w)`, as
/// PyTorch bounds them (`start = o·s − p`, the window ended at the padded input's edge, then
/// clipped to the input), and what their sum is divided by: `divisor_override`, else the window
/// within the padded input (`count_include_pad`) or within the input.
pub(crate) fn avg_window(
    spec: &PoolSpec,
    [h, w]: [usize; 2],
    oy: usize,
    ox: usize,
) -> (Range<usize>, Range<usize>, f32) {
    let (hi, wi) = (h as i64, w as i64);
    let (y0, x0) = (
        oy as i64 * spec.stride.h - spec.padding.h,
        ox as i64 * spec.stride.w - spec.padding.w,
    );
    let (y1, x1) = (
        (y0 + spec.kernel.h).min(hi + spec.padding.h),
        (x0 + spec.kernel.w).min(wi + spec.padding.w),
    );
    let padded = (y1 - y0) * (x1 - x0);
    let (ys, xs) = (y0.max(0), x0.max(0));
    let (ye, xe) = (y1.min(hi), x1.min(wi));
    let divisor = match spec.divisor_override {
        Some(d) => d,
        None if spec.count_include_pad => padded,
        None => (ye - ys) * (xe - xs),
    };
    let range = |a: i64, b: i64| a as usize..b.max(a) as usize;
    (range(ys, ye), range(xs, xe), divisor as f32)
}

/// The cell of `plane` (`h·w` values, row-major) that wins a max pool's output cell `(oy, ox)`, as
/// PyTorch picks it: the first largest in window order (rows, then columns), a NaN winning (the
/// last one), the window's first cell when every value is −∞; its index and value. `None` when
/// no tap of the window falls inside the input.
pub(crate) fn max_at(
    spec: &PoolSpec,
    plane: &[f32],
    [h, w]: [usize; 2],
    oy: usize,
    ox: usize,
) -> Option<(usize, f32)> {
    let taps = |o: usize, s: i64, p: i64, k: i64, d: i64, n: usize| {
        let start = o as i64 * s - p;
        (0..k)
            .map(move |t| start + t * d)
            .filter(move |&i| (0..n as i64).contains(&i))
            .map(|i| i as usize)
    };
    let (k, s, p, d) = (spec.kernel, spec.stride, spec.padding, spec.dilation);
    let mut best: Option<(usize, f32)> = None;
    for y in taps(oy, s.h, p.h, k.h, d.h, h) {
        for x in taps(ox, s.w, p.w, k.w, d.w, w) {
            let i = y * w + x;
            let v = plane[i];
            match best {
                None => best = Some((i, v)),
                Some((_, b)) if v > b || v.is_nan() => best = Some((i, v)),
                _ => {}
            }
        }
    }
    best
}
