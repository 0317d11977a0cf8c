//! The three bands of the figure, top to bottom: the band titles, the padded input channels, the
//! kernels (one row per output channel) with their bias boxes, and the output channels.

use conv2d_core::format::shape;
use conv2d_core::{Layer, Source};

use super::paint::{text_width, Font, Painter, Stroke};
use super::{fmt_value, Align, Figure, Item};
use crate::layout::{Band, GridBox, Layout};
use crate::palette::{Rgba, Scale};

fn max_abs(v: &[f32]) -> f32 {
    v.iter().fold(0.0f32, |m, x| m.max(x.abs()))
}

/// Mixes `c` with white (`keep` of the colour kept), for faint copies in the padding ring.
fn faint(c: Rgba, keep: f32) -> Rgba {
    let m = |x: u8| (255.0 - (255.0 - f32::from(x)) * keep).round() as u8;
    Rgba(m(c.0), m(c.1), m(c.2), 255)
}

/// One diverging scale per kind of value: inputs, weights with the bias, outputs.
pub(super) struct Scales {
    input: Scale,
    weight: Scale,
    output: Scale,
}

impl Scales {
    /// Each scale reaches the largest magnitude it shows.
    pub fn of(fig: &Figure<'_>) -> Self {
        let [input, weight, output] = ranges(fig);
        Self {
            input: Scale::new(input),
            weight: Scale::new(weight),
            output: Scale::new(output),
        }
    }
}

/// The ends (±) of the three colour scales: the largest magnitude among the inputs, the weights with
/// the bias, and the outputs (what a legend prints).
pub fn ranges(fig: &Figure<'_>) -> [f32; 3] {
    [
        max_abs(&fig.input.data),
        max_abs(&fig.weight.data).max(fig.bias.map_or(0.0, max_abs)),
        max_abs(fig.output),
    ]
}

/// The band titles: the input's shape (and the padded one), the weight's and bias's, the output's.
fn title_texts(fig: &Figure<'_>) -> [String; 3] {
    let (l, words) = (fig.layer, fig.words);
    let [hp, wp] = l.padded();
    let padded = if [hp, wp] != l.input {
        format!(
            " · {} {} ({})",
            words.padded,
            shape(&[hp, wp]),
            l.mode.name()
        )
    } else {
        String::new()
    };
    let bias = l.bias_shape().map_or(String::new(), |b| {
        format!(" · {} {}", words.bias, shape(&b))
    });
    // A transposed layer is titled with PyTorch's shapes: its own input (then the zeros inserted,
    // read as a convolution) and its own weight (or the flipped one the convolution sweeps).
    let (input, weight) = match fig.transposed {
        Some(t) if !t.scatter => {
            let inserted = if t.layer.stride == [1, 1] {
                String::new()
            } else {
                format!(" · {} {}", words.inserted, shape(&l.input))
            };
            (
                format!(
                    "{} {}{inserted}",
                    words.input,
                    shape(&t.layer.input_shape())
                ),
                format!("{} {}", words.flipped, shape(&l.weight_shape())),
            )
        }
        Some(t) => (
            format!("{} {}", words.input, shape(&l.input_shape())),
            format!("{} {}", words.weight, shape(&t.layer.weight_shape())),
        ),
        None => (
            format!("{} {}", words.input, shape(&l.input_shape())),
            format!("{} {}", words.weight, shape(&l.weight_shape())),
        ),
    };
    let overlap = match fig.transposed {
        Some(t) if t.overlap.is_some() => format!(" · {}", words.overlap),
        _ => String::new(),
    };
    [
        format!("{input}{padded}"),
        format!("{weight}{bias}"),
        format!("{} {}{overlap}", words.output, shape(&l.output_shape())),
    ]
}

/// A title in at most `lines` lines of `max_width` px at `size` px: whole when it fits, else (given
/// two lines) broken at " · ", or before the last shape whose "(" lets the first line fit.
fn title_lines(text: String, max_width: f32, lines: u8, size: f32) -> Vec<String> {
    if lines < 2 || text_width(&text, size) <= max_width {
        return vec![text];
    }
    if let Some((a, b)) = text.split_once(" · ") {
        return vec![a.to_string(), b.to_string()];
    }
    // Before a shape's "(" rather than inside it.
    let spaces: Vec<usize> = text.match_indices(" (").map(|(i, _)| i).collect();
    let fits = |i: &&usize| text_width(&text[..**i], size) <= max_width;
    match spaces.iter().rev().find(fits).or(spaces.first()).copied() {
        Some(i) => vec![text[..i].to_string(), text[i + 1..].to_string()],
        None => vec![text],
    }
}

