//! A stack through its layers on one input, as torchinfo's table and Araujo et al.'s receptive-field
//! recurrences (Distill, 2019) give it: each layer's output shape, parameters and MACs, and the
//! receptive field in input pixels (its size, the jump between neighbouring output cells, and where
//! the first cell's field is centred), cumulative; or the first layer PyTorch rejects, with its
//! sentence. The stack runs as `model.eval()(x.unsqueeze(0))` does: on a batch of one (a
//! BatchNorm2d takes nothing else), for inference (a BatchNorm2d uses its running statistics, so a
//! single value per channel is fine; Dropout passes everything).

use super::layers::StackLayer;
use super::pool::pool;
use crate::cost::Cost;
use crate::transpose::validate_transpose;
use crate::validate::validate;

/// One layer's line of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Output `(C, H, W)`.
    pub output: [usize; 3],
    /// Trainable parameters.
    pub params: u64,
    /// Multiply-accumulates of a convolution (products of an input and a weight; the other layers
    /// are counted as none).
    pub macs: u64,
    /// Receptive field: input pixels one output cell can see, per axis.
    pub size: [f64; 2],
    /// Input pixels between neighbouring output cells, per axis (below 1 after upsampling).
    pub jump: [f64; 2],
    /// The input pixel the first output cell's field is centred on, per axis.
    pub start: [f64; 2],
    /// The field is exact for every cell (the recurrences hold for convolutions and pools with
    /// even windows); after a ConvTranspose2d, or an adaptive pool whose windows differ, it is a
    /// typical cell's (a cell's own may be one pixel off).
    pub exact: bool,
}

/// The first layer PyTorch rejects: its index and PyTorch's sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// Index of the layer in the stack.
    pub layer: usize,
    /// PyTorch's sentence.
    pub message: String,
}

/// The table through a stack: a row per layer up to the first rejected one.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// The rows of the layers that run.
    pub rows: Vec<Row>,
    /// The layer that does not, if one does not.
    pub rejected: Option<Rejected>,
}

impl Summary {
    /// Parameters in all.
    pub fn params(&self) -> u64 {
        self.rows.iter().map(|r| r.params).sum()
    }
    /// MACs in all.
    pub fn macs(&self) -> u64 {
        self.rows.iter().map(|r| r.macs).sum()
    }
}

/// The receptive field carried through one layer of kernel extent `k` (per axis), stride `s`,
/// padding `p` (before the first cell).
fn carry(prev: &Row, k: [f64; 2], s: [f64; 2], p: [f64; 2]) -> ([f64; 2], [f64; 2], [f64; 2]) {
    let size = [0, 1].map(|a| prev.size[a] + (k[a] - 1.0) * prev.jump[a]);
    let jump = [0, 1].map(|a| prev.jump[a] * s[a]);
    let start = [0, 1].map(|a| prev.start[a] + ((k[a] - 1.0) / 2.0 - p[a]) * prev.jump[a]);
    (size, jump, start)
}

fn f2(v: [usize; 2]) -> [f64; 2] {
    v.map(|x| x as f64)
}

