import { serve, launch, openPage } from './lib.mjs';
const server = await serve();
const browser = await launch();
const shots = [
  ['preset=checkerboard&step=6&theme=dark', { width: 1280, height: 720 }, 'present', { colorScheme: 'dark' }],
  ['preset=dcgan&view=conv&step=6', { width: 390, height: 844 }, null, { isMobile: true, hasTouch: true }],
  ['preset=undo-figure1&step=6&embed=1&controls=1', { width: 700, height: 450 }, null, {}],
  ['preset=checkerboard&step=6', { width: 1366, height: 768 }, null, { colorScheme: 'dark' }],
];
let i = 0;
for (const [q, viewport, key, extra] of shots) {
  const page = await openPage(browser, server.url + '?' + q, { viewport, ...extra });
  await page.getByTestId('figure').waitFor();
  if (key) { await page.keyboard.press('p'); }
  await page.waitForTimeout(700);
  await page.screenshot({ path: `/tmp/shots/p${i}.png` });
  console.log(i++, q, page.problems);
}
await browser.close(); await server.close();
