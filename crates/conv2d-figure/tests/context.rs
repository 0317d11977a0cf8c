//! Focus and context: with an output cell in focus, exactly what its computation does not use is
//! veiled — input channels of other groups, input cells outside its taps, the other output
//! channels' kernels, biases and grids; with an input cell in focus, the outputs it does not feed.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod common;

use conv2d_core::receptive::{fed_by, taps, OutputCell};
use conv2d_figure::layout::{Band, GridBox};
use conv2d_figure::scene::{Figure, Item, Words};
use conv2d_figure::{Focus, Highlight, Layout};

/// A veil over the whole of `g` (a translucent rect on its bounds).
fn veiled_whole(items: &[Item], g: &GridBox) -> bool {
    items.iter().any(|i| {
        matches!(i, Item::Rect { x, y, w, h, fill: Some(f), stroke: None, .. }
            if *x == g.x && *y == g.y && *w == g.width() && *h == g.height() && f.3 < 255)
    })
}

/// The cells of `g` a per-cell veil leaves clear, if there is one.
fn clear_cells(items: &[Item], g: &GridBox) -> Option<Vec<(usize, usize)>> {
    items.iter().find_map(|i| match i {
        Item::Heatmap {
            x,
            y,
            rows,
            cols,
            rgba,
            ..
        } if *x == g.x && *y == g.y && rgba.chunks_exact(4).any(|p| p[3] == 0) => Some(
            (0..rows * cols)
                .filter(|k| rgba[k * 4 + 3] == 0)
                .map(|k| (k / cols, k % cols))
                .collect(),
        ),
        _ => None,
    })
}

#[test]
fn an_output_cell_in_focus_veils_what_it_does_not_use() {
    for (name, layer) in common::layers() {
        let (x, w, b, out) = common::data(&layer, 0);
        let [cout, ho, wo] = layer.output_shape();
        let cell = OutputCell {
            channel: cout - 1,
            y: ho / 2,
            x: wo / 2,
        };
        let hl = Highlight::of(&layer, Focus::Output(cell));
        let fig = Figure {
            transposed: None,
            layer: &layer,
            input: &x,
            weight: &w,
            bias: b.as_deref(),
            output: &out.data,
            highlight: &hl,
            filled: usize::MAX,
            words: &Words::EN,
        };
        let layout = Layout::new(&layer, 900.0);
        let items = fig.scene(&layout).items;
        let t = taps(&layer, cell.channel, cell.y, cell.x);
        for g in &layout.grids {
            match g.band {
                Band::Input(c) if t.iter().any(|tap| tap.in_channel == c) => {
                    let mut want: Vec<(usize, usize)> = t
                        .iter()
                        .filter(|tap| tap.in_channel == c)
                        .map(|tap| (tap.py, tap.px))
                        .collect();
                    want.sort_unstable();
                    want.dedup();
                    let mut clear = clear_cells(&items, g).expect("a per-cell veil");
                    clear.sort_unstable();
                    assert_eq!(clear, want, "{name}: input {c}: clear = the taps");
                }
                Band::Input(c) => assert!(
                    veiled_whole(&items, g),
                    "{name}: input {c} is of another group"
                ),
                Band::Kernel(oc, _) | Band::Output(oc) => assert_eq!(
                    veiled_whole(&items, g),
                    oc != cell.channel,
                    "{name}: {:?}",
                    g.band
                ),
            }
        }
        // Nothing in focus: no veil.
        let none = Highlight::default();
        let plain = Figure {
            transposed: None,
            highlight: &none,
            ..fig
        };
        let items = plain.scene(&layout).items;
        assert!(
            layout.grids.iter().all(|g| !veiled_whole(&items, g)),
            "{name}"
        );
    }
}

#[test]
fn an_input_cell_in_focus_leaves_the_outputs_it_feeds_clear() {
    for (name, layer) in common::layers() {
        let (x, w, b, out) = common::data(&layer, 0);
        let [h, wd] = layer.input;
        let (c, y, xx) = (0, h / 2, wd / 2);
        let hl = Highlight::of(&layer, Focus::Input { c, y, x: xx });
        let fig = Figure {
            transposed: None,
            layer: &layer,
            input: &x,
            weight: &w,
            bias: b.as_deref(),
            output: &out.data,
            highlight: &hl,
            filled: usize::MAX,
            words: &Words::EN,
        };
        let layout = Layout::new(&layer, 900.0);
        let items = fig.scene(&layout).items;
        let fed = fed_by(&layer, c, y, xx);
        for g in &layout.grids {
            match g.band {
                Band::Output(oc) if layer.group_of_output(oc) == layer.group_of_input(c) => {
                    let mut want: Vec<(usize, usize)> = fed
                        .iter()
                        .filter(|o| o.channel == oc)
                        .map(|o| (o.y, o.x))
                        .collect();
                    want.sort_unstable();
                    let mut clear = clear_cells(&items, g).unwrap_or_default();
                    clear.sort_unstable();
                    assert_eq!(clear, want, "{name}: output {oc}");
                }
                Band::Input(ic) => {
                    assert_eq!(veiled_whole(&items, g), ic != c, "{name}: input {ic}")
                }
                _ => {}
            }
        }
    }
}
