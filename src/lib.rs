//! The Conv2d Playground web app: a thin Yew layer over `conv2d-core` (every rule of Conv2d) and
//! `conv2d-figure` (the figure as data). One reducer (`state`) reached through one `Dispatch`, the
//! URL (`url`), effects as hooks (`hooks`), components (`components`), exports (`export`) on a
//! cancellable time-slice `runner`, drawing isolated in `render`, and every browser-only call in
//! `platform`. The same wasm runs the charts' timing sweeps in a Web Worker (`worker`).
#![warn(missing_docs)]

pub mod app;
pub mod charts;
pub mod components;
pub mod dispatch;
pub mod download;
pub mod export;
pub mod hooks;
pub mod i18n;
pub mod perf;
pub mod picture;
pub mod platform;
pub mod render;
pub mod runner;
pub mod state;
pub mod url;
pub mod worker;

pub use app::{App, AppProps};
