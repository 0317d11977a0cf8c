//! A self-contained PyTorch script that proves a figure: the layer built with its arguments, its
//! weight and bias set to the exact values shown, the input as a tensor literal, the forward pass,
//! and `torch.testing.assert_close` against the output shown (within the 1e-4 this project
//! promises), printing `OK` when it holds. Values are written as the shortest decimal that reads
//! back as the same f32, so the script's tensors are the figure's bit for bit.

use crate::args::LayerSpec;
use crate::format::list;
use crate::tensor::Tensor;

/// A tensor literal: the values flat (shortest round-trip decimals), reshaped to `shape`. Written
/// into one string as it goes (a string per value took most of opening a large figure's script).
fn literal(values: &[f32], shape: &[usize]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(values.len() * 12 + 64);
    s.push_str("torch.tensor([\n    ");
    // Lines of about 100 characters, so a large tensor stays a readable block.
    let mut line = 0;
    for &v in values {
        if line > 100 {
            s.pop(); // the space after the last comma
            s.push_str("\n    ");
            line = 0;
        }
        let before = s.len();
        if v.is_finite() {
            // Rust's shortest round-trip form; Python's float() of it, cast to float32, is `v`.
            let _ = write!(s, "{v:?}");
        } else {
            s.push_str(&number(v));
        }
        s.push_str(", ");
        line += s.len() - before;
    }
    if !values.is_empty() {
        s.pop();
    }
    let _ = write!(s, "\n], dtype=torch.float32).reshape({})", list(shape));
    s
}

/// An f32 as Python reads it back to the same f32 (`inf`/`nan` spelled for `float`).
fn number(v: f32) -> String {
    if v.is_nan() {
        "float('nan')".into()
    } else if v.is_infinite() {
        if v > 0.0 {
            "float('inf')"
        } else {
            "float('-inf')"
        }
        .into()
    } else {
        // Rust's shortest round-trip form; Python's float() of it, cast to float32, is `v`.
        format!("{v:?}")
    }
}

/// The script for `spec` on `input` (C, H, W) with `weight` and `bias`, expecting `output` of
/// shape `output_shape`.
pub fn script(
    spec: &LayerSpec,
    input: &Tensor,
    (weight, bias): (&Tensor, Option<&[f32]>),
    (output, output_shape): (&[f32], &[usize]),
) -> String {
    let mut s = String::new();
    s.push_str("# Conv2d Playground: this figure, checked by PyTorch. Run: python3 this_file.py\n");
    s.push_str("import torch\nfrom torch import nn\n\n");
    s.push_str(&format!("layer = {}\n", spec.python()));
    s.push_str("with torch.no_grad():\n");
    s.push_str(&format!(
        "    layer.weight.copy_({})\n",
        literal(&weight.data, &weight.shape).replace('\n', "\n    ")
    ));
    if let Some(b) = bias {
        s.push_str(&format!(
            "    layer.bias.copy_({})\n",
            literal(b, &[b.len()]).replace('\n', "\n    ")
        ));
    }
    s.push_str(&format!("x = {}\n", literal(&input.data, &input.shape)));
    s.push_str(&format!("shown = {}\n", literal(output, output_shape)));
    s.push_str("with torch.no_grad():\n    y = layer(x)\n");
    s.push_str("torch.testing.assert_close(y, shown, rtol=0, atol=1e-4)\n");
    s.push_str("print(\"OK\")\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_back_as_the_same_f32() {
        for v in [
            0.0f32,
            -1.0,
            0.1,
            1.0 / 3.0,
            1e-8,
            -123456.79,
            f32::MIN_POSITIVE,
        ] {
            let back: f64 = number(v).parse().unwrap_or(f64::NAN);
            assert_eq!(back as f32, v, "{v}");
        }
        assert_eq!(number(f32::INFINITY), "float('inf')");
    }

    #[test]
    fn a_long_literal_wraps_into_lines_that_end_with_a_comma_and_read_back() {
        let values: Vec<f32> = (0..500).map(|i| i as f32 / 7.0 - 20.0).collect();
        let t = literal(&values, &[5, 100]);
        let body: Vec<&str> = t
            .lines()
            .skip(1)
            .take_while(|l| !l.starts_with(']'))
            .collect();
        assert!(body.len() > 10, "{t}");
        for l in &body {
            assert!(
                l.starts_with("    ") && l.ends_with(',') && l.len() <= 124,
                "{l:?}"
            );
        }
        let read: Vec<f32> = body
            .iter()
            .flat_map(|l| l.split(','))
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(|x| x.parse::<f64>().map_or(f32::NAN, |v| v as f32))
            .collect();
        assert_eq!(read, values);
        assert!(
            t.ends_with("], dtype=torch.float32).reshape([5, 100])"),
            "{t}"
        );
        assert_eq!(
            literal(&[], &[0]),
            "torch.tensor([\n    \n], dtype=torch.float32).reshape([0])"
        );
    }

    #[test]
    fn a_literal_is_flat_and_reshaped() {
        let t = literal(&[1.0, -2.5, 3.0, 4.0], &[2, 2]);
        assert!(t.contains("1.0, -2.5, 3.0, 4.0"), "{t}");
        assert!(t.ends_with(".reshape([2, 2])"), "{t}");
    }
}
