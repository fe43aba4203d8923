// The browser demo (demo/, `npm run demo:web`) in Debian's Chromium, against the built
// dist/: the worked example's numbers as the page shows them, the unit switch, a large
// random histogram, the race, and bad input answered with the library's message.
// Saves a screenshot: to docs/demo.png (the README's) with UPDATE_DOCS=1, else to the
// temp folder, so a test run leaves the tracked tree as it was.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright';
import { launchChromium } from './chromium.js';
import { root } from './harness.js';
import { serve, type StaticServer } from './server.js';

let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];

/** The value cell of a results row, as displayed. */
const shown = (id: string) => page.locator(`#results tr[data-measure="${id}"] td.num`).textContent();
const unitOf = (id: string) => page.locator(`#results tr[data-measure="${id}"] td.unit`).textContent();

beforeAll(async () => {
  // demo/app.js imports ../dist/index.js: mount both side by side, as serve-demo.mjs does.
  server = await serve({ '/demo/': `${root}demo/`, '/dist/': `${root}dist/` });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}/plain/demo/index.html`);
  // Results on the backend that will answer from now on (after `ready`).
  await page.waitForFunction(() => document.body.dataset.ready === 'true' && document.body.dataset.state === 'done', null, { timeout: 30_000 });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('demo page', () => {
  it('shows the worked example in bits on wasm-simd', async () => {
    expect(await page.locator('#backend').textContent()).toBe('wasm-simd');
    // toFixed(6) of 1.92697904715…: the page shows 1.926979 (as `npm start` prints), the
    // correctly rounded value; "1.926980" in README's prose is one unit off in the 6th place.
    expect(await shown('kl-pq')).toBe('1.926979');
    expect(await shown('kl-qp')).toBe('2.021648');
    expect(await shown('js-div')).toBe('0.420201');
    expect(await shown('js-dist')).toBe('0.648229');
    expect(await unitOf('kl-pq')).toBe('bits');
    // Every measure is filled, none blank; H(P,Q) = H(P) + KL(P‖Q).
    for (const id of ['h-p', 'h-q', 'h-pq', 'h-qp']) expect(await shown(id)).toMatch(/^\d+\.\d{6}$/);
    const hp = Number(await shown('h-p'));
    expect(Number(await shown('h-pq'))).toBeCloseTo(hp + 1.92698, 5);
    // Three labelled bar pairs.
    expect(await page.locator('#chart svg rect.p').count()).toBe(3 + 1); // + the legend swatch
    expect(await page.locator('#chart svg text', { hasText: 'green' }).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('switches to nats and back', async () => {
    await page.check('input[name="unit"][value="nats"]');
    expect(await shown('kl-pq')).toBe((1.9269790471552187 * Math.LN2).toFixed(6));
    expect(await unitOf('kl-pq')).toBe('nats');
    await page.check('input[name="unit"][value="bits"]');
    expect(await shown('kl-pq')).toBe('1.926979');
  });

  it('races wasm-simd against js and charts both', async () => {
    await page.click('#race');
    await page.waitForFunction(() => document.body.dataset.race === 'done', null, { timeout: 60_000 });
    const labels = await page.locator('#race-chart svg text').allTextContents();
    expect(labels).toContain('wasm-simd');
    expect(labels).toContain('js');
    expect(labels.filter((t) => / ns\/elem$/.test(t))).toHaveLength(2);
    expect(await page.locator('#backend').textContent()).toBe('wasm-simd'); // 'auto' restored
    const dir = process.env.UPDATE_DOCS ? `${root}docs` : `${tmpdir()}/infodiv-demo`;
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: `${dir}/demo.png`, fullPage: true });
  });

  it('draws 10,000 random bins as lines, with finite results', async () => {
    await page.fill('#n', '200000');
    await page.fill('#b', '10000');
    await page.click('#random');
    await page.waitForFunction(() => document.querySelector('#chart svg polyline') !== null, null, { timeout: 30_000 });
    expect(await page.locator('#chart-caption').textContent()).toMatch(/^10,000 bins, lines/);
    expect(await shown('js-div')).toMatch(/^0\.\d{6}$/);
    await page.click('#example');
    expect(await shown('kl-pq')).toBe('1.926979');
  });

  it.each([
    ['ragged CSV', '1, 2\n3', '0.5, 0.5', '#p-error', /ragged CSV: row 2 has 1 values, row 1 has 2/],
    ['empty input', '', '', '#p-error', /^p is empty$/],
    ['a negative entry', '0.2, -0.1, 0.9', '1, 1, 1', '#p-error', /^p\[1\] is negative/],
    ['NaN in Q (JSON null)', '[1, 2, 3]', '[1, null, 3]', '#q-error', /^q\[1\] is NaN/],
    ['mismatched lengths', '1, 2, 3', '1, 2', '#q-error', /^p and q differ in length \(3 vs 2\)$/],
  ])('%s: the message shows next to the input, and the table says why', async (_, p, q, where, message) => {
    await page.fill('#p', p);
    await page.fill('#q', q);
    await page.click('#compute');
    await expect.poll(() => page.locator(where).textContent()).toMatch(message);
    expect(await page.locator('#result-error').textContent()).toMatch(/^No result: /);
    expect(await shown('kl-pq')).toBe('—');
  });

  it('recovers on good input', async () => {
    await page.click('#example');
    expect(await shown('kl-pq')).toBe('1.926979');
    expect(await page.locator('#p-error').textContent()).toBe('');
    expect(errors).toEqual([]);
  });

  it('loads histograms from files (CSV and JSON) and computes them', async () => {
    await page.setInputFiles('#p-file', { name: 'p.csv', mimeType: 'text/csv', buffer: Buffer.from('1\n2\n3\n') });
    await expect.poll(() => page.locator('#p').inputValue()).toBe('1\n2\n3\n');
    await page.setInputFiles('#q-file', { name: 'q.json', mimeType: 'application/json', buffer: Buffer.from('[3, 2, 1]') });
    // KL([1,2,3] ‖ [3,2,1]) in bits = (1·log2(1/3) + 3·log2(3))/6 = log2(3)/3.
    await expect.poll(() => shown('kl-pq')).toBe((Math.log2(3) / 3).toFixed(6));
    expect(errors).toEqual([]);
  });
});

describe('demo drift page', () => {
  it('shows per-column drift of two CSV tables with severity colours and overlaid histograms, as drift() computes it', async () => {
    const { exampleTables, parseTable } = await import('../../demo/table.js');
    const { drift } = await import('../../src/index.js');
    const drifted = await context.newPage();
    const pageErrors: string[] = [];
    drifted.on('pageerror', (e) => pageErrors.push(e.message));
    await drifted.goto(`${server.origin}/plain/demo/drift.html`);
    await drifted.click('#example');
    await drifted.waitForFunction(() => document.body.dataset.state === 'done', null, { timeout: 30_000 });
    const { reference, current } = exampleTables();
    const want = drift(parseTable(reference, 'reference'), parseTable(current, 'current'));
    const rows = drifted.locator('#drift tbody tr');
    expect(await rows.count()).toBe(want.columns.length);
    for (const c of want.columns) {
      const row = drifted.locator(`#drift tr[data-column="${c.column}"]`);
      expect(await row.getAttribute('class')).toBe(`severity-${c.severity}`);
      expect(await row.locator('td').nth(1).textContent()).toBe(c.measures.psi!.toFixed(4));
      expect(await drifted.locator(`#charts figure[data-column="${c.column}"] svg rect.p`).count()).toBeGreaterThan(1);
    }
    // The example drifts two columns of four, and the page says so.
    expect(want.summary.drifted).toBeGreaterThanOrEqual(2);
    expect(await drifted.locator('#summary').textContent()).toContain(`${want.summary.drifted} of 4 columns drifted`);
    // A ragged file: the parser's message, naming the file and line; the page keeps working.
    await drifted.setInputFiles('#ref-file', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n3\n') });
    await drifted.setInputFiles('#cur-file', { name: 'cur.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') });
    await drifted.waitForFunction(() => document.body.dataset.state === 'error');
    expect(await drifted.locator('#error').textContent()).toBe('reference, line 3: 1 cells, the header has 2');
    expect(pageErrors).toEqual([]);
    await drifted.close();
  });
});
