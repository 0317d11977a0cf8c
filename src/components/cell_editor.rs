//! Typing a value into the figure: a number box over the cell being edited (Enter applies, arrows
//! apply and move, Escape closes; text that is not a number is marked and never applied), and the
//! fill actions for its channel or kernel.

use conv2d_core::data::KernelData;
use conv2d_figure::layout::Cell;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{fill, use_texts};
use crate::state::edits::{FillTarget, FillWith};

/// Props of [`CellEditor`].
#[derive(Properties, PartialEq)]
pub struct CellEditorProps {
    /// The data cell edited.
    pub cell: Cell,
    /// Its value now.
    pub value: f32,
    /// Where it is drawn: `(x, y, side)` in the figure's CSS px.
    pub place: (f32, f32, f32),
    /// A value typed and applied.
    pub onedit: Callback<(Cell, f32)>,
    /// Move by `(dy, dx)`.
    pub onmove: Callback<(i64, i64)>,
    /// Stop editing.
    pub onclose: Callback<()>,
}

/// The value a text means, if it is a finite number.
pub fn parse_value(text: &str) -> Option<f32> {
    text.trim().parse::<f32>().ok().filter(|v| v.is_finite())
}

/// `v` as the shortest text that reads back as the same f32.
fn exact(v: f32) -> String {
    format!("{v}")
}

/// What the cell is, for its label: `input[0, 1, 2]`, `weight[1, 0, 2, 2]`, `bias[1]`.
pub fn cell_name(cell: Cell) -> String {
    match cell {
        Cell::Input { c, y, x } => format!("input[{c}, {y}, {x}]"),
        Cell::Weight { o, i, ky, kx } => format!("weight[{o}, {i}, {ky}, {kx}]"),
        Cell::Bias(o) => format!("bias[{o}]"),
    }
}

/// The number box over a cell.
#[component]
pub fn CellEditor(p: &CellEditorProps) -> Html {
    let t = use_texts();
    let node = use_node_ref();
    // The value exactly (the shortest text that reads back as the same f32): moving through cells
    // never rounds what it passes over.
    let draft = use_state(|| exact(p.value));
    {
        // A new cell: its value, selected, with the keyboard in the box.
        let (draft, node) = (draft.clone(), node.clone());
        use_effect_with((p.cell, p.value.to_bits()), move |(_, bits)| {
            draft.set(exact(f32::from_bits(*bits)));
            if let Some(el) = node.cast::<HtmlInputElement>() {
                // The box sits over its cell, which is on screen: the page does not jump.
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = el.focus_with_options(&options);
                el.select();
            }
        });
    }
    let bad = parse_value(&draft).is_none();
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(el) = e.target_dyn_into::<HtmlInputElement>() {
                draft.set(el.value());
            }
        })
    };
    let onkeydown = {
        let (cell, value, draft) = (p.cell, p.value, draft.clone());
        let (onedit, onmove, onclose) = (p.onedit.clone(), p.onmove.clone(), p.onclose.clone());
        Callback::from(move |e: KeyboardEvent| {
            let typed = parse_value(&draft);
            // Only what was typed is applied: the text as it opened changes nothing.
            let edited = *draft != exact(value);
            let apply = || {
                if let Some(v) = typed.filter(|v| edited && v.to_bits() != value.to_bits()) {
                    onedit.emit((cell, v));
                }
            };
            let step = match e.key().as_str() {
                "Enter" => {
                    apply();
                    None
                }
                "Escape" => {
                    onclose.emit(());
                    None
                }
                "ArrowUp" => Some((-1, 0)),
                "ArrowDown" => Some((1, 0)),
                "ArrowLeft" => Some((0, -1)),
                "ArrowRight" => Some((0, 1)),
                _ => return,
            };
            e.prevent_default();
            e.stop_propagation();
            if let Some(d) = step {
                // Moving on applies what was typed (text that is no number stays unapplied).
                apply();
                onmove.emit(d);
            }
        })
    };
    let (x, y, side) = p.place;
    let width = side.max(56.0);
    let style = format!(
        "left:{}px;top:{}px;width:{width}px;height:{}px",
        x + side / 2.0 - width / 2.0,
        y + side / 2.0 - 16.0,
        32
    );
    html! {
        <input ref={node} class={classes!("cell-editor", bad.then_some("bad"))} data-testid="cell-editor" {style}
            type="text" inputmode="decimal" autocomplete="off" value={(*draft).clone()} {oninput} {onkeydown}
            aria-invalid={bad.then_some("true")}
            aria-label={fill(t.edit_cell, &[("cell", cell_name(p.cell))])} />
    }
}

/// Props of [`FillBar`].
#[derive(Properties, PartialEq)]
pub struct FillBarProps {
    /// The cell being edited (its channel or kernel is what a fill covers).
    pub cell: Option<Cell>,
    /// Anything edited (the reset is offered).
    pub edited: bool,
    /// A fill.
    pub onfill: Callback<(FillTarget, FillWith)>,
    /// Back to the generated data.
    pub onreset: Callback<()>,
}

/// The fill actions for the edited cell's channel or kernel, and the reset.
#[component]
pub fn FillBar(p: &FillBarProps) -> Html {
    let t = use_texts();
    let target = match p.cell {
        Some(Cell::Input { c, .. }) => Some((
            FillTarget::Channel(c),
            fill(t.fill_channel, &[("c", c.to_string())]),
        )),
        Some(Cell::Weight { o, i, .. }) => Some((
            FillTarget::Kernel(o, i),
            fill(t.fill_kernel, &[("o", o.to_string()), ("i", i.to_string())]),
        )),
        _ => None,
    };
    let button = |target: FillTarget, with: FillWith, label: &'static str, id: String| {
        let onfill = p.onfill.clone();
        html! {
            <button type="button" data-testid={format!("fill-{id}")}
                onclick={Callback::from(move |_| onfill.emit((target, with)))}>{label}</button>
        }
    };
    html! {
        <div class="fill-bar" role="group" aria-label={t.fill_label}>
            if let Some((target, label)) = target {
                <span class="muted">{label}</span>
                {button(target, FillWith::Zeros, t.fill_zeros, "zeros".into())}
                {button(target, FillWith::Ones, t.fill_ones, "ones".into())}
                {button(target, FillWith::Seeded, t.fill_seeded, "seeded".into())}
                if matches!(target, FillTarget::Kernel(..)) {
                    { for KernelData::ALL.iter().zip(t.weight_labels).filter(|(k, _)| **k != KernelData::Seeded).map(|(k, label)| {
                        button(target, FillWith::Kernel(*k), label, k.name().into())
                    }) }
                }
            } else {
                <span class="muted">{t.edit_hint}</span>
            }
            if p.edited {
                <button type="button" class="quiet" data-testid="reset-values"
                    onclick={p.onreset.reform(|_| ())}>{t.reset_values}</button>
            }
        </div>
    }
}
