// The page's workers (one each for the charts' timing sweeps, the GIFs and large figures). The page
// posts the URL of its own wasm bindings and its compiled WebAssembly.Module; this imports the one
// and instantiates the other, so the worker runs the same wasm as the page (nothing downloaded or
// compiled twice). The wasm's main sees no window and serves the page's messages (src/worker/),
// answering "ready" first. On any failure it says so, and the page does that work itself.
self.addEventListener('message', async (event) => {
  try {
    const [bindings, module] = event.data;
    const { default: init } = await import(bindings);
    await init({ module_or_path: module });
  } catch (e) {
    self.postMessage(`failed ${e}`);
  }
}, { once: true });
