//! The stage: PyTorch's rejection (or the too-large notice), the URL's notices, the written-out
//! sum of the cell in focus, and the figure's box with its keys. The alert and the figure box are
//! also the embedded view's.

use std::rc::Rc;

use conv2d_figure::hints::applicable as hint_kinds;
use conv2d_figure::sum::Sum;
use conv2d_figure::{Focus, Highlight};
use yew::prelude::*;

use super::figure::Editor;
use super::figure::{FigureCanvas, Fit};
use super::layer_kind::ReadingBar;
use super::legend::Legend;
use super::pictures::{PictureCanvas, ZoomWindow};
use super::sum::SumView;
use super::transport::Transport;
use super::view_tools::ViewTools;
use crate::dispatch::{Dispatch, StateHandle};
use crate::i18n::{fill, grouped, use_texts, Texts};
use crate::state::edits::neighbour;
use crate::state::{Action, AppState, CAP_MACS};
use conv2d_core::LayerKind;
use conv2d_figure::layout::Cell;

/// What the cell in focus is, in words (the live line beside the sum). An input cell that feeds no
/// output (the stride or dilation steps over it) says so, rather than pointing at nothing lit.
pub fn focus_text(state: &AppState, t: &Texts) -> String {
    match state.focus() {
        Focus::Output(c) => format!("output[{}, {}, {}]", c.channel, c.y, c.x),
        Focus::Input { c, y, x } => {
            let feeds = state
                .view
                .as_ref()
                .is_none_or(|v| !v.highlight(Focus::Input { c, y, x }).outputs.is_empty());
            let scatter = state.view.as_ref().is_some_and(|v| v.scattered().is_some());
            let what = match (feeds, scatter) {
                (true, true) => t.paints,
                (true, false) => t.feeds,
                (false, _) => t.feeds_none,
            };
            format!("input[{c}, {y}, {x}] {what}")
        }
        Focus::None => t.hover_hint.to_string(),
    }
}

/// The figure is the last valid one, or the configuration is too large to compute live.
pub fn dimmed(state: &AppState) -> bool {
    state.stale || state.too_large.is_some()
}

/// Why there is no figure (the configuration was opened rejected or too large).
pub fn no_figure(state: &AppState, t: &Texts) -> String {
    match state.too_large {
        Some(macs) if state.layer.is_ok() => fill(
            t.no_figure_large,
            &[("macs", grouped(macs)), ("cap", grouped(CAP_MACS))],
        ),
        _ => t.no_figure_invalid.to_string(),
    }
}

/// The figure's keys: arrows move the output cursor, Enter pins, Escape unpins, space plays.
pub fn figure_key(key: &str) -> Option<Action> {
    Some(match key {
        "ArrowUp" => Action::MoveCursor(-1, 0),
        "ArrowDown" => Action::MoveCursor(1, 0),
        "ArrowLeft" => Action::MoveCursor(0, -1),
        "ArrowRight" => Action::MoveCursor(0, 1),
        "Enter" => Action::PinFocus,
        "Escape" => Action::Unpin,
        " " => Action::TogglePlay,
        _ => return None,
    })
}

/// Props of [`Alert`].
#[derive(Properties, PartialEq)]
pub struct AlertProps {
    /// The page's state.
    pub state: StateHandle,
}

/// PyTorch's rejection, the too-large notice, or an empty (hidden) alert.
#[component]
pub fn Alert(p: &AlertProps) -> Html {
    let t = use_texts();
    match (&p.state.layer, &p.state.too_large) {
        (Err(e), _) => html! {
            <div role="alert" class="alert" data-testid="error">
                <strong>{if e.rule.is_pytorchs() { t.rejects } else { t.rejects_here }}</strong><span data-testid="error-message">{&e.message}</span>
                if !e.rule.arguments().is_empty() {
                    <div class="muted">{t.involves}{e.rule.arguments().iter().map(|a| a.name()).collect::<Vec<_>>().join(", ")}</div>
                }
            </div>
        },
        (Ok(_), Some(macs)) => {
            let msg = fill(
                t.n_too_large,
                &[("macs", grouped(*macs)), ("cap", grouped(CAP_MACS))],
            );
            html! { <div role="status" class="alert" data-testid="too-large">{msg}</div> }
        }
        _ => html! { <div role="alert" class="alert-empty" data-testid="error" hidden=true></div> },
    }
}

/// Props of [`FigureBox`].
#[derive(Properties, PartialEq)]
pub struct FigureBoxProps {
    /// The page's state.
    pub state: StateHandle,
    /// Where actions go.
    pub dispatch: Dispatch,
    /// The box (its width is measured).
    pub node: NodeRef,
    /// Width available, CSS px.
    pub width: f32,
    /// The height below the figure's top, and how to use it.
    pub fit: Fit,
    /// Dark ink.
    pub dark: bool,
    /// Show the hints' markers (the page, not an embed).
    #[prop_or_default]
    pub hints: bool,
    /// Show the editing tools under the figure (the page, not an embed).
    #[prop_or_default]
    pub tools: bool,
}

