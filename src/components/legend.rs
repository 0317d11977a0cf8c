//! The figure's legend: the three colour scales (inputs, weights with the bias, outputs), each from
//! −max through 0 to +max of the values shown, and a key to the markings (the highlight, the padding
//! ring, faint copies, the group colours, the ᵖ of a padding value in the written sum).

use std::rc::Rc;

use conv2d_figure::palette::{self, STOPS};
use conv2d_figure::scene::ranges;
use conv2d_figure::Highlight;
use yew::prelude::*;

use crate::i18n::use_texts;
use crate::state::View;

/// A number as the legend prints it: whole numbers bare, others to three significant digits.
pub fn legend_number(v: f32) -> String {
    if v == v.round() && v.abs() < 1e6 {
        format!("{v:.0}")
    } else {
        format!("{v:.3}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    }
}

/// The CSS gradient of the diverging scale, −max on the left.
fn gradient() -> String {
    let stops: Vec<String> = STOPS.iter().map(|c| c.css()).collect();
    format!("linear-gradient(to right, {})", stops.join(", "))
}

/// Props of [`Legend`].
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// The figure shown.
    pub view: Rc<View>,
}

/// The legend under the figure.
#[component]
pub fn Legend(p: &LegendProps) -> Html {
    let t = use_texts();
    let none = Highlight::default();
    let [input, weight, output] =
        ranges(&p.view.figure(&none, 0, &conv2d_figure::scene::Words::EN));
    let bar = |name: &'static str, max: f32, id: &'static str| {
        let m = legend_number(max);
        html! {
            <div class="scale" data-testid={format!("legend-{id}")} data-max={m.clone()}>
                <span class="name">{name}</span>
                <span class="num">{format!("−{m}")}</span>
                <span class="bar" style={format!("background: {}", gradient())} aria-hidden="true"><span class="zero">{"0"}</span></span>
                <span class="num">{format!("+{m}")}</span>
            </div>
        }
    };
    let groups = p.view.layer.groups;
    // The overlap map replaces the output's values: its own scale, paper to blue, 0 to the most.
    let overlap = p.view.transpose.as_ref().filter(|tr| tr.overlap).map(|tr| {
        let most = tr.counts.iter().copied().max().unwrap_or(0);
        let ramp = format!(
            "linear-gradient(to right, var(--bg), {})",
            palette::COUNT.css()
        );
        html! {
            <div class="scale" data-testid="legend-overlap" data-max={most.to_string()}>
                <span class="name">{t.overlap}</span>
                <span class="num">{"0"}</span>
                <span class="bar" style={format!("background: {ramp}")} aria-hidden="true"></span>
                <span class="num">{most.to_string()}</span>
            </div>
        }
    });
    html! {
        <div class="legend" role="group" data-testid="legend" aria-label={t.legend}>
            {bar(t.legend_input, input, "input")}
            {bar(t.legend_weights, weight, "weights")}
            if let Some(map) = overlap {
                {map}
            } else {
                {bar(t.legend_output, output, "output")}
            }
            <ul class="key">
                <li><span class="swatch focus" aria-hidden="true"></span>{t.key_highlight}</li>
                <li><span class="swatch padding" aria-hidden="true"></span>{t.key_padding}</li>
                <li><span class="swatch copy" aria-hidden="true"></span>{t.key_copies}</li>
                if groups > 1 {
                    <li>
                        { for (0..groups.min(palette::GROUPS.len())).map(|g| html! {
                            <span class="swatch group" style={format!("border-color: {}", palette::group(g).css())} aria-hidden="true"></span>
                        }) }
                        {t.key_groups}
                    </li>
                }
                <li><span class="mono">{"0ᵖ"}</span>{" "}{t.key_pmark}</li>
            </ul>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legend_numbers_are_short() {
        assert_eq!(legend_number(3.0), "3");
        assert_eq!(legend_number(0.25), "0.25");
        assert_eq!(legend_number(1.0 / 9.0), "0.111");
        assert!(gradient().starts_with("linear-gradient(to right, "));
    }
}
