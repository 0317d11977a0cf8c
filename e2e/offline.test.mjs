// The served site works offline after the first visit (dist/sw.js, written at build time with the
// build's hashed files), can be installed (manifest.webmanifest and its icons), and a new deployment
// replaces the old cache.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, openPage, DIST } from './lib.mjs';
import { Playground } from './playground.page.mjs';

const presets = JSON.parse(readFileSync(new URL('./fixtures/presets.json', import.meta.url)));
const shapeOf = (name) => `(${presets.find((p) => p.name === name).shape.join(', ')})`;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Opens the page and waits until the service worker controls it and its cache holds the build. */
async function firstVisit(url) {
  const page = await openPage(browser, url);
  const app = new Playground(page);
  await app.ready();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await app.settled();
  return app;
}
const cacheKeys = (page) => page.evaluate(() => caches.keys());

test('the worker caches exactly the files of this build', async () => {
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
  const listed = JSON.parse(sw.match(/const ASSETS = (\[.*\]);/)[1]);
  const { readdirSync } = await import('node:fs');
  const built = readdirSync(DIST).filter((f) => f !== 'sw.js' && !f.startsWith('.')).sort();
  assert.deepEqual(listed, built);
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.webmanifest'), 'utf8'));
  for (const icon of manifest.icons) assert.ok(built.includes(icon.src), icon.src);
});

test('after the first visit, the page reloads offline and shows the figure', async () => {
  const server = await serve(undefined, '/conv2d/');
  try {
    const app = await firstVisit(`${server.url}?step=0`);
    const manifest = await app.page.evaluate(async () => (await fetch(document.querySelector('link[rel=manifest]').href)).json());
    assert.equal(manifest.name, 'Conv2d Playground');
    await app.page.context().setOffline(true);
    await app.page.reload();
    await app.ready();
    assert.equal(await app.text('output-shape'), shapeOf('figure1'));
    assert.equal(await app.testid('figure').isVisible(), true);
    // The charts' worker (sweep-worker.js and the page's own wasm) runs offline too.
    await app.page.waitForFunction(() => document.querySelector('section.charts')?.dataset.timedIn, null, { timeout: 30_000 });
    assert.equal(await app.page.locator('section.charts').getAttribute('data-timed-in'), 'worker');
    // Any state in the URL, offline too.
    await app.page.goto(`${server.url}?preset=figure9`);
    await app.ready();
    assert.equal(await app.text('output-shape'), shapeOf('figure9'));
    await app.select('preset', 'figure5');
    assert.equal(await app.text('output-shape'), shapeOf('figure5'));
    assert.deepEqual(app.page.problems, []);
    // The yardstick: without the worker, the same reload offline fails.
    const bare = await openPage(browser, `${server.url}?step=0`, { serviceWorkers: 'block' });
    await new Playground(bare).ready();
    await bare.context().setOffline(true);
    await assert.rejects(bare.reload());
  } finally {
    await server.close();
  }
});

test('a new deployment replaces the old cache, and works offline in turn', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-'));
  cpSync(DIST, dir, { recursive: true });
  const server = await serve(dir, '/');
  try {
    const app = await firstVisit(server.url);
    const [old] = await cacheKeys(app.page);
    assert.equal((await cacheKeys(app.page)).length, 1);
    // A new deployment: a new worker (a new version) and a new page.
    const sw = join(dir, 'sw.js');
    writeFileSync(sw, readFileSync(sw, 'utf8').replace(/const VERSION = '[^']*'/, "const VERSION = 'next'"));
    writeFileSync(join(dir, 'index.html'), readFileSync(join(dir, 'index.html'), 'utf8').replace('<body>', '<body data-deployment="next">'));
    await app.page.reload();
    // The browser checks sw.js on navigation; the new worker caches the new build, takes over and
    // deletes the old cache.
    let keys;
    for (let i = 0; i < 150; i++) {
      keys = await cacheKeys(app.page);
      if (keys.length === 1 && keys[0] !== old) break;
      await new Promise((ok) => setTimeout(ok, 200));
    }
    assert.deepEqual(keys, [old.replace(/[^ ]*$/, 'next')]);
    await app.page.context().setOffline(true);
    await app.page.reload();
    await app.ready();
    assert.equal(await app.page.locator('body').getAttribute('data-deployment'), 'next', 'the new page, from the new cache');
  } finally {
    await server.close();
  }
});
