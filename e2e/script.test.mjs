// "Check it in PyTorch": the script the page writes for the figure on screen runs under real
// PyTorch and prints OK (skipped, saying so, where python3 cannot import torch).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { serve, launch, openPage } from './lib.mjs';
import { Playground } from './playground.page.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const torch = spawnSync('python3', ['-c', 'import torch']).status === 0;

test('the page\'s PyTorch script reproduces the figure on screen, values and all', async (t) => {
  for (const q of ['?preset=figure1', '?preset=figure9&data=digit&weights=box_blur', '?in_channels=2&out_channels=2&kernel_size=3,2&padding_mode=circular&padding=1&seed=7',
    // ConvTranspose2d, read either way: the script holds PyTorch's own input and weight layout.
    '?preset=dcgan', '?preset=undo-figure1&view=conv&weights=sobel_x',
    '?op=conv_transpose2d&in_channels=4&out_channels=2&groups=2&kernel_size=3,2&stride=2,3&output_padding=1,2&dilation=2&height=3&width=4&seed=3',
    // A stride-1 ConvTranspose2d with 32 input channels: on wasm, the equivalent convolution.
    '?op=conv_transpose2d&in_channels=32&out_channels=8&kernel_size=3&padding=1&height=12&width=12&seed=5',
    // 21M multiply-accumulates: opened, its output is computed in parts over several tasks.
    '?in_channels=16&out_channels=64&kernel_size=3&padding=1&height=48&width=48']) {
    const app = new Playground(await openPage(browser, server.url + q, { viewport: { width: 1366, height: 900 } }));
    await app.ready();
    await app.testid('script').locator('summary').click();
    const text = await app.testid('python-script').textContent();
    assert.match(text, /^# Conv2d Playground/);
    assert.ok(text.includes(await app.text('python')), 'the layer is the one on the page');
    if (!torch) {
      t.diagnostic('skipped running it: python3 cannot import torch here');
    } else {
      const out = execFileSync('python3', ['-'], { input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
      assert.equal(out.trim().split('\n').at(-1), 'OK', `${q}: ${out}`);
    }
    assert.deepEqual(app.page.problems, []);
    await app.page.context().close();
  }
});
