//! The picture view: the input and every output channel drawn as images (one pixel per cell,
//! scaled without smoothing), for inputs too large for a grid of numbers. A three-channel input
//! is one colour image; outputs use the figure's diverging scale. The output cell in focus is
//! outlined, and its receptive field on the input.

use conv2d_core::receptive::{taps, OutputCell};
use conv2d_core::{Layer, Tensor};

use crate::palette::{Ink, Rgba, Scale, FOCUS};
use crate::scene::{Align, Item, Scene};

/// The room a title takes above an image.
const TITLE: f32 = 22.0;
/// Between images.
const GAP: f32 = 16.0;
/// The largest an image is drawn (CSS px on its long side).
const MAX_SIDE: f32 = 384.0;

/// What an image shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shows {
    /// The three input channels as one colour image.
    InputRgb,
    /// Input channel `c`.
    Input(usize),
    /// Output channel `c`.
    Output(usize),
}

/// One image and where it is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ImageBox {
    /// What it shows.
    pub shows: Shows,
    /// Left of the image (below its title).
    pub x: f32,
    /// Top of the image.
    pub y: f32,
    /// CSS px per cell.
    pub cell: f32,
    /// Rows.
    pub rows: usize,
    /// Columns.
    pub cols: usize,
}

impl ImageBox {
    /// The cell `(row, col)` under `(px, py)`, if inside.
    pub fn cell_at(&self, px: f32, py: f32) -> Option<(usize, usize)> {
        crate::layout::cell_under(
            (self.x, self.y),
            self.cell,
            (self.rows, self.cols),
            (px, py),
        )
    }
}

/// Where every image goes in `width` px: the input first, then the outputs, left to right,
/// wrapping; each image as large as fits ([`MAX_SIDE`] at most, and the room there is).
#[derive(Clone, Debug, PartialEq)]
pub struct PictureLayout {
    /// The images.
    pub images: Vec<ImageBox>,
    /// Width in CSS px.
    pub width: f32,
    /// Height in CSS px.
    pub height: f32,
}

impl PictureLayout {
    /// The layout of `layer`'s input and output in `width` px.
    pub fn new(layer: &Layer, width: f32) -> Self {
        let [cin, h, w] = layer.input_shape();
        let [cout, ho, wo] = layer.output_shape();
        let mut shows: Vec<Shows> = if cin == 3 {
            vec![Shows::InputRgb]
        } else {
            (0..cin).map(Shows::Input).collect()
        };
        shows.extend((0..cout).map(Shows::Output));
        let side = MAX_SIDE.min(width - 2.0 * GAP).max(16.0);
        let cell_in = side / h.max(w) as f32;
        // Outputs as large as the input's cells make them, so a pixel lines up with its window.
        let cell_out = (cell_in * h.max(w) as f32 / ho.max(wo).max(1) as f32).min(cell_in * 4.0);
        let (mut x, mut y, mut row_h) = (GAP, GAP, 0.0f32);
        let mut images = Vec::new();
        for s in shows {
            let (rows, cols, cell) = match s {
                Shows::Output(_) => (ho, wo, cell_out),
                _ => (h, w, cell_in),
            };
            let (iw, ih) = (cols as f32 * cell, rows as f32 * cell);
            if x > GAP && x + iw > width - GAP {
                x = GAP;
                y += row_h + GAP;
                row_h = 0.0;
            }
            images.push(ImageBox {
                shows: s,
                x,
                y: y + TITLE,
                cell,
                rows,
                cols,
            });
            x += iw + GAP;
            row_h = row_h.max(ih + TITLE);
        }
        Self {
            images,
            width,
            height: y + row_h + GAP,
        }
    }

    /// The output cell under `(px, py)`.
    pub fn output_at(&self, px: f32, py: f32) -> Option<OutputCell> {
        self.images.iter().find_map(|b| match b.shows {
            Shows::Output(channel) => b.cell_at(px, py).map(|(y, x)| OutputCell { channel, y, x }),
            _ => None,
        })
    }
}

