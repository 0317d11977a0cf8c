//! A convolution of the stack edited with the playground's own controls: loaded on the input the
//! stack hands it, the playground's settings kept aside, and on put back its new call written
//! where the old one is (found by its text), or the playground as it was on cancel.

use super::stack::Made;
use conv2d_core::stack::layers::StackLayer;

/// A convolution of the stack being edited with the playground's controls: which, and the
/// playground's settings before, to return to.
#[derive(Clone, Debug, PartialEq)]
pub struct StackEdit {
    /// The layer's index in the stack.
    pub layer: usize,
    /// Its call as it was written when the edit began (found again by it on put back).
    pub call: String,
    /// The playground's settings before.
    pub before: super::Params,
}

/// The stack as `params` make it: its table, no tensors.
fn made(params: &super::Params) -> Made {
    Made::read(&params.layers, params.stack_input)
}

/// Loads convolution `i` of the stack into the playground (its arguments, on the input the stack
/// hands it), keeping the playground's settings to return to.
pub(super) fn edit_layer(s: &mut super::AppState, i: usize) -> super::Change {
    let Made::Stack(m) = made(&s.params) else {
        return super::Change::None;
    };
    let Some(&[_, h, w]) = m.shapes().get(i) else {
        return super::Change::None;
    };
    let config = match m.layers.get(i) {
        Some(StackLayer::Conv2d(spec)) => {
            conv2d_core::Config::conv2d(spec.clone(), h as i64, w as i64)
        }
        Some(StackLayer::ConvTranspose2d(spec)) => {
            conv2d_core::Config::conv_transpose2d(spec.clone(), h as i64, w as i64)
        }
        _ => return super::Change::None,
    };
    let before = s
        .stack_edit
        .take()
        .map_or_else(|| s.params.clone(), |e| e.before);
    let call = m.text[m.calls[i].span.0..m.calls[i].span.1].to_string();
    s.stack_edit = Some(StackEdit {
        layer: i,
        call,
        before,
    });
    s.params.config = config;
    if s.pictures {
        s.pictures = false;
    }
    super::params::leave_pictures(s);
    s.unlinked = super::params::unlinked(&s.params.config);
    s.pinned = None;
    super::Change::Params
}

/// The playground's layer written back into the stack, and the playground as it was.
pub(super) fn put_back(s: &mut super::AppState) -> super::Change {
    let Some(edit) = s.stack_edit.take() else {
        return super::Change::None;
    };
    let call = s.params.config.layer.python();
    // The layer is found by its call as it was: the stack may have changed meanwhile.
    let found = match made(&s.params) {
        Made::Stack(m) => {
            let parts = m.parts();
            let at = if parts.get(edit.layer) == Some(&edit.call) {
                Some(edit.layer)
            } else {
                parts.iter().position(|p| *p == edit.call)
            };
            at.map(|i| m.with_replaced(i, &call))
        }
        _ => None,
    };
    match found {
        Some(layers) => restore(s, edit.before, layers),
        // Gone from the stack: the playground keeps the edited layer (nothing is lost) and
        // says why it was not put back.
        None => {
            s.notices
                .push(super::notices::Notice::StackLayerGone { call: edit.call });
            super::Change::View
        }
    }
}

/// The playground as it was, the stack unchanged.
pub(super) fn cancel(s: &mut super::AppState) -> super::Change {
    let Some(edit) = s.stack_edit.take() else {
        return super::Change::None;
    };
    let layers = s.params.layers.clone();
    restore(s, edit.before, layers)
}

fn restore(s: &mut super::AppState, before: super::Params, layers: String) -> super::Change {
    let stack_input = s.params.stack_input;
    s.params = super::Params {
        layers,
        stack_input,
        ..before
    };
    s.unlinked = super::params::unlinked(&s.params.config);
    s.pinned = None;
    super::Change::Params
}

#[cfg(test)]
mod tests {
    use crate::state::stack::model;

    /// Editing a stack's convolution with the playground's controls: put back writes the new call
    /// where the old one is (found by its text if the stack changed meanwhile), brings the
    /// playground back, and never drops the edit silently.
    #[test]
    fn a_convolution_goes_to_the_playground_and_back() {
        use super::super::tests::reduce;
        use super::super::{Action, AppState};
        use conv2d_core::{Arg, Value};
        let text = "nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.Conv2d(4, 2, 3)";
        let mut s = reduce(AppState::default(), Action::SetLayers(text.into()));
        s = reduce(s, Action::SetStackInput([1, 8, 8]));
        let before = s.params.config.clone();
        s = reduce(s, Action::EditStackLayer(2));
        assert_eq!(
            s.params.config.layer.python(),
            "nn.Conv2d(4, 2, kernel_size=3)"
        );
        assert_eq!((s.params.config.height, s.params.config.width), (8, 8));
        s = reduce(s, Action::Set(Arg::OutChannels, Value::Int(5)));
        // Meanwhile a layer is added in front: the edited call is found by its text.
        s = reduce(s, Action::SetLayers(format!("nn.Identity(), {text}")));
        s = reduce(s, Action::PutBackStackLayer);
        assert_eq!(s.params.config, before, "the playground is back");
        assert!(s.stack_edit.is_none());
        let m = model(&s.params.layers, [1, 8, 8]);
        assert_eq!(m.texts[3], "nn.Conv2d(4, 5, kernel_size=3)");
        // Gone from the stack: the edit stays in the playground, with a notice.
        s = reduce(s, Action::EditStackLayer(1));
        s = reduce(s, Action::SetLayers("nn.ReLU()".into()));
        s = reduce(s, Action::PutBackStackLayer);
        assert_eq!(
            s.params.config.layer.python(),
            "nn.Conv2d(1, 4, kernel_size=3, padding=1)"
        );
        assert!(s
            .notices
            .iter()
            .any(|n| matches!(n, super::super::notices::Notice::StackLayerGone { .. })));
        // A greyed layer after the rejected one has no input shape: nothing happens.
        let mut s = reduce(
            AppState::default(),
            Action::SetLayers("nn.Conv2d(3, 4, 3), nn.Conv2d(5, 4, 3), nn.Conv2d(4, 4, 1)".into()),
        );
        let params = s.params.clone();
        s = reduce(s, Action::EditStackLayer(2));
        assert_eq!(s.params, params);
    }
}
