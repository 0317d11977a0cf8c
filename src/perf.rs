//! Performance marks around "state changed" → "figure painted", read by scripts/bench-repaint.mjs.

use crate::platform;

/// Marks the moment a control changed the state.
pub fn changed() {
    platform::perf_mark("conv2d-change");
}

/// Marks the moment the figure was drawn, and measures from the last change (if any).
pub fn painted() {
    platform::perf_measure_since("conv2d-repaint", "conv2d-change");
}

/// A named mark (for profiling the stages between a change and the paint).
pub fn mark(name: &str) {
    platform::perf_mark(name);
}

/// Marks the moment the stack's strip was drawn, and measures from the last change of the stack
/// (read by scripts/bench-stack.mjs).
pub fn stack_painted() {
    platform::perf_measure_since("stack-paint", "stack-change");
}
