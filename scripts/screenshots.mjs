// Retakes the README's screenshots (docs/*.png) from the built dist/ in headless Chromium:
//   scripts/build.sh && node scripts/screenshots.mjs
// The charts are taken once every point is timed, so their verdicts are final.
import { serve, launch, openPage } from '../e2e/lib.mjs';

const out = new URL('../docs/', import.meta.url).pathname;
const server = await serve();
const browser = await launch();
const open = async (query, viewport) => {
  const page = await openPage(browser, server.url + query, { viewport });
  await page.getByTestId('figure').waitFor();
  return page;
};

// The three places it is used: a laptop (the whole first screen), an iframe, a phone.
const play = await open('?preset=figure9&step=5', { width: 1366, height: 768 });
await play.waitForTimeout(500);
await play.screenshot({ path: `${out}playground.png` });
const embed = await open('?preset=figure1&step=5&embed=1&controls=1', { width: 700, height: 450 });
await embed.waitForTimeout(500);
await embed.screenshot({ path: `${out}embed.png` });
const phone = await open('?preset=figure4&step=5', { width: 390, height: 844 });
await phone.waitForTimeout(500);
await phone.screenshot({ path: `${out}phone.png` });

// ConvTranspose2d read both ways: the checkerboard case painting (its overlap map beside), and
// DCGAN's block as a convolution with an output cell in focus.
const scatter = await open('?preset=checkerboard&overlap=0&step=6', { width: 1366, height: 768 });
await scatter.waitForTimeout(500);
await scatter.screenshot({ path: `${out}transpose-scatter.png` });
const asConv = await open('?preset=dcgan&view=conv&step=21', { width: 1366, height: 768 });
await asConv.waitForTimeout(500);
await asConv.screenshot({ path: `${out}transpose-conv.png` });

const charts = await open('?preset=figure9&step=5', { width: 1400, height: 2000 });
await charts.waitForFunction(() => {
  const p = document.querySelector('[data-testid="chart-progress"] progress');
  return p && Number(p.value) === Number(p.max);
}, null, { timeout: 120_000 });
await charts.locator('section.charts').scrollIntoViewIfNeeded();
await charts.locator('section.charts').screenshot({ path: `${out}charts.png` });

// The projector: presentation mode at 1920×1080 in English, at 1280×720 in Chinese.
for (const [lang, width, height] of [['en', 1920, 1080], ['zh', 1280, 720]]) {
  const page = await open(`?preset=figure1&step=4&lang=${lang}`, { width, height });
  await page.keyboard.press('p');
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}present-${lang}.png` });
}
await browser.close();
await server.close();
console.log('wrote docs/playground.png, embed.png, phone.png, transpose-scatter.png, transpose-conv.png, charts.png, present-en.png, present-zh.png');