/// The data a picture view shows.
#[derive(Clone, Copy, Debug)]
pub struct Pictures<'a> {
    /// The layer.
    pub layer: &'a Layer,
    /// Input (C, H, W).
    pub input: &'a Tensor,
    /// Output, row-major (C_out, H_out, W_out).
    pub output: &'a [f32],
    /// The output cell in focus.
    pub focus: Option<OutputCell>,
    /// Title words: input, output, and the prefixes of channels.
    pub words: &'a crate::scene::Words,
}

fn max_abs(v: &[f32]) -> f32 {
    v.iter().fold(0.0f32, |m, x| m.max(x.abs()))
}

impl Pictures<'_> {
    /// The scene in `layout`, in `ink`.
    pub fn scene(&self, layout: &PictureLayout, ink: Ink) -> Scene {
        let mut items = Vec::new();
        let [cin, h, w] = self.layer.input_shape();
        let [_, ho, wo] = self.layer.output_shape();
        let in_scale = Scale::new(max_abs(&self.input.data));
        let out_scale = Scale::new(max_abs(self.output));
        // The colour image spans the input's own range (ImageNet-normalised values included).
        let (lo, hi) = self
            .input
            .data
            .iter()
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), &v| {
                (a.min(v), b.max(v))
            });
        let to_byte = |v: f32| {
            let span = (hi - lo).max(f32::EPSILON);
            (((v - lo) / span).clamp(0.0, 1.0) * 255.0).round() as u8
        };
        for b in &layout.images {
            let (rgba, title): (Vec<u8>, String) = match b.shows {
                Shows::InputRgb => {
                    let plane = h * w;
                    let rgba = (0..plane)
                        .flat_map(|i| {
                            let d = &self.input.data;
                            [
                                to_byte(d[i]),
                                to_byte(d[plane + i]),
                                to_byte(d[2 * plane + i]),
                                255,
                            ]
                        })
                        .collect();
                    (rgba, format!("{} (3, {h}, {w}) · RGB", self.words.input))
                }
                Shows::Input(c) => {
                    let d = &self.input.data[c * h * w..(c + 1) * h * w];
                    let rgba = d.iter().flat_map(|&v| in_scale.color(v).bytes()).collect();
                    let name = if cin == 1 {
                        format!("{} (1, {h}, {w})", self.words.input)
                    } else {
                        format!("{} {c}", self.words.input_channel)
                    };
                    (rgba, name)
                }
                Shows::Output(c) => {
                    let d = &self.output[c * ho * wo..(c + 1) * ho * wo];
                    let rgba = d.iter().flat_map(|&v| out_scale.color(v).bytes()).collect();
                    (
                        rgba,
                        format!("{} {c} ({ho}×{wo})", self.words.output_channel),
                    )
                }
            };
            items.push(Item::Text {
                x: b.x,
                y: b.y - TITLE / 2.0,
                text: title,
                size: 13.0,
                color: ink.text,
                align: Align::Left,
                bold: false,
                fit: Some((b.cols as f32 * b.cell).max(60.0)),
            });
            items.push(Item::Heatmap {
                x: b.x,
                y: b.y,
                cell: b.cell,
                rows: b.rows,
                cols: b.cols,
                rgba,
            });
        }
        items.extend(self.focus_layer(layout).items);
        Scene {
            width: layout.width,
            height: layout.height,
            items,
            paper: ink.paper,
        }
    }

    /// Only the focus's outlines ([`Pictures::scene`] ends with them), on transparent paper: a layer
    /// a page draws over the images as the focus moves, the images drawn once (`focus: None`).
    pub fn focus_layer(&self, layout: &PictureLayout) -> Scene {
        let mut items = Vec::new();
        if let Some(cell) = self.focus {
            self.outline_focus(&mut items, layout, cell);
        }
        Scene {
            width: layout.width,
            height: layout.height,
            items,
            paper: Rgba(0, 0, 0, 0),
        }
    }

    /// The focused output cell outlined, and the box of input cells its sum reads.
    fn outline_focus(&self, items: &mut Vec<Item>, layout: &PictureLayout, cell: OutputCell) {
        let t = taps(self.layer, cell.channel, cell.y, cell.x);
        let cells: Vec<(usize, usize)> = t.iter().filter_map(|t| t.source.input_cell()).collect();
        let outline = |x: f32, y: f32, w: f32, h: f32| Item::Rect {
            x,
            y,
            w,
            h,
            fill: None,
            stroke: Some(FOCUS),
            line: 2.0,
            dashed: false,
        };
        for b in &layout.images {
            match b.shows {
                Shows::Output(c) if c == cell.channel => {
                    let s = b.cell.max(3.0);
                    let (x, y) = (b.x + cell.x as f32 * b.cell, b.y + cell.y as f32 * b.cell);
                    items.push(outline(
                        x + b.cell / 2.0 - s / 2.0,
                        y + b.cell / 2.0 - s / 2.0,
                        s,
                        s,
                    ));
                }
                Shows::InputRgb | Shows::Input(_) if !cells.is_empty() => {
                    let (y0, y1) = cells
                        .iter()
                        .fold((usize::MAX, 0), |(a, z), &(y, _)| (a.min(y), z.max(y)));
                    let (x0, x1) = cells
                        .iter()
                        .fold((usize::MAX, 0), |(a, z), &(_, x)| (a.min(x), z.max(x)));
                    items.push(outline(
                        b.x + x0 as f32 * b.cell,
                        b.y + y0 as f32 * b.cell,
                        (x1 - x0 + 1) as f32 * b.cell,
                        (y1 - y0 + 1) as f32 * b.cell,
                    ));
                }
                _ => {}
            }
        }
    }
}

