//! Colours: a diverging scale centred on 0 (ColorBrewer RdBu, colour-blind safe) and Okabe–Ito.

/// An sRGB colour with alpha (0–255).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgba(pub u8, pub u8, pub u8, pub u8);

impl Rgba {
    /// Opaque colour from `0xRRGGBB`.
    pub const fn hex(v: u32) -> Self {
        Self((v >> 16) as u8, (v >> 8) as u8, v as u8, 255)
    }
    /// Its four bytes, RGBA.
    pub fn bytes(self) -> [u8; 4] {
        [self.0, self.1, self.2, self.3]
    }
    /// The same colour with another alpha.
    pub const fn alpha(self, a: u8) -> Self {
        Self(self.0, self.1, self.2, a)
    }
    /// CSS `rgba(...)`.
    pub fn css(self) -> String {
        format!(
            "rgba({},{},{},{:.3})",
            self.0,
            self.1,
            self.2,
            f32::from(self.3) / 255.0
        )
    }
    /// Black or white, whichever reads better on this colour.
    pub fn text_on(self) -> Rgba {
        let l =
            0.2126 * f32::from(self.0) + 0.7152 * f32::from(self.1) + 0.0722 * f32::from(self.2);
        if l > 140.0 {
            INK
        } else {
            Rgba::hex(0xffffff)
        }
    }
}

/// Text and outline ink.
pub const INK: Rgba = Rgba::hex(0x1b1b1f);
/// Muted labels.
pub const MUTED: Rgba = Rgba::hex(0x5b5b66);
/// Zero-padding cells.
pub const PAD: Rgba = Rgba::hex(0xe4e4ea);
/// A cell not yet computed in the animation.
pub const EMPTY: Rgba = Rgba::hex(0xfafafa);
/// The colours around the data: paper, titles, labels, padding and empty cells, cell separators.
/// The data's own colours (the diverging scale, group colours, the focus outline) are the same on
/// both, so a figure means the same in light and dark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ink {
    /// The background.
    pub paper: Rgba,
    /// Titles.
    pub text: Rgba,
    /// Grid labels and thin frames.
    pub muted: Rgba,
    /// Zero-padding cells.
    pub pad: Rgba,
    /// Output cells not yet computed.
    pub empty: Rgba,
    /// Lines between cells.
    pub lines: Rgba,
}

impl Ink {
    /// On white: the page's light theme, and every export.
    pub const LIGHT: Ink = Ink {
        paper: Rgba::hex(0xffffff),
        text: INK,
        muted: MUTED,
        pad: PAD,
        empty: EMPTY,
        lines: Rgba(255, 255, 255, 200),
    };
    /// On the dark theme's panel, so a projector in a dark room shows no white block.
    pub const DARK: Ink = Ink {
        paper: Rgba::hex(0x222228),
        text: Rgba::hex(0xececf1),
        muted: Rgba::hex(0xa8a8b3),
        pad: Rgba::hex(0x3a3a44),
        empty: Rgba::hex(0x2c2c33),
        lines: Rgba(34, 34, 40, 200),
    };
}

/// The top of the overlap map's sequential scale (paper → Okabe–Ito blue).
pub const COUNT: Rgba = Rgba::hex(0x0072b2);

/// The focus outline (receptive field, current cell).
pub const FOCUS: Rgba = Rgba::hex(0xd55e00);

/// RdBu, 7 stops from −1 (red) through 0 (near white) to +1 (blue).
/// The diverging scale's colours from −max (red) through 0 (white) to +max (blue), for legends.
pub const STOPS: [Rgba; 7] = [
    Rgba::hex(0xb2182b),
    Rgba::hex(0xef8a62),
    Rgba::hex(0xfddbc7),
    Rgba::hex(0xf7f7f7),
    Rgba::hex(0xd1e5f0),
    Rgba::hex(0x67a9cf),
    Rgba::hex(0x2166ac),
];

/// The colour of `v` on a scale where ±`max_abs` are the ends.
pub fn diverging(v: f32, max_abs: f32) -> Rgba {
    let t = if max_abs > 0.0 && v.is_finite() {
        (v / max_abs).clamp(-1.0, 1.0)
    } else {
        0.0
    };
    let pos = (t + 1.0) / 2.0 * (STOPS.len() - 1) as f32;
    let i = (pos.floor() as usize).min(STOPS.len() - 2);
    let f = pos - i as f32;
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    let mix = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * f).round() as u8;
    Rgba(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2), 255)
}

/// [`diverging`] precomputed for one `max_abs`: a lookup table of 513 steps, for grids with tens of
/// thousands of cells.
pub struct Scale {
    lut: Vec<Rgba>,
    max_abs: f32,
}

impl Scale {
    const STEPS: usize = 512;

    /// The scale whose ends are ±`max_abs`.
    pub fn new(max_abs: f32) -> Self {
        let lut = (0..=Self::STEPS)
            .map(|i| diverging(i as f32 / Self::STEPS as f32 * 2.0 - 1.0, 1.0))
            .collect();
        Self { lut, max_abs }
    }

    /// The colour of `v` (within one step of [`diverging`]).
    pub fn color(&self, v: f32) -> Rgba {
        let t = if self.max_abs > 0.0 && v.is_finite() {
            (v / self.max_abs).clamp(-1.0, 1.0)
        } else {
            0.0
        };
        self.lut[((t + 1.0) / 2.0 * Self::STEPS as f32).round() as usize]
    }
}

/// Okabe–Ito, for groups (black last, as it reads as "ink").
pub const GROUPS: [Rgba; 8] = [
    Rgba::hex(0xe69f00),
    Rgba::hex(0x56b4e9),
    Rgba::hex(0x009e73),
    Rgba::hex(0xcc79a7),
    Rgba::hex(0x0072b2),
    Rgba::hex(0xd55e00),
    Rgba::hex(0xf0e442),
    Rgba::hex(0x000000),
];

/// The colour of group `g`.
pub fn group(g: usize) -> Rgba {
    GROUPS[g % GROUPS.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lookup_table_agrees_with_the_scale() {
        let s = Scale::new(3.0);
        for v in [-3.0, -1.5, 0.0, 0.7, 3.0, 5.0] {
            let (a, b) = (s.color(v), diverging(v, 3.0));
            for (x, y) in [(a.0, b.0), (a.1, b.1), (a.2, b.2)] {
                assert!(x.abs_diff(y) <= 2, "{v}: {a:?} vs {b:?}");
            }
        }
    }

    #[test]
    fn zero_is_the_neutral_middle_and_ends_are_the_extremes() {
        assert_eq!(diverging(0.0, 3.0), STOPS[3]);
        assert_eq!(diverging(-3.0, 3.0), STOPS[0]);
        assert_eq!(diverging(9.0, 3.0), STOPS[6]);
        assert_eq!(diverging(f32::NAN, 3.0), STOPS[3]);
        assert_eq!(diverging(1.0, 0.0), STOPS[3]);
    }
}
