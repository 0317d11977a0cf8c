//! The verdict the measured series gives on each of the seed article's claims. The claims and the
//! verdicts' words are in the page's string table (`crate::i18n`); this module only does the maths.

use conv2d_core::sweep::{linear_fit, SweepArg};
use conv2d_core::Arg;

use super::{Point, Series};
use crate::i18n::{fill, Texts};

fn fit_of(
    points: &[Point],
    fx: impl Fn(i64) -> f64,
    fy: impl Fn(&Point) -> Option<f64>,
) -> Option<(f64, f64)> {
    let pts: Vec<(f64, f64)> = points
        .iter()
        .filter_map(|p| Some((fx(p.x), fy(p)?)))
        .collect();
    linear_fit(&pts).map(|f| (f.slope, f.r2))
}

fn time(p: &Point) -> Option<f64> {
    p.timing.map(|t| t.median_ms)
}

fn params(p: &Point) -> Option<f64> {
    Some(p.params as f64)
}

/// The verdict from the data so far (counts are exact; time only once every point is measured).
pub fn verdict(s: &Series, t: &Texts) -> String {
    if s.points.len() < 2 {
        return t.v_too_few.into();
    }
    let constant_params = s.points.windows(2).all(|w| w[0].params == w[1].params);
    let params_line = |fx: &dyn Fn(i64) -> f64, what: &str| match fit_of(&s.points, fx, params) {
        Some((_, r2)) => fill(
            t.v_params_prop,
            &[("what", what.into()), ("r2", format!("{r2:.3}"))],
        ),
        None => String::new(),
    };
    let params_text = match s.arg {
        SweepArg::Arg(Arg::InChannels) | SweepArg::Arg(Arg::OutChannels) => {
            params_line(&|x| x as f64, s.arg.name())
        }
        SweepArg::Arg(Arg::KernelSize) if s.both_sides => params_line(&|x| (x * x) as f64, "k²"),
        SweepArg::Arg(Arg::KernelSize) => params_line(&|x| x as f64, "k_h"),
        SweepArg::Arg(Arg::Groups) => params_line(&|x| 1.0 / x as f64, "1/groups"),
        _ if constant_params => fill(
            t.v_params_same,
            &[
                ("n", s.points[0].params.to_string()),
                ("k", s.points.len().to_string()),
            ],
        ),
        _ => t.v_params_change.to_string(),
    };
    if !s.complete() {
        return format!("{params_text}; {}", t.v_measuring);
    }
    let first_last = || {
        let (a, b) = (time(&s.points[0])?, time(s.points.last()?)?);
        (a > 0.0).then(|| (b - a) / a * 100.0)
    };
    let prop = |what: &str, fx: &dyn Fn(i64) -> f64| {
        fit_of(&s.points, fx, time).map(|(slope, r2)| {
            (
                slope,
                fill(
                    t.v_time_prop,
                    &[("what", what.into()), ("r2", format!("{r2:.2}"))],
                ),
            )
        })
    };
    // Time against 1/(s_h·s_w), or 1/s_h when only the height is swept.
    let stride = |both: bool| {
        if both {
            prop("1/(s_h·s_w)", &|x| 1.0 / (x * x) as f64)
        } else {
            prop("1/s_h", &|x| 1.0 / x as f64)
        }
    };
    let time_text = match s.arg {
        SweepArg::Arg(Arg::InChannels) | SweepArg::Arg(Arg::OutChannels) => {
            prop(s.arg.name(), &|x| x as f64).map(|p| p.1)
        }
        SweepArg::Arg(Arg::KernelSize) if s.both_sides => {
            prop("k²", &|x| (x * x) as f64).map(|p| p.1)
        }
        SweepArg::Arg(Arg::KernelSize) => prop("k_h", &|x| x as f64).map(|p| p.1),
        SweepArg::Arg(Arg::Stride) => stride(s.both_sides).map(|(slope, text)| {
            if slope > 0.0 {
                text
            } else {
                format!("{text}{}", t.v_not_falling)
            }
        }),
        SweepArg::Arg(Arg::Groups) => prop("1/groups", &|x| 1.0 / x as f64).map(|p| p.1),
        SweepArg::InputSize => prop("H×W", &|x| (x * x) as f64).map(|p| p.1),
        SweepArg::Arg(Arg::Padding) | SweepArg::Arg(Arg::Dilation) => first_last().map(|pct| {
            let template = if pct >= 0.0 { t.v_rises } else { t.v_falls };
            fill(template, &[("pct", format!("{:.0}", pct.abs()))])
        }),
        SweepArg::Arg(_) => None,
    };
    format!(
        "{params_text}; {}",
        time_text.unwrap_or_else(|| t.v_no_fit.into())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use conv2d_core::{Config, Conv2dSpec, Pair};

    #[test]
    fn a_kernel_that_is_not_square_is_judged_by_its_height_and_a_square_one_by_its_area() {
        // The seed's figure 5 (kernel_size=(5, 2)): only the height is swept, parameters follow k_h.
        let fig5 = Config::conv2d(Conv2dSpec::new(3, 2, Pair::new(5, 2)), 7, 9);
        let s = Series::new(SweepArg::Arg(Arg::KernelSize), &fig5);
        let v = verdict(&s, &crate::i18n::EN);
        assert!(v.contains("k_h") && v.contains("1.000"), "{v}");
        let square = Config::conv2d(Conv2dSpec::new(3, 2, Pair::square(3)), 9, 9);
        let s = Series::new(SweepArg::Arg(Arg::KernelSize), &square);
        let v = verdict(&s, &crate::i18n::EN);
        assert!(v.contains("k²") && v.contains("1.000"), "{v}");
    }
}
