// scratch: screenshots of a list of queries at a size (not a test)
import { serve, launch, openPage } from './lib.mjs';
const [w, h, ...queries] = process.argv.slice(2);
const server = await serve();
const browser = await launch();
let i = 0;
for (const q of queries) {
  const [query, hover] = q.split('#');
  const page = await openPage(browser, server.url + '?' + query, { viewport: { width: +w, height: +h } });
  await page.waitForSelector('[data-testid=figure]', { timeout: 15000 }).catch(() => {});
  await page.waitForTimeout(800);
  if (hover) {
    const [band, idx] = hover.split(':');
    const grids = JSON.parse(await page.getAttribute('[data-testid=figure]', 'data-grids'));
    const g = grids.find((g) => g.kind === band);
    const box = await page.locator('[data-testid=figure]').boundingBox();
    const [r, c] = idx.split(',').map(Number);
    await page.mouse.move(box.x + g.x + (c + 0.5) * g.cell, box.y + g.y + (r + 0.5) * g.cell);
    await page.waitForTimeout(300);
  }
  await page.screenshot({ path: `/tmp/shots/s${i}.png`, fullPage: false });
  console.log(i, query, page.problems);
  const sum = await page.textContent('[data-testid=sum]').catch(() => '');
  console.log('  sum:', sum?.slice(0, 200));
  i++;
  await page.context().close();
}
await browser.close();
await server.close();
