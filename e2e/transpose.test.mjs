// ConvTranspose2d in the playground, against PyTorch: the layer switch keeps what both kinds share,
// links round-trip it, both readings light exactly the cells PyTorch's autograd finds, the overlap
// map is PyTorch's count of taps, and "transpose this layer" gives back the input shape PyTorch does.
// Every expected number comes from e2e/fixtures (scripts/gen_presets.py runs real PyTorch).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, openPage } from './lib.mjs';
import { Playground } from './playground.page.mjs';

const load = (f) => JSON.parse(readFileSync(new URL(f, import.meta.url), 'utf8'));
const presets = load('./fixtures/presets.json');
const { receptive, undo } = load('./fixtures/transpose.json');
const golden = readFileSync(new URL('../crates/conv2d-core/tests/fixtures/golden_transpose.jsonl', import.meta.url), 'utf8')
  .trim().split('\n').map((l) => JSON.parse(l));
const shapeText = (s) => `(${s.join(', ')})`;

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(q = '', options = { viewport: { width: 1366, height: 900 } }) {
  const app = new Playground(await openPage(browser, server.url + q, options));
  await app.ready();
  return app;
}

/** The page's query for a transposed case of the fixtures. */
function tquery(f, extra = '') {
  const pair = (v) => v.join(',');
  const [c, h, w] = f.input;
  return `?op=conv_transpose2d&in_channels=${c}&out_channels=${f.out_channels}&kernel_size=${pair(f.kernel_size)}`
    + `&stride=${pair(f.stride)}&padding=${pair(f.padding)}&output_padding=${pair(f.output_padding)}`
    + `&dilation=${pair(f.dilation)}&groups=${f.groups}&height=${h}&width=${w}${extra}`;
}

const params = (app) => new URL(app.page.url()).searchParams;

test('the layer switch keeps the shared arguments, and the link keeps the kind', async () => {
  const app = await open('?preset=figure1&step=0');
  const fig1 = presets.find((p) => p.name === 'figure1');
  await app.testid('layer-conv_transpose2d').click();
  assert.equal(await app.text('python'), 'nn.ConvTranspose2d(3, 2, kernel_size=3, stride=2, padding=1, dilation=2)');
  assert.equal(await app.testid('layer-conv_transpose2d').getAttribute('aria-pressed'), 'true');
  await app.page.waitForFunction(() => location.search.includes('op=conv_transpose2d'));
  assert.equal(params(app).get('kernel_size'), '3');
  // output_padding is a ConvTranspose2d's control only; it reaches the layer and the link.
  await app.setNumber('output_padding-h', 1);
  assert.match(await app.text('python'), /, output_padding=1, dilation=2\)$/);
  await app.page.waitForFunction(() => location.search.includes('output_padding=1'));
  // A reload opens the same layer.
  await app.page.reload();
  await app.ready();
  assert.match(await app.text('python'), /^nn\.ConvTranspose2d\(.*output_padding=1, dilation=2\)$/);
  await app.testid('layer-conv2d').click();
  assert.equal(await app.text('python'), 'nn.Conv2d(3, 2, kernel_size=3, stride=2, padding=1, dilation=2)');
  assert.equal(await app.text('output-shape'), shapeText(fig1.shape));
  assert.equal(await app.testid('control-output_padding').count(), 0);
  await app.page.waitForFunction(() => !location.search.includes('op='));
  assert.deepEqual(app.page.problems, []);
});

test('the transposed presets show PyTorch\'s shapes and counts, in both readings', async () => {
  const app = await open();
  for (const p of presets.filter((p) => p.op === 'conv_transpose2d')) {
    await app.select('preset', p.name);
    for (const reading of ['scatter', 'conv']) {
      await app.testid(`reading-${reading}`).click();
      assert.equal(await app.testid('figure').getAttribute('data-reading'), reading);
      assert.equal(await app.text('output-shape'), shapeText(p.shape), p.name);
      assert.equal(await app.text('param-count'), String(p.params), p.name);
      const outputs = (await app.grids()).filter((g) => g.kind === 'output');
      assert.deepEqual([outputs.length, outputs[0].rows, outputs[0].cols], p.shape, `${p.name} drawn ${reading}`);
    }
  }
  assert.deepEqual(app.page.problems, []);
});

test('an output_padding PyTorch refuses gets its sentence and keeps the last figure', async () => {
  // The fixture's layer: 2 → 2 channels, kernel 3, stride 2, output_padding 2, on 4 × 4.
  const f = golden.find((g) => g.name === 'reject/output_padding/equal_stride');
  const app = await open('?op=conv_transpose2d&in_channels=2&out_channels=2&kernel_size=3&stride=2&height=4&width=4&step=0');
  await app.setNumber('output_padding-h', 2);
  await app.testid('error').waitFor({ state: 'visible' });
  assert.equal(await app.text('error-message'), f.expect.error);
  assert.equal(await app.testid('figure').count(), 1, 'the last valid figure stays');
  assert.deepEqual(app.page.problems, []);
});

