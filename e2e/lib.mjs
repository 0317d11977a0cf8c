// Shared helpers for the browser tests: a static server for dist/ on a free loopback port, and
// Debian's chromium through playwright-core (never a downloaded browser).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { accessSync, constants } from 'node:fs';
import { join, extname, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

// The built site: ../dist/ (what CI builds), or $DIST (a build of one's own, e.g. beside others' work).
export const DIST = process.env.DIST ? join(resolve(process.env.DIST), '/') : fileURLToPath(new URL('../dist/', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/** Serves `root` at http://127.0.0.1:<port>/<prefix>; resolves to { url, close }. */
export async function serve(root = DIST, prefix = '/') {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(prefix)) { res.writeHead(404).end(); return; }
    let file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(normalize(root))) { res.writeHead(403).end(); return; }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((ok) => server.close(ok)) };
}

/** The browser: $CHROMIUM, else Debian's chromium, Chromium or Google Chrome where the system puts
 * them (the same list as scripts/setup.sh). */
export function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'];
  for (const c of candidates) {
    try { accessSync(c, constants.X_OK); return c; } catch { /* next */ }
  }
  return '/usr/bin/chromium';
}

/** Headless Chromium with the flags that work as root on a closed network. */
export function launch() {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page that records console errors and failed requests, so tests can assert there were none. */
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => page.problems.push(`requestfailed: ${r.url()}`));
  await page.goto(url);
  return page;
}

/** Drags the range input of control `testid` with the mouse from its left end to halfway and back,
 * over about two seconds (61 moves, 33 ms apart), then lets go and waits 1.5 s for what follows:
 * the drag the responsiveness benchmarks measure. `during` runs just before the pointer goes down. */
export async function dragSlider(page, testid, during = async () => {}) {
  const slider = page.getByTestId(testid).locator('input[type=range]').first();
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  await during();
  await page.mouse.move(box.x + 4, y);
  await page.mouse.down();
  for (let i = 0; i <= 60; i++) {
    const f = i <= 30 ? i / 30 : (60 - i) / 30;
    await page.mouse.move(box.x + 4 + f * (box.width - 8) * 0.5, y);
    await page.waitForTimeout(33);
  }
  await page.mouse.up();
  await page.waitForTimeout(1500);
}
