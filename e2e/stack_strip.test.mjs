// The stack's strip: every tensor drawn, and a focused cell lighting what it reads in every earlier
// tensor and what it reaches in every later one, checked against autograd
// (e2e/fixtures/stack_hover.json from scripts/gen_stack_hover.py, real PyTorch); the builder's
// buttons, editing a layer with the playground's controls, the selected layer's figure, the
// exports and the embed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, openPage } from './lib.mjs';
import { Playground } from './playground.page.mjs';

const cases = JSON.parse(readFileSync(new URL('./fixtures/stack_hover.json', import.meta.url), 'utf8'));

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const link = (text, input) => `?step=0&layers=${encodeURIComponent(text)}&stack_input=${input.join(',')}`;

async function open(q, viewport = { width: 1366, height: 900 }) {
  const app = new Playground(await openPage(browser, server.url + q, { viewport }));
  await app.ready();
  await app.testid('stack-strip').waitFor();
  return app;
}

/** The page centre of cell (y, x) of the box showing tensor `t`. */
async function cellPoint(strip, t, y, x) {
  await strip.scrollIntoViewIfNeeded();
  const boxes = JSON.parse(await strip.getAttribute('data-boxes'));
  const b = boxes.find((b) => b.shows === `Tensor(${t})`);
  const r = await strip.boundingBox();
  return [r.x + b.x + (x + 0.5) * b.cell, r.y + b.y + (y + 0.5) * b.cell];
}

/** An empty product set is empty whichever factor is. */
const norm = (l) => (l.channels.length && l.rows.length && l.cols.length ? { channels: l.channels, rows: l.rows, cols: l.cols } : { channels: [], rows: [], cols: [] });

/** Focuses (t, c, y, x): a tap pins (t, ·, y, x), the pointer leaves, and [ / ] bring the channel to c. */
async function focusOn(app, strip, [t, c, y, x]) {
  const [px, py] = await cellPoint(strip, t, y, x);
  await app.page.mouse.click(px, py);
  await app.page.mouse.move(1, 1);
  for (let i = 0; i < 64; i++) {
    const [, fc] = (await strip.getAttribute('data-focus')).split(',').map(Number);
    if (fc === c) break;
    await strip.press(fc < c ? ']' : '[');
  }
  await app.page.waitForFunction(([want]) =>
    document.querySelector('[data-testid=stack-strip]').dataset.focus === want, [`${t},${c},${y},${x}`]);
}

test('a focused cell lights what it reads and reaches in every tensor, as autograd finds', async () => {
  for (const k of cases) {
    const app = await open(link(k.text, k.input));
    const strip = app.testid('stack-strip');
    const boxes = JSON.parse(await strip.getAttribute('data-boxes'));
    for (const [t, s] of k.shapes.entries()) {
      const b = boxes.find((b) => b.shows === `Tensor(${t})`);
      assert.deepEqual([b.rows, b.cols], s.slice(1), `tensor ${t} is drawn at its shape`);
    }
    for (const f of k.focuses) {
      await focusOn(app, strip, f.focus);
      const lit = JSON.parse(await strip.getAttribute('data-lit'));
      assert.equal(lit.length, k.shapes.length, `${k.text}: every tensor has a lit set`);
      for (const [t, want] of f.lit.entries()) {
        const got = lit.find((l) => l.t === t);
        assert.deepEqual(norm(got), norm(want), `${k.text.slice(0, 40)} focus ${f.focus}: tensor ${t}`);
      }
      // The effective field follows once the focus rests: non-zero only inside the theoretical one.
      const inputField = f.lit[0];
      const want = `${inputField.rows[0]},${inputField.rows.at(-1)},${inputField.cols[0]},${inputField.cols.at(-1)}`;
      await app.page.waitForFunction(() => document.querySelector('[data-testid=stack-strip]').dataset.effective !== undefined);
      const [y0, y1, x0, x1] = (await strip.getAttribute('data-effective')).split(',').map(Number);
      const [wy0, wy1, wx0, wx1] = want.split(',').map(Number);
      assert.ok(y0 >= wy0 && y1 <= wy1 && x0 >= wx0 && x1 <= wx1, `effective ${[y0, y1, x0, x1]} within ${want}`);
    }
    assert.deepEqual(app.page.problems, []);
    await app.page.close();
  }
});

test('the pointer moves the focus through three layers, and keys move it too', async () => {
  const k = cases[0];
  const app = await open(link(k.text, k.input));
  const strip = app.testid('stack-strip');
  for (const t of [5, 3, 1]) {
    const [px, py] = await cellPoint(strip, t, 4, 6);
    await app.page.mouse.move(px, py);
    await app.page.waitForFunction((t) => document.querySelector('[data-testid=stack-strip]').dataset.focus.startsWith(`${t},`), t);
    const [, , y, x] = (await strip.getAttribute('data-focus')).split(',').map(Number);
    assert.deepEqual([y, x], [4, 6]);
    const lit = JSON.parse(await strip.getAttribute('data-lit'));
    assert.ok(lit.find((l) => l.t === 0).rows.length > 0, 'the input lights up');
    assert.ok(lit.find((l) => l.t === 7).rows.length > 0, 'the output lights up');
  }
  // Keys lead even while the pointer rests on the strip.
  await app.page.mouse.click(...(await cellPoint(strip, 3, 4, 6)));
  await strip.press('ArrowRight');
  await strip.press('ArrowDown');
  await app.page.waitForFunction(() => document.querySelector('[data-testid=stack-strip]').dataset.focus.endsWith(',5,7'));
  await strip.press('Shift+ArrowRight');
  await app.page.waitForFunction(() => document.querySelector('[data-testid=stack-strip]').dataset.focus.startsWith('4,'));
  assert.match(await app.text('stack-focus'), /^tensor 4, cell \(\d+, 5, 7\) = -?\d/);
  assert.deepEqual(app.page.problems, []);
  await app.page.close();
});

