#!/usr/bin/env node
// The core's forward pass against TensorFlow.js 4.22's WASM backend (XNNPACK), side by side in one
// headless Chromium: same shapes, same data, one thread, WebAssembly SIMD on both sides.
//
//   (cd bench && npm install)            # once: TensorFlow.js, for this benchmark only
//   node scripts/bench-browser.mjs [--runs 3] [--rounds 21] [--batch-ms 20] [--no-build]
//                                  [--wasm-opt z|3|none] [--check-only] [--only TEXT]
//
// Builds bench/wasm (the core + wasm-bindgen exports, wasm32 with +simd128 from .cargo/config.toml,
// wasm-opt -Oz as the site's Trunk build) into $CARGO_TARGET_DIR/bench-browser, serves bench/ on
// 127.0.0.1, and in the page: runs the golden fixtures (answered by PyTorch) through the wasm32 build,
// checks on every shape the fast path against the core's reference and TensorFlow.js's output
// against ours (|a − b| ≤ 1e-4·(1 + |b|)), then times batches of calls, alternating the two, and
// prints the medians as a Markdown table; the ratio is the median over rounds of the two
// neighbouring batches' ratio. Exits 1 on any mismatch.
import { createServer } from 'node:http';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, extname, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH = join(ROOT, 'bench');
const TARGET = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(ROOT, 'target');
const OUT = join(TARGET, 'bench-browser');

// (label, [C, H, W, out_channels, kernel, stride, padding, dilation, groups])
const SHAPES = [
  ['(3,224,224)→64 k3 p1', [3, 224, 224, 64, 3, 1, 1, 1, 1]],
  ['(64,56,56)→64 k3 p1', [64, 56, 56, 64, 3, 1, 1, 1, 1]],
  ['(64,56,56)→64 k3 p1 g64', [64, 56, 56, 64, 3, 1, 1, 1, 64]],
  ['(16,64,64)→32 k5 s2 p2 d2', [16, 64, 64, 32, 5, 2, 2, 2, 1]],
  ['(3,64,64)→16 k3 p1', [3, 64, 64, 16, 3, 1, 1, 1, 1]],
  ['(3,7,7)→2 k3 s2 p1 d2', [3, 7, 7, 2, 3, 2, 1, 2, 1]],
  ['(16,64,64)→16 k3 p1', [16, 64, 64, 16, 3, 1, 1, 1, 1]],
];
const FIXTURES = ['golden.jsonl', 'golden_transpose.jsonl'];
const TOLERANCE = 1e-4;

function args() {
  const a = { runs: 3, rounds: 21, batchMs: 20, build: true, wasmOpt: 'z', checkOnly: false, only: '' };
  const v = process.argv.slice(2);
  for (let i = 0; i < v.length; i++) {
    const next = () => { if (i + 1 >= v.length) throw new Error(`${v[i]} needs a value`); return v[++i]; };
    switch (v[i]) {
      case '--runs': a.runs = Number(next()); break;
      case '--rounds': a.rounds = Number(next()); break;
      case '--batch-ms': a.batchMs = Number(next()); break;
      case '--no-build': a.build = false; break;
      case '--wasm-opt': a.wasmOpt = next(); break;
      case '--check-only': a.checkOnly = true; break;
      case '--only': a.only = next(); break; // shapes whose label contains TEXT
      default: throw new Error(`unknown argument ${v[i]}`);
    }
  }
  return a;
}

function build(wasmOpt) {
  const run = (cmd, argv) => execFileSync(join(ROOT, 'scripts/wasm-env'), [cmd, ...argv],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CARGO_TARGET_DIR: TARGET } });
  run('cargo', ['build', '--release', '--quiet', '--target', 'wasm32-unknown-unknown', '-p', 'conv2d-bench']);
  const wasm = join(TARGET, 'wasm32-unknown-unknown/release/conv2d_bench.wasm');
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', join(OUT, 'pkg'), wasm]);
  if (wasmOpt !== 'none') {
    const bg = join(OUT, 'pkg/conv2d_bench_bg.wasm');
    // The site's features (Trunk passes the same to wasm-opt): SIMD, bulk memory, and the rest of
    // what Rust's wasm32 target emits by default.
    run('wasm-opt', [`-O${wasmOpt}`, '--enable-simd', '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
      '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
      bg, '-o', bg]);
  }
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.jsonl': 'application/x-ndjson', '.json': 'application/json' };

