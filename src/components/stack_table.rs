//! The stack's table, like torchinfo's: each layer's output shape, parameters, MACs and receptive
//! field, totals below; the first layer PyTorch rejects with its sentence, the later ones greyed.
//! A click on a row selects it (the single-layer figure draws it); each row's buttons move,
//! remove or edit its layer, and a menu adds one — edits of the text, which stays the stack.

use std::rc::Rc;

use conv2d_core::format::shape;
use conv2d_core::stack::layers::StackLayer;
use conv2d_core::stack::rf_number as num;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::i18n::{fill, grouped, use_texts};
use crate::state::stack::{new_layer, StackModel, NEW_LAYERS};

/// What a row's buttons ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum RowEdit {
    /// The stack's new text.
    Text(String),
    /// Edit convolution `i` with the playground's controls.
    InPlayground(usize),
    /// Select layer `i`'s call in the text box.
    SelectText(usize),
}

/// Props of [`StackTable`].
#[derive(Properties, PartialEq)]
pub struct StackTableProps {
    /// The stack.
    pub model: Rc<StackModel>,
    /// The selected row.
    pub selected: Option<usize>,
    /// A row clicked.
    pub onselect: Callback<usize>,
    /// A button pressed.
    pub onedit: Callback<RowEdit>,
    /// The last stack the text made, shown while the text goes wrong: its buttons are off.
    #[prop_or_default]
    pub stale: bool,
}

/// The table and the builder's buttons.
#[component]
pub fn StackTable(p: &StackTableProps) -> Html {
    let t = use_texts();
    let m = &p.model;
    let s = &m.summary;
    let n = m.texts.len();
    let buttons = |i: usize| {
        let edit = |e: RowEdit| {
            let cb = p.onedit.clone();
            Callback::from(move |ev: MouseEvent| {
                ev.stop_propagation();
                cb.emit(e.clone());
            })
        };
        // A convolution PyTorch reaches (its input's shape known) opens in the playground.
        let conv = i <= s.rows.len()
            && matches!(
                m.layers[i],
                StackLayer::Conv2d(_) | StackLayer::ConvTranspose2d(_)
            );
        let (how, title) = if conv {
            (RowEdit::InPlayground(i), t.stack.edit_in_playground)
        } else {
            (RowEdit::SelectText(i), t.stack.edit_text)
        };
        html! {
            <td class="row-tools">
                <button type="button" class="icon" title={t.stack.up} aria-label={t.stack.up} disabled={i == 0 || p.stale}
                    data-testid="stack-up" onclick={edit(RowEdit::Text(m.moved(i, -1)))}>{"↑"}</button>
                <button type="button" class="icon" title={t.stack.down} aria-label={t.stack.down} disabled={i + 1 == n || p.stale}
                    data-testid="stack-down" onclick={edit(RowEdit::Text(m.moved(i, 1)))}>{"↓"}</button>
                <button type="button" class="icon" title={t.stack.remove} aria-label={t.stack.remove}
                    data-testid="stack-remove" disabled={p.stale} onclick={edit(RowEdit::Text(m.without(i)))}>{"✕"}</button>
                <button type="button" class="icon" {title} aria-label={title}
                    data-testid="stack-edit" disabled={p.stale} onclick={edit(how)}>{"✎"}</button>
            </td>
        }
    };
    let row_class = |i: usize, extra: Option<&'static str>| {
        classes!(
            "stack-row",
            extra,
            (p.selected == Some(i)).then_some("selected")
        )
    };
    let select = |i: usize| p.onselect.reform(move |_: MouseEvent| i);
    // A kind is chosen in the menu, then added with the button: arrowing through a closed
    // menu fires a change per key, which must not add a layer each time.
    let kind = use_node_ref();
    let on_add = {
        let (cb, m, kind) = (p.onedit.clone(), m.clone(), kind.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(el) = kind.cast::<HtmlSelectElement>() else {
                return;
            };
            if let Some(call) = new_layer(&el.value(), m.last_channels()) {
                cb.emit(RowEdit::Text(m.with_added(&call)));
            }
        })
    };
    html! {
        <>
        <div class="stack-table-wrap">
        <table class="stack-table" data-testid="stack-table">
            <thead><tr>{ for t.stack_columns.iter().map(|h| html! { <th>{*h}</th> }) }<th></th></tr></thead>
            <tbody>
                { for m.texts.iter().enumerate().map(|(i, text)| match s.rows.get(i) {
                    Some(r) => html! {
                        <tr class={row_class(i, None)} data-testid="stack-row" onclick={select(i)}>
                            <td><button type="button" class="row-pick" data-testid="stack-pick-row"
                                aria-pressed={(p.selected == Some(i)).to_string()} aria-label={fill(t.stack.layer_figure, &[("i", i.to_string()), ("layer", text.clone())])}>{i}</button></td><td><code>{text.clone()}</code></td><td>{shape(&r.output)}</td>
                            <td class="num">{grouped(r.params)}</td><td class="num">{grouped(r.macs)}</td>
                            <td>{format!("{}{} × {}", if r.exact { "" } else { "≈" }, num(r.size[0]), num(r.size[1]))}</td>
                            <td>{format!("{}, {}", num(r.jump[0]), num(r.jump[1]))}</td>
                            <td>{format!("{}, {}", num(r.start[0]), num(r.start[1]))}</td>
                            {buttons(i)}
                        </tr>
                    },
                    None => {
                        let rejected = s.rejected.as_ref().filter(|r| r.layer == i);
                        html! {
                            <tr class={row_class(i, Some(if rejected.is_some() { "rejected" } else { "after" }))} data-testid="stack-row">
                                <td>{i}</td><td><code>{text.clone()}</code></td>
                                <td colspan="6">
                                    if let Some(r) = rejected {
                                        <span data-testid="stack-rejected">{&r.message}</span>
                                    }
                                </td>
                                {buttons(i)}
                            </tr>
                        }
                    }
                }) }
            </tbody>
            <tfoot><tr><td></td><td>{t.stack_total}</td><td></td>
                <td class="num" data-testid="stack-params">{grouped(s.params())}</td>
                <td class="num">{grouped(s.macs())}</td><td colspan="4"></td></tr></tfoot>
        </table>
        </div>
        <div class="stack-add">
            <select ref={kind} data-testid="stack-add" aria-label={t.stack.add_kind} disabled={p.stale}>
                { for NEW_LAYERS.iter().enumerate().map(|(i, k)| html! { <option value={*k} selected={i == 0}>{*k}</option> }) }
            </select>
            <button type="button" data-testid="stack-add-button" onclick={on_add} disabled={p.stale}>{t.stack.add}</button>
        </div>
        if s.rows.len() < n {
            <p class="muted small">{t.stack_greyed}</p>
        }
        </>
    }
}
