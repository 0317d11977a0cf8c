//! One component per file; props are named `XxxProps`. Components hold no Conv2d maths.
pub mod arguments;
pub mod charts;
pub mod controls;
pub mod figure;
pub mod numbers;
pub mod share;
