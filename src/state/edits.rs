//! Values the reader typed into the figure (or filled a channel or kernel with) over the seeded
//! data. Kept as whole tensors in the data's layout — the input `(C, H, W)`, the weight as the
//! kernel band lays it out `(out, in/groups, kH, kW)`, the bias — so they survive a change of the
//! layer that keeps their shapes, and come back when a change that did not is undone.

use conv2d_core::data::{self, KernelData};
use conv2d_core::Tensor;
use conv2d_figure::layout::Cell;

use super::notices::Notice;
use super::{AppState, Change};

/// The edited tensors (none: the seeded data).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Edits {
    /// The whole input, when edited.
    pub input: Option<Tensor>,
    /// The whole weight (the kernel band's layout), when edited.
    pub weight: Option<Tensor>,
    /// The whole bias, when edited.
    pub bias: Option<Vec<f32>>,
}

/// What a fill action covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FillTarget {
    /// One input channel.
    Channel(usize),
    /// One kernel slice `(out, in/groups)`.
    Kernel(usize, usize),
}

/// What a fill puts there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FillWith {
    /// 0 everywhere.
    Zeros,
    /// 1 everywhere.
    Ones,
    /// The data as generated (the page's data choice and seed): undoes the edits there.
    Seeded,
    /// A named kernel (kernel slices only).
    Kernel(KernelData),
}

impl Edits {
    /// Nothing edited.
    pub fn is_empty(&self) -> bool {
        self.input.is_none() && self.weight.is_none() && self.bias.is_none()
    }

    /// Values edited in all.
    pub fn values(&self) -> usize {
        self.input.as_ref().map_or(0, |t| t.data.len())
            + self.weight.as_ref().map_or(0, |t| t.data.len())
            + self.bias.as_ref().map_or(0, Vec::len)
    }

    /// Puts the edits over generated data; the parts whose shape is not the layer's are left out
    /// (and named, for a notice).
    pub fn apply(
        &self,
        input: &mut Tensor,
        weight: &mut Tensor,
        bias: &mut Option<Vec<f32>>,
    ) -> Vec<&'static str> {
        let mut left_out = Vec::new();
        match &self.input {
            Some(t) if t.shape == input.shape => input.clone_from(t),
            Some(_) => left_out.push("input"),
            None => {}
        }
        match &self.weight {
            Some(t) if t.shape == weight.shape => weight.clone_from(t),
            Some(_) => left_out.push("weight"),
            None => {}
        }
        match (&self.bias, bias.as_mut()) {
            (Some(b), Some(into)) if b.len() == into.len() => into.clone_from(b),
            (Some(_), _) => left_out.push("bias"),
            _ => {}
        }
        left_out
    }
}

/// Index of `input[c, y, x]` or `weight[o, i, ky, kx]` in its tensor, when inside it.
fn index(t: &Tensor, at: &[usize]) -> Option<usize> {
    (at.len() == t.shape.len() && at.iter().zip(&t.shape).all(|(a, n)| a < n)).then(|| t.offset(at))
}

/// Sets one value of the figure's data (in data coordinates). Nothing changes for a value that is
/// not finite or a cell that is not there.
pub(super) fn edit(s: &mut AppState, cell: Cell, value: f32) -> Change {
    let Some(view) = s.current_view().cloned() else {
        return Change::None;
    };
    if !value.is_finite() {
        return Change::None;
    }
    let (input, weight, bias) = view.data();
    let mut edits = (*s.params.edits).clone();
    match cell {
        Cell::Input { c, y, x } => {
            let mut t = input.clone();
            let Some(i) = index(&t, &[c, y, x]) else {
                return Change::None;
            };
            t.data[i] = value;
            edits.input = Some(t);
        }
        Cell::Weight { o, i, ky, kx } => {
            let mut t = weight.clone();
            let Some(k) = index(&t, &[o, i, ky, kx]) else {
                return Change::None;
            };
            t.data[k] = value;
            edits.weight = Some(t);
        }
        Cell::Bias(o) => {
            let Some(mut b) = bias.map(<[f32]>::to_vec) else {
                return Change::None;
            };
            let Some(v) = b.get_mut(o) else {
                return Change::None;
            };
            *v = value;
            edits.bias = Some(b);
        }
    }
    s.params.edits = std::rc::Rc::new(edits);
    Change::Params
}