/// One layer on `input`: its row (given the previous one), or PyTorch's sentence.
fn step(layer: &StackLayer, input: [usize; 3], prev: &Row) -> Result<Row, String> {
    let [c, h, w] = input;
    let signed = [c as i64, h as i64, w as i64];
    let same = |output: [usize; 3], params: u64| Row {
        output,
        params,
        macs: 0,
        ..prev.clone()
    };
    Ok(match layer {
        StackLayer::Conv2d(spec) => {
            let l = validate(spec, signed).map_err(|e| e.message)?;
            let cost = Cost::of(&l);
            let (size, jump, start) = carry(
                prev,
                f2(l.kernel_extent()),
                f2(l.stride),
                [l.pad.top as f64, l.pad.left as f64],
            );
            Row {
                output: l.output_shape(),
                params: cost.params,
                macs: cost.macs,
                size,
                jump,
                start,
                exact: prev.exact,
            }
        }
        StackLayer::ConvTranspose2d(spec) => {
            let t = validate_transpose(spec, signed).map_err(|e| e.message)?;
            let cost = crate::transpose::cost::cost(&t);
            // Output cell o gathers the input cells i with i·s + tap·d = o + p: as many as the
            // core's receptive field, a 1/s step apart, the first centred (p − (k_eff − 1)/2)/s in.
            let gathers = f2(cost.receptive_field);
            let s = f2(t.stride);
            let ext = f2(t.kernel_extent());
            let pad = f2(t.padding);
            Row {
                output: t.output_shape(),
                params: cost.params,
                macs: cost.macs,
                size: [0, 1].map(|a| prev.size[a] + (gathers[a] - 1.0) * prev.jump[a]),
                jump: [0, 1].map(|a| prev.jump[a] / s[a]),
                start: [0, 1]
                    .map(|a| prev.start[a] + (pad[a] - (ext[a] - 1.0) / 2.0) / s[a] * prev.jump[a]),
                exact: false,
            }
        }
        StackLayer::MaxPool2d(spec) | StackLayer::AvgPool2d(spec) => {
            let max = matches!(layer, StackLayer::MaxPool2d(_));
            let output = pool(spec, max, input)?;
            let k = [
                spec.dilation.h * (spec.kernel.h - 1) + 1,
                spec.dilation.w * (spec.kernel.w - 1) + 1,
            ];
            let (size, jump, start) = carry(
                prev,
                k.map(|v| v as f64),
                [spec.stride.h as f64, spec.stride.w as f64],
                [spec.padding.h as f64, spec.padding.w as f64],
            );
            Row {
                output,
                params: 0,
                macs: 0,
                size,
                jump,
                start,
                exact: prev.exact,
            }
        }
        StackLayer::AdaptiveAvgPool2d(sides) => {
            if let Some(n) = sides.iter().flatten().find(|&&n| n < 0) {
                let shown =
                    |v: &Option<i64>| v.map_or_else(|| "None".to_string(), |x| x.to_string());
                let _ = n;
                return Err(format!(
                    "adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {{{}, {}}}",
                    shown(&sides[0]),
                    shown(&sides[1])
                ));
            }
            let out = [
                sides[0].map_or(h, |v| v as usize),
                sides[1].map_or(w, |v| v as usize),
            ];
            // Cell i averages input [⌊i·n/o⌋, ⌈(i+1)·n/o⌉): windows of at most ⌈n/o⌉ + 1, n/o apart.
            let n = [h, w];
            let k = [0, 1].map(|a| {
                if out[a] == 0 {
                    1.0
                } else {
                    (n[a] as f64 / out[a] as f64).ceil()
                }
            });
            let s = [0, 1].map(|a| {
                if out[a] == 0 {
                    1.0
                } else {
                    n[a] as f64 / out[a] as f64
                }
            });
            let (size, jump, start) = carry(prev, k, s, [0.0, 0.0]);
            let even = (0..2).all(|a| out[a] == 0 || n[a] % out[a] == 0);
            Row {
                output: [c, out[0], out[1]],
                params: 0,
                macs: 0,
                size,
                jump,
                start,
                exact: prev.exact && even,
            }
        }
        StackLayer::BatchNorm2d {
            features, params, ..
        } => {
            if *features != c as i64 {
                return Err(format!(
                    "running_mean should contain {c} elements not {features}"
                ));
            }
            // Weight and bias as affine and bias say; the running statistics are buffers.
            same(input, *params as u64 * c as u64)
        }
        StackLayer::Pointwise(_) => same(input, 0),
    })
}

/// The most values a tensor of the stack may have: beyond, the page would not hold it (and a
/// 32-bit count would overflow).
pub const MAX_VALUES: u64 = 1 << 28;

