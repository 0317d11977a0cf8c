// Sharing in headless Debian chromium: a figure embedded through an iframe plays and steps, the
// embed dialog gives a working snippet and permalink, and PNG/SVG exports download real files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, openPage } from './lib.mjs';
import { Playground } from './playground.page.mjs';

let server, host, browser;
before(async () => {
  // The site under a sub-path, as on GitHub Pages, and a separate "blog" page that embeds it.
  server = await serve(undefined, '/conv2d/');
  const dir = mkdtempSync(join(tmpdir(), 'blog-'));
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>blog</title><link rel="icon" href="data:,">
    <h1>My post</h1><iframe id="fig" src="${server.url}?step=0&embed=1&controls=1" width="700" height="600" style="border:0"></iframe>`);
  host = await serve(dir, '/');
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); await host?.close(); });

test('a figure embedded in an iframe from a sub-path renders, plays and steps', async () => {
  const page = await openPage(browser, host.url);
  const frame = page.frameLocator('#fig');
  const figure = frame.getByTestId('figure');
  await figure.waitFor();
  assert.equal(await frame.locator('header').count(), 0, 'embed mode shows only the figure');
  assert.equal(await figure.getAttribute('data-filled'), '0');
  await frame.getByTestId('step-forward').click();
  await frame.getByTestId('step-forward').click();
  assert.equal(await figure.getAttribute('data-filled'), '2');
  await frame.getByTestId('play').click();
  // Playing moves on from step 2 by itself.
  await frame.locator('[data-testid=figure]:not([data-filled="2"])').waitFor({ timeout: 10_000 });
  assert.deepEqual(page.problems, []);
});

test('the embed dialog gives an iframe snippet and a permalink that reproduce the state', async () => {
  const page = await openPage(browser, `${server.url}?step=0`);
  const app = new Playground(page);
  await app.ready();
  await app.select('preset', 'figure8');
  await app.testid('embed').click();
  const snippet = await app.testid('embed-snippet').inputValue();
  assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/conv2d\/\?.*dilation=4,2.*&amp;embed=1/);
  const permalink = await app.testid('permalink').inputValue();
  // Each has a copy button that puts it on the clipboard and says so.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.testid('copy-permalink').click();
  assert.equal(await app.text('copy-permalink'), 'copied ✓');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), permalink);
  await app.testid('copy-snippet').click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);
  const again = new Playground(await openPage(browser, permalink));
  await again.ready();
  assert.equal(await again.text('python'), await app.text('python'));
  assert.equal(await again.text('output-shape'), await app.text('output-shape'));
});

test('PNG and SVG exports download the figure', async () => {
  const page = await openPage(browser, `${server.url}?step=0`, { acceptDownloads: true });
  const app = new Playground(page);
  await app.ready();
  const cssWidth = await app.testid('figure').evaluate((c) => parseFloat(c.style.width));
  await page.locator('#png-scale').selectOption('3');
  const [png] = await Promise.all([page.waitForEvent('download'), app.testid('export-png').click()]);
  const bytes = readFileSync(await png.path());
  assert.deepEqual([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join(''), 'PNG');
  assert.equal(bytes.readUInt32BE(16), Math.round(cssWidth * 3), 'width = figure width × scale');
  const [svg] = await Promise.all([page.waitForEvent('download'), app.testid('export-svg').click()]);
  const text = readFileSync(await svg.path(), 'utf8');
  assert.match(text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(text, /input \(3, 7, 7\)/);
  assert.match(svg.suggestedFilename(), /\.svg$/);
  assert.deepEqual(page.problems, []);
});

test('a PNG and an SVG made in the GIFs\' worker are the files the page makes where no worker runs', async () => {
  // A paused step with a pinned cell: the still carries the focus and the filled cells over.
  const q = `${server.url}?in_channels=4&out_channels=6&kernel_size=3&padding=1&height=9&width=11&groups=2&step=17`;
  const files = [];
  for (const [refused, place] of [[false, 'worker'], [true, 'page']]) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    if (refused) await context.route('**/sweep-worker.js', (r) => r.abort());
    const page = await context.newPage();
    const app = new Playground(page);
    await page.goto(q);
    await app.ready();
    await page.mouse.click(...await app.cellPoint('output', 1, 2, 3));
    assert.deepEqual(await app.highlight('outputs'), [[1, 2, 3]], 'pinned');
    const made = {};
    for (const ext of ['png', 'svg']) {
      const [d] = await Promise.all([page.waitForEvent('download'), app.testid(`export-${ext}`).click()]);
      made[ext] = readFileSync(await d.path());
      // Saved: the buttons are back, the status line empty, and it says where the file was made.
      await app.page.waitForFunction(() => document.querySelector('[data-testid=export-saving]')?.textContent === '');
      assert.equal(await app.testid(`export-${ext}`).getAttribute('aria-disabled'), null);
      assert.equal(await app.testid('export-saving').getAttribute('data-made-in'), place);
    }
    files.push(made);
    await context.close();
  }
  assert.ok(files[0].png.length > 1000 && files[0].svg.includes('output'), 'real files');
  assert.ok(files[0].png.equals(files[1].png), 'the same PNG');
  assert.ok(files[0].svg.equals(files[1].svg), 'the same SVG');
});

/** Frames in a GIF: graphic control extensions (our encoder writes one per frame). */
function gifFrames(bytes) {
  let n = 0;
  for (let i = 0; i + 2 < bytes.length; i++) if (bytes[i] === 0x21 && bytes[i + 1] === 0xf9 && bytes[i + 2] === 0x04) n++;
  return n;
}

test('the GIF export shows progress and holds one frame per output cell plus the finished output', async () => {
  const page = await openPage(browser, `${server.url}?step=0`, { acceptDownloads: true });
  const app = new Playground(page);
  await app.ready();
  const fig1 = JSON.parse(readFileSync(new URL('./fixtures/presets.json', import.meta.url)))[0];
  const cssWidth = await app.testid('figure').evaluate((c) => parseFloat(c.style.width));
  const [gif] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    app.testid('export-gif').click(),
  ]);
  const bytes = readFileSync(await gif.path());
  assert.equal(bytes.subarray(0, 6).toString('latin1'), 'GIF89a');
  assert.equal(bytes.readUInt16LE(6), Math.round(cssWidth));
  assert.equal(gifFrames(bytes), fig1.shape.reduce((a, b) => a * b) + 1);
  assert.deepEqual(page.problems, []);
});

test('the GIF is made in a worker, and where no worker can start the page makes the same file', async () => {
  const made = async (refuse) => {
    const context = await browser.newContext({ acceptDownloads: true });
    if (refuse) await context.route('**/sweep-worker.js', (r) => r.abort());
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${server.url}?step=0&in_channels=2&out_channels=2&height=5&width=5`);
    const app = new Playground(page);
    await app.ready();
    const [gif, where] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      app.testid('gif-progress').getAttribute('data-made-in', { timeout: 60_000 }),
      app.testid('export-gif').click(),
    ]);
    const bytes = readFileSync(await gif.path());
    await context.close();
    assert.deepEqual(problems, []);
    return { bytes, where };
  };
  const worker = await made(false);
  const page = await made(true);
  assert.equal(worker.where, 'worker');
  assert.equal(page.where, 'page');
  assert.equal(worker.bytes.subarray(0, 6).toString('latin1'), 'GIF89a');
  // One view, one scene, one encoder: the worker's OffscreenCanvas draws what the page's canvas does.
  assert.ok(worker.bytes.equals(page.bytes), 'the same GIF from the worker and from the page');
});

