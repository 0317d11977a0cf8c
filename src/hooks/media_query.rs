//! Whether a CSS media query matches, followed as it changes (e.g. the system's dark preference).

use yew::prelude::*;

use crate::platform;

/// True while `query` matches (never natively).
#[hook]
pub fn use_media_query(query: &'static str) -> bool {
    let matches = use_state(|| platform::media_matches(query));
    {
        let matches = matches.clone();
        use_effect_with(query, move |query| {
            let listener = platform::on_media_change(query, move |m| matches.set(m));
            move || drop(listener)
        });
    }
    *matches
}
