//! The charts' timing sweeps off the page's thread: a Web Worker running this same wasm.
//!
//! The page starts one dedicated module worker (`sweep-worker.js`, a few lines copied by Trunk)
//! and posts it the URL of this wasm's bindings (`import.meta.url`) and the compiled
//! `WebAssembly.Module` (`wasm_bindgen::module()`), so the worker neither downloads nor compiles
//! anything again and the site stays one wasm file (no second binary against the size budget).
//! The bindings call `main` in the worker too, which sees no window and calls [`serve`] instead of
//! mounting the page. Requests and replies are lines of text ([`crate::charts::sweep`]).
//!
//! Cancellation: a new sweep (a new configuration or timing scale: a new generation) or the panel
//! going away drops the [`Sweep`] handle, which tells the worker to stop; the worker also drops a
//! running sweep when a newer one arrives. Late results carry their generation and are dropped.
//!
//! Fallback: where no worker can start (file://, as the one-file page opens; a browser without
//! module workers; a worker that fails to load) the same sweep runs on the page's thread in time
//! slices, as before, and the page says where its timings were measured.

use yew::Callback;

use crate::charts::sweep::Request;
use crate::charts::Timing;

/// Where a sweep's timings are measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// In the Web Worker.
    Worker,
    /// On the page's thread, in time slices (no worker could start).
    Page,
}

impl Place {
    /// Its name in the page's data attributes (`data-timed-in`).
    pub fn name(self) -> &'static str {
        match self {
            Place::Worker => "worker",
            Place::Page => "page",
        }
    }
}

/// What the charts panel shows of its sweeps: where they run, and how many the worker has
/// stopped before they were done.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// Where the current sweep runs (none until known).
    pub place: Option<Place>,
    /// Sweeps stopped unfinished since the page opened.
    pub cancelled: u32,
}

/// Milliseconds of timing per slice on the page's thread (a batch of passes may run over it once).
pub const PAGE_SLICE_MS: f64 = 25.0;

/// Milliseconds of timing per slice in the worker: between slices it reads its messages, so a
/// cancel waits at most this long (and one batch).
pub const WORKER_SLICE_MS: f64 = 40.0;

/// A running sweep; dropping it stops it.
pub struct Sweep {
    generation: u64,
}

impl Drop for Sweep {
    fn drop(&mut self) {
        imp::stop(self.generation);
    }
}

/// Starts timing `request`'s points in the worker (or on the page where none can run); each timing
/// goes to `ontiming` with the request's generation, and where it runs to `onstatus`.
pub fn start(
    request: Request,
    ontiming: Callback<(u64, usize, usize, Timing)>,
    onstatus: Callback<Status>,
) -> Sweep {
    let generation = request.generation;
    imp::start(request, ontiming, onstatus);
    Sweep { generation }
}

/// True in a worker (no window): `main` serves sweeps there instead of mounting the page.
pub fn in_worker() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().is_none()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        false
    }
}

/// The worker's side: takes requests and cancels, runs one sweep at a time in slices of
/// [`WORKER_SLICE_MS`], and posts each timing as it is done.
pub fn serve() {
    #[cfg(target_arch = "wasm32")]
    imp::serve();
}

/// A worker running this wasm, as the charts' sweeps, the GIFs and the figure start theirs.
#[cfg(target_arch = "wasm32")]
mod link;
#[cfg(target_arch = "wasm32")]
pub use link::Link;

/// A view in a message to a worker, and built again there.
#[cfg(target_arch = "wasm32")]
pub mod view_message;

pub mod figure;

