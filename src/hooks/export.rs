//! The figure's exports as a hook: PNG and SVG at once, the GIF on a time-slice runner owned by the
//! component (cancelled by the cancel button, a new GIF or unmounting), and the last failure.

use conv2d_figure::layout::Layout;
use conv2d_figure::Highlight;
use yew::prelude::*;

use crate::export::{self, gif, Export};
use crate::platform;
use crate::runner::Runner;
use crate::state::AppState;

/// What the share panel needs.
pub struct Exports {
    /// Export the figure as shown.
    pub onexport: Callback<Export>,
    /// Stop making the GIF.
    pub oncancel: Callback<()>,
    /// GIF frames done and in all, while one is being made.
    pub progress: Option<(usize, usize)>,
    /// Why the last export failed.
    pub error: Option<AttrValue>,
}

/// Exports of the figure in `state` at `width` CSS px.
#[hook]
pub fn use_export(state: &AppState, width: f32) -> Exports {
    let progress = use_state(|| None::<(usize, usize)>);
    let error = use_state(|| None::<AttrValue>);
    let gif_run = use_mut_ref(|| None::<Runner>);
    let failed = {
        let error = error.clone();
        Callback::from(move |e: String| {
            platform::warn(&e);
            error.set(Some(e.into()));
        })
    };
    let onexport = {
        // Only the current configuration's own figure is exported, never a kept older one.
        let view = state.current_view().cloned();
        let config = state.params.config.clone();
        let highlight = Highlight::of_layer(view.as_ref().map(|v| &v.layer), state.focus());
        let (filled, lang) = (state.filled(), state.lang);
        let none = state.lang.t().export_none;
        let (progress, error, gif_run) = (progress.clone(), error.clone(), gif_run.clone());
        Callback::from(move |kind: Export| {
            let Some(view) = view.as_ref() else {
                error.set(Some(none.into()));
                return;
            };
            error.set(None);
            let stem = export::file_stem(&config);
            let saved = match kind {
                Export::Gif => {
                    let frames = gif::GifFrames::new(lang.words(), view.clone(), width);
                    let progress = {
                        let progress = progress.clone();
                        Callback::from(move |p| progress.set(p))
                    };
                    *gif_run.borrow_mut() =
                        Some(gif::start(frames, stem, progress, failed.clone()));
                    Ok(())
                }
                Export::Png(_) | Export::Svg => {
                    let scene = view
                        .figure(&highlight, filled, lang.words())
                        .scene(&Layout::new(&view.layer, width));
                    match kind {
                        Export::Png(scale) => export::png::save(&scene, scale, &stem),
                        _ => export::svg::save(&scene, &stem),
                    }
                }
            };
            if let Err(e) = saved {
                failed.emit(e);
            }
        })
    };
    let oncancel = {
        let (progress, gif_run) = (progress.clone(), gif_run);
        Callback::from(move |()| {
            gif_run.borrow_mut().take();
            progress.set(None);
        })
    };
    Exports {
        onexport,
        oncancel,
        progress: *progress,
        error: (*error).clone(),
    }
}
