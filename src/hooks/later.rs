//! Rendering in two tasks: what is below the fold (the charts) joins the page a moment after the
//! first render, so opening the page is not one long task.

use yew::prelude::*;

/// False on the first render, true from a moment later (natively, with no timers: at once).
#[hook]
pub fn use_later() -> bool {
    let later = use_state_eq(|| !cfg!(target_arch = "wasm32"));
    {
        let later = later.clone();
        use_effect_with((), move |_| {
            let timer = crate::platform::timeout(LATER_MS, move || later.set(true));
            move || drop(timer)
        });
    }
    *later
}

/// How long after the first render, ms: long enough for the figure to be painted first.
const LATER_MS: u32 = 30;
