//! Keeps the page's URL in step with the state (replaceState: no history entries).
//!
//! Chromium takes about 5–20 ms per `replaceState` here, and the browser's process works on each
//! too, so it is written in a task of its own, never the change's. A change after a quiet spell is
//! written at once (in the next task); while changes come fast (a slider
//! dragged) the URL waits until they have stopped for [`QUIET_MS`], but never more than
//! [`MOST_MS`]. The last query is always written, and a query still waiting when the page is left
//! is written then.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::platform;

/// The stillness after which a waiting query is written, and the least time since the last write
/// for a change to be written at once, ms.
const QUIET_MS: f64 = 250.0;

/// The longest a query waits while changes keep coming, ms.
const MOST_MS: f64 = 1000.0;

/// A query not yet written: since when something has waited, and the timer that writes it.
struct Waiting {
    query: String,
    since: f64,
    _timer: Option<Timeout>,
}

/// When the URL was last written, and what waits.
#[derive(Default)]
struct Sync {
    last: Option<f64>,
    waiting: Option<Waiting>,
}

impl Sync {
    /// Writes the waiting query, if any.
    fn flush(&mut self) {
        if let Some(w) = self.waiting.take() {
            platform::replace_query(&w.query);
            self.last = Some(platform::now_ms());
        }
    }
}

/// In how many ms a query that came at `now` is written (0: at once, in the next task).
fn delay(last: Option<f64>, waiting_since: Option<f64>, now: f64) -> f64 {
    match (last, waiting_since) {
        (_, Some(since)) => QUIET_MS.min(since + MOST_MS - now).max(0.0),
        (Some(t), None) if now - t < QUIET_MS => QUIET_MS,
        _ => 0.0,
    }
}

/// Replaces the page's query with `query` whenever it changes (see the module's note on when).
#[hook]
pub fn use_url_sync(query: String) {
    let sync = use_mut_ref(Sync::default);
    {
        let sync = sync.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, "pagehide", move |_| sync.borrow_mut().flush())
            });
            move || drop(listener)
        });
    }
    use_effect_with(query, move |q| queue(&sync, q.clone()));
}

/// Leaves `query` waiting with the timer that writes it (replacing any query waiting).
fn queue(sync: &Rc<RefCell<Sync>>, query: String) {
    let now = platform::now_ms();
    let mut s = sync.borrow_mut();
    let since = s.waiting.as_ref().map(|w| w.since);
    // "At once" is the next task: a write takes the change's task no longer than it must.
    let ms = delay(s.last, since, now);
    let timer = {
        let sync = sync.clone();
        platform::timeout(ms.ceil() as u32, move || sync.borrow_mut().flush())
    };
    s.waiting = Some(Waiting {
        query,
        since: since.unwrap_or(now),
        _timer: timer,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_change_is_written_at_once_and_a_drag_when_it_stops_or_at_most_a_second_on() {
        // Quiet before: at once (also the first change of all).
        assert_eq!(delay(None, None, 0.0), 0.0);
        assert_eq!(delay(Some(0.0), None, 400.0), 0.0);
        // Soon after a write: when the changes have stopped.
        assert_eq!(delay(Some(0.0), None, 100.0), QUIET_MS);
        // Still coming: the wait starts again, but ends a second after the first waited.
        assert_eq!(delay(Some(0.0), Some(100.0), 300.0), QUIET_MS);
        assert_eq!(delay(Some(0.0), Some(100.0), 950.0), 150.0);
        assert_eq!(delay(Some(0.0), Some(100.0), 1200.0), 0.0);
    }
}
