// What the page tests share: one static server, pages opened in fresh contexts, the
// report a page leaves in window.report, and the same measures computed in Node.
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright';
import { expect } from 'vitest';
import type * as Infodiv from '../../src/index.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const SITE = `${root}test/browser-pages/site/`;

/** KL(P‖Q) in bits for the seed example: mpmath's 1.92697904715521870135…, as a double. */
export const SEED_KL_BITS = 1.9269790471552187;

export type Measures = Record<string, unknown> & { backend: string; kl: number };

export interface Report {
  before: Measures;
  after: Measures;
  crossOriginIsolated: boolean;
  error?: string;
}

export interface Loaded {
  page: Page;
  context: BrowserContext;
  report: Report;
  /** What the page's CSP refused ("directive blockedURI"). */
  violations: string[];
  /** Uncaught errors in the page. */
  errors: string[];
}

/** Opens `url` in a fresh context and waits for the page's script to leave its report. */
export async function load(browser: Browser, url: string, init?: () => void): Promise<Loaded> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (init) await page.addInitScript(init);
  await page.goto(url);
  await page.waitForFunction(() => (window as { report?: unknown }).report, null, { timeout: 30_000 });
  const [report, violations] = await page.evaluate(() => {
    const w = window as unknown as { report: Report; violations?: string[] };
    return [w.report, w.violations ?? []] as const;
  });
  if (report.error) throw new Error(`the page failed: ${report.error}`);
  return { page, context, report, violations, errors };
}

/**
 * `got` has `want`'s backend and numbers, within 2 ulps: the seed inputs are under 32
 * elements, so under automatic choice they run on the JS backend (src/backend.ts,
 * SMALL_INPUT) even where backend() says 'wasm-simd', and JS's Math.log differs by an ulp
 * between engines (Node 20's V8 and current Chromium round log(8/3) differently).
 */
export function expectSameMeasures(got: unknown, want: Measures): void {
  const g = got as Measures;
  expect(g.backend).toBe(want.backend);
  const nums = (m: Measures) => Object.entries(m).filter(([k]) => k !== 'backend').flatMap(([k, v]) => [v].flat().map((x, i) => [`${k}[${i}]`, x as number] as const));
  const wantNums = nums(want);
  expect(nums(g).map(([k]) => k)).toEqual(wantNums.map(([k]) => k));
  nums(g).forEach(([k, x], i) => {
    const w = wantNums[i]![1];
    expect(Math.abs(x - w), k).toBeLessThanOrEqual(4.5e-16 * Math.abs(w));
  });
}

/** The seed measures from the built package in this (Node) process, on a given backend. */
export async function nodeMeasures(name: 'js' | 'wasm' | 'wasm-simd'): Promise<Measures> {
  const m = (await import(pathToFileURL(`${root}dist/index.js`).href)) as typeof Infodiv;
  const { measures } = (await import(pathToFileURL(`${SITE}measures.js`).href)) as {
    measures: (x: typeof Infodiv) => Measures;
  };
  m.setBackend(name);
  try {
    return measures(m);
  } finally {
    m.setBackend('auto');
  }
}

/**
 * Runs in the page: every bulk measure on 1 and 2 threads (rowwise and pairwise, self
 * and against Q). Returns whether each pair matched bit for bit, or the error (a hang
 * becomes an error after 15 s, so a stuck pool fails the test instead of timing it out).
 */
export async function threadsInPage(page: Page): Promise<{ same: Record<string, boolean>; moduleMemoryShared: boolean } | { error: string }> {
  return page.evaluate(async () => {
    const m = (window as unknown as { infodiv: typeof Infodiv }).infodiv;
    const grid = (rows: number, cols: number, seed: number) => {
      let s = seed;
      const data = Float64Array.from({ length: rows * cols }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 22) + 1);
      return { data, rows, cols };
    };
    const P = grid(9, 53, 1);
    const Q = grid(7, 53, 2);
    const same: Record<string, boolean> = {};
    const eq = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));
    const work = (async () => {
      for (const measure of ['kl', 'js', 'jsDistance', 'crossEntropy'] as const) {
        same[`pairwise ${measure}`] = eq((await m.pairwise(measure, P, Q, { base: 2, threads: 2 })).data, m.pairwise(measure, P, Q, { base: 2 }).data);
        same[`pairwise ${measure} self`] = eq((await m.pairwise(measure, P, undefined, { threads: 2 })).data, m.pairwise(measure, P).data);
      }
      const P7 = grid(7, 53, 3);
      same['rowwise js'] = eq(await m.rowwise('js', P7, Q, { threads: 2 }), m.rowwise('js', P7, Q));
      // One large pair (past the 100,000-element threshold, cut at a random block):
      // the reductions and an elementwise function on 2 and 3 threads.
      const big = grid(1, 250_007, 4).data;
      const near = big.map((x, i) => x * (1 + 1e-9 * ((i % 7) - 3)));
      for (const [name, f] of [
        ['klDivergence', (o?: { threads: number }) => m.klDivergence(big, near, o)],
        ['jsDivergence', (o?: { threads: number }) => m.jsDivergence(big, near, o)],
        ['entropy', (o?: { threads: number }) => m.entropy(big, o)],
        ['totalVariation', (o?: { threads: number }) => m.totalVariation(big, near, o)],
      ] as const) {
        const one = (await f()) as number;
        same[`${name} one pair`] = Object.is(await f({ threads: 2 }), one) && Object.is(await f({ threads: 3 }), one);
      }
      const out = new Float64Array(big.length);
      await m.relEntr(big, near, out, { threads: 2 });
      same['relEntr one pair'] = eq(out, m.relEntr(big, near));
      // Inputs in module memory: shared with the workers, and read in place by them, on
      // an isolated page (src/threads/claim.ts); copied for them elsewhere.
      const pm = m.allocF64(big.length);
      const qm = m.allocF64(big.length);
      pm.array.set(big);
      qm.array.set(near);
      const want = m.klDivergence(big, near);
      same['klDivergence allocF64 pair'] =
        Object.is(await m.klDivergence(pm.array, qm.array, { threads: 2 }), want) && Object.is(await m.klDivergence(pm.array, near, { threads: 3 }), want);
      const moduleMemoryShared = typeof SharedArrayBuffer === 'function' && pm.array.buffer instanceof SharedArrayBuffer;
      pm.free();
      qm.free();
      return { same, moduleMemoryShared };
    })();
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer from the workers in 15 s')), 15_000));
    return Promise.race([work, timeout]).catch((e: Error) => ({ error: e.message }));
  });
}

/** Runs in the page: a module Web Worker that imports the package posts its measures. */
export async function moduleWorker(page: Page): Promise<Measures | { error: string }> {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const w = new Worker('./worker.js', { type: 'module' });
        w.onmessage = (e) => resolve(e.data);
        w.onerror = (e) => resolve({ error: `worker error: ${e.message}` });
        setTimeout(() => resolve({ error: 'no message from the worker in 15 s' }), 15_000);
      }),
  );
}
