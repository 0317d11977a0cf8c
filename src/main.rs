//! Mounts the playground; in the charts' Web Worker (the same wasm, no window), serves timing sweeps.
fn main() {
    if conv2d_playground::worker::in_worker() {
        conv2d_playground::worker::serve();
        return;
    }
    // Mounted in a task of its own: the task that instantiates the wasm is then not also the one
    // that renders the page's first stage (together they were the longest task of opening it, as
    // the browser compiles each function's baseline code on its first call).
    gloo_timers::callback::Timeout::new(0, || {
        yew::Renderer::<conv2d_playground::App>::new().render();
    })
    .forget();
}
