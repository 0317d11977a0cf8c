// The built site renders the seed's figure 1 with the output shape that the core computes in WASM,
// compared with what real PyTorch gives (fixtures/presets.json, written by scripts/gen_presets.py).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, openPage } from './lib.mjs';

const presets = JSON.parse(readFileSync(new URL('./fixtures/presets.json', import.meta.url)));
const fig1 = presets.find((p) => p.name === 'figure1');
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('first page shows figure 1 and its output shape', async () => {
  const page = await openPage(browser, server.url);
  const shape = page.getByTestId('output-shape');
  await shape.waitFor();
  assert.equal(await shape.textContent(), `(${fig1.shape.join(', ')})`);
  assert.equal(await page.getByTestId('param-count').textContent(), String(fig1.params));
  assert.deepEqual(page.problems, []);
});
