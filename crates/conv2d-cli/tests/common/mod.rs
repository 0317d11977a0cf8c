//! What the golden tests share: reading a fixtures file that real PyTorch wrote, running cases
//! through the `conv2d eval` binary, and comparing each answer with PyTorch's (the same sentence, or
//! the same shape and values within 1e-4).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure
#![allow(dead_code)] // each test file uses what it needs

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

/// A fixtures file in the core crate's tests/fixtures, one JSON object per line.
pub fn fixtures(name: &str) -> Vec<Value> {
    let path = format!(
        "{}/../conv2d-core/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path)
        .expect("fixtures are committed")
        .lines()
        .map(|l| serde_json::from_str(l).expect("fixture JSON"))
        .collect()
}

/// Every fixture's case through `conv2d eval`: the answers, and the exit code.
pub fn eval_all(fixtures: &[Value]) -> (Vec<Value>, Option<i32>) {
    let input: String = fixtures
        .iter()
        .map(|f| format!("{}\n", f["case"]))
        .collect();
    eval(&input)
}

/// JSON Lines through `conv2d eval`: the answers, and the exit code.
pub fn eval(input: &str) -> (Vec<Value>, Option<i32>) {
    let input = input.to_string();
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
    let answers = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("eval prints JSON lines"))
        .collect();
    (answers, out.status.code())
}

/// Every number of a JSON value (nested arrays read in order).
pub fn flat(v: &Value) -> Vec<f64> {
    fn go(v: &Value, out: &mut Vec<f64>) {
        match v {
            Value::Array(a) => a.iter().for_each(|x| go(x, out)),
            x => out.push(x.as_f64().unwrap()),
        }
    }
    let mut out = Vec::new();
    go(v, &mut out);
    out
}

/// Asserts that `got` holds as many numbers as `want`, each within 1e-4 (relative to `want`'s),
/// whatever their nesting; a failure names `name` and the first pair that differs.
pub fn assert_values_close(name: &str, got: &Value, want: &Value) {
    let (a, b) = (flat(got), flat(want));
    assert_eq!(a.len(), b.len(), "{name}: {got}");
    for (x, y) in a.iter().zip(&b) {
        assert!(
            (x - y).abs() <= 1e-4 * (1.0 + y.abs()),
            "{name}: {x} vs {y}"
        );
    }
}

/// Numbers within 1e-4 (relative to PyTorch's), everything else equal.
pub fn close(a: &Value, b: &Value) -> bool {
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

/// The fixtures whose answer differs from PyTorch's, each with what was wanted and what came.
pub fn differences(fixtures: &[Value], answers: &[Value]) -> Vec<String> {
    let mut failures = Vec::new();
    for (f, got) in fixtures.iter().zip(answers) {
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
    failures
}
