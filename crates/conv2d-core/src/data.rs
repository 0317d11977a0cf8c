//! Example data that reads well in class: seeded small integers, named kernels, tiny pictures.
//! The same seed gives the same numbers on native and wasm32 (a portable PRNG, integers only).

use crate::layer::Layer;
use crate::tensor::Tensor;

/// What fills the input image.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum InputData {
    /// Integers in −3…3 from the seed.
    Seeded,
    /// Every value 1.
    Ones,
    /// A handwritten-looking digit 2 (1 on the stroke, 0 elsewhere), scaled to the input size.
    Digit,
    /// A vertical edge: 0 on the left half, 1 on the right.
    Edge,
    /// A one-cell checkerboard of 0 and 1.
    Checkerboard,
}

impl InputData {
    /// Every choice, in menu order.
    pub const ALL: [InputData; 5] = [
        Self::Seeded,
        Self::Ones,
        Self::Digit,
        Self::Edge,
        Self::Checkerboard,
    ];

    /// The name used in URLs and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Seeded => "seeded",
            Self::Ones => "ones",
            Self::Digit => "digit",
            Self::Edge => "edge",
            Self::Checkerboard => "checkerboard",
        }
    }

    /// The choice called `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.name() == name)
    }
}

/// What fills the weights.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum KernelData {
    /// Integers in −1…1 from the seed (bias −2…2).
    Seeded,
    /// 1 at the centre (top-left of the centre for even sizes), 0 elsewhere.
    Identity,
    /// Every tap 1/(kH·kW).
    BoxBlur,
    /// Horizontal gradient `[[-1,0,1],[-2,0,2],[-1,0,1]]` (3×3 only).
    SobelX,
    /// Vertical gradient, the transpose of Sobel x (3×3 only).
    SobelY,
    /// `[[0,-1,0],[-1,5,-1],[0,-1,0]]` (3×3 only).
    Sharpen,
    /// `[[0,1,0],[1,-4,1],[0,1,0]]` (3×3 only).
    Laplacian,
    /// `[[1,2,1],[2,4,2],[1,2,1]] / 16`, a Gaussian blur (3×3 only).
    Gaussian,
    /// `[[-2,-1,0],[-1,1,1],[0,1,2]]`, an emboss (3×3 only).
    Emboss,
}

impl KernelData {
    /// Every choice, in menu order.
    pub const ALL: [KernelData; 9] = [
        Self::Seeded,
        Self::Identity,
        Self::BoxBlur,
        Self::Gaussian,
        Self::SobelX,
        Self::SobelY,
        Self::Sharpen,
        Self::Laplacian,
        Self::Emboss,
    ];

    /// The name used in URLs and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Seeded => "seeded",
            Self::Identity => "identity",
            Self::BoxBlur => "box_blur",
            Self::SobelX => "sobel_x",
            Self::SobelY => "sobel_y",
            Self::Sharpen => "sharpen",
            Self::Laplacian => "laplacian",
            Self::Gaussian => "gaussian",
            Self::Emboss => "emboss",
        }
    }

    /// The choice called `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.name() == name)
    }

    /// The fixed 3×3 taps of a named kernel, if it is one of those.
    fn fixed3(self) -> Option<[f32; 9]> {
        match self {
            Self::SobelX => Some([-1., 0., 1., -2., 0., 2., -1., 0., 1.]),
            Self::SobelY => Some([-1., -2., -1., 0., 0., 0., 1., 2., 1.]),
            Self::Sharpen => Some([0., -1., 0., -1., 5., -1., 0., -1., 0.]),
            Self::Laplacian => Some([0., 1., 0., 1., -4., 1., 0., 1., 0.]),
            Self::Gaussian => Some([1., 2., 1., 2., 4., 2., 1., 2., 1.].map(|v| v / 16.0)),
            Self::Emboss => Some([-2., -1., 0., -1., 1., 1., 0., 1., 2.]),
            _ => None,
        }
    }
}

const SALT_INPUT: u64 = 0x1;
const SALT_WEIGHT: u64 = 0x2;
const SALT_BIAS: u64 = 0x3;

