#!/usr/bin/env node
// Dragging a slider, two or more builds side by side in one headless Debian chromium: the stride
// slider at 64×64×64 → 64, k3 p1 (151M multiply-accumulates at stride 1) dragged from 1 towards 3
// and back over two seconds, the builds alternating, each drag in a fresh page. Per drag, from a
// trace of the page's main thread: its longest task, how many tasks took over 30 ms, and how long
// it was busy in all. With HOG=1 a thread of this process spins for the whole run, holding one of
// the machine's cores, as a busy shared machine does.
// Usage: node scripts/bench-drag.mjs DIST_A,DIST_B [drags per build]   (copies of dist/)
//        env Q = another query, CTRL = another slider's test id (default control-stride)
import { Worker } from 'node:worker_threads';

const { serve, launch, dragSlider } = await import(new URL('../e2e/lib.mjs', import.meta.url));
const dists = (process.argv[2] ?? '').split(',').filter(Boolean);
if (dists.length === 0) {
  console.error('usage: node scripts/bench-drag.mjs DIST_A,DIST_B [drags]');
  process.exit(2);
}
const runs = Number(process.argv[3] ?? 6);
const query = process.env.Q ?? '?in_channels=64&out_channels=64&kernel_size=3&padding=1&height=64&width=64&step=0';
const hog = process.env.HOG === '1'
  ? new Worker('for (;;) {}', { eval: true })
  : null;

/** One drag of the slider on a fresh page of `url`: the main thread's tasks, ms. */
async function drag(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.getByTestId('output-shape').waitFor();
    await page.waitForTimeout(4000);
    await dragSlider(page, process.env.CTRL ?? 'control-stride', () =>
      browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] }));
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    // The page's main thread: of the renderers' main threads in the trace, the busiest.
    const mains = events.filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
    const tasksOf = (m) => events
      .filter((e) => e.pid === m.pid && e.tid === m.tid && e.name === 'RunTask' && e.dur)
      .map((e) => e.dur / 1000);
    const sum = (xs) => xs.reduce((a, b) => a + b, 0);
    return mains.map(tasksOf).reduce((a, b) => (sum(b) > sum(a) ? b : a), []);
  } finally {
    await context.close();
  }
}

const servers = await Promise.all(dists.map((d) => serve(d)));
const browser = await launch();
const results = dists.map(() => []);
try {
  for (let run = 0; run < runs; run++) {
    for (let k = 0; k < dists.length; k++) {
      const tasks = await drag(browser, servers[k].url + query);
      results[k].push({
        longest: Math.max(0, ...tasks),
        over30: tasks.filter((t) => t > 30).length,
        busy: tasks.reduce((a, b) => a + b, 0),
      });
    }
  }
} finally {
  await hog?.terminate();
  await browser.close();
  for (const s of servers) await s.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (xs) => xs.map((x) => Math.round(x)).join(' ');
console.log(`drag at ${query}${hog ? ', one core held by a spinning thread' : ''}, ${runs} drags per build`);
console.log('| build | longest task per drag, ms | tasks over 30 ms | main thread busy, ms | medians: longest, busy |');
console.log('|---|---|---|---|---:|');
dists.forEach((d, k) => {
  const r = results[k];
  console.log(`| ${d} | ${round(r.map((x) => x.longest))} | ${r.map((x) => x.over30).join(' ')} | ${round(r.map((x) => x.busy))} | ${Math.round(median(r.map((x) => x.longest)))}, ${Math.round(median(r.map((x) => x.busy)))} |`);
});
