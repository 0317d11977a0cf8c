//! The page's link to a worker running this same wasm (the charts' sweeps, the GIFs and large
//! figures each have one): starting it with the page's bindings and compiled module, its "ready", and its failure.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

#[wasm_bindgen]
extern "C" {
    /// The URL of this wasm's JS bindings (the module that the worker imports in turn).
    #[wasm_bindgen(thread_local_v2, js_namespace = ["import", "meta"], js_name = url)]
    static BINDINGS_URL: String;
}

/// The worker script, next to the page (copied by Trunk from `static/`).
const SCRIPT: &str = "sweep-worker.js";

/// The link from the page to one worker of this wasm (the sweeps', the GIFs' or the figure's),
/// with the worker's handlers, kept as long as the page (a failure may come from inside one).
pub struct Link {
    state: State,
    _handlers: Handlers,
}

/// Where a link's worker stands.
enum State {
    /// Not tried yet.
    Untried,
    /// Loading; work waits for its `ready`.
    Starting(Worker),
    /// Taking work.
    Ready(Worker),
    /// Cannot run here: the work runs on the page.
    Failed,
}

impl Default for Link {
    fn default() -> Self {
        Self::new()
    }
}

impl Link {
    /// A link not tried yet.
    pub const fn new() -> Self {
        Self {
            state: State::Untried,
            _handlers: Vec::new(),
        }
    }

    /// Starts the worker if it was not tried yet (see `spawn_with`).
    pub fn start(
        &mut self,
        on_message: impl FnMut(JsValue) + 'static,
        on_failed: impl FnMut() + 'static,
    ) {
        if !self.is_untried() {
            return;
        }
        self.state = match spawn_with(on_message, on_failed) {
            Some((worker, handlers)) => {
                self._handlers = handlers;
                State::Starting(worker)
            }
            None => State::Failed,
        };
    }

    /// Not tried yet.
    pub fn is_untried(&self) -> bool {
        matches!(self.state, State::Untried)
    }

    /// Cannot run here (or is not to be tried).
    pub fn has_failed(&self) -> bool {
        matches!(self.state, State::Failed)
    }

    /// Still loading.
    pub fn is_starting(&self) -> bool {
        matches!(self.state, State::Starting(_))
    }

    /// Where work goes now: the worker, the page (`Some(None)`), or nowhere yet (`None`).
    pub fn target(&self) -> Option<Option<Worker>> {
        match &self.state {
            State::Ready(w) => Some(Some(w.clone())),
            State::Failed => Some(None),
            State::Untried | State::Starting(_) => None,
        }
    }

    /// The worker, once it takes work.
    pub fn ready_worker(&self) -> Option<Worker> {
        self.target().flatten()
    }

    /// The worker said it is ready: it takes work from now on (and is returned).
    pub fn ready(&mut self) -> Option<Worker> {
        if let State::Starting(w) = &self.state {
            self.state = State::Ready(w.clone());
        }
        self.ready_worker()
    }

    /// The worker cannot run (or is not to be tried): it is stopped, and the work goes to the
    /// page from now on. False when that was known already.
    pub fn fail(&mut self) -> bool {
        match std::mem::replace(&mut self.state, State::Failed) {
            State::Failed => false,
            State::Starting(w) | State::Ready(w) => {
                w.terminate();
                true
            }
            State::Untried => true,
        }
    }
}

/// A worker's message and error handlers, to be kept as long as the worker.
type Handlers = Vec<Closure<dyn FnMut(JsValue)>>;

/// A worker running this wasm (none where the page is not served over http(s), or it cannot
/// start): each message's data goes to `on_message`, an error to `on_failed`. The handlers
/// must live as long as the worker.
fn spawn_with(
    on_message: impl FnMut(JsValue) + 'static,
    mut on_failed: impl FnMut() + 'static,
) -> Option<(Worker, Handlers)> {
    let window = web_sys::window()?;
    let protocol = window.location().protocol().ok()?;
    if protocol != "http:" && protocol != "https:" {
        return None;
    }
    let url = BINDINGS_URL.with(String::clone);
    if url.is_empty() {
        return None;
    }
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(SCRIPT, &options).ok()?;
    let mut on_message = on_message;
    let on_message = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        let data = e
            .dyn_into::<MessageEvent>()
            .map(|e| e.data())
            .unwrap_or_default();
        on_message(data)
    });
    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        // Handled here (the work moves to the page), so not reported as the page's error.
        if let Ok(e) = e.dyn_into::<web_sys::Event>() {
            e.prevent_default();
        }
        on_failed();
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let boot = js_sys::Array::of2(&JsValue::from_str(&url), &wasm_bindgen::module());
    if worker.post_message(&boot).is_err() {
        worker.terminate();
        return None;
    }
    Some((worker, vec![on_message, on_error]))
}
