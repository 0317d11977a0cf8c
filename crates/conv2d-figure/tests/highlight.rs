//! Highlights against the core and against brute force: an output cell lights the core's receptive
//! field taps, and the input cells they read are exactly those whose change changes that output; an
//! input cell lights exactly the outputs that change when it changes, and every padded position
//! holding its value.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may panic: that is its failure

mod common;

use std::collections::{BTreeMap, BTreeSet};

use conv2d_core::data::seeded_ints;
use conv2d_core::receptive::{taps, OutputCell};
use conv2d_core::{reference, Layer, Tensor};
use conv2d_figure::{Focus, Highlight};

type InputCell = (usize, usize, usize);

/// For every input cell, the output cells that change when it changes (by the reference definition,
/// with positive weights so no two contributions can cancel).
fn brute_force(layer: &Layer) -> BTreeMap<InputCell, BTreeSet<OutputCell>> {
    let [c, h, w] = layer.input_shape();
    let x = Tensor::from_vec(&[c, h, w], seeded_ints(7, 11, c * h * w, -3, 3)).unwrap();
    let shape = layer.weight_shape();
    let weight = Tensor::from_vec(&shape, vec![1.0; shape.iter().product()]).unwrap();
    let bias = vec![0.5; layer.out_channels];
    let bias = layer.bias.then_some(bias.as_slice());
    let base = reference::forward(layer, &x, &weight, bias);
    let [_, ho, wo] = layer.output_shape();
    let mut fed = BTreeMap::new();
    for ic in 0..c {
        for y in 0..h {
            for xx in 0..w {
                let mut x2 = x.clone();
                let i = x2.offset(&[ic, y, xx]);
                x2.data[i] += 1.0;
                let out = reference::forward(layer, &x2, &weight, bias);
                let changed = (0..out.data.len())
                    .filter(|&i| out.data[i] != base.data[i])
                    .map(|i| OutputCell {
                        channel: i / (ho * wo),
                        y: i / wo % ho,
                        x: i % wo,
                    })
                    .collect();
                fed.insert((ic, y, xx), changed);
            }
        }
    }
    fed
}

#[test]
fn an_output_cell_lights_its_taps_and_kernel() {
    for (name, layer) in common::layers() {
        let fed = brute_force(&layer);
        let [cout, ho, wo] = layer.output_shape();
        for channel in 0..cout {
            for y in 0..ho {
                for x in 0..wo {
                    let cell = OutputCell { channel, y, x };
                    let hl = Highlight::of(&layer, Focus::Output(cell));
                    assert_eq!(hl.taps, taps(&layer, channel, y, x), "{name} {cell:?}");
                    assert_eq!(hl.kernel, Some(channel));
                    assert_eq!(hl.outputs, vec![cell]);
                    assert!(hl.input_positions.is_empty());
                    let reads: BTreeSet<InputCell> = fed
                        .iter()
                        .filter(|(_, outs)| outs.contains(&cell))
                        .map(|(&input, _)| input)
                        .collect();
                    assert_eq!(hl.input_sources(), reads, "{name} {cell:?}");
                }
            }
        }
        // A cell outside the output lights nothing.
        let outside = OutputCell {
            channel: cout,
            y: 0,
            x: 0,
        };
        assert_eq!(
            Highlight::of(&layer, Focus::Output(outside)),
            Highlight::default()
        );
    }
}

#[test]
fn an_input_cell_lights_the_outputs_it_feeds_and_its_copies() {
    for (name, layer) in common::layers() {
        let fed = brute_force(&layer);
        let [hp, wp] = layer.padded();
        for (&(c, y, x), outputs) in &fed {
            let hl = Highlight::of(&layer, Focus::Input { c, y, x });
            let lit: BTreeSet<OutputCell> = hl.outputs.iter().copied().collect();
            assert_eq!(&lit, outputs, "{name}: input ({c}, {y}, {x})");
            assert_eq!(lit.len(), hl.outputs.len(), "{name}: each output once");
            assert!(hl.taps.is_empty() && hl.kernel.is_none());
            // Every padded position that holds this cell's value, the cell itself and its copies.
            let holding: BTreeSet<InputCell> = (0..hp)
                .flat_map(|py| (0..wp).map(move |px| (py, px)))
                .filter(|&(py, px)| layer.source(py, px).input_cell() == Some((y, x)))
                .map(|(py, px)| (c, py, px))
                .collect();
            let positions: BTreeSet<InputCell> = hl.input_positions.iter().copied().collect();
            assert_eq!(positions, holding, "{name}: input ({c}, {y}, {x})");
        }
        assert!(
            Highlight::of(&layer, Focus::Input { c: 0, y: 99, x: 0 })
                .input_positions
                .is_empty(),
            "{name}: a cell outside the input"
        );
    }
}
