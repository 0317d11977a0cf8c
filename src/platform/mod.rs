//! Everything that differs between the browser and a native build (SSR tests), in one place: the
//! only module with `#[cfg(target_arch = "wasm32")]`. Natively each function answers as a page with
//! no window would: empty query, no media match, no storage, no timers.

pub mod decode;

use crate::state::Theme;

/// Where the theme choice is kept in `localStorage`.
const THEME_KEY: &str = "conv2d-playground-theme";

/// The page's own query string (with its `?`), empty natively.
pub fn page_query() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    String::new()
}

/// The page's address without query (origin and path), empty natively.
pub fn page_base() -> String {
    #[cfg(target_arch = "wasm32")]
    if let Some(l) = web_sys::window().map(|w| w.location()) {
        return format!(
            "{}{}",
            l.origin().unwrap_or_default(),
            l.pathname().unwrap_or_default()
        );
    }
    String::new()
}

/// Replaces the page's query with `?{query}` (replaceState: no history entries).
pub fn replace_query(query: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ =
            h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("?{query}")));
    }
    let _ = query;
}

/// Whether a media query matches (never natively).
pub fn media_matches(query: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.match_media(query).ok().flatten())
            .is_some_and(|m| m.matches())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = query;
        false
    }
}

/// Calls `changed` with the new answer whenever `query` starts or stops matching, until the
/// listener is dropped (none natively).
pub fn on_media_change(
    query: &str,
    changed: impl Fn(bool) + 'static,
) -> Option<gloo_events::EventListener> {
    #[cfg(target_arch = "wasm32")]
    {
        let owned = query.to_string();
        web_sys::window()
            .and_then(|w| w.match_media(query).ok().flatten())
            .map(|mq| {
                gloo_events::EventListener::new(&mq, "change", move |_| {
                    changed(media_matches(&owned))
                })
            })
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (query, changed);
        None
    }
}

/// What this browser keeps under `key` (none when storage is blocked, as in some iframes, and
/// natively).
fn stored(key: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()?
            .local_storage()
            .ok()??
            .get_item(key)
            .ok()?
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = key;
        None
    }
}

/// Keeps `value` under `key` in this browser (nothing when storage is blocked, or natively).
fn store(key: &str, value: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(key, value);
    }
    let _ = (key, value);
}

/// The theme chosen on an earlier visit.
pub fn saved_theme() -> Option<Theme> {
    Theme::from_name(&stored(THEME_KEY)?)
}

/// Remembers the theme in this browser (a choice of the reader's, not part of the figure's link).
pub fn save_theme(theme: Theme) {
    store(THEME_KEY, theme.name());
}

/// Where the dismissal of the figure's hints is remembered.
const HINTS_KEY: &str = "conv2d-playground-hints";

/// Whether the figure's hints were dismissed on an earlier visit.
pub fn hints_dismissed() -> bool {
    stored(HINTS_KEY).is_some_and(|v| v == "off")
}

/// Remembers that the figure's hints were dismissed, in this browser.
pub fn dismiss_hints() {
    store(HINTS_KEY, "off");
}

/// Sets an attribute on `<html>` (`lang`, `data-theme`).
pub fn set_root_attribute(name: &str, value: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute(name, value);
    }
    let _ = (name, value);
}

/// Puts `text` on the clipboard (the promise is not awaited: the button says "copied" at once).
pub fn copy_text(text: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
    let _ = text;
}

/// Watches `el` and calls `seen` once it first comes into view; the watch ends when the returned
/// handle is dropped (natively nothing is watched and `seen` never runs).
pub fn when_seen(el: &web_sys::Element, seen: impl FnOnce() + 'static) -> Option<SeenWatch> {
    let mut seen = Some(seen);
    watch_on_screen(el, 0, move |on| {
        if on {
            if let Some(f) = seen.take() {
                f();
            }
        }
    })
}

/// Watches `el` and calls `changed` with whether it is on screen, or within `margin` CSS px of it:
/// once soon after the watch starts, then on every change, until the returned handle is dropped
/// (natively, or where no `IntersectionObserver` can be made, none: the caller decides).
pub fn watch_on_screen(
    el: &web_sys::Element,
    margin: u32,
    mut changed: impl FnMut(bool) + 'static,
) -> Option<SeenWatch> {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::{closure::Closure, JsCast};
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            // The last entry is the newest state of the one element watched.
            let last = entries.get(entries.length().saturating_sub(1));
            if let Ok(e) = last.dyn_into::<web_sys::IntersectionObserverEntry>() {
                changed(e.is_intersecting());
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin(&format!("{margin}px 0px"));
        let observer = web_sys::IntersectionObserver::new_with_options(
            callback.as_ref().unchecked_ref(),
            &options,
        )
        .ok()?;
        observer.observe(el);
        Some(SeenWatch {
            observer,
            _callback: callback,
        })
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (el, margin, &mut changed);
        None
    }
}

