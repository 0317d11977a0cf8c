//! Keeps the page's URL in step with the state (replaceState: no history entries).
//!
//! Chromium takes about 5–15 ms per `replaceState` here, so while the state changes fast (a slider
//! dragged) the URL is written at most once per [`QUIET_MS`]; the last query is always written.

use yew::prelude::*;

use crate::platform;

/// The least time between two writes of the URL, ms.
const QUIET_MS: f64 = 200.0;

/// Replaces the page's query with `query` whenever it changes.
#[hook]
pub fn use_url_sync(query: String) {
    // When the URL was last written, and the write waiting for its turn.
    let last = use_mut_ref(|| f64::NEG_INFINITY);
    let waiting = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    use_effect_with(query, move |q| {
        let write = {
            let last = last.clone();
            move |q: &str| {
                platform::replace_query(q);
                *last.borrow_mut() = platform::now_ms();
            }
        };
        let wait = *last.borrow() + QUIET_MS - platform::now_ms();
        if wait <= 0.0 {
            waiting.borrow_mut().take();
            write(q);
        } else {
            let q = q.clone();
            let later = platform::timeout(wait.ceil() as u32, move || write(&q));
            // A newer query replaces the one waiting.
            *waiting.borrow_mut() = later;
        }
    });
}
