// chiSquare, gTest, chi2Contingency and cramersV against SciPy (statistics, 1e-12) and
// their p-values against 40-digit mpmath (1e-10 relative, down to ~1e-300), plus the χ²
// survival function alone on a grid of df 1 … 1e4 (scripts/fixtures/stats_tests.py).
import { describe, expect, it } from 'vitest';
import { chi2Contingency, chiSquare, cramersV, gTest, InputRangeError } from '../src/index.js';
import { chi2Survival } from '../src/numeric/gamma.js';
import fixture from './fixtures/stats-tests.json' with { type: 'json' };
import { expectClose } from './helpers.js';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const cases = fixture.cases as Any[];

describe('χ² survival', () => {
  it('matches mpmath within 1e-10 relative (and is never 0 where SciPy is positive)', () => {
    for (const g of cases.find((c) => c.kind === 'grid')!.grid as Any[]) {
      const got = chi2Survival(g.x, g.k);
      expectClose(got, g.mp, 1e-10, 1e-320, `x ${g.x}, k ${g.k}`);
      if (g.scipy > 0) expect(got, `x ${g.x}, k ${g.k}`).toBeGreaterThan(0);
    }
  });
});

describe('goodness of fit', () => {
  it.each(cases.filter((c) => c.kind === 'gof').map((c) => [c.id, c] as const))('%s', (_, c) => {
    const opts = { ddof: c.ddof };
    const chi = chiSquare(c.observed, c.expected, opts);
    expectClose(chi.statistic, c.chiSquare.statistic, 1e-12, 1e-300, 'chi statistic');
    expectClose(chi.pValue, c.chiSquare.mp, 1e-10, 1e-320, 'chi p (mpmath)');
    const g = gTest(c.observed, c.expected, opts);
    // G against its 40-digit value; SciPy's float64 sum cancels where o ≈ e (1e-6 then).
    expectClose(g.statistic, c.gTest.exact, 1e-12, 1e-300, 'G statistic');
    expectClose(g.statistic, c.gTest.statistic, 1e-6, 1e-300, 'G statistic (SciPy)');
    expect(g.pValue).toBe(chi2Survival(g.statistic, g.dof));
    expect(chi.dof).toBe(c.observed.length - 1 - c.ddof);
  });
});

