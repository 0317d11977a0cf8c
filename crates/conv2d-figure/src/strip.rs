//! A stack's strip: every tensor from the input to the last output as a heatmap, its channels
//! stacked behind it like a deck of cards, left to right and wrapping. A cell in focus lights up
//! what it reads in every earlier tensor and what it reaches in every later one (product sets of
//! channels, rows and columns, drawn as runs); the effective receptive field, when given, is a
//! heatmap beside the input with the theoretical one outlined on it.

use std::collections::BTreeSet;

use conv2d_core::stack::field::Field;
use conv2d_core::Tensor;

use crate::palette::{Ink, Rgba, Scale, FOCUS};
use crate::scene::{Align, Item, Scene};

/// The room a title takes above a tensor, and its channel line below.
const TITLE: f32 = 34.0;
const FOOT: f32 = 20.0;
/// Between tensors.
const GAP: f32 = 18.0;
/// The least and most a tensor's heatmap takes on its long side (as many as fit in a row, within
/// these), and the largest a cell is drawn.
const MIN_SIDE: f32 = 110.0;
const MAX_SIDE: f32 = 240.0;
const MAX_CELL: f32 = 22.0;
/// The least side of a lit footprint's outline, so a field of a few cells in a large tensor shows.
const MIN_OUTLINE: f32 = 7.0;
/// Cards drawn behind the front channel, and how far each is offset.
const DECK: usize = 3;
const DECK_STEP: f32 = 4.0;

/// How far the deck of `channels` cards reaches beyond the front one.
fn deck(channels: usize) -> f32 {
    DECK.min(channels.saturating_sub(1)) as f32 * DECK_STEP
}

/// What a box shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shows {
    /// Tensor `t` (0: the input; `i + 1`: layer `i`'s output).
    Tensor(usize),
    /// The effective receptive field over the input's rows and columns.
    Effective,
}

/// One heatmap and where it is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TensorBox {
    /// What it shows.
    pub shows: Shows,
    /// Left of the heatmap.
    pub x: f32,
    /// Top of the heatmap.
    pub y: f32,
    /// CSS px per cell.
    pub cell: f32,
    /// Rows.
    pub rows: usize,
    /// Columns.
    pub cols: usize,
    /// Channels (cards in the deck).
    pub channels: usize,
}

impl TensorBox {
    /// The cell `(row, col)` under `(px, py)`, if inside.
    pub fn cell_at(&self, px: f32, py: f32) -> Option<(usize, usize)> {
        crate::layout::cell_under(
            (self.x, self.y),
            self.cell,
            (self.rows, self.cols),
            (px, py),
        )
    }

    /// Width and height of the heatmap.
    pub fn size(&self) -> (f32, f32) {
        (self.cols as f32 * self.cell, self.rows as f32 * self.cell)
    }
}

/// Where every tensor goes in `width` px.
#[derive(Clone, Debug, PartialEq)]
pub struct StripLayout {
    /// The boxes, in drawing order (the effective field, if any, second).
    pub boxes: Vec<TensorBox>,
    /// Width in CSS px.
    pub width: f32,
    /// Height in CSS px.
    pub height: f32,
}

impl StripLayout {
    /// The layout of tensors of `shapes` (the input first) in `width` px, with a box for the
    /// effective receptive field beside the input when `effective`.
    pub fn new(shapes: &[[usize; 3]], width: f32, effective: bool) -> Self {
        let mut shows: Vec<Shows> = (0..shapes.len()).map(Shows::Tensor).collect();
        if effective && !shapes.is_empty() {
            shows.insert(1, Shows::Effective);
        }
        let (mut x, mut y, mut row_h) = (GAP, GAP, 0.0f32);
        let mut boxes = Vec::with_capacity(shows.len());
        let n = shows.len() as f32;
        let side =
            ((width - GAP * (n + 1.0)) / n - DECK as f32 * DECK_STEP).clamp(MIN_SIDE, MAX_SIDE);
        for s in shows {
            let [c, h, w] = match s {
                Shows::Tensor(t) => shapes[t],
                Shows::Effective => [1, shapes[0][1], shapes[0][2]],
            };
            let long = h.max(w).max(1) as f32;
            let cell = (side / long).min(MAX_CELL);
            let deck = deck(c);
            let (bw, bh) = (w as f32 * cell + deck, h as f32 * cell + deck);
            let room = bw.max(110.0);
            if x > GAP && x + room > width - GAP {
                x = GAP;
                y += row_h + GAP;
                row_h = 0.0;
            }
            boxes.push(TensorBox {
                shows: s,
                x,
                y: y + TITLE + deck,
                cell,
                rows: h,
                cols: w,
                channels: c,
            });
            x += room + GAP;
            row_h = row_h.max(TITLE + bh + FOOT);
        }
        Self {
            boxes,
            width,
            height: y + row_h + GAP,
        }
    }

