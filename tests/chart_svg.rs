//! One chart drawn natively through plotters' SVG backend: what the page draws on its canvas, checked
//! without a browser. The counts are the core's (exact); the timings are set here, as a browser's
//! measurements would be.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use conv2d_core::sweep::SweepArg;
use conv2d_core::{Arg, Config, Conv2dSpec};
use conv2d_playground::charts::{draw_all, Scale, Series, Style, Timing, PARAMS_COLOR};
use plotters::prelude::*;

/// The `(cx, cy)` of every circle filled with `color` in an SVG document.
fn circles(svg: &str, color: RGBColor) -> Vec<(f64, f64)> {
    let fill = format!("#{:02X}{:02X}{:02X}", color.0, color.1, color.2);
    svg.split("<circle")
        .skip(1)
        .map(|c| &c[..c.find("/>").unwrap()])
        .filter(|c| c.to_uppercase().contains(&fill))
        .map(|c| {
            let attr = |name: &str| -> f64 {
                let at = c.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
                c[at..at + c[at..].find('"').unwrap()].parse().unwrap()
            };
            (attr("cx"), attr("cy"))
        })
        .collect()
}

fn draw(series: &Series, scale: Scale) -> (String, conv2d_playground::charts::Mapping) {
    let mut svg = String::new();
    let style = Style {
        ink: conv2d_playground::charts::Ink::LIGHT,
        scale,
        dpr: 1.0,
        t: &conv2d_playground::i18n::EN,
    };
    let mapping = {
        let root = SVGBackend::with_string(&mut svg, (600, 600)).into_drawing_area();
        draw_all(root, series, &style).unwrap()
    };
    (svg, mapping)
}

#[test]
fn the_out_channels_chart_draws_every_point_where_a_click_finds_it() {
    let config = Config::conv2d(Conv2dSpec::figure1(), 7, 7);
    let mut series = Series::new(SweepArg::Arg(Arg::OutChannels), &config);
    for (i, p) in series.points.iter_mut().enumerate() {
        let ms = 0.01 * (i + 1) as f64;
        p.timing = Some(Timing {
            median_ms: ms,
            min_ms: ms,
            max_ms: ms,
            repeats: 7,
        });
    }
    for scale in [Scale::Linear, Scale::Log] {
        let (svg, mapping) = draw(&series, scale);
        let t = &conv2d_playground::i18n::EN;
        for words in [t.chart_counts, t.chart_time, t.axis_params, t.axis_macs] {
            assert!(svg.contains(words), "{words:?} is not drawn");
        }
        // One parameters marker per point, left to right in x order, higher for more parameters.
        let dots = circles(&svg, PARAMS_COLOR);
        assert_eq!(dots.len(), series.points.len(), "{scale:?}");
        for (w, p) in dots.windows(2).zip(series.points.windows(2)) {
            assert!(w[0].0 < w[1].0, "x grows left to right");
            assert_eq!(
                w[0].1 > w[1].1,
                p[0].params < p[1].params,
                "more parameters are drawn higher ({scale:?})"
            );
        }
        // The x mapping the page uses for hover and click finds each point under its own marker
        // (the counts chart sits above the timing chart and shares its x axis).
        for (dot, p) in dots.iter().zip(&series.points) {
            let x = mapping.x_at(dot.0.round() as i32).unwrap();
            assert!((x - p.x as f64).abs() < 0.5, "{x} for {}", p.x);
        }
    }
}

#[test]
fn a_dark_chart_is_drawn_on_the_dark_paper_in_light_words() {
    use conv2d_playground::charts::Ink;
    let config = Config::conv2d(Conv2dSpec::figure1(), 7, 7);
    let series = Series::new(SweepArg::Arg(Arg::OutChannels), &config);
    let hex = |c: RGBColor| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2);
    for ink in [Ink::LIGHT, Ink::DARK] {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (600, 600)).into_drawing_area();
            let style = Style {
                ink,
                scale: Scale::Linear,
                dpr: 1.0,
                t: &conv2d_playground::i18n::EN,
            };
            draw_all(root, &series, &style).unwrap();
        }
        let upper = svg.to_uppercase();
        // The first thing drawn fills the whole chart with the paper.
        let first_rect = &upper[upper.find("<RECT").unwrap()..];
        assert!(first_rect[..first_rect.find("/>").unwrap()].contains(&hex(ink.paper)));
        // The captions are in the ink's words.
        let caption = upper
            .find(&conv2d_playground::i18n::EN.chart_counts.to_uppercase())
            .unwrap();
        let text_tag = &upper[upper[..caption].rfind("<TEXT").unwrap()..caption];
        assert!(text_tag.contains(&hex(ink.text)), "{text_tag}");
    }
}
