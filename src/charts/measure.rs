//! Times the WASM forward pass at one sweep point, a slice at a time: seeded data, one warm-up pass, then batches of
//! passes (each batch long enough for the browser's coarse timer) until a few milliseconds of work are
//! done; the median batch, per pass, is the point's time.

use conv2d_core::data::seeded_ints;
use conv2d_core::forward::{forward_with, Workspace};
use conv2d_core::{AnyLayer, Config, Tensor};

use super::Timing;

use crate::platform::now_ms;

/// Minimum length of one timed batch (the browser's timer may be 0.1 ms coarse).
const BATCH_MS: f64 = 2.0;
/// Batches per point.
const BATCHES: usize = 7;

/// Runs the configuration's forward pass for about 20 ms (at most 40) so the browser's optimising
/// compiler has taken over before anything is timed.
pub fn warm_up(config: &Config, ws: &mut Workspace) {
    let Ok(layer) = config.check() else {
        return;
    };
    let (input, weight, bias) = seeded(&layer);
    // At least 20 ms and 50 passes, but never more than 40 ms: one slow pass warms up as well.
    let t = now_ms();
    let mut n = 0;
    while n == 0 || ((now_ms() - t < 20.0 || n < 50) && now_ms() - t < 40.0 && n < 100_000) {
        pass(&layer, (&input, &weight, bias.as_deref()), ws);
        n += 1;
    }
}

/// Seeded input, weight and bias of `layer`'s shapes (small integers; the values do not change the
/// time, the shapes do).
fn seeded(layer: &AnyLayer) -> (Tensor, Tensor, Option<Vec<f32>>) {
    let filled = |salt: u64, shape: &[usize]| Tensor {
        shape: shape.to_vec(),
        data: seeded_ints(0, salt, shape.iter().product(), -3, 3),
    };
    let bias = layer.bias_shape().map(|[n]| seeded_ints(0, 3, n, -2, 2));
    (
        filled(1, &layer.input_shape()),
        filled(2, &layer.weight_shape()),
        bias,
    )
}

/// One forward pass of `layer` (a Conv2d reuses the workspace's buffers).
fn pass(
    layer: &AnyLayer,
    (input, weight, bias): (&Tensor, &Tensor, Option<&[f32]>),
    ws: &mut Workspace,
) {
    match layer {
        AnyLayer::Conv2d(l) => {
            std::hint::black_box(forward_with(l, input, weight, bias, ws));
        }
        AnyLayer::ConvTranspose2d(_) => {
            std::hint::black_box(layer.forward(input, weight, bias));
        }
    }
}

/// The timing of one sweep point, resumable: each [`PointTimer::advance`] runs passes for about a
/// slice's budget and stops, so no slice of the page's time blocks it for long.
pub struct PointTimer {
    layer: AnyLayer,
    input: Tensor,
    weight: Tensor,
    bias: Option<Vec<f32>>,
    phase: Phase,
    per_batch: u32,
    batches_n: usize,
    batches: Vec<f64>,
}

/// Where a point's timing is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Phase {
    /// One untimed pass.
    Warm,
    /// Doubling the batch until one batch lasts [`BATCH_MS`] on this (possibly coarse) timer.
    Calibrate,
    /// Timing the batches.
    Batches,
}

impl PointTimer {
    /// The timer of a configuration's forward pass (a sweep point, see
    /// [`super::TimeAt::timed`]); `None` if it is not valid.
    pub fn new(config: &Config) -> Option<Self> {
        let layer = config.check().ok()?;
        let (input, weight, bias) = seeded(&layer);
        Some(Self {
            layer,
            input,
            weight,
            bias,
            phase: Phase::Warm,
            per_batch: 1,
            batches_n: BATCHES,
            batches: Vec::with_capacity(BATCHES),
        })
    }

    /// One batch of `per_batch` passes; its length in ms.
    fn batch(&self, ws: &mut Workspace) -> f64 {
        let t = now_ms();
        for _ in 0..self.per_batch {
            pass(
                &self.layer,
                (&self.input, &self.weight, self.bias.as_deref()),
                ws,
            );
        }
        now_ms() - t
    }

    /// Runs passes for about `budget_ms` (at least one batch); the timing once it is complete.
    pub fn advance(&mut self, ws: &mut Workspace, budget_ms: f64) -> Option<Timing> {
        let start = now_ms();
        loop {
            match self.phase {
                Phase::Warm => {
                    let per_batch = std::mem::replace(&mut self.per_batch, 1);
                    self.batch(ws);
                    self.per_batch = per_batch;
                    self.phase = Phase::Calibrate;
                }
                Phase::Calibrate => {
                    let took = self.batch(ws);
                    if self.per_batch == 1 && took > 2.0 * BATCH_MS {
                        // A slow point (one pass over 4 ms) gets 3 batches.
                        self.batches_n = 3;
                    }
                    if took >= BATCH_MS || self.per_batch >= 1 << 20 {
                        self.phase = Phase::Batches;
                    } else {
                        self.per_batch *= 2;
                    }
                }
                Phase::Batches => {
                    let took = self.batch(ws);
                    self.batches.push(took);
                    if self.batches.len() == self.batches_n {
                        // A batch shorter than half the target (a pause misled the calibration, or
                        // the timer is coarse) means the batch is too small: double and redo.
                        let shortest = self.batches.iter().copied().fold(f64::MAX, f64::min);
                        if shortest >= BATCH_MS / 2.0 || self.per_batch >= 1 << 20 {
                            return Some(self.timing());
                        }
                        self.per_batch *= 2;
                        self.batches.clear();
                    }
                }
            }
            if now_ms() - start >= budget_ms {
                return None;
            }
        }
    }

    /// The median batch per pass, with the spread.
    fn timing(&self) -> Timing {
        let mut per_pass: Vec<f64> = self
            .batches
            .iter()
            .map(|b| b / f64::from(self.per_batch))
            .collect();
        per_pass.sort_by(f64::total_cmp);
        let n = per_pass.len();
        Timing {
            median_ms: per_pass[n / 2],
            min_ms: per_pass[0],
            max_ms: per_pass[n - 1],
            repeats: self.per_batch * n as u32,
        }
    }
}
