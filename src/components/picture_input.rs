//! The reader's picture: the file button (a drop or a paste anywhere does the same), then how the
//! picture was fitted, how its pixels become values, the channel choice when the layer's does not
//! fit a picture, and the button that puts it away.

use conv2d_core::{Arg, Value};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::controls::Select;
use crate::dispatch::{Dispatch, StateHandle};
use crate::hooks::picture_drop::read_picture;
use crate::i18n::{fill, use_texts};
use crate::picture::Scaling;
use crate::state::Action;

/// The input's (height, width) with the picture's aspect ratio, its long side as large as the view
/// allows (the grid figure's cap, or the picture view's), never larger than the picture.
fn size_from(pic: &crate::picture::Picture, pictures: bool) -> Option<(i64, i64)> {
    let most = if pictures {
        crate::state::PICTURE_CAP
    } else {
        Arg::Height.cap()?
    };
    let (w, h) = (i64::from(pic.original.0), i64::from(pic.original.1));
    let long = w.max(h).min(most).max(1);
    let side = |v: i64| ((v * long) as f64 / w.max(h) as f64).round().max(1.0) as i64;
    Some((side(h), side(w)))
}

/// Props of [`PictureInput`].
#[derive(Properties, PartialEq)]
pub struct PictureInputProps {
    /// The page's state.
    pub state: StateHandle,
    /// Where actions go.
    pub dispatch: Dispatch,
}

/// The picture's controls.
#[component]
pub fn PictureInput(p: &PictureInputProps) -> Html {
    let t = use_texts();
    let d = &p.dispatch;
    let onchange = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                read_picture(file, d.clone());
            }
            // The same file chosen again is a change too.
            input.set_value("");
        })
    };
    let loaded = p.state.picture.as_ref();
    let shape = p.state.params.config.check().ok().map(|l| l.input_shape());
    let about = match (loaded, shape) {
        (Some(l), Some([c, h, w])) => Some(match l.fitted {
            Some(f) => {
                let (ux, uy, uw, uh) = f.used;
                let n = |v: u32| v.to_string();
                html! {
                    <p class="muted small" data-testid="picture-fitted">{fill(t.picture_fitted, &[
                        ("name", l.picture.name.clone()), ("ow", n(f.original.0)), ("oh", n(f.original.1)),
                        ("uw", n(uw)), ("uh", n(uh)), ("ux", n(ux)), ("uy", n(uy)),
                        ("w", w.to_string()), ("h", h.to_string()),
                    ])}</p>
                }
            }
            None => html! {
                <p class="muted small" data-testid="picture-channels">{fill(t.picture_channels, &[("c", c.to_string())])}</p>
            },
        }),
        _ => None,
    };
    let channels = |n: i64, label: &'static str, id: &'static str| {
        let pressed = shape.is_some_and(|s| s[0] as i64 == n);
        html! {
            <button type="button" data-testid={id} aria-pressed={pressed.to_string()}
                onclick={d.marking().always(Action::Set(Arg::InChannels, Value::Int(n)))}>{label}</button>
        }
    };
    let scalings: Vec<(AttrValue, AttrValue)> = Scaling::ALL
        .iter()
        .zip(t.scalings)
        .map(|(s, label)| (s.name().into(), label.into()))
        .collect();
    let on_scaling = d
        .marking()
        .to_some(|v: String| Scaling::from_name(&v).map(Action::SetScaling));
    html! {
        <div class="picture-input">
            <label class="file">
                <span>{t.picture_button}</span>
                <input type="file" accept="image/*" data-testid="image-input" {onchange} />
            </label>
            <p class="muted small">{t.picture_hint}</p>
            if let Some(l) = loaded {
                {about.unwrap_or_default()}
                <div class="row">
                    {channels(3, t.picture_rgb, "picture-rgb")}
                    {channels(1, t.picture_grey, "picture-grey")}
                </div>
                if let Some((h, w)) = size_from(&l.picture, p.state.pictures) {
                    <button type="button" data-testid="picture-size" onclick={{
                        let d = d.marking();
                        Callback::from(move |_| {
                            d.send(Action::Set(Arg::Height, Value::Int(h)));
                            d.send(Action::Set(Arg::Width, Value::Int(w)));
                        })
                    }}>{fill(t.picture_size, &[("h", h.to_string()), ("w", w.to_string())])}</button>
                }
                if !crate::url::edits_fit(&p.state.params) {
                    <p class="muted small" data-testid="picture-no-link">{fill(t.edits_no_link, &[("n", crate::i18n::grouped(p.state.params.edits.values() as u64))])}</p>
                }
                <Select id="scaling" label={t.picture_scaling} options={scalings} value={l.scaling.name()} onchange={on_scaling} />
                <button type="button" class="quiet" data-testid="picture-remove"
                    onclick={d.marking().always(Action::ClearPicture)}>{t.picture_remove}</button>
            }
        </div>
    }
}
