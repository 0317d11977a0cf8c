#!/usr/bin/env node
// Measures a stack's "changed → every tensor computed and the strip drawn" in headless Debian
// chromium on the built site (dist/): the app marks the stack's change (`stack-change`, when the
// text, input or seed makes a new stack) and measures to the end of the strip's draw
// (`stack-paint`): the forward pass through every layer, the lit sets, the effective receptive
// field and the drawing. Changes the seed box N times. Usage: node scripts/bench-stack.mjs [N]
const { serve, launch, openPage } = await import(new URL('../e2e/lib.mjs', import.meta.url));

const N = Number(process.argv[2] ?? 20);
const STACKS = {
  "ResNet-18's stem at 3×224×224 (goal: < 100 ms)": [
    'nn.Sequential(nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False), nn.BatchNorm2d(64), nn.ReLU(inplace=True), nn.MaxPool2d(kernel_size=3, stride=2, padding=1))',
    '3,224,224',
  ],
  'a small U-Net at 1×32×32': [
    'nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.ConvTranspose2d(16, 8, 2, stride=2), nn.Conv2d(8, 1, 1))',
    '1,32,32',
  ],
};
const server = await serve();
const browser = await launch();
for (const [name, [text, input]] of Object.entries(STACKS)) {
  const q = `?step=0&layers=${encodeURIComponent(text)}&stack_input=${input}`;
  const page = await openPage(browser, server.url + q, { viewport: { width: 1400, height: 1000 } });
  await page.getByTestId('stack-strip').waitFor();
  const times = [];
  for (let i = 1; i <= N; i++) {
    const before = await page.evaluate(() => performance.getEntriesByName('stack-paint').length);
    await page.locator('#seed-n').fill(String(i));
    await page.waitForFunction((n) => performance.getEntriesByName('stack-paint').length > n, before);
    times.push(await page.evaluate(() => performance.getEntriesByName('stack-paint').at(-1).duration));
  }
  times.sort((a, b) => a - b);
  const at = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
  console.log(`${name}: median ${at(0.5)} ms, p10 ${at(0.1)} ms, p90 ${at(0.9)} ms over ${N} seed changes`);
  if (page.problems.length) console.log('problems:', page.problems);
  await page.close();
}
await browser.close();
await server.close();
