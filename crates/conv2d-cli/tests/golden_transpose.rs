//! Golden tests of ConvTranspose2d: every case that real PyTorch answered
//! (scripts/gen_fixtures_transpose.py wrote crates/conv2d-core/tests/fixtures/golden_transpose.jsonl)
//! goes through the `conv2d eval` binary with `"op": "conv_transpose2d"`, and each answer must equal
//! PyTorch's: the same shape and values within 1e-4, or the same sentence (for the cases the
//! generator marks "[normalised]", the slow CPU kernel's sentence where oneDNN says something
//! internal).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod common;

use serde_json::Value;

fn fixtures() -> Vec<Value> {
    common::fixtures("golden_transpose.jsonl")
}

#[test]
fn conv_transpose2d_eval_equals_pytorch_on_every_fixture() {
    let fixtures = fixtures();
    assert!(fixtures.len() > 250, "too few fixtures: {}", fixtures.len());
    assert!(fixtures
        .iter()
        .all(|f| f["case"]["op"] == "conv_transpose2d"));
    let (answers, code) = common::eval_all(&fixtures);
    assert_eq!(answers.len(), fixtures.len(), "one answer per case");
    let failures = common::differences(&fixtures, &answers);
    assert!(
        failures.is_empty(),
        "{} of {} differ from PyTorch:\n{}",
        failures.len(),
        fixtures.len(),
        failures.join("\n")
    );
    assert_eq!(code, Some(1), "some cases are rejections, so eval exits 1");
}

/// Only output sizes and zero dilations under oneDNN are normalised, and only to the slow kernel's
/// sentences.
#[test]
fn normalised_cases_are_only_output_sizes() {
    let mut n = 0;
    for f in fixtures() {
        if let Some(said) = f.get("pytorch_said") {
            let name = f["name"].as_str().unwrap();
            assert!(name.ends_with("[normalised]"), "{name}");
            let want = f["expect"]["error"].as_str().unwrap();
            assert!(
                want.ends_with("Output size is too small")
                    || want.starts_with("dilation should be greater than zero, but got"),
                "{name}"
            );
            assert_ne!(said.as_str(), Some(want));
            n += 1;
        }
    }
    assert!(n >= 5, "only {n} normalised cases");
}

/// Every configuration PyTorch rejects names the arguments a user would change (the page outlines
/// those controls), and `validate_transpose` gives PyTorch's sentence on its own.
#[test]
fn every_rejection_names_the_controls_involved() {
    let mut checked = 0;
    for f in fixtures() {
        let Some(want) = f["expect"]["error"].as_str() else {
            continue;
        };
        let case: conv2d_core::eval::Case = serde_json::from_value(f["case"].clone()).unwrap();
        let c = &case.input;
        let h = c.first().map_or(0, Vec::len);
        let w = c.first().and_then(|r| r.first()).map_or(0, Vec::len);
        if c.is_empty() || h == 0 {
            continue; // not a (C, H, W) tensor to PyTorch
        }
        let shape = [c.len() as i64, h as i64, w as i64];
        let Err(e) = conv2d_core::validate_transpose(&case.transpose_spec(), shape) else {
            continue; // rejected for its data, not its configuration
        };
        assert_eq!(e.message, want, "{}", f["name"]);
        assert!(e.rule.is_pytorchs(), "{}", f["name"]);
        assert!(
            !e.rule.arguments().is_empty(),
            "{} ({:?}) names no control",
            f["name"],
            e.rule
        );
        checked += 1;
    }
    assert!(checked > 150, "only {checked} rejections checked");
}

#[test]
fn op_defaults_to_conv2d_and_a_conv2d_has_no_output_padding() {
    let conv = r#"{"in_channels":1,"out_channels":1,"kernel_size":1,"input":[[[2.0]]],"weight":[[[[3.0]]]],"bias":false}"#;
    let (a, code) = common::eval(&format!("{conv}\n"));
    assert_eq!(a[0]["shape"], serde_json::json!([1, 1, 1]));
    assert_eq!(code, Some(0));
    let with_op = conv.replace('{', r#"{"op":"conv2d","output_padding":1,"#);
    let (a, code) = common::eval(&format!("{with_op}\n"));
    assert_eq!(
        a[0]["error"],
        "Conv2d.__init__() got an unexpected keyword argument 'output_padding'"
    );
    assert_eq!(code, Some(1));
    let unknown = conv.replace('{', r#"{"op":"conv3d","#);
    let (a, _) = common::eval(&format!("{unknown}\n"));
    assert!(a[0]["error"].as_str().unwrap().contains("unknown op"));
}
