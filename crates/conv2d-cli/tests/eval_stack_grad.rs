//! `conv2d eval` with `"gradient_of"`: the input gradient of a cell of a stack's tensor, against
//! PyTorch's autograd (`stacks_grad.jsonl`, from `scripts/gen_fixtures_stack_grad.py`).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod common;

use serde_json::{json, Value};

#[test]
fn input_gradients_through_eval_are_autograds() {
    let cases: Vec<Value> = common::fixtures("stacks_grad.jsonl")
        .into_iter()
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
    let (answers, code) = common::eval(&lines.join("\n"));
    assert_eq!(code, Some(0));
    assert_eq!(answers.len(), cases.len());
    for (case, got) in cases.iter().zip(&answers) {
        let name = case["name"].as_str().unwrap();
        common::assert_values_close(name, &got["gradient"], &case["grad"]["grads"][0]);
    }
}

#[test]
fn a_cell_outside_its_tensor_is_refused_with_a_sentence() {
    let line =
        json!({"layers": [{"op": "relu"}], "input": [[[1.0, 2.0]]], "gradient_of": [1, 0, 0, 5]});
    let (answers, code) = common::eval(&line.to_string());
    let got = &answers[0];
    assert_eq!(code, Some(1));
    assert!(
        got["error"].as_str().unwrap().contains("outside tensor 1"),
        "{got}"
    );
}
