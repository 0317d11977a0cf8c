// The playground in headless Debian chromium, against numbers from real PyTorch (fixtures/, written
// by scripts/gen_presets.py and scripts/gen_fixtures.py).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, openPage } from './lib.mjs';
import { Playground, query } from './playground.page.mjs';

const load = (p) => JSON.parse(readFileSync(new URL(p, import.meta.url)));
const presets = load('./fixtures/presets.json');
const fields = load('./fixtures/receptive_fields.json');
const golden = readFileSync(new URL('../crates/conv2d-core/tests/fixtures/golden.jsonl', import.meta.url), 'utf8')
  .trim().split('\n').map((l) => JSON.parse(l));
const pytorchSays = (name) => golden.find((g) => g.name === name).expect.error;
const shapeText = (s) => `(${s.join(', ')})`;

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(q = '', options) {
  const page = await openPage(browser, server.url + q, options);
  const app = new Playground(page);
  await app.ready();
  return app;
}

test('every preset shows PyTorch\'s output shape and parameter count', async () => {
  const app = await open();
  for (const p of presets) {
    await app.select('preset', p.name);
    assert.equal(await app.text('output-shape'), shapeText(p.shape), p.name);
    assert.equal(await app.text('param-count'), String(p.params), p.name);
  }
  assert.deepEqual(app.page.problems, []);
});

test('an invalid configuration shows PyTorch\'s sentence, names the control and keeps the figure', async () => {
  const app = await open('?step=0');
  await app.setNumber('groups', 0);
  await app.testid('error').waitFor({ state: 'visible' });
  assert.equal(await app.text('error-message'), pytorchSays('reject/groups/zero'));
  assert.match(await app.testid('control-groups').getAttribute('class'), /involved/);
  assert.equal(await app.text('output-shape'), 'invalid configuration');
  assert.equal(await app.testid('figure').count(), 1, 'the last valid figure stays');
  await app.setNumber('groups', 1);
  await app.testid('error').waitFor({ state: 'hidden' });
  assert.equal(await app.text('output-shape'), shapeText(presets[0].shape));
  assert.deepEqual(app.page.problems, []);
});

for (const f of fields) {
  test(`hovering highlights exactly PyTorch's receptive fields (${f.name})`, async () => {
    const app = await open(query(f, `&weights=box_blur&step=0`));
    assert.equal(await app.text('output-shape'), shapeText(f.shape));
    const [oc, oy, ox] = f.output_cell;
    await app.hover('output', oc, oy, ox);
    assert.deepEqual(await app.highlight('outputs'), [f.output_cell]);
    assert.deepEqual(await app.highlight('inputs'), f.inputs_of_output);
    const [c, y, x] = f.input_cell;
    const [top, left] = await app.pad();
    await app.hover('input', c, y + top, x + left);
    assert.deepEqual(await app.highlight('outputs'), f.outputs_of_input);
    assert.deepEqual(app.page.problems, []);
  });
}

test('the URL round-trips the whole state', async () => {
  const app = await open('?step=0');
  await app.select('preset', 'figure9');
  await app.select('padding_mode', 'reflect');
  await app.select('bias', 'false');
  await app.select('data', 'digit');
  await app.page.getByTestId('link-kernel_size').click();
  await app.setNumber('kernel_size-w', 2);
  await app.page.waitForURL(/kernel_size=3,2/);
  const url = app.page.url();
  assert.match(url, /padding_mode=reflect/);
  const again = await open(new URL(url).search);
  for (const id of ['python', 'output-shape', 'param-count', 'formula-h', 'formula-w']) {
    assert.equal(await again.text(id), await app.text(id), id);
  }
  assert.equal(await again.highlight('inputs').then(JSON.stringify), await app.highlight('inputs').then(JSON.stringify));
});

