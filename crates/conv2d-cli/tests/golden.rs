//! Golden tests: every case that real PyTorch answered (scripts/gen_fixtures.py wrote
//! crates/conv2d-core/tests/fixtures/golden.jsonl) goes through the `conv2d eval` binary, and each
//! answer must equal PyTorch's: the same shape and values within 1e-4, or the same sentence.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../conv2d-core/tests/fixtures/golden.jsonl"
);

fn close(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| close(p, q))
        }
        (Value::Number(p), Value::Number(q)) => {
            let (p, q) = (p.as_f64().unwrap(), q.as_f64().unwrap());
            (p - q).abs() <= 1e-4 * (1.0 + q.abs())
        }
        _ => a == b,
    }
}

#[test]
fn conv2d_eval_equals_pytorch_on_every_fixture() {
    let text = std::fs::read_to_string(FIXTURES).expect("fixtures are committed");
    let fixtures: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("fixture JSON"))
        .collect();
    assert!(fixtures.len() > 250, "too few fixtures: {}", fixtures.len());
    let input: String = fixtures
        .iter()
        .map(|f| format!("{}\n", f["case"]))
        .collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_conv2d"))
        .arg("eval")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run conv2d");
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("conv2d eval finishes");
    writer.join().unwrap().unwrap();
    let answers: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("eval prints JSON lines"))
        .collect();
    assert_eq!(answers.len(), fixtures.len(), "one answer per case");
    let mut failures = Vec::new();
    for (f, got) in fixtures.iter().zip(&answers) {
        let want = &f["expect"];
        let ok = match (want.get("error"), got.get("error")) {
            (Some(w), Some(g)) => w == g,
            (None, None) => want["shape"] == got["shape"] && close(&want["output"], &got["output"]),
            _ => false,
        };
        if !ok {
            let short = |v: &Value| {
                v.get("error")
                    .cloned()
                    .unwrap_or_else(|| v["shape"].clone())
            };
            failures.push(format!(
                "{}\n    want {}\n    got  {}",
                f["name"],
                short(want),
                short(got)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ from PyTorch:\n{}",
        failures.len(),
        fixtures.len(),
        failures.join("\n")
    );
    // Some cases are rejections, so eval exits 1.
    assert_eq!(out.status.code(), Some(1));
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