/// The three band titles, bold, where the layout puts them: a title wider than its room breaks
/// into two lines (18 px apart) when it has room for them (`title_lines`), and a line still too
/// wide sets the whole title smaller (down to 11 px).
pub(super) fn titles(p: &mut Painter, fig: &Figure<'_>, layout: &Layout) {
    const SIZE: f32 = 15.0;
    for (t, text) in layout.titles.iter().zip(title_texts(fig)) {
        let lines = title_lines(text, t.max_width, t.lines, SIZE);
        // One size for every line of a title: the size its widest line fits at.
        let size = lines
            .iter()
            .map(|line| SIZE * t.max_width / text_width(line, SIZE))
            .fold(SIZE, f32::min)
            .max(11.0);
        let font = Font {
            bold: true,
            ..Font::plain(size, p.ink.text, Align::Left)
        };
        for (i, line) in lines.into_iter().enumerate() {
            p.text_within(
                t.x,
                t.y - 4.0 + 18.0 * i as f32,
                line,
                font,
                Some(t.max_width),
            );
        }
    }
}

/// Every grid in the layout's order: inputs, kernels, outputs. Grids never overlap, so they are
/// painted in three layers rather than one grid after another: the cells (with the lines between
/// them and the values written in them), then the outlines, then the labels. The picture is the
/// same, and a backend draws thousands of kernel frames in a row as one path.
pub(super) fn grids(p: &mut Painter, fig: &Figure<'_>, layout: &Layout, scales: &Scales) {
    let start = p.items.len();
    for g in &layout.grids {
        match g.band {
            Band::Input(c) => input(p, fig, g, c, &scales.input),
            Band::Kernel(oc, ci) => kernel(p, fig, layout, g, (oc, ci), &scales.weight),
            Band::Output(c) => output(p, fig, g, c, &scales.output),
        }
    }
    // Each layer keeps the grids' order.
    let (mut cells, mut outlines, mut words) = (Vec::new(), Vec::new(), Vec::new());
    for item in p.items.split_off(start) {
        match item {
            // A value is centred in its cell; a label starts at its grid's left edge.
            Item::Heatmap { .. }
            | Item::GridLines { .. }
            | Item::Text {
                align: Align::Center,
                ..
            } => cells.push(item),
            Item::Rect { .. } => outlines.push(item),
            Item::Text { .. } => words.push(item),
        }
    }
    p.items
        .extend(cells.into_iter().chain(outlines).chain(words));
}

/// Group `i`'s colour for a frame, when the layer has groups.
fn group(l: &Layer, i: usize) -> Option<usize> {
    (l.groups > 1).then_some(i)
}

/// Padded input channel `c`: real cells in full colour, copies in the padding ring faint, zeros in
/// the padding colour; a dashed outline around the real input when there is a ring.
fn input(p: &mut Painter, fig: &Figure<'_>, g: &GridBox, c: usize, scale: &Scale) {
    let l = fig.layer;
    let [hp, wp] = l.padded();
    let [h, w] = l.input;
    let mut colors = Vec::with_capacity(hp * wp);
    let mut values = Vec::with_capacity(hp * wp);
    for py in 0..hp {
        for px in 0..wp {
            let (color, v) = match l.source(py, px) {
                Source::Input { y, x } => {
                    let v = fig.input.data[(c * h + y) * w + x];
                    (scale.color(v), v)
                }
                Source::Copy { y, x } => {
                    let v = fig.input.data[(c * h + y) * w + x];
                    (faint(scale.color(v), 0.45), v)
                }
                Source::Zero => (p.ink.pad, 0.0),
            };
            colors.push(color);
            values.push(Some(v));
        }
    }
    p.grid(g, &colors, &values);
    if [hp, wp] != [h, w] {
        // The real input inside the padding ring.
        let (ox, oy) = g.cell_origin(l.pad.top.max(0) as usize, l.pad.left.max(0) as usize);
        let stroke = Stroke {
            dashed: true,
            ..Stroke::solid(p.ink.muted, 1.5)
        };
        let (rw, rh) = (w.min(wp) as f32 * g.cell, h.min(hp) as f32 * g.cell);
        p.outline((ox, oy, rw, rh), stroke);
    }
    p.frame(g, group(l, l.group_of_input(c)));
    p.label(g, fig.words.input_channel, c, l.in_channels - 1, g.width());
}

