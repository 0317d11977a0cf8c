//! A picture dropped anywhere on the page, or pasted, becomes the input (as the file button's does).

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::dispatch::Dispatch;
use crate::platform::decode::{decode, DecodeError};
use crate::state::picture::Refused;
use crate::state::Action;

/// Decodes `file` and sends what came of it: the picture, or why not.
pub fn read_picture(file: web_sys::File, dispatch: Dispatch) {
    let name = file.name();
    decode(file, move |result| {
        dispatch.send(match result {
            Ok(pic) => Action::LoadPicture(std::rc::Rc::new(pic)),
            Err(DecodeError::NotAnImage) => Action::PictureRefused(Refused::NotAnImage(name)),
            Err(DecodeError::TooLarge(bytes)) => {
                let mb = (bytes / 1024.0 / 1024.0).round() as u64;
                Action::PictureRefused(Refused::TooLarge(name, mb))
            }
        });
    });
}

/// The first file of a transfer (a drop or a paste), if any.
fn first_file(data: Option<web_sys::DataTransfer>) -> Option<web_sys::File> {
    data?.files()?.get(0)
}

/// Listens for drops and pastes of a file on the document while mounted. Text dropped or pasted
/// stays the text box's: only a file is taken.
#[hook]
pub fn use_picture_drop(dispatch: Dispatch) {
    use_effect_with((), move |_| {
        let listeners = web_sys::window().and_then(|w| w.document()).map(|doc| {
            let options = gloo_events::EventListenerOptions::enable_prevent_default();
            // Without this the browser opens a dropped file in place of the page; dragged text
            // keeps its own way (into a text box).
            let carries_files = |e: &web_sys::DragEvent| {
                e.data_transfer()
                    .is_some_and(|d| d.types().includes(&"Files".into(), 0))
            };
            let over =
                gloo_events::EventListener::new_with_options(&doc, "dragover", options, move |e| {
                    if e.dyn_ref::<web_sys::DragEvent>().is_some_and(carries_files) {
                        e.prevent_default();
                    }
                });
            let d = dispatch.clone();
            let drop =
                gloo_events::EventListener::new_with_options(&doc, "drop", options, move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::DragEvent>() else {
                        return;
                    };
                    if let Some(file) = first_file(e.data_transfer()) {
                        e.prevent_default();
                        read_picture(file, d.clone());
                    }
                });
            let paste = gloo_events::EventListener::new(&doc, "paste", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::ClipboardEvent>() else {
                    return;
                };
                if let Some(file) = first_file(e.clipboard_data()) {
                    read_picture(file, dispatch.clone());
                }
            });
            (over, drop, paste)
        });
        move || drop(listeners)
    });
}
