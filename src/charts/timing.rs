//! The timing chart: the median time of the WASM forward pass at each point with its min–max band,
//! the configuration's own value marked. Points not yet measured are left out.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Mapping, Marker, Scale, Series, Style, TIME_COLOR};

/// Microseconds in a millisecond: the chart plots µs, so its 1-2-5 ticks are whole µs values.
const US: f64 = 1e3;

/// Draws the timings of `s` on `area`; returns the x mapping for hover read-outs.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &Series,
    style: &Style,
) -> Result<Mapping, String> {
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let (x0, x1) = super::x_range(s);
    let sc = style.scale;
    let timed: Vec<(f64, super::Timing)> = s
        .points
        .iter()
        .filter_map(|p| Some((p.x as f64, p.timing?)))
        .collect();
    let (lo, hi) = timed.iter().fold((f64::MAX, f64::MIN), |(a, b), (_, t)| {
        (a.min(sc.y(t.min_ms * US)), b.max(sc.y(t.max_ms * US)))
    });
    let (y0, y1) = if timed.is_empty() {
        (0.0, 1.0)
    } else {
        super::pad_range(sc, lo, hi)
    };
    let f = |css: f64| style.px(css);
    let mut chart = ChartBuilder::on(area)
        .margin(f(6.0))
        .x_label_area_size(f(36.0))
        .y_label_area_size(f(50.0))
        .right_y_label_area_size(f(54.0))
        .caption(caption(s, style.t), style.font(13.0))
        .build_cartesian_2d(x0..x1, super::y_axis(sc, (y0, y1)))
        .map_err(e)?;
    chart
        .configure_mesh()
        .x_labels(8)
        .y_labels(5)
        .x_label_formatter(&super::integer_label)
        .y_label_formatter(&|v| time_label(sc, *v, (y1 - y0) / 5.0))
        .x_desc(style.t.sweep_title(s.arg))
        .label_style(style.font(11.0))
        .axis_desc_style(style.font(11.0))
        .axis_style(style.ink.text)
        .bold_line_style(style.ink.grid)
        .light_line_style(style.ink.faint)
        .draw()
        .map_err(e)?;
    super::mark_current(&mut chart, s.current, (y0, y1), style)?;
    if timed.len() >= 2 {
        let mut band: Vec<(f64, f64)> = timed
            .iter()
            .map(|(x, t)| (*x, sc.y(t.max_ms * US)))
            .collect();
        band.extend(timed.iter().rev().map(|(x, t)| (*x, sc.y(t.min_ms * US))));
        chart
            .draw_series(std::iter::once(Polygon::new(
                band,
                TIME_COLOR.mix(0.18).filled(),
            )))
            .map_err(e)?;
    }
    let med: Vec<(f64, f64)> = timed
        .iter()
        .map(|(x, t)| (*x, sc.y(t.median_ms * US)))
        .collect();
    super::trace(
        chart.plotting_area(),
        &med,
        TIME_COLOR,
        Marker::Circle,
        style,
    )?;
    Ok(Mapping::of(chart.plotting_area(), x0, x1))
}

/// A time axis tick at plotted coordinate `y` (µs, or its log10): in µs, or in ms from 1000 µs up
/// ("500 µs", "1 ms", "2 ms"); one number of decimals for a whole linear axis ("0.5 µs, 1.0 µs").
pub fn time_label(sc: Scale, y: f64, step: f64) -> String {
    match sc {
        Scale::Linear if y.abs() >= US => format!("{} ms", super::tick_label(y / US, step / US)),
        Scale::Linear => format!("{} µs", super::tick_label(y, step)),
        Scale::Log => {
            let v = 10f64.powf(y);
            if v >= US * (1.0 - 1e-9) {
                format!("{} ms", super::log_tick_label(v / US))
            } else {
                format!("{} µs", super::log_tick_label(v))
            }
        }
    }
}

/// The time chart's caption: says which input the times are measured on when it is not the
/// configuration's own.
fn caption(s: &Series, t: &crate::i18n::Texts) -> &'static str {
    match (s.time_at, s.arg) {
        (super::TimeAt::Shown, _) => t.chart_time,
        (super::TimeAt::Article, conv2d_core::sweep::SweepArg::InputSize) => {
            t.chart_time_article[1]
        }
        (super::TimeAt::Article, _) => t.chart_time_article[0],
    }
}
