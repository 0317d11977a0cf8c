// The page for its three users, measured from the figure's own grid positions (data-grids): a laptop
// sees the first input, kernel and output of every seed figure without scrolling; presentation mode
// fills the screen with cells never smaller than the page's; an embed fits its frame both ways with
// readable values; a phone shows a control and the figure together.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, openPage } from './lib.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(q, viewport, extra = {}) {
  const page = await openPage(browser, server.url + q, { viewport, ...extra });
  await page.getByTestId('figure').waitFor();
  await page.waitForTimeout(150); // the room is measured after the first render
  return page;
}

/** The figure's grids in page coordinates (scrolled to the top), with its arrangement. */
async function figure(page) {
  return page.getByTestId('figure').evaluate((el) => {
    const b = el.getBoundingClientRect();
    const grids = JSON.parse(el.dataset.grids).map((g) => ({
      ...g, left: b.left + g.x, top: b.top + window.scrollY + g.y,
      right: b.left + g.x + g.cols * g.cell, bottom: b.top + window.scrollY + g.y + g.rows * g.cell,
    }));
    return { grids, arrangement: el.dataset.arrangement, scrollWidth: document.documentElement.scrollWidth,
      scrollHeight: document.documentElement.scrollHeight };
  });
}
const first = (f, kind) => f.grids.find((g) => g.kind === kind && g.c === 0 && g.i === 0);
const cell = (f, kind) => first(f, kind).cell;

test('on a laptop every seed figure shows its first input, kernel and output above the fold', async () => {
  for (const [width, height] of [[1366, 768], [1280, 720]]) {
    for (let n = 1; n <= 9; n++) {
      const page = await open(`?preset=figure${n}&step=0`, { width, height });
      const f = await figure(page);
      for (const kind of ['input', 'kernel', 'output']) {
        const g = first(f, kind);
        assert.ok(g.bottom <= height && g.right <= width,
          `figure ${n} at ${width}×${height}: the first ${kind} ends at (${g.right}, ${g.bottom})`);
      }
      // Cells of 16 px or more have their values written in them (READABLE_CELL).
      assert.ok(cell(f, 'output') >= 16, `figure ${n}: output cells of ${cell(f, 'output')} px`);
      assert.equal(f.scrollWidth, width, `figure ${n} at ${width}: nothing scrolls sideways`);
      // The header is one row; the wide screen puts the outputs beside the inputs for most figures.
      const header = await page.locator('header').boundingBox();
      assert.ok(header.height < 60, `the header is ${header.height} px tall`);
      assert.deepEqual(page.problems, []);
      await page.context().close();
    }
  }
  const page = await open('?preset=figure2&step=0', { width: 1366, height: 768 });
  const f = await figure(page);
  assert.equal(f.arrangement, 'columns');
  assert.ok(first(f, 'output').left > first(f, 'input').right, 'the output beside the input');
  await page.context().close();
});

test('the figure stays put while the focus moves between an output and an input cell', async () => {
  for (const [width, height] of [[1366, 768], [1280, 720]]) {
    const page = await open('?preset=figure9&step=5', { width, height });
    const top = async () => (await page.getByTestId('figure').boundingBox()).y;
    const before = await top();
    const f = await figure(page);
    const g = first(f, 'input');
    await page.mouse.move(g.left + 4.5 * g.cell, g.top + 4.5 * g.cell);
    await page.waitForFunction(() => document.querySelector('[data-testid=figure]').dataset.highlightPositions !== '[]');
    assert.equal(await top(), before, `at ${width}: the figure moved on hovering an input cell`);
    const o = first(f, 'output');
    await page.mouse.move(o.left + 0.5 * o.cell, o.top + 0.5 * o.cell);
    await page.waitForTimeout(100);
    assert.equal(await top(), before, `at ${width}: the figure moved on hovering an output cell`);
    await page.context().close();
  }
});

test('presentation mode fills the screen, with cells never smaller than the page\'s when the page fits it', async () => {
  for (const [width, height] of [[1280, 720], [1920, 1080]]) {
    for (const q of ['?preset=figure1', '?preset=figure3', '?preset=figure9',
      '?in_channels=16&out_channels=16&height=32&width=32']) {
      const page = await open(`${q}&step=3`, { width, height });
      const normal = await figure(page);
      await page.keyboard.press('p');
      await page.waitForFunction(() => document.querySelector('.app.present'));
      await page.waitForTimeout(150);
      const shown = await figure(page);
      const bottom = Math.max(...shown.grids.map((g) => g.bottom));
      const right = Math.max(...shown.grids.map((g) => g.right));
      assert.ok(bottom <= height, `${q} at ${width}×${height}: the figure ends at ${bottom}`);
      // Never smaller than the page's cells when the page shows the whole figure on the screen too;
      // a page figure taller than the screen is fitted whole when presented.
      const pageFits = Math.max(...normal.grids.map((g) => g.bottom)) <= height;
      if (pageFits) {
        for (const kind of ['input', 'output']) {
          assert.ok(cell(shown, kind) >= cell(normal, kind),
            `${q} at ${width}: ${kind} cells ${cell(shown, kind)} presented, ${cell(normal, kind)} on the page`);
        }
      }
      // Filled: the figure reaches most of the way across or down the screen.
      assert.ok(right >= 0.75 * width || bottom >= 0.75 * height,
        `${q} at ${width}×${height}: the figure spans to (${right}, ${bottom})`);
      assert.deepEqual(page.problems, []);
      await page.context().close();
    }
  }
});

