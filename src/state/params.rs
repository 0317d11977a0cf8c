//! What the user sets (every argument, the data, the seed: all of it in the URL), and what is derived
//! from it once per change: PyTorch's verdict, the data, the output.

use std::collections::BTreeSet;
use std::rc::Rc;

use conv2d_core::data::{self, InputData, KernelData};
use conv2d_core::transpose::undo::{conv_of, transpose_of};
use conv2d_core::{AnyLayer, Arg, Config, Layer, Value};

use super::notices::{note_cap, Notice};
use super::opening::{Opening, IN_PARTS_MACS};
use super::presets::PRESETS;
use super::{Action, AppState, Change, View};

/// Above this many multiply-accumulates the figure is not computed live (shapes still are). At
/// 64×64×64 → 64, k3 p1 (151M) the forward pass takes about 20 ms of the change's task in the
/// browser here, and the figure is drawn by its worker; see docs/benchmarks.md for where the limit
/// stands.
pub const CAP_MACS: u64 = 160_000_000;

/// The input's sides in the picture view (the grid figure's are `Arg::cap`'s).
pub const PICTURE_CAP: i64 = 256;

/// `value` brought down to [`PICTURE_CAP`] (and whether it was), with the cap's notice when it was.
fn picture_capped(notices: &mut Vec<Notice>, arg: Arg, value: Value) -> (Value, bool) {
    notices.retain(|n| !matches!(n, Notice::Capped { arg: a, .. } if *a == arg));
    match value {
        Value::Int(n) if n > PICTURE_CAP => {
            notices.push(Notice::Capped {
                arg,
                cap: PICTURE_CAP,
            });
            (Value::Int(PICTURE_CAP), true)
        }
        v => (v, false),
    }
}

/// Leaving the picture view: input sides over the grid figure's cap come down to it.
pub(super) fn leave_pictures(s: &mut AppState) {
    for arg in [Arg::Height, Arg::Width] {
        if let Some(v) = s.params.config.get(arg) {
            let (v, capped) = arg.capped(v);
            note_cap(&mut s.notices, arg, capped);
            s.params.config.set(arg, v);
        }
    }
}

/// Every argument and data choice: what the URL carries.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// The layer and its input size, raw (signed, strings kept) so PyTorch's checks see what was typed.
    pub config: Config,
    /// What fills the input.
    pub data: InputData,
    /// What fills the weights.
    pub weights: KernelData,
    /// Seed of the seeded data.
    pub seed: u64,
    /// How a ConvTranspose2d is drawn.
    pub reading: Reading,
    /// A ConvTranspose2d's output shows how many kernel taps reach each cell.
    pub overlap: bool,
    /// Values typed or filled in over the generated data.
    pub edits: Rc<super::edits::Edits>,
    /// A stack of layers as PyTorch code (empty: none).
    pub layers: String,
    /// The stack's input (C, H, W).
    pub stack_input: [i64; 3],
}

/// The stack's input when a link names none: an ImageNet picture.
pub const STACK_INPUT: [i64; 3] = [3, 224, 224];

/// How the figure reads a ConvTranspose2d.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Reading {
    /// Each input cell paints its kernel into the output (the overlaps add up).
    #[default]
    Scatter,
    /// The equivalent convolution: zeros inserted into the input, swept by the flipped kernel.
    Conv,
}

impl Reading {
    /// Both, in the toggle's order.
    pub const ALL: [Reading; 2] = [Reading::Scatter, Reading::Conv];

    /// Its name in links (`view=`).
    pub fn name(self) -> &'static str {
        match self {
            Reading::Scatter => "scatter",
            Reading::Conv => "conv",
        }
    }

    /// The reading called `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.name() == name.trim())
    }
}

impl Default for Params {
    fn default() -> Self {
        PRESETS[0].params()
    }
}

/// The pair arguments whose control shows two sliders: those not square now.
pub(super) fn unlinked(config: &Config) -> BTreeSet<Arg> {
    config
        .arguments()
        .iter()
        .copied()
        .filter(|&a| matches!(config.get(a), Some(Value::Pair(p)) if !p.is_square()))
        .collect()
}

