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
pub mod opening;
pub mod params;
pub mod picture;
pub mod prefs;
pub mod presets;
pub mod stack;
pub mod stack_edit;
mod view;

use std::collections::BTreeSet;
use std::rc::Rc;

use conv2d_core::forward::Workspace;
use conv2d_core::sweep::SweepArg;
use conv2d_core::{AnyLayer, Arg, LayerKind, SpecError, Value};
use conv2d_figure::Focus;
use yew::Reducible;

pub use charts::ChartsData;
pub use notices::Notice;
pub use opening::Opening;
pub use params::{Params, Reading, CAP_MACS, PICTURE_CAP};
pub use prefs::Theme;
pub use presets::{Preset, PRESETS};
pub use view::{Transposed, View};

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
    /// The reader's picture, decoded: it becomes the input.
    LoadPicture(Rc<crate::picture::Picture>),
    /// A file that did not become a picture.
    PictureRefused(picture::Refused),
    /// Pixels to values: [0, 1] or ImageNet's statistics.
    SetScaling(crate::picture::Scaling),
    /// The picture put away.
    ClearPicture,
    /// The picture view (images) on or off.
    TogglePictures,
    /// The stack of layers' text.
    SetLayers(String),
    /// The stack's input (C, H, W).
    SetStackInput([i64; 3]),
    /// Edit the stack's convolution `i` with the playground's controls.
    EditStackLayer(usize),
    /// Write the playground's layer back into the stack (and return to what the playground was).
    PutBackStackLayer,
    /// Return to what the playground was, the stack unchanged.
    CancelStackEdit,
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
    /// Which input the charts' times are measured on.
    ChartTimeAt(crate::charts::TimeAt),
    /// The output of the page's first, large figure, computed in parts ([`Opening`]).
    Opened(Rc<Opening>, Vec<f32>),
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
    /// The page's first figure, while its output is computed in parts (no figure meanwhile).
    pub opening: Option<Rc<Opening>>,
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
    /// The reader's picture, when one is the input.
    pub picture: Option<picture::Loaded>,
    /// The picture view: the input and outputs as images, larger inputs allowed.
    pub pictures: bool,
    /// Colour theme.
    pub theme: Theme,
    /// Page language.
    pub lang: crate::i18n::Lang,
    /// The pair arguments whose control moves its two sides apart (the others are square).
    pub unlinked: BTreeSet<Arg>,
    /// The scaling charts.
    pub charts: Rc<ChartsData>,
    /// The stack's convolution the playground is editing, if it is.
    pub stack_edit: Option<stack_edit::StackEdit>,
    /// Reused buffers of the forward pass.
    workspace: Scratch,
}

/// The forward pass's reused buffers, and the last input generated (a stride or a kernel dragged
/// keeps the input's shape: 262,144 seeded values at 64×64×64 need not be drawn again each time);
/// not part of the state's identity.
#[derive(Clone, Debug, Default)]
struct Scratch(
    Rc<std::cell::RefCell<Workspace>>,
    Rc<std::cell::RefCell<Option<InputKept>>>,
);

/// A generated input and what it was generated for: its shape, what fills it, the seed.
type InputKept = (
    ([usize; 3], conv2d_core::data::InputData, u64),
    conv2d_core::Tensor,
);

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
        Self::made(params, step, notices, false)
    }

    /// The page's first state: as [`AppState::new`], but a large Conv2d's output is left to be
    /// computed in parts ([`Opening`]), so that opening the page is no long task.
    pub fn open(params: Params, step: Option<usize>, notices: Vec<Notice>) -> Self {
        Self::made(params, step, notices, true)
    }

    fn made(params: Params, step: Option<usize>, notices: Vec<Notice>, in_parts: bool) -> Self {
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
            opening: None,
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
            picture: None,
            pictures: false,
            theme: Theme::Auto,
            lang: crate::i18n::Lang::En,
            charts: Rc::default(),
            stack_edit: None,
            workspace: Scratch::default(),
        };
        // A configuration that cannot be drawn (rejected, or too large to run live) has no figure:
        // the page shows its numbers and says why, never another configuration's figure.
        s.derive(in_parts);
        s.step = step.map_or(0, |v| v.min(s.total_steps()));
        s
    }

    /// Whether the pair control of `arg` moves both sides together.
    pub fn linked(&self, arg: Arg) -> bool {
        !self.unlinked.contains(&arg)
    }

    /// Output cells of the figure on screen.
    pub fn total_steps(&self) -> usize {
        match (&self.view, &self.opening) {
            (Some(v), _) => v.total_steps(),
            (None, Some(o)) => o.total_steps(),
            (None, None) => 0,
        }
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
            | Action::LoadPicture(_)
            | Action::SetScaling(_)
            | Action::ClearPicture
            | Action::SetLayers(_)
            | Action::SetStackInput(_)
            | Action::EditStackLayer(_)
            | Action::PutBackStackLayer
            | Action::CancelStackEdit
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
            Action::ChartTiming { .. } | Action::ChartScale(_) | Action::ChartTimeAt(_) => {
                charts::reduce(&mut s, action)
            }
            Action::ClearNotices if !s.notices.is_empty() => {
                s.notices.clear();
                Change::View
            }
            Action::ClearNotices => Change::None,
            Action::Opened(o, output) => opening::opened(&mut s, &o, output),
            Action::PictureRefused(why) => {
                s.notices
                    .retain(|n| !matches!(n, Notice::PictureRefused(_)));
                s.notices.push(Notice::PictureRefused(why));
                Change::View
            }
            Action::TogglePictures => {
                s.pictures = !s.pictures;
                if s.pictures {
                    Change::View
                } else {
                    params::leave_pictures(&mut s);
                    Change::Params
                }
            }
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
