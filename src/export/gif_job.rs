//! The GIF and its estimate, and the PNG and SVG exports, made off the page's thread. The charts'
//! worker script is started a second time for them (so an export never waits behind a sweep, nor a
//! sweep behind an export); the page posts it the configuration (as a link's query) and the data
//! as generated and edited, and the worker builds the same view ([`View::compute`]), draws on an
//! `OffscreenCanvas`, encodes, and posts progress, the estimate, the bytes or the file back.
//!
//! Messages are arrays: `["gif" | "estimate" | "png" | "svg", id, …the view's parts
//! (`worker::view_message`), width, choice, lang, hints, …a still's (`still_message`)]` and
//! `["cancel", id]` to the worker; `[id, "progress", done, all]`, `[id, "made", bytes]`,
//! `[id, "blob", file]`, `[id, "measured", frames, bytes, ms]` and `[id, "failed", why]` back.
//!
//! Where no worker runs (file://, as the one-file page opens; a worker that fails to start) the
//! page makes them itself: a GIF one frame per slice, a PNG or SVG in one.

use std::rc::Rc;

use yew::Callback;

use super::gif::{self, Choice, GifFrames, Measured};
use super::{Export, Still};
use crate::i18n::Lang;
use crate::runner::{Flow, Runner};
use crate::state::View;

/// What to make a GIF of.
#[derive(Clone)]
pub struct Ask {
    /// The figure.
    pub view: Rc<View>,
    /// The figure's width, CSS px.
    pub width: f32,
    /// Which frames.
    pub choice: Choice,
    /// The language of the words in the figure.
    pub lang: Lang,
    /// Draw the figure's hints into every frame.
    pub hints: bool,
}

impl Ask {
    /// The frames, made here.
    fn frames(&self) -> GifFrames {
        let plan = self.choice.plan(self.view.walk());
        GifFrames::new(self.lang.words(), self.view.clone(), self.width, plan)
            .with_hints(self.hints.then_some(self.lang))
    }
}

/// What is wanted of the frames.
#[derive(Clone)]
pub enum Want {
    /// The whole GIF: its bytes to `made`, `(done, all)` frames to `progress` (None when over),
    /// a failure to `failed`.
    Make {
        /// The bytes.
        made: Callback<Vec<u8>>,
        /// Progress.
        progress: Callback<Option<(usize, usize)>>,
        /// Why it failed.
        failed: Callback<String>,
    },
    /// The first frames encoded to estimate the whole.
    Estimate {
        /// The estimate.
        done: Callback<Measured>,
    },
    /// A PNG or an SVG of the figure as shown, downloaded as `stem.png` or `stem.svg`.
    Still {
        /// What to draw.
        still: Still,
        /// The file's name without its extension.
        stem: String,
        /// Saved (or failed): over either way.
        done: Callback<()>,
        /// Why it failed.
        failed: Callback<String>,
    },
}

impl Want {
    /// The same work on the page's thread, in slices (a still in one).
    fn on_page(self, ask: &Ask) -> Runner {
        match self {
            Want::Make {
                made,
                progress,
                failed,
            } => gif::start(ask.frames(), made, progress, failed),
            Want::Estimate { done } => gif::measure(ask.frames(), 0, done),
            Want::Still {
                still,
                stem,
                done,
                failed,
            } => {
                let ask = ask.clone();
                Runner::start(0, move || {
                    let scene = still.scene(&ask.view, ask.width, ask.lang, ask.hints);
                    let saved = match still.kind {
                        Export::Png(scale) => super::png::save(&scene, scale, &stem),
                        _ => super::svg::save(&scene, &stem),
                    };
                    if let Err(e) = saved {
                        failed.emit(e);
                    }
                    done.emit(());
                    Flow::Done
                })
            }
        }
    }
}

/// A GIF (or estimate) being made; dropping it cancels it.
pub struct Job {
    id: u64,
}

impl Drop for Job {
    fn drop(&mut self) {
        imp::cancel(self.id);
    }
}