/// An element being watched for coming into view (see [`when_seen`]).
pub struct SeenWatch {
    #[cfg(target_arch = "wasm32")]
    observer: web_sys::IntersectionObserver,
    #[cfg(target_arch = "wasm32")]
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for SeenWatch {
    fn drop(&mut self) {
        #[cfg(target_arch = "wasm32")]
        self.observer.disconnect();
    }
}

/// Scrolls the page the least that brings `el` wholly into view.
pub fn scroll_into_view(el: &web_sys::Element) {
    #[cfg(target_arch = "wasm32")]
    {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
    let _ = el;
}

/// An element's content width, the height from its top (on the page, not the screen) to the
/// bottom of the window, and the window's inner width and height, in CSS px (none natively).
pub fn element_room(el: &web_sys::Element) -> Option<[f32; 4]> {
    #[cfg(target_arch = "wasm32")]
    {
        let window = web_sys::window()?;
        let inner_w = window.inner_width().ok()?.as_f64()? as f32;
        let inner_h = window.inner_height().ok()?.as_f64()? as f32;
        let top = el.get_bounding_client_rect().top() + window.scroll_y().unwrap_or(0.0);
        Some([
            el.client_width() as f32,
            inner_h - top as f32,
            inner_w,
            inner_h,
        ])
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = el;
        None
    }
}

/// Device pixels per CSS pixel, kept within 1–4 (1 natively).
pub fn device_pixel_ratio() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .map_or(1.0, |w| w.device_pixel_ratio())
            .clamp(1.0, 4.0)
    }
    #[cfg(not(target_arch = "wasm32"))]
    1.0
}

/// Enters full screen, or leaves it when already there.
pub fn toggle_fullscreen() {
    #[cfg(target_arch = "wasm32")]
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if doc.fullscreen_element().is_some() {
            doc.exit_fullscreen();
        } else if let Some(root) = doc.document_element() {
            let _ = root.request_fullscreen();
        }
    }
}

/// Logs a warning on the console (natively: nowhere).
pub fn warn(message: &str) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::warn_1(&message.into());
    let _ = message;
}

/// Milliseconds since an arbitrary origin (`performance.now()` in the browser: the page's, or a
/// worker's when there is no window).
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        match web_sys::window() {
            Some(w) => w.performance(),
            None => js_sys::global()
                .dyn_into::<web_sys::WorkerGlobalScope>()
                .ok()
                .and_then(|g| g.performance()),
        }
        .map_or(0.0, |p| p.now())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::sync::OnceLock;
        static START: OnceLock<std::time::Instant> = OnceLock::new();
        START
            .get_or_init(std::time::Instant::now)
            .elapsed()
            .as_secs_f64()
            * 1e3
    }
}

/// A performance mark named `name`.
pub fn perf_mark(name: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
    let _ = name;
}

/// Measures `measure` from the mark `from`, if that mark exists, and clears the mark.
pub fn perf_measure_since(measure: &str, from: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        if p.get_entries_by_name_with_entry_type(from, "mark").length() > 0 {
            let _ = p.measure_with_start_mark(measure, from);
            p.clear_marks_with_mark_name(from);
        }
    }
    let _ = (measure, from);
}

/// Runs `f` once after `ms` milliseconds unless the returned timer is dropped first (no timer
/// natively: `f` never runs).
pub fn timeout(ms: u32, f: impl FnOnce() + 'static) -> Option<gloo_timers::callback::Timeout> {
    #[cfg(target_arch = "wasm32")]
    {
        Some(gloo_timers::callback::Timeout::new(ms, f))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (ms, f);
        None
    }
}

/// Runs `f` every `ms` milliseconds until the returned timer is dropped (no timer natively).
pub fn interval(ms: u32, f: impl FnMut() + 'static) -> Option<gloo_timers::callback::Interval> {
    #[cfg(target_arch = "wasm32")]
    {
        Some(gloo_timers::callback::Interval::new(ms, f))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (ms, f);
        None
    }
}
