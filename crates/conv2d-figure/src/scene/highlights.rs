//! The highlight, drawn last so it sits on top: outlines on the focused output cell's taps and
//! kernel slice, or on the focused input cell (and its copies) and every output cell it feeds.

use conv2d_core::Source;

use super::paint::{Painter, Stroke};
use super::Figure;
use crate::layout::{Band, Layout};
use crate::palette::FOCUS;

/// Outlines cell `(row, col)` of the grid showing `band`, inside the cell so neighbours stay apart.
fn cell(p: &mut Painter, layout: &Layout, band: Band, (row, col): (usize, usize), dashed: bool) {
    if let Some(g) = layout.grid(band) {
        let (x, y) = g.cell_origin(row, col);
        let line = (g.cell * 0.12).clamp(1.5, 3.5);
        let stroke = Stroke {
            dashed,
            ..Stroke::solid(FOCUS, line)
        };
        let side = g.cell - line;
        p.outline((x + line / 2.0, y + line / 2.0, side, side), stroke);
    }
}

/// Every highlighted cell and kernel of `fig.highlight`.
pub(super) fn draw(p: &mut Painter, fig: &Figure<'_>, layout: &Layout) {
    let (l, hl) = (fig.layer, fig.highlight);
    for t in &hl.taps {
        cell(p, layout, Band::Input(t.in_channel), (t.py, t.px), false);
    }
    if let Some(oc) = hl.kernel {
        for ci in 0..l.in_per_group() {
            if let Some(g) = layout.grid(Band::Kernel(oc, ci)) {
                let frame = (g.x - 2.5, g.y - 2.5, g.width() + 5.0, g.height() + 5.0);
                p.outline(frame, Stroke::solid(FOCUS, 3.0));
            }
        }
    }
    if let Some(oc) = hl.kernel {
        for &(ci, ky, kx) in &hl.kernel_taps {
            cell(p, layout, Band::Kernel(oc, ci), (ky, kx), false);
        }
    }
    for &(c, py, px) in &hl.input_positions {
        // Copies in the padding ring are dashed: the value is the focused cell's, the place is not.
        let real = matches!(l.source(py, px), Source::Input { .. });
        cell(p, layout, Band::Input(c), (py, px), !real);
    }
    for o in &hl.outputs {
        cell(p, layout, Band::Output(o.channel), (o.y, o.x), false);
    }
}