/// `n` integers in `lo..=hi` from `seed` (as f32).
pub fn seeded_ints(seed: u64, salt: u64, n: usize, lo: i32, hi: i32) -> Vec<f32> {
    let mut rng = fastrand::Rng::with_seed(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt);
    (0..n).map(|_| rng.i32(lo..=hi) as f32).collect()
}

/// The 2 of a 5×7 pixel font, scaled to any size.
const DIGIT: [&str; 7] = [
    ".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####",
];

/// The input image (C, H, W) for a layer.
pub fn input(layer: &Layer, data: InputData, seed: u64) -> Tensor {
    let [c, h, w] = layer.input_shape();
    let pic = |f: &dyn Fn(usize, usize) -> f32| -> Vec<f32> {
        let plane: Vec<f32> = (0..h * w).map(|i| f(i / w, i % w)).collect();
        plane.repeat(c)
    };
    let values = match data {
        InputData::Seeded => seeded_ints(seed, SALT_INPUT, c * h * w, -3, 3),
        InputData::Ones => vec![1.0; c * h * w],
        InputData::Edge => pic(&|_, x| if 2 * x >= w { 1.0 } else { 0.0 }),
        InputData::Checkerboard => pic(&|y, x| ((y + x) % 2) as f32),
        InputData::Digit => pic(&|y, x| {
            let row = DIGIT[y * DIGIT.len() / h].as_bytes();
            if row[x * row.len() / w] == b'#' {
                1.0
            } else {
                0.0
            }
        }),
    };
    // Every arm makes c·h·w values.
    Tensor {
        shape: vec![c, h, w],
        data: values,
    }
}

/// Why a named kernel does not fit the layer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KernelSizeError {
    /// The kernel asked for.
    pub kernel: KernelData,
    /// The layer's kernel size.
    pub size: [usize; 2],
}

impl std::fmt::Display for KernelSizeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the {} kernel is 3×3, but kernel_size is ({}, {})",
            self.kernel.name(),
            self.size[0],
            self.size[1]
        )
    }
}

/// Seeded weight (out, in/groups, kH, kW) and bias for a layer: every value drawn, fitting any size.
pub fn seeded_weights(layer: &Layer, seed: u64) -> (Tensor, Option<Vec<f32>>) {
    let shape = layer.weight_shape();
    let n = shape.iter().product();
    let weight = Tensor {
        shape: shape.to_vec(),
        data: seeded_ints(seed, SALT_WEIGHT, n, -1, 1),
    };
    let bias = layer
        .bias
        .then(|| seeded_ints(seed, SALT_BIAS, layer.out_channels, -2, 2));
    (weight, bias)
}

/// The weight (out, in/groups, kH, kW) and bias for a layer. Named kernels put the same taps in every
/// (out, in) slice, with zero bias; seeded ones draw every value.
pub fn weights(
    layer: &Layer,
    kernel: KernelData,
    seed: u64,
) -> Result<(Tensor, Option<Vec<f32>>), KernelSizeError> {
    let shape = layer.weight_shape();
    let [kh, kw] = layer.kernel;
    let slices = shape[0] * shape[1];
    let taps: Vec<f32> = match kernel {
        KernelData::Seeded => return Ok(seeded_weights(layer, seed)),
        KernelData::Identity => {
            let mut t = vec![0.0; kh * kw];
            t[(kh - 1) / 2 * kw + (kw - 1) / 2] = 1.0;
            t
        }
        KernelData::BoxBlur => vec![1.0 / (kh * kw) as f32; kh * kw],
        named => {
            // Every kernel left has fixed 3×3 taps.
            match named.fixed3() {
                Some(taps) if [kh, kw] == [3, 3] => taps.to_vec(),
                _ => {
                    return Err(KernelSizeError {
                        kernel: named,
                        size: [kh, kw],
                    })
                }
            }
        }
    };
    let bias = layer.bias.then(|| vec![0.0; layer.out_channels]);
    // One kH × kW slice of taps per (out, in/groups) pair.
    let weight = Tensor {
        shape: shape.to_vec(),
        data: taps.repeat(slices),
    };
    Ok((weight, bias))
}
