//! The counts chart: exact parameters (left axis) and multiply-accumulates (right axis) against the
//! swept argument, the configuration's own value marked. Plain plotters on any backend.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Mapping, Marker, Series, Style, MACS_COLOR, PARAMS_COLOR};

/// Draws the counts of `s` on `area`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: &Series,
    style: &Style,
) -> Result<Mapping, String> {
    let e = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let (x0, x1) = super::x_range(s);
    let sc = style.scale;
    let range = |v: &mut dyn Iterator<Item = f64>| {
        let (lo, hi) = v.fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
        super::pad_range(sc, lo, hi)
    };
    let (p0, p1) = range(&mut s.points.iter().map(|p| sc.y(p.params as f64)));
    let (m0, m1) = range(&mut s.points.iter().map(|p| sc.y(p.macs as f64)));
    // Counts are whole numbers: short forms on a linear axis, 1-2-5 values on a log one.
    let label = |v: f64, span: f64| match sc {
        super::Scale::Linear if v.abs() < 1e3 => super::tick_label(v, span / 5.0),
        super::Scale::Linear => super::short_number(v),
        super::Scale::Log => super::log_tick_label(10f64.powf(v)),
    };
    let f = |css: f64| style.px(css);
    let mut chart = ChartBuilder::on(area)
        .margin(f(6.0))
        .x_label_area_size(f(20.0))
        .y_label_area_size(f(50.0))
        .right_y_label_area_size(f(54.0))
        .caption(style.t.chart_counts, style.font(13.0))
        .build_cartesian_2d(x0..x1, super::y_axis(sc, (p0, p1)))
        .map_err(e)?
        .set_secondary_coord(x0..x1, super::y_axis(sc, (m0, m1)));
    chart
        .configure_mesh()
        .x_labels(8)
        .y_labels(5)
        .x_label_formatter(&super::integer_label)
        .y_label_formatter(&|v| label(*v, p1 - p0))
        .label_style(style.font(11.0))
        .axis_style(style.ink.text)
        .bold_line_style(style.ink.grid)
        .light_line_style(style.ink.faint)
        .y_desc(style.t.axis_params)
        .axis_desc_style(("sans-serif", f(11.0)).into_font().color(&PARAMS_COLOR))
        .draw()
        .map_err(e)?;
    chart
        .configure_secondary_axes()
        .y_labels(5)
        .y_label_formatter(&|v| label(*v, m1 - m0))
        .label_style(style.font(11.0))
        .axis_style(style.ink.text)
        .y_desc(style.t.axis_macs)
        .axis_desc_style(("sans-serif", f(11.0)).into_font().color(&MACS_COLOR))
        .draw()
        .map_err(e)?;
    super::mark_current(&mut chart, s.current, (p0, p1), style)?;
    let params: Vec<(f64, f64)> = s
        .points
        .iter()
        .map(|p| (p.x as f64, sc.y(p.params as f64)))
        .collect();
    let macs: Vec<(f64, f64)> = s
        .points
        .iter()
        .map(|p| (p.x as f64, sc.y(p.macs as f64)))
        .collect();
    super::trace(
        chart.plotting_area(),
        &params,
        PARAMS_COLOR,
        Marker::Circle,
        style,
    )?;
    super::trace(
        chart.secondary_plotting_area(),
        &macs,
        MACS_COLOR,
        Marker::Triangle,
        style,
    )?;
    Ok(Mapping::of(chart.plotting_area(), x0, x1))
}
