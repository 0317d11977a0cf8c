//! The one reducer. What the user set (`Params`, all of it in the URL), what they look at (focus,
//! animation), the charts, the notices and the reader's preferences; everything derived from the
//! params is computed here once per change, never in `html!`.
//!
//! The reducer comes in parts, one file each: [`params`] (arguments, data, presets, links),
//! [`focus`] (hover, pin, cursor, animation), [`charts`] (timings, axes), [`prefs`] (theme, language,
//! presentation mode, the shortcut list) and [`notices`].

pub mod charts;
pub mod edits;
pub mod focus;
pub mod notices;
pub mod params;
pub mod prefs;
pub mod presets;

use std::collections::BTreeSet;
use std::rc::Rc;

use conv2d_core::forward::Workspace;
use conv2d_core::receptive::OutputCell;
use conv2d_core::sweep::SweepArg;
use conv2d_core::{
    AnyLayer, Arg, Layer, LayerKind, LayerSpec, SpecError, Tensor, TransposeLayer, Value,
};
use conv2d_figure::anim::Walk;
use conv2d_figure::Focus;
use yew::Reducible;

pub use charts::ChartsData;
pub use notices::Notice;
pub use params::{Params, Reading, CAP_MACS};
pub use prefs::Theme;
pub use presets::{Preset, PRESETS};

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

impl View {
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

/// Everything the user can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Set an argument of the layer (or a side of the input).
    Set(Arg, Value),
    /// Input data.
    SetData(conv2d_core::data::InputData),
    /// Weights.
    SetWeights(conv2d_core::data::KernelData),
    /// Seed.
    SetSeed(u64),
    /// Load a preset.
    Preset(usize),
    /// Switch the layer's kind, keeping what both kinds share.
    SetKind(LayerKind),
    /// Read a ConvTranspose2d as a scatter or as a convolution.
    SetReading(Reading),
    /// Show or hide a ConvTranspose2d's overlap map.
    ToggleOverlap,
    /// Replace the layer by the one of the other kind that maps its output shape back.
    TransposeThis,
    /// Type a value into a cell of the data (data coordinates).
    Edit(conv2d_figure::layout::Cell, f32),
    /// Fill an input channel or a kernel slice.
    Fill(edits::FillTarget, edits::FillWith),
    /// Every edit undone: the generated data again.
    ResetEdits,
    /// Clicks on the figure type values (on) or pin cells (off).
    ToggleEditing,
    /// Link (square) or unlink a pair argument's control.
    Link(Arg, bool),
    /// A chart point was clicked: set that argument in the playground.
    FromChart(SweepArg, i64),
    /// Pointer over a cell (or off the figure).
    Hover(Focus),
    /// Pin the hovered cell, or unpin.
    TogglePin,
    /// Pin the cell in focus (the cursor's, the hovered one or the animation's); Enter.
    PinFocus,
    /// Move the output cursor by (dy, dx) and pin it.
    MoveCursor(i64, i64),
    /// Unpin.
    Unpin,
    /// Play or pause the animation.
    TogglePlay,
    /// One animation step forward (wraps) — from the timer.
    Tick,
    /// Step by ±1 (pauses).
    Step(i64),
    /// Jump to a step (pauses).
    SeekStep(usize),
    /// Steps per second.
    SetSpeed(f64),
    /// Dismiss the notices.
    ClearNotices,
    /// Enter or leave presentation mode.
    TogglePresent,
    /// Show or hide the keyboard shortcuts.
    ToggleHelp,
    /// Hide the figure's hints.
    DismissHints,
    /// Put the hints in exports, or not.
    ToggleExportHints,
    /// Auto → light → dark → auto.
    CycleTheme,
    /// Switch the page's language.
    SetLang(crate::i18n::Lang),
    /// Close the shortcut list (and leave presentation mode if the list was not open).
    CloseOverlays,
    /// A timing measured for chart `chart`, point `point`, in generation `generation`.
    ChartTiming {
        /// The charts' generation it was measured for.
        generation: u64,
        /// Index into the charts' series.
        chart: usize,
        /// Index into the series' points.
        point: usize,
        /// The measurement.
        timing: crate::charts::Timing,
    },
    /// Linear or log y axes on the charts.
    ChartScale(crate::charts::Scale),
}

/// What an action changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Change {
    /// Nothing: the same state is kept.
    None,
    /// What is shown, not the params.
    View,
    /// The params: the layer, data and output are derived again.
    Params,
}

/// The whole app state.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// What the user set.
    pub params: Params,
    /// The current configuration's layer, or PyTorch's rejection.
    pub layer: Result<AnyLayer, SpecError>,
    /// The figure on screen: the current one, or the last valid one while the current is invalid.
    pub view: Option<Rc<View>>,
    /// True when `view` is not the current configuration (it stays, dimmed).
    pub stale: bool,
    /// Why the figure is not computed although the layer is valid (too large).
    pub too_large: Option<u64>,
    /// Messages about ignored URL values, caps, and data that does not fit.
    pub notices: Vec<Notice>,
    /// Hovered cell.
    pub hover: Focus,
    /// Pinned cell (tap, Enter, or arrow keys).
    pub pinned: Option<Focus>,
    /// Animation step: output cells `0..step` are filled; `step == total` shows them all.
    pub step: usize,
    /// Animation running.
    pub playing: bool,
    /// Steps per second.
    pub speed: f64,
    /// Presentation mode: large type, high contrast, side panels hidden.
    pub present: bool,
    /// The keyboard-shortcut overlay is open.
    pub help: bool,
    /// The figure's hints are shown (until dismissed).
    pub hints: bool,
    /// Exports carry the hints (markers and notes) too.
    pub export_hints: bool,
    /// Clicks on the figure type values into its cells (rather than pin them).
    pub editing: bool,
    /// Colour theme.
    pub theme: Theme,
    /// Page language.
    pub lang: crate::i18n::Lang,
    /// The pair arguments whose control moves its two sides apart (the others are square).
    pub unlinked: BTreeSet<Arg>,
    /// The scaling charts.
    pub charts: Rc<ChartsData>,
    /// Reused buffers of the forward pass.
    workspace: Scratch,
}

