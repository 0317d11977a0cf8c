//! Cells through stacks against PyTorch (`scripts/gen_fixtures_stack_grad.py`, eval mode): the
//! cells of every earlier tensor that can change a cell (autograd's nonzero gradients) and of every
//! later tensor it can change (forward-mode tangents), each layer read as windows; and the gradient
//! of a cell with respect to every earlier tensor, with the stack's own weights.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use conv2d_core::stack::field::{fields_back, reach, Field};
use conv2d_core::stack::forward::Weights;
use conv2d_core::stack::layer_from;
use conv2d_core::stack::layers::StackLayer;
use conv2d_core::stack::parse::Lit;
use conv2d_core::Tensor;
use serde_json::Value;

/// A JSON value as Python would have written it.
fn lit(v: &Value) -> Lit {
    match v {
        Value::Null => Lit::None,
        Value::Bool(b) => Lit::Bool(*b),
        Value::Number(n) => n
            .as_i64()
            .map_or_else(|| Lit::Float(n.as_f64().unwrap()), Lit::Int),
        Value::String(s) => Lit::Str(s.clone()),
        Value::Array(items) => Lit::Seq(items.iter().map(lit).collect()),
        Value::Object(_) => panic!("no objects in arguments"),
    }
}

/// A nested list of numbers as a tensor.
fn tensor(v: &Value) -> Tensor {
    let mut shape = Vec::new();
    let mut at = v;
    while let Value::Array(a) = at {
        shape.push(a.len());
        match a.first() {
            Some(first) => at = first,
            None => break,
        }
    }
    fn flat(v: &Value, out: &mut Vec<f32>) {
        match v {
            Value::Array(a) => a.iter().for_each(|x| flat(x, out)),
            x => out.push(x.as_f64().unwrap() as f32),
        }
    }
    let mut data = Vec::new();
    flat(v, &mut data);
    Tensor { shape, data }
}

/// A case's layers and their weights (a convolution's `"bias"` holds its values; none: bias=False).
fn stack(case: &Value) -> (Vec<StackLayer>, Vec<Option<Weights>>) {
    let mut layers = Vec::new();
    let mut weights = Vec::new();
    for l in case["layers"].as_array().unwrap() {
        let obj = l.as_object().unwrap();
        let mut kwargs: Vec<(String, Lit)> = obj
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "op" | "weight" | "bias"))
            .map(|(k, v)| (k.clone(), lit(v)))
            .collect();
        if obj.contains_key("weight") {
            kwargs.push(("bias".into(), Lit::Bool(obj.contains_key("bias"))));
        }
        layers.push(layer_from(obj["op"].as_str().unwrap(), kwargs).unwrap());
        weights.push(obj.get("weight").map(|w| Weights {
            weight: tensor(w),
            bias: obj.get("bias").map(|b| tensor(b).data),
        }));
    }
    (layers, weights)
}

fn cases() -> Vec<Value> {
    include_str!("fixtures/stacks_grad.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn input_shape(case: &Value) -> [usize; 3] {
    let s = tensor(&case["input"]).shape;
    [s[0], s[1], s[2]]
}

fn cell(v: &Value) -> [usize; 3] {
    let c: Vec<usize> = serde_json::from_value(v.clone()).unwrap();
    [c[0], c[1], c[2]]
}

/// A field as the fixture writes it: channels, rows, columns.
fn sets(f: &Field) -> [Vec<usize>; 3] {
    [&f.channels, &f.rows, &f.cols].map(|s| s.iter().copied().collect())
}

fn want_sets(v: &Value) -> Vec<[Vec<usize>; 3]> {
    serde_json::from_value(v.clone()).unwrap()
}

#[test]
fn the_cells_that_can_change_a_cell_are_autograds_in_every_earlier_tensor() {
    let all = cases();
    let mut n = 0;
    for case in all.iter().filter(|c| c.get("back").is_some()) {
        let name = case["name"].as_str().unwrap();
        let (layers, _) = stack(case);
        let b = &case["back"];
        let t = b["t"].as_u64().unwrap() as usize;
        let got = fields_back(&layers, input_shape(case), t, cell(&b["cell"])).unwrap();
        assert_eq!(got.len(), t + 1, "{name}");
        let got: Vec<[Vec<usize>; 3]> = got[..t].iter().map(sets).collect();
        assert_eq!(got, want_sets(&b["fields"]), "{name}");
        n += 1;
    }
    assert!(n >= 50, "{n} cases");
}

#[test]
fn the_cells_a_cell_can_change_are_forward_modes_in_every_later_tensor() {
    let all = cases();
    let mut n = 0;
    for case in all.iter().filter(|c| c.get("reach").is_some()) {
        let name = case["name"].as_str().unwrap();
        let (layers, _) = stack(case);
        let r = &case["reach"];
        let t = r["t"].as_u64().unwrap() as usize;
        let got = reach(&layers, input_shape(case), t, cell(&r["cell"])).unwrap();
        assert_eq!(got.len(), layers.len() - t + 1, "{name}");
        let got: Vec<[Vec<usize>; 3]> = got[1..].iter().map(sets).collect();
        assert_eq!(got, want_sets(&r["fields"]), "{name}");
        n += 1;
    }
    assert!(n >= 50, "{n} cases");
}
