// The browser benchmark's page: conv2d-core (wasm32 + SIMD128, built by scripts/bench-browser.mjs)
// against TensorFlow.js 4.22's WASM backend (XNNPACK, SIMD, one thread) on the same data.
// scripts/bench-browser.mjs calls window.bench.* through playwright-core.
import init, { Case, golden } from './pkg/conv2d_bench.js';

/* global tf */

// |a − b| ≤ 1e-4·(1 + |b|), the golden tests' tolerance. Returns the worst |a − b| / (1 + |b|).
function worst(a, b) {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i]));
    if (!(e <= m)) m = Number.isNaN(e) ? Infinity : e;
  }
  return m;
}

let cases = [];

async function setup() {
  await init();
  // One thread and no SharedArrayBuffer (the page is not cross-origin isolated either), SIMD on.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  tf.wasm.setThreadsCount(1);
  tf.wasm.setWasmPaths(new URL('tfjs/tfjs-backend-wasm/dist/', location.href).href);
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs: the wasm backend did not start');
  await tf.ready();
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return {
    tfjs: tf.version_core,
    backend: tf.getBackend(),
    simd,
    threads,
    threadsCount: tf.wasm.getThreadsCount ? tf.wasm.getThreadsCount() : null,
    crossOriginIsolated: self.crossOriginIsolated === true,
    userAgent: navigator.userAgent,
  };
}

// Builds one shape on both sides and checks them: ours against the core's reference (the
// definition), and TensorFlow.js's NHWC output against ours.
function prepare([c, h, w, out, k, s, p, d, g]) {
  const ours = new Case(c, h, w, out, k, s, p, d, g);
  const [oc, oh, ow] = ours.output_shape();
  const x = tf.tensor4d(ours.input_nhwc(), [1, h, w, c]);
  const depthwise = g > 1;
  if (depthwise && g !== c) throw new Error('only groups = 1 or groups = in_channels compare to tfjs');
  const filter = tf.tensor4d(ours.weight_tfjs(), depthwise ? [k, k, c, out / c] : [k, k, c, out]);
  const bias = tf.tensor1d(ours.bias());
  const attrs = {
    strides: [s, s], pad: [[0, 0], [p, p], [p, p], [0, 0]], dilations: [d, d], dataFormat: 'NHWC',
    dimRoundingMode: 'floor', activation: 'linear',
  };
  const kernel = depthwise ? 'FusedDepthwiseConv2D' : 'FusedConv2D';
  const theirs = () => tf.engine().runKernel(kernel, { x, filter, bias }, attrs);
  const y = theirs();
  const shapeOk = y.shape.join() === [1, oh, ow, oc].join();
  const tfjsError = shapeOk ? worst(y.dataSync(), ours.output_nhwc()) : Infinity;
  y.dispose();
  const referenceError = ours.reference_error();
  return {
    ours, theirs, dispose: () => { x.dispose(); filter.dispose(); bias.dispose(); ours.free(); },
    check: { tfjsShape: y.shape, outShape: [oc, oh, ow], tfjsError, referenceError, macs: ours.macs() },
  };
}

function oursOnce(e) { e.ours.run(1); }
function theirsOnce(e) { e.theirs().dispose(); }

// Calls per batch so that a batch lasts at least `ms` (the timer is coarse in a browser).
function calibrate(fn, e, ms) {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn(e);
    const dt = performance.now() - t0;
    if (dt >= ms || n >= 1 << 20) return n;
    n = dt < ms / 16 ? n * 8 : Math.ceil(n * 1.5 * ms / Math.max(dt, 0.01));
  }
}

function batch(fn, e, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(e);
  return (performance.now() - t0) / n;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };

// Times one shape: warm-up, then `rounds` rounds, each a batch of ours and a batch of theirs, the
// order alternating between rounds. Returns medians in milliseconds per call, and the median of
// the rounds' ratios (theirs ÷ ours).
function time(shape, rounds, batchMs) {
  const e = prepare(shape);
  try {
    for (let i = 0; i < 3; i++) { oursOnce(e); theirsOnce(e); }
    const nOurs = calibrate(oursOnce, e, batchMs);
    const nTheirs = calibrate(theirsOnce, e, batchMs);
    const ours = [], theirs = [];
    for (let r = 0; r < rounds; r++) {
      if (r % 2 === 0) {
        ours.push(batch(oursOnce, e, nOurs));
        theirs.push(batch(theirsOnce, e, nTheirs));
      } else {
        theirs.push(batch(theirsOnce, e, nTheirs));
        ours.push(batch(oursOnce, e, nOurs));
      }
    }
    // The ratio from each round's two neighbouring batches, which saw the same machine: steadier
    // than a ratio of medians when other work comes and goes.
    const ratio = median(ours.map((t, i) => theirs[i] / t));
    return { ...e.check, ours: median(ours), theirs: median(theirs), ratio, nOurs, nTheirs, rounds };
  } finally {
    e.dispose();
  }
}

function checkOnly(shape) {
  const e = prepare(shape);
  e.dispose();
  return e.check;
}

async function goldenRun(files) {
  const out = {};
  for (const f of files) {
    const text = await (await fetch(`fixtures/${f}`)).text();
    out[f] = golden(text);
  }
  return out;
}

window.bench = { setup, time, checkOnly, golden: goldenRun };
window.benchReady = true;
