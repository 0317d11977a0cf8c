//! A stack through its layers on one input, as torchinfo's table and Araujo et al.'s receptive-field
//! recurrences (Distill, 2019) give it: each layer's output shape, parameters and MACs, and the
//! receptive field in input pixels (its size, the jump between neighbouring output cells, and where
//! the first cell's field is centred), cumulative; or the first layer PyTorch rejects, with its
//! sentence. The stack runs as `model.eval()(x.unsqueeze(0))` does: on a batch of one (a
//! BatchNorm2d takes nothing else), for inference (a BatchNorm2d uses its running statistics, so a
//! single value per channel is fine; Dropout passes everything).

use std::collections::BTreeSet;

use super::layers::{PoolSpec, StackLayer};
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
    /// Multiply-accumulates (convolutions; 0 for the other layers, as torchinfo counts them).
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

/// A pooling layer's output side: PyTorch's `pooling_output_shape`.
fn pooled(n: i64, k: i64, s: i64, p: i64, d: i64, ceil: bool) -> i64 {
    let span = n + 2 * p - d * (k - 1) - 1 + if ceil { s - 1 } else { 0 };
    let mut out = span.div_euclid(s) + 1;
    // A last window that would start in the right padding is dropped.
    if ceil && (out - 1) * s >= n + p {
        out -= 1;
    }
    out
}

/// PyTorch's checks on a max or average pool over `(C, H, W)`, in its order; the output shape.
fn pool(spec: &PoolSpec, max: bool, [c, h, w]: [usize; 3]) -> Result<[usize; 3], String> {
    let (k, s, p, d) = (spec.kernel, spec.stride, spec.padding, spec.dilation);
    if s.h == 0 || s.w == 0 {
        return Err("stride should not be zero".into());
    }
    if k.h <= 0 || k.w <= 0 {
        return Err(format!(
            "kernel size should be greater than zero, but got kH: {} kW: {}",
            k.h, k.w
        ));
    }
    if s.h < 0 || s.w < 0 {
        return Err(format!(
            "stride should be greater than zero, but got dH: {} dW: {}",
            s.h, s.w
        ));
    }
    if d.h <= 0 || d.w <= 0 {
        return Err(format!(
            "dilation should be greater than zero, but got dilationH: {} dilationW: {}",
            d.h, d.w
        ));
    }
    if p.h < 0 || p.w < 0 {
        return Err(format!(
            "pad must be non-negative, but got pad: {}",
            p.h.min(p.w)
        ));
    }
    for (pad, kk, dd) in [(p.h, k.h, d.h), (p.w, k.w, d.w)] {
        if pad > (dd * (kk - 1) + 1) / 2 {
            return Err(format!(
                "pad should be at most half of effective kernel size, but got pad={pad}, kernel_size={kk} and dilation={dd}"
            ));
        }
    }
    if !max && spec.divisor_override == Some(0) {
        return Err("divisor must be not zero".into());
    }
    let (hi, wi) = (h as i64, w as i64);
    let ho = pooled(hi, k.h, s.h, p.h, d.h, spec.ceil_mode);
    let wo = pooled(wi, k.w, s.w, p.w, d.w, spec.ceil_mode);
    if ho < 1 || wo < 1 {
        return Err(format!(
            "Given input size: ({c}x{h}x{w}). Calculated output size: ({c}x{ho}x{wo}). Output size is too small"
        ));
    }
    Ok([c, ho as usize, wo as usize])
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
        StackLayer::BatchNorm2d(n) => {
            if *n != c as i64 {
                return Err(format!("running_mean should contain {c} elements not {n}"));
            }
            // Weight and bias (affine); the running statistics are buffers, not parameters.
            same(input, 2 * c as u64)
        }
        StackLayer::Pointwise(_) => same(input, 0),
    })
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
        match step(layer, prev.output, prev) {
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

/// The cells an output cell can see, as a product: its input channels, rows and columns (every
/// layer here reads a window per axis and a set of channels, so what a cell sees stays a product
/// through a stack).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// Input channels.
    pub channels: BTreeSet<usize>,
    /// Input rows.
    pub rows: BTreeSet<usize>,
    /// Input columns.
    pub cols: BTreeSet<usize>,
}

impl Field {
    /// Every input cell `(c, y, x)` of the field.
    pub fn cells(&self) -> Vec<[usize; 3]> {
        let mut v = Vec::new();
        for &c in &self.channels {
            for &y in &self.rows {
                for &x in &self.cols {
                    v.push([c, y, x]);
                }
            }
        }
        v
    }
}

