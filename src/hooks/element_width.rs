//! The width of an element, measured after render and on every window resize.

use yew::prelude::*;

/// Until the element is measured.
const DEFAULT_WIDTH: f32 = 900.0;

/// The content width of `node` in CSS px (less a 4 px margin), re-measured on resize and whenever
/// `remeasure` changes (a layout switch such as presentation mode).
#[hook]
pub fn use_element_width<K: PartialEq + 'static>(node: NodeRef, remeasure: K) -> f32 {
    let width = use_state(|| DEFAULT_WIDTH);
    {
        let width = width.clone();
        use_effect_with(remeasure, move |_| {
            let measure = move || {
                if let Some(el) = node.cast::<web_sys::Element>() {
                    let w = el.client_width() as f32;
                    if w > 0.0 {
                        width.set(w - 4.0);
                    }
                }
            };
            measure();
            let listener = web_sys::window()
                .map(|w| gloo_events::EventListener::new(&w, "resize", move |_| measure()));
            move || drop(listener)
        });
    }
    *width
}
