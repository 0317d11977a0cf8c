//! Dumb controls: a slider with a number box for exact entry, a pair of them with a link toggle,
//! the padding control ('same' / 'valid' / numbers) and a labelled select. They report values through
//! callbacks and never clamp: a typed zero or negative goes to PyTorch's rules.

use conv2d_core::Pair;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::i18n::{fill, use_texts};

fn input_value(e: &Event) -> Option<i64> {
    e.target_dyn_into::<HtmlInputElement>()?
        .value()
        .trim()
        .parse()
        .ok()
}

/// PyTorch's name beside a label in words, as code (nothing without one).
fn code(name: &Option<AttrValue>) -> Html {
    match name {
        Some(n) => html! { <>{" "}<code class="arg">{n}</code></> },
        None => Html::default(),
    }
}

/// Props of [`Slider`].
#[derive(Properties, PartialEq)]
pub struct SliderProps {
    /// Unique id (for `<label for>`) and test id.
    pub id: AttrValue,
    /// Visible label.
    pub label: AttrValue,
    /// PyTorch's name for it, set as code beside the label.
    #[prop_or_default]
    pub code: Option<AttrValue>,
    /// Name for screen readers when the visible label is short (e.g. "kernel_size h" for "h").
    #[prop_or_default]
    pub name: Option<AttrValue>,
    /// Current value.
    pub value: i64,
    /// Slider minimum.
    pub min: i64,
    /// Slider maximum (the number box takes more).
    pub max: i64,
    /// The smallest value the box accepts, for values that are not PyTorch's to judge (the seed);
    /// below it the box is outlined and nothing is applied. Conv2d arguments have none.
    #[prop_or_default]
    pub lowest: Option<i64>,
    /// Whether the current error involves this control.
    #[prop_or_default]
    pub involved: bool,
    /// New value.
    pub onchange: Callback<i64>,
}

/// A range slider and a number box bound to one value.
#[component]
pub fn Slider(p: &SliderProps) -> Html {
    let t = use_texts();
    // A dragged slider's values are applied a task after their frame (see `use_coalesced`).
    let cb = crate::hooks::use_coalesced(p.onchange.clone());
    let on_range = Callback::from(move |e: InputEvent| {
        if let Some(v) = input_value(&e) {
            cb.emit(v)
        }
    });
    // The number box keeps exactly what is typed while it has focus (a draft): a whole number is
    // applied as it is typed; anything else ("2.5", "1e3", "2.", "-" or, for the seed, a negative)
    // is outlined as invalid and applied never; leaving the box shows the value in use again. A text
    // box, not type=number, so the browser neither rewrites nor hides what was typed.
    let draft = use_state_eq(|| None::<String>);
    let lowest = p.lowest;
    let accept = move |t: &str| {
        t.trim()
            .parse::<i64>()
            .ok()
            .filter(|v| lowest.is_none_or(|lo| *v >= lo))
    };
    let on_number = {
        let draft = draft.clone();
        let cb = p.onchange.clone();
        Callback::from(move |e: InputEvent| {
            let Some(el) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let text = el.value();
            if let Some(v) = accept(&text) {
                cb.emit(v);
            }
            draft.set(Some(text));
        })
    };
    let on_key = {
        let draft = draft.clone();
        let cb = p.onchange.clone();
        let value = p.value;
        Callback::from(move |e: KeyboardEvent| {
            let step = match e.key().as_str() {
                "ArrowUp" => 1,
                "ArrowDown" => -1,
                _ => return,
            };
            e.prevent_default();
            let v = value + step;
            if accept(&v.to_string()).is_some() {
                draft.set(None);
                cb.emit(v);
            }
        })
    };
    let on_blur = {
        let draft = draft.clone();
        Callback::from(move |_: FocusEvent| draft.set(None))
    };
    let bad = draft
        .as_deref()
        .is_some_and(|t| !t.trim().is_empty() && accept(t).is_none());
    let shown = draft
        .as_deref()
        .map_or_else(|| p.value.to_string(), str::to_string);
    let class = classes!("control", p.involved.then_some("involved"));
    let number_id = format!("{}-n", p.id);
    let name = p.name.clone().unwrap_or_else(|| p.label.clone());
    html! {
        <div class={class} data-testid={format!("control-{}", p.id)}>
            <label for={number_id.clone()}>{&p.label}{code(&p.code)}</label>
            <input type="range" aria-label={fill(t.slider, &[("name", name.as_str())])} min={p.min.to_string()} max={p.max.to_string()}
                value={p.value.clamp(p.min, p.max).to_string()} oninput={on_range} />
            <input type="text" inputmode="numeric" autocomplete="off" id={number_id} class={classes!("num", bad.then_some("bad"))}
                value={shown} oninput={on_number} onkeydown={on_key} onblur={on_blur}
                aria-label={p.name.clone()} aria-invalid={(p.involved || bad).then_some("true")} />
        </div>
    }
}

