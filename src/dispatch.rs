//! One dispatcher for the whole page: turns events into actions of the one reducer, so a handler is
//! `d.to(|v: i64| Action::Set(arg, v))` rather than a clone-and-closure block.

use yew::prelude::*;

use crate::state::{Action, AppState};

/// The reducer's dispatcher, optionally marking a "change" for the repaint benchmark first.
#[derive(Clone, PartialEq)]
pub struct Dispatch {
    inner: UseReducerDispatcher<AppState>,
    marks: bool,
}

impl Dispatch {
    /// Dispatches to `inner`.
    pub fn new(inner: UseReducerDispatcher<AppState>) -> Self {
        Self {
            inner,
            marks: false,
        }
    }

    /// The same dispatcher, marking a performance "change" before each action (the controls use
    /// it, so `scripts/bench-repaint.mjs` measures from the change to the paint).
    pub fn marking(&self) -> Self {
        Self {
            inner: self.inner.clone(),
            marks: true,
        }
    }

    /// Dispatches `action` now.
    pub fn send(&self, action: Action) {
        if self.marks {
            crate::perf::changed();
        }
        self.inner.dispatch(action);
    }

    /// A callback dispatching `f(event)`.
    pub fn to<E: 'static>(&self, f: impl Fn(E) -> Action + 'static) -> Callback<E> {
        let d = self.clone();
        Callback::from(move |e| d.send(f(e)))
    }

    /// A callback dispatching `f(event)` when it gives an action.
    pub fn to_some<E: 'static>(&self, f: impl Fn(E) -> Option<Action> + 'static) -> Callback<E> {
        let d = self.clone();
        Callback::from(move |e| {
            if let Some(a) = f(e) {
                d.send(a)
            }
        })
    }

    /// A callback dispatching `action` whatever the event.
    pub fn always<E: 'static>(&self, action: Action) -> Callback<E> {
        self.to(move |_| action.clone())
    }
}

/// The reducer's handle, as components take it.
pub type StateHandle = UseReducerHandle<AppState>;
