//! The tools under the figure: the picture view's toggle and, in it, the named kernels one click
//! away; otherwise the edit mode's toggle and, while editing, the fills and the reset.

use conv2d_core::data::KernelData;
use conv2d_figure::layout::Cell;
use yew::prelude::*;

use super::cell_editor::FillBar;
use crate::dispatch::{Dispatch, StateHandle};
use crate::i18n::use_texts;
use crate::state::Action;

/// Props of [`ViewTools`].
#[derive(Properties, PartialEq)]
pub struct ViewToolsProps {
    /// The page's state.
    pub state: StateHandle,
    /// Where actions go.
    pub dispatch: Dispatch,
    /// The data cell being edited.
    pub cell: Option<Cell>,
    /// The figure is a Conv2d's (the picture view is offered).
    pub conv: bool,
    /// The picture view is on.
    pub pictures: bool,
}

/// The row of tools.
#[component]
pub fn ViewTools(p: &ViewToolsProps) -> Html {
    let t = use_texts();
    let (state, d, cell, conv, pictures) = (&p.state, &p.dispatch, p.cell, p.conv, p.pictures);
    html! {
        <div class="edit-tools">
            if conv {
                <button type="button" data-testid="picture-view" aria-pressed={pictures.to_string()}
                    onclick={d.always(Action::TogglePictures)}>{t.picture_view}</button>
            }
            if pictures {
                <div class="kernels" role="group" aria-label={t.weights}>
                    { for KernelData::ALL.iter().zip(t.weight_labels).map(|(k, label)| html! {
                        <button type="button" data-testid={format!("kernel-{}", k.name())}
                            aria-pressed={(state.params.weights == *k).to_string()}
                            onclick={d.marking().always(Action::SetWeights(*k))}>{label}</button>
                    }) }
                </div>
            } else {
                <button type="button" data-testid="edit-mode" aria-pressed={state.editing.to_string()}
                    onclick={d.always(Action::ToggleEditing)}>{t.edit_mode}</button>
            }
            if !pictures && (state.editing || !state.params.edits.is_empty()) {
                <FillBar cell={cell} edited={!state.params.edits.is_empty()}
                    onfill={d.marking().to(|(target, with)| Action::Fill(target, with))}
                    onreset={d.marking().to(|()| Action::ResetEdits)} />
            }
        </div>
    }
}
