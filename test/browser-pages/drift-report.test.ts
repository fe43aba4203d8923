// The HTML drift report (src/cli/report.ts, `infodiv drift --report FILE`) opened in
// Chromium with the network cut: it must need nothing beyond itself, draw one chart per
// column without JavaScript, and show every column name as text, never as markup.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { htmlReport } from '../../src/cli/report.js';
import { drift, type ColumnDrift, type DriftReport } from '../../src/index.js';
import { launchChromium } from './chromium.js';
import { root } from './harness.js';

const NASTY = `<b>&"x'`;
const INFO = { reference: 'ref <1>.csv', current: 'cur & "2".csv', failOn: 'moderate', generated: '2024-05-01T12:00:00.000Z', version: '0.0.0-test' } as const;

const wave = (n: number, f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
const base = (i: number) => 50 + 10 * Math.sin(i) + 5 * Math.sin(0.37 * i);
const reference = {
  shifted: wave(4000, base),
  stable: wave(4000, base),
  region: Array.from({ length: 4000 }, (_, i) => ['eu', 'us', 'ap'][i % 3]!),
  [NASTY]: Array.from({ length: 4000 }, (_, i) => ['<a>', '&amp;', `"q'`][i % 3]!),
  gone: wave(4000, base),
};
const current = {
  shifted: wave(2000, (i) => base(i) + 6),
  stable: wave(2000, (i) => base(i + 4000)),
  region: Array.from({ length: 2000 }, (_, i) => ['eu', 'us', 'ap', 'us', 'mars'][i % 5]!),
  [NASTY]: Array.from({ length: 2000 }, (_, i) => ['<a>', '&amp;', `"q'`][i % 3]!),
  gone: new Float64Array(2000).fill(NaN),
};
const report = drift(reference, current) as DriftReport;

/** The awkward shapes: 1000 bins, one bin, infinite edges, nothing counted at all. */
function edgeCases(): DriftReport {
  const wide = (drift({ wide: reference.shifted }, { wide: current.shifted }, { bins: { bins: 1000 } }) as DriftReport).columns[0]!;
  const like = (c: Partial<ColumnDrift>): ColumnDrift => ({ ...wide, measures: {}, severity: 'none', drifted: false, smoothing: undefined, ...c });
  const columns = [
    wide,
    like({ column: 'single bin', bins: { method: 'edges', edges: [0, 1] }, reference: Float64Array.of(0, 10, 0), current: Float64Array.of(3, 4, 5) }),
    like({ column: 'infinite edges', bins: { method: 'edges', edges: [-Infinity, 0, Infinity] }, reference: Float64Array.of(0, 4, 6, 0), current: Float64Array.of(0, 6, 4, 0) }),
    like({ column: 'all zero', status: 'reference empty', bins: { method: 'edges', edges: [0, 1, 2] }, reference: new Float64Array(4), current: new Float64Array(4) }),
  ];
  const drifted = columns.filter((c) => c.drifted).length;
  return { columns, summary: { columns: 4, drifted, share: drifted / 4, moderate: columns.filter((c) => c.severity === 'moderate').length, major: columns.filter((c) => c.severity === 'major').length } };
}

function expectSelfContained(html: string): void {
  expect(html).not.toMatch(/https?:\/\//i);
  expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\/\//i);
  expect(html).not.toMatch(/<script[^>]*\bsrc\b/i);
  expect(html).not.toMatch(/<link\b/i);
  expect(html).not.toMatch(/@import/i);
  expect(html).not.toMatch(/url\(/i);
}

let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'infodiv-report-'));

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The page offline, with every request it attempts and every error it logs. */
async function open(html: string | { file: string }): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const context = await browser.newContext({ offline: true, viewport: { width: 1200, height: 900 } });
  const requests: string[] = [];
  const errors: string[] = [];
  // The page's own file is the one load allowed.
  const self = typeof html === 'string' ? [] : [pathToFileURL(html.file).href];
  await context.route('**/*', (r) => {
    if (self.includes(r.request().url())) return r.continue();
    requests.push(r.request().url());
    return r.abort();
  });
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  if (typeof html === 'string') await page.setContent(html, { waitUntil: 'load' });
  else await page.goto(pathToFileURL(html.file).href, { waitUntil: 'load' });
  return { page, requests: requests.filter((u) => !self.includes(u)), errors };
}

interface Drawn {
  refs: number;
  curs: number;
  /** Bins whose hover area has no size. */
  flatSlots: number;
  /** Bars with a share but no size, or with a size but no share. */
  wrongBars: number;
  barsBox: { width: number; height: number };
}

/** What each chart drew, read back from the rendered SVG. */
function drawn(page: Page, report: DriftReport): Promise<Drawn[]> {
  const shares = report.columns.map((c) =>
    [c.reference, c.current].map((x) => {
      const t = x.reduce((a, b) => a + b, 0);
      return Array.from(x, (v) => (t > 0 ? v / t : 0));
    }),
  );
  return page.evaluate((shares) => {
    const size = (e: Element) => {
      const b = (e as SVGGraphicsElement).getBBox();
      const r = e.getBoundingClientRect();
      return { width: Math.min(b.width, r.width), height: Math.min(b.height, r.height) };
    };
    return Array.from(document.querySelectorAll('svg.chart')).map((svg, i) => {
      const [ref, cur] = ['ref', 'cur'].map((k) => Array.from(svg.querySelectorAll(`g.bars rect.${k}`)));
      const wrong = [ref!, cur!].flatMap((bars, side) => bars.filter((b, j) => (shares[i]![side]![j]! > 0) !== (size(b).height > 0 && size(b).width > 0)));
      return {
        refs: ref!.length,
        curs: cur!.length,
        flatSlots: Array.from(svg.querySelectorAll('g.bars rect.hit')).filter((h) => !(size(h).width > 0 && size(h).height > 0)).length,
        wrongBars: wrong.length,
        barsBox: size(svg.querySelector('g.bars')!),
      };
    });
  }, shares);
}

