//! The Conv2d figure as plain data, independent of where it is drawn.
//!
//! - [`layout`]: where each grid (padded inputs, kernels, bias, outputs) sits, and hit-testing.
//! - [`highlight`]: which cells light up for a focused output or input cell (from the core's
//!   receptive-field maps).
//! - [`palette`]: the colour-blind-safe diverging scale, the Okabe–Ito group colours and the inks
//!   (light and dark) of everything that is not a value.
//! - [`scene`]: a list of primitives (heatmaps, rectangles, text) built from all of the above.
//! - [`sum`]: the "Σ input × weight + bias = value" sum for one output cell, as data and as a line.
//! - [`pictures`]: the picture view: the input and every output channel as images.
//! - [`scatter`]: a transposed convolution read from the input's side (shapes, highlights, sums,
//!   partial outputs).
//! - [`hints`]: the figure's short notes and where their markers go.
//! - [`svg`]: the scene as an SVG document (the SVG export, and what the CLI rasterises).
//! - [`anim`]: the animation's steps, the scene of each, and the GIF frame loop and writer.

#![warn(missing_docs)]

pub mod anim;
pub mod highlight;
pub mod hints;
pub mod layout;
pub mod palette;
pub mod pictures;
pub mod scatter;
pub mod scene;
pub mod strip;
pub mod sum;
pub mod svg;

pub use highlight::{Focus, Highlight};
pub use layout::{Hit, Layout};
pub use scene::{Figure, Item, Scene};
