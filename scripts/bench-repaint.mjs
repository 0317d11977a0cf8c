#!/usr/bin/env node
// Measures "control changed → figure painted" in headless Debian chromium on the built site (dist/):
// performance marks set by the app (perf.rs) around each change of the seed box, at 16 channels of
// 64×64 in, 16 out, k3 p1. Prints the median and the spread. Usage: node scripts/bench-repaint.mjs [N]
import { createRequire } from 'node:module';
const require = createRequire(new URL('../e2e/package.json', import.meta.url));
const { serve, launch, openPage } = await import(new URL('../e2e/lib.mjs', import.meta.url));

const N = Number(process.argv[2] ?? 40);
const CONFIGS = {
  '16×64×64 → 16, k3 p1': '?in_channels=16&out_channels=16&kernel_size=3&stride=1&padding=1&dilation=1&groups=1&height=64&width=64&step=65536',
  'figure 1 (3×7×7 → 2)': '?step=18',
};
void require;
const server = await serve();
const browser = await launch();
for (const [name, query] of Object.entries(CONFIGS)) {
  const page = await openPage(browser, server.url + query, { viewport: { width: 1400, height: 1000 } });
  await page.getByTestId('output-shape').waitFor();
  const times = [];
  for (let i = 1; i <= N; i++) {
    const before = await page.evaluate(() => performance.getEntriesByName('conv2d-repaint').length);
    await page.locator('#seed-n').fill(String(i));
    await page.waitForFunction((n) => performance.getEntriesByName('conv2d-repaint').length > n, before);
    times.push(await page.evaluate(() => performance.getEntriesByName('conv2d-repaint').at(-1).duration));
  }
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
  console.log(`${name}: median ${q(0.5)} ms, p10 ${q(0.1)} ms, p90 ${q(0.9)} ms over ${N} seed changes`);
  if (page.problems.length) console.log('problems:', page.problems);
  await page.close();
}
await browser.close();
await server.close();
