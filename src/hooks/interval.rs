//! A repeating timer, restarted when its period changes and stopped with `None` or on unmount.

use yew::prelude::*;

use crate::platform;

/// Emits `tick` every `period_ms` milliseconds while it is `Some`.
#[hook]
pub fn use_interval(period_ms: Option<u32>, tick: Callback<()>) {
    use_effect_with(period_ms, move |period| {
        let timer = period.and_then(|ms| platform::interval(ms, move || tick.emit(())));
        move || drop(timer)
    });
}
