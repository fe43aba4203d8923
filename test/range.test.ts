// The examples of the whole-range issue, one per class, as regression tests on every
// backend: totals below 2^-1022, subnormal terms, sums that overflow, scales far apart,
// huge or tiny nearly identical inputs, raw values, bulk paths, accumulators, single
// precision and mutual information. References are exact (every double is an integer
// times 2^-1074: sums and a·B − b·A as big integers, logs in mpmath at 80 digits),
// rounded once to the nearest double.
import { describe, expect, it } from 'vitest';
import {
  createAccumulator,
  crossEntropy,
  entropy,
  jsDivergence,
  klDivergence,
  mutualInformation,
  pairwise,
  rowwise,
  setBackend,
  type BackendName,
} from '../src/index.js';
import { BACKENDS } from './helpers.js';

/** Within 1e-12 relative of the reference; a reference of 0 or ±∞ must be met exactly. */
function expectExact(got: number, want: number, what: string): void {
  if (want === 0 || !Number.isFinite(want)) {
    expect(got, what).toBe(want);
    return;
  }
  const rel = Math.abs(got - want) / Math.abs(want);
  if (!(rel <= 1e-12)) expect.fail(`${what}: got ${got}, want ${want} (relative error ${rel})`);
}

const CASES: [string, () => number, number][] = [
  // 1. totals below 2^-1022
  ['KL, subnormal totals', () => klDivergence([8e-314, 8e-314], [8e-314, 8.1e-314]), 1.9289751298301374e-5],
  ['JS, subnormal totals', () => jsDivergence([8e-314, 8e-314], [8e-314, 8.1e-314]), 4.822399064760966e-6],
  ['cross-entropy, subnormal totals', () => crossEntropy([8e-314, 8e-314], [8e-314, 8.1e-314]), 0.6931664703112436],
  // 2. subnormal terms
  ['KL, subnormal terms', () => klDivergence([1e-320, 2e-320], [2e-320, 1e-320]), 0.23104906018664845],
  ['entropy, 4096 subnormal entries', () => entropy(new Float64Array(4096).fill(1e-318)), 8.317766166719343],
  ['JS, a subnormal against a zero', () => jsDivergence([0, 1e-309], [6e-314, 0]), 0.6931471805599453],
  // 3. sums that overflow
  ['KL, totals beyond 1.8e308', () => klDivergence([1e308, 1e308], [1e308, 5e307]), 0.05889151782819173],
  ['JS, totals beyond 1.8e308', () => jsDivergence([1e308, 1e308], [1e308, 0]), 0.2157615543388357],
  // 4. P and Q on scales far apart
  ['JS, one entry each, 1e600 apart', () => jsDivergence([1e300], [4e-301]), 0],
  ['JS, disjoint supports, scales apart', () => jsDivergence([0, 1e300], [5e-101, 0]), 0.6931471805599453],
  ['KL, scales 1e310 apart', () => klDivergence([1e-10, 2e-10], [1e300, 2.00000002e300]), 1.1111111003359666e-17],
  // 5. huge or tiny entries, nearly identical
  ['KL, huge and nearly identical', () => klDivergence([1e306, 1e306], [1e306, 1.000001e306]), 1.249998749989901e-13],
  ['KL, tiny and nearly identical', () => klDivergence([1e-295, 1e-295], [1e-295, 1.000001e-295]), 1.2499987498666285e-13],
  // 6. normalize: false
  ['JS raw, huge', () => jsDivergence([0, 0], [8e307, 8e307], { normalize: false }), 5.545177444479563e307],
  // 7. bulk paths against the single call's exact value
  ['pairwise cross-entropy, entries 1e-17', () => pairwise('crossEntropy', [[1, 1e-17, 1e-17]]).data[0]!, 8.028789316179755e-16],
  ['pairwise cross-entropy, 100 entries 1e-10', () => pairwise('crossEntropy', [[1, ...Array<number>(100).fill(1e-10)]]).data[0]!, 2.402585069468195e-7],
  ['pairwise cross-entropy, overflowing row', () => pairwise('crossEntropy', [[8e307, 8e307]], [[1, 1e-10]]).data[0]!, 11.512925465070229],
  ['pairwise JS, subnormal rows', () => pairwise('js', [[1e-310, 2e-310], [3e-310, 1e-310]]).data[1]!, 0.09024627190021614],
  ['rowwise JS, subnormal rows', () => rowwise('js', [[1e-310, 2e-310]], [[3e-310, 1e-310]])[0]!, 0.09024627190021614],
  // 9. precision 'single' on subnormal float32 input
  [
    "KL, precision 'single', subnormal f32",
    () => klDivergence(new Float32Array([8 * 2 ** -149, 24 * 2 ** -149]), new Float32Array([24 * 2 ** -149, 8 * 2 ** -149]), { precision: 'single' }),
    0.5493061443340549,
  ],
  [
    "cross-entropy, precision 'single', subnormal f32",
    () => crossEntropy(new Float32Array([8 * 2 ** -149, 24 * 2 ** -149]), new Float32Array([24 * 2 ** -149, 8 * 2 ** -149]), { precision: 'single' }),
    1.1116412889528633,
  ],
  // 10. mutual information over the whole range
  ['MI, a 5e-324 cell', () => mutualInformation([[4, 1, 5e-324], [1, 4, 0]]), 0.19274475702175742],
  ['MI, cells near 1e308', () => mutualInformation([[1e308, 1e307], [1e307, 1e308]]), 0.3885110832107072],
  ['MI, subnormal cells', () => mutualInformation([[2e-309, 2e-309], [2e-309, 2e-309]]), 0],
  ['MI, one cell of 5e-324', () => mutualInformation([[5e-324]]), 0],
];

