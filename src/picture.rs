//! The reader's own picture as the input: the decoded pixels (at most [`KEEP`] px on the long side,
//! decoded by the browser in `platform`), fitted to the input's size by covering it (the picture
//! scaled until it fills the input, the overflow cropped evenly) with an area-averaging resample,
//! then turned into channels (RGB, or grey for one channel) scaled to [0, 1] or normalised with
//! ImageNet's mean and std. Pure Rust: tested natively.

use std::rc::Rc;

use conv2d_core::Tensor;

/// The longest side kept of a decoded picture (the input is at most 256 × 256, in the picture view).
pub const KEEP: u32 = 256;

/// The largest file read (bytes): larger ones are refused before decoding.
pub const MAX_BYTES: f64 = 25.0 * 1024.0 * 1024.0;

/// ImageNet's per-channel mean and std (torchvision's `Normalize` for pretrained models).
pub const IMAGENET_MEAN: [f32; 3] = [0.485, 0.456, 0.406];
/// See [`IMAGENET_MEAN`].
pub const IMAGENET_STD: [f32; 3] = [0.229, 0.224, 0.225];

/// A decoded picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    /// RGBA, row-major, `width × height`.
    pub rgba: Rc<Vec<u8>>,
    /// Width kept.
    pub width: u32,
    /// Height kept.
    pub height: u32,
    /// The file's own size in pixels (width, height).
    pub original: (u32, u32),
    /// The file's name.
    pub name: String,
}

/// How pixel values become input values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scaling {
    /// value / 255, in [0, 1].
    #[default]
    Unit,
    /// (value / 255 − mean) / std with ImageNet's statistics (grey: their averages).
    ImageNet,
}

impl Scaling {
    /// Both, in the menu's order.
    pub const ALL: [Scaling; 2] = [Scaling::Unit, Scaling::ImageNet];

    /// Its name (the menu's value).
    pub fn name(self) -> &'static str {
        match self {
            Scaling::Unit => "unit",
            Scaling::ImageNet => "imagenet",
        }
    }

    /// The scaling called `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// How the picture was fitted: the part of it used (in the kept pixels, scaled back to the
/// file's), as `(x, y, width, height)` of the original.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fitted {
    /// The region of the original picture that fills the input.
    pub used: (u32, u32, u32, u32),
    /// The original's size.
    pub original: (u32, u32),
}

/// Why a picture cannot be the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PictureError {
    /// The layer takes neither 1 (grey) nor 3 (RGB) input channels.
    Channels(usize),
}

/// The input `(c, h, w)` made of `pic`, and how it was fitted.
pub fn to_input(
    pic: &Picture,
    [c, h, w]: [usize; 3],
    scaling: Scaling,
) -> Result<(Tensor, Fitted), PictureError> {
    if c != 1 && c != 3 {
        return Err(PictureError::Channels(c));
    }
    let (pw, ph) = (pic.width as f64, pic.height as f64);
    // Cover: the largest region of the input's aspect ratio, centred.
    let aspect = w as f64 / h as f64;
    let (uw, uh) = if pw / ph > aspect {
        (ph * aspect, ph)
    } else {
        (pw, pw / aspect)
    };
    let (ux, uy) = ((pw - uw) / 2.0, (ph - uh) / 2.0);
    let mut rgb = vec![[0f32; 3]; h * w];
    for (i, px) in rgb.iter_mut().enumerate() {
        let (y, x) = (i / w, i % w);
        // The source box of this input cell, averaged over the pixels it covers.
        let (x0, x1) = (
            ux + uw * x as f64 / w as f64,
            ux + uw * (x + 1) as f64 / w as f64,
        );
        let (y0, y1) = (
            uy + uh * y as f64 / h as f64,
            uy + uh * (y + 1) as f64 / h as f64,
        );
        *px = average(pic, (x0, y0, x1, y1));
    }
    let mut data = vec![0f32; c * h * w];
    for (i, [r, g, b]) in rgb.into_iter().enumerate() {
        let values = if c == 3 {
            [r, g, b]
        } else {
            // ITU-R 601 luma, as PIL's convert("L") and torchvision's rgb_to_grayscale.
            [0.299 * r + 0.587 * g + 0.114 * b; 3]
        };
        for ch in 0..c {
            let v = values[ch] / 255.0;
            data[ch * h * w + i] = match scaling {
                Scaling::Unit => v,
                Scaling::ImageNet if c == 3 => (v - IMAGENET_MEAN[ch]) / IMAGENET_STD[ch],
                Scaling::ImageNet => (v - mean(IMAGENET_MEAN)) / mean(IMAGENET_STD),
            };
        }
    }
    let scale = |v: f64, n: u32, of: f64| (v * f64::from(n) / of).round() as u32;
    let (ow, oh) = pic.original;
    let fitted = Fitted {
        used: (
            scale(ux, ow, pw),
            scale(uy, oh, ph),
            scale(uw, ow, pw),
            scale(uh, oh, ph),
        ),
        original: pic.original,
    };
    Ok((
        Tensor {
            shape: vec![c, h, w],
            data,
        },
        fitted,
    ))
}

