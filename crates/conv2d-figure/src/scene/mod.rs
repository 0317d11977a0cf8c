//! The figure as a list of primitives in CSS pixels. Backends (the page's canvas, the SVG export and,
//! through it, the CLI's PNG and GIF) only walk this list: values become one heatmap per grid (one
//! pixel per cell, scaled without smoothing), so a 16×64×64 input is 16 images, not 65,536
//! rectangles.
//!
//! The scene is built band by band (`bands.rs`: titles, inputs, kernels, bias, outputs), then the
//! highlight on top (`highlights.rs`), all through one painter (`paint.rs`).

mod bands;
mod context;

pub use bands::ranges;
mod highlights;
mod notes;
pub use notes::annotate;
mod paint;

use conv2d_core::{Layer, Tensor, TransposeLayer};

use crate::highlight::Highlight;
use crate::layout::Layout;
use crate::palette::{Ink, Rgba};
use paint::Painter;

/// The font every backend sets the scene's text in (a CSS `font-family` list): the system's UI face,
/// then common sans-serif faces with CJK coverage, then any sans-serif.
pub const FONT_STACK: &str =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";

/// How opaque the veil of paper is that dims a figure (the last valid figure, kept under an error).
pub const DIM_OPACITY: f32 = 0.62;

/// [`DIM_OPACITY`] as an 8-bit alpha (158), for backends that take colours with alpha.
pub const DIM_ALPHA: u8 = (DIM_OPACITY * 255.0 + 0.5) as u8;

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
        /// The widest it may be set: a backend squeezes it to this width (none: as wide as it is).
        fit: Option<f32>,
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
    /// "bias", before the bias's shape in the weight band's title.
    pub bias: &'static str,
    /// "zeros inserted": a transposed convolution's input read as a convolution.
    pub inserted: &'static str,
    /// "kernel taps per cell": the output band's overlap map.
    pub overlap: &'static str,
    /// "flipped weight": the kernel a transposed convolution's equivalent convolution sweeps.
    pub flipped: &'static str,
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
        bias: "bias",
        inserted: "zeros inserted",
        overlap: "kernel taps per cell",
        flipped: "flipped weight",
    };
}

/// The data a figure shows.
#[derive(Clone, Copy, Debug)]
pub struct Figure<'a> {
    /// The checked layer (for a transposed convolution, the shapes it draws: the equivalent
    /// convolution's, or [`crate::scatter::shown_layer`]'s when `scatter` is set).
    pub layer: &'a Layer,
    /// The transposed convolution this figure shows, if it is one.
    pub transposed: Option<Transposing<'a>>,
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

/// How a figure shows a transposed convolution.
#[derive(Clone, Copy, Debug)]
pub struct Transposing<'a> {
    /// The layer.
    pub layer: &'a TransposeLayer,
    /// Read from the input's side (highlights, sums and the animation follow its scatter); else
    /// the figure is its equivalent convolution (the input with zeros inserted).
    pub scatter: bool,
    /// The overlap map to show on the output instead of its values: kernel taps per output cell
    /// (row-major `H_out × W_out`, the same in every channel).
    pub overlap: Option<&'a [u32]>,
}

impl Figure<'_> {
    /// The transposed convolution, when the figure reads it as a scatter.
    pub fn scatter(&self) -> Option<&TransposeLayer> {
        self.transposed.filter(|t| t.scatter).map(|t| t.layer)
    }
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

impl Figure<'_> {
    /// Builds the scene for this figure in `layout`, on white (as every export is).
    pub fn scene(&self, layout: &Layout) -> Scene {
        self.scene_in(layout, Ink::LIGHT)
    }

    /// Builds the scene for this figure in `layout`, in `ink`: the band titles, every grid, the bias
    /// boxes, the veil over what the focus does not use, then the highlight on top.
    pub fn scene_in(&self, layout: &Layout, ink: Ink) -> Scene {
        let mut p = Painter::new(ink);
        let scales = bands::Scales::of(self);
        bands::titles(&mut p, self, layout);
        bands::grids(&mut p, self, layout, &scales);
        bands::bias(&mut p, self, layout, &scales);
        context::draw(&mut p, self, layout);
        highlights::draw(&mut p, self, layout);
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
    use super::paint::text_width;
    use super::*;
    use crate::Layout;
    use conv2d_core::data::{self, InputData, KernelData};
    use conv2d_core::{forward, validate, Conv2dSpec};

    /// The veil's alpha is its opacity in eight bits, so the canvas and the SVG dim alike.
    #[test]
    fn the_dimming_alpha_is_the_opacity_in_eight_bits() {
        assert_eq!(DIM_ALPHA, (DIM_OPACITY * 255.0).round() as u8);
    }

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
                transposed: None,
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
