//! What a cell of a stack's tensors can see and what it can change: products of channels, rows and
//! columns, carried layer by layer — back to every earlier tensor ([`fields_back`], [`field_of`]) or
//! forward to every later one ([`reach`]). Padding reads nothing but its copies of input cells, which
//! read the cells they copy; a max pool's whole window counts, since any of it can win.

use std::collections::BTreeSet;

use super::layers::{PoolSpec, StackLayer};
use super::summary::summarize;
use crate::layer::Layer;
use crate::spec::Pair;
use crate::transpose::{validate_transpose, TransposeLayer};
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
    /// No cell: every set empty (a product with one empty side holds no cell, and is written so).
    pub fn empty() -> Self {
        Field {
            channels: BTreeSet::new(),
            rows: BTreeSet::new(),
            cols: BTreeSet::new(),
        }
    }

    /// Whether it holds no cell.
    pub fn is_empty(&self) -> bool {
        self.channels.is_empty() || self.rows.is_empty() || self.cols.is_empty()
    }

    /// The same cells, an empty product written as [`Field::empty`].
    fn normal(self) -> Self {
        if self.is_empty() {
            Field::empty()
        } else {
            self
        }
    }

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

/// One layer checked on its input: what each output index reads, per axis and per channel.
enum Step<'a> {
    Conv(Layer),
    Transpose(TransposeLayer),
    Pool(&'a PoolSpec),
    /// Output sides (`None`: kept).
    Adaptive([Option<i64>; 2]),
    /// BatchNorm2d and the cell-by-cell layers.
    Same,
}

/// A layer between two tensors of the stack: its step and both shapes.
struct Across<'a> {
    step: Step<'a>,
    input: [usize; 3],
    output: [usize; 3],
}

impl<'a> Across<'a> {
    fn new(layer: &'a StackLayer, input: [usize; 3], output: [usize; 3]) -> Option<Self> {
        let signed = input.map(|v| v as i64);
        let step = match layer {
            StackLayer::Conv2d(spec) => Step::Conv(validate(spec, signed).ok()?),
            StackLayer::ConvTranspose2d(spec) => {
                Step::Transpose(validate_transpose(spec, signed).ok()?)
            }
            StackLayer::MaxPool2d(spec) | StackLayer::AvgPool2d(spec) => Step::Pool(spec),
            StackLayer::AdaptiveAvgPool2d(sides) => Step::Adaptive(*sides),
            StackLayer::BatchNorm2d { .. } | StackLayer::Pointwise(_) => Step::Same,
        };
        Some(Across {
            step,
            input,
            output,
        })
    }

    /// The input channels output channel `oc` reads.
    fn channel_sources(&self, oc: usize) -> std::ops::Range<usize> {
        let group = |g: usize, per: usize| g * per..(g + 1) * per;
        match &self.step {
            Step::Conv(l) => group(l.group_of_output(oc), l.in_per_group()),
            Step::Transpose(t) => group(t.group_of_output(oc), t.in_per_group()),
            _ => oc..oc + 1,
        }
    }

    /// The input indices output index `o` reads along `axis` (0 = rows): padding reads nothing but
    /// its copies, which read the cells they copy; a pool's whole window counts.
    fn axis_sources(&self, axis: usize, o: usize) -> Vec<usize> {
        let n = self.input[axis + 1];
        match &self.step {
            Step::Conv(l) => {
                let (k, s, d) = (l.kernel[axis], l.stride[axis], l.dilation[axis]);
                (0..k)
                    .filter_map(|t| l.axis_source(axis, o * s + t * d))
                    .collect()
            }
            Step::Transpose(t) => (0..t.kernel[axis])
                .filter_map(|tap| t.source_index(axis, o, tap))
                .collect(),
            Step::Pool(spec) => {
                let pick = |p: Pair| if axis == 0 { p.h } else { p.w };
                let (k, s, d, p) = (
                    pick(spec.kernel),
                    pick(spec.stride),
                    pick(spec.dilation),
                    pick(spec.padding),
                );
                (0..k)
                    .map(|t| o as i64 * s - p + t * d)
                    .filter(|&i| (0..n as i64).contains(&i))
                    .map(|i| i as usize)
                    .collect()
            }
            Step::Adaptive(sides) => match sides[axis] {
                Some(m) if m > 0 => {
                    let m = m as usize;
                    ((o * n / m)..((o + 1) * n).div_ceil(m)).collect()
                }
                _ => vec![o],
            },
            Step::Same => vec![o],
        }
    }

    /// The input cells that the output cells of `field` read.
    fn back(&self, field: &Field) -> Field {
        let axis = |a: usize, set: &BTreeSet<usize>| -> BTreeSet<usize> {
            set.iter().flat_map(|&o| self.axis_sources(a, o)).collect()
        };
        Field {
            channels: field
                .channels
                .iter()
                .flat_map(|&oc| self.channel_sources(oc))
                .collect(),
            rows: axis(0, &field.rows),
            cols: axis(1, &field.cols),
        }
        .normal()
    }

    /// The output cells that read any input cell of `field`: a cell is reached exactly when its
    /// own field meets `field`, which for products is per axis and per channel.
    fn forward(&self, field: &Field) -> Field {
        let axis = |a: usize, set: &BTreeSet<usize>| -> BTreeSet<usize> {
            (0..self.output[a + 1])
                .filter(|&o| self.axis_sources(a, o).iter().any(|i| set.contains(i)))
                .collect()
        };
        Field {
            channels: (0..self.output[0])
                .filter(|&oc| {
                    self.channel_sources(oc)
                        .any(|c| field.channels.contains(&c))
                })
                .collect(),
            rows: axis(0, &field.rows),
            cols: axis(1, &field.cols),
        }
        .normal()
    }
}

