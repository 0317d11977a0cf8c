//! Messages about the user's input that are not PyTorch's (PyTorch's rejections are `SpecError`s):
//! kept as data and worded by the page's string table, in the page's language.

use conv2d_core::Arg;

use crate::i18n::{fill, Texts};

/// A message about the user's input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A URL value that could not be parsed (shown quoted, cut to 40 characters).
    Ignored {
        /// Parameter name.
        key: String,
        /// The value as given.
        value: String,
    },
    /// A URL parameter the page does not know.
    Unknown {
        /// Parameter name.
        key: String,
    },
    /// A value brought down to its argument's cap.
    Capped {
        /// The argument.
        arg: Arg,
        /// The cap.
        cap: i64,
    },
    /// A named 3×3 kernel asked for with another kernel_size (seeded weights are used instead).
    KernelNot3x3 {
        /// The kernel's name.
        kernel: &'static str,
        /// The layer's kernel size.
        size: [usize; 2],
    },
    /// Edited values whose shape is no longer the layer's are kept aside (they return with it).
    EditsLeftOut {
        /// Which: "input", "weight", "bias".
        parts: Vec<&'static str>,
    },
    /// A file that did not become the picture.
    PictureRefused(super::picture::Refused),
    /// "Transpose this layer" could not: the shapes do not round-trip (the core's reason).
    NoTranspose {
        /// Why, in the core's words.
        why: String,
    },
    /// The stack's layer being edited in the playground is no longer in the stack.
    StackLayerGone {
        /// Its call as it was written.
        call: String,
    },
}

fn quoted(s: &str) -> String {
    format!("{:?}", s.chars().take(40).collect::<String>())
}

impl Notice {
    /// The notice in the page's language.
    pub fn text(&self, t: &Texts) -> String {
        match self {
            Notice::Ignored { key, value } => fill(
                t.n_ignored,
                &[("key", key.clone()), ("value", quoted(value))],
            ),
            Notice::Unknown { key } => fill(t.n_unknown, &[("key", quoted(key))]),
            Notice::Capped { arg, cap } => fill(
                t.n_capped,
                &[("key", arg.name().to_string()), ("cap", cap.to_string())],
            ),
            Notice::KernelNot3x3 { kernel, size } => fill(
                t.n_kernel,
                &[
                    ("kernel", (*kernel).to_string()),
                    ("size", conv2d_core::format::shape(size)),
                ],
            ),
            Notice::EditsLeftOut { parts } => {
                fill(t.n_edits_left_out, &[("parts", parts.join(", "))])
            }
            Notice::PictureRefused(super::picture::Refused::NotAnImage(name)) => {
                fill(t.n_not_an_image, &[("name", quoted(name))])
            }
            Notice::PictureRefused(super::picture::Refused::TooLarge(name, mb)) => fill(
                t.n_picture_too_large,
                &[("name", quoted(name)), ("mb", mb.to_string())],
            ),
            Notice::NoTranspose { why } => fill(t.n_no_transpose, &[("why", why.clone())]),
            Notice::StackLayerGone { call } => fill(t.stack.layer_gone, &[("call", call.clone())]),
        }
    }
}

/// Keeps `notices` in step with a value given for `arg`: one notice when it was brought down to the
/// cap, none once it is within the cap again.
pub fn note_cap(notices: &mut Vec<Notice>, arg: Arg, capped: bool) {
    notices.retain(|n| !matches!(n, Notice::Capped { arg: a, .. } if *a == arg));
    if capped {
        if let Some(cap) = arg.cap() {
            notices.push(Notice::Capped { arg, cap });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_are_worded_in_the_pages_language_and_cut_long_values() {
        let long = "x".repeat(100);
        let n = Notice::Ignored {
            key: "stride".into(),
            value: long,
        };
        let en = n.text(&crate::i18n::EN);
        assert!(
            en.contains("stride") && en.contains(&"x".repeat(40)) && !en.contains(&"x".repeat(41))
        );
        assert_ne!(en, n.text(&crate::i18n::ZH));
    }

    #[test]
    fn a_cap_notice_is_kept_once_per_argument_and_goes_when_within_the_cap() {
        let mut v = Vec::new();
        note_cap(&mut v, Arg::Stride, true);
        note_cap(&mut v, Arg::Stride, true);
        note_cap(&mut v, Arg::Height, true);
        assert_eq!(v.len(), 2);
        note_cap(&mut v, Arg::Stride, false);
        assert_eq!(
            v,
            [Notice::Capped {
                arg: Arg::Height,
                cap: 128
            }]
        );
    }
}
