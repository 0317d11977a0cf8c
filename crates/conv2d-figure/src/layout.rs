//! Where everything sits, in CSS pixels: three bands stacked top to bottom — the padded input channels,
//! the kernels (one row per output channel, one column per input channel of its group, then the bias),
//! and the output channels. Grids wrap to the width; each band picks the largest cell size that keeps
//! it within its height budget. Hit-testing maps a point back to a cell.

use conv2d_core::receptive::OutputCell;
use conv2d_core::Layer;

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

impl GridBox {
    /// The cell under `(px, py)`, as (row, column).
    pub fn cell_at(&self, px: f32, py: f32) -> Option<(usize, usize)> {
        let (cx, cy) = ((px - self.x) / self.cell, (py - self.y) / self.cell);
        (cx >= 0.0 && cy >= 0.0 && (cx as usize) < self.cols && (cy as usize) < self.rows)
            .then_some((cy as usize, cx as usize))
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

const GAP: f32 = 14.0;
const LABEL: f32 = 16.0;
const TITLE: f32 = 26.0;
const MAX_CELL: f32 = 44.0;
/// Room on each side for outlines drawn just outside a grid (so the last grid's border and focus
/// ring are not clipped at the canvas edge).
const MARGIN: f32 = 4.0;

/// Flows `n` grids of `rows × cols` cells at cell size `s` into rows of width `width`; returns the
/// positions (relative to the band's top) and the band height.
fn flow(
    n: usize,
    rows: usize,
    cols: usize,
    s: f32,
    width: f32,
    extra_w: f32,
) -> (Vec<(f32, f32)>, f32) {
    let (gw, gh) = (cols as f32 * s + extra_w, rows as f32 * s);
    let per_row = (((width - 2.0 * MARGIN + GAP) / (gw + GAP)).floor() as usize).max(1);
    let mut pos = Vec::with_capacity(n);
    for i in 0..n {
        let (r, c) = (i / per_row, i % per_row);
        pos.push((
            MARGIN + c as f32 * (gw + GAP),
            r as f32 * (gh + LABEL + GAP) + LABEL,
        ));
    }
    let lines = n.div_ceil(per_row);
    (pos, lines as f32 * (gh + LABEL + GAP))
}

/// The largest cell size (≤ `max_cell`, ≥ 1) whose band fits `budget` px of height; widths always fit.
fn pick_cell(
    n: usize,
    rows: usize,
    cols: usize,
    width: f32,
    budget: f32,
    extra_w: f32,
    max_cell: f32,
) -> f32 {
    let mut s = max_cell;
    while s > 1.0 {
        let fits_w = cols as f32 * s + extra_w + 2.0 * MARGIN <= width;
        if fits_w && flow(n, rows, cols, s, width, extra_w).1 <= budget {
            return s;
        }
        s -= if s > 12.0 { 2.0 } else { 1.0 };
    }
    1.0
}

impl Layout {
    /// Lays out `layer` in `width` CSS px.
    pub fn new(layer: &Layer, width: f32) -> Self {
        Self::with_max_cell(layer, width, MAX_CELL)
    }

    /// Lays out `layer` in `width` CSS px and, as far as cells of at least 2 px allow, `height` px
    /// (for a figure that must fit an iframe).
    pub fn fitting(layer: &Layer, width: f32, height: f32) -> Self {
        // Larger cells than on the page are welcome here (a projector, an iframe to fill).
        let mut max_cell = 2.0 * MAX_CELL;
        loop {
            let l = Self::with_max_cell(layer, width, max_cell);
            if l.height <= height || max_cell <= 2.0 {
                return l;
            }
            max_cell -= if max_cell > 12.0 { 2.0 } else { 1.0 };
        }
    }

    /// Lays out `layer` in `width` CSS px with cells of at most `max_cell` px.
    pub fn with_max_cell(layer: &Layer, width: f32, max_cell: f32) -> Self {
        let mut l = Self {
            width: width.max(240.0),
            height: 0.0,
            grids: Vec::new(),
            bias: Vec::new(),
            titles: Vec::new(),
        };
        let [hp, wp] = layer.padded();
        let [cout, ho, wo] = layer.output_shape();
        l.title("input");
        let s_in = pick_cell(layer.in_channels, hp, wp, l.width, 460.0, 0.0, max_cell);
        l.band(layer.in_channels, (hp, wp), s_in, Band::Input);
        l.title("weight");
        l.kernels(layer, max_cell.min(s_in.max(14.0)));
        l.title("output");
        let s_out = pick_cell(cout, ho, wo, l.width, 460.0, 0.0, max_cell);
        l.band(cout, (ho, wo), s_out, Band::Output);
        l
    }

    /// A band title at the bottom of the layout so far, and the room it takes.
    fn title(&mut self, text: &str) {
        self.titles.push(Title {
            text: text.into(),
            x: MARGIN,
            y: self.height + 18.0,
        });
        self.height += TITLE;
    }

    /// `n` grids of `rows × cols` cells of side `cell`, flowed into rows below the layout so far.
    fn band(&mut self, n: usize, (rows, cols): (usize, usize), cell: f32, band: fn(usize) -> Band) {
        let (pos, h) = flow(n, rows, cols, cell, self.width, 0.0);
        for (c, (x, dy)) in pos.into_iter().enumerate() {
            self.grids.push(GridBox {
                band: band(c),
                x,
                y: self.height + dy,
                cell,
                rows,
                cols,
            });
        }
        self.height += h;
    }

    /// The kernels: one strip per output channel (its `cin_g` kernel slices, then the bias box),
    /// strips flowed into rows; cells of at most `s_k` px, smaller until the band fits.
    fn kernels(&mut self, layer: &Layer, mut s_k: f32) {
        let cout = layer.out_channels;
        let [kh, kw] = layer.kernel;
        let cin_g = layer.in_per_group();
        let width = self.width;
        let strip = |s: f32| cin_g as f32 * (kw as f32 * s + 6.0) + s * 1.6 + 10.0;
        while s_k > 2.0
            && (strip(s_k) + 2.0 * MARGIN > width
                || flow(cout, kh, 1, s_k, width, strip(s_k) - s_k).1 > 380.0)
        {
            s_k -= 1.0;
        }
        let strip_w = strip(s_k);
        let (pos, h) = flow(cout, kh, 1, s_k, width, strip_w - s_k);
        let y = self.height;
        for (oc, (x, dy)) in pos.into_iter().enumerate() {
            for ci in 0..cin_g {
                self.grids.push(GridBox {
                    band: Band::Kernel(oc, ci),
                    x: x + ci as f32 * (kw as f32 * s_k + 6.0),
                    y: y + dy,
                    cell: s_k,
                    rows: kh,
                    cols: kw,
                });
            }
            let side = (s_k * 1.6).max(14.0);
            self.bias.push((
                x + cin_g as f32 * (kw as f32 * s_k + 6.0) + 4.0,
                y + dy,
                side,
            ));
        }
        self.height += h;
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
