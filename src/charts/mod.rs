//! The scaling charts: data (one `Series` per swept argument, exact counts from the core and timings
//! measured in the browser), drawing functions (one module per chart kind, plotters on any backend),
//! the claims' verdicts, and CSV/JSON for downloads and tests.

pub mod claims;
pub mod counts;
pub mod measure;
pub mod timing;

use conv2d_core::sweep::{sweep, SweepArg};
use conv2d_core::Config;

/// Points with more multiply-accumulates are not timed in the page: one pass would take tens of
/// milliseconds (about 0.7 GMAC/s in Chromium's WASM here), and a timer slice must stay short.
pub const TIME_CAP_MACS: u64 = 16_000_000;

/// Time of one forward pass at a point: median and spread over the batches measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timing {
    /// Median milliseconds per forward pass.
    pub median_ms: f64,
    /// Fastest batch, per pass.
    pub min_ms: f64,
    /// Slowest batch, per pass.
    pub max_ms: f64,
    /// Forward passes timed in all.
    pub repeats: u32,
}

/// One valid point: exact counts from the core, and its timing once measured.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// The swept argument's value.
    pub x: i64,
    /// Trainable parameters.
    pub params: u64,
    /// Multiply-accumulates.
    pub macs: u64,
    /// Measured time (None until measured).
    pub timing: Option<Timing>,
    /// More multiply-accumulates than the page runs live: counts exact, never timed.
    pub too_large: bool,
}

/// A chart's data.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// The swept argument.
    pub arg: SweepArg,
    /// Valid points, in x order.
    pub points: Vec<Point>,
    /// Values PyTorch rejects here, with its sentence.
    pub skipped: Vec<(i64, String)>,
    /// The configuration's own value, marked on the chart.
    pub current: Option<i64>,
    /// Both sides of a pair move with x (false: only the height of a pair that is not square).
    pub both_sides: bool,
}

impl Series {
    /// The series for `arg` around a configuration (counts exact, timings empty).
    pub fn new(arg: SweepArg, config: &Config) -> Self {
        let mut points = Vec::new();
        let mut skipped = Vec::new();
        for p in sweep(arg, config) {
            match &p.layer {
                Ok(layer) => {
                    let c = conv2d_core::Cost::of(layer);
                    points.push(Point {
                        x: p.x,
                        params: c.params,
                        macs: c.macs,
                        timing: None,
                        too_large: c.macs > TIME_CAP_MACS,
                    })
                }
                Err(e) => skipped.push((p.x, e.message.clone())),
            }
        }
        Self {
            arg,
            points,
            skipped,
            current: arg.current(config),
            both_sides: arg.both_sides(config),
        }
    }

    /// True when every point small enough to time has been timed.
    pub fn complete(&self) -> bool {
        self.points
            .iter()
            .all(|p| p.too_large || p.timing.is_some())
    }

    /// The values too large to time live (their counts are still drawn).
    pub fn untimed(&self) -> impl Iterator<Item = i64> + '_ {
        self.points.iter().filter(|p| p.too_large).map(|p| p.x)
    }

    /// CSV with a header: `x,params,macs,median_ms,min_ms,max_ms,repeats`.
    pub fn csv(&self) -> String {
        let mut s = format!(
            "{},params,macs,median_ms,min_ms,max_ms,repeats\n",
            self.arg.name()
        );
        for p in &self.points {
            match p.timing {
                Some(t) => {
                    s += &format!(
                        "{},{},{},{:.6},{:.6},{:.6},{}\n",
                        p.x, p.params, p.macs, t.median_ms, t.min_ms, t.max_ms, t.repeats
                    )
                }
                None => s += &format!("{},{},{},,,,\n", p.x, p.params, p.macs),
            }
        }
        s
    }

    /// JSON for the `data-series` attribute: `{"arg":..,"current":..,"points":[{x,params,macs,too_large,median_ms,min_ms,max_ms}],"skipped":[[x,"why"]]}`.
    pub fn json(&self) -> String {
        let pts: Vec<String> = self
            .points
            .iter()
            .map(|p| {
                let t = p
                    .timing
                    .map_or("null,\"min_ms\":null,\"max_ms\":null".to_string(), |t| {
                        format!(
                            "{},\"min_ms\":{},\"max_ms\":{}",
                            t.median_ms, t.min_ms, t.max_ms
                        )
                    });
                format!(
                    r#"{{"x":{},"params":{},"macs":{},"too_large":{},"median_ms":{t}}}"#,
                    p.x, p.params, p.macs, p.too_large
                )
            })
            .collect();
        let skipped: Vec<String> = self
            .skipped
            .iter()
            .map(|(x, why)| format!("[{x},{}]", json_str(why)))
            .collect();
        format!(
            r#"{{"arg":"{}","current":{},"points":[{}],"skipped":[{}]}}"#,
            self.arg.name(),
            self.current.map_or("null".into(), |c| c.to_string()),
            pts.join(","),
            skipped.join(",")
        )
    }
}

