//! Mounts the playground.
fn main() {
    yew::Renderer::<conv2d_playground::App>::new().render();
}
