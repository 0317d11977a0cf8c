//! What the chart kinds share: colours, the drawing style, the x mapping back from pixels, the stacked
//! layout of a chart, and the line-with-markers and current-value helpers.

use super::{counts, timing, Scale, Series, YAxis};

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
    /// Paper, words and grid lines: light, or dark with the page's dark theme.
    pub ink: Ink,
    /// Captions and axis names, in the page's language.
    pub t: &'static crate::i18n::Texts,
    /// Device pixels per CSS pixel (everything is drawn at device resolution).
    pub dpr: f64,
}

/// The chart's paper, words and lines (the data colours are the same in both).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ink {
    /// Background.
    pub paper: plotters::style::RGBColor,
    /// Captions, tick labels, axes.
    pub text: plotters::style::RGBColor,
    /// Major grid lines.
    pub grid: plotters::style::RGBColor,
    /// Minor grid lines.
    pub faint: plotters::style::RGBColor,
}

impl Ink {
    /// On white, as before and as exported from the light page.
    pub const LIGHT: Ink = Ink {
        paper: plotters::style::RGBColor(255, 255, 255),
        text: plotters::style::RGBColor(0, 0, 0),
        grid: plotters::style::RGBColor(205, 205, 212),
        faint: plotters::style::RGBColor(235, 235, 240),
    };
    /// The page's dark theme (its background and words, static/style.css).
    pub const DARK: Ink = Ink {
        paper: plotters::style::RGBColor(0x16, 0x16, 0x1a),
        text: plotters::style::RGBColor(0xec, 0xec, 0xf1),
        grid: plotters::style::RGBColor(0x4a, 0x4a, 0x55),
        faint: plotters::style::RGBColor(0x2c, 0x2c, 0x34),
    };
}

impl Style {
    /// A font of `css` px in the ink's words.
    pub fn font(&self, css: f64) -> plotters::style::TextStyle<'static> {
        use plotters::style::{Color, IntoFont};
        // The page's own face, so the charts read as part of it.
        (conv2d_figure::scene::FONT_STACK, self.px(css))
            .into_font()
            .color(&self.ink.text.to_rgba())
    }

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

pub(crate) fn x_range(s: &Series) -> (f64, f64) {
    let lo = s.points.iter().map(|p| p.x).min().unwrap_or(0) as f64;
    let hi = s.points.iter().map(|p| p.x).max().unwrap_or(1) as f64;
    let pad = ((hi - lo) * 0.05).max(0.5);
    (lo - pad, hi + pad)
}

pub(crate) fn pad_range(scale: Scale, lo: f64, hi: f64) -> (f64, f64) {
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
    let hi = hi + span * 0.08;
    match scale {
        Scale::Linear => (lo, hi),
        // A log axis starts and ends at 1-2-5 values, so it always shows at least two ticks.
        Scale::Log => (
            super::scale::floor_125(10f64.powf(lo)).log10(),
            super::scale::ceil_125(10f64.powf(hi)).log10(),
        ),
    }
}

/// The y axis from `lo` to `hi` (plotted coordinates) on `scale`.
pub(crate) fn y_axis(scale: Scale, (lo, hi): (f64, f64)) -> YAxis {
    YAxis { lo, hi, scale }
}

/// Draws the two chart kinds for `s` stacked on one backend (counts above, time below); returns the
/// timing chart's mapping.
pub fn draw_all<DB: plotters::prelude::DrawingBackend>(
    root: plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
    s: &Series,
    style: &Style,
) -> Result<Mapping, String> {
    root.fill(&style.ink.paper).map_err(|e| e.to_string())?;
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
        plotters::coord::cartesian::Cartesian2d<plotters::coord::types::RangedCoordf64, YAxis>,
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
