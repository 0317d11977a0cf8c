// A page object for the playground: locators by data-testid, cell positions from the figure's
// data-grids attribute, and the highlighted sets it exposes.
export class Playground {
  constructor(page) { this.page = page; }
  testid(id) { return this.page.getByTestId(id); }
  /** Rendered, and its effects run (the key listeners are on once the theme attribute is set). */
  async ready() {
    await this.testid('output-shape').waitFor();
    await this.page.waitForFunction(() => document.documentElement.dataset.theme);
  }
  /** Settled: the charts' sweep has started where it runs (a reload while the sweep's worker loads
   * its script would abort that request). */
  async settled() {
    await this.page.waitForFunction(() => document.querySelector('section.charts')?.dataset.timedIn, null, { timeout: 30_000 });
  }
  async text(id) { return (await this.testid(id).textContent()).trim(); }
  async setNumber(id, value) {
    const box = this.page.locator(`#${id}-n`);
    await box.fill(String(value));
  }
  async select(id, value) { await this.page.locator(`select#${id}`).selectOption(value); }
  async grids() { return JSON.parse(await this.testid('figure').getAttribute('data-grids')); }
  async highlight(which) {
    return JSON.parse(await this.testid('figure').getAttribute(`data-highlight-${which}`));
  }
  /** The viewport point at the centre of cell (row, col) of the grid of `kind` ('input' padded
   * coords, 'output'), scrolled into view first: the pointer only reaches what is on screen. */
  async cellPoint(kind, c, row, col) {
    const g = (await this.grids()).find((g) => g.kind === kind && g.c === c);
    const [dx, dy] = [g.x + (col + 0.5) * g.cell, g.y + (row + 0.5) * g.cell];
    await this.testid('figure').evaluate((el, dy) => {
      const top = el.getBoundingClientRect().top + window.scrollY + dy;
      window.scrollTo(0, Math.max(0, top - window.innerHeight / 2));
    }, dy);
    const box = await this.testid('figure').boundingBox();
    return [box.x + dx, box.y + dy];
  }
  /** Moves the mouse over a cell (see cellPoint). */
  async hover(kind, c, row, col) {
    await this.page.mouse.move(...(await this.cellPoint(kind, c, row, col)));
  }
  /** Taps a cell on a touch screen (see cellPoint). */
  async tap(kind, c, row, col) {
    await this.page.touchscreen.tap(...(await this.cellPoint(kind, c, row, col)));
  }
  async pad() { return (await this.testid('figure').getAttribute('data-pad')).split(',').map(Number); }
}

/** The query string for a fixture's configuration. */
export function query(f, extra = '') {
  const pair = (v) => (Array.isArray(v) ? v.join(',') : v);
  const [c, h, w] = f.input;
  return `?in_channels=${c}&out_channels=${f.out_channels}&kernel_size=${pair(f.kernel_size)}&stride=${pair(f.stride)}`
    + `&padding=${pair(f.padding)}&dilation=${pair(f.dilation)}&groups=${f.groups}&height=${h}&width=${w}`
    + `&padding_mode=${f.padding_mode ?? 'zeros'}${extra}`;
}
