//! Hit-testing against the layout's own grid rectangles: the centre of every cell of every input and
//! output grid hits that cell (a copy in the padding ring hits the cell it copies, a zero nothing),
//! and points in the gaps, on kernels or outside the figure hit nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod common;

use conv2d_core::receptive::OutputCell;
use conv2d_core::Layer;
use conv2d_figure::layout::{Band, GridBox};
use conv2d_figure::{Hit, Layout};

/// What a point in cell `(row, col)` of grid `g` must hit.
fn expected(layer: &Layer, g: &GridBox, row: usize, col: usize) -> Option<Hit> {
    match g.band {
        Band::Input(c) => layer
            .source(row, col)
            .input_cell()
            .map(|(y, x)| Hit::Input { c, y, x }),
        Band::Output(channel) => Some(Hit::Output(OutputCell {
            channel,
            y: row,
            x: col,
        })),
        Band::Kernel(..) => None,
    }
}

fn layouts(layer: &Layer) -> Vec<Layout> {
    vec![
        Layout::new(layer, 800.0),
        Layout::new(layer, 260.0),
        Layout::new(layer, 1500.0),
        Layout::fitting(layer, 420.0, 300.0),
        Layout::fitting(layer, 1280.0, 560.0),
        Layout::on_screen(layer, 1000.0, 560.0),
        // Too short for the whole figure: the first line of each column only.
        Layout::on_screen(layer, 1000.0, 150.0),
    ]
}

#[test]
fn the_centre_of_every_cell_hits_that_cell() {
    for (name, layer) in common::layers() {
        for layout in layouts(&layer) {
            let mut outputs = std::collections::BTreeSet::new();
            for g in &layout.grids {
                for row in 0..g.rows {
                    for col in 0..g.cols {
                        let x = g.x + (col as f32 + 0.5) * g.cell;
                        let y = g.y + (row as f32 + 0.5) * g.cell;
                        let want = expected(&layer, g, row, col);
                        if let Some(Hit::Output(cell)) = want {
                            outputs.insert(cell);
                        }
                        assert_eq!(
                            layout.hit(&layer, x, y),
                            want,
                            "{name}, {} px wide: cell ({row}, {col}) of {:?}",
                            layout.width,
                            g.band
                        );
                    }
                }
            }
            // Every output cell is reachable.
            let [cout, ho, wo] = layer.output_shape();
            assert_eq!(outputs.len(), cout * ho * wo, "{name}");
        }
    }
}

#[test]
fn points_outside_the_grids_hit_nothing_and_inside_hit_their_cell() {
    for (name, layer) in common::layers() {
        for layout in layouts(&layer) {
            let grids: Vec<&GridBox> = layout.grids.iter().collect();
            for g in &grids {
                assert!(
                    g.x >= 0.0 && g.x + g.width() <= layout.width,
                    "{name}: {:?} lies outside the figure's width",
                    g.band
                );
                assert!(g.y >= 0.0 && g.y + g.height() <= layout.height, "{name}");
            }
            // A sweep over the figure and a margin around it, in steps that fall at every offset
            // within a cell.
            let step = 1.37;
            let (mut inside, mut outside) = (0, 0);
            let mut y = -15.0f32;
            while y < layout.height + 15.0 {
                let mut x = -15.0f32;
                while x < layout.width + 15.0 {
                    let containing: Vec<&&GridBox> = grids
                        .iter()
                        .filter(|g| {
                            x >= g.x && x < g.x + g.width() && y >= g.y && y < g.y + g.height()
                        })
                        .collect();
                    assert!(containing.len() <= 1, "{name}: grids overlap at ({x}, {y})");
                    let hit = layout.hit(&layer, x, y);
                    match containing.first() {
                        None => {
                            outside += 1;
                            assert_eq!(hit, None, "{name}: ({x}, {y}) is in no grid");
                        }
                        Some(g) => {
                            let (fx, fy) = ((x - g.x) / g.cell, (y - g.y) / g.cell);
                            let near_edge = |f: f32| (f - f.round()).abs() < 1e-3;
                            if near_edge(fx) || near_edge(fy) {
                                // On a line between cells either neighbour is right.
                            } else {
                                inside += 1;
                                let want = expected(&layer, g, fy as usize, fx as usize);
                                assert_eq!(hit, want, "{name}: ({x}, {y}) in {:?}", g.band);
                            }
                        }
                    }
                    x += step;
                }
                y += step;
            }
            assert!(inside > 0 && outside > 0, "{name}: the sweep saw both");
        }
    }
}

/// Every grid keeps a margin inside the figure's width, so the outline drawn just outside it (the
/// focus ring, the group frame) is never clipped at the canvas edge.
#[test]
fn no_grid_touches_the_right_edge() {
    for width in [300.0f32, 512.0, 690.0, 900.0, 1366.0] {
        for (name, layer) in common::layers() {
            for layout in [
                Layout::new(&layer, width),
                Layout::on_screen(&layer, width, 500.0),
            ] {
                for g in &layout.grids {
                    assert!(
                        g.x + g.width() + 4.0 <= layout.width + 1e-3,
                        "{name} at {width}: {:?} ends at {}",
                        g.band,
                        g.x + g.width()
                    );
                }
            }
        }
    }
}
