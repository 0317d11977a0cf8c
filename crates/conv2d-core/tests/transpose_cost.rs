//! The cost model of ConvTranspose2d against PyTorch: for every valid golden case, the parameter
//! count (the module's parameters' numel) and the MACs (`torch.utils.flop_counter` / 2) that
//! scripts/gen_fixtures_transpose.py recorded, and the output shape PyTorch gave.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use conv2d_core::transpose::cost::cost;
use conv2d_core::{validate_transpose, ConvTranspose2dSpec, PaddingArg, Pair};
use serde_json::Value;

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/golden_transpose.jsonl"
);

fn pair(v: Option<&Value>, default: i64) -> Pair {
    match v {
        None => Pair::square(default),
        Some(Value::Array(a)) => Pair::new(a[0].as_i64().unwrap(), a[1].as_i64().unwrap()),
        Some(n) => Pair::square(n.as_i64().unwrap()),
    }
}

#[test]
fn params_macs_and_shapes_equal_pytorchs() {
    let text = std::fs::read_to_string(FIXTURES).expect("fixtures are committed");
    let mut checked = 0;
    for f in text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
    {
        let Some(want) = f.get("cost") else {
            continue;
        };
        let c = &f["case"];
        let spec = ConvTranspose2dSpec {
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
        };
        let input = c["input"].as_array().unwrap();
        let shape = [
            input.len() as i64,
            input[0].as_array().unwrap().len() as i64,
            input[0][0].as_array().unwrap().len() as i64,
        ];
        let layer = validate_transpose(&spec, shape).unwrap();
        let got = cost(&layer);
        assert_eq!(
            got.params,
            want["params"].as_u64().unwrap(),
            "{}",
            f["name"]
        );
        assert_eq!(got.macs, want["macs"].as_u64().unwrap(), "{}", f["name"]);
        let out: Vec<usize> = f["expect"]["shape"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap() as usize)
            .collect();
        assert_eq!(layer.output_shape().to_vec(), out, "{}", f["name"]);
        checked += 1;
    }
    assert!(checked > 100, "only {checked} costs checked");
}
