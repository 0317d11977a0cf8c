//! The sum behind the output cell in focus, typeset: each product `input × weight` in a column of its
//! own (the columns line up when the sum wraps), zeros of the padding marked `0ᵖ`, the terms left out
//! of a long sum counted, the bias apart, and the value large. Screen readers get the written line.

use conv2d_figure::scene::fmt_value;
use conv2d_figure::sum::{factor, Sum};
use yew::prelude::*;

/// Props of [`SumView`].
#[derive(Properties, PartialEq)]
pub struct SumProps {
    /// The sum.
    pub sum: Sum,
    /// "more terms", in the figure's language.
    pub more: &'static str,
    /// "bias", in the figure's language.
    pub bias: &'static str,
}

/// One product.
fn term(first: bool, t: &conv2d_figure::sum::Term) -> Html {
    let x = match t.input {
        Some(v) => html! { <span class="x">{factor(v)}</span> },
        None => html! { <span class="x pad">{"0ᵖ"}</span> },
    };
    html! {
        <span class="term">
            <span class="op">{ if first { "" } else { "+" } }</span>{x}<span class="times">{"×"}</span><span class="w">{factor(t.weight)}</span>
        </span>
    }
}

/// The typeset sum (hidden from screen readers, which read the written line beside it).
#[component]
pub fn SumView(p: &SumProps) -> Html {
    let s = &p.sum;
    let at = s.hidden_at();
    html! {
        <div class="sum-math" aria-hidden="true" data-testid="sum-math">
            <span class="terms">
                { for s.terms[..at].iter().enumerate().map(|(i, t)| term(i == 0, t)) }
                if s.hidden > 0 {
                    <span class="term more">{format!("+ … {} {} …", s.hidden, p.more)}</span>
                }
                { for s.terms[at..].iter().map(|t| term(false, t)) }
            </span>
            if let Some(b) = s.bias {
                <span class="bias"><span class="op">{"+"}</span>{format!(" {} ", p.bias)}<span class="w">{fmt_value(b)}</span></span>
            }
            <span class="eq">{"= "}<strong>{fmt_value(s.value)}</strong></span>
        </div>
    }
}