/// Argument, data, preset and link actions.
pub(super) fn reduce(s: &mut AppState, action: Action) -> Change {
    match action {
        Action::Set(arg, value) => {
            let before = s.notices.len();
            let (value, capped) = if s.pictures && matches!(arg, Arg::Height | Arg::Width) {
                // The picture view draws images, not grids of numbers: larger inputs.
                picture_capped(&mut s.notices, arg, value)
            } else {
                let (value, capped) = arg.capped(value);
                note_cap(&mut s.notices, arg, capped);
                (value, capped)
            };
            if !s.params.config.set(arg, value) {
                // The value stands, but a cap notice may have come or gone.
                let noted = s.notices.len() != before || capped;
                return if noted { Change::View } else { Change::None };
            }
        }
        Action::SetData(d) if s.params.data != d => s.params.data = d,
        Action::SetWeights(k) if s.params.weights != k => {
            s.params.weights = k;
            s.notices
                .retain(|n| !matches!(n, Notice::KernelNot3x3 { .. }));
        }
        Action::SetSeed(seed) if s.params.seed != seed => s.params.seed = seed,
        Action::SetKind(kind) if s.params.config.layer.kind() != kind => {
            s.params.config.layer = s.params.config.layer.to_kind(kind);
            s.pinned = None;
            // The picture view shows a Conv2d: a transposed layer leaves it, sides capped again.
            if s.pictures && kind != conv2d_core::LayerKind::Conv2d {
                s.pictures = false;
                leave_pictures(s);
            }
        }
        Action::SetReading(r) if s.params.reading != r => {
            s.params.reading = r;
            s.pinned = None;
        }
        Action::ToggleOverlap => s.params.overlap = !s.params.overlap,
        // The stack has its own table; the playground's figure is not derived from it.
        Action::SetLayers(text) if s.params.layers != text => {
            s.params.layers = text;
            return Change::View;
        }
        Action::SetStackInput(input) if s.params.stack_input != input => {
            s.params.stack_input = input;
            return Change::View;
        }
        Action::TransposeThis => return transpose_this(s),
        Action::EditStackLayer(i) => return super::stack_edit::edit_layer(s, i),
        Action::PutBackStackLayer => return super::stack_edit::put_back(s),
        Action::CancelStackEdit => return super::stack_edit::cancel(s),
        Action::Edit(cell, v) => return super::edits::edit(s, cell, v),
        Action::Fill(target, with) => return super::edits::fill(s, target, with),
        Action::ResetEdits => return super::edits::reset(s),
        Action::LoadPicture(pic) => return super::picture::load(s, pic),
        Action::SetScaling(scaling) => return super::picture::set_scaling(s, scaling),
        Action::ClearPicture => return super::picture::clear(s),
        Action::Preset(i) => {
            let Some(preset) = PRESETS.get(i) else {
                return Change::None;
            };
            s.params.config = preset.config();
            s.params.overlap = preset.params().overlap;
            s.unlinked = unlinked(&s.params.config);
            s.pinned = None;
        }
        Action::Link(arg, on) => {
            if on {
                s.unlinked.remove(&arg);
                // Linking makes the pair square at its height, as the one slider shows.
                if let Some(v) = s.params.config.get(arg) {
                    if s.params.config.set(arg, v.squared()) {
                        return Change::Params;
                    }
                }
            } else {
                s.unlinked.insert(arg);
            }
            return Change::View;
        }
        Action::FromChart(sweep, x) => {
            let c = sweep.apply(&s.params.config, x);
            if c == s.params.config {
                return Change::None;
            }
            s.params.config = c;
        }
        _ => return Change::None,
    }
    Change::Params
}

/// "Transpose this layer": the layer of the other kind that takes this one's output shape back to
/// its input shape (on the output's size), or a notice saying why the shapes cannot round-trip.
fn transpose_this(s: &mut AppState) -> Change {
    s.notices
        .retain(|n| !matches!(n, Notice::NoTranspose { .. }));
    let Ok(layer) = &s.layer else {
        return Change::None;
    };
    let [_, h, w] = layer.output_shape();
    let (h, w) = (h as i64, w as i64);
    let made = match layer {
        AnyLayer::Conv2d(l) => transpose_of(l).map(|spec| Config::conv_transpose2d(spec, h, w)),
        AnyLayer::ConvTranspose2d(t) => conv_of(t).map(|spec| Config::conv2d(spec, h, w)),
    };
    match made {
        Ok(config) => {
            s.params.config = config;
            s.unlinked = unlinked(&s.params.config);
            s.pinned = None;
            Change::Params
        }
        Err(why) => {
            s.notices.push(Notice::NoTranspose { why });
            Change::View
        }
    }
}

impl AppState {
    /// Re-derives the layer, data and output from `params`.
    pub(super) fn recompute(&mut self) {
        self.derive(false);
    }

