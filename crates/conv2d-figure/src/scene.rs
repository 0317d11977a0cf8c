//! The figure as a list of primitives in CSS pixels. Backends (canvas now; SVG, PNG, GIF later) only
//! walk this list: values become one heatmap per grid (one pixel per cell, scaled without smoothing),
//! so a 16×64×64 input is 16 images, not 65,536 rectangles.

use conv2d_core::{Layer, Source, Tensor};

use crate::highlight::Highlight;
use crate::layout::{Band, GridBox, Layout};
use crate::palette::{self, Ink, Rgba};

/// Text alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Left edge at x.
    Left,
    /// Centred on x.
    Center,
}

/// One thing to draw.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// `rows × cols` cells of side `cell`, colours row-major RGBA (4 bytes per cell).
    Heatmap {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Cell side.
        cell: f32,
        /// Rows.
        rows: usize,
        /// Columns.
        cols: usize,
        /// RGBA per cell.
        rgba: Vec<u8>,
    },
    /// Thin lines between the cells of a grid.
    GridLines {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Cell side.
        cell: f32,
        /// Rows.
        rows: usize,
        /// Columns.
        cols: usize,
        /// Line colour.
        color: Rgba,
    },
    /// A rectangle, filled and/or outlined.
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill.
        fill: Option<Rgba>,
        /// Outline.
        stroke: Option<Rgba>,
        /// Outline width.
        line: f32,
        /// Dashed outline.
        dashed: bool,
    },
    /// A line of text; `y` is the vertical centre.
    Text {
        /// Anchor x.
        x: f32,
        /// Vertical centre.
        y: f32,
        /// The text.
        text: String,
        /// Font size in px.
        size: f32,
        /// Colour.
        color: Rgba,
        /// Alignment.
        align: Align,
        /// Bold.
        bold: bool,
    },
}

/// Everything to draw, and the size it needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Width in CSS px.
    pub width: f32,
    /// Height in CSS px.
    pub height: f32,
    /// Items in drawing order.
    pub items: Vec<Item>,
    /// The background every backend fills first (and dims with).
    pub paper: Rgba,
}

/// The words drawn in the figure (band titles and grid labels), so the page can translate them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Words {
    /// "input".
    pub input: &'static str,
    /// "weight".
    pub weight: &'static str,
    /// "output".
    pub output: &'static str,
    /// "padded".
    pub padded: &'static str,
    /// Prefix of an input channel's label ("in").
    pub input_channel: &'static str,
    /// Prefix of an output channel's label ("out").
    pub output_channel: &'static str,
    /// "more terms", in a shortened sum.
    pub more_terms: &'static str,
}

impl Words {
    /// English.
    pub const EN: Words = Words {
        input: "input",
        weight: "weight",
        output: "output",
        padded: "padded",
        input_channel: "in",
        output_channel: "out",
        more_terms: "more terms",
    };
}

/// The data a figure shows.
#[derive(Clone, Copy, Debug)]
pub struct Figure<'a> {
    /// The checked layer.
    pub layer: &'a Layer,
    /// Input (C, H, W).
    pub input: &'a Tensor,
    /// Weight (O, I/g, kH, kW).
    pub weight: &'a Tensor,
    /// Bias, if any.
    pub bias: Option<&'a [f32]>,
    /// Output values, row-major (C_out, H_out, W_out).
    pub output: &'a [f32],
    /// What lights up.
    pub highlight: &'a Highlight,
    /// How many output cells (channel-major) have been computed so far in the animation.
    pub filled: usize,
    /// The words to draw.
    pub words: &'a Words,
}

/// A generous estimate of how wide `text` is set at `size` px in a sans-serif face: Latin letters and
/// digits about 0.62 em, CJK characters a full em.
fn text_width(text: &str, size: f32) -> f32 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.62 } else { 1.0 })
        .sum::<f32>()
        * size
}

/// Values as people write them: `3`, `-1.5`, `0.11`.
pub fn fmt_value(v: f32) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    if (v - v.round()).abs() < 5e-4 {
        return format!("{}", v.round() as i64);
    }
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn max_abs(v: &[f32]) -> f32 {
    v.iter().fold(0.0f32, |m, x| m.max(x.abs()))
}

/// Mixes `c` with white (`keep` of the colour kept), for faint copies in the padding ring.
fn faint(c: Rgba, keep: f32) -> Rgba {
    let m = |x: u8| (255.0 - (255.0 - f32::from(x)) * keep).round() as u8;
    Rgba(m(c.0), m(c.1), m(c.2), 255)
}

