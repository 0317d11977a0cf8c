//! The verdicts the measured series give on the seed article's claims: for each chart one line on
//! the parameters (exact counts) and one on the time (measured), each concluding [`Verdict::Holds`],
//! [`Verdict::DoesNotHold`] (with the reason the data give) or [`Verdict::Inconclusive`]. The claims
//! and the verdicts' words are in the page's string table (`crate::i18n`); this module does the
//! maths.
//!
//! The rules, with their thresholds:
//! - A claim of proportion ("∝": time grows with in_channels, out_channels, the kernel's area, H×W;
//!   groups divide it) is fitted through the origin, `time = a·f(x)` with no intercept, and holds
//!   when that fit's R² (against the mean, so it can be negative) is at least [`R2_HOLDS`].
//! - "A little time" (padding) and "little effect" (dilation) hold when the time changes by at most
//!   [`LITTLE`] (±25 %) from the first to the last point; "falls" (stride) holds when it falls by
//!   more than that.
//! - No verdict ([`Verdict::Inconclusive`]) when fewer than [`MIN_POINTS`] points are timed, when
//!   every pass takes under [`TINY_US`] µs (the browser's timer and the page's fixed costs per call
//!   are of that size), or when the times differ across the sweep by less than one point's batches
//!   differ among themselves (the median over the points of max − min).
//! - A claim that does not hold says why: the time moved the other way, or it follows the MACs and
//!   the output changed size, or a fixed cost per pass (a line with an intercept fits), or scatter.
//! - Parameters are exact: a linear claim holds when the counts are exactly `a·f(x) + b` (b is the
//!   bias), "unchanged" when every point has the same count. Each part is judged on its own, so a
//!   parameters line that holds never reads as the whole claim holding.

use conv2d_core::sweep::{linear_fit, proportional_fit, SweepArg};
use conv2d_core::Arg;

use super::{short_number, Point, Series};
use crate::i18n::{fill, Texts};

/// A proportional claim holds when its fit through the origin has at least this R².
pub const R2_HOLDS: f64 = 0.95;
/// Fewer valid (or timed) points than this give no verdict.
pub const MIN_POINTS: usize = 3;
/// Passes that all take less than this many microseconds are too short to judge.
pub const TINY_US: f64 = 2.0;
/// "A little", "little effect": a change within this fraction from the first to the last point;
/// "falls": a fall by more than it.
pub const LITTLE: f64 = 0.25;

/// What the data say of a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The data agree with the claim.
    Holds,
    /// The data contradict it (the line says why).
    DoesNotHold,
    /// Not enough points, or times too small or too noisy to tell.
    Inconclusive,
}

impl Verdict {
    /// The `data-verdict` attribute's value.
    pub fn attr(self) -> &'static str {
        match self {
            Verdict::Holds => "holds",
            Verdict::DoesNotHold => "does-not-hold",
            Verdict::Inconclusive => "inconclusive",
        }
    }

    fn badge(self, t: &Texts) -> &'static str {
        match self {
            Verdict::Holds => t.v_holds,
            Verdict::DoesNotHold => t.v_fails,
            Verdict::Inconclusive => t.v_unsure,
        }
    }
}

/// One part of a claim judged: its verdict (none while the times are still being measured) and the
/// sentence that says it.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The verdict; `None` while measuring.
    pub verdict: Option<Verdict>,
    /// "Time: ∝ in_channels: R² 0.99 (fit through the origin) — ✓ holds".
    pub text: String,
}

/// A chart's claim judged: the parameters' part and the time's part.
#[derive(Clone, Debug, PartialEq)]
pub struct Judgement {
    /// Parameters (exact counts).
    pub params: Line,
    /// Time (measured); the chart card's `data-verdict`.
    pub time: Line,
}

/// The function of x a claim makes the quantity follow.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Driver {
    /// x.
    X,
    /// x² (a square pair's area, H×W).
    Square,
    /// 1/x (groups).
    Inv,
}

impl Driver {
    fn f(self, x: i64) -> f64 {
        let x = x as f64;
        match self {
            Driver::X => x,
            Driver::Square => x * x,
            Driver::Inv => 1.0 / x,
        }
    }
}

