//! Golden tests: every case that real PyTorch answered (scripts/gen_fixtures.py wrote
//! crates/conv2d-core/tests/fixtures/golden.jsonl) goes through the `conv2d eval` binary, and each
//! answer must equal PyTorch's: the same shape and values within 1e-4, or the same sentence.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod common;

use serde_json::Value;

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../conv2d-core/tests/fixtures/golden.jsonl"
);

#[test]
fn conv2d_eval_equals_pytorch_on_every_fixture() {
    let fixtures = common::fixtures("golden.jsonl");
    assert!(fixtures.len() > 250, "too few fixtures: {}", fixtures.len());
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
    // Some cases are rejections, so eval exits 1.
    assert_eq!(code, Some(1));
}

/// Every configuration PyTorch rejects names the arguments a user would change (the page highlights
/// those controls), and its sentence is PyTorch's own (only `Rule::NoChannels` is not, and PyTorch
/// raises nothing there).
#[test]
fn every_rejection_names_the_controls_involved() {
    let text = std::fs::read_to_string(FIXTURES).expect("fixtures are committed");
    let mut checked = 0;
    for f in text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
    {
        let Some(want) = f["expect"]["error"].as_str() else {
            continue;
        };
        let case: conv2d_core::eval::Case = serde_json::from_value(f["case"].clone()).unwrap();
        let shape: Vec<i64> = {
            let c = &case.input;
            let h = c.first().map_or(0, Vec::len);
            let w = c.first().and_then(|r| r.first()).map_or(0, Vec::len);
            vec![c.len() as i64, h as i64, w as i64]
        };
        if shape.contains(&0) {
            continue; // not a (C, H, W) tensor: rejected before the layer's rules
        }
        let Err(e) = conv2d_core::validate(&case.spec(), shape.try_into().unwrap()) else {
            continue; // rejected for its data (weight or bias shape), not its configuration
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
    assert!(checked > 40, "only {checked} rejections checked");
}
