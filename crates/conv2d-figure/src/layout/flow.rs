//! What a band is made of (its pieces: grids, or kernel strips) and how pieces flow into lines: the
//! arithmetic both arrangements share.

/// Between two grids of a band, across and down.
pub(super) const GAP: f32 = 14.0;
/// Above each grid, for its label ("in 0").
pub(super) const LABEL: f32 = 16.0;
/// Room on each side for outlines drawn just outside a grid (so the last grid's border and focus
/// ring are not clipped at the canvas edge).
pub(super) const MARGIN: f32 = 4.0;
/// Between two kernel slices of one output channel's strip.
pub(super) const KGAP: f32 = 6.0;

/// The side of a bias box beside a kernel strip of cells of side `s`.
pub(super) fn bias_side(s: f32) -> f32 {
    (s * 1.6).max(14.0)
}

/// The next smaller cell size to try: steps of 2 px while large, 1 px when small.
pub(super) fn smaller(s: f32) -> f32 {
    s - if s > 12.0 { 2.0 } else { 1.0 }
}

/// The next larger cell size to try (the inverse of [`smaller`]).
pub(super) fn larger(s: f32) -> f32 {
    s + if s >= 12.0 { 2.0 } else { 1.0 }
}

/// A band's pieces: `n` grids of `rows × cols` cells, or (with `slices`) `n` kernel strips, each
/// `slices` kernels of `rows × cols` side by side and then the bias box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Piece {
    pub n: usize,
    pub rows: usize,
    pub cols: usize,
    pub slices: Option<usize>,
}

impl Piece {
    /// One piece's width and height at cell size `s`.
    pub fn size(&self, s: f32) -> (f32, f32) {
        let (w, h) = (self.cols as f32 * s, self.rows as f32 * s);
        match self.slices {
            None => (w, h),
            Some(k) => (
                k as f32 * (w + KGAP) + 4.0 + bias_side(s),
                h.max(bias_side(s)),
            ),
        }
    }

    /// How many pieces a line of `width` px holds (at least one).
    pub fn per_line(&self, s: f32, width: f32) -> usize {
        let w = self.size(s).0;
        (((width + GAP) / (w + GAP)).floor() as usize).clamp(1, self.n.max(1))
    }

    /// The band's width and height with `per_line` pieces per line (each line with its labels and
    /// the gap below it).
    pub fn extent(&self, s: f32, per_line: usize) -> (f32, f32) {
        let (w, h) = self.size(s);
        let p = per_line.clamp(1, self.n.max(1));
        let lines = self.n.div_ceil(p);
        (p as f32 * (w + GAP) - GAP, lines as f32 * (h + LABEL + GAP))
    }

    /// The fewest pieces per line that keep the band within `height` px, with the extent then.
    pub fn shelf(&self, s: f32, height: f32) -> Option<(usize, (f32, f32))> {
        (1..=self.n.max(1)).find_map(|p| {
            let e = self.extent(s, p);
            (e.1 <= height).then_some((p, e))
        })
    }

    /// The top-left corner of each piece's first grid, relative to the band's top-left.
    pub fn positions(&self, s: f32, per_line: usize) -> Vec<(f32, f32)> {
        let (w, h) = self.size(s);
        let p = per_line.max(1);
        (0..self.n)
            .map(|i| {
                let (r, c) = (i / p, i % p);
                (c as f32 * (w + GAP), r as f32 * (h + LABEL + GAP) + LABEL)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_flow_into_lines_and_shelve_into_a_height() {
        let g = Piece {
            n: 5,
            rows: 3,
            cols: 4,
            slices: None,
        };
        assert_eq!(g.size(10.0), (40.0, 30.0));
        // Two per line in 100 px (40 + 14 + 40), three lines.
        assert_eq!(g.per_line(10.0, 100.0), 2);
        assert_eq!(g.extent(10.0, 2), (94.0, 3.0 * (30.0 + LABEL + GAP)));
        let pos = g.positions(10.0, 2);
        assert_eq!(pos[3], (54.0, 30.0 + LABEL + GAP + LABEL));
        // The fewest per line within 130 px of height: three lines need 180, two lines 120.
        assert_eq!(g.shelf(10.0, 130.0).map(|(p, _)| p), Some(3));
        assert_eq!(g.shelf(10.0, 50.0), None);
        // A strip: two 3-wide slices, then the bias box (at least 14 px).
        let k = Piece {
            n: 1,
            rows: 3,
            cols: 3,
            slices: Some(2),
        };
        assert_eq!(k.size(5.0), (2.0 * 21.0 + 4.0 + 14.0, 15.0));
        assert_eq!(smaller(larger(12.0)), 12.0);
        assert_eq!(larger(smaller(5.0)), 5.0);
    }
}
