// Counterexamples the property suite found, kept as plain tests (each against the exact
// value, on every backend).
import { describe, expect, it } from 'vitest';
import { bhattacharyya, crossEntropy, entropy, jsDivergence, klDivergence, lInfinity, renyiDivergence, totalVariation } from '../../src/index.js';
import { BACKENDS, EPS, TINY, expectWithin, on } from './check.js';

describe('regressions found by the properties', () => {
  // P ∝ Q, totals 2^200 apart, a subnormal entry: the scaled path (src/measures/scaled.ts)
  // gave KL = −2.2075e-320 (exactly 0 is right; KL is never negative).
  it.each(BACKENDS)('KL of proportional inputs 2^200 apart with a subnormal entry is 0, not negative, on %s', (name) => {
    const p = [8.833e-320, 1, 3];
    for (const k of [200, 230, 260]) {
      const q = p.map((x) => x * 2 ** k);
      on(name, () => {
        expect(klDivergence(p, q), `KL(P‖2^${k}P)`).toBe(0);
        expect(klDivergence(q, p), `KL(2^${k}P‖P)`).toBe(0);
        // H(P, Q) = H(P) + 0, within the 1e-12 promise.
        expect(Math.abs(crossEntropy(p, q) - entropy(p))).toBeLessThanOrEqual(1e-12 * entropy(p));
      });
    }
  });
});

// Results near the underflow (fuzz seed 1362921320, 1e5 cases). References: exact
// rationals (every double is an integer times 2^-1074) for TV; mpmath at 3000 bits for
// the logs (python3 fractions and mpmath; values quoted to 17+ digits).
describe('regressions near the underflow, against exact references', () => {
  const PROMISE = { rel: 1e-12 };
  it.each(BACKENDS)('TV with totals of 1e-55 and 4e-6 (a·ρ′ in the subnormals) on %s', (name) => {
    on(name, () => {
      // Exactly 1.18584003423387906...e-269; was 0 one way, 1.1902e-269 the other.
      const p = [2.8024611981979e-310, 0, 0, 3.0147902837644994e-51];
      const q = [1.7104865714e-314, 0, 0, 1.8400819603054806e-55];
      expectWithin(totalVariation(p, q), 1.1858400342338790681e-269, PROMISE, 'TV(P, Q)');
      expectWithin(totalVariation(q, p), 1.1858400342338790681e-269, PROMISE, 'TV(Q, P)');
      // Exactly 6.4757925298880946e-319 (131071 units of 2^-1074); was 0, and 1.62e-318 for 2P, 2Q.
      const z = (k: number, at: Record<number, number>): number[] => Array.from({ length: k }, (_, i) => at[i] ?? 0);
      const P = z(39, { 8: 1, 19: 5e-324, 30: 1, 34: 4.032615329170903e-309, 36: 1e-300, 37: 1e-300, 38: 5e-324 });
      const Q = z(39, { 8: 2 ** -19, 30: 2 ** -19, 34: 7.691603337e-315, 36: 1.9073486328125e-306, 37: 1.9073486328125e-306 });
      expectWithin(totalVariation(P, Q), 6.4757925298880946415e-319, PROMISE, 'TV(P, Q)');
      expectWithin(totalVariation(P.map((x) => 2 * x), Q.map((x) => 2 * x)), 6.4757925298880946415e-319, PROMISE, 'TV(2P, 2Q)');
    });
  });

  it.each(BACKENDS)('cross-entropy of a scaled-down P keeps shares that a copy at total 1 flushed, on %s', (name) => {
    on(name, () => {
      // H(P) = 2.2262615581994692629e-323 (4.5 units of 2^-1074); H(P, P) was 0.
      const p = [0, 4.185580496821357e298, 0, 1.2415067601259187e-27, 0, 0];
      expectWithin(crossEntropy(p, p), 2.2262615581994692629e-323, PROMISE, 'H(P, P)');
      expectWithin(entropy(p), 2.2262615581994692629e-323, PROMISE, 'H(P)');
      // H(P) = 6.3116726273758850938e-301; H(P, P) was 1.9e-9 off.
      const b = [0, 5e-324, 1.9024328144001824e-238, 5e-324, 2.519933394937452e-244, 2.1062458333711437e65];
      expectWithin(crossEntropy(b, b), 6.3116726273758850938e-301, PROMISE, 'H(P, P)');
    });
  });

  it.each(BACKENDS)('raw KL and raw JS near the underflow keep their promises on %s', (name) => {
    on(name, () => {
      // Exactly −5.4501804680503108135e-306 (terms −2.0548e-321 and −5.4501804680503088e-306):
      // within 4ε·Σ|term|; the scaled path's (kp − kq)·ln 2·A′ correction was 26ε off.
      const p = [5e-324, 3.678692152344078e-307];
      const q = [2.0501330894674953e-143, 1e-300];
      expectWithin(klDivergence(p, q, { normalize: false }), -5.4501804680503108135e-306, { rel: 0, abs: 4 * EPS * 5.4501825228115673e-306 + TINY }, 'raw KL');
      // Exactly 0 (1·log 1); wasm gave −1.732e-320 (the near form of a = 0 against a subnormal b).
      expectWithin(klDivergence([0, 1], [1.732e-320, 1], { normalize: false }), 0, { rel: 0, abs: TINY }, 'raw KL');
      // Exactly ½·5e-324·ln 2 = 0.35 units of 2^-1074; wasm-simd gave −9e-323.
      const js = jsDivergence([5e-324, 0, 1], [0, 0, 1], { normalize: false });
      expect(js).toBeGreaterThanOrEqual(0);
      expectWithin(js, 1.7123010471319425536e-324, { rel: 0, abs: TINY }, 'raw JS');
    });
  });
});

