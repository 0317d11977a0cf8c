//! The side-by-side arrangement: inputs, kernels and outputs as three columns, each band shelved
//! into as few lines as its column's height allows. Cells start equal in all three and then grow,
//! the smallest first, while everything still fits.

use super::flow::{larger, smaller, Piece, MARGIN};
use super::{pieces, Arrangement, Band, Layer, Layout, Title, COLUMN_GAP, COLUMN_MIN, TITLE_2};

/// Each band's cell size and pieces per line.
type Plan = [(f32, usize); 3];

/// The page's smallest kernel cell while the grids' cells are larger (kernel values stay readable).
const KERNEL_FLOOR: f32 = 14.0;

/// The plan for cells `cells` with each band in as few lines as `room` px of height allows, when
/// the three columns fit `width`.
fn shelve(pieces: &[Piece; 3], cells: [f32; 3], width: f32, room: f32) -> Option<Plan> {
    let mut plan = [(0.0, 1); 3];
    let mut total = 2.0 * MARGIN + 2.0 * COLUMN_GAP;
    for (i, (piece, &s)) in pieces.iter().zip(&cells).enumerate() {
        let (per_line, (w, _)) = piece.shelf(s, room)?;
        plan[i] = (s, per_line);
        total += w.max(COLUMN_MIN);
    }
    (total <= width).then_some(plan)
}

/// The width the three columns take under `plan`.
fn total_width(pieces: &[Piece; 3], plan: &Plan) -> f32 {
    pieces
        .iter()
        .zip(plan)
        .fold(2.0 * MARGIN + 2.0 * COLUMN_GAP, |acc, (piece, &(s, p))| {
            acc + piece.extent(s, p).0.max(COLUMN_MIN)
        })
}

/// The kernels' cell beside grids of cells `s`: at least [`KERNEL_FLOOR`] when that is allowed.
fn kernel_cell(s: f32, max_cell: f32) -> f32 {
    s.max(KERNEL_FLOOR.min(max_cell))
}

/// The largest equal cell (≥ `min_cell`) with which the whole figure fits `width × room`.
fn uniform(
    pieces: &[Piece; 3],
    width: f32,
    room: f32,
    max_cell: f32,
    min_cell: f32,
) -> Option<Plan> {
    let mut s = max_cell;
    while s >= min_cell {
        let fits = shelve(pieces, [s, kernel_cell(s, max_cell), s], width, room)
            .or_else(|| shelve(pieces, [s, s, s], width, room));
        if fits.is_some() {
            return fits;
        }
        s = smaller(s);
    }
    None
}

/// Grows the bands' cells a step at a time while everything fits, always the smallest first (the
/// inputs or the outputs, then the kernels), so no band is left small while another is large.
fn grow(pieces: &[Piece; 3], mut plan: Plan, width: f32, room: f32, max_cell: f32) -> Plan {
    loop {
        let mut order = [2, 0, 1];
        // Stable: on a tie the outputs, then the inputs, then the kernels.
        order.sort_by(|&a, &b| {
            (a == 1, plan[a].0)
                .partial_cmp(&(b == 1, plan[b].0))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let grown = order.iter().find_map(|&i| {
            let s = larger(plan[i].0);
            let mut cells = plan.map(|(c, _)| c);
            cells[i] = s;
            (s <= max_cell)
                .then(|| shelve(pieces, cells, width, room))
                .flatten()
        });
        match grown {
            Some(p) => plan = p,
            None => return plan,
        }
    }
}

/// The three columns within `width × height`, cells between `min_cell` and `max_cell`; `None`
/// when they do not fit.
pub(super) fn arrange(
    layer: &Layer,
    width: f32,
    height: f32,
    max_cell: f32,
    min_cell: f32,
) -> Option<Layout> {
    let pieces = pieces(layer);
    let room = height - TITLE_2;
    let plan = uniform(&pieces, width, room, max_cell, min_cell)?;
    let plan = grow(&pieces, plan, width, room, max_cell);
    Some(build(&pieces, &plan, width))
}

/// Three columns too tall for `height`, but with each band's first line within it, so the first
/// input, kernel and output are on screen together; the columns then use the width left to be
/// shorter. `None` when even one grid per line does not fit the width at `min_cell`.
pub(super) fn first_lines(
    layer: &Layer,
    width: f32,
    height: f32,
    max_cell: f32,
    min_cell: f32,
) -> Option<Layout> {
    let pieces = pieces(layer);
    let first_fits = |plan: &Plan| {
        pieces.iter().zip(plan).all(|(piece, &(s, _))| {
            TITLE_2 + piece.extent(s, 1).1 / piece.n.max(1) as f32 <= height
        })
    };
    let mut s = max_cell;
    let mut plan = loop {
        if s < min_cell {
            return None;
        }
        let k = kernel_cell(s, max_cell);
        let plan = [(s, 1), (k, 1), (s, 1)];
        if first_fits(&plan) && total_width(&pieces, &plan) <= width {
            break plan;
        }
        s = smaller(s);
    };
    // More per line for the tallest band while the width allows.
    loop {
        let tallest = (0..3).max_by(|&a, &b| {
            let h = |i: usize| pieces[i].extent(plan[i].0, plan[i].1).1;
            h(a).total_cmp(&h(b))
        });
        let Some(i) = tallest else { break };
        let mut wider = plan;
        wider[i].1 += 1;
        if wider[i].1 > pieces[i].n || total_width(&pieces, &wider) > width {
            break;
        }
        plan = wider;
    }
    Some(build(&pieces, &plan, width))
}

/// The layout of `plan`: titles atop the columns, each band's grids from the top of its column.
fn build(pieces: &[Piece; 3], plan: &Plan, width: f32) -> Layout {
    let mut l = Layout::empty(width, Arrangement::Columns);
    let names = ["input", "weight", "output"];
    let bands: [fn(usize) -> Band; 3] = [Band::Input, |_| Band::Kernel(0, 0), Band::Output];
    let mut x = MARGIN;
    for i in 0..3 {
        let (s, per_line) = plan[i];
        let (w, h) = pieces[i].extent(s, per_line);
        let column = w.max(COLUMN_MIN);
        let room = if i == 2 {
            width - x - MARGIN
        } else {
            column + COLUMN_GAP - 10.0
        };
        l.titles.push(Title {
            text: names[i].into(),
            x,
            y: 18.0,
            max_width: room,
            lines: 2,
        });
        l.place(&pieces[i], s, per_line, (x, TITLE_2), bands[i]);
        l.height = l.height.max(TITLE_2 + h);
        x += column + COLUMN_GAP;
    }
    l
}
