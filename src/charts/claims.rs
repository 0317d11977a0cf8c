//! The verdict the measured series gives on each of the seed article's claims (the claims' words
//! are in the page's string table, `crate::i18n`).

use conv2d_core::sweep::{linear_fit, SweepArg};

use super::{Point, Series};

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
pub fn verdict(s: &Series) -> String {
    if s.points.len() < 2 {
        return "Too few valid points to judge here.".into();
    }
    let constant_params = s.points.windows(2).all(|w| w[0].params == w[1].params);
    let params_line = |fx: &dyn Fn(i64) -> f64, what: &str| match fit_of(&s.points, fx, params) {
        Some((_, r2)) => format!("parameters ∝ {what}: R² {r2:.3}"),
        None => String::new(),
    };
    let params_text = match s.arg {
        SweepArg::InChannels | SweepArg::OutChannels => params_line(&|x| x as f64, s.arg.name()),
        SweepArg::KernelSize => params_line(&|x| (x * x) as f64, "k²"),
        SweepArg::Groups => params_line(&|x| 1.0 / x as f64, "1/groups"),
        _ if constant_params => format!(
            "parameters unchanged ({} at all {} points) ✓",
            s.points[0].params,
            s.points.len()
        ),
        _ => "parameters change".to_string(),
    };
    if !s.complete() {
        return format!("{params_text}; time: measuring…");
    }
    let first_last = || {
        let (a, b) = (time(&s.points[0])?, time(s.points.last()?)?);
        (a > 0.0).then(|| (b - a) / a * 100.0)
    };
    let time_text = match s.arg {
        SweepArg::InChannels | SweepArg::OutChannels => fit_of(&s.points, |x| x as f64, time)
            .map(|(_, r2)| format!("time ∝ {}: R² {r2:.2}", s.arg.name())),
        SweepArg::KernelSize => fit_of(&s.points, |x| (x * x) as f64, time)
            .map(|(_, r2)| format!("time ∝ k²: R² {r2:.2}")),
        SweepArg::Stride => fit_of(&s.points, |x| 1.0 / (x * x) as f64, time).map(|(slope, r2)| {
            format!(
                "time ∝ 1/(s_h·s_w): R² {r2:.2}{}",
                if slope > 0.0 {
                    ""
                } else {
                    " (not falling here)"
                }
            )
        }),
        SweepArg::Groups => fit_of(&s.points, |x| 1.0 / x as f64, time)
            .map(|(_, r2)| format!("time ∝ 1/groups: R² {r2:.2}")),
        SweepArg::InputSize => fit_of(&s.points, |x| (x * x) as f64, time)
            .map(|(_, r2)| format!("time ∝ H×W: R² {r2:.2}")),
        SweepArg::Padding | SweepArg::Dilation => first_last().map(|pct| {
            format!(
                "time {} {:.0}% from the first to the last point",
                if pct >= 0.0 { "rises" } else { "falls" },
                pct.abs()
            )
        }),
    };
    format!(
        "{params_text}; {}",
        time_text.unwrap_or_else(|| "time: no fit".into())
    )
}
