//! One control per argument, chosen by the kind of value the argument takes (from the core's
//! argument table): a slider for an int, a pair of sliders with a link toggle for an `(h, w)`, a
//! select of words next to the pair for padding, a select for a bool or a word. Values PyTorch does
//! not know (a word from a link) are kept as an extra option, for PyTorch's rules to judge.

use conv2d_core::{Arg, Pair, Value, ValueKind};
use yew::prelude::*;

use crate::components::controls::{PairControl, Select, Slider};

/// Props of [`ArgControl`].
#[derive(Properties, PartialEq)]
pub struct ArgControlProps {
    /// The argument.
    pub arg: Arg,
    /// Its value now.
    pub value: Value,
    /// For a pair: both sides move together.
    #[prop_or(true)]
    pub linked: bool,
    /// Whether PyTorch's current rejection involves it.
    #[prop_or_default]
    pub involved: bool,
    /// The slider's top, when not the argument's own (the picture view's input sides).
    #[prop_or_default]
    pub top: Option<i64>,
    /// A new value.
    pub onchange: Callback<(Arg, Value)>,
    /// A pair's link toggled.
    pub onlink: Callback<(Arg, bool)>,
}

/// Options for a select of `words`, plus the current word when it is none of them (it came from a
/// link, and PyTorch will name it in its sentence).
fn word_options(
    words: &[&'static str],
    current: Option<&str>,
    t: &crate::i18n::Texts,
) -> Vec<(AttrValue, AttrValue)> {
    let mut options: Vec<(AttrValue, AttrValue)> =
        words.iter().map(|&w| (w.into(), w.into())).collect();
    if let Some(c) = current.filter(|c| !words.contains(c)) {
        options.push((c.to_string().into(), format!("'{c}' {}", t.from_url).into()));
    }
    options
}

/// The control of one argument.
#[component]
pub fn ArgControl(p: &ArgControlProps) -> Html {
    let t = crate::i18n::use_texts();
    let arg = p.arg;
    let name = arg.name();
    let plain = t.words(arg);
    // The input's sides are not PyTorch arguments: no code name beside them.
    let code = (!matches!(arg, Arg::Height | Arg::Width)).then(|| AttrValue::from(name));
    let accessible = AttrValue::from(t.accessible(arg));
    let (min, max) = arg.slider();
    let max = p.top.unwrap_or(max);
    let set = {
        let cb = p.onchange.clone();
        move |f: fn(i64) -> Value| cb.reform(move |v| (arg, f(v)))
    };
    let pair = |v: Pair, label: &'static str, code: Option<AttrValue>| {
        let onchange = p.onchange.reform(move |v| (arg, Value::Pair(v)));
        let onlink = p.onlink.reform(move |on| (arg, on));
        html! {
            <PairControl id={name} {label} {code} value={v} {min} {max} linked={p.linked}
                involved={p.involved} {onchange} {onlink} />
        }
    };
    match (arg.kind(), &p.value) {
        (ValueKind::Int, Value::Int(n)) => html! {
            <Slider id={name} label={plain} code={code} name={accessible} value={*n} {min} {max}
                involved={p.involved} onchange={set(Value::Int)} />
        },
        (ValueKind::Pair, Value::Pair(v)) => pair(*v, plain, code),
        (ValueKind::PairOrWord(words), v) => {
            // "numbers" picks the pair (PyTorch's default when it is one), a word picks the word.
            let numbers = match arg.default() {
                Some(Value::Pair(d)) => d,
                _ => Pair::square(min),
            };
            let onchange = p.onchange.reform(move |w: String| {
                let v = if w == "numbers" {
                    Value::Pair(numbers)
                } else {
                    Value::Word(w)
                };
                (arg, v)
            });
            let (current, word) = match v {
                Value::Word(w) => (w.clone(), Some(w.as_str())),
                _ => ("numbers".to_string(), None),
            };
            let mut options = vec![("numbers".into(), t.numbers.into())];
            options.extend(word_options(words, word, t));
            html! {
                <>
                    <Select id={format!("{name}-kind")} label={plain} code={code} name={accessible}
                        {options} value={current} involved={p.involved} {onchange} />
                    if let Value::Pair(v) = v { {pair(*v, t.pair_label(arg), None)} }
                </>
            }
        }
        (ValueKind::Bool, Value::Bool(b)) => html! {
            <Select id={name} label={plain} code={code} name={accessible}
                options={vec![("true".into(), "True".into()), ("false".into(), "False".into())]}
                value={b.to_string()} involved={p.involved}
                onchange={p.onchange.reform(move |v: String| (arg, Value::Bool(v == "true")))} />
        },
        (ValueKind::Word(words), Value::Word(w)) => html! {
            <Select id={name} label={plain} code={code} name={accessible} options={word_options(words, Some(w), t)}
                value={w.clone()} involved={p.involved}
                onchange={p.onchange.reform(move |v: String| (arg, Value::Word(v)))} />
        },
        // A value of another kind cannot be made by the core's table; show nothing rather than panic.
        _ => Html::default(),
    }
}
