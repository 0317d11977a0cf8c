//! One computed figure: the layer drawn, its data and output; for a ConvTranspose2d, the layer
//! itself and its data as PyTorch takes it beside what its reading draws. How the page reads it:
//! highlights, the animation's walk, the cells it draws and the data cells they are.

use conv2d_core::forward::{forward_with, Workspace};
use conv2d_core::receptive::OutputCell;
use conv2d_core::{AnyLayer, Layer, LayerSpec, Tensor, TransposeLayer};
use conv2d_figure::anim::Walk;
use conv2d_figure::Focus;

use super::Reading;

/// A ConvTranspose2d behind a figure: the layer, its data as PyTorch takes it, and how it is drawn.
#[derive(Debug, PartialEq)]
pub struct Transposed {
    /// The checked layer.
    pub layer: TransposeLayer,
    /// How the figure reads it.
    pub reading: Reading,
    /// The output shows the overlap map.
    pub overlap: bool,
    /// The overlap map: kernel taps reaching each output cell (`H_out × W_out`).
    pub counts: Vec<u32>,
    /// The weight as the scatter's kernel band lays it out `(out, in/groups, kH, kW)`: the
    /// layout the data is generated and edited in.
    pub shown: Tensor,
    /// Input (C, H, W).
    pub input: Tensor,
    /// Weight in PyTorch's layout (in, out/groups, kH, kW).
    pub weight: Tensor,
}

/// One computed figure: the layer drawn, its data and its output.
#[derive(Debug, PartialEq)]
pub struct View {
    /// The layer the figure draws: the Conv2d; for a ConvTranspose2d, the shapes of its reading
    /// (the scatter's, or the equivalent convolution's).
    pub layer: Layer,
    /// The arguments it came from.
    pub spec: LayerSpec,
    /// Input (C, H, W).
    pub input: Tensor,
    /// Weight.
    pub weight: Tensor,
    /// Bias.
    pub bias: Option<Vec<f32>>,
    /// Output, row-major.
    pub output: Vec<f32>,
    /// The ConvTranspose2d this figure draws, if it is one.
    pub transpose: Option<Transposed>,
}

/// Views are compared by the page on every render (as props, inside `Rc`s), and `Rc` compares
/// the address first only for `Eq` types: without this, each render would compare a large view's
/// every number with itself. (A NaN, which an overflowing edit can make, equals itself then, as a
/// prop should.)
impl Eq for View {}

impl View {
    /// The view of a checked `layer` (arguments `spec`) on its data as generated and edited
    /// (`View::data`'s layouts), its output computed; a ConvTranspose2d drawn in `reading`, with
    /// the overlap map when asked. The page and the GIF's worker both build views this way.
    pub fn compute(
        layer: AnyLayer,
        spec: LayerSpec,
        (input, weight, bias): (Tensor, Tensor, Option<Vec<f32>>),
        (reading, overlap): (Reading, bool),
        ws: &mut Workspace,
    ) -> View {
        match layer {
            AnyLayer::Conv2d(layer) => {
                let output = forward_with(&layer, &input, &weight, bias.as_deref(), ws).to_vec();
                crate::perf::mark("conv2d-forward");
                View {
                    layer,
                    spec,
                    input,
                    weight,
                    bias,
                    output,
                    transpose: None,
                }
            }
            AnyLayer::ConvTranspose2d(t) => {
                let weight = conv2d_figure::scatter::raw_weight(&t, &weight);
                let output =
                    conv2d_core::transpose::forward::forward(&t, &input, &weight, bias.as_deref())
                        .data;
                crate::perf::mark("conv2d-forward");
                View::of_transpose(t, spec, input, weight, bias, output, reading, overlap)
            }
        }
    }

