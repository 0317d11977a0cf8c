//! A value from a dragged control, applied in a task of its own: a slider's `input` event comes
//! in the frame's own task (Chromium aligns pointer input with frames), so applying it there puts
//! the reducer, the render, and the frame's style, layout and paint in one long task. Applied a
//! task later, the frame and the change are two shorter tasks; values that come before the task
//! runs are dropped for the last one.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

/// What waits: the last value, and the timer that applies it.
type Waiting<T> = Option<(T, Timeout)>;

/// `onchange`, called a task later with the last of the values that came meanwhile (natively, at
/// once: there are no timers).
#[hook]
pub fn use_coalesced<T: 'static>(onchange: Callback<T>) -> Callback<T> {
    // The newest callback: the one in force when the task runs.
    let latest = use_mut_ref(|| onchange.clone());
    *latest.borrow_mut() = onchange;
    let waiting = use_mut_ref(|| Waiting::<T>::None);
    use_memo((), move |_| {
        Callback::from(move |v: T| {
            let mut w = waiting.borrow_mut();
            if let Some((value, _)) = w.as_mut() {
                *value = v;
                return;
            }
            let timer = {
                let (waiting, latest) = (waiting.clone(), latest.clone());
                crate::platform::timeout(0, move || {
                    let value = waiting.borrow_mut().take().map(|(v, _)| v);
                    if let Some(v) = value {
                        let cb = latest.borrow().clone();
                        cb.emit(v);
                    }
                })
            };
            match timer {
                Some(t) => *w = Some((v, t)),
                None => {
                    drop(w);
                    let cb = latest.borrow().clone();
                    cb.emit(v);
                }
            }
        })
    })
    .as_ref()
    .clone()
}
