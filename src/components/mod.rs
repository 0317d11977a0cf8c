//! One component per file; props are named `XxxProps`. Components hold no Conv2d maths.
pub mod arguments;
pub mod cell_editor;
pub mod charts;
pub mod controls;
pub mod controls_panel;
pub mod figure;
pub mod header;
pub mod help;
pub mod layer_kind;
pub mod legend;
pub mod numbers;
pub mod picture_input;
pub mod script;
pub mod share;
pub mod stage;
pub mod sum;
pub mod transport;
