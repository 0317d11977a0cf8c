//! A large figure drawn off the page's thread. Thousands of kernels take the page 60–200 ms to
//! draw, and as long again for the compositor to take a canvas that size from the page's thread.
//! So the page hands such a figure's `<canvas>` to a worker of its own
//! (`transferControlToOffscreen`), which builds the same view ([`view_message`]), lays it out as
//! the page does, and draws it there; its frames reach the screen without the page's thread.
//! The page keeps the layout for pointing at cells, and marks `conv2d-scene` when the worker says
//! it has drawn.
//!
//! Several figures can be on the page at once (the playground's, a stack's layer): each canvas
//! handed over has an id. Messages: `["canvas", id, OffscreenCanvas]` (transferred),
//! `["release", id]` and `["figure", id, …the view's parts or nulls when the worker has that view
//! for that canvas already, width, fit, fit height, focus, c, y, x, filled, dimmed, dark, lang,
//! dpr]` to the worker, `["drawn", id]` back. The worker draws only the last of the asks for a
//! canvas that came while it was drawing, so a drag never queues work.
//!
//! Where no worker can take a canvas (file://, a browser without `transferControlToOffscreen`, a
//! worker that fails) the page draws, in a task of its own (`components::figure`).

use std::rc::Rc;

use conv2d_figure::Focus;
use yew::Callback;

use crate::render::figure::{Fit, Look};
use crate::state::View;

/// A figure to draw.
#[derive(Clone)]
pub struct Drawing {
    /// Its view.
    pub view: Rc<View>,
    /// Width, CSS px (rounded, as the page lays it out).
    pub width: f32,
    /// The height it has and what to do with it.
    pub fit: Fit,
    /// What is highlighted.
    pub focus: Focus,
    /// How it is drawn.
    pub look: Look,
}

/// Whether a large figure's canvas goes to the figure's worker here (started on the first ask).
pub fn usable() -> bool {
    imp::usable()
}

/// Hands `canvas` (one the page never drew on) to the worker: its id for [`draw`] and
/// [`release`]. None where it cannot: then the page draws, on a new canvas.
pub fn adopt(canvas: &web_sys::HtmlCanvasElement) -> Option<u32> {
    imp::adopt(canvas)
}

/// Asks the worker to draw `drawing` on canvas `id` (after whatever it is drawing now, and only if
/// nothing newer comes first); `lost` hears when the worker fails, and with it the canvas.
pub fn draw(id: u32, drawing: Drawing, lost: Callback<()>) {
    imp::draw(id, drawing, lost)
}

/// Canvas `id` has left the page: the worker lets it go.
pub fn release(id: u32) {
    imp::release(id)
}

/// Natively there is no worker: the page draws.
#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::*;

    pub fn usable() -> bool {
        false
    }

    pub fn adopt(_: &web_sys::HtmlCanvasElement) -> Option<u32> {
        None
    }

    pub fn draw(_: u32, _: Drawing, _: Callback<()>) {}

    pub fn release(_: u32) {}
}

/// The worker's side: takes a canvas or a figure to draw.
#[cfg(target_arch = "wasm32")]
pub fn serve(message: &js_sys::Array, scope: &web_sys::DedicatedWorkerGlobalScope) {
    imp::serve(message, scope);
}

