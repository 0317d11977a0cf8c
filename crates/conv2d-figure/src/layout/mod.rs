//! Where everything sits, in CSS pixels. Three bands — the padded input channels, the kernels (one
//! strip per output channel: a slice per input channel of its group, then the bias) and the output
//! channels — either stacked top to bottom (each band picks the largest cell that keeps it within its
//! height budget; exports and narrow screens) or side by side as three columns (`columns.rs`; a wide
//! screen, a projector, an iframe), whichever shows the larger cells in the room there is.
//! Hit-testing maps a point back to a cell (`edit.rs`: the cells a reader can type into).

mod columns;
mod edit;
mod flow;

pub use edit::Cell;

use conv2d_core::receptive::OutputCell;
use conv2d_core::Layer;
use flow::{bias_side, smaller, Piece, KGAP, MARGIN};

/// The better of two layouts for a reader: the larger smallest cell (inputs and outputs), then the
/// larger output cells; side by side on a tie (the first).
fn best(a: Option<Layout>, b: Option<Layout>) -> Option<Layout> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.score() > a.score() { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// Which band a grid belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Band {
    /// Padded input channel `c`.
    Input(usize),
    /// Kernel slice `(out_channel, in_channel_within_group)`.
    Kernel(usize, usize),
    /// Output channel `c`.
    Output(usize),
}

/// A grid's place: top-left corner, cell size, rows and columns.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GridBox {
    /// What the grid shows.
    pub band: Band,
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Side of one cell.
    pub cell: f32,
    /// Rows.
    pub rows: usize,
    /// Columns.
    pub cols: usize,
}

/// The cell `(row, column)` under `(px, py)` of a grid of `rows × cols` cells of side `cell` whose
/// top-left corner is `(x, y)`, if inside (every grid the crate draws hit-tests through this).
pub fn cell_under(
    (x, y): (f32, f32),
    cell: f32,
    (rows, cols): (usize, usize),
    (px, py): (f32, f32),
) -> Option<(usize, usize)> {
    let (cx, cy) = ((px - x) / cell, (py - y) / cell);
    (cx >= 0.0 && cy >= 0.0 && (cx as usize) < cols && (cy as usize) < rows)
        .then_some((cy as usize, cx as usize))
}

impl GridBox {
    /// The cell under `(px, py)`, as (row, column).
    pub fn cell_at(&self, px: f32, py: f32) -> Option<(usize, usize)> {
        cell_under(
            (self.x, self.y),
            self.cell,
            (self.rows, self.cols),
            (px, py),
        )
    }
    /// Top-left corner of cell (row, col).
    pub fn cell_origin(&self, row: usize, col: usize) -> (f32, f32) {
        (
            self.x + col as f32 * self.cell,
            self.y + row as f32 * self.cell,
        )
    }
    /// Width in pixels.
    pub fn width(&self) -> f32 {
        self.cols as f32 * self.cell
    }
    /// Height in pixels.
    pub fn height(&self) -> f32 {
        self.rows as f32 * self.cell
    }
}

/// A band title and where it goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Title {
    /// The band's name in English; the scene writes the drawn title itself (in the figure's
    /// [`Words`](crate::scene::Words), with the shapes) at this place.
    pub text: String,
    /// Left.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// The room it has across: a longer title breaks at " · " (given two lines) and then shrinks.
    pub max_width: f32,
    /// The lines it has room for (18 px apart).
    pub lines: u8,
}

/// How the three bands sit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrangement {
    /// Top to bottom: inputs, kernels, outputs, each across the whole width.
    Stacked,
    /// Side by side: the inputs, the kernels and the outputs as three columns (a wide screen).
    Columns,
}

/// The whole figure's geometry.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Width in CSS px.
    pub width: f32,
    /// Height in CSS px.
    pub height: f32,
    /// Every grid, inputs first, then kernels (row-major by output channel), then outputs.
    pub grids: Vec<GridBox>,
    /// Bias boxes, one per output channel, beside its kernel row: (x, y, side).
    pub bias: Vec<(f32, f32, f32)>,
    /// Band titles.
    pub titles: Vec<Title>,
    /// How the bands sit.
    pub arrangement: Arrangement,
}

/// What a point hits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Hit {
    /// An input cell (unpadded coordinates); a padding copy hits the cell it copies.
    Input {
        /// Channel.
        c: usize,
        /// Row.
        y: usize,
        /// Column.
        x: usize,
    },
    /// An output cell.
    Output(OutputCell),
}

const TITLE: f32 = 26.0;
/// The title room of the side-by-side arrangement: two lines, since a column is narrower than a
/// band title (the scene breaks it at " · ").
const TITLE_2: f32 = 44.0;
/// Between the columns of the side-by-side arrangement.
const COLUMN_GAP: f32 = 22.0;
/// The narrowest column (its title still has room).
const COLUMN_MIN: f32 = 96.0;
const MAX_CELL: f32 = 44.0;
/// The smallest cell whose value is printed: the page fits its figure above the fold only with cells
/// at least this large (else it lets the figure grow).
pub const READABLE_CELL: f32 = 16.0;