    /// The figure of ConvTranspose2d `t` (arguments `spec`) on `input` with `weight` in PyTorch's
    /// layout, its output computed: drawn in `reading`, with the overlap map when `overlap`.
    #[allow(clippy::too_many_arguments)] // a layer, its arguments, its data and how it is read
    pub fn of_transpose(
        t: TransposeLayer,
        spec: LayerSpec,
        input: Tensor,
        weight: Tensor,
        bias: Option<Vec<f32>>,
        output: Vec<f32>,
        reading: Reading,
        overlap: bool,
    ) -> View {
        let shown = conv2d_figure::scatter::shown_weight(&t, &weight);
        let (layer, drawn_input, drawn_weight) =
            conv2d_figure::scatter::drawn(&t, reading == Reading::Scatter, &input, &shown);
        View {
            layer,
            spec,
            input: drawn_input,
            weight: drawn_weight,
            bias,
            output,
            transpose: Some(Transposed {
                layer: t,
                reading,
                overlap,
                counts: conv2d_core::transpose::receptive::overlap(&t),
                shown,
                input,
                weight,
            }),
        }
    }

    /// The figure of this view with a highlight and the number of output cells filled.
    pub fn figure<'a>(
        &'a self,
        highlight: &'a conv2d_figure::Highlight,
        filled: usize,
        words: &'a conv2d_figure::scene::Words,
    ) -> conv2d_figure::Figure<'a> {
        conv2d_figure::Figure {
            transposed: self
                .transpose
                .as_ref()
                .map(|t| conv2d_figure::scene::Transposing {
                    layer: &t.layer,
                    scatter: t.reading == Reading::Scatter,
                    overlap: t.overlap.then_some(t.counts.as_slice()),
                }),
            layer: &self.layer,
            input: &self.input,
            weight: &self.weight,
            bias: self.bias.as_deref(),
            output: &self.output,
            highlight,
            filled,
            words,
        }
    }

    /// The ConvTranspose2d, when the figure reads it as a scatter.
    pub fn scattered(&self) -> Option<&TransposeLayer> {
        self.transpose
            .as_ref()
            .filter(|t| t.reading == Reading::Scatter)
            .map(|t| &t.layer)
    }

    /// The Conv2d drawn as itself (none for a ConvTranspose2d, whose hints would not fit).
    pub fn conv2d(&self) -> Option<&Layer> {
        self.transpose.is_none().then_some(&self.layer)
    }

    /// The data as generated and edited: the input `(C, H, W)`, the weight in the kernel band's
    /// layout `(out, in/groups, kH, kW)` (a transposed layer's before its reading flips it), the bias.
    pub fn data(&self) -> (&Tensor, &Tensor, Option<&[f32]>) {
        match &self.transpose {
            Some(t) => (&t.input, &t.shown, self.bias.as_deref()),
            None => (&self.input, &self.weight, self.bias.as_deref()),
        }
    }

    /// The layer whose shapes the data of checked `layer` has ([`View::data`]): the layer
    /// itself, or a ConvTranspose2d's as its scatter shows it.
    pub fn data_layer_of(layer: &AnyLayer) -> Layer {
        match layer {
            AnyLayer::Conv2d(l) => *l,
            AnyLayer::ConvTranspose2d(t) => conv2d_figure::scatter::shown_layer(t),
        }
    }

    /// The layer whose shapes the data has ([`View::data`]).
    pub fn data_layer(&self) -> Layer {
        match &self.transpose {
            Some(t) => conv2d_figure::scatter::shown_layer(&t.layer),
            None => self.layer,
        }
    }

    /// The data cell a drawn cell shows: the same, except for a transposed layer read as a
    /// convolution (its input drawn with zeros inserted — those are no data — and its kernel
    /// flipped).
    pub fn data_cell(
        &self,
        drawn: conv2d_figure::layout::Cell,
    ) -> Option<conv2d_figure::layout::Cell> {
        use conv2d_figure::layout::Cell;
        let Some(t) = self
            .transpose
            .as_ref()
            .filter(|t| t.reading == Reading::Conv)
        else {
            return Some(drawn);
        };
        let [sy, sx] = t.layer.stride;
        let [kh, kw] = t.layer.kernel;
        match drawn {
            Cell::Input { c, y, x } => (y % sy == 0 && x % sx == 0).then_some(Cell::Input {
                c,
                y: y / sy,
                x: x / sx,
            }),
            Cell::Weight { o, i, ky, kx } => Some(Cell::Weight {
                o,
                i,
                ky: kh - 1 - ky,
                kx: kw - 1 - kx,
            }),
            Cell::Bias(o) => Some(Cell::Bias(o)),
        }
    }

    /// Where a data cell is drawn (the inverse of [`View::data_cell`]).
    pub fn drawn_cell(&self, cell: conv2d_figure::layout::Cell) -> conv2d_figure::layout::Cell {
        use conv2d_figure::layout::Cell;
        let Some(t) = self
            .transpose
            .as_ref()
            .filter(|t| t.reading == Reading::Conv)
        else {
            return cell;
        };
        let [sy, sx] = t.layer.stride;
        let [kh, kw] = t.layer.kernel;
        match cell {
            Cell::Input { c, y, x } => Cell::Input {
                c,
                y: y * sy,
                x: x * sx,
            },
            Cell::Weight { o, i, ky, kx } => Cell::Weight {
                o,
                i,
                ky: kh - 1 - ky,
                kx: kw - 1 - kx,
            },
            Cell::Bias(o) => Cell::Bias(o),
        }
    }

    /// The value of a data cell, if it is there.
    pub fn value(&self, cell: conv2d_figure::layout::Cell) -> Option<f32> {
        use conv2d_figure::layout::Cell;
        let (input, weight, bias) = self.data();
        let at =
            |t: &Tensor, i: &[usize]| (i.iter().zip(&t.shape).all(|(a, n)| a < n)).then(|| t.at(i));
        match cell {
            Cell::Input { c, y, x } => at(input, &[c, y, x]),
            Cell::Weight { o, i, ky, kx } => at(weight, &[o, i, ky, kx]),
            Cell::Bias(o) => bias.and_then(|b| b.get(o).copied()),
        }
    }

    /// The input and weight as PyTorch's layer takes them (a transposed layer's own, not the
    /// ones its reading draws).
    pub fn pytorch_data(&self) -> (&Tensor, &Tensor) {
        match &self.transpose {
            Some(t) => (&t.input, &t.weight),
            None => (&self.input, &self.weight),
        }
    }

    /// The input cells `(c, y, x)` of PyTorch's input whose values enter the focused output cell of
    /// `hl`: a transposed layer read as a convolution draws its input with zeros inserted, so its
    /// cells are mapped back (the inserted zeros are no cells of the input).
    pub fn input_sources(
        &self,
        hl: &conv2d_figure::Highlight,
    ) -> std::collections::BTreeSet<(usize, usize, usize)> {
        let all = hl.input_sources();
        match &self.transpose {
            Some(t) if t.reading == Reading::Conv => {
                let [sy, sx] = t.layer.stride;
                all.into_iter()
                    .filter(|&(_, y, x)| y % sy == 0 && x % sx == 0)
                    .map(|(c, y, x)| (c, y / sy, x / sx))
                    .collect()
            }
            _ => all,
        }
    }

    /// What lights up for `focus`, read the way the figure reads its layer.
    pub fn highlight(&self, focus: Focus) -> conv2d_figure::Highlight {
        match self.scattered() {
            Some(t) => conv2d_figure::scatter::highlight(t, focus),
            None => conv2d_figure::Highlight::of(&self.layer, focus),
        }
    }

    /// What the animation walks: output cells, or a scatter's input cells.
    pub fn walk(&self) -> Walk {
        match self.scattered() {
            Some(t) => Walk::Inputs(t.input_shape()),
            None => Walk::from(&self.layer),
        }
    }

    /// Cells in the animation (channel-major).
    pub fn total_steps(&self) -> usize {
        self.walk().cells()
    }

    /// The focus at animation step `i`.
    pub fn focus_at(&self, i: usize) -> Focus {
        self.walk().focus_at(i)
    }

    /// A scatter's output after `filled` input cells have painted (none for a gathered figure,
    /// and none once every cell has).
    pub fn partial(&self, filled: usize) -> Option<Vec<f32>> {
        let t = self.scattered()?;
        (filled < self.total_steps()).then(|| {
            conv2d_figure::scatter::partial(
                t,
                (&self.input, &self.weight),
                self.bias.as_deref(),
                filled,
            )
        })
    }

    /// The output cell at animation step `i` (a gathered figure's).
    pub fn cell_at_step(&self, i: usize) -> Option<OutputCell> {
        match self.focus_at(i) {
            Focus::Output(c) => Some(c),
            _ => None,
        }
    }
}