/// The focusable box around the figure's canvas.
#[component]
pub fn FigureBox(p: &FigureBoxProps) -> Html {
    let t = use_texts();
    let (state, d) = (&p.state, &p.dispatch);
    let onkeydown = {
        let d = d.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let Some(a) = figure_key(&e.key()) {
                e.prevent_default();
                d.send(a);
            }
        })
    };
    let onpin = {
        let d = d.clone();
        Callback::from(move |f: Focus| {
            d.send(Action::Hover(f));
            d.send(Action::TogglePin);
        })
    };
    let selected = use_state_eq(|| None::<Cell>);
    // The picture view shows a Conv2d (a transposed layer keeps its grid figure).
    let conv = state.view.as_ref().is_some_and(|v| v.conv2d().is_some());
    let pictures = state.pictures && conv;
    // Editing ends with the edit mode, and with a figure that no longer has the cell.
    let cell = (*selected)
        .filter(|_| state.editing)
        .filter(|&c| state.current_view().is_some_and(|v| v.value(c).is_some()));
    let editor = cell.map(|cell| Editor {
        cell,
        onedit: d.marking().to(|(c, v)| Action::Edit(c, v)),
        onmove: {
            let (selected, view) = (selected.clone(), state.view.clone());
            Callback::from(move |step| {
                if let Some(v) = &view {
                    selected.set(Some(neighbour(cell, step, v)));
                }
            })
        },
        onclose: {
            let (selected, node) = (selected.clone(), p.node.clone());
            Callback::from(move |()| {
                selected.set(None);
                if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            })
        },
    });
    let onselect = state.editing.then(|| {
        let selected = selected.clone();
        Callback::from(move |c: Cell| selected.set(Some(c)))
    });
    // Enter on the figure in edit mode starts at the first input cell.
    let onkeydown = if state.editing && cell.is_none() {
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                selected.set(Some(Cell::Input { c: 0, y: 0, x: 0 }));
            }
        })
    } else {
        onkeydown
    };
    let waiting = (state.view.is_some() && p.width <= 0.0) || state.opening.is_some();
    html! {
        <>
        <div class={classes!("figure-box", state.editing.then_some("editing"))} ref={p.node.clone()} tabindex="0" {onkeydown} aria-label={t.figure_label}
            aria-busy={waiting.then_some("true")}>
            if waiting {
                // Not measured yet, or its output still being computed: drawn once it is.
            } else if let (Some(view), true) = (state.view.clone(), pictures) {
                <PictureCanvas view={view.clone()} focus={state.focus()} dark={p.dark} words={state.lang.words()}
                    dimmed={dimmed(state)} width={p.width} onhover={d.to(Action::Hover)} {onpin} />
                if let Focus::Output(cell) = state.focus() {
                    <ZoomWindow {view} {cell} dark={p.dark} width={p.width.min(720.0)} words={state.lang.words()} />
                }
            } else if let Some(view) = state.view.clone() {
                <FigureCanvas {view} focus={state.focus()} dark={p.dark} words={state.lang.words()} filled={state.filled()}
                    dimmed={dimmed(state)} width={p.width} fit={p.fit} hints={p.hints} onhover={d.to(Action::Hover)} {onpin}
                    {onselect} {editor} />
            } else {
                <p class="no-figure" role="status" data-testid="no-figure">{no_figure(state, t)}</p>
            }
        </div>
        if p.tools && state.view.is_some() {
            <ViewTools state={state.clone()} dispatch={d.clone()} {cell} {conv} {pictures} />
        }
        </>
    }
}

/// The sum behind the output cell in focus, and its written line (none otherwise).
#[hook]
fn use_sum(state: &AppState) -> Rc<Option<(Sum, String)>> {
    let view = state.view.clone();
    let key = (
        view.as_ref().map(|v| Rc::as_ptr(v) as usize),
        state.focus(),
        state.lang,
    );
    use_memo(key, move |(_, focus, lang)| match (view, focus) {
        (Some(v), Focus::Output(c)) => {
            let hl = Highlight::default();
            let fig = v.figure(&hl, 0, lang.words());
            Sum::of(&fig, *c).map(|s| {
                let line = s.line(lang.words().more_terms);
                (s, line)
            })
        }
        _ => None,
    })
}

/// Props of [`Stage`].
#[derive(Properties, PartialEq)]
pub struct StageProps {
    /// The page's state.
    pub state: StateHandle,
    /// Where actions go.
    pub dispatch: Dispatch,
    /// The figure's box (its width is measured).
    pub figure_box: NodeRef,
    /// Width available, CSS px.
    pub width: f32,
    /// The height below the figure's top, and how to use it.
    pub fit: Fit,
    /// Dark ink.
    pub dark: bool,
}

