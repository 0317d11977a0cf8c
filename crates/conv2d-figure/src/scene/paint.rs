//! The painter the bands and highlights draw with: it appends items to the scene in drawing order
//! and knows the ink, so every frame, label and grid is set the same way.

use super::{fmt_value, Align, Item};
use crate::layout::GridBox;
use crate::palette::{self, Ink, Rgba};

/// A generous estimate of how wide `text` is set at `size` px in a sans-serif face: Latin letters and
/// digits about 0.62 em, CJK characters a full em.
pub(super) fn text_width(text: &str, size: f32) -> f32 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.62 } else { 1.0 })
        .sum::<f32>()
        * size
}

/// How an outline is drawn.
#[derive(Clone, Copy)]
pub(super) struct Stroke {
    pub color: Rgba,
    pub line: f32,
    pub dashed: bool,
}

impl Stroke {
    /// A solid outline.
    pub fn solid(color: Rgba, line: f32) -> Self {
        Self {
            color,
            line,
            dashed: false,
        }
    }
}

/// How a label is set.
#[derive(Clone, Copy)]
pub(super) struct Font {
    pub size: f32,
    pub color: Rgba,
    pub align: Align,
    pub bold: bool,
}

impl Font {
    /// Regular weight.
    pub fn plain(size: f32, color: Rgba, align: Align) -> Self {
        Self {
            size,
            color,
            align,
            bold: false,
        }
    }
}

/// The items drawn so far, and the ink they are drawn in.
pub(super) struct Painter {
    pub items: Vec<Item>,
    pub ink: Ink,
}

impl Painter {
    /// An empty scene in `ink`.
    pub fn new(ink: Ink) -> Self {
        Self {
            items: Vec::new(),
            ink,
        }
    }

    /// An unfilled rectangle `(x, y, w, h)`.
    pub fn outline(&mut self, (x, y, w, h): (f32, f32, f32, f32), s: Stroke) {
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

    /// A line of text centred vertically on `y`.
    pub fn text(&mut self, x: f32, y: f32, text: impl Into<String>, f: Font) {
        self.text_within(x, y, text, f, None);
    }

    /// A line of text no wider than `fit` (squeezed by the backend when it would be).
    pub fn text_within(
        &mut self,
        x: f32,
        y: f32,
        text: impl Into<String>,
        f: Font,
        fit: Option<f32>,
    ) {
        let text = text.into();
        // Only a line that would run over gets a width to keep to.
        let fit = fit.filter(|&w| text_width(&text, f.size) > w);
        self.items.push(Item::Text {
            x,
            y,
            text,
            size: f.size,
            color: f.color,
            align: f.align,
            bold: f.bold,
            fit,
        });
    }

    /// The frame around a grid: thick, in its group's colour, when there are groups; thin otherwise.
    pub fn frame(&mut self, g: &GridBox, group: Option<usize>) {
        let (color, line) = group.map_or((self.ink.muted, 1.0), |i| (palette::group(i), 2.5));
        let (x, y, w, h) = (g.x - 1.0, g.y - 1.0, g.width() + 2.0, g.height() + 2.0);
        self.outline((x, y, w, h), Stroke::solid(color, line));
    }

    /// The small label above a grid ("in 0", "out 1"); just the number when the words would run into
    /// the next grid (small grids, or the longer Chinese words). `last` is the band's last index, so
    /// a whole band is shortened or none of it.
    pub fn label(&mut self, g: &GridBox, word: &str, index: usize, last: usize, room: f32) {
        let font = Font::plain(12.0, self.ink.muted, Align::Left);
        let text = format!("{word} {index}");
        let fits = text_width(&format!("{word} {last}"), font.size) <= room + 6.0;
        let text = if fits { text } else { index.to_string() };
        self.text(g.x, g.y - 8.0, text, font);
    }

    /// A grid of coloured cells: one heatmap, lines between the cells when they are large enough to
    /// need them, and the values written in when they are large enough to read.
    pub fn grid(&mut self, g: &GridBox, colors: &[Rgba], values: &[Option<f32>]) {
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
        if g.cell >= crate::layout::READABLE_CELL {
            self.values(g, colors, values);
        }
    }

    /// The values written in a grid's cells, in the colour that reads on each cell.
    fn values(&mut self, g: &GridBox, colors: &[Rgba], values: &[Option<f32>]) {
        let size = (g.cell * 0.4).clamp(9.0, 16.0);
        for (i, (v, c)) in values.iter().zip(colors).enumerate() {
            if let Some(v) = v {
                let (x, y) = g.cell_origin(i / g.cols, i % g.cols);
                let text = fmt_value(*v);
                let size = if text.len() > 4 { size * 0.8 } else { size };
                let font = Font::plain(size, c.text_on(), Align::Center);
                self.text(x + g.cell / 2.0, y + g.cell / 2.0, text, font);
            }
        }
    }
}