test('junk in the URL is named in a notice and never breaks the page', async () => {
  const app = await open('?stride=abc&padding=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&kernel_size=99999&bias=maybe&nope=1');
  const notices = await app.text('notices');
  for (const word of ['stride', 'padding', 'kernel_size is capped', 'bias', 'nope']) {
    assert.ok(notices.includes(word), `${word} in ${notices}`);
  }
  assert.equal(await app.page.locator('img').count(), 0);
  assert.deepEqual(app.page.problems, []);
  // A parsed but invalid value gets PyTorch's sentence like any other configuration.
  const bad = await open('?stride=0');
  assert.equal(await bad.text('error-message'), pytorchSays('reject/stride/zero'));
  assert.equal(await bad.testid('figure').count(), 0, 'no other configuration\'s figure');
  assert.match(await bad.text('no-figure'), /PyTorch rejects/, 'the reason, never a blank page');
});

test('a dragged slider applies the last of a burst of values once, a task after its events', async () => {
  const app = await open('?step=0');
  const applied = await app.page.evaluate(() => {
    // Every change the controls make is marked (marks are cleared once painted: observed here).
    window.__changes = 0;
    new PerformanceObserver((l) => { window.__changes += l.getEntries().filter((e) => e.name === 'conv2d-change').length; })
      .observe({ type: 'mark' });
    const before = performance.getEntriesByName('conv2d-change').length;
    const range = document.querySelector('[data-testid=control-stride] input[type=range]');
    for (const v of ['2', '3', '4']) {
      range.value = v;
      range.dispatchEvent(new Event('input', { bubbles: true }));
    }
    // Nothing yet: the frame that brought the events is not also the change's task.
    return [before, performance.getEntriesByName('conv2d-change').length];
  });
  assert.equal(applied[1], applied[0], 'not applied in the events\' own task');
  await app.page.waitForFunction(() => document.querySelector('#stride-h-n')?.value === '4');
  await app.page.waitForURL(/stride=4/);
  await app.page.waitForTimeout(200);
  assert.equal(await app.page.evaluate(() => window.__changes), 1, 'one change, with the last value');
  assert.deepEqual(app.page.problems, []);
});

test('a link the page cannot draw shows its own numbers and why, exports nothing, and draws once fixed', async () => {
  // Inside the caps, over the live limit: this configuration's exact shape and counts, no figure.
  const big = await open('?in_channels=64&out_channels=64&kernel_size=3&padding=1&height=128&width=128');
  assert.equal(await big.text('output-shape'), '(64, 128, 128)');
  assert.equal(await big.testid('figure').count(), 0);
  assert.match(await big.text('no-figure'), /more than the playground computes live/);
  assert.match(await big.text('too-large'), /\d{1,3}(,\d{3})+ multiply-accumulates/, 'grouped digits');
  // Rejected: PyTorch's sentence; a PNG export says there is nothing to export and downloads nothing.
  const bad = await open('?in_channels=4&out_channels=2&groups=3');
  assert.equal(await bad.testid('figure').count(), 0);
  let downloaded = false;
  bad.page.on('download', () => { downloaded = true; });
  await bad.testid('export-png').click();
  assert.match(await bad.text('export-error'), /Nothing to export/);
  assert.equal(downloaded, false);
  // Fixed, it draws its own figure.
  await bad.setNumber('groups', 1);
  await bad.testid('figure').waitFor();
  assert.equal(await bad.testid('no-figure').count(), 0);
  assert.deepEqual(bad.page.problems, []);
});

test('arrow keys move a pinned output cursor and the step buttons fill the output', async () => {
  const app = await open('?step=0');
  await app.testid('figure').click({ position: { x: 1, y: 1 } });
  await app.page.locator('.figure-box').focus();
  await app.page.keyboard.press('ArrowRight');
  await app.page.keyboard.press('ArrowDown');
  assert.deepEqual(await app.highlight('outputs'), [[0, 1, 1]]);
  await app.page.keyboard.press('Enter');
  await app.page.keyboard.press('Enter');
  assert.deepEqual(await app.highlight('outputs'), [[0, 1, 1]], 'Enter pins the cursor\'s cell, again and again');
  await app.page.keyboard.press('Escape');
  await app.testid('step-forward').click();
  await app.testid('step-forward').click();
  assert.equal(await app.testid('figure').getAttribute('data-filled'), '2');
  assert.deepEqual(await app.highlight('outputs'), [[0, 0, 2]]);
});

