//! The sum behind one output cell, written with the real numbers:
//! `Σ input × weight + bias = value`, shortened when long.

use conv2d_core::receptive::{taps, OutputCell};

use crate::scene::{fmt_value, Figure};

/// Terms shown before a long sum is shortened (the last two are always shown).
const SHOWN: usize = 8;

/// One product of the sum: the input's value (none: a zero from the padding) times the weight's.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Term {
    /// The input cell's value, or `None` for a zero of the padding ring.
    pub input: Option<f32>,
    /// The kernel tap's weight.
    pub weight: f32,
}

/// The sum behind one output cell, for typesetting: the terms shown (a long sum keeps its first
/// [`SHOWN`] and last two), how many were left out between them, the bias and the value.
#[derive(Clone, Debug, PartialEq)]
pub struct Sum {
    /// The terms shown, in order.
    pub terms: Vec<Term>,
    /// Terms left out after the first [`SHOWN`] (0: none).
    pub hidden: usize,
    /// The bias, if the layer has one.
    pub bias: Option<f32>,
    /// The output cell's value.
    pub value: f32,
}

impl Sum {
    /// The sum for output cell `cell` (`None` when it has no taps).
    pub fn of(fig: &Figure<'_>, cell: OutputCell) -> Option<Self> {
        if let Some(t) = fig.scatter() {
            return crate::scatter::sum(t, (fig.input, fig.weight), fig.bias, fig.output, cell);
        }
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
            return None;
        }
        let cin_g = layer.in_per_group();
        let [h, w] = layer.input;
        let terms: Vec<Term> = t
            .iter()
            .map(|tap| Term {
                input: tap
                    .source
                    .input_cell()
                    .map(|(y, x)| input.data[(tap.in_channel * h + y) * w + x]),
                weight: weight.at(&[oc, tap.in_channel % cin_g, tap.ky, tap.kx]),
            })
            .collect();
        let [_, ho, wo] = layer.output_shape();
        Some(Self::shortened(
            terms,
            bias.map(|b| b[oc]),
            output[(oc * ho + oy) * wo + ox],
        ))
    }

    /// The sum of `terms` (every one, in order), `bias` and `value`, keeping the first [`SHOWN`]
    /// and the last two terms of a long one.
    pub fn shortened(mut terms: Vec<Term>, bias: Option<f32>, value: f32) -> Self {
        let hidden = terms.len().saturating_sub(SHOWN + 2);
        if hidden > 0 {
            terms.drain(SHOWN..SHOWN + hidden);
        }
        Self {
            terms,
            hidden,
            bias,
            value,
        }
    }

    /// Where the left-out terms go: after this many of `terms`.
    pub fn hidden_at(&self) -> usize {
        if self.hidden > 0 {
            SHOWN
        } else {
            self.terms.len()
        }
    }
}

/// A value as a factor: negative values in parentheses.
pub fn factor(v: f32) -> String {
    let s = fmt_value(v);
    if s.starts_with('-') {
        format!("({s})")
    } else {
        s
    }
}

/// A term as written: `1×(-1)`, or `0ᵖ×2` for a zero of the padding.
pub fn term_text(t: &Term) -> String {
    let x = t.input.map_or_else(|| "0ᵖ".to_string(), factor);
    format!("{x}×{}", factor(t.weight))
}

/// The written-out sum for output cell `(oc, oy, ox)`, e.g.
/// `1×(−1) + 0ᵖ×2 + … + 3×1 + bias 2 = 7`. Padding zeros are marked `0ᵖ`.
pub fn sum_line(fig: &Figure<'_>, cell: OutputCell) -> String {
    Sum::of(fig, cell).map_or_else(String::new, |sum| sum.line(fig.words.more_terms))
}

impl Sum {
    /// The sum written on one line; `more` names the terms left out ("more terms").
    pub fn line(&self, more: &str) -> String {
        let terms: Vec<String> = self.terms.iter().map(term_text).collect();
        let at = self.hidden_at();
        let mut s = if self.hidden > 0 {
            format!(
                "{} + … ({} {more}) … + {}",
                terms[..at].join(" + "),
                self.hidden,
                terms[at..].join(" + ")
            )
        } else {
            terms.join(" + ")
        };
        if let Some(b) = self.bias {
            s += &format!(" + bias {}", fmt_value(b));
        }
        s + &format!(" = {}", fmt_value(self.value))
    }
}