/// The shape of every tensor of the stack (0 = input, `i + 1` = after layer `i`), when no layer is
/// rejected.
fn shapes(layers: &[StackLayer], input: [usize; 3]) -> Option<Vec<[usize; 3]>> {
    let s = summarize(layers, input);
    if s.rejected.is_some() {
        return None;
    }
    Some(
        std::iter::once(input)
            .chain(s.rows.iter().map(|r| r.output))
            .collect(),
    )
}

/// The one cell `cell` of a tensor of shape `shape`, as a field; `None` outside it.
fn single(shape: [usize; 3], [c, y, x]: [usize; 3]) -> Option<Field> {
    if c >= shape[0] || y >= shape[1] || x >= shape[2] {
        return None;
    }
    let one = |v: usize| BTreeSet::from([v]);
    Some(Field {
        channels: one(c),
        rows: one(y),
        cols: one(x),
    })
}

/// The cells of every tensor up to `t` (0 = the input, `i + 1` = the output of layer `i`) that can
/// change cell `cell` of tensor `t`: `v[k]` for tensor `k`, `v[t]` the cell itself. Padding reads
/// nothing but its copies of input cells (reflect, replicate, circular), which read the cells they
/// copy; a max pool's whole window counts (any cell of it can win). `None` when a layer before `t`
/// is rejected or the cell is outside tensor `t`.
pub fn fields_back(
    layers: &[StackLayer],
    input: [usize; 3],
    t: usize,
    cell: [usize; 3],
) -> Option<Vec<Field>> {
    let layers = layers.get(..t)?;
    let shapes = shapes(layers, input)?;
    let mut v = vec![single(shapes[t], cell)?];
    for (i, layer) in layers.iter().enumerate().rev() {
        let across = Across::new(layer, shapes[i], shapes[i + 1])?;
        let next = across.back(v.last()?);
        v.push(next);
    }
    v.reverse();
    Some(v)
}

/// The cells of every tensor from `t` on that cell `cell` of tensor `t` can change: `v[k − t]` for
/// tensor `k` (`t ≤ k ≤ layers.len()`), `v[0]` the cell itself. The mirror of [`fields_back`]: a
/// cell of tensor `k` is in `v[k − t]` exactly when its field in tensor `t` holds `cell` (through
/// padding copies; a convolution's group's output channels only; every max-pool window holding
/// it). `None` when the stack is rejected or the cell is outside tensor `t`.
pub fn reach(
    layers: &[StackLayer],
    input: [usize; 3],
    t: usize,
    cell: [usize; 3],
) -> Option<Vec<Field>> {
    let shapes = shapes(layers, input)?;
    let mut v = vec![single(*shapes.get(t)?, cell)?];
    for (i, layer) in layers.iter().enumerate().skip(t) {
        let across = Across::new(layer, shapes[i], shapes[i + 1])?;
        let next = across.forward(v.last()?);
        v.push(next);
    }
    Some(v)
}

/// The input cells output cell `(c, y, x)` of the last layer can change: its field carried back
/// through every layer ([`fields_back`] of the last tensor); `None` when the stack is rejected or
/// the cell is outside its output.
pub fn field_of(layers: &[StackLayer], input: [usize; 3], cell: [usize; 3]) -> Option<Field> {
    fields_back(layers, input, layers.len(), cell)?
        .into_iter()
        .next()
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
    use super::super::read;
    use super::*;

    /// Reach and fields are two readings of one relation: cell `z` of tensor `k` is reached from
    /// cell `x` of tensor `t` exactly when `x` is in `z`'s field in tensor `t`.
    #[test]
    fn reach_and_fields_back_are_one_relation_read_both_ways() {
        let stacks = [
            "Conv2d(2, 4, 3, stride=2, padding=1, padding_mode='reflect', groups=2), MaxPool2d(3, 1, 1), \
             ConvTranspose2d(4, 2, 3, stride=2, padding=1, output_padding=1), AdaptiveAvgPool2d((3, None))",
            "Conv2d(2, 2, 2, dilation=2, padding=2, padding_mode='circular'), AvgPool2d(3, 2, 1, ceil_mode=True), ReLU()",
        ];
        for text in stacks {
            let layers: Vec<StackLayer> = read(text).unwrap().into_iter().map(|(_, l)| l).collect();
            let input = [2, 7, 6];
            let shapes = shapes(&layers, input).unwrap();
            let all = |[c, h, w]: [usize; 3]| {
                let f = Field {
                    channels: (0..c).collect(),
                    rows: (0..h).collect(),
                    cols: (0..w).collect(),
                };
                f.cells()
            };
            for t in 0..shapes.len() {
                for x in all(shapes[t]) {
                    let r = reach(&layers, input, t, x).unwrap();
                    assert_eq!(r.len(), shapes.len() - t);
                    for k in t..shapes.len() {
                        for z in all(shapes[k]) {
                            let f = fields_back(&layers, input, k, z).unwrap();
                            assert_eq!(f.len(), k + 1);
                            let there = |f: &Field, [c, y, xx]: [usize; 3]| {
                                f.channels.contains(&c)
                                    && f.rows.contains(&y)
                                    && f.cols.contains(&xx)
                            };
                            assert_eq!(
                                there(&r[k - t], z),
                                there(&f[t], x),
                                "{text}: {t} {x:?} -> {k} {z:?}"
                            );
                        }
                    }
                }
            }
        }
    }
}