/** A chart's axis labels as drawn (their <title> tooltips left out). */
const labels = (page: Page, i: number) =>
  page.locator(`svg.chart[data-column="${i}"] g.labels text`).evaluateAll((ts) => ts.map((t) => Array.from(t.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('')));

async function expectReport(page: Page, report: DriftReport): Promise<void> {
  const charts = await drawn(page, report);
  expect(charts).toHaveLength(report.columns.length);
  charts.forEach((c, i) => {
    const n = report.columns[i]!.reference.length;
    expect({ column: report.columns[i]!.column, refs: c.refs, curs: c.curs, flatSlots: c.flatSlots, wrongBars: c.wrongBars }).toEqual({ column: report.columns[i]!.column, refs: n, curs: n, flatSlots: 0, wrongBars: 0 });
    expect(c.barsBox.width).toBeGreaterThan(0);
    expect(c.barsBox.height).toBeGreaterThan(0);
  });
  const rows = await page.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({ name: tr.querySelector('td.name')!.textContent, severity: tr.children[2]!.textContent })));
  expect(rows).toEqual(report.columns.map((c) => ({ name: c.column, severity: c.severity })));
  expect(await page.locator('section.column h3').evaluateAll((hs) => hs.map((h) => h.firstChild!.textContent!.trim()))).toEqual(report.columns.map((c) => c.column));
}

describe('htmlReport', () => {
  it('is one document that references nothing outside itself', () => {
    const html = htmlReport(report, INFO);
    expectSelfContained(html);
    expectSelfContained(htmlReport(edgeCases(), INFO));
    expect(html).not.toContain(NASTY);
    expect(html).toContain('&lt;b&gt;&amp;&quot;x&#39;');
    expect(report.columns.map((c) => [c.column, c.status, c.severity])).toEqual([
      ['shifted', 'ok', 'major'],
      ['stable', 'ok', 'none'],
      ['region', 'ok', 'major'],
      [NASTY, 'ok', 'none'],
      ['gone', 'current empty', 'none'],
    ]);
  });

  it('opens offline in Chromium: a chart per column, the table, names as text', async () => {
    const { page, requests, errors } = await open(htmlReport(report, INFO));
    await expectReport(page, report);
    expect(await page.locator('body').innerText()).toContain(NASTY);
    expect(await page.locator('b').count()).toBe(0); // the name is not markup
    const summary = await page.locator('dl.summary').innerText();
    expect(summary).toContain(INFO.reference);
    expect(summary).toContain(INFO.current);
    expect(summary).toMatch(/fails/);
    // Numeric charts label the outside bins; the categorical ones name their categories.
    expect(await labels(page, 0)).toEqual(expect.arrayContaining(['< min', '> max']));
    expect(await labels(page, 2)).toEqual(['eu', 'us', 'ap', 'other']);
    expect(await labels(page, 3)).toEqual(['<a>', '&amp;', `"q'`, 'other']);
    // Full precision on hover, four digits shown.
    const psi = page.locator('tbody tr').first().locator('td.num').first();
    expect(Number(await psi.getAttribute('title'))).toBe(report.columns[0]!.measures.psi);
    expect((await psi.textContent())!.replace(/\D/g, '').length).toBeLessThanOrEqual(4);
    expect(await page.locator('section.column').nth(4).innerText()).toContain('current empty');
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('draws 1000 bins, a single bin, infinite edges and empty columns', async () => {
    const edge = edgeCases();
    const { page, requests, errors } = await open(htmlReport(edge, { ...INFO, failOn: 'major' }));
    await expectReport(page, edge);
    expect(await labels(page, 2)).toEqual(['−∞', '0', '∞', '< min', '> max']);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('says so when there are no columns', async () => {
    const empty: DriftReport = { columns: [], summary: { columns: 0, drifted: 0, share: 0, moderate: 0, major: 0 } };
    const html = htmlReport(empty, INFO);
    expectSelfContained(html);
    const { page, requests, errors } = await open(html);
    expect(await page.locator('svg').count()).toBe(0);
    expect(await page.locator('body').innerText()).toMatch(/No columns were compared/);
    expect(await page.locator('dl.summary').innerText()).toMatch(/passes/);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('infodiv drift --report FILE', () => {
  it('writes the report the binary computed, and it opens offline', async () => {
    const csv = (t: Record<string, ArrayLike<unknown>>) => {
      const names = Object.keys(t);
      const n = t[names[0]!]!.length;
      const cell = (v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
      return [names.map(cell).join(','), ...Array.from({ length: n }, (_, i) => names.map((k) => cell(t[k]![i])).join(','))].join('\n') + '\n';
    };
    const [ref, cur, out] = ['ref.csv', 'cur.csv', 'report.html'].map((f) => join(dir, f)) as [string, string, string];
    writeFileSync(ref, csv(reference));
    writeFileSync(cur, csv(current));
    const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'drift', ref, cur, '--report', out], { encoding: 'utf8', cwd: root });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1); // two columns drifted, --fail-on moderate
    const html = readFileSync(out, 'utf8');
    expectSelfContained(html);
    const { page, requests, errors } = await open({ file: out });
    // The CSV round trip gives the library's report on the same columns.
    const fromCsv = drift(reference, current) as DriftReport;
    await expectReport(page, fromCsv);
    expect(await page.locator('dl.summary').innerText()).toContain('ref.csv');
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });
});
