//! Rendering in stages: the page opens with its controls, and the figure, the side panel and what is
//! below the fold (the charts) join it one task each, a moment apart, so opening the page is not
//! one long task.

use yew::prelude::*;

/// 0 on the first render, then one more each moment up to `last`, one render (task) each
/// (natively, with no timers: `last` at once).
#[hook]
pub fn use_later(last: u8) -> u8 {
    let stage = use_state_eq(|| {
        if cfg!(target_arch = "wasm32") {
            0
        } else {
            last
        }
    });
    {
        let stage = stage.clone();
        use_effect_with(*stage, move |&now| {
            let timer = (now < last)
                .then(|| crate::platform::timeout(LATER_MS, move || stage.set(now + 1)))
                .flatten();
            move || drop(timer)
        });
    }
    *stage
}

/// How long between stages, ms: about two frames, so each stage is painted before the next.
const LATER_MS: u32 = 30;