/// A JSON string literal.
fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out + "\""
}

/// Okabe–Ito blue for parameters.
pub const PARAMS_COLOR: plotters::style::RGBColor = plotters::style::RGBColor(0, 114, 178);
/// Okabe–Ito orange for multiply-accumulates.
pub const MACS_COLOR: plotters::style::RGBColor = plotters::style::RGBColor(230, 159, 0);
/// Okabe–Ito bluish green for time.
pub const TIME_COLOR: plotters::style::RGBColor = plotters::style::RGBColor(0, 158, 115);

/// Drawing options shared by the chart kinds.
pub struct Style {
    /// Log or linear y axes.
    pub scale: Scale,
    /// Captions and axis names, in the page's language.
    pub t: &'static crate::i18n::Texts,
    /// Device pixels per CSS pixel (everything is drawn at device resolution).
    pub dpr: f64,
}

impl Style {
    /// A CSS length in device pixels.
    pub fn px(&self, css: f64) -> i32 {
        (css * self.dpr).round() as i32
    }
}

/// Maps a device-pixel x on the chart back to the swept value (for hover read-outs and clicks).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mapping {
    /// First pixel of the plotting area.
    pub px_start: i32,
    /// Last pixel of the plotting area.
    pub px_end: i32,
    /// x at `px_start`.
    pub x0: f64,
    /// x at `px_end`.
    pub x1: f64,
}

impl Mapping {
    /// The x value under device pixel `px`, if inside the plot.
    pub fn x_at(&self, px: i32) -> Option<f64> {
        if px < self.px_start || px > self.px_end || self.px_end <= self.px_start {
            return None;
        }
        let t = f64::from(px - self.px_start) / f64::from(self.px_end - self.px_start);
        Some(self.x0 + t * (self.x1 - self.x0))
    }
}

/// The index of the point nearest to `x`.
pub fn nearest(s: &Series, x: f64) -> Option<usize> {
    s.points
        .iter()
        .enumerate()
        .min_by(|a, b| ((a.1.x as f64 - x).abs()).total_cmp(&(b.1.x as f64 - x).abs()))
        .map(|(i, _)| i)
}

fn x_range(s: &Series) -> (f64, f64) {
    let lo = s.points.iter().map(|p| p.x).min().unwrap_or(0) as f64;
    let hi = s.points.iter().map(|p| p.x).max().unwrap_or(1) as f64;
    let pad = ((hi - lo) * 0.05).max(0.5);
    (lo - pad, hi + pad)
}

fn pad_range(scale: Scale, lo: f64, hi: f64) -> (f64, f64) {
    if lo > hi {
        return (0.0, 1.0);
    }
    let span = (hi - lo).max(match scale {
        Scale::Log => 0.2,
        Scale::Linear => hi.abs().max(1e-9) * 0.2,
    });
    let lo = match scale {
        Scale::Linear => (lo - span * 0.08)
            .min(0.0)
            .max(if lo >= 0.0 { 0.0 } else { f64::MIN }),
        Scale::Log => lo - span * 0.08,
    };
    (lo, hi + span * 0.08)
}

/// Draws the two chart kinds for `s` stacked on one backend (counts above, time below); returns the
/// timing chart's mapping.
pub fn draw_all<DB: plotters::prelude::DrawingBackend>(
    root: plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    s: &Series,
    style: &Style,
) -> Result<Mapping, String> {
    use plotters::prelude::*;
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let (top, bottom) = root.split_vertically(root.dim_in_pixel().1 as i32 * 45 / 100);
    counts::draw(&top, s, style)?;
    let m = timing::draw(&bottom, s, style)?;
    root.present().map_err(|e| e.to_string())?;
    Ok(m)
}

