//! The transposed convolution's cost: parameters, multiply-accumulates, receptive field, and the
//! output-size formula as PyTorch's documentation writes it, with the numbers substituted.

use crate::cost::{Cost, Formula};

use super::TransposeLayer;

/// What `layer` costs. MACs count every product of an input cell with a kernel tap, as
/// `torch.utils.flop_counter` does for a transposed convolution — including those that padding
/// crops from the output: `in_channels × H_in × W_in × out_channels/groups × kH × kW`.
pub fn cost(layer: &TransposeLayer) -> Cost {
    let [cin, h, w] = layer.input_shape();
    let per_in = (layer.out_per_group() * layer.kernel[0] * layer.kernel[1]) as u64;
    let weights = cin as u64 * per_in;
    let biases = if layer.bias {
        layer.out_channels as u64
    } else {
        0
    };
    Cost {
        weights,
        biases,
        params: weights + biases,
        macs: (cin * h * w) as u64 * per_in,
        receptive_field: [0, 1].map(|a| receptive_1d(layer, a)),
    }
}

/// The most input rows (columns) one output row (column) gathers from, away from the borders:
/// the span from the first to the last input index that reaches it.
fn receptive_1d(layer: &TransposeLayer, axis: usize) -> usize {
    let (k, s, d) = (layer.kernel[axis], layer.stride[axis], layer.dilation[axis]);
    // Full-output position q = i·s + t·d; the pattern repeats with period s in q.
    let base = (k - 1) * d;
    (base..base + s)
        .filter_map(|q| {
            let reached: Vec<usize> = (0..k)
                .filter_map(|t| {
                    let r = q - t * d;
                    (r % s == 0).then_some(r / s)
                })
                .collect();
            Some(reached.iter().max()? - reached.iter().min()? + 1)
        })
        .max()
        .unwrap_or(1)
}

/// `in_channels × (out_channels / groups) × kH × kW [+ out_channels] = N`, numbers substituted.
pub fn params_formula(layer: &TransposeLayer) -> String {
    let c = cost(layer);
    let bias = if layer.bias {
        format!(" + {}", layer.out_channels)
    } else {
        String::new()
    };
    format!(
        "{} × ({} / {}) × {} × {}{} = {}",
        layer.in_channels,
        layer.out_channels,
        layer.groups,
        layer.kernel[0],
        layer.kernel[1],
        bias,
        c.params
    )
}

/// The output-size formula for one axis (0 = height), as in PyTorch's docs, then with numbers:
/// `H_out = (H_in − 1)×stride[0] − 2×padding[0] + dilation[0]×(kernel_size[0]−1) + output_padding[0] + 1
/// = (7 − 1)×2 − 2×1 + 1×(4−1) + 0 + 1 = 14`.
pub fn output_formula(layer: &TransposeLayer, axis: usize) -> Formula {
    let (side, i) = if axis == 0 { ("H", 0) } else { ("W", 1) };
    Formula {
        side,
        general: format!(
            "({side}_in − 1)×stride[{i}] − 2×padding[{i}] + dilation[{i}]×(kernel_size[{i}]−1) \
             + output_padding[{i}] + 1"
        ),
        numbers: format!(
            "({} − 1)×{} − 2×{} + {}×({}−1) + {} + 1",
            layer.input[i],
            layer.stride[i],
            layer.padding[i],
            layer.dilation[i],
            layer.kernel[i],
            layer.output_padding[i],
        ),
        result: layer.output[i],
    }
}
