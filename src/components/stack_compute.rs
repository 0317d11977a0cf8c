//! A stack's tensors, computed off the keystroke: a change of the text waits until typing pauses,
//! a change of the input or the seed is computed at once (after the paint that shows it), and
//! until they arrive the last computed stack stays on screen. They are computed a step at a time
//! (a layer, or a part of a large convolution: [`Steps`]), about `runner::PARTS_MS` of steps per task,
//! so a stack near the live limit need not be one long task (a layer other than a convolution, or
//! a convolution with few output channels, is still one step); a change meanwhile drops the steps.

use std::rc::Rc;

use yew::prelude::*;

use conv2d_core::stack::forward::Steps;

use crate::runner::{parts_for_a_task, Flow, Runner, PART_MACS};
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
            let run = (!empty || computed.is_some()).then(|| {
                let mut job: Option<(StackModel, Steps)> = None;
                Runner::start(delay, move || {
                    let (mut m, mut steps) = match job.take() {
                        Some(running) => running,
                        None => {
                            crate::perf::mark("stack-change");
                            match Made::read(&key.0, key.1) {
                                Made::Stack(m) => {
                                    let mut m = Rc::unwrap_or_clone(m);
                                    match m.steps(key.2) {
                                        Some(steps) => (m, steps),
                                        // Too large (or rejected): the table, no tensors.
                                        None => {
                                            computed.set(Some((key.clone(), Rc::new(m))));
                                            return Flow::Done;
                                        }
                                    }
                                }
                                Made::Nothing => {
                                    computed.set(None);
                                    return Flow::Done;
                                }
                                // The last stack stays while the text goes wrong.
                                Made::Placed(_) => return Flow::Done,
                            }
                        }
                    };
                    let mut done = Ok(false);
                    if parts_for_a_task(|| {
                        done = steps.step(PART_MACS);
                        done == Ok(false)
                    }) {
                        job = Some((m, steps));
                        return Flow::Continue;
                    }
                    if done.is_ok() {
                        m.take(steps.finish());
                    }
                    computed.set(Some((key.clone(), Rc::new(m))));
                    Flow::Done
                })
            });
            move || drop(run)
        });
    }
    computed.as_ref().map(|(k, m)| (m.clone(), *k == key))
}
