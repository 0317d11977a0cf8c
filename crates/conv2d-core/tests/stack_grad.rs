//! Cells through stacks against PyTorch (`scripts/gen_fixtures_stack_grad.py`, eval mode): the
//! cells of every earlier tensor that can change a cell (autograd's nonzero gradients) and of every
//! later tensor it can change (forward-mode tangents), each layer read as windows; and the gradient
//! of a cell with respect to every earlier tensor, with the stack's own weights.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use conv2d_core::stack::backward::gradients;
use conv2d_core::stack::field::{fields_back, reach, Field};
use conv2d_core::stack::forward::{forward, Weights};
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

/// Our gradients of `cell` of tensor `t` against autograd's (`want[k]` for each tensor `k < t`):
/// within 1e-4, relative where values are large; every nonzero inside the cell's field.
fn check_gradients(name: &str, case: &Value, t: usize, cell: [usize; 3], want: &Value) {
    let (layers, weights) = stack(case);
    let x = tensor(&case["input"]);
    let outs = forward(&layers, &weights, &x).unwrap_or_else(|r| panic!("{name}: {r:?}"));
    let got = gradients(&layers, &weights, &outs, &x, t, cell).unwrap();
    let want = want.as_array().unwrap();
    assert_eq!((got.len(), want.len()), (t + 1, t), "{name}");
    let fields = fields_back(&layers, input_shape(case), t, cell).unwrap();
    for k in 0..t {
        let w = tensor(&want[k]);
        assert_eq!(got[k].shape, w.shape, "{name} tensor {k}");
        for (i, (a, b)) in got[k].data.iter().zip(&w.data).enumerate() {
            assert!(
                (a - b).abs() <= 1e-4 * (1.0 + b.abs()),
                "{name}: tensor {k} value {i}: {a} vs autograd's {b}"
            );
        }
        let inside = fields[k].cells();
        let nonzero = got[k].data.iter().filter(|v| **v != 0.0).count();
        let nonzero_inside = inside.iter().filter(|c| got[k].at(&c[..]) != 0.0).count();
        assert_eq!(
            nonzero, nonzero_inside,
            "{name}: tensor {k}: a gradient outside the field"
        );
    }
}

#[test]
fn gradients_through_stacks_are_autograds() {
    let all = cases();
    let mut n = 0;
    for case in all.iter().filter(|c| c.get("grad").is_some()) {
        let name = case["name"].as_str().unwrap();
        let g = &case["grad"];
        let t = g["t"].as_u64().unwrap() as usize;
        check_gradients(name, case, t, cell(&g["cell"]), &g["grads"]);
        n += 1;
    }
    assert!(n >= 50, "{n} cases");
}

/// The stacks chosen for a rule: ResNet-18's stem (on 3×32×32), ReLU and LeakyReLU at exactly 0,
/// a max pool's ties (the first largest in window order wins, as in PyTorch).
#[test]
fn gradients_through_chosen_stacks_are_autograds() {
    let all = cases();
    let chosen: Vec<&Value> = all.iter().filter(|c| c.get("cells").is_some()).collect();
    assert_eq!(chosen.len(), 3);
    for case in chosen {
        for c in case["cells"].as_array().unwrap() {
            let t = c["t"].as_u64().unwrap() as usize;
            let name = format!("{}, tensor {t} cell {}", case["name"], c["cell"]);
            check_gradients(&name, case, t, cell(&c["cell"]), &c["grads"]);
        }
    }
}

/// ResNet-18's stem on 3×224×224 with example weights: the gradient of an output cell is zero
/// outside the cell's field and nonzero somewhere in it, and takes a few milliseconds (printed;
/// `cargo test --release -- --nocapture` shows it).
#[test]
fn the_stems_gradient_at_224_stays_in_its_field() {
    use conv2d_core::stack::backward::input_gradient;
    use conv2d_core::stack::example::{example_input, example_weights};
    let text = "nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False), nn.BatchNorm2d(64), \
                nn.ReLU(inplace=True), nn.MaxPool2d(3, 2, 1)";
    let layers: Vec<StackLayer> = conv2d_core::stack::read(text)
        .unwrap()
        .into_iter()
        .map(|(_, l)| l)
        .collect();
    let shape = [3, 224, 224];
    let weights = example_weights(&layers, shape, 1);
    let x = example_input(shape, 1);
    let outs = forward(&layers, &weights, &x).unwrap();
    for cell in [[5, 28, 28], [63, 0, 55]] {
        let mut took = std::time::Duration::MAX;
        let mut g = None;
        for _ in 0..5 {
            let start = std::time::Instant::now();
            g = Some(input_gradient(&layers, &weights, &outs, &x, 4, cell).unwrap());
            took = took.min(start.elapsed());
        }
        let g = g.unwrap();
        eprintln!("stem at 224, cell {cell:?}: input gradient in {took:?} (best of 5)");
        let field = fields_back(&layers, shape, 4, cell).unwrap();
        let inside = field[0].cells();
        let total: f32 = g.data.iter().map(|v| v.abs()).sum();
        let within: f32 = inside.iter().map(|c| g.at(&c[..]).abs()).sum();
        assert!(
            total > 0.0 && total == within,
            "{cell:?}: {total} vs {within}"
        );
    }
}