/// Fills an input channel or a kernel slice.
pub(super) fn fill(s: &mut AppState, target: FillTarget, with: FillWith) -> Change {
    let Some(view) = s.current_view().cloned() else {
        return Change::None;
    };
    let layer = view.data_layer();
    let (input, weight, _) = view.data();
    let p = &s.params;
    let mut edits = (*p.edits).clone();
    s.notices
        .retain(|n| !matches!(n, Notice::KernelNot3x3 { .. }));
    match target {
        FillTarget::Channel(c) => {
            let [cin, h, w] = layer.input_shape();
            if c >= cin {
                return Change::None;
            }
            let seeded = data::input(&layer, p.data, p.seed);
            let mut t = input.clone();
            let plane = c * h * w..(c + 1) * h * w;
            match with {
                FillWith::Zeros => t.data[plane].fill(0.0),
                FillWith::Ones => t.data[plane].fill(1.0),
                FillWith::Seeded => t.data[plane.clone()].copy_from_slice(&seeded.data[plane]),
                FillWith::Kernel(_) => return Change::None,
            }
            edits.input = Some(t);
        }
        FillTarget::Kernel(o, i) => {
            let [cout, cin_g, kh, kw] = layer.weight_shape();
            if o >= cout || i >= cin_g {
                return Change::None;
            }
            let n = kh * kw;
            let slice = (o * cin_g + i) * n..(o * cin_g + i + 1) * n;
            let from = match with {
                FillWith::Zeros | FillWith::Ones => None,
                // The weights as generated, with the page's own fallback for a kernel that does not fit.
                FillWith::Seeded => Some(Ok(data::weights(&layer, p.weights, p.seed)
                    .unwrap_or_else(|_| data::seeded_weights(&layer, p.seed)))),
                FillWith::Kernel(k) => Some(data::weights(&layer, k, p.seed)),
            };
            let mut t = weight.clone();
            match (with, from) {
                (FillWith::Zeros, _) => t.data[slice].fill(0.0),
                (FillWith::Ones, _) => t.data[slice].fill(1.0),
                (_, Some(Ok((w, _)))) => t.data[slice.clone()].copy_from_slice(&w.data[slice]),
                (_, Some(Err(e))) => {
                    s.notices.push(Notice::KernelNot3x3 {
                        kernel: e.kernel.name(),
                        size: e.size,
                    });
                    return Change::View;
                }
                (_, None) => return Change::None,
            }
            edits.weight = Some(t);
        }
    }
    s.params.edits = std::rc::Rc::new(edits);
    Change::Params
}

/// Back to the generated data everywhere.
pub(super) fn reset(s: &mut AppState) -> Change {
    if s.params.edits.is_empty() {
        return Change::None;
    }
    s.params.edits = std::rc::Rc::default();
    Change::Params
}

