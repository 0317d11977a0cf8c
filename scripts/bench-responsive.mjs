#!/usr/bin/env node
// How responsive the page is, in headless Debian chromium on the built site (dist/): the longest task
// in the first 3 s after opening (PerformanceObserver 'longtask'), and typing in a number box to the
// next paint (Event Timing: the 'input' event's duration, which runs to the frame that shows it).
// Usage: node scripts/bench-responsive.mjs [runs]   (after scripts/build.sh)
const { serve, launch } = await import(new URL('../e2e/lib.mjs', import.meta.url));

const RUNS = Number(process.argv[2] ?? 3);
const CONFIGS = {
  'figure 1 (3×7×7 → 2)': '?preset=figure1',
  '32×64×64 → 32, k3': '?in_channels=32&out_channels=32&height=64&width=64',
};
const observe = () => {
  window.__long = [];
  window.__input = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); })
    .observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === 'input') window.__input.push(e.duration); })
    .observe({ type: 'event', durationThreshold: 0, buffered: true });
};
const server = await serve();
const browser = await launch();
for (const [name, query] of Object.entries(CONFIGS)) {
  const loads = [];
  const inputs = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.addInitScript(observe);
    const page = await context.newPage();
    await page.goto(server.url + query);
    await page.getByTestId('output-shape').waitFor();
    await page.waitForTimeout(3000);
    loads.push(Math.max(0, ...await page.evaluate(() => window.__long)));
    await page.evaluate(() => { window.__input = []; });
    for (let i = 0; i < 10; i++) {
      await page.locator('#seed-n').focus();
      await page.keyboard.press('End');
      await page.keyboard.type(String(i));
      await page.waitForTimeout(300);
    }
    inputs.push(...await page.evaluate(() => window.__input));
    await context.close();
  }
  inputs.sort((a, b) => a - b);
  const q = (p) => inputs[Math.min(inputs.length - 1, Math.floor(p * inputs.length))];
  console.log(`${name}: longest task at load ${loads.map(Math.round).join(' / ')} ms over ${RUNS} loads; `
    + `typing → paint median ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${inputs.at(-1)} ms over ${inputs.length} keys`);
}
await browser.close();
await server.close();
