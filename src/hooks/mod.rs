//! The page's effects as hooks, one per file: each owns what it starts (listeners, timers) and lets
//! it go when its inputs change or the component unmounts.
pub mod export;
