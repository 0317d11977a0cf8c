//! The cost model: parameters, multiply-accumulates, receptive field, and the output-size formula
//! written as PyTorch's documentation writes it, with the numbers substituted.

use crate::layer::Layer;

/// What a layer costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cost {
    /// Weights: `out_channels × in_channels/groups × kH × kW`.
    pub weights: u64,
    /// Biases: `out_channels` with bias, else 0.
    pub biases: u64,
    /// Trainable parameters: weights + biases.
    pub params: u64,
    /// Multiply-accumulates of one forward pass: `C_out × H_out × W_out × in_channels/groups × kH × kW`.
    pub macs: u64,
    /// Input rows × columns one output cell sees: `d·(k−1)+1` per axis.
    pub receptive_field: [usize; 2],
}

impl Cost {
    /// The cost of `layer`.
    pub fn of(layer: &Layer) -> Self {
        let [cout, ho, wo] = layer.output_shape();
        let per_out = (layer.in_per_group() * layer.kernel[0] * layer.kernel[1]) as u64;
        let weights = cout as u64 * per_out;
        let biases = if layer.bias { cout as u64 } else { 0 };
        Self {
            weights,
            biases,
            params: weights + biases,
            macs: (cout * ho * wo) as u64 * per_out,
            receptive_field: layer.kernel_extent(),
        }
    }

    /// Floating-point operations of one forward pass (a multiply and an add per MAC).
    pub fn flops(&self) -> u64 {
        2 * self.macs
    }
}

/// `out_channels × (in_channels / groups) × kH × kW [+ out_channels] = N`, numbers substituted.
pub fn params_formula(layer: &Layer) -> String {
    let c = Cost::of(layer);
    let bias = if layer.bias {
        format!(" + {}", layer.out_channels)
    } else {
        String::new()
    };
    format!(
        "{} × ({} / {}) × {} × {}{} = {}",
        layer.out_channels,
        layer.in_channels,
        layer.groups,
        layer.kernel[0],
        layer.kernel[1],
        bias,
        c.params
    )
}

/// An output-size formula for one axis: the side (`H` or `W`), the general formula in PyTorch's
/// names, the same with this layer's numbers, and the result. Written out (`Display`) as
/// `H_out = general = numbers = result`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formula {
    /// `H` or `W`.
    pub side: &'static str,
    /// The formula in PyTorch's argument names.
    pub general: String,
    /// The same with this layer's numbers substituted.
    pub numbers: String,
    /// The output size it gives.
    pub result: usize,
}

impl std::fmt::Display for Formula {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}_out = {} = {} = {}",
            self.side, self.general, self.numbers, self.result
        )
    }
}

/// The output-size formula for one axis (0 = height), as in PyTorch's docs, then with numbers:
/// `H_out = ⌊(H_in + 2×padding[0] − dilation[0]×(kernel_size[0]−1) − 1) / stride[0] + 1⌋ = ⌊(7 + 2×1 − 2×(3−1) − 1) / 2 + 1⌋ = 3`.
/// Asymmetric padding (from 'same' with an even kernel, or cropping) is written as its two sides.
pub fn output_formula(layer: &Layer, axis: usize) -> Formula {
    let (side, i, before, after) = if axis == 0 {
        ("H", 0, layer.pad.top, layer.pad.bottom)
    } else {
        ("W", 1, layer.pad.left, layer.pad.right)
    };
    let pad = if before == after {
        format!("2×{before}")
    } else {
        format!("{before} + {after}")
    };
    Formula {
        side,
        general: format!(
            "⌊({side}_in + 2×padding[{i}] − dilation[{i}]×(kernel_size[{i}]−1) − 1) / stride[{i}] + 1⌋"
        ),
        numbers: format!(
            "⌊({} + {pad} − {}×({}−1) − 1) / {} + 1⌋",
            layer.input[i], layer.dilation[i], layer.kernel[i], layer.stride[i]
        ),
        result: layer.output[i],
    }
}
