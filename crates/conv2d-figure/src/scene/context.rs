//! Focus and context: with a cell in focus, what its computation does not use fades under a veil of
//! paper, so the eye lands on what does. For an output cell: the input channels outside its group,
//! the input cells outside its window, the other output channels' kernels, biases and grids. For an
//! input cell: the other input channels, the kernels of other groups, and the output cells it does
//! not feed. A transposed convolution's output cell (read as a scatter) keeps only the kernel taps
//! that land on it.

use std::collections::BTreeSet;

use super::paint::Painter;
use super::{Figure, Item};
use crate::layout::{Band, GridBox, Layout};

/// How opaque the veil is (of 255): the faded cells stay readable, a step behind.
pub const VEIL_ALPHA: u8 = 150;

/// The veil over a rectangle `(x, y, w, h)`.
fn veil(p: &mut Painter, (x, y, w, h): (f32, f32, f32, f32)) {
    let fill = p.ink.paper.alpha(VEIL_ALPHA);
    p.items.push(Item::Rect {
        x,
        y,
        w,
        h,
        fill: Some(fill),
        stroke: None,
        line: 0.0,
        dashed: false,
    });
}

/// The veil over a whole grid.
fn over(p: &mut Painter, g: &GridBox) {
    veil(p, (g.x, g.y, g.width(), g.height()));
}

/// The veil over the cells of `g` that `keep` does not hold (row, column).
fn over_cells(p: &mut Painter, g: &GridBox, keep: impl Fn(usize, usize) -> bool) {
    let veil = p.ink.paper.alpha(VEIL_ALPHA);
    let mut rgba = Vec::with_capacity(g.rows * g.cols * 4);
    for r in 0..g.rows {
        for c in 0..g.cols {
            let a = if keep(r, c) { 0 } else { veil.3 };
            rgba.extend_from_slice(&[veil.0, veil.1, veil.2, a]);
        }
    }
    p.items.push(Item::Heatmap {
        x: g.x,
        y: g.y,
        cell: g.cell,
        rows: g.rows,
        cols: g.cols,
        rgba,
    });
}

/// The veils for `fig`'s focus (none without one).
pub(super) fn draw(p: &mut Painter, fig: &Figure<'_>, layout: &Layout) {
    let (l, hl) = (fig.layer, fig.highlight);
    let focus_output = hl.kernel;
    let focus_input = hl.input_positions.first().map(|&(c, _, _)| c);
    if focus_output.is_none() && focus_input.is_none() {
        return;
    }
    let taps: BTreeSet<(usize, usize, usize)> =
        hl.taps.iter().map(|t| (t.in_channel, t.py, t.px)).collect();
    let lit: BTreeSet<(usize, usize, usize)> =
        hl.outputs.iter().map(|o| (o.channel, o.y, o.x)).collect();
    // The group at work: the focused output channel's, or the focused input channel's.
    let group = match (focus_output, focus_input) {
        (Some(oc), _) => l.group_of_output(oc),
        (None, Some(c)) => l.group_of_input(c),
        (None, None) => return,
    };
    for g in &layout.grids {
        match g.band {
            Band::Input(c)
                if l.group_of_input(c) != group || focus_input.is_some_and(|f| f != c) =>
            {
                over(p, g);
            }
            Band::Input(c) if focus_output.is_some() => {
                over_cells(p, g, |r, col| taps.contains(&(c, r, col)));
            }
            Band::Kernel(oc, ci) => {
                // The focused output channel's slices; or, for an input cell, the slice that
                // multiplies it in each kernel of its group.
                let used = match (focus_output, focus_input) {
                    (Some(f), _) => f == oc,
                    (None, Some(c)) => {
                        l.group_of_output(oc) == group && c % l.in_per_group().max(1) == ci
                    }
                    (None, None) => true,
                };
                if !used {
                    over(p, g);
                } else if focus_output.is_some() && !hl.kernel_taps.is_empty() {
                    // A transposed convolution's cell takes only the taps that land on it.
                    over_cells(p, g, |r, col| hl.kernel_taps.contains(&(ci, r, col)));
                }
            }
            Band::Output(oc) if focus_output.is_some_and(|f| f != oc) => over(p, g),
            Band::Output(oc) if focus_input.is_some() => {
                over_cells(p, g, |r, col| lit.contains(&(oc, r, col)));
            }
            _ => {}
        }
    }
    if let Some(f) = focus_output {
        for (oc, &(x, y, side)) in layout.bias.iter().enumerate() {
            if oc != f {
                veil(p, (x, y, side, side));
            }
        }
    }
}
