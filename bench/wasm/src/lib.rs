//! The core's forward pass exported to the browser benchmark (`scripts/bench-browser.mjs`): one
//! layer with fixed data, timed in batches, its output in TensorFlow.js's layout for the side-by-side
//! check, the reference (naive) forward pass to check the fast path on wasm32, and the golden
//! fixtures (answered by PyTorch) run through the wasm32 build.

use conv2d_core::forward::{self, Workspace};
use conv2d_core::{reference, validate, Conv2dSpec, Layer, PaddingArg, Pair, Tensor};
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// Uniform values in [-1, 1) from a 64-bit LCG: the same on every platform, no dependency.
fn uniform(seed: u64, n: usize, scale: f32) -> Vec<f32> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((s >> 40) as f32 / (1u64 << 24) as f32 * 2.0 - 1.0) * scale
        })
        .collect()
}

/// One benchmark case: a Conv2d with bias on one (C, H, W) image, and its reused buffers.
#[wasm_bindgen]
pub struct Case {
    layer: Layer,
    input: Tensor,
    weight: Tensor,
    bias: Vec<f32>,
    ws: Workspace,
}

#[wasm_bindgen]
impl Case {
    /// `nn.Conv2d(c, out, k, stride=s, padding=p, dilation=d, groups=g)` on a (c, h, w) input, with
    /// seeded data: input in [-1, 1), weight and bias scaled by 1/√fan_in as PyTorch initialises.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)] // a layer's arguments, as nn.Conv2d takes them
    pub fn new(
        c: u32,
        h: u32,
        w: u32,
        out: u32,
        k: u32,
        s: u32,
        p: u32,
        d: u32,
        g: u32,
    ) -> Result<Case, String> {
        let mut spec = Conv2dSpec::new(c.into(), out.into(), Pair::square(k.into()));
        spec.stride = Pair::square(s.into());
        spec.padding = PaddingArg::Explicit(Pair::square(p.into()));
        spec.dilation = Pair::square(d.into());
        spec.groups = g.into();
        spec.bias = true;
        let layer = validate(&spec, [c.into(), h.into(), w.into()]).map_err(|e| e.message)?;
        let [cin, hh, ww] = layer.input_shape();
        let wshape = layer.weight_shape();
        let fan_in = (wshape[1] * wshape[2] * wshape[3]) as f32;
        let scale = 1.0 / fan_in.sqrt();
        let input = Tensor {
            shape: vec![cin, hh, ww],
            data: uniform(1, cin * hh * ww, 1.0),
        };
        let weight = Tensor {
            shape: wshape.to_vec(),
            data: uniform(2, wshape.iter().product(), scale),
        };
        let bias = uniform(3, layer.out_channels, scale);
        Ok(Case {
            layer,
            input,
            weight,
            bias,
            ws: Workspace::new(),
        })
    }

    /// Runs the forward pass `reps` times; returns the first output value (so nothing is skipped).
    pub fn run(&mut self, reps: u32) -> f32 {
        let mut first = 0.0;
        for _ in 0..reps {
            first = forward::forward_with(
                &self.layer,
                &self.input,
                &self.weight,
                Some(&self.bias),
                &mut self.ws,
            )[0];
        }
        first
    }

    /// Multiply-accumulates of one forward pass.
    pub fn macs(&self) -> f64 {
        let [cout, ho, wo] = self.layer.output_shape();
        let [_, cin_g, kh, kw] = self.layer.weight_shape();
        (cout * ho * wo * cin_g * kh * kw) as f64
    }

    /// The input as TensorFlow.js takes it: NHWC (N = 1).
    pub fn input_nhwc(&self) -> Vec<f32> {
        chw_to_hwc(&self.input.data, self.layer.input_shape())
    }

    /// The weight as TensorFlow.js takes it: HWIO for a plain convolution (groups = 1), or
    /// (kH, kW, in_channels, multiplier) for a depthwise one (groups = in_channels).
    pub fn weight_tfjs(&self) -> Vec<f32> {
        let [o, i, kh, kw] = self.layer.weight_shape();
        let mut out = vec![0.0; o * i * kh * kw];
        let depthwise = self.layer.groups > 1;
        let mult = o / self.layer.groups;
        for oc in 0..o {
            for ic in 0..i {
                for y in 0..kh {
                    for x in 0..kw {
                        let v = self.weight.data[((oc * i + ic) * kh + y) * kw + x];
                        // Depthwise: output channel oc = channel (oc / mult), copy (oc % mult).
                        let (a, b, nb) = if depthwise {
                            (oc / mult, oc % mult, mult)
                        } else {
                            (ic, oc, o)
                        };
                        let na = if depthwise { self.layer.groups } else { i };
                        out[((y * kw + x) * na + a) * nb + b] = v;
                    }
                }
            }
        }
        out
    }

