#!/usr/bin/env node
// How responsive the page is, in headless Debian chromium on the built site (dist/, or $DIST): the
// longest task in the first 3 s after opening (PerformanceObserver 'longtask'), and typing in a
// number box to the next paint (Event Timing: the 'input' event's duration, which runs to the frame
// that shows it). Then the charts: the longest task during a whole chart sweep (from opening until
// every point is timed) and while dragging a slider back and forth as the sweep runs, at
// 64×64×64 → 64, with the sweep in the Web Worker and, for comparison, on the page (the worker's
// script refused, so the page falls back to its own time slices), timed as shown and on 256 × 256.
// The sweep after a change is timed on its own (out_channels typed in: a new generation), from the
// keystroke to its last point. Then a stack near the live limit, typed in and reseeded, and the
// figure's PNG and SVG exports, "Transpose this layer" and the picture view's hover at 64 channels.
// Usage: [ONLY=load,sweep,stack,exports,actions] node scripts/bench-responsive.mjs [runs]   (after scripts/build.sh)
const { serve, launch, DIST, dragSlider } = await import(new URL('../e2e/lib.mjs', import.meta.url));

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
const server = await serve(DIST);
const browser = await launch();
/** A new context's page at `height` px (1366 wide) observing its long tasks; `refused`: the
 * workers' script refused, so the page falls back to its own time slices. */
async function observedPage(height, { refused = false, downloads = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height }, acceptDownloads: downloads });
  if (refused) await context.route('**/sweep-worker.js', (r) => r.abort());
  await context.addInitScript(observe);
  return { context, page: await context.newPage() };
}
/** The longest task since the page's list was last emptied, ms (0 when none). */
const longest = async (page) => Math.max(0, ...await page.evaluate(() => window.__long));
const only = process.env.ONLY ?? 'load,sweep,stack,exports,actions';
if (only.includes('load')) for (const [name, query] of Object.entries(CONFIGS)) {
  const loads = [];
  const inputs = [];
  for (let run = 0; run < RUNS; run++) {
    const { context, page } = await observedPage(768);
    await page.goto(server.url + query);
    await page.getByTestId('output-shape').waitFor();
    await page.waitForTimeout(3000);
    loads.push(await longest(page));
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

// The charts' sweep at 64×64×64 → 64 (k3 p1), and at figure 1 (whose figure costs little): the longest task from opening to the last point, then
// while a slider (stride's) is dragged with the mouse as a new sweep runs.
const SWEEPS = {
  '64×64×64 → 64': '?in_channels=64&out_channels=64&kernel_size=3&padding=1&height=64&width=64&step=0',
  'figure 1': '?preset=figure1&step=0',
};
const done = () => {
  const m = (document.querySelector('[data-testid=chart-progress]')?.textContent ?? '').match(/(\d+) \/ (\d+)/);
  return m && m[1] === m[2] && Number(m[2]) > 0;
};
if (only.includes('sweep')) for (const [big, BIG] of Object.entries(SWEEPS)) for (const timeAt of ['shown', '256']) for (const where of ['worker', 'page']) {
  const loads = [];
  const sweeps = [];
  const drags = [];
  let seconds = [];
  let place;
  for (let run = 0; run < RUNS; run++) {
    const { context, page } = await observedPage(768, { refused: where === 'page' });
    const t0 = Date.now();
    await page.goto(`${server.url}${BIG}${timeAt === '256' ? '&chart_time=256' : ''}`);
    await page.getByTestId('output-shape').waitFor();
    await page.waitForFunction(done, null, { timeout: 300_000, polling: 250 });
    seconds.push((Date.now() - t0) / 1000);
    place = await page.locator('section.charts').getAttribute('data-timed-in');
    loads.push(await longest(page));
    // A whole sweep on its own: a new out_channels typed in starts the next one.
    await page.evaluate(() => { window.__long = []; });
    await page.locator('#out_channels-n').fill('63');
    await page.waitForFunction(() => !/(\d+) \/ \1\b/.test(document.querySelector('[data-testid=chart-progress]')?.textContent ?? ''), null, { timeout: 30_000, polling: 50 }).catch(() => {});
    await page.waitForFunction(done, null, { timeout: 300_000, polling: 250 });
    sweeps.push(await longest(page));
    // Drag stride's slider across and back while the sweep each change starts is running.
    await page.evaluate(() => { window.__long = []; });
    await dragSlider(page, 'control-stride');
    drags.push(await longest(page));
    await context.close();
  }
  console.log(`${big}, times ${timeAt === '256' ? 'on 256 × 256' : 'as shown'}, sweep ${where === 'worker' ? 'in the worker' : 'on the page'} (data-timed-in=${place}): `
    + `longest task, load + first sweep ${loads.map(Math.round).join(' / ')} ms (sweep done after ${seconds.map((s) => s.toFixed(1)).join(' / ')} s); `
    + `a whole sweep after a change ${sweeps.map(Math.round).join(' / ')} ms; `
    + `dragging a slider ${drags.map(Math.round).join(' / ')} ms`);
}

// A stack near the live limit (356M multiply-accumulates at 3×96×96): the longest task when its
// text is typed in (its first computation), then over three seed changes.
const STACK = 'nn.Conv2d(3, 64, 3, padding=1),\n  nn.ReLU(),\n  nn.Conv2d(64, 64, 3, padding=1),\n  nn.ReLU(),\n  nn.MaxPool2d(2)';
if (only.includes('stack')) {
  const typed = [];
  const seeds = [];
  for (let run = 0; run < RUNS; run++) {
    const { context, page } = await observedPage(900);
    await page.goto(`${server.url}?step=0&stack_input=3,96,96`);
    await page.getByTestId('output-shape').waitFor();
    await page.getByTestId('stack').locator('summary').first().click();
    await page.waitForTimeout(2000);
    await page.evaluate(() => { window.__long = []; });
    await page.getByTestId('stack-text').fill(STACK);
    await page.waitForTimeout(2500);
    typed.push(await longest(page));
    await page.evaluate(() => { window.__long = []; });
    for (let i = 0; i < 3; i++) {
      await page.locator('#seed-n').fill(String(20 + i));
      await page.keyboard.press('Tab');
      await page.waitForTimeout(800);
    }
    seeds.push(await longest(page));
    await context.close();
  }
  console.log(`a stack of 356M multiply-accumulates at 3×96×96: longest task, typed in ${typed.map(Math.round).join(' / ')} ms; `
    + `three seed changes ${seeds.map(Math.round).join(' / ')} ms`);
}

// The figure's PNG and SVG at 64×64×64 → 64 (a 57 MB SVG): the longest task from the click until
// a second after the file has downloaded.
if (only.includes('exports')) {
  const rows = { png: [], svg: [] };
  for (let run = 0; run < RUNS; run++) {
    const { context, page } = await observedPage(900, { downloads: true });
    await page.goto(`${server.url}${SWEEPS['64×64×64 → 64']}`);
    await page.getByTestId('figure').waitFor();
    await page.waitForTimeout(4000);
    for (const kind of ['png', 'svg']) {
      await page.evaluate(() => { window.__long = []; });
      await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(`export-${kind}`).click()]);
      await page.waitForTimeout(1000);
      rows[kind].push(await longest(page));
    }
    await context.close();
  }
  console.log(`64×64×64 → 64's exports: longest task, PNG ${rows.png.map(Math.round).join(' / ')} ms; SVG ${rows.svg.map(Math.round).join(' / ')} ms`);
}

