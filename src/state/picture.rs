//! The reader's picture in the state: loaded (or refused, with why), fitted to the input's shape
//! as the input's edited values, and fitted again whenever that shape changes while it is there.

use std::rc::Rc;

use conv2d_core::AnyLayer;

use super::notices::Notice;
use super::{AppState, Change};
use crate::picture::{to_input, Fitted, Picture, PictureError, Scaling};

/// The picture in use and how it is scaled.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The decoded picture.
    pub picture: Rc<Picture>,
    /// Pixels to values.
    pub scaling: Scaling,
    /// How it was fitted to the input last (none while the layer's channels are neither 1 nor 3).
    pub fitted: Option<Fitted>,
}

/// Why a file was refused, for its notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Not an image, or a damaged one (the file's name).
    NotAnImage(String),
    /// Too large (the file's name and size in whole MB).
    TooLarge(String, u64),
}

/// A picture decoded: it becomes the input.
pub(super) fn load(s: &mut AppState, picture: Rc<Picture>) -> Change {
    let scaling = s
        .picture
        .as_ref()
        .map_or_else(Scaling::default, |l| l.scaling);
    s.picture = Some(Loaded {
        picture,
        scaling,
        fitted: None,
    });
    s.notices
        .retain(|n| !matches!(n, Notice::PictureRefused(_)));
    refit(s);
    Change::Params
}

/// Another scaling for the picture in use.
pub(super) fn set_scaling(s: &mut AppState, scaling: Scaling) -> Change {
    match &mut s.picture {
        Some(l) if l.scaling != scaling => l.scaling = scaling,
        _ => return Change::None,
    }
    refit(s);
    Change::Params
}

/// The picture put away: the input's edits go with it.
pub(super) fn clear(s: &mut AppState) -> Change {
    if s.picture.take().is_none() {
        return Change::None;
    }
    let mut edits = (*s.params.edits).clone();
    edits.input = None;
    s.params.edits = Rc::new(edits);
    Change::Params
}

/// The picture fitted to the current layer's input, as the input's edited values (when the layer
/// is valid and takes 1 or 3 channels).
fn refit(s: &mut AppState) {
    let Ok(layer) = s.params.config.check() else {
        return;
    };
    fit_to(s, &layer);
}

/// The picture fitted to `layer`'s input.
fn fit_to(s: &mut AppState, layer: &AnyLayer) {
    let Some(loaded) = &mut s.picture else { return };
    match to_input(&loaded.picture, layer.input_shape(), loaded.scaling) {
        Ok((input, fitted)) => {
            loaded.fitted = Some(fitted);
            let mut edits = (*s.params.edits).clone();
            edits.input = Some(input);
            s.params.edits = Rc::new(edits);
        }
        Err(PictureError::Channels(_)) => loaded.fitted = None,
    }
}

/// Keeps the picture as the input when the input's shape changes (called before the data is made).
pub(super) fn follow(s: &mut AppState, layer: &AnyLayer) {
    let shape = layer.input_shape();
    let stale = s.picture.is_some()
        && s.params
            .edits
            .input
            .as_ref()
            .is_none_or(|t| t.shape != shape);
    if stale {
        fit_to(s, layer);
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::reduce;
    use super::super::{Action, Params};
    use super::*;
    use conv2d_core::{Arg, Value};

    fn picture() -> Rc<Picture> {
        // 14×7: left half black, right half white.
        let mut rgba = Vec::new();
        for _ in 0..7 {
            for x in 0..14 {
                let v = if x < 7 { 0 } else { 255 };
                rgba.extend_from_slice(&[v, v, v, 255]);
            }
        }
        Rc::new(Picture {
            rgba: Rc::new(rgba),
            width: 14,
            height: 7,
            original: (1400, 700),
            name: "half.png".into(),
        })
    }

    #[test]
    fn a_picture_becomes_the_input_and_follows_its_shape() {
        let s = AppState::new(Params::default(), Some(0), vec![]);
        let s = reduce(s, Action::LoadPicture(picture()));
        let v = s.view.clone().unwrap();
        // Figure 1's 7×7 input covers the picture's centre 7×7: columns 3.5… of 14.
        assert_eq!(v.input.shape, [3, 7, 7]);
        assert_eq!(
            s.picture.as_ref().unwrap().fitted.unwrap().used,
            (350, 0, 700, 700)
        );
        let want = to_input(&picture(), [3, 7, 7], Scaling::Unit).unwrap().0;
        assert_eq!(v.input, want);
        // A taller input: fitted again.
        let s = reduce(s, Action::Set(Arg::Height, Value::Int(9)));
        assert_eq!(
            s.view.clone().unwrap().input,
            to_input(&picture(), [3, 9, 7], Scaling::Unit).unwrap().0
        );
        // ImageNet's statistics, then put away: the generated input again.
        let s = reduce(s, Action::SetScaling(Scaling::ImageNet));
        assert_eq!(
            s.view.clone().unwrap().input,
            to_input(&picture(), [3, 9, 7], Scaling::ImageNet)
                .unwrap()
                .0
        );
        let s = reduce(s, Action::ClearPicture);
        assert!(s.params.edits.input.is_none());
    }

    #[test]
    fn a_layer_of_two_channels_waits_for_one_or_three() {
        let s = AppState::new(Params::default(), Some(0), vec![]);
        let s = reduce(s, Action::Set(Arg::InChannels, Value::Int(2)));
        let s = reduce(s, Action::LoadPicture(picture()));
        assert_eq!(s.picture.as_ref().unwrap().fitted, None);
        assert!(s.params.edits.input.is_none());
        let s = reduce(s, Action::Set(Arg::InChannels, Value::Int(1)));
        assert_eq!(s.view.unwrap().input.shape, [1, 7, 7]);
    }
}
