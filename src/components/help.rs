//! The keyboard shortcuts overlay.

use yew::prelude::*;

use crate::dispatch::Dispatch;
use crate::i18n::use_texts;
use crate::state::Action;

/// Props of [`Help`].
#[derive(Properties, PartialEq)]
pub struct HelpProps {
    /// Where the close button's action goes.
    pub dispatch: Dispatch,
}

/// The list of shortcuts, as a modal dialog.
#[component]
pub fn Help(p: &HelpProps) -> Html {
    let t = use_texts();
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help">
            <div class="panel">
                <h2 id="help-title">{t.shortcuts}</h2>
                <dl class="keys">
                    { for t.keys.iter().map(|(k, what)| html! { <><dt><kbd>{*k}</kbd></dt><dd>{*what}</dd></> }) }
                </dl>
                <button type="button" onclick={p.dispatch.always(Action::ToggleHelp)}>{t.close}</button>
            </div>
        </div>
    }
}
