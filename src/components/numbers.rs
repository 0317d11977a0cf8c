//! The numbers beside the figure: shapes, parameters with their formula, MACs, receptive field, the
//! output-size formula per axis, and the PyTorch line with a copy button. All from the core.

use conv2d_core::cost::Formula;
use conv2d_core::{AnyLayer, LayerSpec, SpecError};
use yew::prelude::*;

use super::script::PythonScript;
use crate::i18n::use_texts;

use conv2d_core::format::shape as fmt_shape;

/// An output-size formula set as maths: the general formula small, in PyTorch's names (code), then
/// the same with this layer's numbers and the result, larger.
fn typeset(f: &Formula) -> Html {
    html! {
        <span class="formula-math">
            <span class="general"><var>{f.side}</var><sub>{"out"}</sub>{" = "}<code>{f.general.clone()}</code></span>
            <span class="numbers-line">{"= "}{f.numbers.clone()}{" = "}<strong>{f.result}</strong></span>
        </span>
    }
}

/// Props of [`Numbers`].
#[derive(Properties, PartialEq)]
pub struct NumbersProps {
    /// The current layer or PyTorch's rejection.
    pub layer: Result<AnyLayer, SpecError>,
    /// The arguments (for the Python line).
    pub spec: LayerSpec,
    /// Copy the Python line.
    pub oncopy: Callback<String>,
    /// "copied" feedback.
    pub copied: bool,
    /// The current configuration's figure (for the script that checks it), if it is drawn.
    #[prop_or_default]
    pub view: Option<std::rc::Rc<crate::state::View>>,
}

/// The numbers panel.
#[component]
pub fn Numbers(p: &NumbersProps) -> Html {
    let t = use_texts();
    let python = p.spec.python();
    let oncopy = {
        let cb = p.oncopy.clone();
        let line = python.clone();
        Callback::from(move |_| cb.emit(line.clone()))
    };
    let body = match &p.layer {
        Ok(l) => {
            let c = l.cost();
            html! {
                <dl class="numbers">
                    <dt>{t.output_shape}</dt>
                    <dd class="big"><span data-testid="output-shape">{fmt_shape(&l.output_shape())}</span></dd>
                    <dt>{t.parameters}</dt>
                    <dd><span class="big" data-testid="param-count">{c.params}</span>
                        <span class="formula" data-testid="param-formula">{" = "}{l.params_formula()}</span></dd>
                    <dt>{t.macs}</dt><dd data-testid="macs">{c.macs}</dd>
                    <dt>{t.weight_shape}</dt><dd data-testid="weight-shape">{fmt_shape(&l.weight_shape())}</dd>
                    <dt>{t.bias_shape}</dt>
                    <dd data-testid="bias-shape">{l.bias_shape().map_or(t.none.to_string(), |b| fmt_shape(&b))}</dd>
                    <dt>{t.receptive_field}</dt>
                    <dd data-testid="receptive-field">{format!("{} × {}", c.receptive_field[0], c.receptive_field[1])}
                        <span class="formula">{" = d·(k−1)+1"}</span></dd>
                    <dt>{t.output_size}</dt>
                    <dd data-testid="formula-h">{typeset(&l.output_formula(0))}</dd>
                    <dd data-testid="formula-w">{typeset(&l.output_formula(1))}</dd>
                </dl>
            }
        }
        Err(_) => html! {
            <dl class="numbers">
                <dt>{t.output_shape}</dt>
                <dd class="big"><span data-testid="output-shape">{t.invalid}</span></dd>
                <dt>{t.parameters}</dt><dd><span class="big" data-testid="param-count">{"—"}</span></dd>
            </dl>
        },
    };
    html! {
        <section class="panel numbers-panel" aria-label={t.shapes_costs}>
            {body}
            <div class="python">
                <code data-testid="python">{python}</code>
                <button type="button" onclick={oncopy} data-testid="copy">{ if p.copied { t.copied } else { t.copy } }</button>
            </div>
            if let Some(view) = p.view.clone() {
                <PythonScript {view} />
            }
        </section>
    }
}