/// True for a message to the figure's worker (a canvas, a figure to draw, a canvas let go).
#[cfg(target_arch = "wasm32")]
pub fn takes(message: &js_sys::Array) -> bool {
    matches!(
        message.get(0).as_string().as_deref(),
        Some("canvas" | "figure" | "release")
    )
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::cell::RefCell;
    use std::rc::Weak;

    use js_sys::{Array, Reflect};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, HtmlCanvasElement, OffscreenCanvas};

    use super::*;
    use crate::i18n::Lang;
    use crate::worker::{view_message, Link};

    /// A canvas handed to the worker, on the page's side.
    struct Handed {
        id: u32,
        /// Not yet sent (the worker is starting).
        unsent: Option<OffscreenCanvas>,
        /// The last figure asked for, not yet sent.
        drawing: Option<Drawing>,
        /// The view the worker has for it.
        sent_view: Weak<View>,
        /// Told when the worker fails.
        lost: Option<Callback<()>>,
    }

    struct Host {
        link: Link,
        handed: Vec<Handed>,
        /// Canvases sent and since gone from the page, to tell the worker.
        released: Vec<u32>,
        next_id: u32,
    }

    thread_local! {
        static HOST: RefCell<Host> = const { RefCell::new(Host {
            link: Link::new(),
            handed: Vec::new(),
            released: Vec::new(),
            next_id: 0,
        }) };
    }

    /// How long the worker may take to start, ms.
    const READY_MS: u32 = 5_000;

    /// Whether this browser can hand a canvas to a worker.
    fn can_transfer() -> bool {
        let Ok(class) = Reflect::get(&js_sys::global(), &"HTMLCanvasElement".into()) else {
            return false;
        };
        Reflect::get(&class, &"prototype".into())
            .and_then(|p| Reflect::has(&p, &"transferControlToOffscreen".into()))
            .unwrap_or(false)
    }

    pub fn usable() -> bool {
        if HOST.with_borrow(|h| h.link.is_untried()) {
            if can_transfer() {
                HOST.with_borrow_mut(|h| h.link.start(received, failed));
            } else {
                HOST.with_borrow_mut(|h| h.link.fail());
            }
            // A worker that neither starts nor fails within a few seconds would leave its
            // canvases blank: the page draws instead.
            if let Some(t) = crate::platform::timeout(READY_MS, || {
                if HOST.with_borrow(|h| h.link.is_starting()) {
                    failed();
                }
            }) {
                t.forget();
            }
        }
        HOST.with_borrow(|h| !h.link.has_failed())
    }

    pub fn adopt(canvas: &HtmlCanvasElement) -> Option<u32> {
        let Ok(offscreen) = canvas.transfer_control_to_offscreen() else {
            // The other canvases the worker has are lost with it: their figures hear so.
            failed();
            return None;
        };
        let id = HOST.with_borrow_mut(|h| {
            h.next_id += 1;
            h.handed.push(Handed {
                id: h.next_id,
                unsent: Some(offscreen),
                drawing: None,
                sent_view: Weak::new(),
                lost: None,
            });
            h.next_id
        });
        flush();
        Some(id)
    }

    pub fn draw(id: u32, drawing: Drawing, lost: Callback<()>) {
        HOST.with_borrow_mut(|h| {
            if let Some(c) = h.handed.iter_mut().find(|c| c.id == id) {
                c.drawing = Some(drawing);
                c.lost = Some(lost);
            }
        });
        flush();
    }

    pub fn release(id: u32) {
        HOST.with_borrow_mut(|h| {
            if let Some(i) = h.handed.iter().position(|c| c.id == id) {
                // One never sent is simply dropped.
                if h.handed.remove(i).unsent.is_none() {
                    h.released.push(id);
                }
            }
        });
        flush();
    }

    /// The language whose words `look` draws.
    fn lang(look: &Look) -> Lang {
        [Lang::En, Lang::Zh]
            .into_iter()
            .find(|l| l.words() == look.words)
            .unwrap_or_default()
    }

    /// The message asking for `d` on canvas `id`, with its view's parts when the worker has not
    /// that view.
    fn message(id: u32, d: &Drawing, with_view: bool) -> Array {
        let view = if with_view {
            view_message::parts(&d.view)
        } else {
            std::array::from_fn(|_| JsValue::NULL)
        };
        let (fit, fit_h) = match d.fit {
            Fit::Page(h) => ("page", h),
            Fit::Frame(h) => ("frame", h),
        };
        let (focus, c, y, x) = match d.focus {
            Focus::None => ("none", 0, 0, 0),
            Focus::Output(o) => ("output", o.channel, o.y, o.x),
            Focus::Input { c, y, x } => ("input", c, y, x),
        };
        let n = |v: usize| JsValue::from(v as f64);
        ["figure".into(), JsValue::from(id)]
            .into_iter()
            .chain(view)
            .chain([
                JsValue::from(d.width),
                fit.into(),
                JsValue::from(fit_h),
                focus.into(),
                n(c),
                n(y),
                n(x),
                n(d.look.filled),
                JsValue::from(d.look.dimmed),
                JsValue::from(d.look.dark),
                lang(&d.look).tag().into(),
                JsValue::from(crate::platform::device_pixel_ratio()),
            ])
            .collect()
    }

    /// Sends what waits (releases, canvases, the last figure asked for each), once the worker is
    /// ready.
    fn flush() {
        let Some(worker) = HOST.with_borrow(|h| h.link.ready_worker()) else {
            return;
        };
        let mut messages: Vec<(Array, Option<OffscreenCanvas>)> = Vec::new();
        HOST.with_borrow_mut(|h| {
            for id in h.released.drain(..) {
                messages.push((Array::of2(&"release".into(), &JsValue::from(id)), None));
            }
            for c in &mut h.handed {
                if let Some(canvas) = c.unsent.take() {
                    let m = Array::of3(&"canvas".into(), &JsValue::from(c.id), &canvas);
                    messages.push((m, Some(canvas)));
                }
                if let Some(d) = c.drawing.take() {
                    let has = c
                        .sent_view
                        .upgrade()
                        .is_some_and(|v| Rc::ptr_eq(&v, &d.view));
                    c.sent_view = Rc::downgrade(&d.view);
                    messages.push((message(c.id, &d, !has), None));
                }
            }
        });
        // A canvas, and a view's numbers (over a megabyte at 64 channels, which the structured
        // clone copied in the change's task), are moved to the worker, not copied.
        let sent = messages.iter().all(|(m, canvas)| {
            let moved = view_message::transfers(m);
            if let Some(canvas) = canvas {
                moved.push(canvas);
            }
            worker.post_message_with_transfer(m, &moved).is_ok()
        });
        if !sent {
            failed();
        }
    }

    /// The worker cannot run: the page draws from now on, on new canvases.
    fn failed() {
        if !HOST.with_borrow_mut(|h| h.link.fail()) {
            return;
        }
        crate::platform::warn("the figure's worker could not run; drawing on the page instead");
        let lost: Vec<Callback<()>> =
            HOST.with_borrow_mut(|h| h.handed.drain(..).filter_map(|c| c.lost).collect());
        for cb in lost {
            cb.emit(());
        }
    }

    fn received(data: JsValue) {
        if data.as_string().as_deref() == Some("ready") {
            HOST.with_borrow_mut(|h| h.link.ready());
            flush();
            return;
        }
        match data.dyn_ref::<Array>() {
            Some(reply) => {
                if reply.get(0).as_string().as_deref() == Some("drawn") {
                    crate::perf::mark("conv2d-scene");
                    crate::perf::painted();
                }
            }
            // "failed: …", or the worker's script could not load the wasm.
            None => failed(),
        }
    }

    /// A canvas the worker draws on, with the view it has for it, and the last ask not yet drawn
    /// and the last view that came since.
    struct Surface {
        id: u32,
        canvas: HtmlCanvasElement,
        view: Option<Rc<View>>,
        next: Option<Array>,
        next_view: Option<Array>,
    }

    /// The worker's side: its canvases, and the timer that draws what they were asked.
    struct Side {
        surfaces: Vec<Surface>,
        timer: Option<gloo_timers::callback::Timeout>,
        /// When the next drawing may start (ms, the worker's clock).
        rested: f64,
    }

    thread_local! {
        static SIDE: RefCell<Side> = const { RefCell::new(Side {
            surfaces: Vec::new(),
            timer: None,
            rested: 0.0,
        }) };
    }

    pub fn serve(message: &Array, scope: &DedicatedWorkerGlobalScope) {
        let id = message.get(1).as_f64().map_or(0, |n| n as u32);
        match message.get(0).as_string().as_deref() {
            Some("canvas") => {
                // The bindings call a canvas's methods by name: an OffscreenCanvas answers them.
                let canvas = message.get(2).unchecked_into::<HtmlCanvasElement>();
                SIDE.with_borrow_mut(|s| {
                    s.surfaces.push(Surface {
                        id,
                        canvas,
                        view: None,
                        next: None,
                        next_view: None,
                    })
                });
            }
            Some("release") => SIDE.with_borrow_mut(|s| s.surfaces.retain(|c| c.id != id)),
            Some("figure") => {
                let scope = scope.clone();
                SIDE.with_borrow_mut(|s| {
                    let Some(c) = s.surfaces.iter_mut().find(|c| c.id == id) else {
                        return;
                    };
                    if !message.get(2).is_null() {
                        c.next_view = Some(message.clone());
                    }
                    c.next = Some(message.clone());
                    if s.timer.is_none() {
                        // After the messages already here: only the last is drawn.
                        let wait = (s.rested - crate::platform::now_ms()).max(0.0);
                        s.timer = crate::platform::timeout(wait as u32, move || draw_asked(&scope));
                    }
                });
            }
            _ => {}
        }
    }

    /// Draws the last figure asked for on each canvas.
    fn draw_asked(scope: &DedicatedWorkerGlobalScope) {
        let started = crate::platform::now_ms();
        let asked: Vec<(u32, HtmlCanvasElement, Array, Option<Array>)> =
            SIDE.with_borrow_mut(|s| {
                s.timer = None;
                s.surfaces
                    .iter_mut()
                    .filter_map(|c| {
                        let next = c.next.take()?;
                        Some((c.id, c.canvas.clone(), next, c.next_view.take()))
                    })
                    .collect()
            });
        for (id, canvas, m, view_m) in asked {
            if let Some(vm) = view_m {
                match view_message::view_of(&vm, 2) {
                    Ok(v) => SIDE.with_borrow_mut(|s| {
                        if let Some(c) = s.surfaces.iter_mut().find(|c| c.id == id) {
                            c.view = Some(Rc::new(v));
                        }
                    }),
                    Err(why) => {
                        // Never a blank canvas: the page hears the worker cannot draw this, and
                        // draws every figure itself from now on.
                        let _ = scope.post_message(&format!("failed: {why}").into());
                        return;
                    }
                }
            }
            let view = SIDE.with_borrow(|s| {
                s.surfaces
                    .iter()
                    .find(|c| c.id == id)
                    .and_then(|c| c.view.clone())
            });
            if let Some(view) = view {
                draw_on(&canvas, &view, &m);
                let _ = scope.post_message(&Array::of2(&"drawn".into(), &JsValue::from(id)));
            }
        }
        // While asks keep coming (a slider dragged), the worker rests as long as it drew before
        // drawing again: on two cores the page's own thread needs the other one.
        let now = crate::platform::now_ms();
        SIDE.with_borrow_mut(|s| s.rested = now + (now - started));
    }

    /// Draws `view` on `canvas` as the figure message `m` asks.
    fn draw_on(canvas: &HtmlCanvasElement, view: &View, m: &Array) {
        let at = 2 + view_message::PARTS;
        let num = |i: u32| m.get(at + i).as_f64().unwrap_or(0.0);
        let int = |i: u32| num(i) as usize;
        let fit = match m.get(at + 1).as_string().as_deref() {
            Some("frame") => Fit::Frame(num(2) as f32),
            _ => Fit::Page(num(2) as f32),
        };
        let focus = match m.get(at + 3).as_string().as_deref() {
            Some("output") => Focus::Output(conv2d_core::receptive::OutputCell {
                channel: int(4),
                y: int(5),
                x: int(6),
            }),
            Some("input") => Focus::Input {
                c: int(4),
                y: int(5),
                x: int(6),
            },
            _ => Focus::None,
        };
        let lang = m
            .get(at + 10)
            .as_string()
            .and_then(|t| Lang::from_tag(&t))
            .unwrap_or_default();
        let look = Look {
            filled: int(7),
            dimmed: m.get(at + 8).as_bool().unwrap_or(false),
            dark: m.get(at + 9).as_bool().unwrap_or(false),
            words: lang.words(),
        };
        let layout = fit.layout(&view.layer, num(0) as f32);
        let highlight = view.highlight(focus);
        let scene = crate::render::figure::scene(view, &layout, &highlight, look);
        let dpr = num(11).max(1.0);
        if let Err(e) = crate::render::canvas::draw_bitmap(canvas, &scene, dpr, look.dimmed) {
            web_sys::console::warn_1(&e);
        }
    }
}