    /// The tensor and cell `(t, row, col)` under `(px, py)` (the effective field's box maps to
    /// the input).
    pub fn cell_at(&self, px: f32, py: f32) -> Option<(usize, usize, usize)> {
        self.boxes.iter().find_map(|b| {
            let (r, c) = b.cell_at(px, py)?;
            match b.shows {
                Shows::Tensor(t) => Some((t, r, c)),
                Shows::Effective => Some((0, r, c)),
            }
        })
    }

    /// The box of tensor `t`.
    pub fn tensor(&self, t: usize) -> Option<&TensorBox> {
        self.boxes.iter().find(|b| b.shows == Shows::Tensor(t))
    }
}

/// The data a strip shows.
#[derive(Clone, Copy, Debug)]
pub struct Strip<'a> {
    /// Every tensor, the input first.
    pub tensors: &'a [&'a Tensor],
    /// Each tensor's title.
    pub titles: &'a [String],
    /// The channel drawn in front, per tensor.
    pub front: &'a [usize],
    /// What lights up in each tensor (none: nothing).
    pub lit: &'a [Option<Field>],
    /// The cell in focus: its tensor and `(c, y, x)`.
    pub focus: Option<(usize, [usize; 3])>,
    /// The effective receptive field's title, and its magnitude per input row and column
    /// (row-major) once computed.
    pub effective: (&'a str, Option<&'a [f32]>),
    /// The word before a channel number ("channel").
    pub channel: &'a str,
    /// The word after the count of lit channels ("lit").
    pub lit_word: &'a str,
}

/// Contiguous runs of a set of indices: `(first, count)`.
pub fn runs(set: &BTreeSet<usize>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &v in set {
        match out.last_mut() {
            Some((a, n)) if *a + *n == v => *n += 1,
            _ => out.push((v, 1)),
        }
    }
    out
}

/// The end of a heatmap's scale: the 99th percentile of |v| (a few outliers do not wash the rest
/// out; they take the end colour), or the largest when that is 0.
pub fn robust_max(v: &[f32]) -> f32 {
    let mut a: Vec<f32> = v
        .iter()
        .map(|x| x.abs())
        .filter(|x| x.is_finite())
        .collect();
    if a.is_empty() {
        return 0.0;
    }
    let k = (a.len() * 99 / 100).min(a.len() - 1);
    let (_, q, _) = a.select_nth_unstable_by(k, f32::total_cmp);
    let q = *q;
    if q > 0.0 {
        q
    } else {
        a.iter().fold(0.0f32, |m, &x| m.max(x))
    }
}