test('the page (WASM) and `conv2d render` (native) draw the same SVG for the same configuration', async () => {
  const { execFileSync } = await import('node:child_process');
  const cli = new URL('../target/release/conv2d', import.meta.url).pathname;
  const page = await openPage(browser, `${server.url}?in_channels=2&out_channels=4&kernel_size=3&stride=2&padding=2&dilation=1&groups=2&height=7&width=7&padding_mode=reflect&data=seeded&seed=7&step=36`, { acceptDownloads: true });
  const app = new Playground(page);
  await app.ready();
  const width = await app.testid('figure').getAttribute('data-layout-width');
  const [svg] = await Promise.all([page.waitForEvent('download'), app.testid('export-svg').click()]);
  const fromPage = readFileSync(await svg.path(), 'utf8');
  const out = join(mkdtempSync(join(tmpdir(), 'render-')), 'fig.svg');
  execFileSync(cli, ['render', '--input', '2,7,7', '--out-channels', '4', '-k', '3', '-s', '2', '-p', '2', '-g', '2',
    '--padding-mode', 'reflect', '--seed', '7', '--step', '36', '--width', width, '-o', out]);
  // Same seed → same data on wasm32 and native; one scene → the same document, byte for byte.
  assert.equal(fromPage, readFileSync(out, 'utf8'));
});

