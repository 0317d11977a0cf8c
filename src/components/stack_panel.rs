//! A stack of layers: PyTorch code typed or pasted (or a preset), its input, and the table through
//! it — each layer's output shape, parameters, MACs and receptive field — or where the text goes
//! wrong, or the first layer PyTorch rejects with its sentence (the layers after it greyed).

use conv2d_core::format::shape;
use conv2d_core::stack::summary::{summarize, Summary};
use conv2d_core::stack::{call_text, read, rf_number as num, script, Placed};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::dispatch::Dispatch;
use crate::i18n::{fill, grouped, use_texts};
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
        [3, 224, 224],
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
    /// Where actions go.
    pub dispatch: Dispatch,
}

/// What the text makes: the table, or why none (placed in the text).
enum Made {
    Nothing,
    Placed(Placed),
    Table(Vec<String>, Summary, String),
}

fn make(text: &str, input: [i64; 3]) -> Made {
    match read(text) {
        Err(e) => Made::Placed(e),
        Ok(read) if read.is_empty() => Made::Nothing,
        Ok(read) => {
            let (calls, layers): (Vec<_>, Vec<_>) = read.into_iter().unzip();
            let texts = calls.iter().map(|c| call_text(text, c)).collect();
            let shape = input.map(|v| v.max(1) as usize);
            let summary = summarize(&layers, shape);
            let check = script(text, &calls, shape, &summary);
            Made::Table(texts, summary, check)
        }
    }
}

/// The stack's panel.
#[component]
pub fn StackPanel(p: &StackPanelProps) -> Html {
    let t = use_texts();
    let d = &p.dispatch;
    let made = make(&p.text, p.input);
    let oninput = d.to(|e: InputEvent| {
        Action::SetLayers(
            e.target_dyn_into::<HtmlTextAreaElement>()
                .map(|el| el.value())
                .unwrap_or_default(),
        )
    });
    // The input's box: what is typed is kept (and marked) until it reads as C,H,W.
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
    let placed = |e: Placed| {
        let (line, col) = e.line_col(&p.text);
        html! { <p class="alert" role="alert" data-testid="stack-error">{fill(t.stack_at, &[("line", line.to_string()), ("col", col.to_string()), ("message", e.message)])}</p> }
    };
    let body = match made {
        Made::Nothing => html! { <p class="muted small">{t.stack_empty}</p> },
        Made::Placed(e) => placed(e),
        Made::Table(texts, s, check) => {
            let ran = s.rows.len();
            html! {
                <>
                <table class="stack-table" data-testid="stack-table">
                    <thead><tr>{ for t.stack_columns.iter().map(|h| html! { <th>{*h}</th> }) }</tr></thead>
                    <tbody>
                        { for texts.iter().enumerate().map(|(i, text)| match s.rows.get(i) {
                            Some(r) => html! {
                                <tr data-testid="stack-row">
                                    <td>{i}</td><td><code>{text.clone()}</code></td><td>{shape(&r.output)}</td>
                                    <td class="num">{grouped(r.params)}</td><td class="num">{grouped(r.macs)}</td>
                                    <td>{format!("{}{} × {}", if r.exact { "" } else { "≈" }, num(r.size[0]), num(r.size[1]))}</td>
                                    <td>{format!("{}, {}", num(r.jump[0]), num(r.jump[1]))}</td>
                                    <td>{format!("{}, {}", num(r.start[0]), num(r.start[1]))}</td>
                                </tr>
                            },
                            None => {
                                let rejected = s.rejected.as_ref().filter(|r| r.layer == i);
                                html! {
                                    <tr class={classes!(if rejected.is_some() { "rejected" } else { "after" })} data-testid="stack-row">
                                        <td>{i}</td><td><code>{text.clone()}</code></td>
                                        <td colspan="6">
                                            if let Some(r) = rejected {
                                                <span data-testid="stack-rejected">{&r.message}</span>
                                            }
                                        </td>
                                    </tr>
                                }
                            }
                        }) }
                    </tbody>
                    <tfoot><tr><td></td><td>{t.stack_total}</td><td></td>
                        <td class="num" data-testid="stack-params">{grouped(s.params())}</td>
                        <td class="num">{grouped(s.macs())}</td><td colspan="3"></td></tr></tfoot>
                </table>
                if ran < texts.len() {
                    <p class="muted small">{t.stack_greyed}</p>
                }
                <details class="script" data-testid="stack-check">
                    <summary>{t.script_title}</summary>
                    <pre class="script-text" data-testid="stack-script">{check}</pre>
                </details>
                </>
            }
        }
    };
    html! {
        <details class="panel stack" open={!p.text.is_empty()} data-testid="stack">
            <summary>{t.stack_title}</summary>
            <p class="muted small">{t.stack_about}</p>
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
            <textarea data-testid="stack-text" rows="8" spellcheck="false" aria-label={t.stack_title}
                value={p.text.clone()} {oninput} placeholder="nn.Sequential(nn.Conv2d(3, 64, 7, stride=2, padding=3), nn.ReLU(), nn.MaxPool2d(3, 2, 1))" />
            {body}
        </details>
    }
}
