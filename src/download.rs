//! Downloads from the page: a data URL or a generated text file, saved under a name.

use wasm_bindgen::JsCast;

/// Saves `href` (a data or object URL) as `name`.
pub fn href(name: &str, href: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(a) = doc.create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(href);
            a.set_download(name);
            a.click();
        }
    }
}

/// Saves `text` as `name` with MIME type `mime`.
pub fn text(name: &str, mime: &str, text: &str) {
    save(name, mime, &wasm_bindgen::JsValue::from_str(text));
}

/// Saves `bytes` as `name` with MIME type `mime`.
pub fn bytes(name: &str, mime: &str, bytes: &[u8]) {
    save(name, mime, &js_sys::Uint8Array::from(bytes).into());
}

fn save(name: &str, mime: &str, part: &wasm_bindgen::JsValue) {
    if let Ok(b) = blob_of(mime, part) {
        blob(name, &b);
    }
}

/// A file of type `mime` holding `part` (text or bytes); a worker makes them too.
pub fn blob_of(
    mime: &str,
    part: &wasm_bindgen::JsValue,
) -> Result<web_sys::Blob, wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(part);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
}

/// Saves `blob` as `name`. Its URL is let go a minute later, not at once: some browsers read the
/// file after the click has returned.
pub fn blob(name: &str, blob: &web_sys::Blob) {
    if let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) {
        href(name, &url);
        gloo_timers::callback::Timeout::new(60_000, move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        })
        .forget();
    }
}
