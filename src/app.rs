//! Page layout: for now the seed's figure 1 and its shapes, computed by the core in WASM.
use conv2d_core::cost::{params_formula, Cost};
use conv2d_core::{validate, Conv2dSpec};
use yew::prelude::*;

/// `(3, 2, 3)` as PyTorch prints a shape.
pub fn fmt_shape(dims: &[usize]) -> String {
    let s: Vec<String> = dims.iter().map(usize::to_string).collect();
    format!("({})", s.join(", "))
}

/// The root component.
#[component]
pub fn App() -> Html {
    let spec = Conv2dSpec::figure1();
    let input = [spec.in_channels, 7, 7];
    let body = match validate(&spec, input) {
        Ok(layer) => html! {
            <>
                <p class="shape">
                    {"input "}<span data-testid="input-shape">{fmt_shape(&layer.input_shape())}</span>
                    {" → output "}<span data-testid="output-shape">{fmt_shape(&layer.output_shape())}</span>
                </p>
                <p>{"parameters: "}<span data-testid="param-count">{Cost::of(&layer).params}</span>
                    <span class="muted">{" = "}{params_formula(&layer)}</span></p>
            </>
        },
        Err(e) => html! {
            <p role="alert" data-testid="output-shape">{"invalid: "}{e.message}</p>
        },
    };
    html! {
        <>
            <header><h1>{"Conv2d Playground"}</h1><span class="muted">{"PyTorch's nn.Conv2d, exactly"}</span></header>
            <main>
                <p><code data-testid="python">{spec.python()}</code></p>
                {body}
            </main>
        </>
    }
}