/// Kernel slice `(oc, ci)`; the first of each output channel's row carries the row's label.
fn kernel(
    p: &mut Painter,
    fig: &Figure<'_>,
    layout: &Layout,
    g: &GridBox,
    (oc, ci): (usize, usize),
    scale: &Scale,
) {
    let l = fig.layer;
    let n = l.kernel[0] * l.kernel[1];
    let base = (oc * l.in_per_group() + ci) * n;
    let vals = &fig.weight.data[base..base + n];
    let colors: Vec<Rgba> = vals.iter().map(|&v| scale.color(v)).collect();
    let values: Vec<Option<f32>> = vals.iter().map(|&v| Some(v)).collect();
    p.grid(g, &colors, &values);
    p.frame(g, group(l, l.group_of_output(oc)));
    if ci == 0 {
        // The label may run over this output channel's whole row of kernels.
        let row_end = layout
            .grids
            .iter()
            .filter(|h| matches!(h.band, Band::Kernel(o, _) if o == oc))
            .map(|h| h.x + h.width())
            .fold(g.x + g.width(), f32::max);
        let last = l.out_channels - 1;
        p.label(g, fig.words.output_channel, oc, last, row_end - g.x);
    }
}

/// Count `k` of at most `most` on a sequential scale from the paper to [`crate::palette::COUNT`].
fn count_color(paper: Rgba, k: u32, most: u32) -> Rgba {
    let to = crate::palette::COUNT;
    let f = k as f32 / most as f32;
    let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * f).round() as u8;
    Rgba(
        mix(paper.0, to.0),
        mix(paper.1, to.1),
        mix(paper.2, to.2),
        255,
    )
}

/// Output channel `c`: the cells computed so far (channel-major) in colour, the rest empty; or, for
/// a transposed convolution's overlap map, the count of kernel taps reaching each cell.
fn output(p: &mut Painter, fig: &Figure<'_>, g: &GridBox, c: usize, scale: &Scale) {
    let l = fig.layer;
    let [_, ho, wo] = l.output_shape();
    let n = ho * wo;
    let overlap = fig.transposed.and_then(|t| t.overlap);
    let (colors, values): (Vec<Rgba>, Vec<Option<f32>>) = match overlap {
        Some(counts) => {
            let most = counts.iter().copied().max().unwrap_or(0).max(1);
            counts
                .iter()
                .map(|&k| (count_color(p.ink.paper, k, most), Some(k as f32)))
                .unzip()
        }
        None => (c * n..c * n + n)
            .map(|i| match fig.output.get(i) {
                Some(&v) if i < fig.filled => (scale.color(v), Some(v)),
                _ => (p.ink.empty, None),
            })
            .unzip(),
    };
    p.grid(g, &colors, &values);
    p.frame(g, group(l, l.group_of_output(c)));
    p.label(
        g,
        fig.words.output_channel,
        c,
        l.out_channels - 1,
        g.width(),
    );
}

/// The bias boxes beside the kernel rows (none without a bias): the value's colour, the value when
/// it fits, and a "b" above.
pub(super) fn bias(p: &mut Painter, fig: &Figure<'_>, layout: &Layout, scales: &Scales) {
    let Some(b) = fig.bias else { return };
    for (&v, &(x, y, side)) in b.iter().zip(&layout.bias) {
        let fill = scales.weight.color(v);
        p.items.push(Item::Rect {
            x,
            y,
            w: side,
            h: side,
            fill: Some(fill),
            stroke: Some(p.ink.muted),
            line: 1.0,
            dashed: false,
        });
        if side >= 14.0 {
            let font = Font::plain((side * 0.4).clamp(8.0, 14.0), fill.text_on(), Align::Center);
            p.text(x + side / 2.0, y + side / 2.0, fmt_value(v), font);
        }
        p.text(x, y - 8.0, "b", Font::plain(12.0, p.ink.muted, Align::Left));
    }
}

#[cfg(test)]
mod tests {
    use super::title_lines;

    #[test]
    fn a_title_too_wide_breaks_where_a_reader_would() {
        let at = |t: &str, w: f32, lines: u8| title_lines(t.to_string(), w, lines, 15.0);
        assert_eq!(at("output (2, 3, 3)", 500.0, 2), ["output (2, 3, 3)"]);
        assert_eq!(at("output (2, 3, 3)", 100.0, 2), ["output", "(2, 3, 3)"]);
        assert_eq!(at("output (2, 3, 3)", 100.0, 1), ["output (2, 3, 3)"]);
        assert_eq!(
            at("weight (2, 3, 3, 3) · bias (2,)", 200.0, 2),
            ["weight (2, 3, 3, 3)", "bias (2,)"]
        );
        // The first line as full as fits.
        assert_eq!(
            at("输出 (16, 128, 128)", 80.0, 2),
            ["输出", "(16, 128, 128)"]
        );
    }
}
