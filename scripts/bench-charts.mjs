#!/usr/bin/env node
// Times the eight scaling charts' sweeps in headless Debian chromium on the built site (dist/), and
// checks the trends the article claims on a configuration large enough for timing to mean something:
// time close to linear in out_channels and in_channels (R² of a line fit), and falling with stride.
// "Close to linear" is R² ≥ 0.85 with a positive slope: the GEMM works in tiles of output channels, so
// time rises in small steps (out_channels 1–8 cost about the same), and a fixed cost (padding, im2col)
// is the intercept. Usage: node scripts/bench-charts.mjs (after scripts/build.sh); exit 1 if a trend
// does not hold.
const { serve, launch, openPage } = await import(new URL('../e2e/lib.mjs', import.meta.url));

const CONFIGS = {
  'figure 1 (3×7×7 → 2), the default': '?step=0',
  '8×32×32 → 8, k3 p1': '?in_channels=8&out_channels=8&kernel_size=3&stride=1&padding=1&dilation=1&groups=1&height=32&width=32&step=0',
};

function fit(points) {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p[0], 0) / n;
  const my = points.reduce((a, p) => a + p[1], 0) / n;
  const sxx = points.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  const sxy = points.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0);
  const slope = sxy / sxx;
  const res = points.reduce((a, p) => a + (p[1] - my - slope * (p[0] - mx)) ** 2, 0);
  const tot = points.reduce((a, p) => a + (p[1] - my) ** 2, 0);
  return { slope, r2: 1 - res / tot };
}

const server = await serve();
const browser = await launch();
let ok = true;
for (const [name, query] of Object.entries(CONFIGS)) {
  const page = await openPage(browser, server.url + query, { viewport: { width: 1400, height: 1000 } });
  await page.getByTestId('output-shape').waitFor();
  const t0 = Date.now();
  await page.waitForFunction(() => {
    const m = (document.querySelector('[data-testid=chart-progress]')?.textContent ?? '').match(/(\d+) \/ (\d+)/);
    return m && m[1] === m[2] && Number(m[2]) > 0;
  }, null, { timeout: 120_000, polling: 20 });
  const ms = Date.now() - t0;
  const progress = (await page.getByTestId('chart-progress').textContent()).trim();
  console.log(`${name}: all eight charts measured in ${ms} ms (${progress})`);
  const series = async (arg) => JSON.parse(await page.getByTestId(`chart-${arg}`).getAttribute('data-series'));
  for (const arg of ['in_channels', 'out_channels']) {
    const s = await series(arg);
    const f = fit(s.points.map((p) => [p.x, p.median_ms]));
    const pass = f.r2 >= 0.85 && f.slope > 0;
    console.log(`  time vs ${arg}: slope ${(f.slope * 1e3).toFixed(2)} µs per channel, R² ${f.r2.toFixed(3)} ${pass ? 'PASS' : 'weak'}`);
    if (name.startsWith('8×')) ok &&= pass;
  }
  const st = await series('stride');
  const times = st.points.map((p) => p.median_ms);
  const falling = times[0] > times[times.length - 1];
  console.log(`  time vs stride: ${st.points.map((p) => `s=${p.x}: ${(p.median_ms * 1e3).toFixed(1)} µs`).join(', ')} ${falling ? 'PASS (falls)' : 'does not fall'}`);
  if (name.startsWith('8×')) ok &&= falling;
  if (page.problems.length) { console.log('  problems:', page.problems); ok = false; }
  await page.close();
}
await browser.close();
await server.close();
console.log(ok ? 'trends hold' : 'a trend does not hold');
process.exit(ok ? 0 : 1);
