//! Computes the page's first, large figure in parts ([`Opening`]): a few parts per task, each task
//! stopping after `runner::PARTS_MS`, until the output is whole and goes to the reducer. A change meanwhile
//! computes its own figure; this run is then dropped with the opening it was for.

use std::rc::Rc;

use conv2d_core::forward::Workspace;
use yew::prelude::*;

use crate::dispatch::Dispatch;
use crate::runner::{parts_for_a_task, Flow, Runner};
use crate::state::{Action, Opening};

/// Runs `opening`'s parts, if there is one, and sends [`Action::Opened`] with the output.
#[hook]
pub fn use_opening(opening: Option<Rc<Opening>>, dispatch: Dispatch) {
    use_effect_with(opening, move |opening| {
        let run = opening.clone().map(|o| {
            let runs = o.parts();
            let mut next = 0;
            let mut ws = Workspace::new();
            let mut output = Vec::with_capacity(o.total_steps());
            Runner::start(0, move || {
                let more = parts_for_a_task(|| {
                    output.extend_from_slice(o.part(runs[next].clone(), &mut ws));
                    next += 1;
                    next < runs.len()
                });
                if more {
                    return Flow::Continue;
                }
                crate::perf::mark("conv2d-forward");
                dispatch.send(Action::Opened(o.clone(), std::mem::take(&mut output)));
                Flow::Done
            })
        });
        move || drop(run)
    });
}