// bench/ at /, the built package at /pkg/, TensorFlow.js at /tfjs/, the golden fixtures at /fixtures/.
function serve() {
  const mounts = [
    ['/pkg/', join(OUT, 'pkg')],
    ['/tfjs/', join(BENCH, 'node_modules/@tensorflow')],
    ['/fixtures/', join(ROOT, 'crates/conv2d-core/tests/fixtures')],
    ['/', BENCH],
  ];
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const [prefix, dir] = mounts.find(([p]) => path.startsWith(p));
      const rel = path.slice(prefix.length) || 'index.html';
      const file = normalize(join(dir, rel));
      if (!file.startsWith(dir) || !(await stat(file)).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

function launchChromium() {
  const require = createRequire(join(ROOT, 'e2e/package.json'));
  const { chromium } = require('playwright-core');
  const executablePath = process.env.CHROMIUM
    ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
  if (!executablePath) throw new Error('no Chromium found: set CHROMIUM=/path/to/chromium');
  // playwright-core gives the browser a new, empty profile of its own.
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

const fmtMs = (ms) => (ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms >= 0.01 ? ms.toFixed(3) : ms.toFixed(4));

async function main() {
  const a = args();
  const shapes = SHAPES.filter(([label]) => label.includes(a.only));
  if (!existsSync(join(BENCH, 'node_modules/@tensorflow/tfjs-backend-wasm'))) {
    console.error('TensorFlow.js is not installed: run (cd bench && npm install) first');
    return 2;
  }
  if (a.build) {
    await mkdir(OUT, { recursive: true });
    build(a.wasmOpt);
  }
  const server = await serve();
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launchChromium();
  let failed = false;
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    await page.goto(url);
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 }).catch((e) => {
      throw new Error(`the page did not load: ${problems.join('; ') || e}`);
    });
    const env = await page.evaluate(() => window.bench.setup());
    console.log(`Chromium: ${env.userAgent}`);
    console.log(`TensorFlow.js ${env.tfjs}, backend ${env.backend}, SIMD ${env.simd}, threads ${env.threads} ` +
      `(count ${env.threadsCount}), crossOriginIsolated ${env.crossOriginIsolated}`);
    if (env.backend !== 'wasm' || env.simd !== true || env.threads !== false) {
      console.error('FAIL: TensorFlow.js must run its WASM backend with SIMD and one thread');
      failed = true;
    }

    // The golden fixtures (PyTorch's answers) through the wasm32 build of the core.
    const golden = await page.evaluate((f) => window.bench.golden(f), FIXTURES);
    for (const [file, report] of Object.entries(golden)) {
      const lines = report.trim().split('\n');
      const bad = lines.length - 1;
      console.log(`wasm32 golden fixtures ${file}: ${lines.at(-1)}, ${bad} differ from PyTorch`);
      if (bad) { failed = true; console.error(lines.slice(0, 20).join('\n')); }
    }

    const check = (label, c) => {
      const ok = c.referenceError <= TOLERANCE && c.tfjsError <= TOLERANCE;
      if (!ok) {
        failed = true;
        console.error(`FAIL ${label}: fast path vs reference ${c.referenceError}, tfjs ${c.tfjsShape} vs ours ` +
          `${c.outShape}: ${c.tfjsError} (tolerance ${TOLERANCE})`);
      }
      return ok;
    };
    if (a.checkOnly) {
      for (const [label, shape] of shapes) {
        const c = await page.evaluate((s) => window.bench.checkOnly(s), shape);
        if (check(label, c)) console.log(`${label}: ok (reference ${c.referenceError.toExponential(1)}, tfjs ${c.tfjsError.toExponential(1)})`);
      }
    } else {
      const all = shapes.map(() => []);
      for (let run = 1; run <= a.runs; run++) {
        console.log(`\nrun ${run} of ${a.runs}: median of ${a.rounds} batches of ≥ ${a.batchMs} ms each, alternating; ` +
          'ratio: median of the rounds\' ratios\n');
        console.log('| shape | MACs | conv2d-core | TensorFlow.js (WASM) | tfjs ÷ ours |');
        console.log('|---|---:|---:|---:|---:|');
        for (const [i, [label, shape]] of shapes.entries()) {
          const r = await page.evaluate(([s, rounds, ms]) => window.bench.time(s, rounds, ms), [shape, a.rounds, a.batchMs]);
          check(label, r);
          all[i].push(r.ratio);
          console.log(`| ${label} | ${(r.macs / 1e6).toFixed(r.macs < 1e6 ? 3 : 1)}M | ${fmtMs(r.ours)} ms | ${fmtMs(r.theirs)} ms | ${r.ratio.toFixed(2)}× |`);
        }
      }
      if (a.runs > 1) {
        console.log(`\nratios (tfjs ÷ ours) over ${a.runs} runs: min / median / max\n`);
        for (const [i, [label]] of shapes.entries()) {
          const s = [...all[i]].sort((x, y) => x - y);
          console.log(`${label}: ${s[0].toFixed(2)} / ${s[s.length >> 1].toFixed(2)} / ${s.at(-1).toFixed(2)}`);
        }
      }
    }
    if (problems.length) console.log('page problems:', problems);
  } finally {
    await browser.close();
    server.close();
  }
  if (failed) console.error('\nFAIL: a check above did not pass');
  return failed ? 1 : 0;
}

process.exitCode = await main();
