// Streaming accumulators equal the one-shot functions over random chunkings, merge
// across shards, and refuse what they cannot do.
import { describe, expect, it } from 'vitest';
import {
  createAccumulator,
  crossEntropy,
  entropy,
  InputRangeError,
  jsDivergence,
  klDivergence,
  totalVariation,
  bhattacharyya,
  hellinger,
  psi,
  type StreamMeasure,
} from '../src/index.js';
import { BACKENDS, expectClose, withBackend } from './helpers.js';

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function data(n: number, seed: number, zeroRate = 0.05): Float64Array {
  const r = rng(seed);
  return Float64Array.from({ length: n }, () => (r() < zeroRate ? 0 : Math.floor(r() * 500) + 1));
}

/** Cut [0, n) at random places (empty chunks included). */
function chunking(n: number, seed: number): [number, number][] {
  const r = rng(seed);
  const cuts = [0, n, ...Array.from({ length: 1 + Math.floor(r() * 12) }, () => Math.floor(r() * (n + 1)))].sort((a, b) => a - b);
  return cuts.slice(1).map((c, i) => [cuts[i]!, c]);
}

const ONE_SHOT = {
  kl: klDivergence,
  crossEntropy,
  entropy: (p: Float64Array, _q: Float64Array, o: object) => entropy(p, o),
  js: jsDivergence,
  totalVariation,
  psi,
  hellinger: (p: Float64Array, q: Float64Array, o: { normalize?: boolean }) => hellinger(p, q, { normalize: o.normalize }),
  bhattacharyya,
};

