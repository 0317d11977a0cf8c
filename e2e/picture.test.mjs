// The reader's own picture and values typed into the figure, checked against what they must be:
// the input is the PNG's decoded pixels, a typed weight moves the output as the convolution's
// definition (and PyTorch, where it is installed) says, links keep the values, and bad input is
// refused with the page's state kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { execFileSync, spawnSync } from 'node:child_process';
import { serve, launch, openPage } from './lib.mjs';
import { Playground } from './playground.page.mjs';

const FIXTURE = new URL('./fixtures/picture.png', import.meta.url).pathname;
const torch = spawnSync('python3', ['-c', 'import torch']).status === 0;

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(q) {
  const app = new Playground(await openPage(browser, server.url + q, { viewport: { width: 1366, height: 900 } }));
  await app.ready();
  return app;
}

/** RGB pixels of an 8-bit RGB PNG whose rows are unfiltered (as the fixture's are). */
function decodePng(path) {
  const b = readFileSync(path);
  let at = 8, width, height;
  const idat = [];
  while (at < b.length) {
    const len = b.readUInt32BE(at), type = b.toString('latin1', at + 4, at + 8);
    const data = b.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      assert.deepEqual([data[8], data[9]], [8, 2], '8-bit RGB');
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const px = [];
  for (let y = 0; y < height; y++) {
    const row = raw.subarray(y * (1 + width * 3), (y + 1) * (1 + width * 3));
    assert.equal(row[0], 0, 'filter type 0');
    for (let x = 0; x < width; x++) px.push([row[1 + x * 3], row[2 + x * 3], row[3 + x * 3]]);
  }
  return { width, height, px };
}

/** The script's tensor literal `name = torch.tensor([...])`, flat. */
async function literal(app, name) {
  if (!(await app.testid('script').evaluate((d) => d.open))) await app.testid('script').locator('summary').click();
  const text = await app.testid('python-script').textContent();
  const m = text.match(new RegExp(`${name.replace(/[.()]/g, '\\$&')}torch\\.tensor\\(\\[([^\\]]*)\\]`));
  assert.ok(m, `${name} in the script`);
  return { values: m[1].split(',').map((s) => s.trim()).filter(Boolean).map(Number), text };
}

test('a picture becomes the input, pixel for pixel, in RGB, grey or ImageNet\'s statistics', async () => {
  const { width, height, px } = decodePng(FIXTURE);
  const app = await open(`?in_channels=3&out_channels=2&kernel_size=3&height=${height}&width=${width}&step=0`);
  await app.testid('image-input').setInputFiles(FIXTURE);
  await app.testid('picture-fitted').waitFor();
  assert.match(await app.text('picture-fitted'), new RegExp(`picture\\.png \\(${width}×${height}\\)`));
  const rgb = (await literal(app, 'x = ')).values;
  for (let c = 0; c < 3; c++) {
    // The script writes each f32 as its shortest decimal: read back as f32, it is the pixel / 255.
    px.forEach((p, i) => assert.equal(Math.fround(rgb[c * px.length + i]), Math.fround(p[c] / 255), `channel ${c}, pixel ${i}`));
  }
  await app.select('scaling', 'imagenet');
  const [mean, std] = [[0.485, 0.456, 0.406], [0.229, 0.224, 0.225]];
  const norm = (await literal(app, 'x = ')).values;
  px.forEach((p, i) => {
    for (let c = 0; c < 3; c++) assert.ok(Math.abs(norm[c * px.length + i] - (p[c] / 255 - mean[c]) / std[c]) < 1e-5);
  });
  await app.select('scaling', 'unit');
  await app.testid('picture-grey').click();
  assert.match(await app.text('python'), /^nn\.Conv2d\(1, /);
  const grey = (await literal(app, 'x = ')).values;
  px.forEach((p, i) => assert.ok(Math.abs(grey[i] - (0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2]) / 255) < 1e-6, `grey ${i}`));
  assert.deepEqual(app.page.problems, []);
});

test('a file that is not a picture is refused and nothing changes', async () => {
  const app = await open('?preset=figure1&step=0');
  const before = (await literal(app, 'x = ')).values;
  await app.testid('image-input').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
  await app.testid('notices').waitFor();
  assert.match(await app.text('notices'), /"notes\.png" is not a picture this browser can read/);
  assert.deepEqual((await literal(app, 'x = ')).values, before);
  assert.equal(await app.testid('picture-fitted').count(), 0);
});

test('a typed weight moves the output as the definition says, survives a reload and resets', async () => {
  const app = await open('?preset=figure1&step=18');
  await app.testid('edit-mode').click();
  const k = (await app.grids()).find((g) => g.kind === 'kernel' && g.c === 1 && g.i === 2);
  const box = await app.testid('figure').boundingBox();
  await app.page.mouse.click(box.x + k.x + 1.5 * k.cell, box.y + k.y + 0.5 * k.cell);
  const editor = app.testid('cell-editor');
  assert.equal(await editor.getAttribute('aria-label'), 'value of weight[1, 2, 0, 1]');
  await editor.fill('2.5x');
  await editor.press('Enter');
  assert.equal(await editor.getAttribute('aria-invalid'), 'true', 'marked');
  const { values: untouched } = await literal(app, 'layer.weight.copy_(');
  assert.notEqual(untouched[(1 * 3 + 2) * 9 + 1], 2.5, 'and never applied');
  await editor.fill('2.5');
  await editor.press('Enter');
  await app.page.waitForFunction(() => location.search.includes('weight_values='));
  const { values: w } = await literal(app, 'layer.weight.copy_(');
  assert.equal(w[(1 * 3 + 2) * 9 + 1], 2.5);
  // Output (1, 1, 1) by the definition: stride 2, padding 1, dilation 2, on the script's own data.
  const { values: x } = await literal(app, 'x = ');
  const { values: b } = await literal(app, 'layer.bias.copy_(');
  let sum = b[1];
  for (let c = 0; c < 3; c++) for (let ky = 0; ky < 3; ky++) for (let kx = 0; kx < 3; kx++) {
    const [iy, ix] = [1 * 2 - 1 + ky * 2, 1 * 2 - 1 + kx * 2];
    if (iy >= 0 && iy < 7 && ix >= 0 && ix < 7) sum += x[c * 49 + iy * 7 + ix] * w[((1 * 3 + c) * 3 + ky) * 3 + kx];
  }
  const { values: shown, text } = await literal(app, 'shown = ');
  assert.ok(Math.abs(shown[9 + 4] - sum) < 1e-4, `${shown[9 + 4]} vs ${sum}`);
  if (torch) {
    const out = execFileSync('python3', ['-'], { input: text, encoding: 'utf8' });
    assert.equal(out.trim().split('\n').at(-1), 'OK');
  }
  // The arrows move the box; the link keeps the values through a reload.
  await editor.press('ArrowRight');
  assert.equal(await editor.getAttribute('aria-label'), 'value of weight[1, 2, 0, 2]');
  await app.page.reload();
  await app.ready();
  assert.equal((await literal(app, 'layer.weight.copy_(')).values[(1 * 3 + 2) * 9 + 1], 2.5);
  await app.testid('reset-values').click();
  await app.page.waitForFunction(() => !location.search.includes('weight_values='));
  assert.notEqual((await literal(app, 'layer.weight.copy_(')).values[(1 * 3 + 2) * 9 + 1], 2.5);
  assert.deepEqual(app.page.problems, []);
});

test('a kernel filled with a named kernel holds exactly its taps', async () => {
  const app = await open('?preset=figure1&step=18&weights=sobel_x');
  const sobel = (await literal(app, 'layer.weight.copy_(')).values.slice(0, 9);
  await app.page.goto(server.url + '?preset=figure1&step=18');
  await app.ready();
  await app.testid('edit-mode').click();
  const k = (await app.grids()).find((g) => g.kind === 'kernel' && g.c === 0 && g.i === 1);
  const box = await app.testid('figure').boundingBox();
  await app.page.mouse.click(box.x + k.x + 0.5 * k.cell, box.y + k.y + 0.5 * k.cell);
  await app.testid('fill-sobel_x').click();
  const w = (await literal(app, 'layer.weight.copy_(')).values;
  assert.deepEqual(w.slice(9, 18), sobel, 'kernel (0, 1)');
  assert.notDeepEqual(w.slice(0, 9), sobel, 'kernel (0, 0) as it was');
});

test('a picture dropped on the page or pasted becomes the input too', async () => {
  const bytes = [...readFileSync(FIXTURE)];
  for (const how of ['drop', 'paste']) {
    const app = await open('?in_channels=3&out_channels=1&kernel_size=3&height=7&width=14&step=0');
    await app.page.evaluate(([bytes, how]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'dropped.png', { type: 'image/png' }));
      const e = how === 'drop'
        ? new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true })
        : new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
      document.body.dispatchEvent(e);
    }, [bytes, how]);
    await app.testid('picture-fitted').waitFor();
    assert.match(await app.text('picture-fitted'), /^dropped\.png \(14×7\)/, how);
    assert.deepEqual(app.page.problems, []);
    await app.page.context().close();
  }
});

