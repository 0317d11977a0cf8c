//! What a cell of a stack's output can see: a product of input channels, rows and columns, carried
//! back layer by layer (padding reads nothing but its copies of input cells, which read the cells
//! they copy; a max pool's whole window counts, since any of it can win).

use std::collections::BTreeSet;

use super::layers::StackLayer;
use super::summary::summarize;
use crate::transpose::validate_transpose;
use crate::validate::validate;

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
        StackLayer::BatchNorm2d { .. } | StackLayer::Pointwise(_) => {
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