test('a long GIF is estimated first, fewer frames are chosen for it, and the frames chosen are the frames made', async () => {
  const page = await openPage(browser, `${server.url}?in_channels=16&out_channels=16&padding=1&height=32&width=32&step=0`, { acceptDownloads: true });
  const app = new Playground(page);
  await app.ready();
  assert.match(await app.text('output-shape'), /16, 32, 32\)$/);
  const plan = app.testid('gif-plan');
  // All 16,385 frames (16·32·32 cells + the finished output) are offered, but one cell in n is chosen.
  const options = await plan.locator('option').allTextContents();
  assert.deepEqual(options, [
    'every output cell (16,385 frames)',
    'one cell in 83 (199 frames)',
    'output channel 0 only (1,025 frames)',
    'row 16 of output channel 0 only (33 frames)',
  ]);
  assert.equal(await plan.inputValue(), 'thinned');
  assert.match(await app.text('gif-estimate'), /^All 16,385 frames would play for 2 h 17 min, so fewer are chosen\. 199 frames, playing 1 min 40 s; /);
  // The size is measured on the first frames once the panel is on screen (not while the page
  // opens), then said as an estimate.
  await page.waitForTimeout(1500);
  assert.doesNotMatch(await app.text('gif-estimate'), /≈/, 'measured before anyone looked');
  await plan.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => /≈ [\d.]+ (B|kB|MB), ≈ .+ to make \(estimated from the first 3 frames\)$/
    .test(document.querySelector('[data-testid=gif-estimate]').textContent));
  await plan.selectOption('channel');
  assert.match(await app.text('gif-estimate'), /^1,025 frames, playing 8 min 33 s; /);
  await page.waitForFunction(() => /≈ [\d.]+ (kB|MB)/.test(document.querySelector('[data-testid=gif-estimate]').textContent));
  const said = (await app.text('gif-estimate')).match(/≈ ([\d.]+) (kB|MB)/);
  const [gif] = await Promise.all([
    page.waitForEvent('download', { timeout: 300_000 }),
    app.testid('export-gif').click(),
  ]);
  const bytes = readFileSync(await gif.path());
  assert.equal(bytes.subarray(0, 6).toString('latin1'), 'GIF89a');
  assert.equal(gifFrames(bytes), 32 * 32 + 1);
  // The estimate was of the right order (within a factor of 2 of the file made).
  const estimated = Number(said[1]) * (said[2] === 'MB' ? 1e6 : 1e3);
  assert.ok(estimated > bytes.length / 2 && estimated < bytes.length * 2, `said ${said[0]}, made ${bytes.length} bytes`);
  // Every cell again: the GIF starts, shows its progress, and cancel stops it with no download.
  await plan.selectOption('all');
  assert.match(await app.text('gif-estimate'), /^16,385 frames, playing 2 h 17 min; /);
  let downloads = 0;
  page.on('download', () => downloads++);
  await app.testid('export-gif').click();
  await app.testid('gif-progress').waitFor();
  assert.match(await app.text('gif-progress'), /GIF frame \d+ \/ 16385/);
  assert.equal(await plan.isDisabled(), true, 'the choice is fixed while a GIF is made');
  await app.testid('gif-cancel').click();
  await app.testid('gif-progress').waitFor({ state: 'detached' });
  assert.equal(await app.testid('export-gif').isEnabled(), true);
  await page.waitForTimeout(500);
  assert.equal(downloads, 0);
  assert.deepEqual(page.problems, []);
});

test('the GIF choice and estimate are in Chinese on the Chinese page', async () => {
  const page = await openPage(browser, `${server.url}?in_channels=16&out_channels=16&padding=1&height=32&width=32&step=0&lang=zh`);
  const app = new Playground(page);
  await app.ready();
  assert.equal(await app.testid('gif-plan').locator('option:checked').textContent(), '每 83 个单元取一个（199 帧）');
  assert.match(await app.text('gif-estimate'), /^全部 16,385 帧要播放 2 小时 17 分，因此默认选了较少的帧。199 帧，播放 1 分 40 秒；/);
  assert.deepEqual(page.problems, []);
});

test('a ConvTranspose2d exports the same SVG as `conv2d render`, read either way, and its GIF walks the input', async () => {
  const { execFileSync } = await import('node:child_process');
  const cli = new URL('../target/release/conv2d', import.meta.url).pathname;
  const layer = 'op=conv_transpose2d&in_channels=2&out_channels=2&kernel_size=3&stride=2&padding=1&output_padding=1&height=4&width=4&seed=7&step=5';
  for (const [view, extra, flags] of [['scatter', '&overlap=1', ['--overlap']], ['conv', '', []]]) {
    const page = await openPage(browser, `${server.url}?${layer}&view=${view}${extra}`, { acceptDownloads: true });
    const app = new Playground(page);
    await app.ready();
    const width = await app.testid('figure').getAttribute('data-layout-width');
    const [svg] = await Promise.all([page.waitForEvent('download'), app.testid('export-svg').click()]);
    const fromPage = readFileSync(await svg.path(), 'utf8');
    const out = join(mkdtempSync(join(tmpdir(), 'render-')), 'fig.svg');
    execFileSync(cli, ['render', '--op', 'conv_transpose2d', '--input', '2,4,4', '--out-channels', '2', '-k', '3', '-s', '2',
      '-p', '1', '--output-padding', '1', '--seed', '7', '--step', '5', '--view', view, ...flags, '--width', width, '-o', out]);
    assert.equal(fromPage, readFileSync(out, 'utf8'), view);
    if (view === 'scatter') {
      assert.match(await app.testid('gif-plan').locator('option:checked').textContent(), /every input cell \(33 frames\)/);
      const [gif] = await Promise.all([
        page.waitForEvent('download', { timeout: 60_000 }),
        app.testid('export-gif').click(),
      ]);
      assert.equal(gifFrames(readFileSync(await gif.path())), 2 * 4 * 4 + 1, 'one frame per input cell, then the output');
    }
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
  // Embedded, it is drawn the way its link says.
  const page = await openPage(browser, `${server.url}?preset=dcgan&view=conv&embed=1&controls=1&step=3`, { viewport: { width: 700, height: 450 } });
  await page.getByTestId('figure').waitFor();
  assert.equal(await page.getByTestId('figure').getAttribute('data-reading'), 'conv');
  assert.deepEqual(page.problems, []);
});
