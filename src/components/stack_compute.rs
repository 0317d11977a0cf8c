//! A stack's tensors, computed off the keystroke: a change of the text waits until typing pauses,
//! a change of the input or the seed is computed at once (after the paint that shows it), and
//! until they arrive the last computed stack stays on screen.

use std::rc::Rc;

use yew::prelude::*;

use crate::state::stack::{Made, StackModel};

/// How long typing in the stack's text must pause before its tensors are computed.
const TYPING_PAUSE_MS: u32 = 150;

/// What the tensors are computed for.
type Key = (AttrValue, [i64; 3], u64);

/// The stack with its tensors for `text` on `input` with `seed`, once computed, and whether it is
/// this text's (`false`: the last one computed, while this one is made).
#[hook]
pub fn use_stack_tensors(
    text: AttrValue,
    input: [i64; 3],
    seed: u64,
) -> Option<(Rc<StackModel>, bool)> {
    let computed = use_state(|| None::<(Key, Rc<StackModel>)>);
    let last_text = use_mut_ref(|| None::<AttrValue>);
    let key: Key = (text, input, seed);
    {
        let computed = computed.clone();
        use_effect_with(key.clone(), move |key| {
            let key = key.clone();
            let typed = last_text.borrow().as_ref().is_some_and(|t| *t != key.0);
            *last_text.borrow_mut() = Some(key.0.clone());
            let delay = if typed { TYPING_PAUSE_MS } else { 0 };
            // No stack: nothing to compute, and no render to ask for (the seed changes often).
            let empty = key.0.trim().is_empty();
            let timer = (!empty || computed.is_some()).then(|| {
                crate::platform::timeout(delay, move || {
                    crate::perf::mark("stack-change");
                    match Made::of(&key.0, key.1, key.2) {
                        Made::Stack(m) => computed.set(Some((key, m))),
                        Made::Nothing => computed.set(None),
                        // The last stack stays while the text goes wrong.
                        Made::Placed(_) => {}
                    }
                })
            });
            move || drop(timer)
        });
    }
    computed.as_ref().map(|(k, m)| (m.clone(), *k == key))
}
