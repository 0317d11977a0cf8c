//! The figure's exports as a hook: PNG and SVG made in the GIFs' worker (on the page where none
//! runs) and saved when they come back, the GIF on a time-slice runner owned by the
//! component (cancelled by the cancel button, a new GIF or unmounting), its choice of frames and
//! the estimate measured on its first frames (another runner, off the critical path), and the last
//! failure.

use std::rc::Rc;

use yew::prelude::*;

use crate::export::gif::{Choice, GifStatus, Measured};
use crate::export::gif_job::{self, Ask, Job, Want};
use crate::export::{self, Export, Still};
use crate::platform;
use crate::state::{AppState, View};

/// Milliseconds of quiet after a change before the GIF's first frames are encoded to estimate it.
const MEASURE_DELAY_MS: u32 = 600;

/// What the share panel needs.
pub struct Exports {
    /// Export the figure as shown.
    pub onexport: Callback<Export>,
    /// Stop making the GIF.
    pub oncancel: Callback<()>,
    /// The GIF's choice of frames, its estimate, and its progress while one is being made.
    pub gif: GifStatus,
    /// A PNG or SVG is being made.
    pub saving: bool,
    /// Why the last export failed.
    pub error: Option<AttrValue>,
}

/// What an estimate was measured on: the figure (by identity), its width and the choice of frames.
#[derive(Clone)]
struct Key(Rc<View>, f32, Choice);

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) && self.1 == other.1 && self.2 == other.2
    }
}

/// Exports of the figure in `state` at `width` CSS px; the GIF is estimated once the panel has
/// been `seen` (it costs a few frames' encoding, which a page just opened should not pay).
#[hook]
pub fn use_export(state: &AppState, width: f32, seen: bool) -> Exports {
    let progress = use_state(|| None::<(usize, usize)>);
    let error = use_state(|| None::<AttrValue>);
    let chosen = use_state(|| None::<Choice>);
    let measured = use_state(|| None::<(Key, Measured)>);
    let gif_run = use_mut_ref(|| None::<Job>);
    let still_run = use_mut_ref(|| None::<Job>);
    let saving = use_state_eq(|| false);
    let measure_run = use_mut_ref(|| None::<Job>);
    let view = state.current_view().cloned();
    let choice = view.as_ref().map(|v| Choice::resolve(*chosen, v.walk()));
    let key = view
        .as_ref()
        .zip(choice)
        .map(|(v, c)| Key(v.clone(), width, c));
    let lang = state.lang;
    let ask = move |Key(view, width, choice): Key, hints: bool| Ask {
        view,
        width,
        choice,
        lang,
        hints,
    };
    {
        // Measure the chosen GIF's first frames once the figure, width or plan has settled, and
        // not while a GIF is being made nor before anyone has looked at the panel.
        let measured = measured.clone();
        let busy = progress.is_some() || !seen;
        use_effect_with((key.clone(), busy), move |(key, busy)| {
            measure_run.borrow_mut().take();
            let fresh = measured
                .as_ref()
                .is_some_and(|(k, _)| Some(k) == key.as_ref());
            // After a quiet moment: a drag through many configurations asks for none of them.
            let later = match (key.clone(), *busy, fresh) {
                (Some(key), false, false) => platform::timeout(MEASURE_DELAY_MS, move || {
                    let done = {
                        let key = key.clone();
                        Callback::from(move |m: Measured| measured.set(Some((key.clone(), m))))
                    };
                    let want = Want::Estimate { done };
                    *measure_run.borrow_mut() = Some(gif_job::start(ask(key, false), want));
                }),
                _ => None,
            };
            move || drop(later)
        });
    }
    let failed = {
        let error = error.clone();
        Callback::from(move |e: String| {
            platform::warn(&e);
            error.set(Some(e.into()));
        })
    };
    let onexport = {
        // Only the current configuration's own figure is exported, never a kept older one.
        let view = view.clone();
        let config = state.params.config.clone();
        let focus = state.focus();
        let filled = state.filled();
        let none = state.lang.t().export_none;
        let with_hints = state.export_hints;
        let pictures = state.pictures;
        let (progress, error, gif_run) = (progress.clone(), error.clone(), gif_run.clone());
        let saving = saving.clone();
        let key = key.clone();
        Callback::from(move |kind: Export| {
            if view.is_none() {
                error.set(Some(none.into()));
                return;
            }
            error.set(None);
            let stem = export::file_stem(&config);
            match kind {
                Export::Gif => {
                    let progress = {
                        let progress = progress.clone();
                        Callback::from(move |p| progress.set(p))
                    };
                    let made = {
                        let name = export::file_name(&stem, "gif");
                        Callback::from(move |bytes: Vec<u8>| {
                            crate::download::bytes(&name, "image/gif", &bytes)
                        })
                    };
                    let want = Want::Make {
                        made,
                        progress,
                        failed: failed.clone(),
                    };
                    if let Some(key) = key.clone() {
                        *gif_run.borrow_mut() = Some(gif_job::start(ask(key, with_hints), want));
                    }
                }
                Export::Png(_) | Export::Svg => {
                    let still = Still {
                        kind,
                        focus,
                        filled,
                        pictures,
                    };
                    let done = {
                        let saving = saving.clone();
                        Callback::from(move |()| saving.set(false))
                    };
                    let want = Want::Still {
                        still,
                        stem,
                        done,
                        failed: failed.clone(),
                    };
                    if let Some(key) = key.clone() {
                        saving.set(true);
                        *still_run.borrow_mut() = Some(gif_job::start(ask(key, with_hints), want));
                    }
                }
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
    let status = match view.as_ref().zip(choice) {
        Some((v, choice)) => {
            let walk = v.walk();
            let offered = Choice::offered(walk)
                .into_iter()
                .map(|c| (c, c.plan(walk), c.plan(walk).len(walk)))
                .collect();
            let all = conv2d_figure::anim::Plan::All.len(walk);
            GifStatus {
                offered,
                inputs: matches!(walk, conv2d_figure::anim::Walk::Inputs(_)),
                chosen: Some(choice),
                frames: choice.plan(walk).len(walk),
                long: (chosen.is_none() && choice != Choice::All).then_some(all),
                measured: measured
                    .as_ref()
                    .filter(|(k, _)| Some(k) == key.as_ref())
                    .map(|(_, m)| *m),
                progress: *progress,
                made_in: gif_job::made_in(),
                onchoose: Callback::from(move |c| chosen.set(Some(c))),
            }
        }
        None => GifStatus {
            progress: *progress,
            made_in: gif_job::made_in(),
            ..GifStatus::default()
        },
    };
    Exports {
        onexport,
        oncancel,
        gif: status,
        saving: *saving,
        error: (*error).clone(),
    }
}
