//! The two arrangements against the room they are given: a figure fitted to a frame stays inside
//! it; on the page the whole figure fits the room when it can with readable cells, and otherwise the
//! first input, kernel and output still do, side by side; nothing overlaps.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod common;

use conv2d_figure::layout::{Arrangement, Band, GridBox, READABLE_CELL};
use conv2d_figure::Layout;

/// Every rectangle the layout places: grids and bias boxes.
fn boxes(l: &Layout) -> Vec<(f32, f32, f32, f32)> {
    let grids = l.grids.iter().map(|g| (g.x, g.y, g.width(), g.height()));
    let bias = l.bias.iter().map(|&(x, y, s)| (x, y, s, s));
    grids.chain(bias).collect()
}

fn assert_apart(name: &str, l: &Layout) {
    let b = boxes(l);
    for (i, p) in b.iter().enumerate() {
        assert!(
            p.0 >= 0.0 && p.0 + p.2 <= l.width + 1e-3,
            "{name}: {p:?} across"
        );
        assert!(
            p.1 >= 0.0 && p.1 + p.3 <= l.height + 1e-3,
            "{name}: {p:?} down"
        );
        for q in &b[i + 1..] {
            let apart = p.0 + p.2 <= q.0 + 1e-3
                || q.0 + q.2 <= p.0 + 1e-3
                || p.1 + p.3 <= q.1 + 1e-3
                || q.1 + q.3 <= p.1 + 1e-3;
            assert!(apart, "{name}: {p:?} overlaps {q:?}");
        }
    }
}

fn first(l: &Layout, pick: fn(&GridBox) -> bool) -> &GridBox {
    l.grids.iter().find(|g| pick(g)).unwrap()
}

#[test]
fn a_fitted_figure_stays_inside_its_frame() {
    for (name, layer) in common::layers() {
        for (w, h) in [
            (700.0, 450.0),
            (400.0, 300.0),
            (1280.0, 600.0),
            (1900.0, 900.0),
        ] {
            let l = Layout::fitting(&layer, w, h);
            assert!(l.height <= h, "{name} in {w}×{h}: {} tall", l.height);
            assert!(l.width <= w.max(240.0), "{name} in {w}×{h}");
            assert_apart(name, &l);
        }
    }
}

#[test]
fn a_wide_frame_puts_the_outputs_beside_the_inputs() {
    let (name, layer) = &common::layers()[0];
    let l = Layout::fitting(layer, 1280.0, 560.0);
    assert_eq!(l.arrangement, Arrangement::Columns, "{name}");
    let input = first(&l, |g| matches!(g.band, Band::Input(_)));
    let output = first(&l, |g| matches!(g.band, Band::Output(_)));
    assert!(output.x > input.x + input.width() && output.y == input.y);
    // A narrow frame stacks them.
    let l = Layout::fitting(layer, 330.0, 900.0);
    assert_eq!(l.arrangement, Arrangement::Stacked, "{name}");
}

#[test]
fn the_page_shows_the_first_grid_of_each_band_within_the_room() {
    for (name, layer) in common::layers() {
        for (w, room) in [
            (1000.0, 560.0),
            (1040.0, 620.0),
            (760.0, 500.0),
            (1000.0, 260.0),
        ] {
            let l = Layout::on_screen(&layer, w, room);
            assert_apart(name, &l);
            if l.height <= room {
                assert!(
                    l.smallest_cell() >= READABLE_CELL,
                    "{name}: fits with small cells"
                );
                continue;
            }
            // Too tall: side by side with readable cells and each band's first line on screen,
            // or (when even that cannot be) the stacked figure the exports draw.
            if l.arrangement == Arrangement::Columns {
                for pick in [
                    (|g: &GridBox| matches!(g.band, Band::Input(0))) as fn(&GridBox) -> bool,
                    |g| matches!(g.band, Band::Kernel(0, 0)),
                    |g| matches!(g.band, Band::Output(0)),
                ] {
                    let g = first(&l, pick);
                    assert!(
                        g.y + g.height() <= room,
                        "{name} at {w}×{room}: {:?}",
                        g.band
                    );
                }
                assert!(l.smallest_cell() >= READABLE_CELL, "{name}");
            } else {
                assert_eq!(l, Layout::new(&layer, w), "{name} at {w}×{room}");
            }
        }
    }
}

#[test]
fn the_page_never_shows_smaller_cells_than_the_stacked_figure_when_it_fits() {
    for (name, layer) in common::layers() {
        let stacked = Layout::new(&layer, 1000.0);
        let room = stacked.height + 1.0;
        let l = Layout::on_screen(&layer, 1000.0, room);
        assert!(l.height <= room, "{name}");
        assert!(l.smallest_cell() >= stacked.smallest_cell(), "{name}");
    }
}
