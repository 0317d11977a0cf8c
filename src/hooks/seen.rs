//! Whether an element has been on screen yet, or is now: work for a panel below the fold (the GIF's
//! estimate, the charts) waits until someone looks at it.

use yew::prelude::*;

/// True once `node` has come into view (and from then on), watched from when `filled` (an
/// element still empty sits higher on the page than it will).
#[hook]
pub fn use_seen(node: NodeRef, filled: bool) -> bool {
    let seen = use_state_eq(|| false);
    {
        let seen = seen.clone();
        use_effect_with(filled, move |&filled| {
            let watch = filled
                .then(|| node.cast::<web_sys::Element>())
                .flatten()
                .and_then(|el| {
                    let seen = seen.clone();
                    crate::platform::when_seen(&el, move || seen.set(true))
                });
            move || drop(watch)
        });
    }
    *seen
}

/// Whether `node` is on screen, or within `margin` CSS px of it: work for what nobody can see (a
/// chart below the fold, redrawn on every change while a slider is dragged) waits until it can
/// be. True where the browser cannot tell.
#[hook]
pub fn use_on_screen(node: NodeRef, margin: u32) -> bool {
    let on = use_state_eq(|| false);
    {
        let on = on.clone();
        use_effect_with((), move |_| {
            let watch = node.cast::<web_sys::Element>().and_then(|el| {
                let on = on.clone();
                crate::platform::watch_on_screen(&el, margin, move |v| on.set(v))
            });
            if watch.is_none() {
                on.set(true);
            }
            move || drop(watch)
        });
    }
    *on
}
