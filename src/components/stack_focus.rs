//! The stack strip's focus: the hovered cell, else the pinned one (a tap, a click or a key), else
//! the centre of the last tensor that has cells; what it lights in every tensor; and its effective
//! receptive field, computed a moment after the focus rests so the strip never waits for it.

use std::rc::Rc;

use conv2d_core::stack::field::Field;
use yew::prelude::*;

use super::stack_strip::Spot;
use crate::state::stack::StackModel;

/// How long the focus rests before its effective receptive field is computed.
const ERF_DELAY_MS: u32 = 60;

/// The focus and what goes with it.
pub struct StackFocus {
    /// The cell in focus (none: no tensor has cells).
    pub focus: Option<Spot>,
    /// What it lights in each tensor.
    pub lit: Rc<Vec<Option<Field>>>,
    /// Its effective receptive field, once computed for this stack and this cell.
    pub effective: Option<Rc<Vec<f32>>>,
    /// The pointer over a cell (or off).
    pub onhover: Callback<Option<Spot>>,
    /// A tap or a click pins a cell.
    pub onpin: Callback<Spot>,
    /// A key moves the pinned cell (and the pointer stops leading until it moves again).
    pub onkey: Callback<Spot>,
    /// Esc: unpin.
    pub onunpin: Callback<()>,
}

/// The centre of the last tensor with cells (channel 0).
fn centre(model: &StackModel) -> Option<Spot> {
    let shapes = model.shapes();
    let (t, [_, h, w]) = shapes
        .iter()
        .copied()
        .enumerate()
        .rev()
        .find(|(_, s)| s.iter().all(|&v| v > 0))?;
    Some((t, [0, h / 2, w / 2]))
}

/// `spot` if it is a cell of one of the stack's tensors.
fn valid(model: &StackModel, spot: Option<Spot>) -> Option<Spot> {
    let (t, [c, y, x]) = spot?;
    let s = model.shapes().get(t).copied()?;
    (c < s[0] && y < s[1] && x < s[2]).then_some((t, [c, y, x]))
}

/// The strip's focus for `model`.
#[hook]
pub fn use_stack_focus(model: Option<Rc<StackModel>>) -> StackFocus {
    let hover = use_state_eq(|| None::<Spot>);
    let pinned = use_state_eq(|| None::<Spot>);
    let key = model.as_ref().map(|m| Rc::as_ptr(m) as usize);
    let focus = model.as_ref().and_then(|m| {
        valid(m, *hover)
            .or_else(|| valid(m, *pinned))
            .or_else(|| centre(m))
    });
    let lit = {
        let model = model.clone();
        use_memo((key, focus), move |(_, focus)| match (model, focus) {
            (Some(m), Some((t, cell))) => Rc::new(m.lit(*t, *cell)),
            _ => Rc::new(Vec::new()),
        })
    };
    // A backward pass through the whole stack: it follows the focus when the pointer rests.
    let computed = use_state(|| None::<(usize, Spot, Rc<Vec<f32>>)>);
    {
        let (computed, model) = (computed.clone(), model);
        use_effect_with((key, focus), move |(key, focus)| {
            let key = *key;
            let timer = model.zip(*focus).and_then(|(m, (t, cell))| {
                crate::platform::timeout(ERF_DELAY_MS, move || {
                    let e = m.effective(t, cell).map(Rc::new);
                    computed.set(e.map(|e| (key.unwrap_or(0), (t, cell), e)));
                })
            });
            move || drop(timer)
        });
    }
    // Only this stack's and this cell's (nothing is shown while the new one is made).
    let effective = computed
        .as_ref()
        .filter(|(k, spot, _)| Some(*k) == key && Some(*spot) == focus)
        .map(|(_, _, e)| e.clone());
    let onhover = {
        let hover = hover.clone();
        Callback::from(move |s| hover.set(s))
    };
    let onpin = {
        let pinned = pinned.clone();
        Callback::from(move |s| pinned.set(Some(s)))
    };
    let onkey = {
        let (hover, pinned) = (hover.clone(), pinned.clone());
        Callback::from(move |s| {
            hover.set(None);
            pinned.set(Some(s));
        })
    };
    let onunpin = Callback::from(move |()| {
        hover.set(None);
        pinned.set(None);
    });
    StackFocus {
        focus,
        lit: (*lit).clone(),
        effective,
        onhover,
        onpin,
        onkey,
        onunpin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::stack::model;

    #[test]
    fn the_default_focus_skips_tensors_without_cells() {
        let m = model("nn.Conv2d(1, 2, 3), nn.AdaptiveAvgPool2d(0)", [1, 6, 6]);
        assert_eq!(centre(&m), Some((1, [0, 2, 2])));
        assert_eq!(valid(&m, Some((2, [0, 0, 0]))), None);
        assert_eq!(valid(&m, Some((1, [1, 3, 3]))), Some((1, [1, 3, 3])));
    }
}
