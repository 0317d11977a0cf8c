//! Keyboard shortcuts anywhere on the page (not while typing in a control or moving the cursor in
//! the figure or a chart, which have their own keys): space play/pause, ←/→ step, ? the list,
//! p presentation, Escape closes.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::dispatch::Dispatch;
use crate::state::Action;

/// The action of a page-wide shortcut key.
pub fn shortcut(key: &str) -> Option<Action> {
    Some(match key {
        " " => Action::TogglePlay,
        "ArrowLeft" => Action::Step(-1),
        "ArrowRight" => Action::Step(1),
        "?" => Action::ToggleHelp,
        "p" => Action::TogglePresent,
        "Escape" => Action::CloseOverlays,
        _ => return None,
    })
}

/// Whether the key belongs to the element it was typed in rather than to the page.
fn for_the_target(e: &web_sys::KeyboardEvent) -> bool {
    let Some(t) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    let tag = t.tag_name();
    matches!(tag.as_str(), "INPUT" | "SELECT" | "TEXTAREA")
        // A focused button already answers space (and Enter) itself.
        || (tag == "BUTTON" && e.key() == " ")
        || t.closest(".figure-box").ok().flatten().is_some()
        || t.closest("canvas.chart").ok().flatten().is_some()
}

/// Listens for the shortcuts on the document while mounted.
#[hook]
pub fn use_global_keys(dispatch: Dispatch) {
    use_effect_with((), move |_| {
        let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
            let options = gloo_events::EventListenerOptions::enable_prevent_default();
            gloo_events::EventListener::new_with_options(&doc, "keydown", options, move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if e.ctrl_key() || e.meta_key() || e.alt_key() || for_the_target(e) {
                    return;
                }
                if let Some(action) = shortcut(&e.key()) {
                    e.prevent_default();
                    dispatch.send(action);
                }
            })
        });
        move || drop(listener)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shortcuts_match_the_help_list() {
        assert_eq!(shortcut(" "), Some(Action::TogglePlay));
        assert_eq!(shortcut("ArrowLeft"), Some(Action::Step(-1)));
        assert_eq!(shortcut("p"), Some(Action::TogglePresent));
        assert_eq!(shortcut("Escape"), Some(Action::CloseOverlays));
        assert_eq!(shortcut("x"), None);
        assert_eq!(shortcut("?"), Some(Action::ToggleHelp));
    }
}
