//! The animated GIF encoder: the first frame whole, then only what changed, unchanged pixels
//! transparent.

/// An animated GIF being written frame by frame.
///
/// Frames are opaque (alpha is ignored). The first frame is stored whole; every later frame stores
/// only the rectangle that changed, with the pixels that did not change inside it left transparent
/// so the frame before shows through. Between two steps of the animation only the highlight and one
/// output cell change, so a figure's GIF is several times smaller and faster to encode than one made
/// of whole frames.
pub struct GifWriter {
    encoder: gif::Encoder<Vec<u8>>,
    width: u16,
    height: u16,
    delay_cs: u16,
    /// The previous frame as given (opaque RGBA), to find what changed.
    prev: Option<Vec<u8>>,
}

/// The palette index that means "unchanged: show the frame before".
const KEEP: u8 = 255;

impl GifWriter {
    /// A looping GIF of `width × height` pixels, each frame shown `delay_cs` hundredths of a second;
    /// an error when a side is over the 65,535 pixels a GIF can describe.
    pub fn new(width: u32, height: u32, delay_cs: u16) -> Result<Self, String> {
        let side = |n: u32, what: &str| {
            u16::try_from(n).map_err(|_| {
                format!(
                    "the GIF would be {n} px {what}; GIF allows at most {}",
                    u16::MAX
                )
            })
        };
        let (width, height) = (side(width, "wide")?, side(height, "tall")?);
        let mut encoder =
            gif::Encoder::new(Vec::new(), width, height, &[]).map_err(|e| e.to_string())?;
        encoder
            .set_repeat(gif::Repeat::Infinite)
            .map_err(|e| e.to_string())?;
        Ok(Self {
            encoder,
            width,
            height,
            delay_cs,
            prev: None,
        })
    }

    /// Width and height in pixels.
    pub fn size(&self) -> (u32, u32) {
        (u32::from(self.width), u32::from(self.height))
    }

    /// Adds a frame of RGBA pixels (row-major, `width × height × 4` bytes; alpha is ignored).
    pub fn add_rgba(&mut self, rgba: &mut [u8]) -> Result<(), String> {
        let (w, h) = (usize::from(self.width), usize::from(self.height));
        if rgba.len() != w * h * 4 {
            return Err(format!(
                "frame has {} bytes, expected {}×{}×4",
                rgba.len(),
                self.width,
                self.height
            ));
        }
        for px in rgba.chunks_exact_mut(4) {
            px[3] = 255;
        }
        let mut frame = delta_frame(self.prev.as_deref(), rgba, w, h);
        frame.delay = self.delay_cs;
        frame.dispose = gif::DisposalMethod::Keep;
        self.encoder
            .write_frame(&frame)
            .map_err(|e| e.to_string())?;
        match &mut self.prev {
            Some(prev) => prev.copy_from_slice(rgba),
            None => self.prev = Some(rgba.to_vec()),
        }
        Ok(())
    }

    /// Bytes written so far (the header, the frames added; not yet the one-byte trailer).
    pub fn encoded_len(&self) -> usize {
        self.encoder.get_ref().len()
    }

    /// The finished file.
    pub fn finish(self) -> Result<Vec<u8>, String> {
        self.encoder.into_inner().map_err(|e| e.to_string())
    }
}

/// The part of `next` that differs from `prev` (both opaque RGBA, `w × h`; all of it for the first
/// frame): the bounding rectangle of the changed pixels, unchanged ones transparent. An unchanged
/// frame is one transparent pixel.
fn delta_frame(prev: Option<&[u8]>, next: &[u8], w: usize, h: usize) -> gif::Frame<'static> {
    let changed = |i: usize| prev.is_none_or(|p| p[i * 4..i * 4 + 3] != next[i * 4..i * 4 + 3]);
    let (mut x0, mut y0, mut x1, mut y1) = (w, h, 0, 0);
    for y in 0..h {
        for x in 0..w {
            if changed(y * w + x) {
                (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x + 1), y1.max(y + 1));
            }
        }
    }
    if x0 >= x1 {
        return gif::Frame {
            width: 1,
            height: 1,
            buffer: vec![KEEP].into(),
            palette: Some(vec![0; 3 * 256]),
            transparent: Some(KEEP),
            ..gif::Frame::default()
        };
    }
    let (rw, rh) = (x1 - x0, y1 - y0);
    let region = (y0..y1).flat_map(|y| (x0..x1).map(move |x| y * w + x));
    let samples: Vec<u8> = region
        .clone()
        .filter(|&i| changed(i))
        .flat_map(|i| next[i * 4..i * 4 + 4].iter().copied())
        .collect();
    let quantise = Quantiser::new(&samples);
    let buffer: Vec<u8> = region
        .map(|i| {
            if changed(i) {
                quantise.index(&next[i * 4..i * 4 + 4])
            } else {
                KEEP
            }
        })
        .collect();
    gif::Frame {
        left: x0 as u16,
        top: y0 as u16,
        width: rw as u16,
        height: rh as u16,
        buffer: buffer.into(),
        palette: Some(quantise.palette()),
        transparent: Some(KEEP),
        ..gif::Frame::default()
    }
}

