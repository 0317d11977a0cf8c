//! The stack's strip: every tensor as a heatmap (the figure crate's `strip` scene on the canvas
//! backend), the cell in focus with what it reads and reaches lit in every tensor, and the effective
//! receptive field beside the input. Pointer, touch and keys move the focus; the lit sets are
//! mirrored in data attributes for tests.

use std::rc::Rc;

use conv2d_core::stack::field::Field;
use conv2d_figure::palette::Ink;
use conv2d_figure::scene::Scene;
use conv2d_figure::strip::{Strip, StripLayout};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::i18n::stack::StackTexts;
use crate::i18n::{fill, use_texts};
use crate::state::stack::StackModel;

/// A cell of a tensor of the stack: the tensor (0: the input) and `(c, y, x)`.
pub type Spot = (usize, [usize; 3]);

/// Props of [`StackStrip`].
#[derive(Properties, PartialEq)]
pub struct StackStripProps {
    /// The stack.
    pub model: Rc<StackModel>,
    /// The cell in focus.
    pub focus: Spot,
    /// What lights up in each tensor.
    pub lit: Rc<Vec<Option<Field>>>,
    /// The effective receptive field over the input's rows and columns, if computed.
    pub effective: Option<Rc<Vec<f32>>>,
    /// Dark ink.
    pub dark: bool,
    /// Width available, CSS px.
    pub width: f32,
    /// The pointer over a cell (or off).
    pub onhover: Callback<Option<Spot>>,
    /// A tap or a click: pin this cell.
    pub onpin: Callback<Spot>,
    /// A key: this cell (pinned; the pointer stops leading).
    pub onkey: Callback<Spot>,
    /// Esc: unpin.
    pub onunpin: Callback<()>,
}

/// The titles over the tensors: "input (C, H, W)", then "i Class (C, H, W)".
pub fn titles(model: &StackModel, input: &str) -> Vec<String> {
    let shapes = model.shapes();
    shapes
        .iter()
        .enumerate()
        .map(|(t, s)| {
            let shape = conv2d_core::format::shape(s);
            if t == 0 {
                format!("{input}\n{shape}")
            } else {
                let name = model.calls[t - 1].name.rsplit('.').next().unwrap_or("");
                format!("{} {name}\n{shape}", t - 1)
            }
        })
        .collect()
}

/// The channel drawn in front of each tensor: the focus's own, else the first lit one.
pub fn front(n: usize, focus: Spot, lit: &[Option<Field>]) -> Vec<usize> {
    (0..n)
        .map(|t| {
            if t == focus.0 {
                focus.1[0]
            } else {
                lit.get(t)
                    .and_then(Option::as_ref)
                    .and_then(|f| f.channels.first().copied())
                    .unwrap_or(0)
            }
        })
        .collect()
}

/// A lit set as JSON for tests: `{"t":…,"channels":[…],"rows":[…],"cols":[…]}`.
fn lit_json(lit: &[Option<Field>]) -> String {
    let list = |s: &std::collections::BTreeSet<usize>| {
        s.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",")
    };
    let items: Vec<String> = lit
        .iter()
        .enumerate()
        .filter_map(|(t, f)| {
            let f = f.as_ref()?;
            Some(format!(
                r#"{{"t":{t},"channels":[{}],"rows":[{}],"cols":[{}]}}"#,
                list(&f.channels),
                list(&f.rows),
                list(&f.cols)
            ))
        })
        .collect();
    format!("[{}]", items.join(","))
}

/// The strip's scene in `layout` with `focus` and what it lights (`None` when the tensors are not
/// computed): the one the canvas draws and the exports save.
pub fn scene(
    model: &StackModel,
    layout: &StripLayout,
    focus: Spot,
    lit: &[Option<Field>],
    effective: Option<&[f32]>,
    texts: &StackTexts,
    ink: Ink,
) -> Option<Scene> {
    let tensors = model.tensors.as_ref()?;
    let refs: Vec<&conv2d_core::Tensor> = tensors.all.iter().collect();
    let titles = titles(model, texts.input);
    let fronts = front(refs.len(), focus, lit);
    let strip = Strip {
        tensors: &refs,
        titles: &titles,
        front: &fronts,
        lit,
        focus: Some(focus),
        effective: (texts.effective, effective),
        channel: texts.channel,
        lit_word: texts.lit,
    };
    Some(strip.scene(layout, ink))
}

