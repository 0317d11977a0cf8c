//! `conv2d eval` with `"gradient_of"`: the input gradient of a cell of a stack's tensor, against
//! PyTorch's autograd (`stacks_grad.jsonl`, from `scripts/gen_fixtures_stack_grad.py`).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{json, Value};

fn flat(v: &Value) -> Vec<f64> {
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

#[test]
fn input_gradients_through_eval_are_autograds() {
    let text = include_str!("../../conv2d-core/tests/fixtures/stacks_grad.jsonl");
    let cases: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|c| c.get("grad").is_some())
        .collect();
    assert!(cases.len() >= 50);
    let lines: Vec<String> = cases
        .iter()
        .map(|c| {
            // The fixture leaves out a convolution's "bias" for bias=False; eval says false.
            let layers: Vec<Value> = c["layers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| {
                    let mut l = l.clone();
                    if l.get("weight").is_some() && l.get("bias").is_none() {
                        l["bias"] = json!(false);
                    }
                    l
                })
                .collect();
            let g = &c["grad"];
            let cell = g["cell"].as_array().unwrap();
            json!({
                "layers": layers,
                "input": c["input"],
                "gradient_of": [g["t"], cell[0], cell[1], cell[2]],
            })
            .to_string()
        })
        .collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_conv2d"))
        .arg("eval")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    // Written from a thread: the answers fill the pipe before all the lines are read.
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(lines.join("\n").as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let answers: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(answers.len(), cases.len());
    for (case, got) in cases.iter().zip(&answers) {
        let name = case["name"].as_str().unwrap();
        let (a, b) = (flat(&got["gradient"]), flat(&case["grad"]["grads"][0]));
        assert_eq!(a.len(), b.len(), "{name}: {got}");
        for (x, y) in a.iter().zip(&b) {
            assert!(
                (x - y).abs() <= 1e-4 * (1.0 + y.abs()),
                "{name}: {x} vs {y}"
            );
        }
    }
}

#[test]
fn a_cell_outside_its_tensor_is_refused_with_a_sentence() {
    let line =
        json!({"layers": [{"op": "relu"}], "input": [[[1.0, 2.0]]], "gradient_of": [1, 0, 0, 5]});
    let out = Command::new(env!("CARGO_BIN_EXE_conv2d"))
        .arg("eval")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(line.to_string().as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        got["error"].as_str().unwrap().contains("outside tensor 1"),
        "{got}"
    );
}