/// At most 255 colours for the changed pixels (index 255 is kept for "unchanged"): exact when they
/// have that few, else NeuQuant trained on them.
enum Quantiser {
    Exact(Vec<[u8; 4]>),
    NeuQuant(color_quant::NeuQuant),
}

impl Quantiser {
    fn new(rgba: &[u8]) -> Self {
        let mut colors: Vec<[u8; 4]> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for px in rgba.chunks_exact(4) {
            let c = [px[0], px[1], px[2], px[3]];
            if seen.insert(c) {
                colors.push(c);
                if colors.len() > usize::from(KEEP) {
                    // Few samples in a small region: learn from every one of them; a whole figure
                    // (hundreds of thousands of pixels of flat cells): from one in up to 30, which
                    // keeps a frame to a few tens of milliseconds.
                    let sample_factor = (rgba.len() / 4 / 20_000).clamp(1, 30) as i32;
                    return Self::NeuQuant(color_quant::NeuQuant::new(
                        sample_factor,
                        usize::from(KEEP),
                        rgba,
                    ));
                }
            }
        }
        colors.sort_unstable();
        Self::Exact(colors)
    }

    fn index(&self, px: &[u8]) -> u8 {
        match self {
            // Every changed colour is in the palette; were one not, it would show as the first.
            Self::Exact(colors) => colors
                .binary_search(&[px[0], px[1], px[2], px[3]])
                .map_or(0, |i| i as u8),
            Self::NeuQuant(nq) => nq.index_of(px) as u8,
        }
    }