struct Painter {
    items: Vec<Item>,
    ink: Ink,
}

/// How an outline is drawn.
#[derive(Clone, Copy)]
struct Stroke {
    color: Rgba,
    line: f32,
    dashed: bool,
}

/// How a label is set.
#[derive(Clone, Copy)]
struct Font {
    size: f32,
    color: Rgba,
    align: Align,
    bold: bool,
}

impl Painter {
    fn outline(&mut self, (x, y, w, h): (f32, f32, f32, f32), s: Stroke) {
        self.items.push(Item::Rect {
            x,
            y,
            w,
            h,
            fill: None,
            stroke: Some(s.color),
            line: s.line,
            dashed: s.dashed,
        });
    }

    fn text(&mut self, x: f32, y: f32, text: impl Into<String>, f: Font) {
        self.items.push(Item::Text {
            x,
            y,
            text: text.into(),
            size: f.size,
            color: f.color,
            align: f.align,
            bold: f.bold,
        });
    }

    /// The frame around a grid: thick, in its group's colour, when there are groups; thin otherwise.
    fn frame(&mut self, g: &GridBox, group: Option<usize>) {
        let (color, line) = group.map_or((self.ink.muted, 1.0), |i| (palette::group(i), 2.5));
        let (x, y, w, h) = (g.x - 1.0, g.y - 1.0, g.width() + 2.0, g.height() + 2.0);
        self.outline(
            (x, y, w, h),
            Stroke {
                color,
                line,
                dashed: false,
            },
        );
    }

    /// The small label above a grid ("in 0", "out 1"); just the number when the words would run into
    /// the next grid (small grids, or the longer Chinese words). `last` is the band's last index, so
    /// a whole band is shortened or none of it.
    fn label(&mut self, g: &GridBox, word: &str, index: usize, last: usize, room: f32) {
        let font = Font {
            size: 12.0,
            color: self.ink.muted,
            align: Align::Left,
            bold: false,
        };
        let text = format!("{word} {index}");
        let fits = text_width(&format!("{word} {last}"), font.size) <= room + 6.0;
        let text = if fits { text } else { index.to_string() };
        self.text(g.x, g.y - 8.0, text, font);
    }

    /// A grid of coloured cells with values written in when cells are large enough.
    fn grid(&mut self, g: &GridBox, colors: &[Rgba], values: &[Option<f32>]) {
        let mut rgba = Vec::with_capacity(colors.len() * 4);
        for c in colors {
            rgba.extend_from_slice(&[c.0, c.1, c.2, c.3]);
        }
        self.items.push(Item::Heatmap {
            x: g.x,
            y: g.y,
            cell: g.cell,
            rows: g.rows,
            cols: g.cols,
            rgba,
        });
        if g.cell >= 6.0 {
            self.items.push(Item::GridLines {
                x: g.x,
                y: g.y,
                cell: g.cell,
                rows: g.rows,
                cols: g.cols,
                color: self.ink.lines,
            });
        }
        if g.cell >= 18.0 {
            let size = (g.cell * 0.4).clamp(9.0, 16.0);
            for (i, (v, c)) in values.iter().zip(colors).enumerate() {
                if let Some(v) = v {
                    let (x, y) = g.cell_origin(i / g.cols, i % g.cols);
                    let text = fmt_value(*v);
                    let size = if text.len() > 4 { size * 0.8 } else { size };
                    self.text(
                        x + g.cell / 2.0,
                        y + g.cell / 2.0,
                        text,
                        Font {
                            size,
                            color: c.text_on(),
                            align: Align::Center,
                            bold: false,
                        },
                    );
                }
            }
        }
    }
}

use conv2d_core::format::shape;