/// The three bands of a layer, as pieces.
fn pieces(layer: &Layer) -> [Piece; 3] {
    let [hp, wp] = layer.padded();
    let [cout, ho, wo] = layer.output_shape();
    let [kh, kw] = layer.kernel;
    [
        Piece {
            n: layer.in_channels,
            rows: hp,
            cols: wp,
            slices: None,
        },
        Piece {
            n: cout,
            rows: kh,
            cols: kw,
            slices: Some(layer.in_per_group()),
        },
        Piece {
            n: cout,
            rows: ho,
            cols: wo,
            slices: None,
        },
    ]
}

/// The largest cell size (≤ `max_cell`, ≥ 1) whose band fits `budget` px of height; widths always fit.
fn pick_cell(piece: &Piece, width: f32, budget: f32, max_cell: f32) -> f32 {
    let inner = width - 2.0 * MARGIN;
    let mut s = max_cell;
    while s > 1.0 {
        if piece.size(s).0 <= inner && piece.extent(s, piece.per_line(s, inner)).1 <= budget {
            return s;
        }
        s = smaller(s);
    }
    1.0
}

impl Layout {
    /// Lays out `layer` in `width` CSS px, bands stacked, growing as tall as it needs (exports).
    pub fn new(layer: &Layer, width: f32) -> Self {
        Self::with_max_cell(layer, width, MAX_CELL)
    }

    /// Lays out `layer` in `width × height` CSS px as far as cells of at least 2 px allow (an
    /// iframe, a projector): side by side or stacked, whichever gives the larger cells, up to twice
    /// the page's largest cell.
    pub fn fitting(layer: &Layer, width: f32, height: f32) -> Self {
        let max = 2.0 * MAX_CELL;
        best(
            columns::arrange(layer, width, height, max, 2.0),
            Self::stacked_within(layer, width, height, max, 2.0),
        )
        .unwrap_or_else(|| Self::with_max_cell(layer, width, 2.0))
    }

    /// Lays out `layer` on the page: `width` CSS px, and `room` px between the figure's top and the
    /// bottom of the screen. The whole figure fits that room when it can with readable cells;
    /// otherwise the first grid of each band does (side by side) and the figure grows down; on a
    /// screen too narrow for that, the bands stack.
    pub fn on_screen(layer: &Layer, width: f32, room: f32) -> Self {
        best(
            columns::arrange(layer, width, room, MAX_CELL, READABLE_CELL),
            Self::stacked_within(layer, width, room, MAX_CELL, READABLE_CELL),
        )
        .or_else(|| columns::first_lines(layer, width, room, MAX_CELL, READABLE_CELL))
        .unwrap_or_else(|| Self::new(layer, width))
    }

    /// Stacked within `height`, with cells no smaller than `min_cell`: the largest equal cap on the
    /// inputs' and outputs' cells that fits, then the smaller band's cap raised a step at a time
    /// while the figure still fits (few large outputs under many inputs grow on their own).
    fn stacked_within(
        layer: &Layer,
        width: f32,
        height: f32,
        max_cell: f32,
        min_cell: f32,
    ) -> Option<Self> {
        let fit = |caps: [f32; 2]| {
            let l = Self::stacked(layer, width, caps, height);
            (l.height <= height).then_some(l)
        };
        let mut cap = max_cell;
        let (mut caps, mut l) = loop {
            if cap < min_cell {
                return None;
            }
            if let Some(l) = fit([cap, cap]) {
                break ([cap, cap], l);
            }
            cap = smaller(cap);
        };
        let mut stuck = [false; 2];
        while let Some(i) = (0..2)
            .filter(|&i| !stuck[i] && flow::larger(caps[i]) <= max_cell)
            .min_by(|&a, &b| caps[a].total_cmp(&caps[b]))
        {
            let mut next = caps;
            next[i] = flow::larger(caps[i]);
            match fit(next) {
                Some(grown) => (caps, l) = (next, grown),
                None => stuck[i] = true,
            }
        }
        (l.smallest_cell() >= min_cell).then_some(l)
    }

    /// How good the cells are to read: the smallest input or output cell, then the output cells.
    fn score(&self) -> (f32, f32) {
        let out = self
            .grids
            .iter()
            .find(|g| matches!(g.band, Band::Output(_)))
            .map_or(0.0, |g| g.cell);
        (self.smallest_cell(), out)
    }

    /// The smaller of the input's and the output's cells (what a reader must read).
    pub fn smallest_cell(&self) -> f32 {
        self.grids
            .iter()
            .filter(|g| !matches!(g.band, Band::Kernel(..)))
            .map(|g| g.cell)
            .fold(f32::INFINITY, f32::min)
    }

