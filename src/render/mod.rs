//! Drawing backends for `conv2d_figure::Scene`: plain functions of (element, scene), no Yew inside;
//! the figure's scene from a view, shared by the page and its worker.
pub mod canvas;
pub mod figure;