/// Props of [`PairControl`].
#[derive(Properties, PartialEq)]
pub struct PairControlProps {
    /// Unique id prefix.
    pub id: AttrValue,
    /// The argument in words.
    pub label: AttrValue,
    /// PyTorch's name for it.
    #[prop_or_default]
    pub code: Option<AttrValue>,
    /// Current (h, w).
    pub value: Pair,
    /// Slider minimum.
    pub min: i64,
    /// Slider maximum.
    pub max: i64,
    /// Both components move together.
    pub linked: bool,
    /// Whether the current error involves this control.
    #[prop_or_default]
    pub involved: bool,
    /// New value.
    pub onchange: Callback<Pair>,
    /// Link toggled.
    pub onlink: Callback<bool>,
}

/// Two sliders (h, w) with a link toggle for square values.
#[component]
pub fn PairControl(p: &PairControlProps) -> Html {
    let t = use_texts();
    let v = p.value;
    let linked = p.linked;
    let on_h = p.onchange.reform(move |h: i64| {
        if linked {
            Pair::square(h)
        } else {
            Pair::new(h, v.w)
        }
    });
    let on_w = p.onchange.reform(move |w: i64| Pair::new(v.h, w));
    let onlink = {
        let cb = p.onlink.clone();
        Callback::from(move |_| cb.emit(!linked))
    };
    html! {
        <fieldset class={classes!("pair", p.involved.then_some("involved"))} data-testid={format!("control-{}", p.id)}>
            <legend>{&p.label}{code(&p.code)}
                <button type="button" class="link" aria-pressed={linked.to_string()} onclick={onlink}
                    title={t.square_title} data-testid={format!("link-{}", p.id)}>
                    { if linked { t.square_on } else { t.square_off } }
                </button>
            </legend>
            <Slider id={format!("{}-h", p.id)} label={if linked { t.both } else { "h" }} value={v.h} min={p.min} max={p.max}
                name={AttrValue::from(format!("{} {}", p.label, if linked { t.both } else { "h" }))}
                involved={p.involved} onchange={on_h} />
            if !linked {
                <Slider id={format!("{}-w", p.id)} label="w" value={v.w} min={p.min} max={p.max}
                    name={AttrValue::from(format!("{} w", p.label))}
                    involved={p.involved} onchange={on_w} />
            }
        </fieldset>
    }
}

/// Props of [`Select`].
#[derive(Properties, PartialEq)]
pub struct SelectProps {
    /// Unique id.
    pub id: AttrValue,
    /// Label.
    pub label: AttrValue,
    /// PyTorch's name for it, set as code beside the label.
    #[prop_or_default]
    pub code: Option<AttrValue>,
    /// Name for screen readers, when it says more than the label.
    #[prop_or_default]
    pub name: Option<AttrValue>,
    /// (value, text) options.
    pub options: Vec<(AttrValue, AttrValue)>,
    /// Selected value.
    pub value: AttrValue,
    /// Whether the current error involves this control.
    #[prop_or_default]
    pub involved: bool,
    /// New value.
    pub onchange: Callback<String>,
}

/// A labelled `<select>`.
#[component]
pub fn Select(p: &SelectProps) -> Html {
    let onchange = p.onchange.reform(|e: Event| {
        e.target_dyn_into::<HtmlSelectElement>()
            .map(|s| s.value())
            .unwrap_or_default()
    });
    html! {
        <div class={classes!("control", p.involved.then_some("involved"))} data-testid={format!("control-{}", p.id)}>
            <label for={p.id.clone()}>{&p.label}{code(&p.code)}</label>
            <select id={p.id.clone()} aria-label={p.name.clone().unwrap_or_else(|| p.label.clone())} {onchange}>
                { for p.options.iter().map(|(v, t)| html! {
                    <option value={v.clone()} selected={*v == p.value}>{t}</option>
                }) }
            </select>
        </div>
    }
}