/// What `layer` (on an input of `input`'s shape) reads for the output cells `field` names: its
/// input's channels, rows and columns. Padding reads nothing, except its copies of input cells
/// (reflect, replicate, circular), which read the cells they copy.
fn back(layer: &StackLayer, input: [usize; 3], field: &Field) -> Option<Field> {
    let [c, h, w] = input;
    let signed = [c as i64, h as i64, w as i64];
    let same_channels = || field.channels.clone();
    let (channels, rows, cols) = match layer {
        StackLayer::Conv2d(spec) => {
            let l = validate(spec, signed).ok()?;
            let axis = |a: usize, set: &BTreeSet<usize>| -> BTreeSet<usize> {
                let (k, s, d) = (l.kernel[a], l.stride[a], l.dilation[a]);
                set.iter()
                    .flat_map(|&o| (0..k).filter_map(move |t| l.axis_source(a, o * s + t * d)))
                    .collect()
            };
            let cin_g = l.in_per_group();
            let channels = field
                .channels
                .iter()
                .flat_map(|&oc| {
                    let g = l.group_of_output(oc);
                    g * cin_g..(g + 1) * cin_g
                })
                .collect();
            (channels, axis(0, &field.rows), axis(1, &field.cols))
        }
        StackLayer::ConvTranspose2d(spec) => {
            let t = validate_transpose(spec, signed).ok()?;
            let axis = |a: usize, set: &BTreeSet<usize>| -> BTreeSet<usize> {
                set.iter()
                    .flat_map(|&o| {
                        (0..t.kernel[a]).filter_map(move |tap| t.source_index(a, o, tap))
                    })
                    .collect()
            };
            let cin_g = t.in_per_group();
            let channels = field
                .channels
                .iter()
                .flat_map(|&oc| {
                    let g = t.group_of_output(oc);
                    g * cin_g..(g + 1) * cin_g
                })
                .collect();
            (channels, axis(0, &field.rows), axis(1, &field.cols))
        }
        StackLayer::MaxPool2d(spec) | StackLayer::AvgPool2d(spec) => {
            let pick = |p: crate::spec::Pair, a: usize| if a == 0 { p.h } else { p.w };
            let axis = |a: usize, set: &BTreeSet<usize>, n: usize| -> BTreeSet<usize> {
                let (k, s, d, p) = (
                    pick(spec.kernel, a),
                    pick(spec.stride, a),
                    pick(spec.dilation, a),
                    pick(spec.padding, a),
                );
                set.iter()
                    .flat_map(|&o| (0..k).map(move |t| o as i64 * s - p + t * d))
                    .filter(|&i| (0..n as i64).contains(&i))
                    .map(|i| i as usize)
                    .collect()
            };
            (
                same_channels(),
                axis(0, &field.rows, h),
                axis(1, &field.cols, w),
            )
        }
        StackLayer::AdaptiveAvgPool2d(sides) => {
            let axis = |a: usize, set: &BTreeSet<usize>, n: usize| -> BTreeSet<usize> {
                match sides[a] {
                    Some(o) if o > 0 => {
                        let o = o as usize;
                        set.iter()
                            .flat_map(|&i| (i * n / o)..((i + 1) * n).div_ceil(o))
                            .collect()
                    }
                    _ => set.clone(),
                }
            };
            (
                same_channels(),
                axis(0, &field.rows, h),
                axis(1, &field.cols, w),
            )
        }
        StackLayer::BatchNorm2d(_) | StackLayer::Pointwise(_) => {
            (same_channels(), field.rows.clone(), field.cols.clone())
        }
    };
    Some(Field {
        channels,
        rows,
        cols,
    })
}

/// The input cells output cell `(c, y, x)` of the last layer can change: its field carried back
/// through every layer (a max pool's whole window counts: any cell of it can win); `None` when the
/// stack is rejected or the cell is outside its output.
pub fn field_of(layers: &[StackLayer], input: [usize; 3], [c, y, x]: [usize; 3]) -> Option<Field> {
    let s = summarize(layers, input);
    if s.rejected.is_some() {
        return None;
    }
    let last = s.rows.last().map_or(input, |r| r.output);
    if c >= last[0] || y >= last[1] || x >= last[2] {
        return None;
    }
    let one = |v: usize| BTreeSet::from([v]);
    let mut field = Field {
        channels: one(c),
        rows: one(y),
        cols: one(x),
    };
    for (i, layer) in layers.iter().enumerate().rev() {
        let before = if i == 0 { input } else { s.rows[i - 1].output };
        field = back(layer, before, &field)?;
    }
    Some(field)
}

/// The first and last input row and column output cell `(y, x)` (channel 0) can see, exactly.
pub fn extent(
    layers: &[StackLayer],
    input: [usize; 3],
    (y, x): (usize, usize),
) -> Option<[(i64, i64); 2]> {
    let f = field_of(layers, input, [0, y, x])?;
    let span = |s: &BTreeSet<usize>| Some((*s.first()? as i64, *s.last()? as i64));
    Some([span(&f.rows)?, span(&f.cols)?])
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