    /// [`AppState::recompute`]; `in_parts`: a large Conv2d's output is left to [`Opening`].
    pub(super) fn derive(&mut self, in_parts: bool) {
        self.layer = self.params.config.check();
        self.too_large = None;
        self.opening = None;
        let layer = match &self.layer {
            Ok(l) => *l,
            Err(_) => {
                self.stale = self.view.is_some();
                // The kept figure stands still: its steps belong to a configuration no longer asked for.
                self.playing = false;
                return;
            }
        };
        super::picture::follow(self, &layer);
        self.charts = self.charts.around(&self.params.config);
        let macs = layer.cost().macs;
        if macs > CAP_MACS {
            self.too_large = Some(macs);
            self.stale = self.view.is_some();
            return;
        }
        self.stale = false;
        if let (true, AnyLayer::Conv2d(l)) = (in_parts && macs >= IN_PARTS_MACS, layer) {
            let (input, weight, bias) = self.data_for(&l);
            self.opening = Some(Rc::new(Opening {
                layer: l,
                spec: self.params.config.layer.clone(),
                input,
                weight,
                bias,
            }));
            return;
        }
        self.view = Some(Rc::new(self.compute(layer)));
        self.step = self.step.min(self.total_steps());
        super::focus::keep_pin_inside(self);
    }

    /// The data and the output of a valid layer of either kind (a ConvTranspose2d's data in the
    /// shapes its scatter shows).
    fn compute(&mut self, layer: AnyLayer) -> View {
        let data = self.data_for(&View::data_layer_of(&layer));
        View::compute(
            layer,
            self.params.config.layer.clone(),
            data,
            (self.params.reading, self.params.overlap),
            &mut self.workspace.0.borrow_mut(),
        )
    }

