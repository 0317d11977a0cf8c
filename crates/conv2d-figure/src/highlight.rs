//! What lights up: for an output cell, its taps in every input channel of its group and the kernel
//! slice; for an input cell, every output cell it feeds and every padded position holding it.

use std::collections::BTreeSet;

use conv2d_core::receptive::{fed_by, taps, OutputCell, Tap};
use conv2d_core::Layer;

/// The cell the user (or the animation) is looking at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Focus {
    /// Nothing.
    #[default]
    None,
    /// Output cell `(channel, y, x)`.
    Output(OutputCell),
    /// Input cell `(channel, y, x)` in unpadded coordinates.
    Input {
        /// Input channel.
        c: usize,
        /// Row.
        y: usize,
        /// Column.
        x: usize,
    },
}

/// The highlighted cells for a focus.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlight {
    /// Taps of the focused output cell (padded coordinates, with their sources).
    pub taps: Vec<Tap>,
    /// The output channel whose kernel slice is used.
    pub kernel: Option<usize>,
    /// The taps of that kernel that enter the sum, `(in channel of the group, ky, kx)`, when only
    /// some do (a transposed convolution's output cell); empty: every tap.
    pub kernel_taps: Vec<(usize, usize, usize)>,
    /// Output cells lit: the focused one, or all that the focused input cell feeds.
    pub outputs: Vec<OutputCell>,
    /// The focused input cell and every padded position that holds its value: `(c, py, px)`.
    pub input_positions: Vec<(usize, usize, usize)>,
}

impl Highlight {
    /// The highlight for `focus` on `layer` (empty when the focus lies outside it).
    pub fn of(layer: &Layer, focus: Focus) -> Self {
        match focus {
            Focus::None => Self::default(),
            Focus::Output(cell) => {
                let t = taps(layer, cell.channel, cell.y, cell.x);
                if t.is_empty() {
                    return Self::default();
                }
                Self {
                    taps: t,
                    kernel: Some(cell.channel),
                    outputs: vec![cell],
                    ..Self::default()
                }
            }
            Focus::Input { c, y, x } => {
                let outputs = fed_by(layer, c, y, x);
                let [hp, wp] = layer.padded();
                let ys: Vec<usize> = (0..hp)
                    .filter(|&p| layer.axis_source(0, p) == Some(y))
                    .collect();
                let xs: Vec<usize> = (0..wp)
                    .filter(|&p| layer.axis_source(1, p) == Some(x))
                    .collect();
                let mut input_positions = Vec::new();
                if c < layer.in_channels && y < layer.input[0] && x < layer.input[1] {
                    for &py in &ys {
                        for &px in &xs {
                            input_positions.push((c, py, px));
                        }
                    }
                }
                Self {
                    outputs,
                    input_positions,
                    ..Self::default()
                }
            }
        }
    }

    /// The highlight for `focus` in `fig`, read the way the figure reads its layer (gathered, or
    /// scattered for a transposed convolution).
    pub fn in_figure(fig: &crate::Figure<'_>, focus: Focus) -> Self {
        match fig.scatter() {
            Some(t) => crate::scatter::highlight(t, focus),
            None => Self::of(fig.layer, focus),
        }
    }

    /// [`Highlight::of`] when there is a layer, else nothing.
    pub fn of_layer(layer: Option<&Layer>, focus: Focus) -> Self {
        layer.map_or_else(Self::default, |l| Self::of(l, focus))
    }

    /// The real input cells `(c, y, x)` whose values enter the focused output cell (zeros from
    /// padding excluded; copies counted as the cell they copy).
    pub fn input_sources(&self) -> BTreeSet<(usize, usize, usize)> {
        self.taps
            .iter()
            .filter_map(|t| t.source.input_cell().map(|(y, x)| (t.in_channel, y, x)))
            .collect()
    }
}
