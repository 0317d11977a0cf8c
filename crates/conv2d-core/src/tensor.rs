//! A plain row-major f32 tensor, enough for images (C, H, W) and weights (O, I/g, kH, kW).

/// Row-major data with its shape.
#[derive(Clone, Debug, PartialEq)]
pub struct Tensor {
    /// Sizes, outermost first.
    pub shape: Vec<usize>,
    /// `shape.iter().product()` values, row-major.
    pub data: Vec<f32>,
}

impl Tensor {
    /// A tensor of zeros.
    pub fn zeros(shape: &[usize]) -> Self {
        Self {
            shape: shape.to_vec(),
            data: vec![0.0; shape.iter().product()],
        }
    }

    /// Wraps data; `None` when its length does not match the shape.
    pub fn from_vec(shape: &[usize], data: Vec<f32>) -> Option<Self> {
        (shape.iter().product::<usize>() == data.len()).then(|| Self {
            shape: shape.to_vec(),
            data,
        })
    }

    /// The flat index of a multi-index (debug-checked).
    pub fn offset(&self, index: &[usize]) -> usize {
        debug_assert_eq!(index.len(), self.shape.len());
        index.iter().zip(&self.shape).fold(0, |acc, (&i, &n)| {
            debug_assert!(i < n);
            acc * n + i
        })
    }

    /// The value at a multi-index.
    pub fn at(&self, index: &[usize]) -> f32 {
        self.data[self.offset(index)]
    }
}
