// The scaling charts in headless Debian chromium: exact counts against PyTorch's
// (fixtures/chart_counts.json), a positive timing at every point, rejected values listed, verdicts
// that conclude and agree with the data they are drawn from, and a click on a point reading it while
// the set button beside the read-out sets it. Timing values themselves are never asserted.
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

async function openCharts(query, options = { viewport: { width: 1400, height: 1000 } }) {
  const page = await openPage(browser, server.url + query, options);
  const app = new Playground(page);
  await app.ready();
  await page.waitForFunction(() => {
    const m = (document.querySelector('[data-testid=chart-progress]')?.textContent ?? '').match(/(\d+) \/ (\d+)/);
    return m && m[1] === m[2] && Number(m[2]) > 0;
  }, null, { timeout: 60_000 });
  return app;
}

const series = async (app, arg) => JSON.parse(await app.testid(`chart-${arg}`).getAttribute('data-series'));

/** Scrolls a chart's canvas into view and returns its x mapping once it is drawn there. */
async function drawnPlot(canvas) {
  await canvas.scrollIntoViewIfNeeded();
  const plot = await canvas.page().waitForFunction((el) => el.getAttribute('data-plot'), await canvas.elementHandle());
  return (await plot.jsonValue()).split(',').map(Number);
}

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

test('clicking a chart point reads it; the set button beside the read-out sets it', async () => {
  const app = await openCharts(BASES.figure1);
  const card = app.testid('chart-out_channels');
  const canvas = card.locator('canvas');
  const [start, end, x0, x1] = await drawnPlot(canvas);
  const target = 8;
  const px = start + ((target - x0) / (x1 - x0)) * (end - start);
  await canvas.click({ position: { x: px, y: 200 } });
  const want = counts.find((c) => c.base === 'figure1' && c.arg === 'out_channels' && c.x === target);
  await app.page.mouse.move(0, 0); // off the chart: the read-out keeps the clicked point
  assert.match(await app.text('readout-out_channels'), new RegExp(`^out_channels = ${target}: parameters ${want.params},`));
  // Reading is not setting: the playground keeps its value until the button is pressed.
  assert.equal(await app.page.locator('#out_channels-n').inputValue(), '2');
  const set = app.testid('chart-set-out_channels');
  assert.equal(await set.textContent(), `set out_channels = ${target}`);
  await set.click();
  await app.page.waitForFunction(() => document.querySelector('#out_channels-n')?.value === '8');
  const fig1 = JSON.parse(readFileSync(new URL('./fixtures/presets.json', import.meta.url)))[0];
  assert.equal(await app.text('param-count'), String(want.params));
  assert.equal(await app.text('output-shape'), `(${target}, ${fig1.shape[1]}, ${fig1.shape[2]})`);
  await app.page.waitForURL(/out_channels=8/);
  // The point read is now the playground's value: nothing left to set.
  assert.equal(await app.testid('chart-set-out_channels').count(), 0);
});