fn mean(v: [f32; 3]) -> f32 {
    (v[0] + v[1] + v[2]) / 3.0
}

/// The mean RGB over the source box `(x0, y0, x1, y1)` (pixel units), each pixel weighted by how
/// much of it the box covers; alpha is composited over white.
fn average(pic: &Picture, (x0, y0, x1, y1): (f64, f64, f64, f64)) -> [f32; 3] {
    let mut sum = [0f64; 3];
    let mut area = 0f64;
    let (w, h) = (pic.width as usize, pic.height as usize);
    let (px0, px1) = (x0.floor() as usize, (x1.ceil() as usize).min(w));
    let (py0, py1) = (y0.floor() as usize, (y1.ceil() as usize).min(h));
    for py in py0..py1.max(py0 + 1).min(h) {
        let wy = (y1.min(py as f64 + 1.0) - y0.max(py as f64)).max(0.0);
        for px in px0..px1.max(px0 + 1).min(w) {
            let wx = (x1.min(px as f64 + 1.0) - x0.max(px as f64)).max(0.0);
            let k = wx * wy;
            if k <= 0.0 {
                continue;
            }
            let p = &pic.rgba[(py * w + px) * 4..(py * w + px) * 4 + 4];
            let a = f64::from(p[3]) / 255.0;
            for ch in 0..3 {
                sum[ch] += k * (f64::from(p[ch]) * a + 255.0 * (1.0 - a));
            }
            area += k;
        }
    }
    if area == 0.0 {
        return [255.0; 3];
    }
    sum.map(|s| (s / area) as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picture(width: u32, height: u32, f: impl Fn(u32, u32) -> [u8; 4]) -> Picture {
        let mut rgba = Vec::new();
        for y in 0..height {
            for x in 0..width {
                rgba.extend_from_slice(&f(x, y));
            }
        }
        Picture {
            rgba: Rc::new(rgba),
            width,
            height,
            original: (width * 4, height * 4),
            name: "test.png".into(),
        }
    }

    #[test]
    fn a_picture_of_the_inputs_size_is_taken_pixel_for_pixel() {
        let pic = picture(4, 3, |x, y| [(x * 60) as u8, (y * 100) as u8, 7, 255]);
        let (t, fitted) = to_input(&pic, [3, 3, 4], Scaling::Unit).unwrap();
        for y in 0..3 {
            for x in 0..4 {
                assert_eq!(t.at(&[0, y, x]), (x * 60) as f32 / 255.0);
                assert_eq!(t.at(&[1, y, x]), (y * 100) as f32 / 255.0);
                assert_eq!(t.at(&[2, y, x]), 7.0 / 255.0);
            }
        }
        assert_eq!(
            fitted.used,
            (0, 0, 16, 12),
            "all of it, in the original's pixels"
        );
    }

    #[test]
    fn a_wide_picture_is_cropped_evenly_and_averaged_down() {
        // 8×2: left half black, right half white; into 1×1×1 the centre 2×2 is half and half.
        let pic = picture(8, 2, |x, _| if x < 4 { [0, 0, 0, 255] } else { [255; 4] });
        let (t, fitted) = to_input(&pic, [1, 1, 1], Scaling::Unit).unwrap();
        assert!((t.data[0] - 0.5).abs() < 1e-6, "{}", t.data[0]);
        assert_eq!(fitted.used, (12, 0, 8, 8));
        // Into 1×2×2 (square): the left column black, the right white.
        let (t, _) = to_input(&pic, [1, 2, 2], Scaling::Unit).unwrap();
        assert_eq!(t.data, [0.0, 1.0, 0.0, 1.0]);
    }

    #[test]
    fn grey_follows_luma_and_imagenet_normalises_per_channel() {
        let pic = picture(1, 1, |_, _| [255, 0, 0, 255]);
        let (grey, _) = to_input(&pic, [1, 1, 1], Scaling::Unit).unwrap();
        assert!((grey.data[0] - 0.299).abs() < 1e-6);
        let (rgb, _) = to_input(&pic, [3, 1, 1], Scaling::ImageNet).unwrap();
        assert!((rgb.data[0] - (1.0 - 0.485) / 0.229).abs() < 1e-5);
        assert!((rgb.data[1] - (0.0 - 0.456) / 0.224).abs() < 1e-5);
        assert_eq!(
            to_input(&pic, [2, 1, 1], Scaling::Unit),
            Err(PictureError::Channels(2))
        );
    }

    #[test]
    fn transparency_is_white() {
        let pic = picture(1, 1, |_, _| [0, 0, 0, 0]);
        let (t, _) = to_input(&pic, [1, 1, 1], Scaling::Unit).unwrap();
        assert_eq!(t.data, [1.0]);
    }
}
