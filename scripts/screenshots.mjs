// Retakes the README's screenshots (docs/*.png) from the built dist/ in headless Chromium:
//   scripts/build.sh && node scripts/screenshots.mjs
// The charts are taken once every point is timed, so their verdicts are final.
import { serve, launch, openPage } from '../e2e/lib.mjs';

const out = new URL('../docs/', import.meta.url).pathname;
const server = await serve();
const browser = await launch();
const open = async (query, viewport) => {
  const page = await openPage(browser, server.url + query, { viewport });
  await page.getByTestId('output-shape').waitFor();
  return page;
};

const play = await open('?preset=figure9&step=5', { width: 1400, height: 1216 });
await play.waitForTimeout(500);
await play.screenshot({ path: `${out}playground.png` });

const charts = await open('?preset=figure9&step=5', { width: 1400, height: 1656 });
await charts.waitForFunction(() => {
  const p = document.querySelector('[data-testid="chart-progress"] progress');
  return p && Number(p.value) === Number(p.max);
}, null, { timeout: 120_000 });
await charts.locator('section.charts').scrollIntoViewIfNeeded();
await charts.locator('section.charts').screenshot({ path: `${out}charts.png` });

for (const lang of ['en', 'zh']) {
  const page = await open(`?preset=figure1&step=4&lang=${lang}`, { width: 1280, height: 800 });
  await page.keyboard.press('p');
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}present-${lang}.png` });
}
await browser.close();
await server.close();
console.log('wrote docs/playground.png, docs/charts.png, docs/present-en.png, docs/present-zh.png');