test('an embed fits its frame both ways, and shows values at 700×450', async () => {
  for (const [width, height] of [[700, 450], [400, 300], [1000, 600]]) {
    for (const q of ['?preset=figure1', '?preset=figure9', '?preset=figure1&controls=1']) {
      const page = await open(`${q}&step=5&embed=1`, { width, height });
      const f = await figure(page);
      assert.ok(f.scrollHeight <= height && f.scrollWidth <= width,
        `${q} in ${width}×${height}: the page is ${f.scrollWidth}×${f.scrollHeight}`);
      const right = Math.max(...f.grids.map((g) => g.right));
      const bottom = Math.max(...f.grids.map((g) => g.bottom));
      assert.ok(right >= 0.8 * width || bottom >= 0.8 * height,
        `${q} in ${width}×${height}: the figure spans to (${right}, ${bottom})`);
      if (width === 700) {
        // Values are written in cells of 16 px or more: the outputs' and kernels' everywhere, and
        // figure 1's inputs too.
        assert.ok(cell(f, 'output') >= 16, `${q}: output cells ${cell(f, 'output')}`);
        assert.ok(cell(f, 'kernel') >= 16, `${q}: kernel cells ${cell(f, 'kernel')}`);
        if (q.startsWith('?preset=figure1')) assert.ok(cell(f, 'input') >= 16, `${q}: input cells ${cell(f, 'input')}`);
      }
      await page.context().close();
    }
  }
});

test('the Embed panel opens in view on a laptop, with its copy buttons', async () => {
  const page = await open('?preset=figure1&step=2', { width: 1366, height: 768 });
  await page.getByTestId('embed').click();
  for (const id of ['embed-snippet', 'copy-snippet', 'permalink', 'copy-permalink']) {
    const box = await page.getByTestId(id).boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= 768, `${id} at ${box.y}`);
  }
  await page.context().close();
});

test('on a phone a control and the figure are on screen together, also after scrolling to a control', async () => {
  const viewport = { width: 390, height: 844 };
  const page = await open('?preset=figure4&step=3', viewport, { isMobile: true, hasTouch: true });
  const onScreen = async (locator) => {
    const b = await locator.boundingBox();
    return b && b.y >= 0 && b.y + b.height <= viewport.height;
  };
  const fig = page.getByTestId('figure');
  const figureOnScreen = async () => {
    const b = await fig.boundingBox();
    return b.y >= 0 && b.y + Math.min(b.height, 200) <= viewport.height;
  };
  assert.ok(await figureOnScreen(), 'the figure at the top');
  assert.ok(await onScreen(page.locator('.controls .control').first()), 'the first control below it');
  // Far down the controls, the figure stays in view above them.
  await page.getByTestId('control-seed').scrollIntoViewIfNeeded();
  assert.ok(await onScreen(page.getByTestId('control-seed')));
  assert.ok(await figureOnScreen(), 'the figure still in view');
  await page.locator('#seed-n').fill('7');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), viewport.width);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the figure\'s hints: numbered markers with their notes, hidden for good by one button, never in an embed', async () => {
  const page = await open('?preset=figure7&step=2', { width: 1366, height: 768 }, { acceptDownloads: true });
  const notes = page.getByTestId('hints').locator('li');
  assert.equal(await notes.count(), 2, 'the slide and the padding');
  assert.equal(await page.getByTestId('hint-marker').count(), 2);
  assert.match(await notes.first().textContent(), /slides over the padded input/);
  // Each marker sits on the figure, inside the first input grid.
  const f = await figure(page);
  const g = first(f, 'input');
  for (const m of await page.getByTestId('hint-marker').all()) {
    const b = await m.boundingBox();
    const [cx, cy] = [b.x + b.width / 2, b.y + b.height / 2];
    assert.ok(cx >= g.left && cx <= g.right && cy >= g.top && cy <= g.bottom, `a marker at (${cx}, ${cy})`);
  }
  // Exports leave the hints out unless asked.
  const svgText = async () => {
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
    return readFileSync(await svg.path(), 'utf8');
  };
  assert.doesNotMatch(await svgText(), /slides over/);
  await page.getByTestId('export-hints').check();
  const withHints = await svgText();
  assert.match(withHints, /1\. The kernel slides over the padded input/);
  assert.match(withHints, /2\. Padding/);
  await page.getByTestId('export-hints').uncheck();
  await page.getByTestId('hide-hints').click();
  assert.equal(await page.getByTestId('hint-marker').count(), 0);
  await page.reload();
  await page.getByTestId('figure').waitFor();
  assert.equal(await page.getByTestId('hints').count(), 0, 'still hidden after a reload');
  await page.context().close();
  const embed = await open('?preset=figure7&step=2&embed=1', { width: 700, height: 450 });
  assert.equal(await embed.getByTestId('hint-marker').count(), 0, 'no hints in an embed');
  await embed.context().close();
});
