//! Times the WASM forward pass at one sweep point: seeded data, one warm-up pass, then batches of
//! passes (each batch long enough for the browser's coarse timer) until a few milliseconds of work are
//! done; the median batch, per pass, is the point's time.

use conv2d_core::data::{self, InputData, KernelData};
use conv2d_core::forward::{forward_with, Workspace};
use conv2d_core::sweep::SweepArg;
use conv2d_core::Config;

use super::Timing;

use crate::platform::now_ms;

/// Minimum length of one timed batch (the browser's timer may be 0.1 ms coarse).
const BATCH_MS: f64 = 2.0;
/// Batches per point.
const BATCHES: usize = 7;

/// Runs the configuration's forward pass for about 20 ms (at most 40) so the browser's optimising
/// compiler has taken over before anything is timed.
pub fn warm_up(config: &Config, ws: &mut Workspace) {
    let Ok(layer) = config.validate() else {
        return;
    };
    let input = data::input(&layer, InputData::Seeded, 0);
    let Ok((weight, bias)) = data::weights(&layer, KernelData::Seeded, 0) else {
        return;
    };
    // At least 20 ms and 50 passes, but never more than 40 ms: one slow pass warms up as well.
    let t = now_ms();
    let mut n = 0;
    while n == 0 || ((now_ms() - t < 20.0 || n < 50) && now_ms() - t < 40.0 && n < 100_000) {
        std::hint::black_box(forward_with(&layer, &input, &weight, bias.as_deref(), ws));
        n += 1;
    }
}

/// Times `arg = x` around a configuration; `None` if the point is not valid.
pub fn time_point(arg: SweepArg, config: &Config, x: i64, ws: &mut Workspace) -> Option<Timing> {
    let layer = arg.apply(config, x).validate().ok()?;
    let input = data::input(&layer, InputData::Seeded, 0);
    let (weight, bias) = data::weights(&layer, KernelData::Seeded, 0).ok()?;
    let mut run = || {
        std::hint::black_box(forward_with(&layer, &input, &weight, bias.as_deref(), ws));
    };
    // Warm-up, then double the batch until one batch lasts BATCH_MS on this (possibly coarse) timer.
    run();
    let mut per_batch: u32 = 1;
    let mut one_pass_ms = f64::MAX;
    loop {
        let t = now_ms();
        for _ in 0..per_batch {
            run();
        }
        let took = now_ms() - t;
        if per_batch == 1 {
            one_pass_ms = took;
        }
        if took >= BATCH_MS || per_batch >= 1 << 20 {
            break;
        }
        per_batch *= 2;
    }
    // A slow point (one pass over 4 ms) gets 3 batches, so no timer slice blocks the page for long.
    let batches_n = if one_pass_ms > 2.0 * BATCH_MS {
        3
    } else {
        BATCHES
    };
    // Time the batches; a batch that came out shorter than half the target (a pause during the
    // calibration misled it, or the timer is coarse) means the batch is too small: double and redo.
    let mut batches = Vec::with_capacity(batches_n);
    loop {
        batches.clear();
        for _ in 0..batches_n {
            let t = now_ms();
            for _ in 0..per_batch {
                run();
            }
            batches.push(now_ms() - t);
        }
        let shortest = batches.iter().copied().fold(f64::MAX, f64::min);
        if shortest >= BATCH_MS / 2.0 || per_batch >= 1 << 20 {
            break;
        }
        per_batch *= 2;
    }
    for b in &mut batches {
        *b /= f64::from(per_batch);
    }
    batches.sort_by(f64::total_cmp);
    Some(Timing {
        median_ms: batches[batches_n / 2],
        min_ms: batches[0],
        max_ms: batches[batches_n - 1],
        repeats: per_batch * batches_n as u32,
    })
}