describe.each(BACKENDS)('accumulators on %s', (name) => {
  const p = data(3001, 1);
  const q = data(3001, 2, 0).map((x) => x + 1);
  const near = p.map((x, i) => x * (1 + 1e-9 * Math.sin(i)));
  const total = (x: Float64Array) => x.reduce((a, b) => a + b, 0);

  it.each(['kl', 'psi', 'entropy', 'crossEntropy'] as StreamMeasure[])('%s over random chunkings equals one-shot', (measure) => {
    withBackend(name, () => {
      for (const normalize of [true, false]) {
        const opts = { base: 2, normalize };
        const want = ONE_SHOT[measure](p, q, opts);
        for (let seed = 1; seed <= 5; seed++) {
          const acc = createAccumulator(measure, opts);
          for (const [a, b] of chunking(p.length, seed)) acc.update(p.subarray(a, b), q.subarray(a, b));
          expectClose(acc.result(), want, 1e-13, 1e-300, `${measure} normalize=${normalize} seed=${seed}`);
        }
      }
    });
  });

  it('shards merge to the same answer', () => {
    withBackend(name, () => {
      const shards = chunking(p.length, 9).map(([a, b]) => createAccumulator('kl').update(p.subarray(a, b), q.subarray(a, b)));
      const merged = shards.reduce((x, y) => x.merge(y));
      expectClose(merged.result(), klDivergence(p, q), 1e-13);
    });
  });

  it('with totals up front, nearly identical inputs keep every digit, and JS streams', () => {
    withBackend(name, () => {
      // Totals from a plain sum are off in the last bits; KL and entropy correct for it.
      const rough: [number, number] = [total(near), total(p)];
      for (const measure of ['kl', 'entropy'] as const) {
        const acc = createAccumulator(measure, { totals: rough });
        for (const [a, b] of chunking(p.length, 3)) acc.update(near.subarray(a, b), p.subarray(a, b));
        expectClose(acc.result(), ONE_SHOT[measure](near, p, {}), 1e-12, 1e-300, measure);
      }
      // JS needs its totals exact, as integer counts give them.
      const counts = p.map((x, i) => x + (i % 97 === 0 ? 1 : 0));
      const acc = createAccumulator('js', { totals: [total(counts), total(p)] });
      for (const [a, b] of chunking(p.length, 4)) acc.update(counts.subarray(a, b), p.subarray(a, b));
      expectClose(acc.result(), jsDivergence(counts, p), 1e-12, 1e-300, 'js');
      const wrong = createAccumulator('kl', { totals: [1, 1] }).update(p, q);
      expect(() => wrong.result()).toThrow(/totals\[0\] is 1 but the chunks of p sum to/);
    });
  });

  it('total variation streams with totals, even rough ones, and raw', () => {
    withBackend(name, () => {
      for (const [x, y] of [[near, p], [p, q]] as const) {
        // Plain-sum totals, off in their last bits: the careful pass corrects for them.
        const acc = createAccumulator('totalVariation', { totals: [total(x), total(y)] });
        for (const [a, b] of chunking(x.length, 5)) acc.update(x.subarray(a, b), y.subarray(a, b));
        expectClose(acc.result(), totalVariation(x, y), 1e-12, 1e-300, 'tv');
        const raw = createAccumulator('totalVariation', { normalize: false });
        for (const [a, b] of chunking(x.length, 6)) raw.update(x.subarray(a, b), y.subarray(a, b));
        expectClose(raw.result(), totalVariation(x, y, { normalize: false }), 1e-12, 1e-300, 'tv raw');
      }
      expect(() => createAccumulator('totalVariation')).toThrow(/cannot stream without knowing the totals/);
    });
  });

  it.each(['hellinger', 'bhattacharyya'] as const)('%s streams with totals, even rough ones, nearly identical inputs included, and raw; shards merge', (measure) => {
    withBackend(name, () => {
      const f = ONE_SHOT[measure];
      for (const [x, y] of [[near, p], [p, q]] as const) {
        const acc = createAccumulator(measure, { totals: [total(x), total(y)], base: 2 });
        for (const [a, b] of chunking(x.length, 5)) acc.update(x.subarray(a, b), y.subarray(a, b));
        expectClose(acc.result(), f(x, y, { base: 2 }), 1e-12, 1e-300, measure);
        const shards = chunking(x.length, 8).map(([a, b]) => createAccumulator(measure, { normalize: false }).update(x.subarray(a, b), y.subarray(a, b)));
        expectClose(shards.reduce((u, v) => u.merge(v)).result(), f(x, y, { normalize: false }), 1e-12, 1e-300, `${measure} raw`);
      }
      expect(() => createAccumulator(measure)).toThrow(/cannot stream without knowing the totals/);
    });
  });

  it('psi streams as KL both ways: with totals (swapped for the reverse half), merged across shards', () => {
    withBackend(name, () => {
      const want = psi(near, p);
      const acc = createAccumulator('psi', { totals: [total(near), total(p)] });
      for (const [a, b] of chunking(p.length, 2)) acc.update(near.subarray(a, b), p.subarray(a, b));
      expectClose(acc.result(), want, 1e-12, 1e-300, 'psi near, totals');
      const shards = chunking(p.length, 7).map(([a, b]) => createAccumulator('psi').update(p.subarray(a, b), q.subarray(a, b)));
      expectClose(shards.reduce((u, v) => u.merge(v)).result(), psi(p, q), 1e-13, 1e-300, 'psi shards');
      expect(createAccumulator('psi').update([1, 0], [1, 1]).result()).toBe(Infinity);
    });
  });

  it('refuses JS without totals, names bad chunks, and reports ∞ like the one-shot call', () => {
    withBackend(name, () => {
      expect(() => createAccumulator('js')).toThrow(/cannot stream without knowing the totals/);
      expect(() => createAccumulator('kl').update([1, NaN], [1, 1])).toThrow(/p\[1\] is NaN/);
      expect(() => createAccumulator('kl').update([1, 2], [1])).toThrow(InputRangeError);
      expect(() => createAccumulator('kl').update([0, 0], [1, 1]).result()).toThrow(/p sums to 0/);
      const acc = createAccumulator('kl').update([1, 1], [1, 1]).update([1], [0]);
      expect(acc.result()).toBe(Infinity);
    });
  });
});

describe('raw KL where the careful form cancels (property suite finding)', () => {
  it('keeps the plain sum: −8.6e-59 for a chunk total of 2^-200, not 0', () => {
    const p = [5e-324, 2 ** -200, 0, 0, 0];
    const q = [5e-324, 1, 0, 5e-324, 0];
    // Σ a·log(a/b) has one term: 2^-200·ln(2^-200) = −200·ln 2·2^-200.
    const want = -200 * Math.LN2 * 2 ** -200;
    for (const name of BACKENDS) {
      withBackend(name, () => {
        const acc = createAccumulator('kl', { normalize: false });
        acc.update(p.slice(0, 3), q.slice(0, 3)).update(p.slice(3, 4), q.slice(3, 4)).update(p.slice(4), q.slice(4));
        expect(Math.abs(acc.result() - want)).toBeLessThanOrEqual(4 * 2 ** -52 * Math.abs(want));
        expect(acc.result()).toBe(klDivergence(p, q, { normalize: false }));
      });
    }
  });
});