/// The forward pass's reused buffers; not part of the state's identity.
#[derive(Clone, Debug, Default)]
struct Scratch(Rc<std::cell::RefCell<Workspace>>);

impl PartialEq for Scratch {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new(Params::default(), None, Vec::new())
    }
}

impl AppState {
    /// A state for `params`, at animation step `step` (None: the whole output, playing).
    pub fn new(params: Params, step: Option<usize>, notices: Vec<Notice>) -> Self {
        let mut s = Self {
            unlinked: params::unlinked(&params.config),
            params,
            layer: Err(SpecError {
                rule: conv2d_core::Rule::Other,
                message: String::new(),
            }),
            view: None,
            stale: false,
            too_large: None,
            notices,
            hover: Focus::None,
            pinned: None,
            step: 0,
            playing: step.is_none(),
            speed: 2.0,
            present: false,
            help: false,
            hints: true,
            export_hints: false,
            editing: false,
            theme: Theme::Auto,
            lang: crate::i18n::Lang::En,
            charts: Rc::default(),
            workspace: Scratch::default(),
        };
        // A configuration that cannot be drawn (rejected, or too large to run live) has no figure:
        // the page shows its numbers and says why, never another configuration's figure.
        s.recompute();
        s.step = step.map_or(0, |v| v.min(s.total_steps()));
        s
    }

    /// Whether the pair control of `arg` moves both sides together.
    pub fn linked(&self, arg: Arg) -> bool {
        !self.unlinked.contains(&arg)
    }

    /// Output cells of the figure on screen.
    pub fn total_steps(&self) -> usize {
        self.view.as_ref().map_or(0, |v| v.total_steps())
    }

    /// The highlighted focus: pinned, else hovered, else the animation's current cell.
    pub fn focus(&self) -> Focus {
        if let Some(p) = self.pinned {
            return p;
        }
        if self.hover != Focus::None {
            return self.hover;
        }
        self.view
            .as_ref()
            .map_or(Focus::None, |v| v.focus_at(self.step))
    }

    /// Output cells filled in the figure.
    pub fn filled(&self) -> usize {
        if self.playing || self.step < self.total_steps() {
            self.step
        } else {
            self.total_steps()
        }
    }

    /// Whether the figure on screen is not the current configuration's (kept, dimmed).
    pub fn dimmed(&self) -> bool {
        self.stale || self.too_large.is_some()
    }

    /// The figure of the current configuration, if there is one to show or export (none while the
    /// configuration is rejected or too large to compute live, even when an older figure is kept).
    pub fn current_view(&self) -> Option<&Rc<View>> {
        self.view.as_ref().filter(|_| !self.dimmed())
    }

    /// The arguments PyTorch's rejection involves (none when valid).
    pub fn involved(&self) -> &'static [Arg] {
        self.layer
            .as_ref()
            .err()
            .map_or(&[], |e| e.rule.arguments())
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        let change = match action {
            Action::Set(..)
            | Action::SetData(_)
            | Action::SetWeights(_)
            | Action::SetSeed(_)
            | Action::Preset(_)
            | Action::SetKind(_)
            | Action::SetReading(_)
            | Action::ToggleOverlap
            | Action::TransposeThis
            | Action::Edit(..)
            | Action::Fill(..)
            | Action::ResetEdits
            | Action::Link(..)
            | Action::FromChart(..) => params::reduce(&mut s, action),
            Action::Hover(_)
            | Action::TogglePin
            | Action::PinFocus
            | Action::MoveCursor(..)
            | Action::Unpin
            | Action::TogglePlay
            | Action::Tick
            | Action::Step(_)
            | Action::SeekStep(_)
            | Action::SetSpeed(_) => focus::reduce(&mut s, action),
            Action::ChartTiming { .. } | Action::ChartScale(_) => charts::reduce(&mut s, action),
            Action::ClearNotices if !s.notices.is_empty() => {
                s.notices.clear();
                Change::View
            }
            Action::ClearNotices => Change::None,
            Action::ToggleEditing => {
                s.editing = !s.editing;
                Change::View
            }
            Action::TogglePresent
            | Action::ToggleHelp
            | Action::DismissHints
            | Action::ToggleExportHints
            | Action::CycleTheme
            | Action::SetLang(_)
            | Action::CloseOverlays => prefs::reduce(&mut s, action),
        };
        match change {
            Change::None => self,
            Change::View => Rc::new(s),
            Change::Params => {
                s.recompute();
                Rc::new(s)
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The state after `a`.
    pub(crate) fn reduce(s: AppState, a: Action) -> AppState {
        (*Rc::new(s).reduce(a)).clone()
    }

    #[test]
    fn notices_are_dismissed_and_a_second_dismiss_changes_nothing() {
        let s = AppState::new(
            Params::default(),
            None,
            vec![Notice::Unknown { key: "foo".into() }],
        );
        let s = Rc::new(s).reduce(Action::ClearNotices);
        assert!(s.notices.is_empty());
        let again = s.clone().reduce(Action::ClearNotices);
        assert!(Rc::ptr_eq(&s, &again));
    }
}