/// A point marker: circles for parameters and time, triangles for multiply-accumulates (shape as
/// well as colour tells the series apart).
#[derive(Clone, Copy)]
pub(crate) enum Marker {
    Circle,
    Triangle,
}

/// Draws a line through `pts` with a marker at each point, on a plot area in data coordinates (the
/// primary or the secondary axes of a chart).
pub(crate) fn trace<DB: plotters::prelude::DrawingBackend>(
    plot: &plotters::prelude::DrawingArea<
        DB,
        plotters::coord::cartesian::Cartesian2d<
            plotters::coord::types::RangedCoordf64,
            plotters::coord::types::RangedCoordf64,
        >,
    >,
    pts: &[(f64, f64)],
    color: plotters::style::RGBColor,
    marker: Marker,
    style: &Style,
) -> Result<(), String> {
    use plotters::prelude::*;
    if pts.is_empty() {
        return Ok(());
    }
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    plot.draw(&PathElement::new(
        pts.to_vec(),
        color.stroke_width(style.px(2.0) as u32),
    ))
    .map_err(e)?;
    for &p in pts {
        match marker {
            Marker::Circle => plot.draw(&Circle::new(p, style.px(3.0) as u32, color.filled())),
            Marker::Triangle => plot.draw(&TriangleMarker::new(
                p,
                style.px(3.5) as u32,
                color.filled(),
            )),
        }
        .map_err(e)?;
    }
    Ok(())
}

impl Mapping {
    /// The x mapping of a drawn plot area whose x axis runs from `x0` to `x1`.
    pub(crate) fn of<DB: plotters::prelude::DrawingBackend, CT: plotters::coord::CoordTranslate>(
        plot: &plotters::prelude::DrawingArea<DB, CT>,
        x0: f64,
        x1: f64,
    ) -> Self {
        let (px, _) = plot.get_pixel_range();
        Self {
            px_start: px.start,
            px_end: px.end,
            x0,
            x1,
        }
    }
}

/// Draws the grey vertical line at the configuration's own value, from `y0` to `y1`.
pub(crate) fn mark_current<DB, X, Y>(
    chart: &mut plotters::chart::ChartContext<
        '_,
        DB,
        plotters::coord::cartesian::Cartesian2d<X, Y>,
    >,
    current: Option<i64>,
    (y0, y1): (f64, f64),
    style: &Style,
) -> Result<(), String>
where
    DB: plotters::prelude::DrawingBackend,
    X: plotters::coord::ranged1d::Ranged<ValueType = f64>,
    Y: plotters::coord::ranged1d::Ranged<ValueType = f64>,
{
    use plotters::prelude::*;
    if let Some(c) = current {
        let grey = ShapeStyle::from(RGBColor(150, 150, 160)).stroke_width(style.px(1.0) as u32);
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(c as f64, y0), (c as f64, y1)],
                grey,
            )))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// How values are drawn on the y axes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Scale {
    /// Linear.
    #[default]
    Linear,
    /// Log10 (ticks labelled with the real values).
    Log,
}

impl Scale {
    /// The plotted coordinate of a positive value.
    pub fn y(self, v: f64) -> f64 {
        match self {
            Scale::Linear => v,
            Scale::Log => v.max(1e-12).log10(),
        }
    }
    /// The label of a plotted coordinate, the value multiplied by `factor` (e.g. ms → µs).
    pub fn label_scaled(self, y: f64, factor: f64) -> String {
        let v = match self {
            Scale::Linear => y,
            Scale::Log => 10f64.powf(y),
        };
        short_number(v * factor)
    }

    /// The label of a plotted coordinate.
    pub fn label(self, y: f64) -> String {
        let v = match self {
            Scale::Linear => y,
            Scale::Log => 10f64.powf(y),
        };
        short_number(v)
    }
}

/// x ticks: integers only (the swept arguments are integers).
pub fn integer_label(v: &f64) -> String {
    if (v - v.round()).abs() < 1e-6 {
        format!("{}", v.round() as i64)
    } else {
        String::new()
    }
}