/// The window of the input that output cell `cell` reads, as a layer of its own: the same kernel,
/// dilation and groups with stride 1 and no padding, on the `(C, ext_h, ext_w)` window of the
/// padded input (zeros and padding copies filled in as the layer fills them). Its output is the
/// column of `layer`'s output at `(y, x)`, one cell per channel — the grid figure of a zoomed
/// window, cells large enough to read.
pub fn window(layer: &Layer, input: &Tensor, cell: OutputCell) -> Option<(Layer, Tensor)> {
    let [cin, h, w] = layer.input_shape();
    let [_, ho, wo] = layer.output_shape();
    if cell.y >= ho || cell.x >= wo {
        return None;
    }
    let [eh, ew] = layer.kernel_extent();
    let (y0, x0) = (cell.y * layer.stride[0], cell.x * layer.stride[1]);
    let mut data = vec![0f32; cin * eh * ew];
    for c in 0..cin {
        for i in 0..eh {
            for j in 0..ew {
                if let Some((y, x)) = layer.source(y0 + i, x0 + j).input_cell() {
                    data[(c * eh + i) * ew + j] = input.data[(c * h + y) * w + x];
                }
            }
        }
    }
    let as_i = |v: usize| v as i64;
    let spec = conv2d_core::Conv2dSpec {
        in_channels: as_i(cin),
        out_channels: as_i(layer.out_channels),
        kernel_size: conv2d_core::Pair::new(as_i(layer.kernel[0]), as_i(layer.kernel[1])),
        stride: conv2d_core::Pair::square(1),
        padding: conv2d_core::PaddingArg::Explicit(conv2d_core::Pair::square(0)),
        dilation: conv2d_core::Pair::new(as_i(layer.dilation[0]), as_i(layer.dilation[1])),
        groups: as_i(layer.groups),
        bias: layer.bias,
        padding_mode: "zeros".into(),
    };
    let mini = conv2d_core::validate(&spec, [as_i(cin), as_i(eh), as_i(ew)]).ok()?;
    Some((
        mini,
        Tensor {
            shape: vec![cin, eh, ew],
            data,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use conv2d_core::data::{self, InputData, KernelData};
    use conv2d_core::{forward::forward, validate, Conv2dSpec, PaddingArg, Pair};

    /// The window's own layer gives the big layer's output at that cell, in every channel, for
    /// every padding mode (its zeros and copies filled in).
    #[test]
    fn a_windows_layer_computes_the_cell_it_was_cut_for() {
        for mode in ["zeros", "reflect", "replicate", "circular"] {
            let mut spec = Conv2dSpec::new(4, 4, Pair::new(3, 2));
            spec.padding = PaddingArg::Explicit(Pair::square(1));
            spec.stride = Pair::new(2, 1);
            spec.dilation = Pair::new(1, 2);
            spec.groups = 2;
            spec.padding_mode = mode.into();
            let layer = validate(&spec, [4, 9, 8]).unwrap();
            let x = data::input(&layer, InputData::Seeded, 3);
            let (w, b) = data::weights(&layer, KernelData::Seeded, 3).unwrap();
            let out = forward(&layer, &x, &w, b.as_deref());
            let [cout, ho, wo] = layer.output_shape();
            for (y, xx) in [(0, 0), (ho - 1, wo - 1), (ho / 2, 1)] {
                let (mini, win) = window(
                    &layer,
                    &x,
                    OutputCell {
                        channel: 0,
                        y,
                        x: xx,
                    },
                )
                .unwrap();
                let got = forward(&mini, &win, &w, b.as_deref());
                assert_eq!(got.shape, [cout, 1, 1]);
                for c in 0..cout {
                    assert_eq!(got.data[c], out.at(&[c, y, xx]), "{mode} ({c}, {y}, {xx})");
                }
            }
        }
    }

    /// The images without the focus, then its layer on top, are the whole scene, item for item.
    #[test]
    fn the_images_and_the_focus_layer_make_the_scene_with_the_focus() {
        let mut spec = Conv2dSpec::new(3, 2, Pair::square(3));
        spec.stride = Pair::square(2);
        let layer = validate(&spec, [3, 12, 10]).unwrap();
        let x = data::input(&layer, InputData::Seeded, 5);
        let (w, b) = data::weights(&layer, KernelData::Seeded, 5).unwrap();
        let out = forward(&layer, &x, &w, b.as_deref());
        let layout = PictureLayout::new(&layer, 700.0);
        let words = crate::scene::Words::EN;
        let focus = Some(OutputCell {
            channel: 1,
            y: 2,
            x: 3,
        });
        let at = |focus| Pictures {
            layer: &layer,
            input: &x,
            output: &out.data,
            focus,
            words: &words,
        };
        let whole = at(focus).scene(&layout, Ink::LIGHT);
        let mut parts = at(None).scene(&layout, Ink::LIGHT);
        let top = at(focus).focus_layer(&layout);
        assert!(!top.items.is_empty() && top.paper.3 == 0);
        assert_eq!((top.width, top.height), (whole.width, whole.height));
        parts.items.extend(top.items);
        assert_eq!(parts, whole);
        assert!(at(None).focus_layer(&layout).items.is_empty());
    }

    #[test]
    fn every_output_pixel_is_found_where_it_is_drawn_and_images_fit_the_width() {
        let mut spec = Conv2dSpec::new(3, 4, Pair::square(3));
        spec.padding = PaddingArg::Explicit(Pair::square(1));
        let layer = validate(&spec, [3, 96, 128]).unwrap();
        for width in [360.0, 800.0, 1400.0] {
            let l = PictureLayout::new(&layer, width);
            assert_eq!(l.images.len(), 1 + 4, "one colour input, four outputs");
            for b in &l.images {
                assert!(b.x + b.cols as f32 * b.cell <= width, "{b:?} in {width}");
                if let Shows::Output(c) = b.shows {
                    for (y, x) in [(0, 0), (95, 127), (40, 7)] {
                        let (px, py) = (
                            b.x + (x as f32 + 0.5) * b.cell,
                            b.y + (y as f32 + 0.5) * b.cell,
                        );
                        assert_eq!(l.output_at(px, py), Some(OutputCell { channel: c, y, x }));
                    }
                }
            }
        }
    }
}