test('the picture view draws the input and every output as images, and a pixel\'s sum on hover', async () => {
  const house = new URL('./fixtures/house.png', import.meta.url).pathname;
  const app = await open('?in_channels=3&out_channels=2&kernel_size=3&padding=1&step=0');
  await app.testid('image-input').setInputFiles(house);
  await app.testid('picture-fitted').waitFor();
  await app.testid('picture-view').click();
  // Larger inputs in this view: the input takes the picture's own size (240 × 160).
  await app.testid('picture-size').click();
  assert.equal(await app.text('output-shape'), '(2, 160, 240)');
  await app.setNumber('height', 300);
  await app.testid('notices').waitFor();
  assert.match(await app.text('notices'), /height is capped at 256/);
  await app.setNumber('height', 160);
  await app.testid('kernel-sobel_x').click();
  await app.page.waitForFunction(() => location.search.includes('weights=sobel_x'));
  const images = JSON.parse(await app.testid('pictures').getAttribute('data-images'));
  assert.deepEqual(images.map((i) => [i.shows, i.rows, i.cols]),
    [['InputRgb', 160, 240], ['Output(0)', 160, 240], ['Output(1)', 160, 240]]);
  const out = images[2];
  await app.page.evaluate(() => window.scrollTo(0, 0));
  const box = await app.testid('pictures').boundingBox();
  await app.page.mouse.move(box.x + out.x + 60.5 * out.cell, box.y + out.y + 70.5 * out.cell);
  await app.page.waitForFunction(() => document.querySelector('[data-testid=sum]').textContent.includes('output[1, 70, 60]'));
  assert.match(await app.text('sum'), /= -?\d/);
  // Leaving the view brings the sides back under the grid figure's cap.
  await app.testid('picture-view').click();
  assert.equal(await app.text('output-shape'), '(2, 128, 128)');
  assert.deepEqual(app.page.problems, []);
});
