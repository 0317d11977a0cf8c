//! The pure core of Conv2d Playground: every rule of PyTorch's `nn.Conv2d` and `nn.ConvTranspose2d`
//! lives here once.
//!
//! - [`args`]: one description of the arguments (name, kind of value, default, cap, sweep, how to
//!   read and set it) and the layer as a kind ([`LayerKind`], [`LayerSpec`], [`Config`]).
//! - [`format`](mod@format): shapes and size lists as PyTorch prints them.
//! - [`spec`]: the arguments as a user gives them (PyTorch's names, signed integers, raw strings).
//! - [`validate`](mod@validate): PyTorch's checks in PyTorch's order, with PyTorch's sentences, giving a [`Layer`].
//! - [`layer`]: a checked layer on one input size: shapes, resolved padding, where padding cells come from.
//! - [`forward`]: the fast forward pass (im2col + GEMM per group), and [`reference`](mod@reference) kept for tests.
//! - [`parts`]: the forward pass cut into runs of output channels, for a page to spread over tasks.
//! - [`receptive`]: which inputs and taps make an output cell, and which outputs an input cell feeds.
//! - [`cost`]: parameters, multiply-accumulates, receptive field, the output-size formula.
//! - [`data`]: seeded example values, named kernels and tiny pictures.
//! - [`transpose`]: `nn.ConvTranspose2d`: its checks ([`validate_transpose`] → [`TransposeLayer`]),
//!   forward pass (GEMM + col2im, or the equivalent convolution) and reference, receptive maps both
//!   ways, cost, and the layer that undoes a Conv2d's shapes.
//! - [`any`]: a checked layer of either kind ([`AnyLayer`], from [`Config::check`]).
//!
//! Nothing here depends on a web crate; `serde` is behind the `serde` feature.

#![warn(missing_docs)]

pub mod any;
pub mod args;
pub mod cost;
pub mod data;
pub mod error;
#[cfg(feature = "serde")]
pub mod eval;
pub mod format;
pub mod forward;
mod gemm;
pub mod layer;
pub mod parts;
pub mod receptive;
pub mod reference;
pub mod script;
pub mod spec;
pub mod stack;
pub mod sweep;
pub mod tensor;
pub mod transpose;
pub mod validate;

pub use any::AnyLayer;
pub use args::{Arg, Config, LayerKind, LayerSpec, Value, ValueKind};
pub use cost::Cost;
pub use error::{Rule, SpecError};
pub use layer::{Layer, PaddingMode, Source};
pub use spec::{Conv2dSpec, ConvTranspose2dSpec, PaddingArg, Pair};
pub use tensor::Tensor;
pub use transpose::{validate_transpose, TransposeLayer};
pub use validate::validate;