/// The rows and columns where the effective field is not zero, for tests: `y0,y1,x0,x1` (empty
/// when it is zero everywhere).
fn nonzero_box(e: &[f32], w: usize) -> String {
    let cells = e
        .iter()
        .enumerate()
        .filter(|(_, v)| **v != 0.0)
        .map(|(i, _)| (i / w, i % w));
    let b = cells.fold(None, |b: Option<[usize; 4]>, (y, x)| {
        Some(b.map_or([y, y, x, x], |[a, z, l, r]| {
            [a.min(y), z.max(y), l.min(x), r.max(x)]
        }))
    });
    b.map_or(String::new(), |[a, z, l, r]| format!("{a},{z},{l},{r}"))
}

/// The strip.
#[component]
pub fn StackStrip(p: &StackStripProps) -> Html {
    let t = use_texts();
    let canvas = use_node_ref();
    let shapes = p.model.shapes();
    let layout = {
        let shapes = shapes.clone();
        use_memo((shapes, p.width.round() as i32), |(shapes, width)| {
            StripLayout::new(shapes, *width as f32, true)
        })
    };
    let fronts = front(shapes.len(), p.focus, &p.lit);
    {
        let (canvas, model, layout, lit, effective) = (
            canvas.clone(),
            p.model.clone(),
            layout.clone(),
            p.lit.clone(),
            p.effective.clone(),
        );
        let (focus, dark, texts) = (p.focus, p.dark, t.stack);
        use_effect_with(
            (
                Rc::as_ptr(&model) as usize,
                layout.clone(),
                focus,
                dark,
                effective.as_ref().map(|e| Rc::as_ptr(e) as usize),
                texts.channel,
            ),
            move |_| {
                let Some(el) = canvas.cast::<HtmlCanvasElement>() else {
                    return;
                };
                let ink = if dark { Ink::DARK } else { Ink::LIGHT };
                let erf = effective.as_deref().map(Vec::as_slice);
                if let Some(scene) = scene(&model, &layout, focus, &lit, erf, texts, ink) {
                    if let Err(e) = crate::render::canvas::draw(&el, &scene, false) {
                        web_sys::console::warn_1(&e);
                    }
                    crate::perf::stack_painted();
                }
            },
        );
    }
    let Some(tensors) = p.model.tensors.as_ref() else {
        return Html::default();
    };
    let spot_at = {
        let layout = layout.clone();
        move |e: &MouseEvent| {
            layout
                .cell_at(e.offset_x() as f32, e.offset_y() as f32)
                .map(|(t, y, x)| (t, [fronts[t], y, x]))
        }
    };
    let onpointermove = {
        let (cb, spot_at) = (p.onhover.clone(), spot_at.clone());
        Callback::from(move |e: PointerEvent| cb.emit(spot_at(&e)))
    };
    let onpointerleave = p.onhover.reform(|_: PointerEvent| None);
    let onclick = {
        let cb = p.onpin.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(s) = spot_at(&e) {
                cb.emit(s);
            }
        })
    };
    let onkeydown = {
        let (pin, unpin, shapes, focus) =
            (p.onkey.clone(), p.onunpin.clone(), shapes.clone(), p.focus);
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                unpin.emit(());
                e.prevent_default();
                return;
            }
            if e.key() == "Enter" || e.key() == " " {
                pin.emit(focus);
                e.prevent_default();
                return;
            }
            if let Some(next) = moved(&shapes, focus, &e.key(), e.shift_key()) {
                pin.emit(next);
                e.prevent_default();
            }
        })
    };
    let (ft, [c, y, x]) = p.focus;
    let value = tensors
        .all
        .get(ft)
        .and_then(|v| v.data.get((c * v.shape[1] + y) * v.shape[2] + x))
        .map_or(String::new(), |v| conv2d_figure::scene::fmt_value(*v));
    let boxes: Vec<String> = layout
        .boxes
        .iter()
        .map(|b| {
            format!(
                r#"{{"shows":"{:?}","x":{},"y":{},"cell":{},"rows":{},"cols":{}}}"#,
                b.shows, b.x, b.y, b.cell, b.rows, b.cols
            )
        })
        .collect();
    html! {
        <div class="strip-wrap">
            <canvas ref={canvas} class="figure strip" data-testid="stack-strip" tabindex="0" role="application"
                aria-roledescription={t.stack.strip_title} aria-label={t.stack.canvas}
                data-boxes={format!("[{}]", boxes.join(","))}
                data-focus={format!("{ft},{c},{y},{x}")}
                data-lit={lit_json(&p.lit)}
                data-effective={p.effective.as_deref().map(|e| nonzero_box(e, shapes[0][2]))}
                {onpointermove} {onpointerleave} {onclick} {onkeydown} />
            <p class="small" data-testid="stack-focus" aria-live="polite">{fill(t.stack.focus, &[
                ("t", ft.to_string()), ("c", c.to_string()), ("y", y.to_string()), ("x", x.to_string()), ("value", value),
            ])}</p>
        </div>
    }
}

