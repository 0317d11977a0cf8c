//! A stack of layers: PyTorch code typed or pasted (or a preset, or built with the table's
//! buttons), its input, the table through it (or where the text goes wrong), every tensor in a
//! strip with the cell in focus lit through all of them, and the selected layer drawn with the
//! single-layer figure. The focus and the selected row are this panel's own state.

use conv2d_core::stack::Placed;
use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::stack_compute::use_stack_tensors;
use super::stack_export::StackExport;
use super::stack_focus::use_stack_focus;
use super::stack_layer::StackLayerFigure;
use super::stack_strip::StackStrip;
use super::stack_table::{RowEdit, StackTable};
use crate::dispatch::Dispatch;
use crate::hooks::room::use_room;
use crate::i18n::{fill, grouped, use_texts};
use crate::state::stack::{Made, StackModel};
use crate::state::Action;

/// The stacks one click away: a name and the text.
pub const STACK_PRESETS: [(&str, &str, [i64; 3]); 5] = [
    (
        "resnet18-stem",
        "nn.Sequential(\n    nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False),\n    nn.BatchNorm2d(64),\n    nn.ReLU(inplace=True),\n    nn.MaxPool2d(kernel_size=3, stride=2, padding=1),\n)",
        [3, 224, 224],
    ),
    (
        "vgg-block",
        "nn.Sequential(\n    nn.Conv2d(3, 64, kernel_size=3, padding=1),\n    nn.ReLU(inplace=True),\n    nn.Conv2d(64, 64, kernel_size=3, padding=1),\n    nn.ReLU(inplace=True),\n    nn.MaxPool2d(kernel_size=2, stride=2),\n)",
        [3, 64, 64],
    ),
    (
        "dilated-context",
        "nn.Sequential(\n    nn.Conv2d(1, 8, 3, padding=1, dilation=1), nn.ReLU(),\n    nn.Conv2d(8, 8, 3, padding=2, dilation=2), nn.ReLU(),\n    nn.Conv2d(8, 8, 3, padding=4, dilation=4), nn.ReLU(),\n    nn.Conv2d(8, 1, 3, padding=8, dilation=8),\n)",
        [1, 64, 64],
    ),
    (
        "unet-down-up",
        "nn.Sequential(\n    nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(),\n    nn.MaxPool2d(2),\n    nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(),\n    nn.ConvTranspose2d(16, 8, 2, stride=2),\n    nn.Conv2d(8, 1, 1),\n)",
        [1, 32, 32],
    ),
    (
        "figure1-twice",
        "nn.Sequential(\n    nn.Conv2d(3, 2, 3, stride=2, padding=1, dilation=2),\n    nn.Conv2d(2, 2, 3, stride=2, padding=1, dilation=2),\n)",
        [3, 7, 7],
    ),
];

/// Props of [`StackPanel`].
#[derive(Properties, PartialEq)]
pub struct StackPanelProps {
    /// The stack's text.
    pub text: AttrValue,
    /// Its input (C, H, W).
    pub input: [i64; 3],
    /// The seed of its values.
    pub seed: u64,
    /// Dark ink.
    #[prop_or_default]
    pub dark: bool,
    /// The words drawn in the figures.
    pub words: &'static conv2d_figure::scene::Words,
    /// The page's query string (the embed snippet's).
    #[prop_or_default]
    pub query: AttrValue,
    /// Only the strip (an embed).
    #[prop_or_default]
    pub strip_only: bool,
    /// Where actions go.
    pub dispatch: Dispatch,
}