/// Starts `want` on `ask`'s frames: in the GIFs' worker, or on the page where none runs.
pub fn start(ask: Ask, want: Want) -> Job {
    Job {
        id: imp::start(ask, want),
    }
}

/// Where GIFs are made: in the worker once it has started, on the page once it could not
/// (none before the first GIF or estimate).
pub fn made_in() -> Option<crate::worker::Place> {
    imp::made_in()
}

/// The worker's side: starts or cancels the job in `message`, posting its replies with `scope`.
#[cfg(target_arch = "wasm32")]
pub fn serve(message: &js_sys::Array, scope: &web_sys::DedicatedWorkerGlobalScope) {
    imp::serve(message, scope);
}

/// Natively there is no worker: the page's runner (which has no timer natively) is all there is.
#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::*;

    pub fn start(ask: Ask, want: Want) -> u64 {
        drop(want.on_page(&ask));
        0
    }

    pub fn cancel(_: u64) {}

    pub fn made_in() -> Option<crate::worker::Place> {
        None
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::cell::RefCell;

    use js_sys::{Array, Uint8Array};
    use wasm_bindgen::prelude::*;
    use web_sys::DedicatedWorkerGlobalScope;

    use super::*;
    use crate::export::still_message;
    use crate::worker::{view_message, Link};

    /// A job the page waits for.
    struct Pending {
        id: u64,
        /// What it makes (to make it on the page, if the worker fails).
        ask: Ask,
        want: Want,
        /// Sent to the worker.
        posted: bool,
        /// Its run on the page, when that is where it runs.
        on_page: Option<Runner>,
    }

    struct Host {
        link: Link,
        jobs: Vec<Pending>,
        next: u64,
    }

    thread_local! {
        static HOST: RefCell<Host> = const { RefCell::new(Host {
            link: Link::new(),
            jobs: Vec::new(),
            next: 1,
        }) };
        /// The worker's side: its jobs, by id.
        static RUNS: RefCell<Vec<(u64, Runner)>> = const { RefCell::new(Vec::new()) };
    }

    /// The message that asks the worker for `want` on `ask`.
    fn message(id: u64, ask: &Ask, want: &Want) -> Array {
        let kind = match want {
            Want::Make { .. } => "gif",
            Want::Estimate { .. } => "estimate",
            Want::Still { still, .. } if still.kind == Export::Svg => "svg",
            Want::Still { .. } => "png",
        };
        let still = match want {
            Want::Still { still, .. } => still_message::parts(still),
            _ => Vec::new(),
        };
        [kind.into(), JsValue::from(id as f64)]
            .into_iter()
            .chain(view_message::parts(&ask.view))
            .chain([
                JsValue::from(ask.width),
                ask.choice.name().into(),
                ask.lang.tag().into(),
                JsValue::from(ask.hints),
            ])
            .chain(still)
            .collect()
    }

    pub fn start(ask: Ask, want: Want) -> u64 {
        let id = HOST.with_borrow_mut(|h| {
            h.next += 1;
            h.next
        });
        HOST.with_borrow_mut(|h| {
            h.jobs.push(Pending {
                id,
                ask,
                want,
                posted: false,
                on_page: None,
            })
        });
        HOST.with_borrow_mut(|h| h.link.start(received, failed));
        dispatch();
        id
    }

    /// Sends every job not yet sent to the worker when it is ready, or runs it on the page when
    /// there is none.
    fn dispatch() {
        let Some(worker) = HOST.with_borrow(|h| h.link.target()) else {
            return;
        };
        let waiting: Vec<(u64, Ask, Want)> = HOST.with_borrow(|h| {
            h.jobs
                .iter()
                .filter(|j| !j.posted && j.on_page.is_none())
                .map(|j| (j.id, j.ask.clone(), j.want.clone()))
                .collect()
        });
        for (id, ask, want) in waiting {
            // The data is copied for the worker only when it goes there.
            let posted = worker.as_ref().is_some_and(|w| {
                let m = message(id, &ask, &want);
                w.post_message_with_transfer(&m, &view_message::transfers(&m))
                    .is_ok()
            });
            let run = (!posted).then(|| want.on_page(&ask));
            HOST.with_borrow_mut(|h| {
                if let Some(j) = h.jobs.iter_mut().find(|j| j.id == id) {
                    j.posted = posted;
                    j.on_page = run;
                }
            });
        }
    }

    /// The worker cannot run: it goes, and every job runs on the page from now on.
    fn failed() {
        if !HOST.with_borrow_mut(|h| h.link.fail()) {
            return;
        }
        crate::platform::warn("the GIFs' worker could not run; making them on the page instead");
        // Jobs already posted are made again, here.
        HOST.with_borrow_mut(|h| h.jobs.iter_mut().for_each(|j| j.posted = false));
        dispatch();
    }

    pub fn made_in() -> Option<crate::worker::Place> {
        HOST.with_borrow(|h| match h.link.target() {
            Some(Some(_)) => Some(crate::worker::Place::Worker),
            Some(None) => Some(crate::worker::Place::Page),
            None => None,
        })
    }

    pub fn cancel(id: u64) {
        let (job, worker) = HOST.with_borrow_mut(|h| {
            let job = h
                .jobs
                .iter()
                .position(|j| j.id == id)
                .map(|i| h.jobs.remove(i));
            (job, h.link.ready_worker())
        });
        // A job on the page stops as its runner drops; one in the worker is told.
        if let (Some(job), Some(w)) = (job, worker) {
            if job.posted {
                let _ = w.post_message(&Array::of2(&"cancel".into(), &JsValue::from(id as f64)));
            }
        }
    }

    /// A message from the worker.
    fn received(data: JsValue) {
        if data.as_string().as_deref() == Some("ready") {
            HOST.with_borrow_mut(|h| h.link.ready());
            dispatch();
            return;
        }
        let Some(reply) = data.dyn_ref::<Array>() else {
            return failed();
        };
        let id = reply.get(0).as_f64().map_or(0, |n| n as u64);
        // Only for a job in the worker: one made on the page since (the worker failed) hears
        // nothing more from it.
        let Some(want) = HOST.with_borrow(|h| {
            h.jobs
                .iter()
                .find(|j| j.id == id && j.posted)
                .map(|j| j.want.clone())
        }) else {
            return;
        };
        let number = |i: u32| reply.get(i).as_f64().unwrap_or(0.0);
        let over = match (reply.get(1).as_string().as_deref(), want) {
            (Some("progress"), Want::Make { progress, .. }) => {
                progress.emit(Some((number(2) as usize, number(3) as usize)));
                false
            }
            (Some("made"), Want::Make { made, progress, .. }) => {
                let bytes = reply.get(2).dyn_into::<Uint8Array>().map(|b| b.to_vec());
                progress.emit(None);
                made.emit(bytes.unwrap_or_default());
                true
            }
            (
                Some("failed"),
                Want::Make {
                    progress, failed, ..
                },
            ) => {
                progress.emit(None);
                failed.emit(reply.get(2).as_string().unwrap_or_default());
                true
            }
            (
                Some("blob"),
                Want::Still {
                    still,
                    stem,
                    done,
                    failed,
                },
            ) => {
                let ext = if still.kind == Export::Svg {
                    "svg"
                } else {
                    "png"
                };
                match reply.get(2).dyn_into::<web_sys::Blob>() {
                    Ok(blob) => crate::download::blob(&super::super::file_name(&stem, ext), &blob),
                    Err(_) => failed.emit("the worker sent no file".into()),
                }
                done.emit(());
                true
            }
            (Some("failed"), Want::Still { done, failed, .. }) => {
                failed.emit(reply.get(2).as_string().unwrap_or_default());
                done.emit(());
                true
            }
            (Some("measured"), Want::Estimate { done, .. }) => {
                done.emit(Measured {
                    frames: number(2) as usize,
                    bytes: number(3) as usize,
                    make_ms: number(4),
                });
                true
            }
            _ => true,
        };
        if over {
            HOST.with_borrow_mut(|h| h.jobs.retain(|j| j.id != id));
        }
    }

    /// The worker's side: the job `message` asks for, or its cancel.
    pub fn serve(message: &Array, scope: &DedicatedWorkerGlobalScope) {
        let id = message.get(1).as_f64().map_or(0, |n| n as u64);
        // A finished run is let go when any message comes; a cancelled one at once.
        RUNS.with_borrow_mut(|runs| runs.retain(|(i, run)| *i != id && run.running()));
        if message.get(0).as_string().as_deref() == Some("cancel") {
            return;
        }
        // A browser whose workers cannot draw (no OffscreenCanvas: Safari before 16.4): the page
        // hears that this worker cannot run, and makes its GIFs itself.
        if !js_sys::Reflect::has(&js_sys::global(), &"OffscreenCanvas".into()).unwrap_or(false) {
            let _ = scope.post_message(&"no OffscreenCanvas here".into());
            return;
        }
        let post = {
            let scope = scope.clone();
            move |parts: &[JsValue]| {
                let reply: Array = std::iter::once(JsValue::from(id as f64))
                    .chain(parts.iter().cloned())
                    .collect();
                let _ = scope.post_message(&reply);
            }
        };
        let kind = message.get(0).as_string();
        if let Some("png" | "svg") = kind.as_deref() {
            let made = ask_of(message).and_then(|ask| {
                let still = still_message::still_of(message, 2 + view_message::PARTS + 4)?;
                Ok((ask, still))
            });
            match made {
                Ok((ask, still)) => still_message::make(ask, still, post),
                Err(why) => post(&["failed".into(), why.into()]),
            }
            return;
        }
        let want = match kind.as_deref() {
            Some("estimate") => {
                let post = post.clone();
                Want::Estimate {
                    done: Callback::from(move |m: Measured| {
                        post(&[
                            "measured".into(),
                            JsValue::from(m.frames as f64),
                            JsValue::from(m.bytes as f64),
                            JsValue::from(m.make_ms),
                        ])
                    }),
                }
            }
            _ => Want::Make {
                made: {
                    let scope = scope.clone();
                    Callback::from(move |bytes: Vec<u8>| {
                        // Handed over, not copied again: a GIF can be hundreds of megabytes.
                        let bytes = Uint8Array::from(bytes.as_slice());
                        let reply = Array::of3(&JsValue::from(id as f64), &"made".into(), &bytes);
                        let _ =
                            scope.post_message_with_transfer(&reply, &Array::of1(&bytes.buffer()));
                    })
                },
                progress: {
                    let post = post.clone();
                    Callback::from(move |p: Option<(usize, usize)>| {
                        if let Some((done, all)) = p {
                            post(&[
                                "progress".into(),
                                JsValue::from(done as f64),
                                JsValue::from(all as f64),
                            ])
                        }
                    })
                },
                failed: {
                    let post = post.clone();
                    Callback::from(move |why: String| post(&["failed".into(), why.into()]))
                },
            },
        };
        match ask_of(message) {
            Ok(ask) => {
                let run = want.on_page(&ask);
                RUNS.with_borrow_mut(|runs| runs.push((id, run)));
            }
            Err(why) => post(&["failed".into(), why.into()]),
        }
    }

    /// The view a message describes, built as the page built it.
    fn ask_of(m: &Array) -> Result<Ask, String> {
        let view = view_message::view_of(m, 2)?;
        let at = 2 + view_message::PARTS;
        Ok(Ask {
            view: Rc::new(view),
            width: m.get(at).as_f64().unwrap_or(640.0) as f32,
            choice: m
                .get(at + 1)
                .as_string()
                .and_then(|c| Choice::from_name(&c))
                .unwrap_or(Choice::All),
            lang: m
                .get(at + 2)
                .as_string()
                .and_then(|t| Lang::from_tag(&t))
                .unwrap_or_default(),
            hints: m.get(at + 3).as_bool().unwrap_or(false),
        })
    }
}
