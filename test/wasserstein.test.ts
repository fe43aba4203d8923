// wasserstein against scipy.stats.wasserstein_distance and the exact integral
// (scripts/fixtures/wasserstein.py); histogramWasserstein against the weighted form and
// exact arithmetic on nearly identical histograms; the properties the issue names.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { histogramWasserstein, InputRangeError, wasserstein } from '../src/index.js';
import fixture from './fixtures/wasserstein.json' with { type: 'json' };
import { expectClose } from './helpers.js';

describe('wasserstein equals SciPy, and the exact value', () => {
  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s', (_, c) => {
    const w = c as typeof c & { uWeights?: number[]; vWeights?: number[] };
    const got = wasserstein(c.u, c.v, { uWeights: w.uWeights, vWeights: w.vWeights });
    expectClose(got, c.exact, 1e-12, 1e-300, 'exact');
    expectClose(got, c.scipy, 1e-9, 1e-300, 'scipy');
  });
});

describe('wasserstein: properties and histograms', () => {
  const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 });
  it('symmetric, translation-equivariant, scale-equivariant, zero on itself', () => {
    fc.assert(
      fc.property(sample, sample, fc.integer({ min: -1000, max: 1000 }), (u, v, t) => {
        const d = wasserstein(u, v);
        expect(wasserstein(v, u)).toBe(d);
        expect(wasserstein(u, u)).toBe(0);
        // Shifting by an integer keeps every double exact here only approximately: within rounding of the values.
        const shifted = wasserstein(u.map((x) => x + t), v.map((x) => x + t));
        expect(Math.abs(shifted - d)).toBeLessThanOrEqual(1e-9 * Math.max(1, d) + 1e-9);
        expectClose(wasserstein(u.map((x) => 2 * x), v.map((x) => 2 * x)), 2 * d, 1e-15, 1e-300);
      }),
      { seed: 20261202, numRuns: 200 },
    );
  });

  it('histogramWasserstein is the weighted distance of the bin centres, and keeps nearly identical histograms exact', () => {
    const edges = [0, 1, 3, 4, 10];
    const p = [3, 1, 0, 6];
    const q = [1, 2, 5, 2];
    const centres = [0.5, 2, 3.5, 7];
    expectClose(histogramWasserstein(p, q, edges), wasserstein(centres, centres, { uWeights: p, vWeights: q }), 1e-14);
    expect(histogramWasserstein([1, 0, 0], [0, 0, 1], [0, 1, 2, 3])).toBe(2);
    // q = p with 2^-40 of mass moved one bin to the right: W = 2^-40 / Σp · (centre gap).
    const a = [1, 2, 3, 4];
    const b = [1, 2 - 2 ** -40, 3 + 2 ** -40, 4];
    expectClose(histogramWasserstein(a, b, [0, 1, 2, 3, 4]), 2 ** -40 / 10, 1e-14);
  });

  it('bad input: typed errors', () => {
    expect(() => wasserstein([], [1])).toThrow(InputRangeError);
    expect(() => wasserstein([1, NaN], [1])).toThrow(/u\[1\] is NaN/);
    expect(() => wasserstein([1, 2], [1], { uWeights: [1] })).toThrow(/1 weights for 2 values/);
    expect(() => wasserstein([1], [1], { vWeights: [0] })).toThrow(/sums to 0/);
    expect(() => histogramWasserstein([1, 2], [1, 2], [0, 1])).toThrow(/needs 3/);
    expect(wasserstein([0, 1, 3], [5, 6, 8])).toBe(5);
  });
});
