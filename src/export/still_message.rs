//! A PNG or SVG export made in the GIFs' worker: the still's part of the message (after the view's
//! and the GIF's), and the worker's making of it. The file is encoded there (`convertToBlob` for a
//! PNG; the SVG's text into a `Blob`) and posted back as a `Blob`, so the page's thread neither
//! draws, encodes nor copies it: at 64 channels a PNG cost the page 0.2 s and an SVG 0.6 s.
//!
//! The still's part: `[focus kind (0 none, 1 output, 2 input), three numbers, filled, pictures,
//! scale (0 for an SVG)]`.

use conv2d_core::receptive::OutputCell;
use conv2d_figure::Focus;
use js_sys::Array;
use wasm_bindgen::JsValue;

use super::gif_job::Ask;
use super::{Export, Still};

/// The still's part of the message.
pub fn parts(still: &Still) -> Vec<JsValue> {
    let (kind, [a, b, c]) = match still.focus {
        Focus::None => (0, [0, 0, 0]),
        Focus::Output(o) => (1, [o.channel, o.y, o.x]),
        Focus::Input { c, y, x } => (2, [c, y, x]),
    };
    let scale = match still.kind {
        Export::Png(s) => s,
        _ => 0,
    };
    [
        kind,
        a,
        b,
        c,
        still.filled,
        usize::from(still.pictures),
        scale as usize,
    ]
    .into_iter()
    .map(|n| JsValue::from(n as f64))
    .collect()
}

/// The still a message describes from index `at`.
pub fn still_of(m: &Array, at: u32) -> Result<Still, String> {
    let n = |i: u32| {
        m.get(at + i)
            .as_f64()
            .map(|v| v as usize)
            .ok_or_else(|| format!("a still's message has no number at {}", at + i))
    };
    let [a, b, c] = [n(1)?, n(2)?, n(3)?];
    let focus = match n(0)? {
        1 => Focus::Output(OutputCell {
            channel: a,
            y: b,
            x: c,
        }),
        2 => Focus::Input { c: a, y: b, x: c },
        _ => Focus::None,
    };
    let kind = match n(6)? {
        0 => Export::Svg,
        s => Export::Png(s as u32),
    };
    Ok(Still {
        kind,
        focus,
        filled: n(4)?,
        pictures: n(5)? == 1,
    })
}

/// Makes `still` of `ask`'s figure and posts `["blob", blob]` (or `["failed", why]`) with `post`.
pub fn make(ask: Ask, still: Still, post: impl Fn(&[JsValue]) + 'static) {
    let scene = still.scene(&ask.view, ask.width, ask.lang, ask.hints);
    let failed = |e: JsValue| format!("{e:?}");
    let Export::Png(scale) = still.kind else {
        let text = super::svg::text(&scene);
        match crate::download::blob_of("image/svg+xml", &JsValue::from_str(&text)) {
            Ok(blob) => post(&["blob".into(), blob.into()]),
            Err(e) => post(&["failed".into(), failed(e).into()]),
        }
        return;
    };
    match crate::render::canvas::png_blob(&scene, f64::from(scale)) {
        Ok(promise) => wasm_bindgen_futures::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(blob) => post(&["blob".into(), blob]),
                Err(e) => post(&["failed".into(), failed(e).into()]),
            }
        }),
        Err(e) => post(&["failed".into(), failed(e).into()]),
    }
}