/// A linear axis tick: thousands and up as `short_number`, smaller values with the decimals the tick
/// spacing `step` needs, the same for every tick of the axis.
pub fn tick_label(v: f64, step: f64) -> String {
    if v.abs() >= 1e3 {
        return short_number(v);
    }
    // Enough decimals for ticks at half the nominal spacing too (plotters may choose finer ticks).
    let decimals = if step > 0.0 {
        (-(step / 2.0).log10()).ceil().clamp(0.0, 3.0) as usize
    } else {
        0
    };
    format!("{v:.decimals$}")
}

/// `1.2k`, `3.4M`, `0.05`.
pub fn short_number(v: f64) -> String {
    let a = v.abs();
    // One decimal for the suffixed forms, dropped when it is zero ("600k", "1.5M").
    let suffixed = |x: f64, unit: &str| {
        let s = format!("{x:.1}");
        format!("{}{unit}", s.strip_suffix(".0").unwrap_or(&s))
    };
    if a >= 1e9 {
        suffixed(v / 1e9, "G")
    } else if a >= 1e6 {
        suffixed(v / 1e6, "M")
    } else if a >= 1e3 {
        suffixed(v / 1e3, "k")
    } else if a >= 10.0 || a == 0.0 {
        format!("{v:.0}")
    } else if a >= 0.1 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use conv2d_core::{Arg, Pair};

    #[test]
    fn counts_are_exact_and_rejections_are_listed() {
        let mut spec = conv2d_core::Conv2dSpec::new(4, 4, Pair::square(3));
        spec.groups = 2;
        let config = Config::conv2d(spec, 7, 7);
        let s = Series::new(SweepArg::Arg(Arg::OutChannels), &config);
        // out_channels must be a multiple of groups=2: odd values are skipped with PyTorch's sentence.
        assert!(s
            .skipped
            .iter()
            .any(|(x, why)| *x == 3 && why == "out_channels must be divisible by groups"));
        for p in &s.points {
            let layer = SweepArg::Arg(Arg::OutChannels)
                .apply(&config, p.x)
                .validate()
                .unwrap();
            assert_eq!(p.params, conv2d_core::Cost::of(&layer).params);
        }
        assert!(s.csv().starts_with("out_channels,params,macs,median_ms"));
        assert!(s
            .json()
            .contains(r#""skipped":[[1,"out_channels must be divisible by groups"]"#));
    }

    #[test]
    fn ticks_of_one_axis_share_their_decimals() {
        let labels: Vec<String> = [0.0, 0.5, 1.0, 1.5, 2.0]
            .iter()
            .map(|&v| tick_label(v, 0.44))
            .collect();
        assert_eq!(labels, ["0.0", "0.5", "1.0", "1.5", "2.0"]);
        let labels: Vec<String> = [0.0, 5.0, 10.0]
            .iter()
            .map(|&v| tick_label(v, 2.4))
            .collect();
        assert_eq!(labels, ["0", "5", "10"]);
        assert_eq!(tick_label(2500.0, 500.0), "2.5k");
    }

    #[test]
    fn points_too_large_to_time_keep_their_exact_counts_and_are_not_called_rejected() {
        // 64 → 64 channels, k3, 128×128: about 604M multiply-accumulates, far above the live cap.
        let mut spec = conv2d_core::Conv2dSpec::new(64, 64, Pair::square(3));
        spec.padding = conv2d_core::PaddingArg::Explicit(Pair::square(1));
        let config = Config::conv2d(spec, 128, 128);
        let s = Series::new(SweepArg::Arg(Arg::InChannels), &config);
        assert!(
            s.skipped.is_empty(),
            "PyTorch accepts every value: {:?}",
            s.skipped
        );
        assert!(s.points.iter().any(|p| p.too_large));
        assert!(
            s.points.iter().any(|p| !p.too_large),
            "small in_channels can be timed"
        );
        for p in &s.points {
            assert_eq!(p.too_large, p.macs > TIME_CAP_MACS);
            let layer = SweepArg::Arg(Arg::InChannels)
                .apply(&config, p.x)
                .validate()
                .unwrap();
            assert_eq!(p.macs, conv2d_core::Cost::of(&layer).macs);
        }
        assert!(!s.complete());
        let mut timed = s.clone();
        for p in timed.points.iter_mut().filter(|p| !p.too_large) {
            p.timing = Some(Timing {
                median_ms: 1.0,
                min_ms: 1.0,
                max_ms: 1.0,
                repeats: 1,
            });
        }
        assert!(
            timed.complete(),
            "complete once every point small enough is timed"
        );
    }
}