/// The stack's panel.
#[component]
pub fn StackPanel(p: &StackPanelProps) -> Html {
    let t = use_texts();
    let d = &p.dispatch;
    // The table at once (cheap); the tensors when typing pauses.
    let made = use_memo((p.text.clone(), p.input), |(text, input)| {
        Made::read(text, *input)
    });
    let computed = use_stack_tensors(p.text.clone(), p.input, p.seed);
    let (drawn, drawn_now) = computed.map_or((None, true), |(m, now)| (Some(m), now));
    let selected = use_state_eq(|| None::<usize>);
    let panel = use_node_ref();
    let room = use_room(panel.clone());
    let textarea = use_node_ref();
    // While the text goes wrong, the last stack it made stays on screen, dimmed and read-only
    // (its buttons would rewrite the text being typed).
    let last = use_mut_ref(|| None::<Rc<StackModel>>);
    let (model, stale) = match &*made {
        Made::Stack(m) => {
            *last.borrow_mut() = Some(m.clone());
            (Some(m.clone()), false)
        }
        Made::Placed(_) => (last.borrow().clone(), true),
        Made::Nothing => {
            *last.borrow_mut() = None;
            (None, false)
        }
    };
    let f = use_stack_focus(drawn.clone());
    // Open once it has had a stack (removing the last layer does not fold it away).
    let opened = use_state_eq(|| !p.text.is_empty());
    if !p.text.is_empty() && !*opened {
        opened.set(true);
    }
    let strip = match (&drawn, f.focus) {
        (Some(m), Some(focus)) if m.tensors.is_some() => html! {
            <div class={classes!("strip-box", (!drawn_now).then_some("stale"))} data-testid="strip-box" data-current={drawn_now.to_string()}>
            <StackStrip model={m.clone()} {focus} lit={f.lit.clone()} effective={f.effective.clone()}
                dark={p.dark} width={room.width} onhover={f.onhover.clone()} onpin={f.onpin.clone()}
                onkey={f.onkey.clone()} onunpin={f.onunpin.clone()} />
            </div>
        },
        (Some(m), _) if m.too_large.is_some() => {
            let macs = grouped(m.too_large.unwrap_or_default());
            html! { <p class="muted small" data-testid="stack-too-large">{fill(t.stack.too_large, &[("macs", macs)])}</p> }
        }
        _ => html! { <p class="muted small" data-testid="stack-not-drawn">{t.stack.not_drawn}</p> },
    };
    if p.strip_only {
        return html! { <div class="stack-embed" ref={panel}>{strip}</div> };
    }
    let oninput = d.to(|e: InputEvent| {
        Action::SetLayers(
            e.target_dyn_into::<HtmlTextAreaElement>()
                .map(|el| el.value())
                .unwrap_or_default(),
        )
    });
    let onedit = row_edits(
        d.clone(),
        model.clone(),
        textarea.clone(),
        selected.clone(),
        f.onunpin.clone(),
    );
    let onselect = {
        let selected = selected.clone();
        Callback::from(move |i: usize| selected.set(Some(i)))
    };
    let error = match &*made {
        Made::Placed(e) => placed(&p.text, e.clone(), t),
        _ => Html::default(),
    };
    let body = match &model {
        None if matches!(&*made, Made::Nothing) => {
            html! { <p class="muted small">{t.stack_empty}</p> }
        }
        None => Html::default(),
        Some(m) => html! {
            <div class={classes!("stack-body", stale.then_some("stale"))} data-testid="stack-body" data-stale={stale.to_string()}>
            <StackTable model={m.clone()} selected={*selected} {onselect} {onedit} {stale} />
            <h3 class="strip-title">{t.stack.strip_title}</h3>
            <p class="muted small">{t.stack.strip_about}</p>
            {strip}
            if let (Some(focus), Some(dm)) = (f.focus, drawn.as_ref().filter(|d| d.tensors.is_some())) {
                <StackExport model={dm.clone()} {focus} lit={f.lit.clone()} effective={f.effective} width={room.width} query={p.query.clone()} />
                <p class="muted small">{t.stack.effective_about}</p>
            }
            if let Some(dm) = drawn.as_ref() {
                <StackLayerFigure key={selected.map_or(usize::MAX, |i| i)} model={dm.clone()} selected={*selected} dark={p.dark} width={room.width} words={p.words} />
            }
            <details class="script" data-testid="stack-check">
                <summary>{t.script_title}</summary>
                <pre class="script-text" data-testid="stack-script">{m.check.clone()}</pre>
            </details>
            </div>
        },
    };
    html! {
        <details class="panel stack" open={*opened} data-testid="stack">
            <summary>{t.stack_title}</summary>
            <p class="muted small">{t.stack_about}</p>
            <StackInputs input={p.input} dispatch={d.clone()} />
            <textarea ref={textarea} data-testid="stack-text" rows="8" spellcheck="false" aria-label={t.stack_title}
                value={p.text.clone()} {oninput} placeholder="nn.Sequential(nn.Conv2d(3, 64, 7, stride=2, padding=3), nn.ReLU(), nn.MaxPool2d(3, 2, 1))" />
            // Measured for the strip's and the layer figure's width: the panel's content box.
            <div class="stack-room" ref={panel}>
                {error}
                {body}
            </div>
        </details>
    }
}