    /// 256 RGB entries; the last (transparent) is black.
    fn palette(&self) -> Vec<u8> {
        let mut rgb = match self {
            Self::Exact(colors) => colors.iter().flat_map(|c| [c[0], c[1], c[2]]).collect(),
            Self::NeuQuant(nq) => nq.color_map_rgb(),
        };
        rgb.resize(3 * 256, 0);
        rgb
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Decodes a GIF the way a browser shows it: each frame drawn over the one before, transparent
    /// pixels leaving it as it was.
    pub(crate) fn played(bytes: &[u8]) -> Vec<Vec<u8>> {
        let mut opts = gif::DecodeOptions::new();
        opts.set_color_output(gif::ColorOutput::RGBA);
        let mut d = opts.read_info(bytes).unwrap();
        let w = usize::from(d.width());
        let mut screen = vec![0u8; w * usize::from(d.height()) * 4];
        let mut shown = Vec::new();
        while let Some(f) = d.read_next_frame().unwrap() {
            assert_eq!(f.dispose, gif::DisposalMethod::Keep);
            let (fw, fh) = (usize::from(f.width), usize::from(f.height));
            for y in 0..fh {
                for x in 0..fw {
                    let src = &f.buffer[(y * fw + x) * 4..][..4];
                    if src[3] != 0 {
                        let at = ((usize::from(f.top) + y) * w + usize::from(f.left) + x) * 4;
                        screen[at..at + 4].copy_from_slice(src);
                    }
                }
            }
            shown.push(screen.clone());
        }
        shown
    }

    /// Mean absolute difference per channel.
    fn mean_error(a: &[u8], b: &[u8]) -> f64 {
        let sum: u64 = a
            .iter()
            .zip(b)
            .map(|(x, y)| u64::from(x.abs_diff(*y)))
            .sum();
        sum as f64 / a.len() as f64
    }

    #[test]
    fn delta_frames_play_back_as_the_frames_given() {
        let (w, h) = (64usize, 48usize);
        // A gradient with thousands of colours (NeuQuant), then a small square of three colours
        // moving over it (exact palette), a frame that changes nothing, and a changed gradient patch.
        let base: Vec<u8> = (0..w * h)
            .flat_map(|i| [(i % w * 4) as u8, (i / w * 5) as u8, 90, 255])
            .collect();
        let square = |at: usize| {
            let mut f = base.clone();
            for y in 10..20 {
                for x in at..at + 10 {
                    let c = [[230, 159, 0, 255], [0, 114, 178, 255], [255, 255, 255, 255]][x % 3];
                    f[(y * w + x) * 4..][..4].copy_from_slice(&c);
                }
            }
            f
        };
        let mut patch = square(30);
        for y in 25..45 {
            for x in 5..60 {
                patch[(y * w + x) * 4..][..3].copy_from_slice(&[(x * 3) as u8, (y * 7) as u8, 200]);
            }
        }
        let given = vec![base.clone(), square(4), square(30), square(30), patch];
        let mut g = GifWriter::new(w as u32, h as u32, 20).unwrap();
        for f in &given {
            g.add_rgba(&mut f.clone()).unwrap();
        }
        let bytes = g.finish().unwrap();
        let shown = played(&bytes);
        assert_eq!(shown.len(), given.len());
        // A frame is as close to what was given as the first one (where quantising the gradient
        // costs the same either way): nothing is lost or misplaced between frames.
        let first = mean_error(&shown[0], &given[0]);
        assert!(
            first < 4.0,
            "the first frame is off by {first:.2} on average"
        );
        for (i, (s, f)) in shown.iter().zip(&given).enumerate() {
            let err = mean_error(s, f);
            eprintln!("frame {i}: mean error {err:.3}");
            assert!(
                err <= first + 0.5,
                "frame {i} is off by {err:.2} on average"
            );
        }
        // The square's own pixels are exact (three colours need no quantisation).
        let at = (15 * w + 31) * 4;
        assert_eq!(shown[2][at..at + 4], given[2][at..at + 4]);
        // Where the square was, the gradient shows again.
        let strip = |f: &[u8]| -> Vec<u8> {
            (10..20)
                .flat_map(|y| f[(y * w + 4) * 4..(y * w + 14) * 4].to_vec())
                .collect()
        };
        let err = mean_error(&strip(&shown[2]), &strip(&base));
        assert!(err <= first + 0.5, "the uncovered strip is off by {err:.2}");
    }

    #[test]
    fn a_side_over_65535_is_an_error_not_a_smaller_gif() {
        let wide = GifWriter::new(70_000u32, 10u32, 5).err();
        assert_eq!(
            wide.as_deref(),
            Some("the GIF would be 70000 px wide; GIF allows at most 65535")
        );
        let tall = GifWriter::new(10u32, 65_536u32, 5).err();
        assert_eq!(
            tall.as_deref(),
            Some("the GIF would be 65536 px tall; GIF allows at most 65535")
        );
        let largest = GifWriter::new(65_535u32, 1u32, 5).map(|w| w.size());
        assert_eq!(largest, Ok((65_535, 1)));
    }

    #[test]
    fn a_gif_has_its_frames_and_size() {
        let mut w = GifWriter::new(4u32, 3u32, 20).unwrap();
        for shade in [0u8, 128, 255] {
            let mut px: Vec<u8> = (0..12).flat_map(|_| [shade, 64, 200, 255]).collect();
            w.add_rgba(&mut px).unwrap();
        }
        assert!(w.add_rgba(&mut [0; 8]).is_err());
        let bytes = w.finish().unwrap();
        let mut opts = gif::DecodeOptions::new();
        opts.set_color_output(gif::ColorOutput::RGBA);
        let mut d = opts.read_info(bytes.as_slice()).unwrap();
        assert_eq!((d.width(), d.height()), (4, 3));
        let mut n = 0;
        while d.read_next_frame().unwrap().is_some() {
            n += 1;
        }
        assert_eq!(n, 3);
    }
}
