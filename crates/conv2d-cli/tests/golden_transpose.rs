//! Golden tests of ConvTranspose2d: every case that real PyTorch answered
//! (scripts/gen_fixtures_transpose.py wrote crates/conv2d-core/tests/fixtures/golden_transpose.jsonl)
//! goes through the `conv2d eval` binary with `"op": "conv_transpose2d"`, and each answer must equal
//! PyTorch's: the same shape and values within 1e-4, or the same sentence (for the cases the
//! generator marks "[normalised]", the slow CPU kernel's sentence where oneDNN says something
//! internal).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../conv2d-core/tests/fixtures/golden_transpose.jsonl"
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

fn fixtures() -> Vec<Value> {
    std::fs::read_to_string(FIXTURES)
        .expect("fixtures are committed")
        .lines()
        .map(|l| serde_json::from_str(l).expect("fixture JSON"))
        .collect()
}

fn eval(input: &str) -> (Vec<Value>, Option<i32>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_conv2d"))
        .arg("eval")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run conv2d");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("conv2d eval finishes");
    writer.join().unwrap().unwrap();
    let answers = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("eval prints JSON lines"))
        .collect();
    (answers, out.status.code())
}

#[test]
fn conv_transpose2d_eval_equals_pytorch_on_every_fixture() {
    let fixtures = fixtures();
    assert!(fixtures.len() > 250, "too few fixtures: {}", fixtures.len());
    assert!(fixtures
        .iter()
        .all(|f| f["case"]["op"] == "conv_transpose2d"));
    let input: String = fixtures
        .iter()
        .map(|f| format!("{}\n", f["case"]))
        .collect();
    let (answers, code) = eval(&input);
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
    let (a, code) = eval(&format!("{conv}\n"));
    assert_eq!(a[0]["shape"], serde_json::json!([1, 1, 1]));
    assert_eq!(code, Some(0));
    let with_op = conv.replace('{', r#"{"op":"conv2d","output_padding":1,"#);
    let (a, code) = eval(&format!("{with_op}\n"));
    assert_eq!(
        a[0]["error"],
        "Conv2d.__init__() got an unexpected keyword argument 'output_padding'"
    );
    assert_eq!(code, Some(1));
    let unknown = conv.replace('{', r#"{"op":"conv3d","#);
    let (a, _) = eval(&format!("{unknown}\n"));
    assert!(a[0]["error"].as_str().unwrap().contains("unknown op"));
}
