//! The page's first figure of a large Conv2d, computed in parts: opening a link to 64×64×64 → 64
//! would otherwise run its whole forward pass (tens of ms before the browser has optimised the
//! wasm) in the page's first task. The state holds the layer and its data meanwhile, and no figure;
//! `hooks::use_opening` computes the parts in the tasks that follow and sends the output back.

use std::ops::Range;
use std::rc::Rc;

use conv2d_core::forward::Workspace;
use conv2d_core::{Layer, LayerSpec, Tensor};
use conv2d_figure::anim::Walk;

use super::{focus, AppState, Change, View};

/// From this many multiply-accumulates the first figure is computed in parts.
pub const IN_PARTS_MACS: u64 = 20_000_000;

/// A Conv2d whose output is still being computed, and its data.
#[derive(Debug, PartialEq)]
pub struct Opening {
    /// The checked layer.
    pub layer: Layer,
    /// The arguments it came from.
    pub spec: LayerSpec,
    /// Input (C, H, W), as generated and edited.
    pub input: Tensor,
    /// Weight.
    pub weight: Tensor,
    /// Bias.
    pub bias: Option<Vec<f32>>,
}

/// Compared by address first inside an `Rc`, as [`View`] is.
impl Eq for Opening {}

impl Opening {
    /// The runs of output channels its parts compute, in order.
    pub fn parts(&self) -> Vec<Range<usize>> {
        let macs = conv2d_core::Cost::of(&self.layer).macs;
        conv2d_core::parts::parts(
            &self.layer,
            macs.div_ceil(crate::runner::PART_MACS) as usize,
        )
    }

    /// The output planes of channels `run` (one of [`Opening::parts`]).
    pub fn part<'w>(&self, run: Range<usize>, ws: &'w mut Workspace) -> &'w [f32] {
        let bias = self.bias.as_deref();
        conv2d_core::parts::forward_part(&self.layer, &self.input, &self.weight, bias, run, ws)
    }

    /// The animation's cells, known before the output is.
    pub fn total_steps(&self) -> usize {
        Walk::from(&self.layer).cells()
    }
}

/// The output of `opening` has been computed: it becomes the figure, unless the state has moved
/// on (a change computes its own figure at once).
pub(super) fn opened(s: &mut AppState, opening: &Rc<Opening>, output: Vec<f32>) -> Change {
    if !s.opening.as_ref().is_some_and(|o| Rc::ptr_eq(o, opening)) {
        return Change::None;
    }
    s.opening = None;
    let o = &**opening;
    s.view = Some(Rc::new(View {
        layer: o.layer,
        spec: o.spec.clone(),
        input: o.input.clone(),
        weight: o.weight.clone(),
        bias: o.bias.clone(),
        output,
        transpose: None,
    }));
    s.step = s.step.min(s.total_steps());
    focus::keep_pin_inside(s);
    Change::View
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::tests::reduce;
    use crate::state::{Action, Params};

    /// A page opened at 64×64×64 → 64, k3 p1, at step `step`.
    fn opened_at(step: Option<usize>) -> AppState {
        let (params, _, notices) = crate::url::parse(
            "in_channels=64&out_channels=64&kernel_size=3&padding=1&height=64&width=64",
        );
        AppState::open(params, step, notices)
    }

    /// Computes `s`'s opening part by part, as the page's hook does.
    fn output_of(s: &AppState) -> Vec<f32> {
        let o = s.opening.clone().expect("computed in parts");
        let mut ws = Workspace::new();
        o.parts()
            .into_iter()
            .flat_map(|run| o.part(run, &mut ws).to_vec())
            .collect()
    }

    #[test]
    fn a_large_conv2d_opens_without_its_figure_then_has_the_one_computed_at_once() {
        let s = opened_at(Some(100));
        assert!(s.view.is_none() && s.layer.is_ok() && s.too_large.is_none());
        assert!(s.opening.as_ref().unwrap().parts().len() >= 4);
        assert_eq!(s.total_steps(), 64 * 64 * 64);
        assert_eq!(s.step, 100);
        let out = output_of(&s);
        let o = s.opening.clone().unwrap();
        let s = reduce(s, Action::Opened(o, out));
        assert!(s.opening.is_none());
        let at_once = AppState::new(s.params.clone(), Some(100), Vec::new());
        assert_eq!(s.view, at_once.view);
        assert_eq!(s.step, 100);
    }

    #[test]
    fn a_change_before_the_parts_are_done_wins_and_their_output_is_dropped() {
        let s = opened_at(None);
        let o = s.opening.clone().unwrap();
        let out = output_of(&s);
        let s = reduce(s, Action::SetSeed(7));
        assert!(s.opening.is_none());
        let after = s.view.clone().unwrap();
        let s = reduce(s, Action::Opened(o, out));
        assert!(Rc::ptr_eq(s.view.as_ref().unwrap(), &after));
    }

    #[test]
    fn a_small_or_too_large_layer_opens_as_before() {
        let s = AppState::open(Params::default(), None, Vec::new());
        assert!(s.opening.is_none() && s.view.is_some());
        let (params, _, notices) = crate::url::parse(
            "in_channels=64&out_channels=64&kernel_size=5&padding=2&height=64&width=64",
        );
        let s = AppState::open(params, None, notices);
        assert!(s.opening.is_none() && s.view.is_none() && s.too_large.is_some());
    }
}
