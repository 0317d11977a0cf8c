//! `conv2d eval` with `"layers"` lines, against PyTorch's values (`stacks_values.jsonl`, from
//! `scripts/gen_fixtures_stack.py`): each answer's shapes and output, or the rejected layer.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod common;

#[test]
fn stacks_through_eval_give_pytorchs_values() {
    let cases = common::fixtures("stacks_values.jsonl");
    // The first case also asks for the input cells its output cell (0, 0, 0) can change.
    let mut lines: Vec<String> = cases.iter().map(|c| c.to_string()).collect();
    let mut first = cases[0].clone();
    first["receptive_of"] = serde_json::json!([0, 0, 0]);
    lines[0] = first.to_string();
    let (answers, code) = common::eval(&lines.join("\n"));
    assert_eq!(answers.len(), cases.len());
    let any_rejected = cases.iter().any(|c| c["expect"].get("error").is_some());
    assert_eq!(code, Some(if any_rejected { 1 } else { 0 }));
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
        common::assert_values_close(name, &got["output"], &want["output"]);
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
