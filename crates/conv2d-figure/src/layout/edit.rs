//! The cells a reader can type a value into: real input cells (not the padding ring), kernel taps
//! and biases; where each sits, and which one is under the pointer.

use conv2d_core::{Layer, Source};

use super::{Band, Layout};

/// A value of the figure's data: an input cell (unpadded coordinates), a weight tap in the kernel
/// band's layout `(out, in/groups, kH, kW)`, or a bias.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cell {
    /// `input[c, y, x]`.
    Input {
        /// Channel.
        c: usize,
        /// Row.
        y: usize,
        /// Column.
        x: usize,
    },
    /// `weight[o, i, ky, kx]`.
    Weight {
        /// Output channel.
        o: usize,
        /// Input channel within the group.
        i: usize,
        /// Kernel row.
        ky: usize,
        /// Kernel column.
        kx: usize,
    },
    /// `bias[o]`.
    Bias(usize),
}

impl Layout {
    /// The editable cell under `(px, py)`: an input cell of the real input (a padding zero or copy
    /// is not one), a kernel tap, or a bias box.
    pub fn editable_at(&self, layer: &Layer, px: f32, py: f32) -> Option<Cell> {
        let in_grid = self.grids.iter().find_map(|g| {
            let (row, col) = g.cell_at(px, py)?;
            match g.band {
                Band::Input(c) => match layer.source(row, col) {
                    Source::Input { y, x } => Some(Cell::Input { c, y, x }),
                    _ => None,
                },
                Band::Kernel(o, i) => Some(Cell::Weight {
                    o,
                    i,
                    ky: row,
                    kx: col,
                }),
                Band::Output(_) => None,
            }
        });
        in_grid.or_else(|| {
            self.bias
                .iter()
                .position(|&(x, y, side)| px >= x && px < x + side && py >= y && py < y + side)
                .map(Cell::Bias)
        })
    }

    /// Where `cell` is drawn: `(x, y, side)`, if it is in the figure.
    pub fn place_of(&self, layer: &Layer, cell: Cell) -> Option<(f32, f32, f32)> {
        let at = |band: Band, row: usize, col: usize| {
            let g = self.grid(band)?;
            (row < g.rows && col < g.cols).then(|| {
                let (x, y) = g.cell_origin(row, col);
                (x, y, g.cell)
            })
        };
        match cell {
            Cell::Input { c, y, x } => {
                let (py, px) = (layer.padded_index(0, y)?, layer.padded_index(1, x)?);
                at(Band::Input(c), py, px)
            }
            Cell::Weight { o, i, ky, kx } => at(Band::Kernel(o, i), ky, kx),
            Cell::Bias(o) => self.bias.get(o).copied(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use conv2d_core::{validate, Conv2dSpec, PaddingArg, Pair};

    /// Every editable cell is found again at the centre of its place, and the padding ring is not
    /// editable.
    #[test]
    fn each_cell_is_found_where_it_is_drawn() {
        let mut spec = Conv2dSpec::figure1();
        spec.padding_mode = "reflect".into();
        spec.padding = PaddingArg::Explicit(Pair::square(1));
        let layer = validate(&spec, [3, 7, 7]).unwrap();
        let layout = Layout::new(&layer, 900.0);
        let mut cells = vec![Cell::Bias(0), Cell::Bias(1)];
        for c in 0..3 {
            for y in 0..7 {
                for x in 0..7 {
                    cells.push(Cell::Input { c, y, x });
                }
            }
        }
        for o in 0..2 {
            for i in 0..3 {
                cells.push(Cell::Weight { o, i, ky: 2, kx: 1 });
            }
        }
        for cell in cells {
            let (x, y, side) = layout.place_of(&layer, cell).unwrap();
            let mid = (x + side / 2.0, y + side / 2.0);
            assert_eq!(layout.editable_at(&layer, mid.0, mid.1), Some(cell));
        }
        // The reflected copy in the ring's corner is not a cell one can type into.
        let g = layout.grid(Band::Input(0)).unwrap();
        let (x, y) = g.cell_origin(0, 0);
        assert_eq!(layout.editable_at(&layer, x + 1.0, y + 1.0), None);
    }
}