// One-off actions at 64×64×64 → 64: "Transpose this layer" (a ConvTranspose2d computed), and the
// pointer moved across the picture view's first output image (30 moves).
if (only.includes('actions')) {
  const rows = { transpose: [], hover: [] };
  for (let run = 0; run < RUNS; run++) {
    const { context, page } = await observedPage(900);
    await page.goto(`${server.url}${SWEEPS['64×64×64 → 64']}`);
    await page.getByTestId('figure').waitFor();
    await page.waitForTimeout(4000);
    await page.evaluate(() => { window.__long = []; });
    await page.getByTestId('transpose-this').click();
    await page.waitForTimeout(1500);
    rows.transpose.push(await longest(page));
    await page.getByTestId('layer-conv2d').click();
    await page.getByTestId('picture-view').click();
    await page.waitForTimeout(1500);
    const canvas = page.getByTestId('pictures');
    const out = JSON.parse(await canvas.getAttribute('data-images')).find((i) => /Output/.test(i.shows));
    await canvas.evaluate((c, y) => window.scrollTo(0, window.scrollY + c.getBoundingClientRect().top + y - 200), out.y);
    await page.waitForTimeout(500);
    const box = await canvas.boundingBox();
    await page.evaluate(() => { window.__long = []; });
    for (let i = 0; i < 30; i++) {
      await page.mouse.move(box.x + out.x + ((i % out.cols) + 0.5) * out.cell, box.y + out.y + 5.5 * out.cell);
      await page.waitForTimeout(30);
    }
    await page.waitForTimeout(500);
    rows.hover.push(await longest(page));
    await context.close();
  }
  console.log(`64×64×64 → 64's one-off actions: longest task, Transpose this layer ${rows.transpose.map(Math.round).join(' / ')} ms; `
    + `the pointer across the picture view ${rows.hover.map(Math.round).join(' / ')} ms`);
}
await browser.close();
await server.close();
