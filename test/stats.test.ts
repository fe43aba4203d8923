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
});