/// The stage panel.
#[component]
pub fn Stage(p: &StageProps) -> Html {
    let t = use_texts();
    let (state, d) = (&p.state, &p.dispatch);
    let sum = use_sum(state);
    // Back to the stack, where the layer now is.
    let put_back = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| {
            d.send(Action::PutBackStackLayer);
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|doc| doc.query_selector("[data-testid=stack]").ok().flatten())
            {
                crate::platform::scroll_into_view(&el);
            }
        })
    };
    html! {
        <section class="panel stage" aria-label={t.figure}>
            <Alert state={state.clone()} />
            if let Some(edit) = state.stack_edit.as_ref() {
                <div class="notices stack-editing" role="status" data-testid="stack-editing">
                    <p>{crate::i18n::fill(t.stack.editing, &[("i", edit.layer.to_string())])}</p>
                    <button type="button" class="primary" data-testid="stack-put-back" onclick={put_back}>{t.stack.put_back}</button>
                    {" "}
                    <button type="button" data-testid="stack-cancel" onclick={d.always(Action::CancelStackEdit)}>{t.stack.cancel}</button>
                </div>
            }
            if !state.notices.is_empty() {
                <div class="notices" role="status" data-testid="notices">
                    <ul>{ for state.notices.iter().map(|n| html! { <li>{n.text(t)}</li> }) }</ul>
                    <button type="button" onclick={d.always(Action::ClearNotices)}>{t.dismiss}</button>
                </div>
            }
            if state.view.is_some() {
                <Transport playing={state.playing} step={state.step} total={state.total_steps()} speed={state.speed}
                    sliders=true status={AttrValue::from(focus_text(state, t))} dispatch={d.clone()} />
                if state.params.config.layer.kind() == LayerKind::ConvTranspose2d {
                    <ReadingBar reading={state.params.reading} overlap={state.params.overlap} dispatch={d.clone()} />
                }
                <div class={classes!("sum", dimmed(state).then_some("dimmed"))} aria-live="polite" data-testid="sum">
                    <span class="sr-only">{focus_text(state, t)}</span>
                    if let Some((sum, line)) = (*sum).clone() {
                        <span class="sr-only">{line}</span>
                        <SumView {sum} more={state.lang.words().more_terms} bias={state.lang.words().bias} />
                    }
                </div>
            }
            <FigureBox state={state.clone()} dispatch={d.clone()} node={p.figure_box.clone()} width={p.width}
                fit={p.fit} dark={p.dark} hints={state.hints && !state.present && !state.pictures} tools={!state.present} />
            if let (true, false, false, Some(view)) = (state.hints, state.present, state.pictures, state.view.as_ref().filter(|v| v.conv2d().is_some())) {
                <div class="hints" data-testid="hints">
                    <ol>
                        { for view.conv2d().map(hint_kinds).unwrap_or_default().into_iter().map(|h| html! { <li>{t.hints[h as usize]}</li> }) }
                    </ol>
                    <button type="button" data-testid="hide-hints" onclick={Callback::from({
                        let d = d.clone();
                        move |_| {
                            crate::platform::dismiss_hints();
                            d.send(Action::DismissHints);
                        }
                    })}>{t.hide_hints}</button>
                </div>
            }
            if let Some(view) = state.view.clone() {
                <Legend {view} />
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::EN;
    use conv2d_core::receptive::fed_by;
    use conv2d_core::receptive::OutputCell;

    #[test]
    fn the_focus_is_named_in_words() {
        let cell = OutputCell {
            channel: 1,
            y: 2,
            x: 3,
        };
        let at = |f: Focus| {
            let mut s = AppState::new(crate::state::Params::default(), Some(0), vec![]);
            s.hover = f;
            focus_text(&s, &EN)
        };
        assert_eq!(at(Focus::Output(cell)), "output[1, 2, 3]");
        // Figure 1 (stride 2, dilation 2): some input cells are stepped over by every window. Which
        // ones, the core's receptive map says (tested against brute force there).
        let layer = AppState::default().view.unwrap().layer;
        let cells: Vec<(usize, usize)> = (0..7).flat_map(|y| (0..7).map(move |x| (y, x))).collect();
        let (&(y0, x0), &(y1, x1)) = (
            cells
                .iter()
                .find(|&&(y, x)| fed_by(&layer, 0, y, x).is_empty())
                .unwrap(),
            cells
                .iter()
                .find(|&&(y, x)| !fed_by(&layer, 0, y, x).is_empty())
                .unwrap(),
        );
        assert_eq!(
            at(Focus::Input { c: 0, y: y0, x: x0 }),
            format!("input[0, {y0}, {x0}] {}", EN.feeds_none)
        );
        assert_eq!(
            at(Focus::Input { c: 0, y: y1, x: x1 }),
            format!("input[0, {y1}, {x1}] {}", EN.feeds)
        );
        // Nothing hovered, pinned or animated (the animation finished): the hint.
        let done = AppState::new(crate::state::Params::default(), Some(usize::MAX), vec![]);
        assert_eq!(focus_text(&done, &EN), EN.hover_hint);
        assert_eq!(figure_key("Enter"), Some(Action::PinFocus));
        assert_eq!(figure_key("a"), None);
    }
}
