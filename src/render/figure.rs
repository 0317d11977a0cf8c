//! The figure's scene from a view, as the page and the figure's worker both draw it: how much
//! height it takes ([`Fit`]), how it is drawn beside its data ([`Look`]), and which figures are
//! too large to draw on the page's thread ([`heavy`]).

use conv2d_figure::layout::Layout;
use conv2d_figure::palette::Ink;
use conv2d_figure::scene::{Scene, Words};
use conv2d_figure::Highlight;

use crate::state::View;

/// How the figure uses the height below its top.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fit {
    /// The page: the whole figure within this height when its cells stay readable, else at least
    /// the first grid of each band (the figure grows down).
    Page(f32),
    /// An iframe or a projector: all of it within this height, cells as small as that takes.
    Frame(f32),
}

impl Fit {
    /// The layout of `layer` in `width` px.
    pub fn layout(self, layer: &conv2d_core::Layer, width: f32) -> Layout {
        match self {
            Fit::Page(h) => Layout::on_screen(layer, width, h),
            Fit::Frame(h) => Layout::fitting(layer, width, h),
        }
    }

    /// To whole pixels (so a layout is not redone for a fraction of one).
    pub fn rounded(self) -> Self {
        match self {
            Fit::Page(h) => Fit::Page(h.round()),
            Fit::Frame(h) => Fit::Frame(h.round()),
        }
    }
}

/// How the figure is drawn, beside its data.
#[derive(Clone, Copy, PartialEq)]
pub struct Look {
    /// Output cells filled so far.
    pub filled: usize,
    /// Veiled (the last valid figure under an error).
    pub dimmed: bool,
    /// In the dark theme's ink.
    pub dark: bool,
    /// The words drawn in it.
    pub words: &'static Words,
}

/// Grids beyond which drawing the figure takes more than a frame or two here: thousands of kernels,
/// hundreds of thousands of cells, or a canvas of millions of pixels (figure 1 with 63 output
/// channels is 1049 × 9872: setting up and painting its bitmap took 50 ms on the page's thread).
pub fn heavy(layout: &Layout) -> bool {
    let cells: usize = layout.grids.iter().map(|g| g.rows * g.cols).sum();
    layout.grids.len() > 1024 || cells > 150_000 || layout.width * layout.height > HEAVY_AREA
}

/// The canvas area, CSS px², beyond which a figure is heavy whatever it holds.
const HEAVY_AREA: f32 = 3_000_000.0;

/// The scene of `view` in `layout` with `highlight`, as `look` says.
pub fn scene(view: &View, layout: &Layout, highlight: &Highlight, look: Look) -> Scene {
    let ink = if look.dark { Ink::DARK } else { Ink::LIGHT };
    // A scatter shows the output as the input cells so far have painted it.
    let partial = view.partial(look.filled);
    let mut fig = view.figure(highlight, look.filled, look.words);
    if let Some(out) = &partial {
        fig.output = out;
        fig.filled = out.len();
    }
    fig.scene_in(layout, ink)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::presets::PRESETS;
    use conv2d_core::{Arg, Value};

    /// The layout the page gives figure 1 with `out` output channels, 1049 px wide.
    fn figure1_with(out: i64) -> Layout {
        let mut config = PRESETS[0].config();
        config.set(Arg::OutChannels, Value::Int(out));
        let layer = *config.check().unwrap().conv2d().unwrap();
        Fit::Page(600.0).layout(&layer, 1049.0)
    }

    #[test]
    fn a_figure_is_heavy_by_its_grids_its_cells_or_its_canvas() {
        // Figure 1: 11 grids on a small canvas, drawn on the page.
        let small = figure1_with(2);
        assert!(!heavy(&small));
        // 63 output channels: 255 grids and few cells, but a canvas some ten times taller.
        let tall = figure1_with(63);
        assert!(tall.grids.len() < 1024);
        assert!(tall.width * tall.height > HEAVY_AREA);
        assert!(heavy(&tall));
    }
}
