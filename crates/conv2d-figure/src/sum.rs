//! The sum behind one output cell, written with the real numbers:
//! `Σ input × weight + bias = value`, shortened when long.

use conv2d_core::receptive::{taps, OutputCell};

use crate::scene::{fmt_value, Figure};

/// Terms shown before a long sum is shortened (the last two are always shown).
const SHOWN: usize = 8;

/// The written-out sum for output cell `(oc, oy, ox)`, e.g.
/// `1×(−1) + 0ᵖ×2 + … + 3×1 + bias 2 = 7`. Padding zeros are marked `0ᵖ`.
pub fn sum_line(fig: &Figure<'_>, cell: OutputCell) -> String {
    let Figure {
        layer,
        input,
        weight,
        bias,
        output,
        ..
    } = *fig;
    let OutputCell {
        channel: oc,
        y: oy,
        x: ox,
    } = cell;
    let t = taps(layer, oc, oy, ox);
    if t.is_empty() {
        return String::new();
    }
    let cin_g = layer.in_per_group();
    let [h, w] = layer.input;
    let terms: Vec<String> = t
        .iter()
        .map(|tap| {
            let wv = weight.at(&[oc, tap.in_channel % cin_g, tap.ky, tap.kx]);
            let paren = |s: String| {
                if s.starts_with('-') {
                    format!("({s})")
                } else {
                    s
                }
            };
            let x = match tap.source.input_cell() {
                Some((y, x)) => paren(fmt_value(input.data[(tap.in_channel * h + y) * w + x])),
                None => "0ᵖ".to_string(),
            };
            let wv = paren(fmt_value(wv));
            format!("{x}×{wv}")
        })
        .collect();
    let mut s = if terms.len() > SHOWN + 2 {
        format!(
            "{} + … ({} {}) … + {}",
            terms[..SHOWN].join(" + "),
            terms.len() - SHOWN - 2,
            fig.words.more_terms,
            terms[terms.len() - 2..].join(" + ")
        )
    } else {
        terms.join(" + ")
    };
    if let Some(b) = bias {
        s += &format!(" + bias {}", fmt_value(b[oc]));
    }
    let [_, ho, wo] = layer.output_shape();
    s + &format!(" = {}", fmt_value(output[(oc * ho + oy) * wo + ox]))
}
