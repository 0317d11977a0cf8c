//! The scatter reading of a transposed convolution, against the core's forward pass and against
//! brute force: the painted windows add up to the output, each output cell's sum holds exactly the
//! terms that change it, and an input cell lights exactly the output cells it changes.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

use conv2d_core::data::seeded_ints;
use conv2d_core::receptive::OutputCell;
use conv2d_core::transpose::forward::forward;
use conv2d_core::{
    validate_transpose, ConvTranspose2dSpec, PaddingArg, Pair, Tensor, TransposeLayer,
};
use conv2d_figure::anim::{scene_at, Walk};
use conv2d_figure::scatter::{highlight, partial, raw_weight, shown_layer, shown_weight, sum};
use conv2d_figure::scene::{Figure, Transposing, Words};
use conv2d_figure::{Focus, Highlight, Layout};

/// Layers covering stride, padding, output_padding, dilation, groups and a non-square kernel.
fn layers() -> Vec<TransposeLayer> {
    let spec = |cin, cout, k: (i64, i64), s, p, op, d, g| ConvTranspose2dSpec {
        in_channels: cin,
        out_channels: cout,
        kernel_size: Pair::new(k.0, k.1),
        stride: Pair::new(s, s),
        padding: PaddingArg::Explicit(Pair::new(p, p)),
        output_padding: Pair::new(op, op),
        groups: g,
        bias: true,
        dilation: Pair::new(d, d),
        padding_mode: "zeros".into(),
    };
    [
        (spec(2, 3, (4, 4), 2, 1, 0, 1, 1), [4, 4]),
        (spec(1, 2, (3, 3), 2, 0, 1, 1, 1), [3, 4]),
        (spec(4, 2, (2, 3), 3, 1, 0, 2, 2), [3, 3]),
        (spec(3, 1, (3, 3), 1, 2, 0, 1, 1), [5, 5]),
    ]
    .into_iter()
    .map(|(s, [h, w])| validate_transpose(&s, [s.in_channels, h, w]).unwrap())
    .collect()
}

/// Seeded integers for input, PyTorch-layout weight and bias: exact in f32.
fn data(t: &TransposeLayer) -> (Tensor, Tensor, Vec<f32>) {
    let shape = t.input_shape().to_vec();
    let n: usize = shape.iter().product();
    let x = Tensor {
        shape,
        data: seeded_ints(7, 1, n, -3, 3),
    };
    let ws = t.weight_shape().to_vec();
    let m: usize = ws.iter().product();
    // No zero weights: every tap then changes the cell it lands on.
    let w = Tensor {
        shape: ws,
        data: seeded_ints(7, 2, m, 1, 3),
    };
    (x, w, seeded_ints(7, 3, t.out_channels, -2, 2))
}

fn cells(shape: [usize; 3]) -> impl Iterator<Item = (usize, usize, usize)> {
    let [c, h, w] = shape;
    (0..c).flat_map(move |c| (0..h).flat_map(move |y| (0..w).map(move |x| (c, y, x))))
}

#[test]
fn the_painted_windows_add_up_to_the_forward_pass() {
    for t in layers() {
        let (x, w, b) = data(&t);
        let shown = shown_weight(&t, &w);
        assert_eq!(raw_weight(&t, &shown), w, "the two layouts round-trip");
        let out = forward(&t, &x, &w, Some(&b));
        assert_eq!(partial(&t, (&x, &shown), Some(&b), usize::MAX), out.data);
        // Before any input cell has painted, the output holds the bias alone.
        let [_, ho, wo] = t.output_shape();
        let start = partial(&t, (&x, &shown), Some(&b), 0);
        assert!(start
            .iter()
            .enumerate()
            .all(|(i, v)| *v == b[i / (ho * wo)]));
    }
}

