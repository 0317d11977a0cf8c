//! Keeps the page's URL in step with the state (replaceState: no history entries).
//!
//! Chromium takes about 5–15 ms per `replaceState` here, so while the state changes fast (a slider
//! dragged) the URL is written at most once per [`QUIET_MS`]; the last query is always written,
//! and a query still waiting when the page is left is written then.

use yew::prelude::*;

use crate::platform;

/// The least time between two writes of the URL, ms.
const QUIET_MS: f64 = 200.0;

/// Replaces the page's query with `query` whenever it changes (at most once per [`QUIET_MS`]).
#[hook]
pub fn use_url_sync(query: String) {
    // When the URL was last written, and the query waiting for its turn with its timer.
    let last = use_mut_ref(|| f64::NEG_INFINITY);
    let waiting = use_mut_ref(|| None::<(String, Option<gloo_timers::callback::Timeout>)>);
    {
        let waiting = waiting.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, "pagehide", move |_| {
                    if let Some((q, _)) = waiting.borrow_mut().take() {
                        platform::replace_query(&q);
                    }
                })
            });
            move || drop(listener)
        });
    }
    use_effect_with(query, move |q| {
        let write = {
            let (last, waiting) = (last.clone(), waiting.clone());
            move || {
                if let Some((q, _)) = waiting.borrow_mut().take() {
                    platform::replace_query(&q);
                    *last.borrow_mut() = platform::now_ms();
                }
            }
        };
        let wait = *last.borrow() + QUIET_MS - platform::now_ms();
        // A newer query replaces the one waiting (and its timer).
        *waiting.borrow_mut() = Some((q.clone(), None));
        if wait <= 0.0 {
            write();
        } else if let Some(timer) = platform::timeout(wait.ceil() as u32, write) {
            if let Some((_, t)) = waiting.borrow_mut().as_mut() {
                *t = Some(timer);
            }
        }
    });
}