// Open bugs the properties found, for src/ owners: each `it.fails` passes while the bug
// is there and fails once it is fixed (then make it an ordinary `it` and drop the
// matching KNOWN BUG allowance in drift-measures.test.ts).
describe('open bugs found by the properties (expected to fail until fixed)', () => {
  // Fixed: the shares' differences fell back to a·B − b·A with the double-double totals'
  // low parts multiplied in plain doubles (exact.ts) or to double-double shares (L∞), both
  // ~1e-107 off for shares within 1e-99 of 1; now a·B − b·A over exact (expansion) totals.
  it('totalVariation/lInfinity with totals doubles cannot hold exactly are within 1e-12', () => {
    const p = [1, 3.4185123880468727e99, 1518065532.15599];
    const q = [0, 3.4185123880468727e99, 1518065532.15599];
    // Exactly |1·B − 0·A| / (A·B) = 1/A, A = 3.4185123880468727e99 + 1518065532.15599 + 1 (exact big integers: 2.925249016199524e-100).
    const want = 2.925249016199524e-100;
    for (const name of BACKENDS) {
      on(name, () => {
        expect(Math.abs(totalVariation(p, q) - want)).toBeLessThanOrEqual(1e-12 * want);
        expect(Math.abs(lInfinity(p, q) - want)).toBeLessThanOrEqual(1e-12 * want);
      });
    }
  });

  it('renyiDivergence of P against itself is never negative (subnormal shares)', () => {
    // Got −1e-323 (α = ½); 0 exactly is right. Fixed: Σ p̂^α q̂^(1−α) − 1 is one-signed
    // (≤ 0 below α = 1), so src/drift/measures.ts sets rounding of the other sign to 0.
    expect(renyiDivergence([5e-324, 1], [5e-324, 1], { alpha: 0.5 })).toBeGreaterThanOrEqual(0);
  });

  // Fixed: shares of totals below 2^-900 lost low bits in the Dekker splitting
  // (src/drift/shares.ts); such values are now scaled up by a power of two first.
  it('bhattacharyya of inputs scaled by 2^-1011 keeps the 1e-12 promise', () => {
    const p = [0.001000000000000001, 0.001, 0.001, 0.025353743296146678, 0.001];
    const q = [0.001000000000000001, 0.001, 0.0009999000003870528, 0.02535373863168355, 0.001];
    const c = 2 ** -1011;
    // mpmath, 50 digits: −ln(1 − H²) = 4.100033179219409883e-11 (unscaled gives 4.10003317921941e-11; scaled 4.100033179208937e-11).
    const want = 4.100033179219409883e-11;
    expect(Math.abs(bhattacharyya(p.map((x) => x * c), q.map((x) => x * c)) - want)).toBeLessThanOrEqual(1e-12 * want);
  });
});
