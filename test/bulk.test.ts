// Row-wise and pairwise results equal the single-pair functions on every pair, on every
// backend; the matrix-product KL equals the direct sum within 1e-12, ∞ entries included.
import { describe, expect, it } from 'vitest';
import {
  crossEntropy,
  InputRangeError,
  jsDistance,
  jsDivergence,
  klDivergence,
  pairwise,
  rowwise,
  totalVariation,
  hellinger,
  bhattacharyya,
  psi,
  type Measure,
  type Vector,
} from '../src/index.js';
import { BACKENDS, expectClose, withBackend } from './helpers.js';

// Hellinger takes no base (and normalize: false is its raw form); the bulk call accepts and ignores base, as for total variation.
const SINGLE = {
  kl: klDivergence,
  js: jsDivergence,
  jsDistance,
  crossEntropy,
  totalVariation,
  hellinger: (p: Vector, q: Vector, o: { normalize?: boolean }) => hellinger(p, q, { normalize: o.normalize }),
  bhattacharyya,
  psi,
} as const;

function histograms(rows: number, cols: number, seed: number, zeroRate = 0): Float64Array {
  let s = seed;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return Float64Array.from({ length: rows * cols }, () => (next() < zeroRate ? 0 : Math.floor(next() * 1000) + 1));
}

const rowOf = (data: Float64Array, cols: number, i: number) => data.subarray(i * cols, (i + 1) * cols);

