//! The layer's kind: a switch (Conv2d | ConvTranspose2d) that keeps what both share, the button
//! that transposes the layer, and — for a ConvTranspose2d — how the figure reads it (scatter, or as
//! a convolution) and the overlap map.

use conv2d_core::LayerKind;
use yew::prelude::*;

use crate::dispatch::Dispatch;
use crate::i18n::use_texts;
use crate::state::{Action, Reading};

/// Props of [`LayerSwitch`].
#[derive(Properties, PartialEq)]
pub struct LayerSwitchProps {
    /// The layer's kind now.
    pub kind: LayerKind,
    /// Where actions go.
    pub dispatch: Dispatch,
}

/// Two pressed-or-not buttons, one per kind, and "Transpose this layer".
#[component]
pub fn LayerSwitch(p: &LayerSwitchProps) -> Html {
    let t = use_texts();
    let d = p.dispatch.marking();
    let button = |kind: LayerKind| {
        html! {
            <button type="button" aria-pressed={(p.kind == kind).to_string()}
                data-testid={format!("layer-{}", kind.name())}
                onclick={d.always(Action::SetKind(kind))}>{kind.module()}</button>
        }
    };
    html! {
        <div class="layer-switch control" data-testid="control-layer">
            <div class="segmented" role="group" aria-label={t.layer_kind}>
                {button(LayerKind::Conv2d)}
                {button(LayerKind::ConvTranspose2d)}
            </div>
            <button type="button" class="quiet" data-testid="transpose-this" title={t.transpose_this_note}
                onclick={d.always(Action::TransposeThis)}>{"⇄ "}{t.transpose_this}</button>
        </div>
    }
}

/// Props of [`ReadingBar`].
#[derive(Properties, PartialEq)]
pub struct ReadingBarProps {
    /// How the figure reads the ConvTranspose2d.
    pub reading: Reading,
    /// The overlap map is on.
    pub overlap: bool,
    /// Where actions go.
    pub dispatch: Dispatch,
}

/// The two readings of a ConvTranspose2d, what the one shown does, and the overlap map's toggle.
#[component]
pub fn ReadingBar(p: &ReadingBarProps) -> Html {
    let t = use_texts();
    let d = &p.dispatch;
    let button = |r: Reading| {
        html! {
            <button type="button" aria-pressed={(p.reading == r).to_string()}
                data-testid={format!("reading-{}", r.name())}
                onclick={d.always(Action::SetReading(r))}>{t.readings[r as usize]}</button>
        }
    };
    html! {
        <div class="reading-bar">
            <div class="segmented" role="group" aria-label={t.reading_label}>
                {for Reading::ALL.into_iter().map(button)}
            </div>
            <label class="check">
                <input type="checkbox" checked={p.overlap} data-testid="overlap"
                    onchange={d.always(Action::ToggleOverlap)} />
                {t.overlap}
            </label>
            <p class="muted reading-note" data-testid="reading-note">
                {if p.overlap { t.overlap_note } else { t.reading_notes[p.reading as usize] }}
            </p>
        </div>
    }
}