test('a number box that does not hold a whole number is marked, and put back on leaving it', async () => {
  const app = await open('?step=0');
  const python = await app.text('python');
  const box = app.page.locator('#kernel_size-h-n');
  await box.fill('2.5');
  assert.equal(await box.getAttribute('aria-invalid'), 'true');
  assert.equal(await app.text('python'), python, 'nothing applied behind the user\'s back');
  await box.press('Tab');
  assert.equal(await box.inputValue(), '3', 'the box shows the value in use again');
  assert.equal(await box.getAttribute('aria-invalid'), null);
  // The seed is not PyTorch's to judge: a negative one is refused the same way, never turned into 0.
  const seed = app.page.locator('#seed-n');
  await seed.fill('5');
  await seed.fill('-5');
  assert.equal(await seed.getAttribute('aria-invalid'), 'true');
  await seed.press('Tab');
  assert.equal(await seed.inputValue(), '5');
  await app.page.waitForURL(/seed=5/);
  // A link written by hand: arguments left out take PyTorch's defaults.
  const link = await open('?kernel_size=4&padding=same');
  assert.match(await link.text('python'), /^nn\.Conv2d\(3, 2, kernel_size=4, padding='same'\)/);
  assert.equal(await link.testid('error').isVisible(), false);
  assert.deepEqual(link.page.problems, []);
});

test('every slider in the controls panel is wide enough to aim with, on a laptop and a tablet', async () => {
  for (const width of [1366, 820]) {
    const app = await open('?preset=figure8', { viewport: { width, height: 900 } });
    const widths = await app.page.$$eval('.controls input[type=range]',
      (els) => els.map((e) => e.getBoundingClientRect().width));
    assert.ok(widths.length >= 10, `${widths.length} sliders`);
    assert.ok(Math.min(...widths) >= 140, `at ${width} px: ${widths.map(Math.round).join(' ')}`);
    // One slider width everywhere in the panel (a pair's sliders line up with the others).
    assert.ok(Math.max(...widths) - Math.min(...widths) <= 1, `at ${width} px: ${widths.map(Math.round).join(' ')}`);
    // Play and pause take the same room: the step slider beside them does not move.
    const x = async () => (await app.page.locator('#step-n').boundingBox()).x;
    const before = await x();
    await app.testid('play').click();
    assert.equal(await x(), before);
  }
});

// A 64-channel figure (4,224 grids): drawn off the page's thread by the figure's worker on the
// canvas the page hands it, or where no worker runs, by the page in a task after the change.
const LARGE = '?in_channels=64&out_channels=64&kernel_size=3&padding=1&height=64&width=64&stride=2&step=0';
const scenes = (page) => page.evaluate(() => performance.getEntriesByName('conv2d-scene').length);

/** Opens LARGE (the workers' script refused when `refuse`), changes stride twice in quick
 * succession, and waits until the figure has been drawn after that. */
async function largeFigure(refuse) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  if (refuse) await context.route('**/sweep-worker.js', (r) => r.abort());
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(e.message));
  page.warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push(m.text());
    if (m.type() === 'warning' && /worker/.test(m.text())) page.warnings.push(m.text());
  });
  await page.goto(server.url + LARGE);
  const app = new Playground(page);
  await app.ready();
  await page.waitForFunction(() => performance.getEntriesByName('conv2d-scene').length > 0, null, { timeout: 30_000 });
  const before = await scenes(page);
  await app.setNumber('stride-h', 3);
  await app.setNumber('stride-h', 4);
  await page.waitForFunction((n) => performance.getEntriesByName('conv2d-scene').length > n, before, { timeout: 30_000 });
  await page.waitForTimeout(300);
  const figure = await app.testid('figure').evaluate((c) => {
    const grids = JSON.parse(c.dataset.grids);
    const bottom = Math.max(...grids.map((g) => g.y + g.rows * g.cell));
    return { grids, bottom, height: parseFloat(c.style.height), drawnIn: c.dataset.drawnIn };
  });
  return { app, page, context, figure };
}

