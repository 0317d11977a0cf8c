//! The cost model of ConvTranspose2d against PyTorch: for every valid golden case, the parameter
//! count (the module's parameters' numel) and the MACs (`torch.utils.flop_counter` / 2) that
//! scripts/gen_fixtures_transpose.py recorded, and the output shape PyTorch gave. And "transpose this
//! layer" on figure 1 against the fixture PyTorch answered.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use conv2d_core::transpose::cost::cost;
use conv2d_core::transpose::undo::{conv_of, transpose_of};
use conv2d_core::{
    validate, validate_transpose, Conv2dSpec, ConvTranspose2dSpec, PaddingArg, Pair,
};
use serde_json::Value;

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/golden_transpose.jsonl"
);

fn fixtures() -> Vec<Value> {
    std::fs::read_to_string(FIXTURES)
        .expect("fixtures are committed")
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .collect()
}

fn pair(v: Option<&Value>, default: i64) -> Pair {
    match v {
        None => Pair::square(default),
        Some(Value::Array(a)) => Pair::new(a[0].as_i64().unwrap(), a[1].as_i64().unwrap()),
        Some(n) => Pair::square(n.as_i64().unwrap()),
    }
}

fn spec_of(c: &Value) -> ConvTranspose2dSpec {
    ConvTranspose2dSpec {
        stride: pair(c.get("stride"), 1),
        padding: PaddingArg::Explicit(pair(c.get("padding"), 0)),
        output_padding: pair(c.get("output_padding"), 0),
        groups: c.get("groups").map_or(1, |g| g.as_i64().unwrap()),
        bias: c["bias"] != Value::Bool(false),
        dilation: pair(c.get("dilation"), 1),
        ..ConvTranspose2dSpec::new(
            c["in_channels"].as_i64().unwrap(),
            c["out_channels"].as_i64().unwrap(),
            pair(c.get("kernel_size"), 0),
        )
    }
}

fn input_shape(c: &Value) -> [i64; 3] {
    let input = c["input"].as_array().unwrap();
    [
        input.len() as i64,
        input[0].as_array().unwrap().len() as i64,
        input[0][0].as_array().unwrap().len() as i64,
    ]
}

fn shape(v: &Value) -> Vec<usize> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap() as usize)
        .collect()
}

#[test]
fn params_macs_and_shapes_equal_pytorchs() {
    let mut checked = 0;
    for f in fixtures() {
        let Some(want) = f.get("cost") else {
            continue;
        };
        let c = &f["case"];
        let layer = validate_transpose(&spec_of(c), input_shape(c)).unwrap();
        let got = cost(&layer);
        assert_eq!(
            got.params,
            want["params"].as_u64().unwrap(),
            "{}",
            f["name"]
        );
        assert_eq!(got.macs, want["macs"].as_u64().unwrap(), "{}", f["name"]);
        assert_eq!(
            layer.output_shape().to_vec(),
            shape(&f["expect"]["shape"]),
            "{}",
            f["name"]
        );
        checked += 1;
    }
    assert!(checked > 100, "only {checked} costs checked");
}

#[test]
fn transposing_figure_1_gives_the_layer_pytorch_maps_back_to_its_input() {
    let fig1 = validate(&Conv2dSpec::figure1(), [3, 7, 7]).unwrap();
    let t = transpose_of(&fig1).unwrap();
    let f = fixtures()
        .into_iter()
        .find(|f| f["name"] == "valid/preset/undo_fig1_k3_s2_p1_d2")
        .unwrap();
    // The fixture is that layer on figure 1's output shape; PyTorch gives figure 1's input shape.
    assert_eq!(t, spec_of(&f["case"]));
    assert_eq!(
        input_shape(&f["case"]).map(|n| n as usize),
        fig1.output_shape()
    );
    assert_eq!(shape(&f["expect"]["shape"]), fig1.input_shape().to_vec());
    // And back.
    let back = validate_transpose(&t, input_shape(&f["case"])).unwrap();
    assert_eq!(conv_of(&back).unwrap(), Conv2dSpec::figure1());
}
