//! The SVG backend: the same `Scene` the canvas draws, as a standalone SVG document (for export).
//! Heatmaps become one `<rect>` per cell, so an exported figure stays sharp at any zoom.

use std::fmt::Write;

use crate::palette::Rgba;
use crate::scene::{Align, Item, Scene, DIM_OPACITY, FONT_STACK};

fn color(c: Rgba) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

fn opacity(c: Rgba) -> String {
    if c.3 == 255 {
        String::new()
    } else {
        format!(r#" fill-opacity="{:.3}""#, f32::from(c.3) / 255.0)
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `scene` as an SVG document, `scale` CSS px per scene px; `dimmed` veils it as on screen.
pub fn to_svg(scene: &Scene, scale: f32, dimmed: bool) -> String {
    let (w, h) = (scene.width * scale, scene.height * scale);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {} {}" font-family="{FONT_STACK}">"#,
        scene.width, scene.height
    );
    let _ = write!(
        out,
        r#"<rect width="{}" height="{}" fill="{}"/>"#,
        scene.width,
        scene.height,
        color(scene.paper)
    );
    for i in &scene.items {
        item(&mut out, i);
    }
    if dimmed {
        let _ = write!(
            out,
            r#"<rect width="{}" height="{}" fill="{}" fill-opacity="{DIM_OPACITY}"/>"#,
            scene.width,
            scene.height,
            color(scene.paper)
        );
    }
    out.push_str("</svg>");
    out
}

/// One item of the scene as SVG elements.
fn item(out: &mut String, item: &Item) {
    match item {
        Item::Heatmap {
            x,
            y,
            cell,
            cols,
            rgba,
            ..
        } => heatmap(out, (*x, *y), *cell, *cols, rgba),
        Item::GridLines {
            x,
            y,
            cell,
            rows,
            cols,
            color: c,
        } => grid_lines(out, (*x, *y), *cell, (*rows, *cols), *c),
        Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
            line,
            dashed,
        } => {
            let (fill, fill_opacity) = fill.map_or(("none".to_string(), String::new()), |f| {
                (color(f), opacity(f))
            });
            let stroke = stroke.map_or(String::new(), |s| {
                let dash = if *dashed {
                    r#" stroke-dasharray="4 3""#
                } else {
                    ""
                };
                format!(r#" stroke="{}" stroke-width="{line}"{dash}"#, color(s))
            });
            let _ = write!(
                out,
                r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{fill}"{fill_opacity}{stroke}/>"#
            );
        }
        Item::Text {
            x,
            y,
            text,
            size,
            color: c,
            align,
            bold,
            fit,
        } => {
            let squeeze = fit.map_or(String::new(), |w| {
                format!(r#" textLength="{w}" lengthAdjust="spacingAndGlyphs""#)
            });
            let anchor = match align {
                Align::Left => "start",
                Align::Center => "middle",
            };
            let _ = write!(
                out,
                r#"<text x="{x}" y="{y}" font-size="{size}" fill="{}" text-anchor="{anchor}" dominant-baseline="central"{}{squeeze}>{}</text>"#,
                color(*c),
                if *bold { r#" font-weight="600""# } else { "" },
                escape(text)
            );
        }
    }
}

/// A heatmap as one crisp `<rect>` per cell (row-major RGBA, `cols` cells a row).
fn heatmap(out: &mut String, (x, y): (f32, f32), cell: f32, cols: usize, rgba: &[u8]) {
    out.push_str(r#"<g shape-rendering="crispEdges">"#);
    for (i, px) in rgba.chunks_exact(4).enumerate() {
        let (r, c) = (i / cols.max(1), i % cols.max(1));
        let col = Rgba(px[0], px[1], px[2], px[3]);
        if col.3 == 0 {
            continue; // a clear cell (a veil's gap) draws nothing
        }
        let _ = write!(
            out,
            r#"<rect x="{}" y="{}" width="{cell}" height="{cell}" fill="{}"{}/>"#,
            x + c as f32 * cell,
            y + r as f32 * cell,
            color(col),
            opacity(col)
        );
    }
    out.push_str("</g>");
}

/// The lines between a grid's cells as one path (nothing for a single cell).
fn grid_lines(
    out: &mut String,
    (x, y): (f32, f32),
    cell: f32,
    (rows, cols): (usize, usize),
    c: Rgba,
) {
    let mut d = String::new();
    for r in 1..rows {
        let yy = y + r as f32 * cell;
        let _ = write!(d, "M{x} {yy}H{}", x + cols as f32 * cell);
    }
    for k in 1..cols {
        let xx = x + k as f32 * cell;
        let _ = write!(d, "M{xx} {y}V{}", y + rows as f32 * cell);
    }
    if !d.is_empty() {
        let _ = write!(
            out,
            r#"<path d="{d}" stroke="{}" stroke-opacity="{:.3}" stroke-width="1" fill="none"/>"#,
            color(c),
            f32::from(c.3) / 255.0
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Figure, Highlight, Layout};
    use conv2d_core::data::{self, InputData, KernelData};
    use conv2d_core::{forward, validate, Conv2dSpec};

    #[test]
    fn the_svg_has_a_cell_per_value_and_escapes_text() {
        let spec = Conv2dSpec::figure1();
        let layer = validate(&spec, [3, 7, 7]).unwrap();
        let x = data::input(&layer, InputData::Seeded, 0);
        let (w, b) = data::weights(&layer, KernelData::Seeded, 0).unwrap();
        let out = forward::forward(&layer, &x, &w, b.as_deref());
        let hl = Highlight::default();
        let fig = Figure {
            transposed: None,
            layer: &layer,
            input: &x,
            weight: &w,
            bias: b.as_deref(),
            output: &out.data,
            highlight: &hl,
            filled: 18,
            words: &crate::scene::Words::EN,
        };
        let scene = fig.scene(&Layout::new(&layer, 800.0));
        let svg = to_svg(&scene, 2.0, false);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        // 3 padded 9×9 inputs + 6 kernels of 3×3 + 2 outputs of 3×3 cells.
        let cells = 3 * 81 + 6 * 9 + 2 * 9;
        assert_eq!(
            svg.matches(r#"shape-rendering="crispEdges""#).count(),
            3 + 6 + 2
        );
        assert!(svg.matches("<rect x=").count() >= cells);
        assert!(svg.contains("input (3, 7, 7)"));
        assert_eq!(escape("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");

        // In dark ink only the surroundings change: the paper, the words and the padding, never a
        // value's colour.
        let dark = fig.scene_in(&Layout::new(&layer, 800.0), crate::palette::Ink::DARK);
        let dark_svg = to_svg(&dark, 2.0, false);
        assert!(dark_svg.contains(r##"fill="#222228""##));
        assert!(!dark_svg.contains(r##"fill="#ffffff"/>"##));
        let values = |s: &Scene| -> Vec<Vec<u8>> {
            s.items
                .iter()
                .filter_map(|i| match i {
                    Item::Heatmap { rgba, .. } => Some(rgba.clone()),
                    _ => None,
                })
                .collect()
        };
        let (light, dark) = (values(&scene), values(&dark));
        // Kernels and outputs (no padding ring, all computed) are coloured identically.
        assert_eq!(light[3..], dark[3..]);
        assert_ne!(light[0], dark[0], "the padding ring follows the ink");
    }
}