test('on a phone, a tap on a chart point reads it and sets nothing', async () => {
  const app = await openCharts(BASES.figure1, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const canvas = app.testid('plot-in_channels');
  const [start, end, x0, x1] = await drawnPlot(canvas);
  const target = 12;
  await canvas.tap({ position: { x: start + ((target - x0) / (x1 - x0)) * (end - start), y: 200 } });
  const want = counts.find((c) => c.base === 'figure1' && c.arg === 'in_channels' && c.x === target);
  assert.match(await app.text('readout-in_channels'), new RegExp(`^in_channels = ${target}: parameters ${want.params},`));
  assert.equal(await app.page.locator('#in_channels-n').inputValue(), '3', 'a tap only reads');
  assert.equal(await app.testid('chart-set-in_channels').textContent(), `set in_channels = ${target}`);
  assert.deepEqual(app.page.problems, []);
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
  assert.equal(await app.testid('chart-set-out_channels').textContent(), `set out_channels = ${next.x}`);
  assert.equal(await app.page.locator('#out_channels-n').inputValue(), String(s.current), 'arrows only read');
  await plot.press('Enter');
  await app.page.waitForFunction((x) => document.querySelector('#out_channels-n')?.value === String(x), next.x);
  assert.equal(await app.testid('figure').getAttribute('data-filled'), filled, 'arrows on a chart are not the step keys');
});

// R² of y = a·f(x) through the origin, against the mean of y (the page's rule for "∝").
function proportionalR2(pts) {
  const a = pts.reduce((n, [f, y]) => n + f * y, 0) / pts.reduce((n, [f]) => n + f * f, 0);
  const my = pts.reduce((n, [, y]) => n + y, 0) / pts.length;
  const res = pts.reduce((n, [f, y]) => n + (y - a * f) ** 2, 0);
  const tot = pts.reduce((n, [, y]) => n + (y - my) ** 2, 0);
  return tot === 0 ? (res === 0 ? 1 : 0) : 1 - res / tot;
}
const PROPORTIONAL = { in_channels: (x) => x, out_channels: (x) => x, kernel_size: (x) => x * x, groups: (x) => 1 / x, input_size: (x) => x * x };
const BADGES = { holds: '✓ holds', 'does-not-hold': '✗ does not hold here', inconclusive: '? inconclusive' };

for (const [base, query] of Object.entries(BASES)) {
  test(`every chart's time claim concludes, and its verdict agrees with its own data (${base})`, async () => {
    const app = await openCharts(query);
    for (const arg of ARGS) {
      const card = app.testid(`chart-${arg}`);
      const verdict = await card.getAttribute('data-verdict');
      assert.ok(verdict in BADGES, `${arg}: ${verdict}`);
      const line = await app.text(`verdict-time-${arg}`);
      assert.ok(line.includes(BADGES[verdict]), `${arg}: ${line}`);
      const s = await series(app, arg);
      const timed = s.points.filter((p) => p.median_ms !== null);
      if (timed.length < 3) {
        assert.equal(verdict, 'inconclusive', `${arg}: ${timed.length} timed points`);
        assert.match(line, /a verdict needs at least 3/);
      } else if (PROPORTIONAL[arg] && verdict !== 'inconclusive') {
        const r2 = proportionalR2(timed.map((p) => [PROPORTIONAL[arg](p.x), p.median_ms]));
        assert.equal(verdict === 'holds', r2 >= 0.95, `${arg}: R² ${r2} through the origin, verdict ${verdict}`);
        const shown = (Math.floor(r2 * 100) / 100).toFixed(2); // rounded down, as the page prints it
        assert.ok(line.includes(`R² ${shown}`), `${arg}: ${line} prints R² ${shown}`);
      }
      // The parameters' part has its own verdict; it never stands for the whole claim.
      assert.ok((await card.getAttribute('data-params-verdict')) in BADGES, arg);
    }
    assert.deepEqual(app.page.problems, []);
  });
}

test('figure 9: the groups chart lists the values PyTorch rejects and has too few points for a verdict', async () => {
  const app = await openCharts(BASES.figure9);
  const s = await series(app, 'groups');
  assert.deepEqual(s.points.map((p) => p.x), [1, 2]);
  assert.ok(s.skipped.length > 0, 'non-divisors are listed');
  for (const [x, why] of s.skipped) {
    const want = counts.find((c) => c.base === 'figure9' && c.arg === 'groups' && c.x === x);
    assert.equal(why, want.error, `groups=${x} is rejected with PyTorch's sentence`);
  }
  assert.match(await app.text('skipped-groups'), /^groups = 3, 4: .*\(in_channels must be divisible by groups\)$/);
  assert.equal(await app.testid('chart-groups').getAttribute('data-verdict'), 'inconclusive');
  assert.match(await app.text('verdict-time-groups'), /only 2 timed point\(s\); a verdict needs at least 3/);
  assert.doesNotMatch(await app.text('verdict-time-groups'), /R²/);
});

test('the log toggle switches the axes', async () => {
  const app = await openCharts(BASES.figure1);
  await app.testid('log-toggle').click();
  assert.equal(await app.testid('log-toggle').getAttribute('aria-pressed'), 'true');
  assert.deepEqual(app.page.problems, []);
});

test('a chart far below the screen is drawn only when it comes near: a change at the top redraws none', async () => {
  const page = await openPage(browser, server.url + '?in_channels=64&out_channels=64&kernel_size=3&padding=1&height=64&width=64&step=0',
    { viewport: { width: 1366, height: 768 } });
  const app = new Playground(page);
  await app.ready();
  const canvas = app.testid('plot-dilation');
  const draws = async () => Number(await canvas.getAttribute('data-draws'));
  await page.waitForTimeout(800);
  assert.equal(await draws(), 0, 'not drawn while far below the screen');
  await drawnPlot(canvas);
  assert.ok(await draws() >= 1);
  // Back at the top, a change (and the sweep's times that follow it) leaves the chart as it was.
  // Counted once the page has been at the top a moment: times arriving while the chart was on
  // screen, or a drawing already due, may still draw it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  const drawn = await draws();
  await page.locator('#stride-h-n').fill('2');
  await page.waitForFunction(() => document.querySelector('[data-testid=output-shape]')?.textContent === '(64, 32, 32)');
  await page.waitForTimeout(1500);
  assert.equal(await draws(), drawn, 'not redrawn while far below the screen');
  // Near the screen again, it is drawn for the new configuration.
  await canvas.scrollIntoViewIfNeeded();
  await page.waitForFunction(([el, n]) => Number(el.getAttribute('data-draws')) > n, [await canvas.elementHandle(), drawn]);
  // A window resize redraws a chart on screen at its new width.
  const [start, end] = await drawnPlot(canvas);
  const wide = await draws();
  await page.setViewportSize({ width: 1000, height: 768 });
  await canvas.scrollIntoViewIfNeeded();
  await page.waitForFunction(([el, n]) => Number(el.getAttribute('data-draws')) > n, [await canvas.elementHandle(), wide]);
  const [start2, end2] = await drawnPlot(canvas);
  assert.notEqual(end2 - start2, end - start, "the chart's width changed with the window");
  const css = await canvas.evaluate((el) => [el.clientWidth, el.width / devicePixelRatio]);
  assert.ok(Math.abs(css[0] - css[1]) <= 1, `the bitmap fits the canvas's new width: ${css}`);
  assert.ok(end2 <= css[0], 'the plot ends inside it');
  assert.deepEqual(page.problems, []);
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

const charts = (app) => app.page.locator('section.charts');

test('the sweep runs in a Web Worker running the same wasm, and finishes there', async () => {
  const app = await openCharts(BASES.figure1);
  assert.equal(await charts(app).getAttribute('data-timed-in'), 'worker');
  assert.equal(await app.text('chart-place'), 'timed in a Web Worker');
  // The worker is a module worker of the site's own script, and nothing else was fetched for it.
  const workers = app.page.workers().map((w) => new URL(w.url()).pathname.split('/').pop());
  assert.ok(workers.includes('sweep-worker.js'), workers.join(', '));
  assert.deepEqual(app.page.problems, []);
});

test('the timing scale: times measured on a 256 × 256 input, counts still the configuration\'s, kept in the link', async () => {
  const app = await openCharts(BASES.figure1);
  const shown = await series(app, 'out_channels');
  assert.equal(shown.time_at, 'shown');
  assert.ok(shown.points.every((p) => p.timed_input.join() === '7,7'));
  await app.testid('chart-time').selectOption('256');
  await app.page.waitForURL(/chart_time=256/);
  await app.page.waitForFunction(() => {
    const m = (document.querySelector('[data-testid=chart-progress]')?.textContent ?? '').match(/(\d+) \/ (\d+)/);
    return document.querySelector('section.charts')?.dataset.timeAt === '256' && m && m[1] === m[2] && Number(m[2]) > 0;
  }, null, { timeout: 120_000 });
  assert.equal(await charts(app).getAttribute('data-timed-in'), 'worker');
  for (const arg of ARGS) {
    const s = await series(app, arg);
    assert.equal(s.time_at, '256', arg);
    for (const p of s.points) {
      const want = counts.find((c) => c.base === 'figure1' && c.arg === arg && c.x === p.x);
      assert.equal(p.macs, want.macs, `${arg}=${p.x}: the counts stay figure 1's`);
      const side = arg === 'input_size' ? 4 * p.x : 256;
      assert.deepEqual(p.timed_input, [side, side], `${arg}=${p.x} timed on ${side}×${side}`);
      if (!p.too_large) assert.ok(p.median_ms > 0, `${arg}=${p.x} timed`);
    }
  }
  // Well above a coarse timer: a pass of figure 1's layer on 256 × 256 takes tens of microseconds or more.
  const s = await series(app, 'in_channels');
  assert.ok(s.points.every((p) => p.median_ms > 0.01), JSON.stringify(s.points.map((p) => p.median_ms)));
  // The link opens on the same scale.
  const again = await openCharts(`${BASES.figure1}&chart_time=256`);
  assert.equal(await again.testid('chart-time').inputValue(), '256');
  assert.equal((await series(again, 'kernel_size')).points[0].timed_input[0], 256);
  assert.deepEqual(app.page.problems, []);
});

test('a new configuration cancels the sweep running in the worker; only the new one\'s times arrive', async () => {
  // 16 → 16 channels timed on 256 × 256: seconds of sweep, so the change lands in the middle of it.
  const app = new Playground(await openPage(browser, `${server.url}?in_channels=16&out_channels=16&kernel_size=3&padding=1&height=32&width=32&step=0&chart_time=256`,
    { viewport: { width: 1400, height: 1000 } }));
  await app.ready();
  await app.page.waitForFunction(() => {
    const m = (document.querySelector('[data-testid=chart-progress]')?.textContent ?? '').match(/(\d+) \/ (\d+)/);
    return document.querySelector('section.charts')?.dataset.timedIn === 'worker' && m && Number(m[1]) >= 2 && Number(m[1]) < Number(m[2]);
  }, null, { timeout: 60_000 });
  await app.setNumber('out_channels', 8);
  await app.page.waitForFunction(() => {
    const m = (document.querySelector('[data-testid=chart-progress]')?.textContent ?? '').match(/(\d+) \/ (\d+)/);
    return m && m[1] === m[2] && Number(m[2]) > 0;
  }, null, { timeout: 120_000 });
  assert.ok(Number(await charts(app).getAttribute('data-sweeps-cancelled')) >= 1, 'the worker stopped the old sweep');
  const s = await series(app, 'in_channels');
  assert.equal((await series(app, 'out_channels')).current, 8);
  // Every time shown is of the new configuration: out_channels 8 in every point of the in_channels chart.
  for (const p of s.points) {
    assert.equal(p.params, p.x * 8 * 9 + 8, `in_channels=${p.x}: the counts are of out_channels 8`);
    if (!p.too_large) assert.ok(p.median_ms > 0);
  }
  assert.deepEqual(app.page.problems, []);
});
