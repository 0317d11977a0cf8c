//! The written-out sum, read back: the terms `sum_line` writes, multiplied and added with the bias,
//! give the output of the forward pass at that cell, and the line ends with that value.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod common;

use conv2d_core::receptive::OutputCell;
use conv2d_figure::scene::Words;
use conv2d_figure::sum::{sum_line, Sum};
use conv2d_figure::{Figure, Highlight};

/// A number as the sum writes it: `3`, `-1.5`, `(-2)` for a negative factor, `0ᵖ` for padding.
fn number(s: &str) -> f32 {
    let s = s.trim_start_matches('(').trim_end_matches(')');
    if s == "0ᵖ" {
        return 0.0;
    }
    s.parse()
        .unwrap_or_else(|e| panic!("{s:?} is not a number: {e}"))
}

/// What one line says: its products, its bias, its result, and how many terms it left out.
struct Read {
    products: Vec<f32>,
    bias: Option<f32>,
    result: f32,
    left_out: usize,
}

fn read(line: &str) -> Read {
    let (lhs, result) = line.rsplit_once(" = ").expect("the line ends with = value");
    let (terms, bias) = match lhs.rsplit_once(" + bias ") {
        Some((terms, b)) => (terms, Some(number(b))),
        None => (lhs, None),
    };
    let mut products = Vec::new();
    let mut left_out = 0;
    for term in terms.split(" + ") {
        if let Some(skipped) = term.strip_prefix("… (") {
            let n = skipped.split(' ').next().unwrap_or_default();
            left_out = n.parse().expect("a count of terms left out");
            assert!(skipped.ends_with(&format!("{}) …", Words::EN.more_terms)));
            continue;
        }
        let (x, w) = term
            .split_once('×')
            .unwrap_or_else(|| panic!("{term:?} is not input×weight"));
        products.push(number(x) * number(w));
    }
    Read {
        products,
        bias,
        result: number(result),
        left_out,
    }
}

/// The layer's data (seeded integers, so every value is written exactly) and its forward output.
#[test]
fn the_terms_of_every_sum_add_up_to_the_output() {
    let mut checked = 0;
    for (name, layer) in common::layers() {
        for seed in 0..3 {
            let (x, w, b, out) = common::data(&layer, seed);
            let hl = Highlight::default();
            let fig = Figure {
                transposed: None,
                layer: &layer,
                input: &x,
                weight: &w,
                bias: b.as_deref(),
                output: &out.data,
                highlight: &hl,
                filled: 0,
                words: &Words::EN,
            };
            let [cout, ho, wo] = layer.output_shape();
            let taps = layer.in_per_group() * layer.kernel[0] * layer.kernel[1];
            for channel in 0..cout {
                for y in 0..ho {
                    for xx in 0..wo {
                        let cell = OutputCell { channel, y, x: xx };
                        let line = sum_line(&fig, cell);
                        let r = read(&line);
                        let want = out.at(&[channel, y, xx]);
                        assert!((r.result - want).abs() <= 1e-4, "{name}: {line}");
                        assert_eq!(r.bias, b.as_ref().map(|b| b[channel]), "{name}: {line}");
                        assert_eq!(r.products.len() + r.left_out, taps, "{name}: {line}");
                        if r.left_out == 0 {
                            let sum = r.products.iter().sum::<f32>() + r.bias.unwrap_or(0.0);
                            assert!((sum - want).abs() <= 1e-4, "{name}: {line} adds to {sum}");
                            checked += 1;
                        }
                        // The typeset sum is the same sum: its terms' products, what it leaves
                        // out, its bias and its value.
                        let typeset = Sum::of(&fig, cell).unwrap();
                        assert_eq!(typeset.terms.len() + typeset.hidden, taps, "{name}");
                        assert_eq!(typeset.hidden, r.left_out, "{name}");
                        assert_eq!(typeset.bias, r.bias, "{name}");
                        assert!((typeset.value - want).abs() <= 1e-4, "{name}");
                        let products: Vec<f32> = typeset
                            .terms
                            .iter()
                            .map(|t| t.input.unwrap_or(0.0) * t.weight)
                            .collect();
                        assert_eq!(products, r.products, "{name}: {line}");
                    }
                }
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} sums were complete enough to add"
    );
}

#[test]
fn a_long_sum_is_shortened_to_its_first_eight_and_last_two_terms() {
    let layer = common::layers()
        .into_iter()
        .map(|(_, l)| l)
        .find(|l| l.in_per_group() * l.kernel[0] * l.kernel[1] > 10)
        .expect("a layer with more than ten taps");
    let (x, w, b, out) = common::data(&layer, 1);
    let hl = Highlight::default();
    let fig = Figure {
        transposed: None,
        layer: &layer,
        input: &x,
        weight: &w,
        bias: b.as_deref(),
        output: &out.data,
        highlight: &hl,
        filled: 0,
        words: &Words::EN,
    };
    let line = sum_line(
        &fig,
        OutputCell {
            channel: 0,
            y: 0,
            x: 0,
        },
    );
    let r = read(&line);
    assert_eq!(r.products.len(), 10, "{line}");
    let taps = layer.in_per_group() * layer.kernel[0] * layer.kernel[1];
    assert_eq!(r.left_out, taps - 10, "{line}");
    // A cell outside the output has no sum.
    let outside = OutputCell {
        channel: layer.out_channels,
        y: 0,
        x: 0,
    };
    assert_eq!(sum_line(&fig, outside), "");
}
