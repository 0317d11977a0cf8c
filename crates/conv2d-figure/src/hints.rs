//! The figure's hints: at most two short notes, each pinned by a numbered marker to the place in
//! the figure it is about, chosen by what applies to the layer — the kernel sliding over the input
//! always; the padding ring when there is one; one kernel per input channel of the group when there
//! are several. The page draws the markers over the canvas and the notes under it (so exports,
//! which draw only the scene, leave them out).

use conv2d_core::Layer;

use crate::layout::{Band, Layout};

/// What a hint says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// The kernel slides over the (padded) input.
    Slide,
    /// The ring around the input is padding (zeros, or copies for the other modes).
    Padding,
    /// Each output channel has one kernel slice per input channel of its group.
    KernelPerChannel,
}

/// A hint and where its marker goes (CSS px in the figure).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    /// What it says.
    pub hint: Hint,
    /// The marker's centre, left.
    pub x: f32,
    /// The marker's centre, top.
    pub y: f32,
}

/// The hints that apply to `layer`, at most two, in the order they are numbered.
pub fn applicable(layer: &Layer) -> Vec<Hint> {
    let mut chosen = vec![Hint::Slide];
    if layer.padded() != layer.input {
        chosen.push(Hint::Padding);
    } else if layer.in_per_group() > 1 {
        chosen.push(Hint::KernelPerChannel);
    }
    chosen
}

/// The hints that apply to `layer`, placed in `layout`.
pub fn hints(layer: &Layer, layout: &Layout) -> Vec<Placed> {
    applicable(layer)
        .into_iter()
        .filter_map(|hint| {
            let (band, at) = match hint {
                // The input grid's top edge, a third of the way along: where the window starts.
                Hint::Slide => (Band::Input(0), (0.5, 0.0)),
                // On the ring: the bottom-left cell.
                Hint::Padding => (Band::Input(0), (0.0, 1.0)),
                // The first kernel strip's first slice, top-left.
                Hint::KernelPerChannel => (Band::Kernel(0, 0), (0.0, 0.0)),
            };
            let g = layout.grid(band)?;
            // Kept half a cell inside the grid's edges, so a marker is never cut by the canvas's.
            let inset = |v: f32, lo: f32, hi: f32| v.clamp(lo + g.cell / 2.0, hi - g.cell / 2.0);
            Some(Placed {
                hint,
                x: inset(g.x + at.0 * g.width(), g.x, g.x + g.width()),
                y: inset(g.y + at.1 * g.height(), g.y, g.y + g.height()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use conv2d_core::{validate, Conv2dSpec, PaddingArg, Pair};

    fn layer(cin: i64, pad: i64) -> Layer {
        let spec = Conv2dSpec {
            padding: PaddingArg::Explicit(Pair::square(pad)),
            ..Conv2dSpec::new(cin, 2, Pair::square(3))
        };
        validate(&spec, [cin, 6, 6]).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn the_hints_follow_the_layer_and_sit_on_their_grids() {
        let padded = layer(3, 1);
        let l = Layout::new(&padded, 800.0);
        let h = hints(&padded, &l);
        assert_eq!(
            h.iter().map(|p| p.hint).collect::<Vec<_>>(),
            [Hint::Slide, Hint::Padding]
        );
        let g = l
            .grid(Band::Input(0))
            .unwrap_or_else(|| panic!("an input grid"));
        // On the ring's bottom-left cell.
        assert_eq!(g.cell_at(h[1].x, h[1].y), Some((g.rows - 1, 0)));
        // No padding, several input channels: the kernel-per-channel note instead.
        let plain = layer(3, 0);
        let kinds: Vec<Hint> = hints(&plain, &Layout::new(&plain, 800.0))
            .iter()
            .map(|p| p.hint)
            .collect();
        assert_eq!(kinds, [Hint::Slide, Hint::KernelPerChannel]);
        // One input channel, no padding: only the slide.
        let one = layer(1, 0);
        assert_eq!(hints(&one, &Layout::new(&one, 800.0)).len(), 1);
    }
}
