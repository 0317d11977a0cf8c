//! `conv2d summary` on stacks PyTorch ran (`crates/conv2d-core/tests/fixtures/stacks.jsonl`): the
//! shapes and the total parameters it prints are PyTorch's, a rejected layer ends the table with
//! PyTorch's sentence and exit 1, and text that is no stack is placed.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use std::process::{Command, Output};

use conv2d_core::format::grouped;
use serde_json::Value;

fn summary(layers: &str, input: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_conv2d"))
        .args(["summary", "--layers", layers, "--input", input])
        .output()
        .unwrap()
}

fn fixtures() -> Vec<Value> {
    include_str!("../../conv2d-core/tests/fixtures/stacks.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn the_table_holds_pytorchs_shapes_and_parameters() {
    let all = fixtures();
    for f in all.iter().take(40) {
        let input: Vec<String> = f["input"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.to_string())
            .collect();
        let out = summary(f["layers"].as_str().unwrap(), &input.join(","));
        let text = String::from_utf8(out.stdout).unwrap();
        for s in f["expect"]["shapes"].as_array().unwrap() {
            let dims: Vec<String> = s
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.to_string())
                .collect();
            assert!(
                text.contains(&format!("({})", dims.join(", "))),
                "{}: {text}",
                f["name"]
            );
        }
        match f["expect"].get("error") {
            Some(e) => {
                assert_eq!(out.status.code(), Some(1));
                let err = String::from_utf8(out.stderr).unwrap();
                let layer = f["expect"]["layer"].as_u64().unwrap();
                assert!(err.starts_with(&format!("error: layer {layer} (")), "{err}");
                assert!(err.trim_end().ends_with(e.as_str().unwrap()), "{err}");
            }
            None => {
                assert_eq!(out.status.code(), Some(0), "{}", f["name"]);
                let params = grouped(f["expect"]["params"].as_u64().unwrap());
                assert!(text.contains(&format!("total params {params},")), "{text}");
            }
        }
    }
}

#[test]
fn text_that_is_no_stack_is_placed() {
    let out = summary("Conv2d(3, 8, 3),\n  ReLU() MaxPool2d(2)", "3,8,8");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap().trim(),
        "error: line 2, column 10: expected ',' between layers"
    );
    let out = summary("Conv2d(3, 8, 3),\n  nn.Flatten()", "3,8,8");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(
            "error: line 2, column 3: layer 1: Flatten is not a layer the playground has"
        ),
        "{err}"
    );
}
