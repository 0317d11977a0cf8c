//! Page layout (placeholder until the playground lands).
use yew::prelude::*;

/// The root component.
#[component]
pub fn App() -> Html {
    html! { <main>{"Conv2d Playground"}</main> }
}