describe.each(BACKENDS)('the whole double range on %s', (name: BackendName) => {
  it.each(CASES)('%s', (what, run, want) => {
    setBackend(name);
    try {
      expectExact(run(), want, what);
    } finally {
      setBackend('auto');
    }
  });

  it('raw KL that cancels stays within its stated absolute bound, 4ε·Σ|a·log(a/b)|', () => {
    setBackend(name);
    try {
      const p = [1, 1];
      const q = [2, 0.5000000000000001];
      const got = klDivergence(p, q, { normalize: false });
      const scale = Math.abs(Math.log(1 / 2)) + Math.abs(Math.log(1 / 0.5000000000000001));
      expect(Math.abs(got - -2.2204460492503128e-16)).toBeLessThanOrEqual(4 * 2 ** -52 * scale);
    } finally {
      setBackend('auto');
    }
  });

  it('accumulators: JS with totals that are plain float sums, and KL never negative', () => {
    setBackend(name);
    try {
      // Nearly identical rows whose plain float sum is not their exact sum.
      const p = Float64Array.from({ length: 1000 }, (_, i) => 0.1 + ((i * 7919) % 101) * 1e-3);
      const q = p.map((x, i) => x * (1 + 1e-9 * (((i * 104729) % 17) - 8)));
      let A = 0;
      let B = 0;
      for (let i = 0; i < p.length; i++) {
        A += p[i]!;
        B += q[i]!;
      }
      const acc = createAccumulator('js', { totals: [A, B] });
      for (let i = 0; i < p.length; i += 300) acc.update(p.subarray(i, i + 300), q.subarray(i, i + 300));
      expectExact(acc.result(), jsDivergence(p, q), 'JS accumulator with float totals');
      const kl = createAccumulator('kl');
      kl.update([1, 1], [1, 1.0000000000000002]);
      expect(kl.result()).toBeGreaterThanOrEqual(0);
    } finally {
      setBackend('auto');
    }
  });
});

describe('the exact rung with subnormal entries (coverage-fuzz finding)', () => {
  // KL of [0.1, 5e-324] against [0.25, 5e-324] was NaN on every backend: the exact rung's
  // near form divided by b·A′, which underflowed to 0. References: mpmath at 400 digits
  // (at 60 the shares 1 − 4.9e-323 round to 1). Below the normal range the promise is a
  // few units of 2^-1074.
  it.each(BACKENDS)('%s', (name) => {
    setBackend(name);
    try {
      const unit = 2 ** -1074;
      const cases: [number[], number[], number][] = [
        [[0.1, 5e-324], [0.25, 5e-324], 1.5626838471700494112e-323],
        [[0.1, 0, 5e-324], [0.25, 5e-324, 5e-324], 3.5389464305350355879e-323],
      ];
      for (const [p, q, want] of cases) expect(Math.abs(klDivergence(p, q) as number - want)).toBeLessThanOrEqual(4 * unit);
    } finally {
      setBackend('auto');
    }
  });
});
