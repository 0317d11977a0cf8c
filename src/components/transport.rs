//! Play/pause and step buttons, with the step scrubber and the speed on the full page, and the
//! focus line after them.

use yew::prelude::*;

use super::controls::Slider;
use crate::dispatch::Dispatch;
use crate::i18n::use_texts;
use crate::state::Action;

/// Props of [`Transport`].
#[derive(Properties, PartialEq)]
pub struct TransportProps {
    /// The animation is running.
    pub playing: bool,
    /// Current step.
    pub step: usize,
    /// Steps in all.
    pub total: usize,
    /// Steps per second.
    pub speed: f64,
    /// Show the step and speed sliders (the full page).
    #[prop_or_default]
    pub sliders: bool,
    /// A line after the buttons (the focus).
    #[prop_or_default]
    pub status: Option<AttrValue>,
    /// The line is the live region (an embedded figure; the page's live region is its sum).
    #[prop_or_default]
    pub live: bool,
    /// Where actions go.
    pub dispatch: Dispatch,
}

/// The animation's transport row.
#[component]
pub fn Transport(p: &TransportProps) -> Html {
    let t = use_texts();
    let d = &p.dispatch;
    html! {
        <div class="transport" role="group" aria-label={t.animation}>
            <button type="button" onclick={d.always(Action::Step(-1))} aria-label={t.step_back} data-testid="step-back">{"◀"}</button>
            <button type="button" onclick={d.always(Action::TogglePlay)} data-testid="play" aria-pressed={p.playing.to_string()}>
                { if p.playing { t.pause } else { t.play } }</button>
            <button type="button" onclick={d.always(Action::Step(1))} aria-label={t.step_forward} data-testid="step-forward">{"▶"}</button>
            if p.sliders {
                <Slider id="step" label={t.step} value={p.step as i64} min=0 max={p.total as i64}
                    onchange={d.to(|v: i64| Action::SeekStep(v.max(0) as usize))} />
                <Slider id="speed" label={t.speed} value={p.speed.round() as i64} min=1 max=20
                    onchange={d.to(|v: i64| Action::SetSpeed(v as f64))} />
            }
            if let Some(status) = &p.status {
                if p.live {
                    <span class="muted status" aria-live="polite">{status}</span>
                } else {
                    <span class="muted status" aria-hidden="true" title={status.clone()}>{status}</span>
                }
            }
        </div>
    }
}