    /// The input, the weight `(out, in/groups, kH, kW)` and the bias for `layer`'s shapes; a
    /// named kernel that does not fit gives seeded weights and a notice.
    fn data_for(
        &mut self,
        layer: &Layer,
    ) -> (conv2d_core::Tensor, conv2d_core::Tensor, Option<Vec<f32>>) {
        let p = &self.params;
        let key = (layer.input_shape(), p.data, p.seed);
        let input = {
            let mut kept = self.workspace.1.borrow_mut();
            match kept.as_ref() {
                Some((k, t)) if *k == key => t.clone(),
                _ => {
                    let t = data::input(layer, p.data, p.seed);
                    *kept = Some((key, t.clone()));
                    t
                }
            }
        };
        let named = data::weights(layer, p.weights, p.seed);
        self.notices
            .retain(|n| !matches!(n, Notice::KernelNot3x3 { .. }));
        let (weight, bias) = match named {
            Ok(wb) => wb,
            Err(e) => {
                self.notices.push(Notice::KernelNot3x3 {
                    kernel: e.kernel.name(),
                    size: e.size,
                });
                data::seeded_weights(layer, p.seed)
            }
        };
        let (mut input, mut weight, mut bias) = (input, weight, bias);
        let left_out = p.edits.apply(&mut input, &mut weight, &mut bias);
        self.notices
            .retain(|n| !matches!(n, Notice::EditsLeftOut { .. }));
        if !left_out.is_empty() {
            self.notices.push(Notice::EditsLeftOut { parts: left_out });
        }
        crate::perf::mark("conv2d-data");
        (input, weight, bias)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::reduce;
    use super::*;
    use conv2d_core::Pair;
    use yew::Reducible;

    #[test]
    fn the_input_kept_between_changes_is_the_one_the_data_asks_for() {
        let fresh = |s: &AppState| {
            let v = s.view.clone().unwrap();
            data::input(&v.layer, s.params.data, s.params.seed)
        };
        let s = AppState::new(Params::default(), None, vec![]);
        let first = s.view.clone().unwrap().input.clone();
        // The stride changes the layer, not the input: the same values.
        let s = reduce(s, Action::Set(Arg::Stride, Value::Int(2)));
        assert_eq!(s.view.clone().unwrap().input, first);
        assert_eq!(s.view.clone().unwrap().input, fresh(&s));
        // A new seed, and new input sides, are new values.
        let s = reduce(s, Action::SetSeed(7));
        assert_ne!(s.view.clone().unwrap().input, first);
        assert_eq!(s.view.clone().unwrap().input, fresh(&s));
        let s = reduce(s, Action::Set(Arg::Height, Value::Int(9)));
        assert_eq!(s.view.clone().unwrap().input.shape[1], 9);
        assert_eq!(s.view.clone().unwrap().input, fresh(&s));
    }

    #[test]
    fn an_invalid_change_keeps_the_last_valid_figure_dimmed() {
        let s = AppState::new(Params::default(), None, vec![]);
        assert!(s.playing);
        let before = s.view.clone().unwrap();
        let s = reduce(s, Action::Set(Arg::Groups, Value::Int(0)));
        assert_eq!(
            s.layer.as_ref().unwrap_err().message,
            "groups must be a positive integer"
        );
        assert!(s.stale);
        assert!(!s.playing, "the kept figure does not animate");
        assert!(
            s.current_view().is_none(),
            "nothing of it is exported as this configuration"
        );
        assert_eq!(s.view.unwrap(), before);
    }

    #[test]
    fn a_value_above_the_cap_is_brought_down_with_a_notice_that_goes_once_within_it() {
        let s = reduce(
            AppState::default(),
            Action::Set(Arg::OutChannels, Value::Int(1000)),
        );
        let cap = Arg::OutChannels.cap().unwrap();
        assert_eq!(s.params.config.get(Arg::OutChannels), Some(Value::Int(cap)));
        assert_eq!(
            s.notices,
            [Notice::Capped {
                arg: Arg::OutChannels,
                cap
            }]
        );
        assert!(s.notices[0]
            .text(&crate::i18n::EN)
            .starts_with("out_channels is capped"));
        let s = reduce(s, Action::Set(Arg::OutChannels, Value::Int(0)));
        assert!(s.notices.is_empty(), "{:?}", s.notices);
    }

    #[test]
    fn a_pair_over_the_cap_on_either_side_keeps_its_notice() {
        // Capping the width after the height used to drop the height's notice.
        let s = reduce(
            AppState::default(),
            Action::Set(Arg::KernelSize, Value::Pair(Pair::new(500, 3))),
        );
        let cap = Arg::KernelSize.cap().unwrap();
        assert_eq!(
            s.params.config.get(Arg::KernelSize),
            Some(Value::Pair(Pair::new(cap, 3)))
        );
        assert_eq!(
            s.notices,
            [Notice::Capped {
                arg: Arg::KernelSize,
                cap
            }]
        );
    }

    #[test]
    fn a_zero_is_passed_to_pytorchs_rules_not_clamped() {
        let s = reduce(
            AppState::default(),
            Action::Set(Arg::Stride, Value::Pair(Pair::square(0))),
        );
        assert_eq!(
            s.params.config.get(Arg::Stride),
            Some(Value::Pair(Pair::square(0)))
        );
        assert_eq!(
            s.layer.unwrap_err().message,
            "non-positive stride is not supported"
        );
    }

    #[test]
    fn opening_a_configuration_that_cannot_be_drawn_shows_no_other_figure() {
        let mut p = Params::default();
        p.config.set(Arg::Groups, Value::Int(0));
        let s = AppState::new(p.clone(), None, vec![]);
        assert!(s.layer.is_err());
        assert!(
            s.view.is_none() && s.current_view().is_none(),
            "never figure 1 in its place"
        );
        assert_eq!(s.params, p, "the user's values stay in the controls");
        // Made valid, it gets its own figure.
        let s = reduce(s, Action::Set(Arg::Groups, Value::Int(1)));
        assert!(s.current_view().is_some());
    }

    #[test]
    fn linking_a_pair_makes_it_square_at_its_height_and_a_preset_sets_the_links() {
        let s = reduce(AppState::default(), Action::Preset(7)); // figure 8: dilation (4, 2)
        assert!(s.unlinked.contains(&Arg::Dilation));
        assert!(!s.unlinked.contains(&Arg::KernelSize));
        let s = reduce(s, Action::Link(Arg::Dilation, true));
        assert!(s.linked(Arg::Dilation));
        assert_eq!(
            s.params.config.get(Arg::Dilation),
            Some(Value::Pair(Pair::square(4)))
        );
        let s = reduce(s, Action::Link(Arg::Stride, false));
        assert!(!s.linked(Arg::Stride));
    }

    #[test]
    fn a_no_op_returns_the_same_state() {
        let s = Rc::new(AppState::default());
        let same = s.clone().reduce(Action::Set(
            Arg::InChannels,
            s.params.config.get(Arg::InChannels).unwrap(),
        ));
        assert!(Rc::ptr_eq(&s, &same));
    }
}
