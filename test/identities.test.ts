// Mathematical identities that hold whatever the reference: checked on seeded random
// inputs, on every backend.
import { describe, expect, it } from 'vitest';
import {
  crossEntropy,
  entropy,
  jsDistance,
  jsDivergence,
  klDivergence,
  mutualInformation,
} from '../src/index.js';
import { BACKENDS, expectClose, withBackend } from './helpers.js';

/** Deterministic pseudo-random vectors (mulberry32), with some zeros. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomVector(rand: () => number, n: number, zeroRate = 0.1): Float64Array {
  return Float64Array.from({ length: n }, () => (rand() < zeroRate ? 0 : rand() * 10));
}

const SIZES = [1, 2, 3, 5, 8, 17, 100, 1001];

describe.each(BACKENDS)('identities on %s', (name) => {
  it('KL ≥ 0, = 0 for P = Q, and ∞ exactly where Q lacks mass P has', () => {
    withBackend(name, () => {
      const rand = rng(1);
      for (const n of SIZES) {
        const p = randomVector(rand, n);
        p[0] = 1; // never all zero
        const q = randomVector(rand, n, 0).map((x) => x + 0.01);
        expect(klDivergence(p, q)).toBeGreaterThanOrEqual(0);
        expect(klDivergence(p, p)).toBe(0);
        if (n === 1) continue; // a one-entry q with a hole would sum to 0: an error
        const holed = q.slice();
        holed[0] = 0;
        expect(klDivergence(p, holed)).toBe(Infinity);
      }
    });
  });

  it('JS is symmetric, within [0, 1] bit, and its distance is its square root', () => {
    withBackend(name, () => {
      const rand = rng(2);
      for (const n of SIZES) {
        const p = randomVector(rand, n);
        const q = randomVector(rand, n);
        p[0] = q[n - 1] = 1;
        const d = jsDivergence(p, q, { base: 2 });
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(1);
        expectClose(jsDivergence(q, p, { base: 2 }), d, 1e-14, 1e-300, 'symmetry');
        expectClose(jsDistance(p, q, { base: 2 }) ** 2, d, 1e-14, 1e-300, 'sqrt');
      }
      // Disjoint supports reach exactly the maximum, 1 bit.
      expectClose(jsDivergence([1, 0], [0, 1], { base: 2 }), 1, 1e-15);
    });
  });

  it('cross-entropy = entropy + KL, normalised and raw', () => {
    withBackend(name, () => {
      const rand = rng(3);
      for (const n of SIZES) {
        const p = randomVector(rand, n);
        const q = randomVector(rand, n, 0).map((x) => x + 0.5);
        p[0] = 2;
        for (const normalize of [true, false]) {
          const opts = { base: 2, normalize };
          const lhs = crossEntropy(p, q, opts);
          const rhs = entropy(p, opts) + klDivergence(p, q, opts);
          const scale = Math.abs(entropy(p, opts)) + Math.abs(klDivergence(p, q, opts));
          expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-13 * scale);
        }
      }
    });
  });

  it('changing base only rescales: bits = nats / ln 2', () => {
    withBackend(name, () => {
      const p = [3, 1, 4, 1, 5, 9, 2, 6];
      const q = [2, 7, 1, 8, 2, 8, 1, 8];
      expectClose(klDivergence(p, q, { base: 2 }), klDivergence(p, q) / Math.LN2, 1e-15);
      expectClose(entropy(p, { base: 10 }), entropy(p) / Math.LN10, 1e-15);
    });
  });

  it('MI is 0 for an outer-product joint and H(X) for a diagonal one', () => {
    withBackend(name, () => {
      const px = [1, 2, 3, 4];
      const py = [5, 1, 7];
      const outer = px.map((a) => py.map((b) => a * b));
      expect(Math.abs(mutualInformation(outer))).toBeLessThanOrEqual(1e-16);
      const diag = px.map((a, i) => px.map((_, j) => (i === j ? a : 0)));
      expectClose(mutualInformation(diag), entropy(px), 1e-14);
      // MI is symmetric: the transposed table gives the same value.
      const t = py.map((_, j) => px.map((_, i) => outer[i]![j]! + (i === j ? 1 : 0)));
      const u = px.map((_, i) => py.map((_, j) => outer[i]![j]! + (i === j ? 1 : 0)));
      expectClose(mutualInformation(t), mutualInformation(u), 1e-14);
    });
  });

  it('a sum over 1e7 terms stays within 1e-13 of the exact value', () => {
    withBackend(name, () => {
      // A period-4 pattern repeated: its normalised KL and entropy equal one period's,
      // which three or four terms give to the last bit. Sequential summation of 1e7
      // terms drifts by ~1e-11 here.
      const n = 10_000_000;
      const pat = [0.1, 0.2, 0.3, 0.4];
      const qat = [0.4, 0.3, 0.2, 0.1];
      const p = Float64Array.from({ length: n }, (_, i) => pat[i % 4]!);
      const q = Float64Array.from({ length: n }, (_, i) => qat[i % 4]!);
      const klOne = pat.reduce((s, a, i) => s + a * Math.log(a / qat[i]!), 0);
      const hOne = -pat.reduce((s, a) => s + a * Math.log(a), 0);
      expectClose(klDivergence(p, q), klOne, 1e-13, 0, 'KL');
      expectClose(entropy(p), hOne + Math.log(n / 4), 1e-13, 0, 'entropy');
    });
  });
});
