// Classroom use in headless Debian chromium: keyboard shortcuts, presentation mode, the shortcut list,
// the theme toggle, an aria-live line for the current step, and an axe-core check with no serious or
// critical violations on the playground, presentation mode and the embed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { serve, launch, openPage } from './lib.mjs';
import { Playground } from './playground.page.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(q) {
  const app = new Playground(await openPage(browser, server.url + q, { viewport: { width: 1280, height: 900 } }));
  await (q.includes('embed=1') ? app.testid('figure').waitFor() : app.ready());
  return app;
}

async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

test('space plays and pauses, arrows step, ? lists the shortcuts, Escape closes it', async () => {
  const app = await open('?step=0');
  const filled = () => app.testid('figure').getAttribute('data-filled');
  // The page repaints a moment after a key (Yew renders on its scheduler): wait for the step.
  const reaches = (n) => app.page.waitForFunction(
    (n) => document.querySelector('[data-testid=figure]')?.dataset.filled === n, n, { timeout: 5000 });
  await app.page.keyboard.press('ArrowRight');
  await app.page.keyboard.press('ArrowRight');
  await reaches('2');
  await app.page.keyboard.press('ArrowLeft');
  await reaches('1');
  assert.equal(await filled(), '1');
  const playing = (on) => app.page.locator(`[data-testid=play][aria-pressed=${on}]`).waitFor({ timeout: 5000 });
  await app.page.keyboard.press(' ');
  await playing(true);
  await app.page.keyboard.press(' ');
  await playing(false);
  await app.page.keyboard.press('?');
  await app.testid('help').waitFor();
  await app.page.keyboard.press('Escape');
  await app.testid('help').waitFor({ state: 'detached' });
  // Typing in a number box is not a shortcut.
  await app.page.locator('#seed-n').fill('');
  await app.page.locator('#seed-n').press('ArrowRight');
  assert.equal(await filled(), '1');
  assert.deepEqual(app.page.problems, []);
});

test('the aria-live line says what the current step computes', async () => {
  const app = await open('?step=4');
  const live = app.page.locator('[aria-live=polite][data-testid=sum]');
  assert.match(await live.textContent(), /output\[0, 1, 1\].*= -?\d/);
});

test('presentation mode hides the side panels and keeps the figure; the theme toggles', async () => {
  const app = await open('?step=3');
  await app.page.keyboard.press('p');
  await app.page.locator('.controls').waitFor({ state: 'hidden', timeout: 5000 });
  assert.equal(await app.page.locator('.controls').isVisible(), false);
  assert.equal(await app.page.locator('.charts').isVisible(), false);
  assert.equal(await app.testid('figure').isVisible(), true);
  assert.equal(await app.testid('present').getAttribute('aria-pressed'), 'true');
  const theme = () => app.page.evaluate(() => document.documentElement.dataset.theme);
  assert.equal(await theme(), 'auto');
  await app.testid('theme').click();
  assert.equal(await theme(), 'light');
  const paper = () => app.testid('figure').evaluate((c) => [...c.getContext('2d').getImageData(2, 2, 1, 1).data]);
  assert.deepEqual(await paper(), [255, 255, 255, 255], 'light: the figure on white');
  await app.testid('theme').click();
  assert.equal(await theme(), 'dark');
  const [r, g, b] = await paper();
  assert.ok(r < 80 && g < 80 && b < 80, `the figure is drawn in dark ink too: rgb(${r}, ${g}, ${b})`);
  await app.page.keyboard.press('Escape');
  await app.page.locator('.controls').waitFor({ state: 'visible', timeout: 5000 });
  await app.page.reload();
  await app.ready();
  assert.equal(await theme(), 'dark', 'the theme is remembered in this browser');
});

for (const [name, query, present] of [
  ['the playground', '?step=3', false],
  ['presentation mode', '?step=3', true],
  ['an invalid configuration', '?groups=0', false],
  ['the embed', '?step=3&embed=1&controls=1', false],
]) {
  test(`axe finds no serious or critical violations: ${name}`, async () => {
    const app = await open(query);
    if (present) await app.page.keyboard.press('p');
    assert.deepEqual(await axe(app.page), []);
  });
}

test('the language switch turns the page into Chinese, sets <html lang> and the URL', async () => {
  const app = await open('?step=0');
  await app.testid('lang-zh').click();
  assert.equal(await app.page.evaluate(() => document.documentElement.lang), 'zh');
  assert.match(await app.page.locator('header h1').textContent(), /演示/);
  await app.page.waitForURL(/lang=zh/);
  // PyTorch's own names and numbers stay as they are.
  assert.equal(await app.text('output-shape'), '(2, 3, 3)');
  const again = await open('?step=0&lang=zh');
  assert.equal(await again.page.evaluate(() => document.documentElement.lang), 'zh');
  assert.match(await again.page.locator('.charts h2').textContent(), /参数量/);
  assert.match(await again.testid('verdict-stride').textContent(), /参数量不变/);
  const junk = await open('?step=0&lang=zh&stride=abc');
  assert.match(await junk.text('notices'), /已忽略 stride="abc"/);
  assert.deepEqual(await axe(again.page), []);
});

test('touch: a tap pins a cell, another tap moves the pin, and a phone never scrolls sideways', async () => {
  const page = await openPage(browser, `${server.url}?step=0`,
    { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const app = new Playground(page);
  await app.ready();
  await app.tap('output', 0, 0, 1);
  assert.deepEqual(await app.highlight('outputs'), [[0, 0, 1]], 'pinned after the finger lifts');
  await app.tap('output', 1, 1, 0);
  assert.deepEqual(await app.highlight('outputs'), [[1, 1, 0]]);
  await app.tap('input', 0, 4, 4);
  assert.ok((await app.highlight('outputs')).length > 0, 'an input cell pins its outputs');
  await app.tap('input', 0, 4, 4);
  assert.equal(await app.testid('figure').getAttribute('data-filled'), '0');
  assert.deepEqual(await app.highlight('outputs'), [[0, 0, 0]], 'let go: the animation\'s cell again');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  assert.deepEqual(page.problems, []);
});
