//! The Conv2d Playground web app (a thin Yew layer over `conv2d-core`).
pub mod app;
pub use app::App;
