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

// The reader's picture in the picture view (Sobel x), one output pixel pinned with its window
// zoomed; and a weight being typed into the grid figure.
const pic = await open('?in_channels=3&out_channels=2&kernel_size=3&padding=1&step=0&weights=sobel_x', { width: 1366, height: 1000 });
await pic.getByTestId('image-input').setInputFiles(new URL('../e2e/fixtures/house.png', import.meta.url).pathname);
await pic.getByTestId('picture-fitted').waitFor();
await pic.getByTestId('picture-view').click();
await pic.locator('#height-n').fill('80');
await pic.locator('#width-n').fill('120');
await pic.evaluate(() => window.scrollTo(0, 0));
{
  const box = await pic.getByTestId('pictures').boundingBox();
  const out = JSON.parse(await pic.getByTestId('pictures').getAttribute('data-images')).find((i) => i.shows === 'Output(0)');
  await pic.mouse.click(box.x + out.x + 20.5 * out.cell, box.y + out.y + 50.5 * out.cell);
}
await pic.waitForTimeout(500);
await pic.screenshot({ path: `${out}picture.png` });
const edit = await open('?preset=figure1&step=18', { width: 1366, height: 768 });
await edit.getByTestId('edit-mode').click();
await edit.evaluate(() => window.scrollTo(0, 0));
{
  const k = JSON.parse(await edit.getByTestId('figure').getAttribute('data-grids')).find((g) => g.kind === 'kernel' && g.c === 1 && g.i === 2);
  const box = await edit.getByTestId('figure').boundingBox();
  await edit.mouse.click(box.x + k.x + 1.5 * k.cell, box.y + k.y + 0.5 * k.cell);
  await edit.getByTestId('cell-editor').fill('2.5');
  await edit.getByTestId('cell-editor').press('Enter');
}
await edit.waitForTimeout(300);
await edit.screenshot({ path: `${out}edit.png` });

const charts = await open('?preset=figure9&step=5', { width: 1400, height: 2000 });
await charts.waitForFunction(() => {
  const p = document.querySelector('[data-testid="chart-progress"] progress');
  return p && Number(p.value) === Number(p.max);
}, null, { timeout: 120_000 });
await charts.locator('section.charts').scrollIntoViewIfNeeded();
await charts.locator('section.charts').screenshot({ path: `${out}charts.png` });

// A stack of layers (below the charts, once they are still): the small U-Net preset's table and
// strip, a cell of the second convolution's output in focus (lit through every tensor, its
// effective field beside the input).
await charts.getByTestId('stack').locator('summary').click();
await charts.getByTestId('stack-preset').selectOption('unet-down-up');
{
  const strip = charts.getByTestId('stack-strip');
  await strip.waitFor();
  await strip.scrollIntoViewIfNeeded();
  const boxes = JSON.parse(await strip.getAttribute('data-boxes'));
  const b = boxes.find((b) => b.shows === 'Tensor(4)');
  const r = await strip.boundingBox();
  await charts.mouse.click(r.x + b.x + 5.5 * b.cell, r.y + b.y + 9.5 * b.cell);
  await charts.mouse.move(1, 1);
  await charts.waitForFunction(() => document.querySelector('[data-testid=stack-strip]').dataset.effective);
  await charts.waitForTimeout(200);
  const panel = await charts.getByTestId('stack').boundingBox();
  const end = await charts.getByTestId('stack-focus').boundingBox();
  const bottom = end.y + end.height + 8;
  await charts.screenshot({ path: `${out}stack.png`, clip: { x: 0, y: panel.y - 8, width: 1400, height: bottom - panel.y + 8 } });
}

// The projector: presentation mode at 1920×1080 in English, at 1280×720 in Chinese.
for (const [lang, width, height] of [['en', 1920, 1080], ['zh', 1280, 720]]) {
  const page = await open(`?preset=figure1&step=4&lang=${lang}`, { width, height });
  await page.keyboard.press('p');
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}present-${lang}.png` });
}
await browser.close();
await server.close();
console.log('wrote docs/playground.png, embed.png, phone.png, transpose-scatter.png, transpose-conv.png, picture.png, edit.png, stack.png, charts.png, present-en.png, present-zh.png');
