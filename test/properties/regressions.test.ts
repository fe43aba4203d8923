// Counterexamples the property suite found, kept as plain tests (each against the exact
// value, on every backend).
import { describe, expect, it } from 'vitest';
import { crossEntropy, entropy, klDivergence } from '../../src/index.js';
import { BACKENDS, on } from './check.js';

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
