//! A `conv2d eval` line with `"layers"`: a stack run on the line's input, as PyTorch runs it in eval
//! mode on a batch of one. Each layer is `{"op": ..., PyTorch's argument names, "weight"/"bias"
//! for the convolutions}` (a pool's `"stride"` null or absent means kernel_size). The answer is
//! `{"shape", "shapes", "output"}` (with `"receptive"`: the input cells `[c, y, x]` that output
//! cell `"receptive_of"` can change, when asked; with `"gradient"`: the gradient of cell `[c, y, x]`
//! of tensor `t` (0 = the input, `i + 1` = after layer `i`) with respect to the input, its values in
//! the input's order, for `"gradient_of": [t, c, y, x]`), or `{"error", "layer"}`.

use conv2d_core::stack::backward::input_gradient;
use conv2d_core::stack::field::field_of;
use conv2d_core::stack::forward::{forward, Weights};
use conv2d_core::stack::layer_from;
use conv2d_core::stack::parse::Lit;
use conv2d_core::Tensor;
use serde_json::{json, Value};

/// A JSON value as Python would have written it.
fn lit(v: &Value) -> Result<Lit, String> {
    Ok(match v {
        Value::Null => Lit::None,
        Value::Bool(b) => Lit::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Lit::Int(i),
            None => Lit::Float(n.as_f64().ok_or("a number out of range")?),
        },
        Value::String(s) => Lit::Str(s.clone()),
        Value::Array(items) => Lit::Seq(items.iter().map(lit).collect::<Result<_, _>>()?),
        Value::Object(_) => return Err("an argument cannot be an object".into()),
    })
}

/// A nested list of numbers as a tensor (its shape from the first item at each depth; ragged
/// lists are refused).
fn tensor(v: &Value) -> Result<Tensor, String> {
    let mut shape = Vec::new();
    let mut at = v;
    while let Value::Array(a) = at {
        shape.push(a.len());
        match a.first() {
            Some(first) => at = first,
            None => break,
        }
    }
    fn flat(v: &Value, out: &mut Vec<f32>) -> Result<(), String> {
        match v {
            Value::Array(a) => a.iter().try_for_each(|x| flat(x, out)),
            x => {
                out.push(x.as_f64().ok_or("a value that is not a number")? as f32);
                Ok(())
            }
        }
    }
    let mut data = Vec::new();
    flat(v, &mut data)?;
    if data.len() != shape.iter().product::<usize>() {
        return Err("a ragged list".into());
    }
    Ok(Tensor { shape, data })
}

/// The answer to one stack line, and whether it is a rejection.
pub fn run(line: &Value) -> (Value, bool) {
    match answer(line) {
        Ok(v) => (v, false),
        Err((layer, message)) => {
            let mut v = json!({ "error": message });
            if let Some(i) = layer {
                v["layer"] = json!(i);
            }
            (v, true)
        }
    }
}

type Failure = (Option<usize>, String);

fn answer(line: &Value) -> Result<Value, Failure> {
    let bad = |m: String| (None, m);
    let entries = line["layers"]
        .as_array()
        .ok_or_else(|| bad("\"layers\" must be a list".into()))?;
    let input = tensor(&line["input"]).map_err(|e| bad(format!("input: {e}")))?;
    if input.shape.len() != 3 {
        return Err(bad("input must be C × H × W".into()));
    }
    let mut layers = Vec::new();
    let mut weights = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let at = |m: String| (Some(i), m);
        let obj = entry
            .as_object()
            .ok_or_else(|| at("a layer must be an object".into()))?;
        let op = obj
            .get("op")
            .and_then(Value::as_str)
            .ok_or_else(|| at("a layer needs its \"op\"".into()))?;
        let mut kwargs = Vec::new();
        for (k, v) in obj
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "op" | "weight" | "bias"))
        {
            kwargs.push((k.clone(), lit(v).map_err(|e| at(format!("{k}: {e}")))?));
        }
        // A convolution's "bias" is its values (or false); PyTorch's argument is whether it has one.
        let bias = match obj.get("bias") {
            None | Some(Value::Bool(false)) => None,
            Some(b) => Some(tensor(b).map_err(|e| at(format!("bias: {e}")))?.data),
        };
        if obj.contains_key("bias") {
            kwargs.push(("bias".into(), Lit::Bool(bias.is_some())));
        }
        layers.push(layer_from(op, kwargs).map_err(at)?);
        weights.push(match obj.get("weight") {
            Some(w) => Some(Weights {
                weight: tensor(w).map_err(|e| at(format!("weight: {e}")))?,
                bias,
            }),
            None => None,
        });
    }
    let outs = forward(&layers, &weights, &input).map_err(|r| (Some(r.layer), r.message))?;
    let last = outs.last().unwrap_or(&input);
    let mut answer = json!({
        "shape": last.shape,
        "shapes": outs.iter().map(|t| t.shape.clone()).collect::<Vec<_>>(),
        "output": last.data,
    });
    if let Some(cell) = line.get("receptive_of").and_then(Value::as_array) {
        let c: Vec<usize> = cell
            .iter()
            .filter_map(|v| v.as_u64().map(|n| n as usize))
            .collect();
        let shape = [input.shape[0], input.shape[1], input.shape[2]];
        let field = match c.as_slice() {
            &[a, b, d] => field_of(&layers, shape, [a, b, d]),
            _ => None,
        };
        let field = field
            .ok_or_else(|| bad("receptive_of must be a cell [c, y, x] of the output".into()))?;
        answer["receptive"] = json!(field.cells());
    }
    if let Some(at) = line.get("gradient_of") {
        let at: Vec<usize> = at
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_u64().map(|n| n as usize))
                    .collect()
            })
            .unwrap_or_default();
        let &[t, c, y, x] = at.as_slice() else {
            return Err(bad(
                "gradient_of must be [t, c, y, x]: a cell of tensor t".into()
            ));
        };
        let g = input_gradient(&layers, &weights, &outs, &input, t, [c, y, x])
            .map_err(|r| bad(format!("gradient_of: {}", r.message)))?;
        answer["gradient"] = json!(g.data);
    }
    Ok(answer)
}
