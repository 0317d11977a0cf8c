//! Mounts the playground; in the charts' Web Worker (the same wasm, no window), serves timing sweeps.
fn main() {
    if conv2d_playground::worker::in_worker() {
        conv2d_playground::worker::serve();
        return;
    }
    yew::Renderer::<conv2d_playground::App>::new().render();
}
