//! `conv2d eval` with `"layers"` lines, against PyTorch's values (`stacks_values.jsonl`, from
//! `scripts/gen_fixtures_stack.py`): each answer's shapes and output, or the rejected layer.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

#[test]
fn stacks_through_eval_give_pytorchs_values() {
    let text = include_str!("../../conv2d-core/tests/fixtures/stacks_values.jsonl");
    let cases: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // The first case also asks for the input cells its output cell (0, 0, 0) can change.
    let mut lines: Vec<String> = cases.iter().map(|c| c.to_string()).collect();
    let mut first = cases[0].clone();
    first["receptive_of"] = serde_json::json!([0, 0, 0]);
    lines[0] = first.to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_conv2d"))
        .arg("eval")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(lines.join("\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let answers: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(answers.len(), cases.len());
    let any_rejected = cases.iter().any(|c| c["expect"].get("error").is_some());
    assert_eq!(out.status.code(), Some(if any_rejected { 1 } else { 0 }));
    for (case, got) in cases.iter().zip(&answers) {
        let name = case["name"].as_str().unwrap();
        let want = &case["expect"];
        if let Some(e) = want.get("error") {
            assert_eq!(&got["error"], e, "{name}");
            assert_eq!(&got["layer"], &want["layer"], "{name}");
            continue;
        }
        assert_eq!(&got["shapes"], &want["shapes"], "{name}");
        assert_eq!(&got["shape"], &want["shape"], "{name}");
        let flat = |v: &Value| -> Vec<f64> {
            fn go(v: &Value, out: &mut Vec<f64>) {
                match v {
                    Value::Array(a) => a.iter().for_each(|x| go(x, out)),
                    x => out.push(x.as_f64().unwrap()),
                }
            }
            let mut out = Vec::new();
            go(v, &mut out);
            out
        };
        let (a, b) = (flat(&got["output"]), flat(&want["output"]));
        assert_eq!(a.len(), b.len(), "{name}");
        for (x, y) in a.iter().zip(&b) {
            assert!(
                (x - y).abs() <= 1e-4 * (1.0 + y.abs()),
                "{name}: {x} vs {y}"
            );
        }
    }
    // The receptive cells are input cells, and at least the cell's own window.
    let cells = answers[0]["receptive"].as_array().unwrap();
    let input = &cases[0]["input"];
    let (c, h) = (
        input.as_array().unwrap().len(),
        input[0].as_array().unwrap().len(),
    );
    assert!(!cells.is_empty());
    for cell in cells {
        let v: Vec<u64> = cell
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap())
            .collect();
        assert!(v[0] < c as u64 && v[1] < h as u64, "{v:?}");
    }
}
