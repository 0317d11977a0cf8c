//! Drawing backends for `conv2d_figure::Scene`: plain functions of (element, scene), no Yew inside.
pub mod canvas;