/// The cell next to `cell` by `(dy, dx)` in its own tensor (kept inside it): rows and columns of
/// an input channel or a kernel slice; a bias moves along its channels with either key.
pub fn neighbour(cell: Cell, (dy, dx): (i64, i64), view: &super::View) -> Cell {
    let (input, weight, bias) = view.data();
    let step = |v: usize, d: i64, n: usize| (v as i64 + d).clamp(0, n.max(1) as i64 - 1) as usize;
    match cell {
        Cell::Input { c, y, x } => Cell::Input {
            c,
            y: step(y, dy, input.shape[1]),
            x: step(x, dx, input.shape[2]),
        },
        Cell::Weight { o, i, ky, kx } => Cell::Weight {
            o,
            i,
            ky: step(ky, dy, weight.shape[2]),
            kx: step(kx, dx, weight.shape[3]),
        },
        Cell::Bias(o) => Cell::Bias(step(o, dy + dx, bias.map_or(1, <[f32]>::len))),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::reduce;
    use super::super::{Action, AppState, Params, Reading};
    use super::*;
    use conv2d_core::forward::forward;

    #[test]
    fn a_typed_weight_changes_the_output_as_pytorchs_forward_pass_would() {
        let s = AppState::new(Params::default(), Some(0), vec![]);
        let cell = Cell::Weight {
            o: 1,
            i: 2,
            ky: 0,
            kx: 1,
        };
        let s = reduce(s, Action::Edit(cell, 2.5));
        let v = s.view.clone().unwrap();
        assert_eq!(v.value(cell), Some(2.5));
        // The output is the forward pass of exactly the data shown.
        let want = forward(&v.layer, &v.input, &v.weight, v.bias.as_deref());
        assert_eq!(v.output, want.data);
        // A value that is not finite changes nothing; reset brings the generated data back.
        let same = reduce(s.clone(), Action::Edit(cell, f32::NAN));
        assert_eq!(same.params, s.params);
        let back = reduce(s, Action::ResetEdits);
        assert_eq!(
            back.view,
            AppState::new(Params::default(), Some(0), vec![]).view
        );
    }

    #[test]
    fn fills_cover_exactly_their_channel_or_kernel() {
        let s = AppState::new(Params::default(), Some(0), vec![]);
        let before = s.view.clone().unwrap();
        let s = reduce(
            s,
            Action::Fill(
                FillTarget::Kernel(0, 1),
                FillWith::Kernel(KernelData::SobelX),
            ),
        );
        let s = reduce(s, Action::Fill(FillTarget::Channel(2), FillWith::Ones));
        let v = s.view.clone().unwrap();
        let sobel = data::weights(&v.layer, KernelData::SobelX, 0).unwrap().0;
        for o in 0..2 {
            for i in 0..3 {
                for (ky, kx) in [(0, 0), (1, 2), (2, 1)] {
                    let at = [o, i, ky, kx];
                    let want = if (o, i) == (0, 1) {
                        sobel.at(&at)
                    } else {
                        before.weight.at(&at)
                    };
                    assert_eq!(v.weight.at(&at), want, "{at:?}");
                }
            }
        }
        for c in 0..3 {
            let want = |y, x| {
                if c == 2 {
                    1.0
                } else {
                    before.input.at(&[c, y, x])
                }
            };
            assert_eq!(v.input.at(&[c, 3, 4]), want(3, 4));
        }
        // Filling with the generated data undoes the fill.
        let s = reduce(s, Action::Fill(FillTarget::Channel(2), FillWith::Seeded));
        assert_eq!(s.view.unwrap().input, before.input);
    }

    #[test]
    fn edits_of_another_shape_wait_aside_and_come_back() {
        let s = AppState::new(Params::default(), Some(0), vec![]);
        let s = reduce(s, Action::Edit(Cell::Input { c: 0, y: 0, x: 0 }, 9.0));
        let s = reduce(
            s,
            Action::Set(conv2d_core::Arg::Height, conv2d_core::Value::Int(8)),
        );
        assert!(s
            .notices
            .iter()
            .any(|n| matches!(n, Notice::EditsLeftOut { parts } if parts == &["input"])));
        let s = reduce(
            s,
            Action::Set(conv2d_core::Arg::Height, conv2d_core::Value::Int(7)),
        );
        assert_eq!(s.view.unwrap().input.at(&[0, 0, 0]), 9.0);
        assert!(!s
            .notices
            .iter()
            .any(|n| matches!(n, Notice::EditsLeftOut { .. })));
    }

    #[test]
    fn a_transposed_layer_read_as_a_convolution_edits_the_cell_it_draws() {
        let (_, dcgan) = super::super::Preset::named("dcgan").unwrap();
        let mut p = dcgan.params();
        p.reading = Reading::Conv;
        let s = AppState::new(p, Some(0), vec![]);
        let v = s.view.clone().unwrap();
        // Drawn with zeros inserted: drawn (0, 2, 4) is input (0, 1, 2); drawn (0, 1, 0) is an
        // inserted zero, no data.
        let drawn = Cell::Input { c: 0, y: 2, x: 4 };
        let cell = v.data_cell(drawn).unwrap();
        assert_eq!(cell, Cell::Input { c: 0, y: 1, x: 2 });
        assert_eq!(v.drawn_cell(cell), drawn);
        assert_eq!(v.data_cell(Cell::Input { c: 0, y: 1, x: 0 }), None);
        // The kernel is drawn flipped.
        let tap = v
            .data_cell(Cell::Weight {
                o: 0,
                i: 1,
                ky: 0,
                kx: 3,
            })
            .unwrap();
        assert_eq!(
            tap,
            Cell::Weight {
                o: 0,
                i: 1,
                ky: 3,
                kx: 0
            }
        );
        let s = reduce(s, Action::Edit(cell, 7.0));
        let s = reduce(s, Action::Edit(tap, -4.0));
        let v = s.view.unwrap();
        let t = v.transpose.as_ref().unwrap();
        assert_eq!(t.input.at(&[0, 1, 2]), 7.0);
        assert_eq!(v.input.at(&[0, 2, 4]), 7.0, "drawn where it was typed");
        assert_eq!(v.weight.at(&[0, 1, 0, 3]), -4.0);
        let want = conv2d_core::transpose::forward::forward(
            &t.layer,
            &t.input,
            &t.weight,
            v.bias.as_deref(),
        );
        assert_eq!(v.output, want.data);
    }
}
