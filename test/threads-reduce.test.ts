// `{ threads }` on one large pair: every thread count gives the single-thread answer bit
// for bit (src/threads/reduce.ts cuts each pass into whole blocks and merges them in
// order, as the call without threads does), on every backend, for sizes around the
// block and chunk boundaries, random split points included.
import { afterAll, describe, expect, it } from 'vitest';
import {
  crossEntropy,
  dispose,
  entropy,
  histogram,
  histograms,
  jsDistance,
  jsDivergence,
  klDiv,
  klDivergence,
  relEntr,
  setBackend,
  totalVariation,
  type Options,
} from '../src/index.js';
import { THREADS_MIN } from '../src/threads/thresholds.js';
import { BACKENDS, rng } from './helpers.js';

afterAll(() => dispose());

function inputs(n: number, seed: number, near: boolean): [Float64Array, Float64Array] {
  const r = rng(seed);
  const p = Float64Array.from({ length: n }, () => (r() < 0.05 ? 0 : r()));
  p[0] = 0.5; // never all zeros
  const q = near ? p.map((x) => x * (1 + 1e-9 * (r() - 0.5))) : Float64Array.from({ length: n }, () => r() + 1e-3);
  return [p, q];
}

type Fn = (p: Float64Array, q: Float64Array, o?: Options & { threads?: number }) => number | Promise<number>;
const MEASURES: [string, Fn][] = [
  ['klDivergence', (p, q, o) => klDivergence(p, q, o)],
  ['entropy', (p, _q, o) => entropy(p, o)],
  ['crossEntropy', (p, q, o) => crossEntropy(p, q, o)],
  ['jsDivergence', (p, q, o) => jsDivergence(p, q, o)],
  ['jsDistance', (p, q, o) => jsDistance(p, q, o)],
  ['totalVariation', (p, q, o) => totalVariation(p, q, o)],
];

// Sizes: below the threshold (the calling thread), one block, block and chunk
// boundaries (a block is 4 × 16,320 elements), and a random one.
const SIZES = [1, 1000, THREADS_MIN - 1, THREADS_MIN, 4 * 16320 * 2, 4 * 16320 * 3 + 1, 16320 * 13 + 7, 100_000 + Math.floor(rng(7)() * 400_000)];

describe.each(BACKENDS)('threads on one pair, %s', (backend) => {
  it.each(SIZES)('n = %i: threads 1–4 equal the call without threads, to the bit', async (n) => {
    setBackend(backend);
    try {
      for (const near of [false, true]) {
        const [p, q] = inputs(n, n + (near ? 1 : 0), near);
        for (const [name, fn] of MEASURES) {
          for (const raw of [false, true]) {
            const o = raw ? { normalize: false } : {};
            const want = fn(p, q, o) as number;
            for (const threads of [1, 2, 3, 4]) {
              const got = fn(p, q, { ...o, threads });
              expect(got, `${name} returns a Promise with threads`).toBeInstanceOf(Promise);
              expect(Object.is(await got, want), `${name}${raw ? ' raw' : ''} n=${n} near=${near} threads=${threads}: ${await got} vs ${want}`).toBe(true);
            }
          }
        }
      }
    } finally {
      setBackend('auto');
    }
  });
});

describe.each(BACKENDS)('threads on the elementwise functions, %s', (backend) => {
  it.each([1000, THREADS_MIN + 3, 16320 * 9 + 5])('n = %i: relEntr and klDiv equal the call without threads', async (n) => {
    setBackend(backend);
    try {
      const [p, q] = inputs(n, 11, false);
      q[7] = 0; // an infinite element on the way
      for (const [name, fn] of [['relEntr', relEntr], ['klDiv', klDiv]] as const) {
        const want = fn(p, q);
        for (const threads of [1, 2, 3, 4]) {
          const out = new Float64Array(n);
          const got = fn(p, q, out, { threads });
          expect(got).toBeInstanceOf(Promise);
          expect(await got).toBe(out);
          expect(out, `${name} n=${n} threads=${threads}`).toEqual(want);
        }
      }
    } finally {
      setBackend('auto');
    }
  });
});

describe.each(BACKENDS)('threads on the histograms, %s', (backend) => {
  it('histogram and histograms equal the call without threads', async () => {
    setBackend(backend);
    try {
      const r = rng(21);
      const values = Float64Array.from({ length: 300_001 }, () => (r() < 0.01 ? NaN : r() * 10 - 2));
      const other = Float64Array.from({ length: 200_003 }, () => r() * 12 - 3);
      for (const options of [{ bins: 37 }, { bins: 1000, range: [0, 5] as const }]) {
        const want = histogram(values, options);
        const pair = histograms(values, other, options);
        for (const threads of [1, 2, 3, 4]) {
          const got = await histogram(values, { ...options, threads });
          expect(got.counts).toEqual(want.counts);
          expect(got.edges).toEqual(want.edges);
          expect(got.outside).toBe(want.outside);
          const gotPair = await histograms(values, other, { ...options, threads });
          expect(gotPair.p).toEqual(pair.p);
          expect(gotPair.q).toEqual(pair.q);
          expect(gotPair.outside).toEqual(pair.outside);
        }
      }
    } finally {
      setBackend('auto');
    }
  });
});

describe('threads on one pair: the rest of the contract', () => {
  it("'auto' and f32 input give the same answer; bad input rejects with the typed error", async () => {
    const [p, q] = inputs(500_000, 3, false);
    expect(await klDivergence(p, q, { threads: 'auto' })).toBe(klDivergence(p, q));
    const p32 = Float32Array.from(p);
    const q32 = Float32Array.from(q);
    expect(await jsDivergence(p32, q32, { threads: 2 })).toBe(jsDivergence(p32, q32));
    const bad = p.slice();
    bad[300_000] = -1;
    await expect(klDivergence(bad, q, { threads: 2 })).rejects.toMatchObject({ name: 'InputRangeError', argument: 'p', index: 300_000 });
    await expect(klDivergence(p, q, { threads: 0 })).rejects.toMatchObject({ name: 'InputRangeError', argument: 'options.threads' });
    // and the next call works
    expect(await entropy(p, { threads: 2 })).toBe(entropy(p));
  });

  it('a pair in shared memory is read in place and gives the same answer', async () => {
    const [p, q] = inputs(300_000, 5, true);
    // Pages that are not cross-origin isolated have no SharedArrayBuffer: copies go to
    // the workers instead, which the tests above cover there.
    expect(typeof SharedArrayBuffer === 'function').toBe(typeof process === 'object' || globalThis.crossOriginIsolated === true);
    if (typeof SharedArrayBuffer !== 'function') return;
    const sp = new Float64Array(new SharedArrayBuffer(p.byteLength));
    const sq = new Float64Array(new SharedArrayBuffer(q.byteLength));
    sp.set(p);
    sq.set(q);
    expect(await klDivergence(sp, sq, { threads: 2 })).toBe(klDivergence(p, q));
    // 'auto' puts large shared inputs on the workers (and the answer stays the same).
    const [a, b] = inputs(1_000_003, 9, false);
    const sa = new Float64Array(new SharedArrayBuffer(a.byteLength));
    const sb = new Float64Array(new SharedArrayBuffer(b.byteLength));
    sa.set(a);
    sb.set(b);
    expect(await jsDivergence(sa, sb, { threads: 'auto' })).toBe(jsDivergence(a, b));
  });
});
