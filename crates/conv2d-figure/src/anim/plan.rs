//! Which animation steps a GIF draws: all of them, or fewer (every n-th cell walked, one channel,
//! one row of the walked tensor: the output, or the input of a scattering figure) — always ending on
//! the finished figure.

use super::Walk;

/// The steps a GIF draws, as indices into the animation (see [`super::scene_at`]): output cells
/// channel-major, then the finished output. Every plan ends on the finished output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plan {
    /// Every output cell, then the finished output (what `conv2d render` draws).
    All,
    /// Output cells `0, n, 2n, …`, then the finished output (`n` of 0 is taken as 1).
    EveryNth(usize),
    /// The cells of output channel `c` (the channels before it already filled), then the finished
    /// output. A channel past the last draws only the finished output.
    Channel(usize),
    /// The cells of output row `r` of channel 0 (the rows above it already filled), then the
    /// finished output. A row past the last draws only the finished output.
    Row(usize),
}

impl Plan {
    /// The smallest `n` for which [`Plan::EveryNth`] draws at most `max_frames` frames (at least 2
    /// frames: a cell and the finished output).
    pub fn every_nth_within(walk: impl Into<Walk>, max_frames: usize) -> usize {
        let cells = walk.into().cells();
        cells.div_ceil(max_frames.max(2) - 1).max(1)
    }

    /// Frames this plan draws for `walk` (a `&Layer` walks its output cells).
    pub fn len(self, walk: impl Into<Walk>) -> usize {
        let walk = walk.into();
        let cells = walk.cells();
        let [c, h, w] = walk.shape();
        1 + match self {
            Plan::All => cells,
            Plan::EveryNth(n) => cells.div_ceil(n.max(1)),
            Plan::Channel(ch) if ch < c => h * w,
            Plan::Row(r) if r < h => w,
            Plan::Channel(_) | Plan::Row(_) => 0,
        }
    }

    /// Never true: every plan draws at least the finished output.
    pub fn is_empty(self, _walk: impl Into<Walk>) -> bool {
        false
    }

    /// The animation step of frame `i` (`i < self.len(layer)`; the last is the finished output).
    pub fn step(self, walk: impl Into<Walk>, i: usize) -> usize {
        let walk = walk.into();
        let finished = walk.cells();
        if i + 1 >= self.len(walk) {
            return finished;
        }
        let [_, h, w] = walk.shape();
        match self {
            Plan::All => i,
            Plan::EveryNth(n) => i * n.max(1),
            Plan::Channel(c) => c * h * w + i,
            Plan::Row(r) => r * w + i,
        }
    }

    /// Every step of the plan, in order.
    pub fn steps(self, walk: impl Into<Walk>) -> impl Iterator<Item = usize> {
        let walk = walk.into();
        (0..self.len(walk)).map(move |i| self.step(walk, i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use conv2d_core::{validate, Conv2dSpec, Pair};

    #[test]
    fn each_plan_walks_the_steps_it_names_then_the_finished_output() {
        // Figure 1: output 2×3×3, so 18 cells and step 18 is the finished output.
        let layer = validate(&Conv2dSpec::figure1(), [3, 7, 7]).unwrap();
        let all: Vec<usize> = Plan::All.steps(&layer).collect();
        assert_eq!(all, (0..=18).collect::<Vec<_>>());
        let every4: Vec<usize> = Plan::EveryNth(4).steps(&layer).collect();
        assert_eq!(every4, [0, 4, 8, 12, 16, 18]);
        assert_eq!(Plan::EveryNth(1).steps(&layer).collect::<Vec<_>>(), all);
        assert_eq!(Plan::EveryNth(0).len(&layer), 19);
        let ch1: Vec<usize> = Plan::Channel(1).steps(&layer).collect();
        assert_eq!(ch1, [9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
        let row2: Vec<usize> = Plan::Row(2).steps(&layer).collect();
        assert_eq!(row2, [6, 7, 8, 18]);
        assert_eq!(Plan::Channel(2).steps(&layer).collect::<Vec<_>>(), [18]);
        assert_eq!(Plan::Row(3).steps(&layer).collect::<Vec<_>>(), [18]);
    }

    #[test]
    fn plans_for_the_issue_s_16x32x32_layer() {
        let layer = validate(&Conv2dSpec::new(16, 16, Pair::square(1)), [16, 32, 32]).unwrap();
        assert_eq!(Plan::All.len(&layer), 16_385);
        let n = Plan::every_nth_within(&layer, 200);
        assert_eq!(n, 83);
        assert_eq!(Plan::EveryNth(n).len(&layer), 199);
        assert_eq!(Plan::EveryNth(n - 1).len(&layer), 201, "n is the smallest");
        assert_eq!(Plan::Channel(0).len(&layer), 32 * 32 + 1);
        assert_eq!(Plan::Row(16).len(&layer), 33);
        let last = Plan::EveryNth(n).steps(&layer).last();
        assert_eq!(last, Some(16_384));
        // A small layer needs no thinning.
        let fig1 = validate(&Conv2dSpec::figure1(), [3, 7, 7]).unwrap();
        assert_eq!(Plan::every_nth_within(&fig1, 200), 1);
    }
}
