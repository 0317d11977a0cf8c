//! Whether an element has been on screen yet: work for a panel below the fold (the GIF's
//! estimate) waits until someone looks at it.

use yew::prelude::*;

/// True once `node` has come into view (and from then on).
#[hook]
pub fn use_seen(node: NodeRef) -> bool {
    let seen = use_state_eq(|| false);
    {
        let seen = seen.clone();
        use_effect_with((), move |_| {
            let watch = node.cast::<web_sys::Element>().and_then(|el| {
                let seen = seen.clone();
                crate::platform::when_seen(&el, move || seen.set(true))
            });
            move || drop(watch)
        });
    }
    *seen
}