impl Strip<'_> {
    /// The scene in `layout`, in `ink`.
    pub fn scene(&self, layout: &StripLayout, ink: Ink) -> Scene {
        let mut items = Vec::new();
        for b in &layout.boxes {
            match b.shows {
                Shows::Tensor(t) => self.tensor(&mut items, b, t, ink),
                Shows::Effective => self.effective(&mut items, b, ink),
            }
        }
        Scene {
            width: layout.width,
            height: layout.height,
            items,
            paper: ink.paper,
        }
    }

    fn title(items: &mut Vec<Item>, b: &TensorBox, text: &str, ink: Ink) {
        let deck = deck(b.channels);
        let (w, _) = b.size();
        let lines: Vec<&str> = text.splitn(2, '\n').collect();
        for (i, line) in lines.iter().enumerate() {
            items.push(Item::Text {
                x: b.x,
                y: b.y - deck - TITLE + 9.0 + i as f32 * 15.0,
                text: (*line).to_string(),
                size: if i == 0 { 13.0 } else { 12.0 },
                color: if i == 0 { ink.text } else { ink.muted },
                align: Align::Left,
                bold: i == 0,
                fit: Some((w + deck).max(110.0)),
            });
        }
    }

    fn tensor(&self, items: &mut Vec<Item>, b: &TensorBox, t: usize, ink: Ink) {
        let Some(x) = self.tensors.get(t) else {
            return;
        };
        Self::title(items, b, self.titles.get(t).map_or("", String::as_str), ink);
        let (w, h) = b.size();
        // The deck: a card per channel behind the front one (three at most), offset up-right.
        let cards = DECK.min(b.channels.saturating_sub(1));
        for k in (1..=cards).rev() {
            let off = k as f32 * DECK_STEP;
            items.push(Item::Rect {
                x: b.x + off,
                y: b.y - off,
                w,
                h,
                fill: Some(ink.empty),
                stroke: Some(ink.muted),
                line: 1.0,
                dashed: false,
            });
        }
        let front = self.front.get(t).copied().unwrap_or(0).min(b.channels - 1);
        let plane = b.rows * b.cols;
        let data = &x.data[front * plane..(front + 1) * plane];
        let scale = Scale::new(robust_max(data));
        items.push(Item::Heatmap {
            x: b.x,
            y: b.y,
            cell: b.cell,
            rows: b.rows,
            cols: b.cols,
            rgba: data.iter().flat_map(|&v| scale.color(v).bytes()).collect(),
        });
        items.push(border(b, None, ink.muted, false));
        let lit = self.lit.get(t).and_then(Option::as_ref);
        let mut foot = format!("{} {front}/{}", self.channel, b.channels);
        if let Some(f) = lit {
            foot += &format!(" · {}/{} {}", f.channels.len(), b.channels, self.lit_word);
            if f.channels.contains(&front) {
                lit_cells(items, b, &f.rows, &f.cols);
            }
        }
        if let Some((_, [_, y, xx])) = self.focus.filter(|(ft, _)| *ft == t) {
            outline_cell(items, b, y, xx);
        }
        items.push(Item::Text {
            x: b.x,
            y: b.y + h + FOOT / 2.0 + 2.0,
            text: foot,
            size: 12.0,
            color: ink.muted,
            align: Align::Left,
            bold: false,
            fit: Some(w.max(110.0)),
        });
    }

    fn effective(&self, items: &mut Vec<Item>, b: &TensorBox, ink: Ink) {
        let (title, mag) = self.effective;
        Self::title(items, b, title, ink);
        // Until it is computed for this input (a stale one of another shape is not drawn).
        let Some(mag) = mag.filter(|m| m.len() == b.rows * b.cols) else {
            items.push(border(b, Some(ink.empty), ink.muted, true));
            return;
        };
        let top = mag.iter().fold(0.0f32, |m, v| m.max(v.abs()));
        let rgba = mag
            .iter()
            .flat_map(|&v| sequential(if top > 0.0 { v.abs() / top } else { 0.0 }).bytes())
            .collect();
        items.push(Item::Heatmap {
            x: b.x,
            y: b.y,
            cell: b.cell,
            rows: b.rows,
            cols: b.cols,
            rgba,
        });
        items.push(border(b, None, ink.muted, false));
        // The theoretical field's outline: the input's lit rows and columns, bounded.
        if let Some(f) = self.lit.first().and_then(Option::as_ref) {
            if let (Some(&y0), Some(&y1), Some(&x0), Some(&x1)) =
                (f.rows.first(), f.rows.last(), f.cols.first(), f.cols.last())
            {
                items.push(Item::Rect {
                    x: b.x + x0 as f32 * b.cell,
                    y: b.y + y0 as f32 * b.cell,
                    w: (x1 - x0 + 1) as f32 * b.cell,
                    h: (y1 - y0 + 1) as f32 * b.cell,
                    fill: None,
                    stroke: Some(FOCUS),
                    line: 1.5,
                    dashed: true,
                });
            }
        }
    }
}

/// A heatmap's frame (filled, when it has nothing to show yet).
fn border(b: &TensorBox, fill: Option<Rgba>, stroke: Rgba, dashed: bool) -> Item {
    let (w, h) = b.size();
    Item::Rect {
        x: b.x,
        y: b.y,
        w,
        h,
        fill,
        stroke: Some(stroke),
        line: 1.0,
        dashed,
    }
}

