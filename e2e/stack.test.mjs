// A stack of layers typed or pasted into the page: the table holds PyTorch's shapes and parameter
// count (e2e/../crates/conv2d-core/tests/fixtures/stacks.jsonl, from real PyTorch), a rejected layer
// shows PyTorch's sentence with the layers after it greyed, text that is not a stack is placed,
// and the link carries the stack's own text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, openPage } from './lib.mjs';
import { Playground } from './playground.page.mjs';

const stacks = readFileSync(new URL('../crates/conv2d-core/tests/fixtures/stacks.jsonl', import.meta.url), 'utf8')
  .trim().split('\n').map((l) => JSON.parse(l));

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(q) {
  const app = new Playground(await openPage(browser, server.url + q, { viewport: { width: 1366, height: 900 } }));
  await app.ready();
  await app.testid('stack').waitFor();
  return app;
}

test('the table holds PyTorch\'s shapes and parameters, and a rejection with its sentence', async () => {
  const app = await open('?step=0');
  await app.testid('stack').locator('summary').click();
  const ok = stacks.find((s) => !s.expect.error && s.expect.shapes.length >= 3);
  const bad = stacks.find((s) => s.expect.error && s.expect.layer >= 1 && s.expect.layer < s.expect.shapes.length + 2);
  for (const s of [ok, bad]) {
    await app.testid('stack-input').fill(s.input.join(','));
    await app.testid('stack-input').press('Enter');
    await app.testid('stack-text').fill(s.layers);
    const rows = app.testid('stack-row');
    for (const [i, shape] of s.expect.shapes.entries()) {
      assert.equal(await rows.nth(i).locator('td').nth(2).textContent(), `(${shape.join(', ')})`, `${s.name} layer ${i}`);
    }
    if (s.expect.error) {
      assert.equal(await app.text('stack-rejected'), s.expect.error);
      const rejected = rows.nth(s.expect.layer);
      assert.match(await rejected.getAttribute('class'), /rejected/);
    } else {
      assert.equal((await app.text('stack-params')).replace(/,/g, ''), String(s.expect.params));
    }
  }
  assert.deepEqual(app.page.problems, []);
});

test('text that is not a stack is placed, and the link carries the stack', async () => {
  const app = await open('?step=0');
  await app.testid('stack').locator('summary').click();
  await app.testid('stack-text').fill('nn.Conv2d(3, 8, 3),\n  nn.Flatten()');
  assert.match(await app.text('stack-error'), /^line 2, column 3: layer 1: Flatten is not a layer the playground has/);
  await app.testid('stack-preset').selectOption('resnet18-stem');
  // The URL follows a change within a moment (at most one write per 200 ms while changes come fast).
  await app.page.waitForFunction(() => new URLSearchParams(location.search).get('layers')?.includes('MaxPool2d'));
  const rows = await app.testid('stack-row').count();
  assert.equal(rows, 4);
  await app.settled();
  await app.page.reload();
  await app.ready();
  assert.equal(await app.testid('stack-row').count(), 4, 'the link opens the same stack');
  assert.notEqual(await app.testid('stack').getAttribute('open'), null, 'open when the link has a stack');
  assert.deepEqual(app.page.problems, []);
});

test('the stack\'s script checks its table under real PyTorch, a rejection included', async (t) => {
  const { spawnSync, execFileSync } = await import('node:child_process');
  const torch = spawnSync('python3', ['-c', 'import torch']).status === 0;
  const app = await open('?step=0');
  await app.testid('stack').locator('summary').click();
  const ok = stacks.find((s) => !s.expect.error && s.expect.shapes.length >= 3);
  const bad = stacks.find((s) => s.expect.error && !/__init__|repeated/.test(s.expect.error) && s.expect.layer >= 1);
  for (const s of [ok, bad]) {
    await app.testid('stack-input').fill(s.input.join(','));
    await app.testid('stack-text').fill(s.layers);
    await app.testid('stack-check').locator('summary').click();
    const text = await app.testid('stack-script').textContent();
    assert.match(text, /^# Conv2d Playground: this stack's table/);
    if (torch) {
      const out = execFileSync('python3', ['-'], { input: text, encoding: 'utf8' });
      assert.equal(out.trim().split('\n').at(-1), 'OK', s.name);
    } else {
      t.diagnostic('skipped running it: python3 cannot import torch here');
    }
    await app.testid('stack-check').locator('summary').click();
  }
});