/// `row`, when its output is small enough to compute.
fn within(row: Row) -> Result<Row, String> {
    let n = row
        .output
        .iter()
        .map(|&v| v as u64)
        .fold(1u64, u64::saturating_mul);
    if n > MAX_VALUES {
        return Err(format!(
            "the output {} would hold {n} values, more than the playground computes",
            crate::format::shape(&row.output)
        ));
    }
    Ok(row)
}

/// The stack's table on an input of `(C, H, W)`.
pub fn summarize(layers: &[StackLayer], input: [usize; 3]) -> Summary {
    let first = Row {
        output: input,
        params: 0,
        macs: 0,
        size: [1.0, 1.0],
        jump: [1.0, 1.0],
        start: [0.0, 0.0],
        exact: true,
    };
    let mut rows: Vec<Row> = Vec::new();
    for (i, layer) in layers.iter().enumerate() {
        let prev = rows.last().unwrap_or(&first);
        match step(layer, prev.output, prev).and_then(within) {
            Ok(row) => rows.push(row),
            Err(message) => {
                return Summary {
                    rows,
                    rejected: Some(Rejected { layer: i, message }),
                }
            }
        }
    }
    Summary {
        rows,
        rejected: None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::layers::layer_of;
    use super::super::parse::parse;
    use super::*;

    fn table(text: &str, input: [usize; 3]) -> Summary {
        let layers: Vec<StackLayer> = parse(text)
            .unwrap()
            .iter()
            .map(|c| layer_of(c).unwrap())
            .collect();
        summarize(&layers, input)
    }

    /// Two 3×3 layers see 5×5; dilations 1-2-4-8 see 31×31 (Yu and Koltun's context module).
    #[test]
    fn the_textbook_receptive_fields() {
        let two = table("Conv2d(1, 1, 3), Conv2d(1, 1, 3)", [1, 9, 9]);
        assert_eq!(two.rows[1].size, [5.0, 5.0]);
        let dilated = table(
            "Conv2d(1, 1, 3, padding=1), Conv2d(1, 1, 3, padding=2, dilation=2), Conv2d(1, 1, 3, padding=4, dilation=4), Conv2d(1, 1, 3, padding=8, dilation=8)",
            [1, 40, 40],
        );
        assert_eq!(dilated.rows[3].size, [31.0, 31.0]);
        assert_eq!(dilated.rows[3].jump, [1.0, 1.0]);
        assert_eq!(
            dilated.rows[3].start,
            [0.0, 0.0],
            "same padding keeps the first cell on pixel 0"
        );
    }

    #[test]
    fn resnets_stem_turns_224_into_56_and_sees_11_pixels_then_35() {
        let s = table(
            "nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False), nn.BatchNorm2d(64), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2, 1)",
            [3, 224, 224],
        );
        assert!(s.rejected.is_none());
        let shapes: Vec<[usize; 3]> = s.rows.iter().map(|r| r.output).collect();
        assert_eq!(
            shapes,
            [[64, 112, 112], [64, 112, 112], [64, 112, 112], [64, 56, 56]]
        );
        assert_eq!(s.rows[0].size, [7.0, 7.0]);
        assert_eq!(s.rows[3].size, [11.0, 11.0]);
        assert_eq!(s.rows[3].jump, [4.0, 4.0]);
        assert_eq!(s.params(), 3 * 64 * 49 + 2 * 64);
    }

    #[test]
    fn the_first_layer_pytorch_rejects_stops_the_table() {
        let s = table("Conv2d(3, 8, 3), BatchNorm2d(16), ReLU()", [3, 8, 8]);
        assert_eq!(s.rows.len(), 1);
        assert_eq!(
            s.rejected,
            Some(Rejected {
                layer: 1,
                message: "running_mean should contain 8 elements not 16".into()
            })
        );
        let s = table("Conv2d(3, 8, 3), Conv2d(4, 8, 3)", [3, 8, 8]);
        assert_eq!(s.rejected.unwrap().message, "Given groups=1, weight of size [8, 4, 3, 3], expected input[1, 8, 6, 6] to have 4 channels, but got 8 channels instead");
    }
}
