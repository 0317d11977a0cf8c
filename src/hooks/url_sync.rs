//! Keeps the page's URL in step with the state (replaceState: no history entries).

use yew::prelude::*;

use crate::platform;

/// Replaces the page's query with `query` whenever it changes.
#[hook]
pub fn use_url_sync(query: String) {
    use_effect_with(query, |q| platform::replace_query(q));
}
