// ksTest against scipy.stats.ks_2samp (statistic, location and sign exactly; p-values
// within 1e-10 relative), and the distributions behind it: kstwo.sf over every regime
// of numeric/kolmogorov.ts, and the one-sided tail against SciPy and its 40-digit sum
// (scripts/fixtures/ks_tests.py).
import { describe, expect, it } from 'vitest';
import { InputRangeError, InputTypeError, ksTest } from '../src/index.js';
import { kolmogorovSurvival, smirnovSurvival } from '../src/numeric/kolmogorov.js';
import fixture from './fixtures/ks-tests.json' with { type: 'json' };
import { expectClose, rng } from './helpers.js';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const cases = fixture.cases as Any[];
const grid = (kind: string) => cases.find((c) => c.kind === kind)!.grid as Any[];

/** The fixture's sample rule, rebuilt bit for bit (see ks_tests.py). */
function sample(s: Any): Float64Array {
  return Float64Array.from({ length: s.n }, (_, i) => {
    const v = (((i * s.mul) % s.mod) / s.mod) * s.scale + s.shift;
    return s.step ? Math.floor(v / s.step) * s.step : v;
  });
}

describe('kstwo survival (asymptotic p-values)', () => {
  it('matches SciPy within 1e-10 relative in every regime, and is 0 only where SciPy is', () => {
    for (const g of grid('kstwo')) {
      const got = kolmogorovSurvival(g.n, g.x);
      expectClose(got, g.scipy, 1e-10, 1e-300, `n ${g.n}, x ${g.x}`);
      if (g.scipy > 0) expect(got, `n ${g.n}, x ${g.x}`).toBeGreaterThan(0);
    }
  });

  it('one-sided tail: matches its 40-digit sum within 1e-13 and SciPy within 1e-10, up to n = 1e6', () => {
    for (const g of grid('smirnov')) {
      const got = smirnovSurvival(g.n, g.x);
      // Its terms are exponentials of logs as large as |ln p|, whose rounding alone is
      // |ln p|·2⁻⁵³ relative (1.6e-13 at p = 1e-307).
      const rel = Math.max(1e-13, Math.abs(Math.log(g.mp)) * 2.5e-16);
      if (g.mp !== undefined) expectClose(got, g.mp, rel, 1e-320, `mp n ${g.n}, x ${g.x}`);
      expectClose(got, g.scipy, 1e-10, 1e-300, `scipy n ${g.n}, x ${g.x}`);
    }
  });
});

describe('ksTest = scipy.stats.ks_2samp', () => {
  const ks = cases.filter((c) => c.kind === 'ks');
  it.each(ks.map((c) => [c.id, c] as const))('%s', (_, c) => {
    const a = sample(c.a);
    const b = sample(c.b);
    const r = ksTest(a, b, { method: c.method });
    expect(r.statistic).toBe(c.statistic);
    expect(r.statisticLocation).toBe(c.location);
    expect(r.statisticSign).toBe(c.sign);
    if (c.pValue === 'NaN') {
      // 1 against 1 value: SciPy's asymptotic n = round(1/2) = 0 gives NaN; here n is at least 1.
      expect(r.pValue).toBe(kolmogorovSurvival(1, r.statistic));
    } else {
      expectClose(r.pValue, c.pValue, 1e-10, 1e-300, 'p-value');
      if (c.pValue > 0) expect(r.pValue).toBeGreaterThan(0);
    }
    const lattice = (c.a.n / gcd(c.a.n, c.b.n)) * c.b.n;
    const exact = c.method === 'exact' || (c.method === 'auto' && Math.max(c.a.n, c.b.n) <= 10000);
    expect(r.method).toBe(exact && lattice < 2 ** 31 ? 'exact' : 'asymp');
    // Symmetric in its samples (the sign flips), and unchanged by the input's order.
    const swapped = ksTest(b.slice().reverse(), a, { method: c.method });
    expect(swapped.statistic).toBe(r.statistic);
    expect(swapped.pValue).toBe(r.pValue);
  });

  it('exact p-values are the path counts of small cases (exact arithmetic)', () => {
    // Samples of 3 and 3 with D = 1: 2 of the C(6, 3) = 20 orderings (all a first, all b first).
    expect(ksTest([1, 2, 3], [4, 5, 6]).pValue).toBeCloseTo(2 / 20, 15);
    // 1 against 5 values, D = 5/5 at either end: 2 of the 6 positions of the single value.
    expect(ksTest([0], [1, 2, 3, 4, 5]).pValue).toBeCloseTo(2 / 6, 15);
    // By enumeration: every ordering of 4 a's and 5 b's, counting those with D ≥ observed.
    const r = ksTest([1, 2, 3, 4], [3.5, 4.5, 5, 6, 7]);
    expect(r.pValue).toBeCloseTo(enumerate(4, 5, r.statistic), 14);
  });

  it('is exact for the p-values SciPy rounds to 0 in asymptotic mode, and agrees in the centre', () => {
    const next = rng(7);
    const a = Float64Array.from({ length: 400 }, () => next());
    const b = Float64Array.from({ length: 300 }, () => next() + 0.05);
    const exact = ksTest(a, b, { method: 'exact' });
    const asymp = ksTest(a, b, { method: 'asymp' });
    expect(exact.statistic).toBeCloseTo(asymp.statistic, 12);
    expect(Math.abs(exact.pValue - asymp.pValue)).toBeLessThan(0.05);
  });

  it('rejects bad input with typed errors naming the argument and index, and the next call works', () => {
    expect(() => ksTest([], [1])).toThrow(InputRangeError);
    expect(() => ksTest([1, Number.NaN], [1])).toThrow(/a\[1\] is NaN/);
    expect(() => ksTest([1], 'x' as never)).toThrow(InputTypeError);
    expect(() => ksTest([1], [2], { method: 'fast' as never })).toThrow(/options.method/);
    expect(() => ksTest([1], [2], { alternative: 'less' } as never)).toThrow(/alternative/);
    expect(ksTest([-Infinity, 0, 1], [1, 2, Infinity]).statistic).toBeCloseTo(2 / 3, 15);
  });
});

function gcd(a: number, b: number): number {
  return b ? gcd(b, a % b) : a;
}

/** P(D ≥ d) for samples of m and n by listing every arrangement (small m + n only). */
function enumerate(m: number, n: number, d: number): number {
  let hit = 0;
  let all = 0;
  const walk = (x: number, y: number, worst: number) => {
    worst = Math.max(worst, Math.abs(x / m - y / n));
    if (x === m && y === n) {
      all++;
      if (worst >= d - 1e-12) hit++;
      return;
    }
    if (x < m) walk(x + 1, y, worst);
    if (y < n) walk(x, y + 1, worst);
  };
  walk(0, 0, 0);
  return hit / all;
}