/// What the table's buttons do: a new text (what was selected or pinned is let go, as the rows
/// move), a convolution to the playground (the page scrolled to it), or a call selected in the
/// text box.
fn row_edits(
    d: Dispatch,
    model: Option<Rc<StackModel>>,
    textarea: NodeRef,
    selected: UseStateHandle<Option<usize>>,
    unpin: Callback<()>,
) -> Callback<RowEdit> {
    Callback::from(move |e: RowEdit| match e {
        RowEdit::Text(text) => {
            selected.set(None);
            unpin.emit(());
            d.send(Action::SetLayers(text));
        }
        RowEdit::InPlayground(i) => {
            d.send(Action::EditStackLayer(i));
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
        RowEdit::SelectText(i) => {
            if let (Some(el), Some(m)) = (textarea.cast::<HtmlTextAreaElement>(), model.as_ref()) {
                if let Some((a, b)) = utf16_span(m, i) {
                    let _ = el.focus();
                    let _ = el.set_selection_range(a, b);
                }
            }
        }
    })
}

/// Layer `i`'s call as a selection in the text box, which counts UTF-16 units and holds the text
/// with `\r\n` read as `\n` (the spans are bytes of the stack's own text).
fn utf16_span(m: &StackModel, i: usize) -> Option<(u32, u32)> {
    let (a, b) = m.calls.get(i)?.span;
    let at = |b: usize| {
        m.text
            .get(..b)
            .map(|s| (s.encode_utf16().count() - s.matches("\r\n").count()) as u32)
    };
    Some((at(a)?, at(b)?))
}

/// Where the text goes wrong, by line and column.
fn placed(text: &str, e: Placed, t: &crate::i18n::Texts) -> Html {
    let (line, col) = e.line_col(text);
    html! { <p class="alert" role="alert" data-testid="stack-error">{fill(t.stack_at, &[("line", line.to_string()), ("col", col.to_string()), ("message", e.message)])}</p> }
}

/// Props of [`StackInputs`].
#[derive(Properties, PartialEq)]
struct StackInputsProps {
    input: [i64; 3],
    dispatch: Dispatch,
}

/// The preset menu and the input's box: what is typed is kept (and marked) until it reads as
/// C,H,W.
#[component]
fn StackInputs(p: &StackInputsProps) -> Html {
    let t = use_texts();
    let d = &p.dispatch;
    let [c, h, w] = p.input;
    let draft = use_state(|| None::<String>);
    let shown = (*draft).clone().unwrap_or_else(|| format!("{c},{h},{w}"));
    let bad = draft
        .as_ref()
        .is_some_and(|t| crate::url::stack_input(t).is_none());
    let on_input_shape = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            let Some(el) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let text = el.value();
            match crate::url::stack_input(&text) {
                Some(input) => {
                    draft.set(None);
                    d.send(Action::SetStackInput(input));
                }
                None => draft.set(Some(text)),
            }
        })
    };
    let on_preset = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let Some(el) = e.target_dyn_into::<web_sys::HtmlSelectElement>() else {
                return;
            };
            if let Some((_, text, input)) = STACK_PRESETS.iter().find(|(n, _, _)| *n == el.value())
            {
                d.send(Action::SetLayers((*text).to_string()));
                d.send(Action::SetStackInput(*input));
            }
            el.set_value("");
        })
    };
    html! {
        <div class="stack-inputs">
            <select data-testid="stack-preset" aria-label={t.stack_presets} onchange={on_preset}>
                <option value="" selected=true>{t.stack_presets}</option>
                { for STACK_PRESETS.iter().zip(t.stack_preset_titles).map(|((n, _, _), title)| html! { <option value={*n}>{title}</option> }) }
            </select>
            <label>{t.stack_input}{" "}
                <input type="text" data-testid="stack-input" value={shown} oninput={on_input_shape} size="12"
                    class={classes!(bad.then_some("bad"))} aria-invalid={bad.then_some("true")} title={t.stack_input_hint} />
            </label>
        </div>
    }
}
