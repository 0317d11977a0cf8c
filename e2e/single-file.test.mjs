// The one-file page (scripts/build.sh --single-file → dist-single/conv2d-playground.html) opened from
// file://, alone in a folder: the playground's checks pass and the browser asks for nothing but the
// file itself. The file is written here from dist/ by the same script, into a fresh folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, DIST } from './lib.mjs';
import { Playground } from './playground.page.mjs';

const load = (p) => JSON.parse(readFileSync(new URL(p, import.meta.url)));
const presets = load('./fixtures/presets.json');
const fields = load('./fixtures/receptive_fields.json');
const golden = readFileSync(new URL('../crates/conv2d-core/tests/fixtures/golden.jsonl', import.meta.url), 'utf8')
  .trim().split('\n').map((l) => JSON.parse(l));
const shapeText = (s) => `(${s.join(', ')})`;

let browser, file;
before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'single-'));
  const out = join(dir, 'conv2d-playground.html');
  execFileSync(process.execPath, [new URL('../scripts/single-file.mjs', import.meta.url).pathname, DIST, out]);
  assert.deepEqual(readdirSync(dir), ['conv2d-playground.html']);
  file = pathToFileURL(out).href;
  browser = await launch();
});
after(async () => { await browser?.close(); });

/** Opens the file with a query string, recording every request the page makes. */
async function open(q = '', options = { acceptDownloads: true }) {
  const context = await browser.newContext(options);
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  await page.goto(file + q);
  const app = new Playground(page);
  await app.ready();
  app.requests = requests;
  return app;
}
/** Every request was for the file itself (any query string), or for data it made (data:, blob:). */
function onlyTheFile(app) {
  const elsewhere = app.requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && u.split('?')[0] !== file);
  assert.deepEqual(elsewhere, []);
}

test('from file://: figure 1, every preset, hover, an error, no request to anywhere', async () => {
  const app = await open();
  assert.equal(await app.text('output-shape'), shapeText(presets[0].shape));
  assert.equal(await app.text('param-count'), String(presets[0].params));
  assert.equal(await app.testid('figure').isVisible(), true);
  const inked = await app.testid('figure').evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    return new Set(Array.from({ length: d.length / 4 }, (_, i) => d[i * 4] * 65536 + d[i * 4 + 1] * 256 + d[i * 4 + 2])).size;
  });
  assert.ok(inked > 10, `the canvas is drawn (${inked} colours)`);
  for (const p of presets) {
    await app.select('preset', p.name);
    assert.equal(await app.text('output-shape'), shapeText(p.shape), p.name);
    assert.equal(await app.text('param-count'), String(p.params), p.name);
  }
  await app.setNumber('groups', 0);
  await app.testid('error').waitFor({ state: 'visible' });
  assert.equal(await app.text('error-message'), golden.find((g) => g.name === 'reject/groups/zero').expect.error);
  assert.deepEqual(app.page.problems, []);
  onlyTheFile(app);
});

test('from file://: no worker can start, so the charts are timed on the page, as before', async () => {
  const app = await open('?step=0');
  await app.page.waitForFunction(() => {
    const m = (document.querySelector('[data-testid=chart-progress]')?.textContent ?? '').match(/(\d+) \/ (\d+)/);
    return m && m[1] === m[2] && Number(m[2]) > 0;
  }, null, { timeout: 60_000 });
  assert.equal(await app.page.locator('section.charts').getAttribute('data-timed-in'), 'page');
  assert.deepEqual(app.page.problems, []);
  onlyTheFile(app);
});

test('from file://: receptive fields on hover, the state in the URL, and back', async () => {
  const { query } = await import('./playground.page.mjs');
  const f = fields[0];
  const app = await open(query(f, '&weights=box_blur&step=0'));
  assert.equal(await app.text('output-shape'), shapeText(f.shape));
  const [oc, oy, ox] = f.output_cell;
  await app.hover('output', oc, oy, ox);
  assert.deepEqual(await app.highlight('inputs'), f.inputs_of_output);
  await app.select('preset', 'figure8');
  await app.page.waitForURL(/dilation=4,2/);
  const again = await open(new URL(app.page.url()).search);
  assert.equal(await again.text('python'), await app.text('python'));
  assert.deepEqual(app.page.problems, []);
  onlyTheFile(app);
});

test('from file://: PNG, SVG and GIF downloads, the charts, the language switch', async () => {
  const app = await open('?step=0', { acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  const [png] = await Promise.all([app.page.waitForEvent('download'), app.testid('export-png').click()]);
  assert.equal(readFileSync(await png.path()).subarray(1, 4).toString('latin1'), 'PNG');
  const [svg] = await Promise.all([app.page.waitForEvent('download'), app.testid('export-svg').click()]);
  assert.match(readFileSync(await svg.path(), 'utf8'), /^<svg /);
  const [gif] = await Promise.all([app.page.waitForEvent('download', { timeout: 60_000 }), app.testid('export-gif').click()]);
  assert.equal(readFileSync(await gif.path()).subarray(0, 6).toString('latin1'), 'GIF89a');
  await app.page.waitForFunction(() => {
    const m = (document.querySelector('[data-testid=chart-progress]')?.textContent ?? '').match(/(\d+) \/ (\d+)/);
    return m && m[1] === m[2] && Number(m[2]) > 0;
  }, null, { timeout: 60_000 });
  const series = JSON.parse(await app.testid('chart-stride').getAttribute('data-series'));
  assert.ok(series.points.length > 0 && series.points.every((p) => p.median_ms > 0));
  await app.testid('lang-zh').click();
  assert.equal(await app.page.locator('html').getAttribute('lang'), 'zh');
  assert.deepEqual(app.page.problems, []);
  onlyTheFile(app);
});