/// Natively there is no worker and no timer: sweeps are tested through
/// [`crate::charts::sweep::step`] directly.
#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::*;

    pub fn start(_: Request, _: Callback<(u64, usize, usize, Timing)>, _: Callback<Status>) {}

    pub fn stop(_: u64) {}
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::cell::RefCell;

    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker};

    use super::link::Link;
    use super::*;
    use crate::charts::sweep::{self, Reply};
    use crate::runner::Runner;

    /// The sweep the panel is waiting for.
    struct Active {
        request: Request,
        ontiming: Callback<(u64, usize, usize, Timing)>,
        onstatus: Callback<Status>,
        /// The page-thread run, when there is no worker.
        fallback: Option<Runner>,
    }

    /// The page's side.
    struct Host {
        link: Link,
        active: Option<Active>,
        cancelled: u32,
    }

    thread_local! {
        static HOST: RefCell<Host> = const { RefCell::new(Host {
            link: Link::new(),
            active: None,
            cancelled: 0,
        }) };
        /// The worker's side: the sweep it is running.
        static RUNNING: RefCell<Option<(u64, Runner)>> = const { RefCell::new(None) };
    }

    /// The sweeps' worker's message: a reply to [`received`], anything else a failure.
    fn on_message(e: JsValue) {
        match e.as_string().as_deref().and_then(Reply::decode) {
            Some(reply) => received(reply),
            None => failed(),
        }
    }

    pub fn start(
        request: Request,
        ontiming: Callback<(u64, usize, usize, Timing)>,
        onstatus: Callback<Status>,
    ) {
        HOST.with_borrow_mut(|h| h.link.start(on_message, failed));
        HOST.with_borrow_mut(|h| {
            h.active = Some(Active {
                request,
                ontiming,
                onstatus,
                fallback: None,
            })
        });
        match HOST.with_borrow(|h| h.link.target()) {
            Some(Some(worker)) => post_active(&worker),
            Some(None) => run_on_page(),
            None => {}
        }
    }

    pub fn stop(generation: u64) {
        let (stopped, worker) = HOST.with_borrow_mut(|h| {
            if h.active
                .as_ref()
                .is_some_and(|a| a.request.generation == generation)
            {
                // Drops the page-thread run, if that is where it ran.
                (h.active.take(), h.link.ready_worker())
            } else {
                (None, None)
            }
        });
        drop(stopped);
        if let Some(w) = worker {
            let _ = w.post_message(&JsValue::from_str(&format!("cancel {generation}")));
        }
    }

    /// Sends the active request to the worker and says so.
    fn post_active(worker: &Worker) {
        let Some((text, onstatus, cancelled)) = HOST.with_borrow(|h| {
            h.active
                .as_ref()
                .map(|a| (a.request.encode(), a.onstatus.clone(), h.cancelled))
        }) else {
            return;
        };
        if worker.post_message(&JsValue::from_str(&text)).is_err() {
            failed();
            return;
        }
        onstatus.emit(Status {
            place: Some(Place::Worker),
            cancelled,
        });
    }

    /// Runs the active request on the page's thread, in slices.
    fn run_on_page() {
        let Some((request, ontiming, onstatus, cancelled)) = HOST.with_borrow(|h| {
            h.active.as_ref().map(|a| {
                (
                    a.request.clone(),
                    a.ontiming.clone(),
                    a.onstatus.clone(),
                    h.cancelled,
                )
            })
        }) else {
            return;
        };
        let generation = request.generation;
        let step = sweep::step(request, PAGE_SLICE_MS, move |c, p, t| {
            ontiming.emit((generation, c, p, t))
        });
        // Starts after the figure has painted.
        let run = Runner::start(30, step);
        HOST.with_borrow_mut(|h| {
            if let Some(a) = h.active.as_mut() {
                a.fallback = Some(run);
            }
        });
        onstatus.emit(Status {
            place: Some(Place::Page),
            cancelled,
        });
    }

    /// The worker could not start, or stopped: every sweep from now on runs on the page.
    fn failed() {
        if !HOST.with_borrow_mut(|h| h.link.fail()) {
            return;
        }
        platform_warn("the charts' worker could not run; timing on the page instead");
        let needs_run =
            HOST.with_borrow(|h| h.active.as_ref().is_some_and(|a| a.fallback.is_none()));
        if needs_run {
            run_on_page();
        }
    }

    fn platform_warn(message: &str) {
        crate::platform::warn(message);
    }

    /// A reply from the worker.
    fn received(reply: Reply) {
        match reply {
            Reply::Ready => {
                if let Some(w) = HOST.with_borrow_mut(|h| h.link.ready()) {
                    post_active(&w);
                }
            }
            Reply::Timed(g, c, p, t) => {
                let ontiming = HOST.with_borrow(|h| {
                    h.active
                        .as_ref()
                        .filter(|a| a.request.generation == g)
                        .map(|a| a.ontiming.clone())
                });
                if let Some(cb) = ontiming {
                    cb.emit((g, c, p, t));
                }
            }
            Reply::Done(_) => {}
            Reply::Cancelled(_) => {
                let status = HOST.with_borrow_mut(|h| {
                    h.cancelled += 1;
                    h.active.as_ref().map(|a| {
                        (
                            a.onstatus.clone(),
                            Status {
                                place: Some(if a.fallback.is_some() {
                                    Place::Page
                                } else {
                                    Place::Worker
                                }),
                                cancelled: h.cancelled,
                            },
                        )
                    })
                });
                if let Some((cb, s)) = status {
                    cb.emit(s);
                }
            }
        }
    }

    /// The worker's side (see [`super::serve`]).
    pub fn serve() {
        let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
            return;
        };
        let post = {
            let scope = scope.clone();
            move |r: Reply| {
                let _ = scope.post_message(&JsValue::from_str(&r.encode()));
            }
        };
        let on_message = {
            let (post, scope) = (post.clone(), scope.clone());
            Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
                let data = e
                    .dyn_into::<MessageEvent>()
                    .map(|e| e.data())
                    .unwrap_or_default();
                // The GIFs' and the figure's messages are arrays (the workers started for them
                // take only those).
                if let Some(message) = data.dyn_ref::<js_sys::Array>() {
                    if super::figure::takes(message) {
                        super::figure::serve(message, &scope);
                    } else {
                        crate::export::gif_job::serve(message, &scope);
                    }
                    return;
                }
                let text = data.as_string().unwrap_or_default();
                // Whatever comes, the sweep running now stops: a cancel, or a newer request.
                let stop = |only: Option<u64>| {
                    let stopped = RUNNING.with_borrow_mut(|r| {
                        if only.is_none_or(|g| r.as_ref().is_some_and(|(rg, _)| *rg == g)) {
                            r.take()
                        } else {
                            None
                        }
                    });
                    if let Some((g, run)) = stopped {
                        if run.running() {
                            post(Reply::Cancelled(g));
                        }
                    }
                };
                if let Some(g) = text.strip_prefix("cancel ") {
                    if let Ok(g) = g.trim().parse() {
                        stop(Some(g));
                    }
                    return;
                }
                stop(None);
                let Some(request) = Request::decode(&text) else {
                    return;
                };
                let generation = request.generation;
                let (timed, done) = (post.clone(), post.clone());
                let mut step = sweep::step(request, WORKER_SLICE_MS, move |c, p, t| {
                    timed(Reply::Timed(generation, c, p, t))
                });
                let run = Runner::start(0, move || {
                    let flow = step();
                    if flow == crate::runner::Flow::Done {
                        done(Reply::Done(generation));
                    }
                    flow
                });
                RUNNING.with_borrow_mut(|r| *r = Some((generation, run)));
            })
        };
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The worker lives as long as the page: so does its handler.
        on_message.forget();
        post(Reply::Ready);
    }
}