/// The focus after `key`: arrows move the cell, `[`/`]` the channel, Shift+←/→ the tensor (to
/// the same relative place; tensors without cells are skipped over).
fn moved(shapes: &[[usize; 3]], (t, [c, y, x]): Spot, key: &str, shift: bool) -> Option<Spot> {
    let s = shapes.get(t)?;
    let has_cells = |s: &[usize; 3]| s.iter().all(|&v| v > 0);
    if !has_cells(s) {
        return None;
    }
    let step = |v: usize, by: i64, n: usize| (v as i64 + by).clamp(0, n as i64 - 1) as usize;
    Some(match (key, shift) {
        ("ArrowLeft" | "ArrowRight", true) => {
            let nt = if key == "ArrowLeft" {
                (0..t).rev().find(|&k| has_cells(&shapes[k]))?
            } else {
                (t + 1..shapes.len()).find(|&k| has_cells(&shapes[k]))?
            };
            let n = shapes[nt];
            let map = |v: usize, from: usize, to: usize| (v * to / from.max(1)).min(to - 1);
            (
                nt,
                [c.min(n[0] - 1), map(y, s[1], n[1]), map(x, s[2], n[2])],
            )
        }
        ("ArrowLeft", false) => (t, [c, y, step(x, -1, s[2])]),
        ("ArrowRight", false) => (t, [c, y, step(x, 1, s[2])]),
        ("ArrowUp", _) => (t, [c, step(y, -1, s[1]), x]),
        ("ArrowDown", _) => (t, [c, step(y, 1, s[1]), x]),
        ("[", _) => (t, [step(c, -1, s[0]), y, x]),
        ("]", _) => (t, [step(c, 1, s[0]), y, x]),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_move_within_a_tensor_and_across_tensors() {
        let shapes = [[3, 8, 8], [4, 4, 4], [2, 2, 2]];
        assert_eq!(
            moved(&shapes, (0, [0, 0, 0]), "ArrowLeft", false),
            Some((0, [0, 0, 0]))
        );
        assert_eq!(
            moved(&shapes, (0, [0, 7, 7]), "ArrowDown", false),
            Some((0, [0, 7, 7]))
        );
        assert_eq!(
            moved(&shapes, (0, [2, 6, 6]), "ArrowRight", true),
            Some((1, [2, 3, 3]))
        );
        assert_eq!(
            moved(&shapes, (1, [3, 3, 3]), "ArrowRight", true),
            Some((2, [1, 1, 1]))
        );
        assert_eq!(
            moved(&shapes, (1, [3, 3, 3]), "]", false),
            Some((1, [3, 3, 3]))
        );
        assert_eq!(
            moved(&shapes, (1, [3, 3, 3]), "[", false),
            Some((1, [2, 3, 3]))
        );
        assert_eq!(moved(&shapes, (1, [3, 3, 3]), "a", false), None);
        // At the last tensor Shift+→ stays; tensors without cells are skipped, never entered.
        assert_eq!(moved(&shapes, (2, [0, 0, 0]), "ArrowRight", true), None);
        let gaps = [[2, 4, 4], [2, 0, 0], [2, 2, 2]];
        assert_eq!(
            moved(&gaps, (0, [1, 3, 3]), "ArrowRight", true),
            Some((2, [1, 1, 1]))
        );
        assert_eq!(moved(&gaps, (1, [0, 0, 0]), "ArrowUp", false), None);
    }
}
