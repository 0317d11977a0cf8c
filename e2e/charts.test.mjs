// The scaling charts in headless Debian chromium: exact counts against PyTorch's
// (fixtures/chart_counts.json), a positive timing at every point, rejected values listed, and a click
// on a point setting that argument in the playground. Timing values themselves are never asserted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, openPage } from './lib.mjs';
import { Playground } from './playground.page.mjs';

const counts = JSON.parse(readFileSync(new URL('./fixtures/chart_counts.json', import.meta.url)));
const ARGS = ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'dilation', 'groups', 'input_size'];
const BASES = {
  figure1: '?step=0',
  figure9: '?in_channels=2&out_channels=4&kernel_size=3&stride=2&padding=2&dilation=1&groups=2&height=7&width=7&step=0',
};

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function openCharts(query) {
  const page = await openPage(browser, server.url + query, { viewport: { width: 1400, height: 1000 } });
  const app = new Playground(page);
  await app.ready();
  await page.waitForFunction(() => {
    const m = (document.querySelector('[data-testid=chart-progress]')?.textContent ?? '').match(/(\d+) \/ (\d+)/);
    return m && m[1] === m[2] && Number(m[2]) > 0;
  }, null, { timeout: 60_000 });
  return app;
}

const series = async (app, arg) => JSON.parse(await app.testid(`chart-${arg}`).getAttribute('data-series'));

for (const [base, query] of Object.entries(BASES)) {
  test(`all eight charts show PyTorch's exact counts and a measured time (${base})`, async () => {
    const app = await openCharts(query);
    for (const arg of ARGS) {
      const s = await series(app, arg);
      assert.ok(s.points.length >= 1, `${arg} has points`);
      for (const p of s.points) {
        const want = counts.find((c) => c.base === base && c.arg === arg && c.x === p.x);
        assert.ok(want && !want.error, `${arg}=${p.x} is valid in PyTorch`);
        assert.equal(p.params, want.params, `${arg}=${p.x} params`);
        assert.equal(p.macs, want.macs, `${arg}=${p.x} MACs`);
        assert.ok(p.median_ms > 0 && p.min_ms > 0 && p.max_ms >= p.median_ms, `${arg}=${p.x} timing`);
      }
      for (const [x, why] of s.skipped) {
        const want = counts.find((c) => c.base === base && c.arg === arg && c.x === x);
        if (want) assert.equal(why, want.error, `${arg}=${x} is rejected with PyTorch's sentence`);
      }
    }
    assert.deepEqual(app.page.problems, []);
  });
}

test('grouped configuration: values PyTorch rejects are listed, not plotted', async () => {
  const app = await openCharts(BASES.figure9);
  const s = await series(app, 'in_channels');
  assert.ok(s.skipped.some(([x, why]) => x === 3 && why === 'in_channels must be divisible by groups'));
  assert.ok(!s.points.some((p) => p.x % 2 === 1));
});

test('clicking a chart point sets that argument in the playground', async () => {
  const app = await openCharts(BASES.figure1);
  const card = app.testid('chart-out_channels');
  const canvas = card.locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  const [start, end, x0, x1] = (await canvas.getAttribute('data-plot')).split(',').map(Number);
  const target = 8;
  const px = start + ((target - x0) / (x1 - x0)) * (end - start);
  await canvas.click({ position: { x: px, y: 200 } });
  await app.page.waitForFunction(() => document.querySelector('#out_channels-n')?.value === '8');
  const fig1 = JSON.parse(readFileSync(new URL('./fixtures/presets.json', import.meta.url)))[0];
  const want = counts.find((c) => c.base === 'figure1' && c.arg === 'out_channels' && c.x === target);
  assert.equal(await app.text('param-count'), String(want.params));
  assert.equal(await app.text('output-shape'), `(${target}, ${fig1.shape[1]}, ${fig1.shape[2]})`);
  await app.page.waitForURL(/out_channels=8/);
});

test('the keyboard reads the points of a chart and sets one, without stepping the animation', async () => {
  const app = await openCharts(BASES.figure1);
  const plot = app.testid('plot-out_channels');
  const s = await series(app, 'out_channels');
  const at = s.points.findIndex((p) => p.x === s.current);
  const filled = await app.testid('figure').getAttribute('data-filled');
  await plot.focus();
  await plot.press('ArrowRight');
  await plot.press('ArrowRight');
  const next = s.points[at + 2];
  assert.match(await app.testid('chart-out_channels').locator('.readout').textContent(),
    new RegExp(`out_channels = ${next.x}: parameters ${next.params},`));
  await plot.press('Enter');
  await app.page.waitForFunction((x) => document.querySelector('#out_channels-n')?.value === String(x), next.x);
  assert.equal(await app.testid('figure').getAttribute('data-filled'), filled, 'arrows on a chart are not the step keys');
});

test('the log toggle switches the axes', async () => {
  const app = await openCharts(BASES.figure1);
  await app.testid('log-toggle').click();
  assert.equal(await app.testid('log-toggle').getAttribute('aria-pressed'), 'true');
  assert.deepEqual(app.page.problems, []);
});

test('a link too large to run live: charts of that configuration, exact counts, only small points timed', async () => {
  const app = await openCharts('?in_channels=64&out_channels=64&kernel_size=3&stride=1&padding=1&dilation=1&groups=1&height=128&width=128');
  await app.testid('too-large').waitFor();
  const s = await series(app, 'in_channels');
  assert.equal(s.current, 64, 'the sweep is around the link\'s configuration, not figure 1');
  assert.deepEqual(s.skipped, [], 'PyTorch accepts every in_channels here');
  const big = s.points.filter((p) => p.too_large);
  assert.ok(big.length > 0 && big.every((p) => p.median_ms === null));
  assert.ok(s.points.filter((p) => !p.too_large).every((p) => p.median_ms > 0));
  assert.match(await app.text('untimed-in_channels'), /not timed/);
  assert.deepEqual(app.page.problems, []);
});
