//! A view in a worker's message: its configuration as a link's query and its data as numbers (six
//! parts), and the same view built again from them in the worker ([`View::compute`], as the page
//! builds it). The GIFs' and the figure's workers both take views this way.

use js_sys::{Array, Float32Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::{Params, View};
use conv2d_core::{Config, Tensor};

/// How many parts of a message a view takes.
pub const PARTS: u32 = 6;

/// `t` as its values and its shape.
fn tensor_parts(t: &Tensor) -> [JsValue; 2] {
    let shape: Array = t.shape.iter().map(|&n| JsValue::from(n as u32)).collect();
    [Float32Array::from(t.data.as_slice()).into(), shape.into()]
}

/// The buffers of the numbers in `message` (a view's parts among others), to be moved to the worker
/// with it rather than copied: each was made for this message alone.
pub fn transfers(message: &Array) -> Array {
    message
        .iter()
        .filter_map(|part| {
            part.dyn_ref::<Float32Array>()
                .map(|a| JsValue::from(a.buffer()))
        })
        .collect()
}

/// The tensor at `values` and `shape` of a message.
fn tensor_of(values: JsValue, shape: JsValue) -> Option<Tensor> {
    let data = values.dyn_into::<Float32Array>().ok()?.to_vec();
    let shape: Vec<usize> = shape
        .dyn_into::<Array>()
        .ok()?
        .iter()
        .map(|n| n.as_f64().map(|n| n as usize))
        .collect::<Option<_>>()?;
    (shape.iter().product::<usize>() == data.len()).then_some(Tensor { shape, data })
}

/// `view` as the parts of a message: its layer's arguments and input size (a link's query, with
/// how a ConvTranspose2d is read), then its data as generated and edited.
pub fn parts(view: &View) -> [JsValue; PARTS as usize] {
    let (input, weight, bias) = view.data();
    let side = |i: usize| input.shape.get(i).copied().unwrap_or(0) as i64;
    let params = Params {
        config: Config {
            layer: view.spec.clone(),
            height: side(1),
            width: side(2),
        },
        reading: view
            .transpose
            .as_ref()
            .map(|t| t.reading)
            .unwrap_or_default(),
        overlap: view.transpose.as_ref().is_some_and(|t| t.overlap),
        edits: Default::default(),
        layers: String::new(),
        ..Params::default()
    };
    let [iv, is] = tensor_parts(input);
    let [wv, ws] = tensor_parts(weight);
    let bias = bias.map_or(JsValue::NULL, |b| Float32Array::from(b).into());
    [
        crate::url::to_query(&params, None).into(),
        iv,
        is,
        wv,
        ws,
        bias,
    ]
}

/// The view whose parts start at `at` in `m`, built as the page built it.
pub fn view_of(m: &Array, at: u32) -> Result<View, String> {
    let query = m.get(at).as_string().unwrap_or_default();
    let params = crate::url::parse_exact(&query);
    let broken = || "the figure's data did not arrive whole".to_string();
    let input = tensor_of(m.get(at + 1), m.get(at + 2)).ok_or_else(broken)?;
    let weight = tensor_of(m.get(at + 3), m.get(at + 4)).ok_or_else(broken)?;
    let bias = m
        .get(at + 5)
        .dyn_into::<Float32Array>()
        .ok()
        .map(|b| b.to_vec());
    let layer = params.config.check().map_err(|e| e.message)?;
    // The layer must be the data's (a query that lost something would compute garbage).
    conv2d_core::forward::check_data(
        &View::data_layer_of(&layer),
        &input,
        &weight,
        bias.as_deref(),
    )
    .map_err(|_| broken())?;
    Ok(View::compute(
        layer,
        params.config.layer.clone(),
        (input, weight, bias),
        (params.reading, params.overlap),
        &mut Default::default(),
    ))
}
