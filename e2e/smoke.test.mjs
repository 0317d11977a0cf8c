// The built site renders the seed's figure 1 with the output shape that the core computes in WASM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage } from './lib.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('first page shows figure 1 and its output shape', async () => {
  const page = await openPage(browser, server.url);
  const shape = page.getByTestId('output-shape');
  await shape.waitFor();
  assert.equal(await shape.textContent(), '(2, 3, 3)');
  assert.equal(await page.getByTestId('param-count').textContent(), '56');
  assert.deepEqual(page.problems, []);
});
