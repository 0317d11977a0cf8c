//! The sliding-kernel animation as data: which output cell each step computes, and an animated GIF
//! encoder fed one RGBA frame at a time (so the page can show progress between frames).

use conv2d_core::receptive::OutputCell;
use conv2d_core::Layer;

use crate::highlight::Focus;

/// Frames in the animation: one per output cell, then the finished output.
pub fn steps(layer: &Layer) -> usize {
    layer.output_shape().iter().product::<usize>() + 1
}

/// The focus at animation step `step` (channel-major over the output; none once finished).
pub fn focus_at(layer: &Layer, step: usize) -> Focus {
    let [c, h, w] = layer.output_shape();
    if step < c * h * w {
        Focus::Output(OutputCell {
            channel: step / (h * w),
            y: step / w % h,
            x: step % w,
        })
    } else {
        Focus::None
    }
}

/// An animated GIF being written frame by frame.
pub struct GifWriter {
    encoder: gif::Encoder<Vec<u8>>,
    width: u16,
    height: u16,
    delay_cs: u16,
}

impl GifWriter {
    /// A looping GIF of `width × height` pixels, each frame shown `delay_cs` hundredths of a second.
    pub fn new(width: u16, height: u16, delay_cs: u16) -> Result<Self, String> {
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
        })
    }

    /// Adds a frame of RGBA pixels (row-major, `width × height × 4` bytes).
    pub fn add_rgba(&mut self, rgba: &mut [u8]) -> Result<(), String> {
        if rgba.len() != usize::from(self.width) * usize::from(self.height) * 4 {
            return Err(format!(
                "frame has {} bytes, expected {}×{}×4",
                rgba.len(),
                self.width,
                self.height
            ));
        }
        let mut frame = gif::Frame::from_rgba_speed(self.width, self.height, rgba, 10);
        frame.delay = self.delay_cs;
        self.encoder.write_frame(&frame).map_err(|e| e.to_string())
    }

    /// The finished file.
    pub fn finish(self) -> Result<Vec<u8>, String> {
        self.encoder.into_inner().map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use conv2d_core::{validate, Conv2dSpec};

    #[test]
    fn steps_walk_every_output_cell_then_finish() {
        let layer = validate(&Conv2dSpec::figure1(), [3, 7, 7]).unwrap();
        assert_eq!(steps(&layer), 2 * 3 * 3 + 1);
        assert_eq!(
            focus_at(&layer, 4),
            Focus::Output(OutputCell {
                channel: 0,
                y: 1,
                x: 1
            })
        );
        assert_eq!(focus_at(&layer, 18), Focus::None);
    }

    #[test]
    fn a_gif_has_its_frames_and_size() {
        let mut w = GifWriter::new(4, 3, 20).unwrap();
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