for (const f of receptive) {
  for (const reading of ['scatter', 'conv']) {
    test(`both ways, ${reading}: the highlights are PyTorch's autograd (${f.name})`, async () => {
      const app = await open(tquery(f, `&weights=box_blur&step=0&view=${reading}`));
      assert.equal(await app.text('output-shape'), shapeText(f.shape));
      const [oc, oy, ox] = f.output_cell;
      await app.hover('output', oc, oy, ox);
      assert.deepEqual(await app.highlight('outputs'), [f.output_cell]);
      assert.deepEqual(await app.highlight('inputs'), f.inputs_of_output, 'the inputs whose gradient is not zero');
      assert.ok((await app.text('sum')).includes('='), 'the written sum');
      const [c, y, x] = f.input_cell;
      if (reading === 'scatter') {
        await app.hover('input', c, y, x);
      } else {
        // Drawn with zeros inserted (stride − 1 between cells) and padded around.
        const [top, left] = await app.pad();
        await app.hover('input', c, y * f.stride[0] + top, x * f.stride[1] + left);
      }
      assert.deepEqual(await app.highlight('outputs'), f.outputs_of_input, 'the outputs that change with it');
      assert.deepEqual(app.page.problems, []);
    });
  }
}

test('the overlap map is PyTorch\'s count of kernel taps per output cell', async () => {
  for (const f of receptive) {
    const app = await open(tquery(f, '&step=0'));
    assert.equal(await app.testid('figure').getAttribute('data-overlap'), null);
    await app.testid('overlap').check();
    await app.page.waitForFunction(() => location.search.includes('overlap=1'));
    assert.deepEqual(JSON.parse(await app.testid('figure').getAttribute('data-overlap')), f.overlap, f.name);
    assert.match(await app.text('reading-note'), /checkerboard/);
    const most = Math.max(...f.overlap.flat());
    assert.equal(await app.testid('legend-overlap').getAttribute('data-max'), String(most), 'the legend reads 0 to the most');
    assert.match(await app.text('legend-overlap'), /^Overlap map/);
    await app.page.context().close();
  }
});

test('"transpose this layer" maps the output shape back to the input shape, as PyTorch does', async () => {
  for (const u of undo) {
    const c = u.conv;
    const pair = (v) => v.join(',');
    const app = await open(`?in_channels=${c.input[0]}&out_channels=${c.out_channels}&kernel_size=${pair(c.kernel_size)}`
      + `&stride=${pair(c.stride)}&padding=${pair(c.padding)}&dilation=${pair(c.dilation)}&groups=${c.groups}`
      + `&height=${c.input[1]}&width=${c.input[2]}&step=0`);
    assert.equal(await app.text('output-shape'), shapeText(u.input), u.name);
    await app.testid('transpose-this').click();
    await app.page.waitForFunction(() => location.search.includes('op=conv_transpose2d'));
    assert.equal(await app.text('output-shape'), shapeText(u.shape), `${u.name}: back to the input shape`);
    const [oph, opw] = u.output_padding;
    assert.equal(params(app).get('output_padding'), oph === opw ? String(oph) : pair(u.output_padding),
      `${u.name}: PyTorch's output_padding`);
    assert.equal(params(app).get('height'), String(u.input[1]));
    // And back: the Conv2d on the transposed layer's output.
    await app.testid('transpose-this').click();
    await app.page.waitForFunction(() => !location.search.includes('op='));
    assert.equal(await app.text('output-shape'), shapeText(u.input), `${u.name}: and back`);
    assert.deepEqual(app.page.problems, []);
    await app.page.context().close();
  }
  // Uneven padding cannot round-trip: the page says why and keeps the layer.
  const app = await open('?kernel_size=4&padding=same');
  const before = await app.text('python');
  await app.testid('transpose-this').click();
  assert.match(await app.text('notices'), /cannot transpose this layer: this Conv2d pads unevenly/);
  assert.equal(await app.text('python'), before);
});

test('a scatter walks the input cells, the output accumulating', async () => {
  const f = receptive[0];
  const app = await open(tquery(f, '&step=0&view=scatter'));
  const [c, h, w] = f.input;
  assert.equal(await app.page.locator('[data-testid=control-step] input[type=range]').getAttribute('max'), String(c * h * w));
  await app.testid('step-forward').click();
  assert.deepEqual(await app.highlight('positions'), [[0, 0, 1]], 'step 1 paints input cell (0, 0, 1)');
  assert.match(await app.text('sum'), /input\[0, 0, 1\]/);
  assert.deepEqual(app.page.problems, []);
});