    /// Lays out `layer` in `width` CSS px with cells of at most `max_cell` px, bands stacked, each
    /// band within a height budget of its own.
    pub fn with_max_cell(layer: &Layer, width: f32, max_cell: f32) -> Self {
        Self::stacked(layer, width, [max_cell, max_cell], 460.0)
    }

    /// Stacked, the inputs' cells at most `caps[0]` (the kernels' follow them, at least 14 px when
    /// that fits) and the outputs' at most `caps[1]`, each band within `budget` px of height.
    fn stacked(layer: &Layer, width: f32, caps: [f32; 2], budget: f32) -> Self {
        let mut l = Self::empty(width.max(240.0), Arrangement::Stacked);
        let [input, kernels, output] = pieces(layer);
        l.title("input");
        let s_in = pick_cell(&input, l.width, budget, caps[0]);
        l.band_below(&input, s_in, Band::Input);
        l.title("weight");
        l.kernels_below(&kernels, caps[0].min(s_in.max(14.0)));
        l.title("output");
        let s_out = pick_cell(&output, l.width, budget, caps[1]);
        l.band_below(&output, s_out, Band::Output);
        l
    }

    fn empty(width: f32, arrangement: Arrangement) -> Self {
        Self {
            width,
            height: 0.0,
            grids: Vec::new(),
            bias: Vec::new(),
            titles: Vec::new(),
            arrangement,
        }
    }

    /// A band title at the bottom of the layout so far, and the room it takes.
    fn title(&mut self, text: &str) {
        self.titles.push(Title {
            text: text.into(),
            x: MARGIN,
            y: self.height + 18.0,
            max_width: self.width - 2.0 * MARGIN,
            lines: 1,
        });
        self.height += TITLE;
    }

    /// A band flowed into lines across the whole width, below the layout so far.
    fn band_below(&mut self, piece: &Piece, cell: f32, band: fn(usize) -> Band) {
        let per_line = piece.per_line(cell, self.width - 2.0 * MARGIN);
        self.place(piece, cell, per_line, (MARGIN, self.height), band);
        self.height += piece.extent(cell, per_line).1;
    }

    /// The kernels: one strip per output channel (its kernel slices, then the bias box), strips
    /// flowed into rows; cells of at most `s_k` px, smaller until the band fits.
    fn kernels_below(&mut self, strips: &Piece, mut s_k: f32) {
        let inner = self.width - 2.0 * MARGIN;
        while s_k > 2.0
            && (strips.size(s_k).0 > inner
                || strips.extent(s_k, strips.per_line(s_k, inner)).1 > 380.0)
        {
            s_k -= 1.0;
        }
        self.band_below(strips, s_k, |_| Band::Kernel(0, 0));
    }

    /// Puts `piece`'s grids with cells of `cell` px, `per_line` to a line, from `(x0, y0)`. Grids
    /// are named by `band` (kernel strips name their slices themselves).
    fn place(
        &mut self,
        piece: &Piece,
        cell: f32,
        per_line: usize,
        (x0, y0): (f32, f32),
        band: fn(usize) -> Band,
    ) {
        for (i, (dx, dy)) in piece.positions(cell, per_line).into_iter().enumerate() {
            let (x, y) = (x0 + dx, y0 + dy);
            let Some(slices) = piece.slices else {
                self.grids.push(GridBox {
                    band: band(i),
                    x,
                    y,
                    cell,
                    rows: piece.rows,
                    cols: piece.cols,
                });
                continue;
            };
            let step = piece.cols as f32 * cell + KGAP;
            for ci in 0..slices {
                self.grids.push(GridBox {
                    band: Band::Kernel(i, ci),
                    x: x + ci as f32 * step,
                    y,
                    cell,
                    rows: piece.rows,
                    cols: piece.cols,
                });
            }
            self.bias
                .push((x + slices as f32 * step + 4.0, y, bias_side(cell)));
        }
    }

    /// The grid showing `band`.
    pub fn grid(&self, band: Band) -> Option<&GridBox> {
        self.grids.iter().find(|g| g.band == band)
    }

    /// What is under `(px, py)`: an input cell (a copy in the padding ring maps to its source; a zero
    /// maps to nothing) or an output cell.
    pub fn hit(&self, layer: &Layer, px: f32, py: f32) -> Option<Hit> {
        self.grids.iter().find_map(|g| {
            let (row, col) = g.cell_at(px, py)?;
            match g.band {
                Band::Input(c) => layer
                    .source(row, col)
                    .input_cell()
                    .map(|(y, x)| Hit::Input { c, y, x }),
                Band::Output(c) => Some(Hit::Output(OutputCell {
                    channel: c,
                    y: row,
                    x: col,
                })),
                Band::Kernel(..) => None,
            }
        })
    }
}
