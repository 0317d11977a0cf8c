import { serve, launch, openPage } from './lib.mjs';
const srv = await serve();
const browser = await launch();
const shots = [
  ['too-large', '?in_channels=64&out_channels=64&kernel_size=3&padding=1&height=128&width=128', 1366, 768],
  ['invalid-embed', '?in_channels=4&out_channels=2&groups=3&embed=1&controls=1', 700, 450],
];
for (const [name, q, w, h] of shots) {
  const page = await openPage(browser, srv.url + q, { viewport: { width: w, height: h } });
  await page.waitForSelector('[data-testid="no-figure"]');
  await page.waitForTimeout(800);
  await page.screenshot({ path: `/tmp/shots/${name}.png` });
  console.log(name, page.problems);
  await page.context().close();
}
await browser.close(); await srv.close();
