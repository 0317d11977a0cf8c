//! The page's effects as hooks, one per file: each owns what it starts (listeners, timers) and lets
//! it go when its inputs change or the component unmounts.
pub mod coalesce;
pub mod export;
pub mod global_keys;
pub mod interval;
pub mod later;
pub mod media_query;
pub mod opening;
pub mod picture_drop;
pub mod room;
pub mod saved_theme;
pub mod seen;
pub mod url_sync;

pub use coalesce::use_coalesced;
pub use export::{use_export, Exports};
pub use global_keys::use_global_keys;
pub use interval::use_interval;
pub use later::use_later;
pub use media_query::use_media_query;
pub use opening::use_opening;
pub use picture_drop::use_picture_drop;
pub use room::{use_room, Room};
pub use saved_theme::{use_document_lang, use_saved_theme};
pub use seen::{use_on_screen, use_seen};
pub use url_sync::use_url_sync;