describe.each(BACKENDS)('bulk on %s', (name) => {
  const cols = 37; // not a multiple of any SIMD width
  const P = { data: histograms(6, cols, 1), rows: 6, cols };
  const Q = { data: histograms(5, cols, 2), rows: 5, cols };
  const Q6 = { data: histograms(6, cols, 3), rows: 6, cols };

  it.each(Object.keys(SINGLE) as Measure[])('rowwise %s equals the single-pair function, also broadcast', (measure) => {
    withBackend(name, () => {
      const f = SINGLE[measure];
      const opts = { base: 2 };
      const got = rowwise(measure, P, Q6, opts);
      const broadcast = rowwise(measure, P, rowOf(Q.data, cols, 0), opts);
      for (let i = 0; i < P.rows; i++) {
        expect(got[i]).toBe(f(rowOf(P.data, cols, i), rowOf(Q6.data, cols, i), opts));
        expect(broadcast[i]).toBe(f(rowOf(P.data, cols, i), rowOf(Q.data, cols, 0), opts));
      }
    });
  });

  it.each(Object.keys(SINGLE) as Measure[])('rowwise %s over 1000 rows (several batches), zeros, raw and f32, equals the single-pair function bit for bit', (measure) => {
    // The WASM backend takes many row pairs per kernel call; each must still get the
    // single-pair answer exactly, ∞ rows and undecided rows (sent back) included.
    withBackend(name, () => {
      const f = SINGLE[measure];
      const rows = 1000;
      const A = histograms(rows, cols, 7, 0.2);
      const B = histograms(rows, cols, 8, 0.2);
      for (let i = 0; i < cols; i++) A[5 * cols + i] = B[5 * cols + i]! * 3; // P ∝ Q: careful path
      for (const data of [[A, B], [Float32Array.from(A), Float32Array.from(B)]] as const) {
        for (const normalize of [true, false]) {
          const opts = { base: 2, normalize };
          const got = rowwise(measure, { data: data[0], rows, cols }, { data: data[1], rows, cols }, opts);
          const broadcast = rowwise(measure, { data: data[0], rows, cols }, rowOf(data[1] as Float64Array, cols, 3), opts);
          for (let i = 0; i < rows; i++) {
            const p = rowOf(data[0] as Float64Array, cols, i);
            expect(got[i], `${measure} row ${i}`).toBe(f(p, rowOf(data[1] as Float64Array, cols, i), opts));
            expect(broadcast[i], `${measure} row ${i} vs Q[3]`).toBe(f(p, rowOf(data[1] as Float64Array, cols, 3), opts));
          }
        }
      }
      const bad = histograms(rows, cols, 9);
      bad[777 * cols + 4] = -1;
      expect(() => rowwise(measure, { data: bad, rows, cols }, { data: B, rows, cols })).toThrow(/P\[777\]\[4\]/);
    });
  });

  it.each(Object.keys(SINGLE) as Measure[])('pairwise %s equals the single-pair function on every pair', (measure) => {
    withBackend(name, () => {
      const f = SINGLE[measure];
      for (const normalize of [true, false]) {
        const opts = { base: 10, normalize };
        const m = pairwise(measure, P, Q, opts);
        expect([m.rows, m.cols]).toEqual([6, 5]);
        for (let i = 0; i < 6; i++) {
          for (let j = 0; j < 5; j++) {
            const want = f(rowOf(P.data, cols, i), rowOf(Q.data, cols, j), opts);
            expectClose(m.data[i * 5 + j]!, want, 1e-12, 1e-300, `${measure}[${i}][${j}]`);
          }
        }
      }
    });
  });

  it('pairwise against itself is symmetric for JS, and KL is ∞ exactly where supports differ', () => {
    withBackend(name, () => {
      const data = histograms(8, cols, 4, 0.2); // zeros in both P and Q rows
      const m = pairwise('js', { data, rows: 8, cols });
      const kl = pairwise('kl', { data, rows: 8, cols });
      for (let i = 0; i < 8; i++) {
        for (let j = 0; j < 8; j++) {
          const pi = rowOf(data, cols, i);
          const pj = rowOf(data, cols, j);
          expect(m.data[i * 8 + j]).toBe(m.data[j * 8 + i]);
          expectClose(m.data[i * 8 + j]!, jsDivergence(pi, pj), 1e-12, 1e-300, 'js');
          const lacks = pi.some((x, k) => x > 0 && pj[k] === 0);
          expect(kl.data[i * 8 + j] === Infinity).toBe(lacks);
          expectClose(kl.data[i * 8 + j]!, klDivergence(pi, pj), 1e-12, 1e-300, `kl[${i}][${j}]`);
        }
      }
    });
  });

  it('nearly identical rows, where the product cannot certify itself, still match to 1e-12', () => {
    withBackend(name, () => {
      const base = histograms(1, 200, 5);
      const rows = 4;
      const data = new Float64Array(rows * 200);
      for (let i = 0; i < rows; i++) {
        for (let k = 0; k < 200; k++) data[i * 200 + k] = base[k]! * (1 + 1e-9 * Math.sin(i * 7 + k));
      }
      const m = pairwise('kl', { data, rows, cols: 200 });
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < rows; j++) {
          expectClose(m.data[i * rows + j]!, klDivergence(rowOf(data, 200, i), rowOf(data, 200, j)), 1e-12, 1e-300, 'kl');
        }
      }
    });
  });

  it('names the row at fault', () => {
    withBackend(name, () => {
      const bad = histograms(3, 4, 6);
      bad.fill(0, 4, 8); // row 1 sums to 0
      expect(() => rowwise('kl', { data: bad, rows: 3, cols: 4 }, [1, 1, 1, 1])).toThrow(/P\[1\] sums to 0/);
      expect(() => pairwise('js', { data: bad, rows: 3, cols: 4 })).toThrow(/P\[1\] sums to 0/);
      const nan = histograms(3, 4, 7);
      nan[9] = NaN;
      expect(() => pairwise('kl', [[1, 2, 3, 4]], { data: nan, rows: 3, cols: 4 })).toThrow(/Q\[2\]\[1\] is NaN/);
      expect(() => rowwise('kl', [[1, 2]], [[1, 2, 3]])).toThrow(InputRangeError);
      expect(() => rowwise('nope' as Measure, [[1]], [1])).toThrow(/measure is "nope"/);
    });
  });
});