    /// The bias values.
    pub fn bias(&self) -> Vec<f32> {
        self.bias.clone()
    }

    /// The output shape (C, H, W).
    pub fn output_shape(&self) -> Vec<u32> {
        self.layer
            .output_shape()
            .iter()
            .map(|&n| n as u32)
            .collect()
    }

    /// The fast path's output, NHWC (runs it once).
    pub fn output_nhwc(&mut self) -> Vec<f32> {
        let out = forward::forward_with(
            &self.layer,
            &self.input,
            &self.weight,
            Some(&self.bias),
            &mut self.ws,
        );
        chw_to_hwc(out, self.layer.output_shape())
    }

    /// The largest difference between the fast path and the reference (the definition, one cell at
    /// a time), relative as the golden tests measure it: |a − b| / (1 + |b|).
    pub fn reference_error(&mut self) -> f32 {
        let want = reference::forward(&self.layer, &self.input, &self.weight, Some(&self.bias));
        let got = forward::forward_with(
            &self.layer,
            &self.input,
            &self.weight,
            Some(&self.bias),
            &mut self.ws,
        );
        worst(got, &want.data)
    }
}

/// The largest |a − b| / (1 + |b|), or infinity when the lengths differ or a value is not finite.
fn worst(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return f32::INFINITY;
    }
    a.iter().zip(b).fold(0.0f32, |m, (&x, &y)| {
        let e = (x - y).abs() / (1.0 + y.abs());
        if e.is_nan() {
            f32::INFINITY
        } else {
            m.max(e)
        }
    })
}

/// (C, H, W) row-major → (H, W, C).
fn chw_to_hwc(data: &[f32], [c, h, w]: [usize; 3]) -> Vec<f32> {
    let mut out = vec![0.0; c * h * w];
    for ch in 0..c {
        for i in 0..h * w {
            out[i * c + ch] = data[ch * h * w + i];
        }
    }
    out
}

/// Runs golden fixtures (JSON lines: `name`, `case`, `expect`, as answered by PyTorch) through this
/// build and returns one line per case that differs (empty when all agree), then a count line.
#[wasm_bindgen]
pub fn golden(text: &str) -> String {
    let mut failures = String::new();
    let mut cases = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        cases += 1;
        let fixture: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                failures.push_str(&format!("line {cases}: not JSON: {e}\n"));
                continue;
            }
        };
        let name = fixture["name"].as_str().unwrap_or("?").to_owned();
        let got = match serde_json::from_value::<conv2d_core::eval::Case>(fixture["case"].clone()) {
            Ok(case) => serde_json::to_value(case.run()).unwrap_or(Value::Null),
            Err(e) => Value::String(format!("unreadable case: {e}")),
        };
        let want = &fixture["expect"];
        let ok = match (want.get("error"), got.get("error")) {
            (Some(w), Some(g)) => w == g,
            (None, None) => want["shape"] == got["shape"] && close(&want["output"], &got["output"]),
            _ => false,
        };
        if !ok {
            failures.push_str(&format!("{name}: differs from PyTorch\n"));
        }
    }
    format!("{failures}{cases} cases")
}

/// Numbers within 1e-4 relative to PyTorch's (|a − b| ≤ 1e-4·(1 + |b|)), everything else equal.
fn close(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| close(p, q))
        }
        (Value::Number(p), Value::Number(q)) => match (p.as_f64(), q.as_f64()) {
            (Some(p), Some(q)) => (p - q).abs() <= 1e-4 * (1.0 + q.abs()),
            _ => false,
        },
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_benchmark_shape_matches_the_reference_natively() {
        for (c, h, w, o, k, s, p, d, g) in [
            (3, 24, 24, 8, 3, 1, 1, 1, 1),
            (8, 10, 10, 8, 3, 1, 1, 1, 8),
            (4, 16, 16, 6, 5, 2, 2, 2, 1),
            (3, 7, 7, 2, 3, 2, 1, 2, 1),
        ] {
            let mut case = Case::new(c, h, w, o, k, s, p, d, g).unwrap();
            assert!(case.reference_error() < 1e-5);
            let [oc, oh, ow] = case.layer.output_shape();
            assert_eq!(case.output_nhwc().len(), oc * oh * ow);
        }
    }

    #[test]
    fn the_golden_fixtures_pass_natively() {
        let text = include_str!("../../../crates/conv2d-core/tests/fixtures/golden.jsonl");
        let report = golden(text);
        assert!(report.lines().count() == 1, "{report}");
    }
}