/** The colours of the first kernel's cells and of the paper beside it, as the screen shows them. */
async function firstKernelOnScreen(app, grids) {
  const k = grids.find((g) => g.kind === 'kernel');
  const canvas = app.testid('figure');
  await canvas.evaluate((c, y) => window.scrollTo(0, c.getBoundingClientRect().top + window.scrollY + y - 100), k.y);
  const box = await canvas.boundingBox();
  const clip = { x: box.x, y: box.y + k.y - 10, width: k.x + k.cols * k.cell + 10, height: k.rows * k.cell + 20 };
  const png = await app.page.screenshot({ clip });
  return app.page.evaluate(async ({ b64, k, clip }) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const s = img.width / clip.width;
    const at = (x, y) => [...ctx.getImageData(Math.floor(x * s), Math.floor(y * s), 1, 1).data];
    const kernel = [];
    for (let i = 0; i < k.rows; i++) for (let j = 0; j < k.cols; j++) kernel.push(at(k.x + (j + 0.5) * k.cell, 10 + (i + 0.5) * k.cell));
    return { kernel, paper: at(k.x - 2, 2) };
  }, { b64: png.toString('base64'), k, clip });
}

test('a large figure is drawn by its own worker, for the configuration asked last, and lit on hover', async () => {
  const { app, page, context, figure } = await largeFigure(false);
  assert.equal(figure.drawnIn, 'worker');
  assert.equal(figure.grids.length, 64 + 64 * 64 + 64);
  assert.ok(figure.height >= figure.bottom, `${figure.height} ≥ ${figure.bottom}`);
  assert.equal(await app.text('output-shape'), '(64, 16, 16)');
  const shown = await firstKernelOnScreen(app, figure.grids);
  assert.ok(shown.kernel.some((px) => px.join() !== shown.paper.join()), 'the first kernel is drawn');
  // Pointing at another output cell lights its receptive field: the worker draws the figure again.
  const out = figure.grids.find((g) => g.kind === 'output');
  const before = await scenes(page);
  await app.testid('figure').hover({ position: { x: out.x + 2.5 * out.cell, y: out.y + 1.5 * out.cell } });
  await page.waitForFunction((n) => performance.getEntriesByName('conv2d-scene').length > n, before);
  assert.equal(await app.testid('figure').getAttribute('data-highlight-outputs'), '[[0,1,2]]');
  await page.mouse.move(0, 0);
  // A small figure is the page's again (the worker lets the old canvas go), and a large one after
  // it goes to the worker on a new canvas.
  await app.setNumber('in_channels', 2);
  await page.waitForFunction(() => document.querySelector('[data-testid=figure]')?.dataset.drawnIn === 'page');
  const again = await scenes(page);
  await app.setNumber('in_channels', 64);
  await page.waitForFunction((n) => performance.getEntriesByName('conv2d-scene').length > n, again);
  assert.equal(await app.testid('figure').getAttribute('data-drawn-in'), 'worker');
  await page.waitForTimeout(300);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(page.warnings, []);
  await context.close();
});

test('where no worker runs, the page draws a large figure in a task after the change', async () => {
  const { app, page, context, figure } = await largeFigure(true);
  assert.equal(figure.drawnIn, 'page');
  assert.equal(figure.grids.length, 64 + 64 * 64 + 64);
  assert.ok(figure.height >= figure.bottom, `${figure.height} ≥ ${figure.bottom}`);
  // The page's own canvas: its pixels can be read back.
  const drawn = await app.testid('figure').evaluate((c) => {
    const k = JSON.parse(c.dataset.grids).find((g) => g.kind === 'kernel');
    const dpr = c.width / parseFloat(c.style.width);
    const ctx = c.getContext('2d');
    const at = (x, y) => [...ctx.getImageData(Math.floor(x * dpr), Math.floor(y * dpr), 1, 1).data];
    const kernel = [];
    for (let i = 0; i < k.rows; i++) for (let j = 0; j < k.cols; j++) kernel.push(at(k.x + (j + 0.5) * k.cell, k.y + (i + 0.5) * k.cell));
    return { paper: at(1, 1), kernel };
  });
  assert.ok(drawn.kernel.some((px) => px.join() !== drawn.paper.join()), 'the first kernel is drawn');
  assert.equal(await app.text('output-shape'), '(64, 16, 16)');
  assert.deepEqual(page.problems, []);
  await context.close();
});
