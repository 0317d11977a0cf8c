//! Values through stacks against PyTorch (`scripts/gen_fixtures_stack.py`, eval mode): every
//! layer's output shape and the final output within 1e-4, or the layer PyTorch rejects.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use conv2d_core::stack::forward::{forward, Weights};
use conv2d_core::stack::layer_from;
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

#[test]
fn outputs_through_stacks_are_pytorchs() {
    let cases: Vec<Value> = include_str!("fixtures/stacks_values.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(cases.len() >= 40);
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let mut layers = Vec::new();
        let mut weights = Vec::new();
        for l in case["layers"].as_array().unwrap() {
            let obj = l.as_object().unwrap();
            let kwargs: Vec<(String, Lit)> = obj
                .iter()
                .filter(|(k, _)| !matches!(k.as_str(), "op" | "weight" | "bias"))
                .map(|(k, v)| (k.clone(), lit(v)))
                .collect();
            let mut kwargs = kwargs;
            if obj.contains_key("bias") {
                kwargs.push(("bias".into(), Lit::Bool(true)));
            }
            layers.push(layer_from(obj["op"].as_str().unwrap(), kwargs).unwrap());
            weights.push(obj.get("weight").map(|w| Weights {
                weight: tensor(w),
                bias: obj.get("bias").map(|b| tensor(b).data),
            }));
        }
        let got = forward(&layers, &weights, &tensor(&case["input"]));
        match case["expect"].get("error") {
            Some(e) => {
                let r = got.unwrap_err();
                assert_eq!(r.message, e.as_str().unwrap(), "{name}");
                assert_eq!(
                    r.layer as u64,
                    case["expect"]["layer"].as_u64().unwrap(),
                    "{name}"
                );
            }
            None => {
                let outs = got.unwrap_or_else(|r| panic!("{name}: {r:?}"));
                let shapes: Vec<Vec<usize>> = outs.iter().map(|t| t.shape.clone()).collect();
                let want: Vec<Vec<usize>> =
                    serde_json::from_value(case["expect"]["shapes"].clone()).unwrap();
                assert_eq!(shapes, want, "{name}");
                let want = tensor(&case["expect"]["output"]);
                let last = outs.last().unwrap();
                for (i, (a, b)) in last.data.iter().zip(&want.data).enumerate() {
                    assert!(
                        (a - b).abs() <= 1e-4 * (1.0 + b.abs()),
                        "{name} value {i}: {a} vs {b}"
                    );
                }
            }
        }
    }
}
