//! Performance marks around "state changed" → "figure painted", read by scripts/bench-repaint.mjs.

/// Marks the moment a control changed the state.
pub fn changed() {
    #[cfg(target_arch = "wasm32")]
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark("conv2d-change");
    }
}

/// Marks the moment the figure was drawn, and measures from the last change (if any).
pub fn painted() {
    #[cfg(target_arch = "wasm32")]
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        if p.get_entries_by_name_with_entry_type("conv2d-change", "mark")
            .length()
            > 0
        {
            let _ = p.measure_with_start_mark("conv2d-repaint", "conv2d-change");
            p.clear_marks_with_mark_name("conv2d-change");
        }
    }
}

/// A named mark (for profiling the stages between a change and the paint).
pub fn mark(name: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
    let _ = name;
}