test('the builder adds, moves and removes layers, and the playground edits one', async () => {
  const app = await open(link('nn.Conv2d(1, 4, 3, padding=1), nn.ReLU()', [1, 8, 8]));
  const rows = app.testid('stack-row');
  await app.testid('stack-add').selectOption('MaxPool2d');
  await app.testid('stack-add-button').click();
  await app.page.waitForFunction(() => document.querySelectorAll('[data-testid=stack-row]').length === 3);
  assert.equal(await rows.nth(2).locator('td').nth(2).textContent(), '(4, 4, 4)');
  await rows.nth(2).getByTestId('stack-up').click();
  await app.page.waitForFunction(() => document.querySelectorAll('[data-testid=stack-row]')[1].textContent.includes('MaxPool2d'));
  await rows.nth(2).getByTestId('stack-remove').click();
  await app.page.waitForFunction(() => document.querySelectorAll('[data-testid=stack-row]').length === 2);
  assert.match(await app.testid('stack-text').inputValue(), /^nn\.Sequential\(\n    nn\.Conv2d\(1, 4, 3, padding=1\),\n    nn\.MaxPool2d\(2\),\n\)$/);
  // Edit the convolution with the playground's controls, then put it back.
  await rows.nth(0).getByTestId('stack-edit').click();
  await app.testid('stack-editing').waitFor();
  assert.match(await app.text('python'), /^nn\.Conv2d\(1, 4, kernel_size=3, padding=1\)$/);
  await app.setNumber('out_channels', 6);
  await app.testid('stack-put-back').click();
  await app.page.waitForFunction(() => !document.querySelector('[data-testid=stack-editing]'));
  await app.page.waitForFunction(() => document.querySelector('[data-testid=stack-row]').textContent.includes('nn.Conv2d(1, 6'));
  assert.equal(await rows.nth(0).locator('td').nth(2).textContent(), '(6, 8, 8)');
  // Text that goes wrong is placed, and the last stack stays on screen, dimmed and read-only.
  const good = await app.testid('stack-text').inputValue();
  await app.testid('stack-text').fill(good.replace('nn.MaxPool2d(2)', 'nn.Flatten()'));
  assert.match(await app.text('stack-error'), /Flatten is not a layer the playground has/);
  assert.equal(await app.testid('stack-body').getAttribute('data-stale'), 'true');
  assert.equal(await rows.count(), 2);
  assert.ok(await rows.nth(0).getByTestId('stack-remove').isDisabled());
  await app.testid('stack-text').fill(good);
  await app.page.waitForFunction(() => document.querySelector('[data-testid=stack-body]').dataset.stale === 'false');
  assert.deepEqual(app.page.problems, []);
  await app.page.close();
});

test('a selected convolution is drawn with the single-layer figure and the stack\'s numbers', async () => {
  const k = cases[0];
  const app = await open(link(k.text, k.input));
  await app.testid('stack-row').nth(3).click();
  const fig = app.testid('stack-layer').locator('canvas');
  await fig.waitFor();
  await fig.scrollIntoViewIfNeeded();
  const grids = JSON.parse(await fig.getAttribute('data-grids'));
  assert.deepEqual(grids.filter((g) => g.kind === 'input').map((g) => [g.rows, g.cols]).length, 8, 'its input is the 8 channels the stack hands it');
  const r = await fig.boundingBox();
  // Hover the output band's first cell: the figure's sum is the strip's value of that cell.
  const out = grids.find((g) => g.kind === 'output' && g.c === 0);
  await app.page.mouse.move(r.x + out.x + out.cell / 2, r.y + out.y + out.cell / 2);
  await app.testid('stack-layer-sum').locator('.eq').waitFor();
  const sum = (await app.testid('stack-layer-sum').locator('.eq strong').textContent()).trim();
  const strip = app.testid('stack-strip');
  await focusOn(app, strip, [4, 0, 0, 0]);
  assert.equal((await app.text('stack-focus')).split('= ')[1], sum);
  await app.testid('stack-row').nth(1).click();
  await app.testid('stack-layer-none').waitFor();
  assert.deepEqual(app.page.problems, []);
  await app.page.close();
});

test('the strip exports as PNG, SVG and GIF, and embeds', async () => {
  const k = cases[1];
  const app = await open(link(k.text, k.input));
  for (const [id, ext] of [['stack-png', 'png'], ['stack-svg', 'svg'], ['stack-gif', 'gif']]) {
    const [download] = await Promise.all([app.page.waitForEvent('download'), app.testid(id).click()]);
    assert.equal(download.suggestedFilename(), `stack_2layers_3x7x7.${ext}`);
    const bytes = readFileSync(await download.path());
    const head = { png: [0x89, 0x50], svg: [0x3c, 0x73], gif: [0x47, 0x49] }[ext];
    assert.deepEqual([...bytes.subarray(0, 2)], head, `${ext} magic`);
  }
  await app.testid('stack-embed').click();
  const snippet = await app.testid('stack-embed-snippet').inputValue();
  const src = snippet.match(/src="([^"]+)"/)[1].replace(/&amp;/g, '&');
  assert.match(src, /&embed=1&stack=1$/);
  const embed = await openPage(browser, src.replace(/^https?:\/\/[^/]+\//, server.url), { viewport: { width: 900, height: 560 } });
  await embed.getByTestId('stack-strip').waitFor();
  assert.equal(await embed.getByTestId('stack-table').count(), 0, 'the embed is the strip alone');
  assert.deepEqual(app.page.problems, []);
  await embed.close();
  await app.page.close();
});