/// White to deep blue, for magnitudes in [0, 1].
pub fn sequential(t: f32) -> Rgba {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (a, z) = ((0xf7u8, 0xfbu8, 0xffu8), (0x08u8, 0x30u8, 0x6bu8));
    let mix =
        |p: u8, q: u8| (f32::from(p) + (f32::from(q) - f32::from(p)) * t.sqrt()).round() as u8;
    Rgba(mix(a.0, z.0), mix(a.1, z.1), mix(a.2, z.2), 255)
}

/// The lit cells of a heatmap: a tinted rectangle per pair of row and column runs, and the whole
/// footprint outlined (visible when cells are smaller than a pixel).
fn lit_cells(items: &mut Vec<Item>, b: &TensorBox, rows: &BTreeSet<usize>, cols: &BTreeSet<usize>) {
    let (rr, cr) = (runs(rows), runs(cols));
    for &(y, ny) in &rr {
        for &(x, nx) in &cr {
            items.push(Item::Rect {
                x: b.x + x as f32 * b.cell,
                y: b.y + y as f32 * b.cell,
                w: nx as f32 * b.cell,
                h: ny as f32 * b.cell,
                fill: Some(FOCUS.alpha(90)),
                stroke: None,
                line: 0.0,
                dashed: false,
            });
        }
    }
    if let (Some(&(y0, _)), Some(&(y1, n1)), Some(&(x0, _)), Some(&(x1, m1))) =
        (rr.first(), rr.last(), cr.first(), cr.last())
    {
        let (w, h) = (
            (x1 + m1 - x0) as f32 * b.cell,
            (y1 + n1 - y0) as f32 * b.cell,
        );
        let (ow, oh) = (w.max(MIN_OUTLINE), h.max(MIN_OUTLINE));
        items.push(Item::Rect {
            x: b.x + x0 as f32 * b.cell - (ow - w) / 2.0,
            y: b.y + y0 as f32 * b.cell - (oh - h) / 2.0,
            w: ow,
            h: oh,
            fill: None,
            stroke: Some(FOCUS),
            line: 1.5,
            dashed: false,
        });
    }
}

/// The cell in focus, outlined at least 4 px wide.
fn outline_cell(items: &mut Vec<Item>, b: &TensorBox, y: usize, x: usize) {
    let s = b.cell.max(4.0);
    let (cx, cy) = (
        b.x + (x as f32 + 0.5) * b.cell,
        b.y + (y as f32 + 0.5) * b.cell,
    );
    items.push(Item::Rect {
        x: cx - s / 2.0,
        y: cy - s / 2.0,
        w: s,
        h: s,
        fill: None,
        stroke: Some(Rgba::hex(0x1b1b1f)),
        line: 2.0,
        dashed: false,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_outliers_do_not_set_the_scale() {
        let mut v = vec![1.0f32; 1000];
        v[3] = -500.0;
        assert_eq!(robust_max(&v), 1.0);
        assert_eq!(robust_max(&[0.0, 0.0, 0.0, 5.0]), 5.0);
        assert_eq!(robust_max(&[]), 0.0);
    }

    #[test]
    fn runs_split_a_set_where_it_has_gaps() {
        let s: BTreeSet<usize> = [0, 1, 2, 5, 7, 8].into_iter().collect();
        assert_eq!(runs(&s), vec![(0, 3), (5, 1), (7, 2)]);
        assert!(runs(&BTreeSet::new()).is_empty());
    }

    #[test]
    fn every_cell_of_every_tensor_is_found_where_it_is_drawn() {
        let shapes = [[3, 224, 224], [64, 112, 112], [64, 56, 56], [2, 1, 1]];
        let l = StripLayout::new(&shapes, 900.0, true);
        assert_eq!(l.boxes.len(), 5);
        for (t, s) in shapes.iter().enumerate() {
            let b = l.tensor(t).unwrap();
            for &(y, x) in &[(0, 0), (s[1] - 1, s[2] - 1), (s[1] / 2, s[2] / 3)] {
                let (px, py) = (
                    b.x + (x as f32 + 0.5) * b.cell,
                    b.y + (y as f32 + 0.5) * b.cell,
                );
                assert_eq!(l.cell_at(px, py), Some((t, y, x)));
            }
            assert!(b.x + b.size().0 <= 900.0 && b.y + b.size().1 <= l.height);
        }
    }
}
