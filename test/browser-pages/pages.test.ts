// The built package (dist/index.js, unbundled) in real Chromium pages, served over HTTP
// with the response headers real sites send: which backend answers, with which digits,
// in the page and in its workers. Node runs these; the page does the arithmetic.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { launchChromium } from './chromium.js';
import { expectSameMeasures, load, moduleWorker, nodeMeasures, SEED_KL_BITS, SITE, threadsInPage, root, type Loaded, type Measures } from './harness.js';
import { serve, type StaticServer } from './server.js';

let server: StaticServer;
let browser: Browser;
const opened: Loaded[] = [];
const node = {} as Record<'js' | 'wasm' | 'wasm-simd', Measures>;

beforeAll(async () => {
  server = await serve({ '/dist/': `${root}dist/`, '/site/': SITE });
  browser = await launchChromium();
  for (const name of ['js', 'wasm', 'wasm-simd'] as const) node[name] = await nodeMeasures(name);
});

afterEach(async () => {
  for (const l of opened.splice(0)) await l.context.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(policy: string, init?: () => void): Promise<Loaded> {
  const l = await load(browser, `${server.origin}/${policy}/site/index.html`, init);
  opened.push(l);
  expect(l.errors).toEqual([]);
  return l;
}

describe('dist/index.js as a module script', () => {
  it('answers on JS while compiling, on wasm-simd after `ready`, with the digits Node gives', async () => {
    const { report, violations } = await open('plain');
    expect(report.before.backend).toBe('js');
    expect(report.after.backend).toBe('wasm-simd');
    expect(Math.abs(report.after.kl - SEED_KL_BITS)).toBeLessThanOrEqual(2.3e-16); // within 1 ulp
    expect(report.after.kl.toFixed(15)).toBe('1.926979047155219');
    expectSameMeasures(report.before, node.js);
    expectSameMeasures(report.after, node['wasm-simd']);
    expect(violations).toEqual([]);
  });

  it("CSP script-src 'self' forbids compiling WebAssembly: the JS backend answers, same numbers", async () => {
    const { report, violations } = await open('strict');
    expect(report.after.backend).toBe('js');
    expect(violations).toContain('script-src wasm-eval'); // refused by the CSP, not failing otherwise
    expectSameMeasures(report.after, node.js);
    expect(Math.abs(report.after.kl - SEED_KL_BITS)).toBeLessThanOrEqual(2.3e-16);
  });

  it("CSP with 'wasm-unsafe-eval' allows it: wasm-simd", async () => {
    const { report, violations } = await open('wasm');
    expect(report.after.backend).toBe('wasm-simd');
    expectSameMeasures(report.after, node['wasm-simd']);
    expect(violations).toEqual([]);
  });

  it('no WebAssembly at all: the JS backend answers', async () => {
    const { report } = await open('plain', () => {
      delete (globalThis as { WebAssembly?: unknown }).WebAssembly;
    });
    expectSameMeasures(report.after, node.js);
  });

  it('an engine without SIMD (the SIMD binary fails validation): the scalar module', async () => {
    const { report } = await open('plain', () => {
      WebAssembly.validate = () => false;
    });
    expectSameMeasures(report.after, node.wasm);
  });
});

describe('in a module Web Worker that imports the package', () => {
  it('runs wasm-simd with the same numbers', async () => {
    const { page } = await open('plain');
    expectSameMeasures(await moduleWorker(page), node['wasm-simd']);
  });

  it('under the strict CSP (the worker script has it too) runs on JS, same numbers', async () => {
    const { page } = await open('strict');
    expectSameMeasures(await moduleWorker(page), node.js);
  });
});

describe('{ threads: 2 } in a page (Web Workers from a Blob URL)', () => {
  const allSame = (r: Awaited<ReturnType<typeof threadsInPage>>, moduleMemoryShared = false) => {
    expect(r).not.toHaveProperty('error');
    const same = (r as { same: Record<string, boolean> }).same;
    expect(Object.keys(same).length).toBe(15);
    expect(Object.entries(same).filter(([, ok]) => !ok)).toEqual([]);
    expect((r as { moduleMemoryShared: boolean }).moduleMemoryShared).toBe(moduleMemoryShared);
  };

  it('equals 1 thread bit for bit, inputs copied to the workers', async () => {
    const { page, report } = await open('plain');
    expect(report.crossOriginIsolated).toBe(false);
    allSame(await threadsInPage(page));
  });

  it('equals 1 thread bit for bit on a cross-origin isolated page (module memory shared: inputs read or staged in place)', async () => {
    const { page, report } = await open('isolated');
    expect(report.crossOriginIsolated).toBe(true);
    allSame(await threadsInPage(page), true);
  });

  it("works under a strict CSP that allows blob: workers (worker-src 'self' blob:)", async () => {
    const { page, report } = await open('strict-blob');
    expect(report.after.backend).toBe('js');
    allSame(await threadsInPage(page));
  });

  it('rejects with the reason, instead of hanging, where the CSP refuses blob: workers', async () => {
    const { page } = await open('strict');
    for (let attempt = 0; attempt < 2; attempt++) {
      const r = await threadsInPage(page);
      expect(r).toHaveProperty('error');
      expect((r as { error: string }).error).toMatch(/could not start.*worker-src 'self' blob:/);
    }
    // Single-threaded calls are unaffected.
    const ok = await page.evaluate(() => {
      const m = (window as unknown as { infodiv: typeof import('../../src/index.js') }).infodiv;
      return m.pairwise('kl', [[1, 2, 3]], [[3, 2, 1]]).data[0];
    });
    expect(ok).toBeGreaterThan(0);
  });
});