#[test]
fn each_step_paints_exactly_the_cells_its_input_cell_lights() {
    for t in layers() {
        let (x, w, b) = data(&t);
        let shown = shown_weight(&t, &w);
        let [_, ho, wo] = t.output_shape();
        for (i, (c, y, xx)) in cells(t.input_shape()).enumerate() {
            let before = partial(&t, (&x, &shown), Some(&b), i);
            let after = partial(&t, (&x, &shown), Some(&b), i + 1);
            let changed: Vec<OutputCell> = (0..before.len())
                .filter(|&k| before[k] != after[k])
                .map(|k| OutputCell {
                    channel: k / (ho * wo),
                    y: k / wo % ho,
                    x: k % wo,
                })
                .collect();
            let lit = highlight(&t, Focus::Input { c, y, x: xx }).outputs;
            if x.data[i] != 0.0 {
                assert_eq!(lit, changed, "input cell ({c}, {y}, {xx}) of {t:?}");
            } else {
                // A zero paints nothing, though its windows still light (they are in the sum).
                assert!(changed.is_empty());
            }
        }
    }
}

#[test]
fn an_output_cells_sum_holds_the_terms_that_change_it_and_adds_up() {
    for t in layers() {
        let (x, w, b) = data(&t);
        let shown = shown_weight(&t, &w);
        let out = forward(&t, &x, &w, Some(&b));
        for (oc, oy, ox) in cells(t.output_shape()) {
            let cell = OutputCell {
                channel: oc,
                y: oy,
                x: ox,
            };
            let hl = highlight(&t, Focus::Output(cell));
            // Brute force: the input cells whose change moves this output cell.
            let mut moved = std::collections::BTreeSet::new();
            for (i, (c, y, xx)) in cells(t.input_shape()).enumerate() {
                let mut x2 = x.clone();
                x2.data[i] += 1.0;
                let o2 = forward(&t, &x2, &w, Some(&b));
                let k = (oc * t.output[0] + oy) * t.output[1] + ox;
                if o2.data[k] != out.data[k] {
                    moved.insert((c, y, xx));
                }
            }
            assert_eq!(hl.input_sources(), moved, "cell {cell:?} of {t:?}");
            match sum(&t, (&x, &shown), Some(&b), &out.data, cell) {
                None => assert!(moved.is_empty()),
                Some(s) => {
                    assert_eq!(s.hidden + s.terms.len(), hl.taps.len());
                    assert_eq!(hl.kernel_taps.len(), hl.taps.len());
                    if s.hidden == 0 {
                        let total: f32 = s.terms.iter().map(|t| t.input.unwrap() * t.weight).sum();
                        assert_eq!(total + s.bias.unwrap(), s.value);
                    }
                }
            }
        }
    }
}

#[test]
fn the_animation_walks_the_input_and_ends_on_the_whole_output() {
    let t = layers().remove(0);
    let (x, w, b) = data(&t);
    let shown = shown_weight(&t, &w);
    let layer = shown_layer(&t);
    let out = forward(&t, &x, &w, Some(&b));
    let none = Highlight::default();
    let fig = Figure {
        layer: &layer,
        transposed: Some(Transposing {
            layer: &t,
            scatter: true,
            overlap: None,
        }),
        input: &x,
        weight: &shown,
        bias: Some(&b),
        output: &out.data,
        highlight: &none,
        filled: usize::MAX,
        words: &Words::EN,
    };
    let walk = Walk::of(&fig);
    assert_eq!(walk, Walk::Inputs(t.input_shape()));
    assert_eq!(walk.focus_at(1), Focus::Input { c: 0, y: 0, x: 1 });
    assert_eq!(walk.focus_at(walk.cells()), Focus::None);
    let layout = Layout::new(&layer, 600.0);
    // The last step is the finished figure: the same scene as the figure with nothing in focus.
    assert_eq!(scene_at(&fig, &layout, walk.cells()), fig.scene(&layout));
    assert_ne!(scene_at(&fig, &layout, 3), fig.scene(&layout));
}