impl Figure<'_> {
    /// Builds the scene for this figure in `layout`, on white (as every export is).
    pub fn scene(&self, layout: &Layout) -> Scene {
        self.scene_in(layout, Ink::LIGHT)
    }

    /// Builds the scene for this figure in `layout`, in `ink`.
    pub fn scene_in(&self, layout: &Layout, ink: Ink) -> Scene {
        let l = self.layer;
        let mut p = Painter {
            items: Vec::new(),
            ink,
        };
        let [hp, wp] = l.padded();
        let [cout, ho, wo] = l.output_shape();
        let (h, w) = (l.input[0], l.input[1]);
        let m_in = max_abs(&self.input.data);
        let m_w = max_abs(&self.weight.data).max(self.bias.map_or(0.0, max_abs));
        let m_out = max_abs(self.output);
        let (s_in, s_w, s_out) = (
            palette::Scale::new(m_in),
            palette::Scale::new(m_w),
            palette::Scale::new(m_out),
        );
        let grouped = l.groups > 1;
        let titles = [
            format!(
                "{} {}{}",
                self.words.input,
                shape(&l.input_shape()),
                if [hp, wp] != [h, w] {
                    format!(
                        " · {} {} ({})",
                        self.words.padded,
                        shape(&[hp, wp]),
                        l.mode.name()
                    )
                } else {
                    String::new()
                }
            ),
            format!(
                "{} {}{}",
                self.words.weight,
                shape(&l.weight_shape()),
                l.bias_shape()
                    .map_or(String::new(), |b| format!(" · bias {}", shape(&b)))
            ),
            format!("{} {}", self.words.output, shape(&l.output_shape())),
        ];
        for (t, text) in layout.titles.iter().zip(titles) {
            p.text(
                t.x,
                t.y - 4.0,
                text,
                Font {
                    size: 15.0,
                    color: p.ink.text,
                    align: Align::Left,
                    bold: true,
                },
            );
        }

        for g in &layout.grids {
            match g.band {
                Band::Input(c) => {
                    let mut colors = Vec::with_capacity(hp * wp);
                    let mut values = Vec::with_capacity(hp * wp);
                    for py in 0..hp {
                        for px in 0..wp {
                            match l.source(py, px) {
                                Source::Input { y, x } => {
                                    let v = self.input.data[(c * h + y) * w + x];
                                    colors.push(s_in.color(v));
                                    values.push(Some(v));
                                }
                                Source::Copy { y, x } => {
                                    let v = self.input.data[(c * h + y) * w + x];
                                    colors.push(faint(s_in.color(v), 0.45));
                                    values.push(Some(v));
                                }
                                Source::Zero => {
                                    colors.push(p.ink.pad);
                                    values.push(Some(0.0));
                                }
                            }
                        }
                    }
                    p.grid(g, &colors, &values);
                    // The real input inside the padding ring.
                    let (ox, oy) =
                        g.cell_origin(l.pad.top.max(0) as usize, l.pad.left.max(0) as usize);
                    if [hp, wp] != [h, w] {
                        p.outline(
                            (ox, oy, w.min(wp) as f32 * g.cell, h.min(hp) as f32 * g.cell),
                            Stroke {
                                color: p.ink.muted,
                                line: 1.5,
                                dashed: true,
                            },
                        );
                    }
                    p.frame(g, grouped.then(|| l.group_of_input(c)));
                    p.label(g, self.words.input_channel, c, l.in_channels - 1, g.width());
                }
                Band::Kernel(oc, ci) => {
                    let base = (oc * l.in_per_group() + ci) * l.kernel[0] * l.kernel[1];
                    let vals = &self.weight.data[base..base + l.kernel[0] * l.kernel[1]];
                    let colors: Vec<Rgba> = vals.iter().map(|&v| s_w.color(v)).collect();
                    let values: Vec<Option<f32>> = vals.iter().map(|&v| Some(v)).collect();
                    p.grid(g, &colors, &values);
                    p.frame(g, grouped.then(|| l.group_of_output(oc)));
                    if ci == 0 {
                        // The label may run over this output channel's whole row of kernels.
                        let row_end = layout
                            .grids
                            .iter()
                            .filter(|h| matches!(h.band, Band::Kernel(o, _) if o == oc))
                            .map(|h| h.x + h.width())
                            .fold(g.x + g.width(), f32::max);
                        p.label(g, self.words.output_channel, oc, cout - 1, row_end - g.x);
                    }
                }
                Band::Output(c) => {
                    let n = ho * wo;
                    let mut colors = Vec::with_capacity(n);
                    let mut values = Vec::with_capacity(n);
                    for i in 0..n {
                        if c * n + i < self.filled {
                            let v = self.output[c * n + i];
                            colors.push(s_out.color(v));
                            values.push(Some(v));
                        } else {
                            colors.push(p.ink.empty);
                            values.push(None);
                        }
                    }
                    p.grid(g, &colors, &values);
                    p.frame(g, grouped.then(|| l.group_of_output(c)));
                    p.label(g, self.words.output_channel, c, cout - 1, g.width());
                }
            }
        }
        for (oc, &(x, y, side)) in layout.bias.iter().enumerate() {
            let Some(b) = self.bias else { break };
            let v = b[oc];
            let fill = s_w.color(v);
            p.items.push(Item::Rect {
                x,
                y,
                w: side,
                h: side,
                fill: Some(fill),
                stroke: Some(p.ink.muted),
                line: 1.0,
                dashed: false,
            });
            if side >= 14.0 {
                p.text(
                    x + side / 2.0,
                    y + side / 2.0,
                    fmt_value(v),
                    Font {
                        size: (side * 0.4).clamp(8.0, 14.0),
                        color: fill.text_on(),
                        align: Align::Center,
                        bold: false,
                    },
                );
            }
            p.text(
                x,
                y - 8.0,
                "b",
                Font {
                    size: 12.0,
                    color: p.ink.muted,
                    align: Align::Left,
                    bold: false,
                },
            );
        }
        let _ = cout;

        // Highlights last, so they sit on top.
        let hl = self.highlight;
        for t in &hl.taps {
            if let Some(g) = layout.grid(Band::Input(t.in_channel)) {
                let (x, y) = g.cell_origin(t.py, t.px);
                let line = (g.cell * 0.12).clamp(1.5, 3.5);
                p.outline(
                    (x + line / 2.0, y + line / 2.0, g.cell - line, g.cell - line),
                    Stroke {
                        color: palette::FOCUS,
                        line,
                        dashed: false,
                    },
                );
            }
        }
        if let Some(oc) = hl.kernel {
            for ci in 0..l.in_per_group() {
                if let Some(g) = layout.grid(Band::Kernel(oc, ci)) {
                    p.outline(
                        (g.x - 2.5, g.y - 2.5, g.width() + 5.0, g.height() + 5.0),
                        Stroke {
                            color: palette::FOCUS,
                            line: 3.0,
                            dashed: false,
                        },
                    );
                }
            }
        }
        for &(c, py, px) in &hl.input_positions {
            if let Some(g) = layout.grid(Band::Input(c)) {
                let (x, y) = g.cell_origin(py, px);
                let line = (g.cell * 0.12).clamp(1.5, 3.5);
                let real = matches!(l.source(py, px), Source::Input { .. });
                p.outline(
                    (x + line / 2.0, y + line / 2.0, g.cell - line, g.cell - line),
                    Stroke {
                        color: palette::FOCUS,
                        line,
                        dashed: !real,
                    },
                );
            }
        }
        for o in &hl.outputs {
            if let Some(g) = layout.grid(Band::Output(o.channel)) {
                let (x, y) = g.cell_origin(o.y, o.x);
                let line = (g.cell * 0.12).clamp(1.5, 3.5);
                p.outline(
                    (x + line / 2.0, y + line / 2.0, g.cell - line, g.cell - line),
                    Stroke {
                        color: palette::FOCUS,
                        line,
                        dashed: false,
                    },
                );
            }
        }
        Scene {
            width: layout.width,
            height: layout.height,
            items: p.items,
            paper: ink.paper,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Layout;
    use conv2d_core::data::{self, InputData, KernelData};
    use conv2d_core::{forward, validate, Conv2dSpec};

    /// Grid labels on one line never run into each other, whatever the size and the language.
    #[test]
    fn grid_labels_never_overlap() {
        let layer = validate(&Conv2dSpec::figure1(), [3, 7, 7]).unwrap();
        let x = data::input(&layer, InputData::Seeded, 0);
        let (w, b) = data::weights(&layer, KernelData::Seeded, 0).unwrap();
        let out = forward::forward(&layer, &x, &w, b.as_deref());
        let hl = Highlight::default();
        let zh = Words {
            input_channel: "输入",
            output_channel: "输出",
            ..Words::EN
        };
        for words in [&Words::EN, &zh] {
            let fig = Figure {
                layer: &layer,
                input: &x,
                weight: &w,
                bias: b.as_deref(),
                output: &out.data,
                highlight: &hl,
                filled: 0,
                words,
            };
            for layout in [
                Layout::new(&layer, 800.0),
                Layout::fitting(&layer, 400.0, 300.0),
            ] {
                let mut labels: Vec<(f32, f32, String)> = fig
                    .scene(&layout)
                    .items
                    .into_iter()
                    .filter_map(|i| match i {
                        Item::Text {
                            x,
                            y,
                            text,
                            size: 12.0,
                            ..
                        } => Some((y, x, text)),
                        _ => None,
                    })
                    .collect();
                labels.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
                for pair in labels.windows(2) {
                    let ((y0, x0, t0), (y1, x1, _)) = (&pair[0], &pair[1]);
                    if y0 == y1 {
                        assert!(
                            x0 + text_width(t0, 12.0) <= *x1,
                            "{t0:?} at {x0} runs into the label at {x1} ({} wide)",
                            layout.width
                        );
                    }
                }
                assert!(labels.len() >= 3 + 2 + 2, "every grid keeps a label");
            }
        }
    }
}