/// What a claim says the time does.
#[derive(Clone, Copy, Debug, PartialEq)]
enum TimeClaim {
    /// time ∝ f(x).
    Prop(&'static str, Driver),
    /// Falls as x grows.
    Falls,
    /// Changes little.
    Little,
}

/// What a claim says the parameters do.
#[derive(Clone, Copy, Debug, PartialEq)]
enum ParamsClaim {
    /// a·f(x) + the bias.
    Linear(&'static str, Driver),
    /// The same at every point.
    Same,
}

fn claims_of(s: &Series) -> Option<(ParamsClaim, TimeClaim)> {
    use ParamsClaim::{Linear, Same};
    use TimeClaim::{Falls, Little, Prop};
    let transposed = s.kind == conv2d_core::LayerKind::ConvTranspose2d;
    Some(match s.arg {
        // A transposed layer's stride spreads its output, padding crops it, output_padding adds to
        // it: the multiply-adds (one per input cell and tap) stay.
        SweepArg::Arg(Arg::Stride | Arg::Padding | Arg::OutputPadding) if transposed => {
            (Same, Little)
        }
        SweepArg::Arg(a @ (Arg::InChannels | Arg::OutChannels)) => {
            (Linear(a.name(), Driver::X), Prop(a.name(), Driver::X))
        }
        // A kernel that is not square is swept along its height: the area follows k_h.
        SweepArg::Arg(Arg::KernelSize) if s.both_sides => {
            (Linear("k²", Driver::Square), Prop("k²", Driver::Square))
        }
        SweepArg::Arg(Arg::KernelSize) => (Linear("k_h", Driver::X), Prop("k_h", Driver::X)),
        SweepArg::Arg(Arg::Stride) => (Same, Falls),
        SweepArg::Arg(Arg::Padding | Arg::Dilation) => (Same, Little),
        SweepArg::Arg(Arg::Groups) => (
            Linear("1/groups", Driver::Inv),
            Prop("1/groups", Driver::Inv),
        ),
        SweepArg::InputSize => (Same, Prop("H×W", Driver::Square)),
        SweepArg::Arg(_) => return None,
    })
}

/// A number for a sentence: up to `digits` decimals, trailing zeros dropped ("0.5", "12", "1.25").
fn num(v: f64, digits: usize) -> String {
    let s = format!("{v:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// R² with two decimals, rounded down ("0.97", "-0.50"), so that a printed 0.95 always meets
/// [`R2_HOLDS`] (0.9497 prints as 0.94, not as a 0.95 that does not hold).
fn r2(v: f64) -> String {
    format!("{:.2}", (v * 100.0).floor() / 100.0)
}

fn line(t: &Texts, subject: &str, statement: &str, verdict: Verdict, why: Option<String>) -> Line {
    let mut text = if statement.is_empty() {
        let subject = subject.trim_end_matches([':', ' ', '：']);
        format!("{subject}{}{}", t.v_sep, verdict.badge(t))
    } else {
        format!("{subject}{statement}{}{}", t.v_sep, verdict.badge(t))
    };
    if let Some(why) = why {
        text = format!("{text}{}{why}", t.v_colon);
    }
    Line {
        verdict: Some(verdict),
        text,
    }
}

/// Judges both parts of the claim about a chart's sweep (`None` for a sweep the article says
/// nothing of).
pub fn judge(s: &Series, t: &Texts) -> Option<Judgement> {
    let (params_claim, time_claim) = claims_of(s)?;
    Some(Judgement {
        params: judge_params(s, params_claim, t),
        time: judge_time(s, time_claim, t),
    })
}

fn judge_params(s: &Series, claim: ParamsClaim, t: &Texts) -> Line {
    let subject = t.v_params;
    let k = s.points.len();
    if k < MIN_POINTS {
        let few = fill(
            t.v_few_points,
            &[("n", k.to_string()), ("min", MIN_POINTS.to_string())],
        );
        return line(t, subject, "", Verdict::Inconclusive, Some(few));
    }
    match claim {
        ParamsClaim::Same => {
            let lo = s.points.iter().map(|p| p.params).min().unwrap_or(0);
            let hi = s.points.iter().map(|p| p.params).max().unwrap_or(0);
            if lo == hi {
                let text = fill(t.v_same, &[("n", lo.to_string()), ("k", k.to_string())]);
                line(t, subject, &text, Verdict::Holds, None)
            } else {
                let text = fill(
                    t.v_change,
                    &[("lo", lo.to_string()), ("hi", hi.to_string())],
                );
                line(t, subject, &text, Verdict::DoesNotHold, None)
            }
        }
        ParamsClaim::Linear(what, driver) => {
            let pts: Vec<(f64, f64)> = s
                .points
                .iter()
                .map(|p| (driver.f(p.x), p.params as f64))
                .collect();
            let Some(fit) = linear_fit(&pts) else {
                return line(t, subject, "", Verdict::Inconclusive, None);
            };
            // Counts are exact: the line must go through every point (to rounding).
            let exact = pts.iter().all(|&(x, y)| {
                (fit.slope * x + fit.intercept - y).abs() <= 1e-6 * y.abs().max(1.0)
            });
            let (a, b) = (num(fit.slope, 3), num(fit.intercept, 3));
            if exact && fit.slope > 0.0 {
                let template = if fit.intercept.abs() < 0.5 {
                    t.v_prop_exact
                } else {
                    t.v_linear
                };
                let text = fill(
                    template,
                    &[
                        ("a", a),
                        ("what", what.into()),
                        ("b", b),
                        ("k", k.to_string()),
                    ],
                );
                line(t, subject, &text, Verdict::Holds, None)
            } else {
                let text = fill(
                    t.v_not_linear,
                    &[("a", a), ("what", what.into()), ("r2", r2(fit.r2))],
                );
                line(t, subject, &text, Verdict::DoesNotHold, None)
            }
        }
    }
}

/// A timed point: the point and its median time in µs.
type Timed<'a> = (&'a Point, f64);

/// "rose 18% from groups = 1 to 2".
fn change_text(s: &Series, t: &Texts, first: Timed, last: Timed) -> String {
    let change = (last.1 - first.1) / first.1;
    fill(
        t.v_change_time,
        &[
            (
                "dir",
                if change >= 0.0 { t.v_rose } else { t.v_fell }.into(),
            ),
            ("pct", format!("{:.0}", change.abs() * 100.0)),
            ("name", s.arg.name().into()),
            ("a", first.0.x.to_string()),
            ("b", last.0.x.to_string()),
        ],
    )
}

fn shape(out: [usize; 2]) -> String {
    format!("{}×{}", out[0], out[1])
}

/// "grew" or "shrank", from the output's cells at the first and the last point.
fn output_dir(t: &Texts, first: &Point, last: &Point) -> &'static str {
    if last.out[0] * last.out[1] >= first.out[0] * first.out[1] {
        t.v_grew
    } else {
        t.v_shrank
    }
}

/// R² of time ∝ MACs.
fn follows_macs(timed: &[Timed]) -> Option<f64> {
    let pts: Vec<(f64, f64)> = timed.iter().map(|(p, y)| (p.macs as f64, *y)).collect();
    proportional_fit(&pts).map(|f| f.r2)
}

fn judge_time(s: &Series, claim: TimeClaim, t: &Texts) -> Line {
    let subject = t.v_time;
    if !s.complete() {
        return Line {
            verdict: None,
            text: format!("{subject}{}", t.v_measuring),
        };
    }
    let timed: Vec<Timed> = s
        .points
        .iter()
        .filter_map(|p| Some((p, p.timing?.median_ms * 1e3)))
        .collect();
    let unsure = |why: String| line(t, subject, "", Verdict::Inconclusive, Some(why));
    let (Some(&first), Some(&last)) = (timed.first(), timed.last()) else {
        return unsure(fill(
            t.v_few_timed,
            &[("n", "0".to_string()), ("min", MIN_POINTS.to_string())],
        ));
    };
    if timed.len() < MIN_POINTS {
        return unsure(fill(
            t.v_few_timed,
            &[
                ("n", timed.len().to_string()),
                ("min", MIN_POINTS.to_string()),
            ],
        ));
    }
    let lo = timed.iter().map(|p| p.1).fold(f64::MAX, f64::min);
    let hi = timed.iter().map(|p| p.1).fold(f64::MIN, f64::max);
    if hi < TINY_US {
        return unsure(fill(
            t.v_tiny,
            &[
                ("floor", num(TINY_US, 1)),
                ("lo", num(lo, 2)),
                ("hi", num(hi, 2)),
            ],
        ));
    }
    let mut spreads: Vec<f64> = timed
        .iter()
        .filter_map(|(p, _)| p.timing.map(|tm| (tm.max_ms - tm.min_ms) * 1e3))
        .collect();
    spreads.sort_by(f64::total_cmp);
    let spread = spreads[spreads.len() / 2];
    if hi - lo <= spread {
        return unsure(fill(
            t.v_noisy,
            &[("range", num(hi - lo, 2)), ("spread", num(spread, 2))],
        ));
    }
    let change = (last.1 - first.1) / first.1;
    let change_text = || change_text(s, t, first, last);
    match claim {
        TimeClaim::Prop(what, driver) => {
            let pts: Vec<(f64, f64)> = timed.iter().map(|(p, y)| (driver.f(p.x), *y)).collect();
            let Some(fit) = proportional_fit(&pts) else {
                return unsure(String::new());
            };
            let statement = fill(t.v_time_prop, &[("what", what.into()), ("r2", r2(fit.r2))]);
            if fit.r2 >= R2_HOLDS {
                return line(t, subject, &statement, Verdict::Holds, None);
            }
            let why = prop_why(s, t, &timed, what, driver, change);
            line(t, subject, &statement, Verdict::DoesNotHold, Some(why))
        }
        TimeClaim::Falls => {
            let statement = change_text();
            if change < -LITTLE {
                line(t, subject, &statement, Verdict::Holds, None)
            } else if change > LITTLE {
                let why = fill(t.v_claim_says, &[("claim", t.v_falls)]);
                line(t, subject, &statement, Verdict::DoesNotHold, Some(why))
            } else {
                let why = fill(t.v_flat, &[("change", format!("{:+.0}%", change * 100.0))]);
                line(t, subject, &statement, Verdict::DoesNotHold, Some(why))
            }
        }
        TimeClaim::Little => {
            let statement = change_text();
            if change.abs() <= LITTLE {
                return line(t, subject, &statement, Verdict::Holds, None);
            }
            let ratio = last.0.macs as f64 / first.0.macs.max(1) as f64;
            let m = if ratio >= 1.0 {
                format!("×{}", num(ratio, 1))
            } else {
                format!("÷{}", num(1.0 / ratio, 1))
            };
            let mut why = fill(
                t.v_output_little,
                &[
                    ("dir", output_dir(t, first.0, last.0).into()),
                    ("a", shape(first.0.out)),
                    ("b", shape(last.0.out)),
                    ("m", m),
                ],
            );
            if let Some(r) = follows_macs(&timed).filter(|&r| r >= R2_HOLDS) {
                why += &fill(t.v_follows_macs, &[("r2", r2(r))]);
            }
            line(t, subject, &statement, Verdict::DoesNotHold, Some(why))
        }
    }
}

/// Why time ∝ f(x) does not hold: it moved the other way; or it follows the MACs, which do not follow
/// f(x) because the output changed size; or a fixed cost per pass; or scatter.
fn prop_why(
    s: &Series,
    t: &Texts,
    timed: &[Timed],
    what: &str,
    driver: Driver,
    change: f64,
) -> String {
    let (first, last) = (timed[0], timed[timed.len() - 1]);
    let claim_up = driver.f(last.0.x) > driver.f(first.0.x);
    if change.abs() > LITTLE && (change > 0.0) != claim_up {
        let claim = if claim_up { t.v_grows } else { t.v_falls };
        return fill(
            t.v_opposite,
            &[
                ("change", change_text(s, t, first, last)),
                ("claim", claim.into()),
            ],
        );
    }
    let macs: Vec<(f64, f64)> = timed
        .iter()
        .map(|(p, _)| (driver.f(p.x), p.macs as f64))
        .collect();
    let macs_follow_claim = proportional_fit(&macs).is_some_and(|f| f.r2 >= R2_HOLDS);
    if let Some(r) = follows_macs(timed).filter(|&r| r >= R2_HOLDS && !macs_follow_claim) {
        return fill(
            t.v_output,
            &[
                ("r2", r2(r)),
                ("dir", output_dir(t, first.0, last.0).into()),
                ("a", shape(first.0.out)),
                ("b", shape(last.0.out)),
                ("name", s.arg.name().into()),
                ("what", what.into()),
            ],
        );
    }
    let pts: Vec<(f64, f64)> = timed.iter().map(|(p, y)| (driver.f(p.x), *y)).collect();
    match linear_fit(&pts) {
        Some(l) if l.r2 >= R2_HOLDS && l.intercept > 0.0 => fill(
            t.v_fixed,
            &[
                ("a", short_number(l.slope)),
                ("what", what.into()),
                ("b", short_number(l.intercept)),
                ("r2", r2(l.r2)),
            ],
        ),
        Some(l) => fill(t.v_scatter, &[("r2", r2(l.r2))]),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