describe('contingency tables', () => {
  it.each(cases.filter((c) => c.kind === 'table').map((c) => [c.id, c] as const))('%s', (_, c) => {
    const r = chi2Contingency(c.table, { correction: c.correction });
    expectClose(r.statistic, c.statistic, 1e-12, 1e-300, 'statistic');
    expectClose(r.pValue, c.mp, 1e-10, 1e-320, 'p (mpmath)');
    expect(r.dof).toBe(c.dof);
    Array.from(r.expected.data).forEach((e, k) => expectClose(e, c.expected[k], 1e-14, 1e-300, `expected ${k}`));
    expectClose(cramersV(c.table), c.cramer, 1e-12, 1e-300, 'cramer');
  });

  it('bad input: typed errors', () => {
    expect(() => chiSquare([1, 2], [1, 1])).toThrow(/must agree to 1e-8/);
    expect(() => chiSquare([3], undefined)).toThrow(/degrees of freedom/);
    expect(() => chiSquare([1, -1])).toThrow(InputRangeError);
    expect(() => chi2Contingency([[1, 0], [2, 0]])).toThrow(/row or column of zeros/);
    expect(() => chiSquare([1, 2, 3], undefined, { ddof: -1 })).toThrow(/options.ddof/);
    expect(chiSquare([16, 18, 16, 14, 12, 12]).pValue).toBeCloseTo(0.84915, 5);
  });

  // A soak finding: every expected count of an all-zero table is 0/0, which slipped past the
  // check for zero expected counts, so cramersV was NaN (SciPy's association is NaN too,
  // chi2_contingency all NaN); here, as for one row or column of zeros, an InputRangeError.
  it('an all-zero table is an InputRangeError naming the table, for cramersV and chi2Contingency', () => {
    for (const table of [[[0, 0], [0, 0]], [[0, 0, 0], [0, 0, 0]]]) {
      for (const f of [() => cramersV(table), () => chi2Contingency(table), () => chi2Contingency(table, { correction: false })]) {
        let err: unknown;
        try {
          f();
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(InputRangeError);
        expect((err as InputRangeError).argument).toBe('table');
        expect((err as Error).message).toMatch(/all zeros/);
      }
    }
    expect(cramersV([[10, 20], [20, 10]])).toBeCloseTo(1 / 3, 15); // and the next call works
  });
});

// Counts near the top of the double range (a coverage-fuzz finding: chiSquare([0.5, 0,
// 1e300, 17]) was NaN). (o − e)² and Σo overflow there though the statistic does not;
// references from 60-digit mpmath on the same doubles, expected = Σo/k taken exactly.
describe('counts near 1e300: finite statistics where they are finite, ∞ where they overflow', () => {
  it('chiSquare and gTest against mpmath', () => {
    expectClose(chiSquare([1e300, 1]).statistic, 1.0000000000000000525e300, 1e-14, 0, 'χ² [1e300, 1]');
    const fuzz = chiSquare([0.5, 0, 1e300, 17]);
    expectClose(fuzz.statistic, 3.0000000000000001575e300, 1e-14, 0, 'χ² of the fuzzer input');
    expect(fuzz.pValue).toBe(0); // e^(−1.5e300)
    expectClose(chiSquare([1.7e308, 0]).statistic, 1.6999999999999999388e308, 1e-14, 0, 'χ² [1.7e308, 0] (Σo fits, d² does not)');
    expectClose(chiSquare([1.7e308, 1e308, 0]).statistic, 1.6222222222222221461e308, 1e-14, 0, 'χ² with Σo past overflow');
    expectClose(gTest([1e300, 1]).statistic, 1.3862943611198906916e300, 1e-14, 0, 'G [1e300, 1]');
    expectClose(gTest([1e300, 3e299, 1]).statistic, 1.451861180326046943e300, 1e-14, 0, 'G [1e300, 3e299, 1]');
  });

  it('scaling every count by 2^k scales the statistics by 2^k, past the overflow of Σo too', () => {
    const o = [16, 18, 16, 14, 12, 12];
    for (const k of [900, 1017, 1018]) {
      const c = 2 ** k;
      expectClose(chiSquare(o.map((v) => v * c)).statistic, chiSquare(o).statistic * c, 1e-15, 0, `χ² · 2^${k}`);
      expectClose(gTest(o.map((v) => v * c)).statistic, gTest(o).statistic * c, 1e-14, 0, `G · 2^${k}`);
    }
  });

  it('a statistic past the largest double is +∞ with p-value 0, never NaN; so is an expected 0 under an observed count', () => {
    // χ² of [M, 0, 0] is M·(k − 1) = 2M; G of [M, M, 0] is 4M·ln 1.5 ≈ 1.6M.
    expect(chiSquare([1.7e308, 0, 0])).toEqual({ statistic: Infinity, pValue: 0, dof: 2 });
    expect(gTest([1.7e308, 1.7e308, 0])).toEqual({ statistic: Infinity, pValue: 0, dof: 2 });
    // SciPy's chisquare and power_divergence give inf here too (with a division warning).
    expect(chiSquare([1, 0], [0, 1])).toEqual({ statistic: Infinity, pValue: 0, dof: 1 });
    expect(gTest([1, 0], [0, 1])).toEqual({ statistic: Infinity, pValue: 0, dof: 1 });
  });

  it('chi2Contingency: expected counts and statistic where row × column overflows', () => {
    const yates = chi2Contingency([[1e300, 1], [1, 1e300]]);
    for (const e of yates.expected.data) expectClose(e, 5.0000000000000002625e299, 1e-15, 0, 'expected');
    expectClose(yates.statistic, 2.000000000000000105e300, 1e-14, 0, 'Yates χ²');
    // The total 5e308 overflows.
    const big = chi2Contingency([[1.5e308, 1e308], [1e308, 1.5e308]], { correction: false });
    for (const e of big.expected.data) expectClose(e, 1.2500000000000000137e308, 1e-15, 0, 'expected past the total overflow');
    expectClose(big.statistic, 2.000000000000000022e307, 1e-14, 0, 'χ² past the total overflow');
  });
});
