// Closed-form entropies (SciPy's .entropy() within 1e-13, 40-digit mpmath), KL between
// two of a family (60-digit closed forms within 1e-12, parameters nearly equal down to
// 1e-10 relative included), and Markov-chain rates (scripts/fixtures/continuous.py).
import { describe, expect, it } from 'vitest';
import {
  bernoulli,
  beta,
  categorical,
  entropyRate,
  exponential,
  gamma,
  InputRangeError,
  InputTypeError,
  klBetween,
  klDivergence,
  klRate,
  multivariateNormal,
  dirichlet,
  entropyFromSamples,
  klFromSamples,
  laplace,
  normal,
  poisson,
  uniform,
  type Distribution,
} from '../src/index.js';
import { digamma, lnGammaRemainder, polygamma } from '../src/numeric/polygamma.js';
import fixture from './fixtures/continuous.json' with { type: 'json' };
import { expectClose, num } from './helpers.js';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const cases = fixture.cases as Any[];

function make(family: string, p: Any): Distribution {
  switch (family) {
    case 'normal': return normal(p.mean, p.sd);
    case 'exponential': return exponential(p.rate);
    case 'gamma': return gamma(p.shape, p.rate);
    case 'beta': return beta(p.a, p.b);
    case 'uniform': return uniform(p.lo, p.hi);
    case 'laplace': return laplace(p.loc, p.scale);
    case 'poisson': return poisson(p.rate);
    case 'bernoulli': return bernoulli(p.p);
  }
  throw new Error(family);
}

describe('entropy() in closed form', () => {
  it.each(cases.filter((c) => c.kind === 'entropy').map((c) => [c.id, c] as const))('%s', (_, c) => {
    const h = make(c.family, c.params).entropy();
    expectClose(h, c.mp, 1e-13, 1e-300, 'mpmath');
    // SciPy within 1e-13, except where SciPy itself is further than that from the
    // 40-digit value (Poisson at λ = 250: 1.1e-13); there, no further from it than SciPy.
    if (Math.abs(c.scipy - c.mp) <= 5e-14 * Math.abs(c.mp)) expectClose(h, c.scipy, 1e-13, 1e-15, 'SciPy');
    else expect(Math.abs(h - c.mp)).toBeLessThanOrEqual(Math.abs(c.scipy - c.mp));
  });

  it('categorical entropy is the entropy of its probabilities; Bernoulli is the two-category case', () => {
    expect(categorical([1, 2, 1]).entropy()).toBeCloseTo(1.0397207708399179, 15);
    expectClose(bernoulli(0.3).entropy(), categorical([0.3, 0.7]).entropy(), 1e-15);
  });
});

describe('klBetween', () => {
  it.each(cases.filter((c) => c.kind === 'kl').map((c) => [c.id, c] as const))('%s', (_, c) => {
    const got = klBetween(make(c.family, c.a), make(c.family, c.b));
    expectClose(got, num(c.expected), 1e-12, 1e-300, `${c.family} ${JSON.stringify(c.a)} ‖ ${JSON.stringify(c.b)}`);
  });

  it('is 0 for equal parameters, ∞ off the support, in the base asked for, and the categorical KL', () => {
    expect(klBetween(gamma(2.5, 3), gamma(2.5, 3))).toBe(0);
    expect(klBetween(uniform(0, 2), uniform(0, 1))).toBe(Infinity);
    expect(klBetween(bernoulli(0.5), bernoulli(0))).toBe(Infinity);
    expectClose(klBetween(normal(0, 1), normal(1, 2), { base: 2 }), klBetween(normal(0, 1), normal(1, 2)) / Math.LN2, 1e-15);
    expectClose(klBetween(categorical([1, 2, 3]), categorical([3, 2, 1])), klDivergence([1, 2, 3], [3, 2, 1]), 1e-15);
  });

  it('Bernoulli KL where p/q overflows (q subnormal) is finite: 800-digit mpmath (1 − 1e-300 must not round to 1) of p·ln(p/q) + (1 − p)·ln((1 − p)/(1 − q))', () => {
    // [p, q, KL] — q·h(p/q − 1) gave ∞ for the first, NaN (p/q rounds to ∞) for the second.
    const mp: [number, number, number][] = [
      [1.2630038065783518e-18, 5e-324, 8.8691541589354699645e-16],
      [8.881784197001252e-16, 5e-324, 6.2952550984841337581e-13],
      [4.5e-16, 1e-323, 3.1833433829236179796e-13],
      [0.5, 1e-310, 356.20754223351713724],
      [1e-300, 1e-320, 4.50517129927602021e-299],
      [0.3, 2e-308, 211.94005413642693632],
      [1e-10, 1e-300, 6.6674967696832327267e-8],
      [0.999, 5e-324, 743.6877245943476483],
      [1, 5e-324, 744.44007192138126231],
      [0.75, 2 ** -60, 30.629287980578730574],
    ];
    for (const [p, q, want] of mp) expectClose(klBetween(bernoulli(p), bernoulli(q)), want, 1e-14, 0, `KL(${p}‖${q})`);
  });

  it('rejects bad parameters and mixed families with typed errors naming them; the next call works', () => {
    expect(() => normal(0, 0)).toThrow(InputRangeError);
    expect(() => normal(0, -1)).toThrow(/sd is -1/);
    expect(() => exponential(Number.NaN)).toThrow(/rate is NaN/);
    expect(() => gamma(1, 0)).toThrow(/rate is 0/);
    expect(() => uniform(1, 1)).toThrow(/hi is 1/);
    expect(() => bernoulli(1.5)).toThrow(/p is 1.5/);
    expect(() => categorical([1, -1])).toThrow(/probs\[1\] is -1/);
    expect(() => normal('0' as never, 1)).toThrow(InputTypeError);
    expect(() => klBetween(normal(0, 1), gamma(1, 1) as never)).toThrow(/normal and gamma/);
    expect(() => klBetween(categorical([1, 1]), categorical([1, 1, 1]))).toThrow(/2 and 3 categories/);
    expect(() => klBetween({} as never, normal(0, 1))).toThrow(InputTypeError);
    expect(klBetween(normal(0, 1), normal(0, 1))).toBe(0);
  });

  it('log-densities integrate to 1 and match their closed forms at a point', () => {
    expectClose(normal(1, 2).logPdf(1), -Math.log(2) - 0.5 * Math.log(2 * Math.PI), 1e-15);
    expectClose(Math.exp(poisson(3).logPdf(2)), (9 / 2) * Math.exp(-3), 1e-14);
    let total = 0;
    for (let k = 0; k < 200; k++) total += Math.exp(poisson(40).logPdf(k));
    expectClose(total, 1, 1e-14);
    expect(uniform(0, 1).logPdf(2)).toBe(-Infinity);
  });
});

describe('polygamma', () => {
  it('ψ and ψ⁽ⁿ⁾ at known values; the remainder is its Taylor series near x and the direct form far', () => {
    expectClose(digamma(1), -0.5772156649015329, 1e-15);
    expectClose(digamma(0.5), -1.9635100260214235, 1e-15);
    expectClose(polygamma(1, 1), Math.PI ** 2 / 6, 1e-15);
    expectClose(polygamma(2, 1), -2.4041138063191885, 1e-14);
    // Both forms meet at |y − x| = x/10.
    expectClose(lnGammaRemainder(3, 3.2999999), lnGammaRemainder(3, 3.3000001), 1e-5);
    expect(lnGammaRemainder(3, 3 + 1e-9)).toBeGreaterThan(0);
  });
});

describe('Markov chains', () => {
  it.each(cases.filter((c) => c.kind === 'chain').map((c) => [c.id, c] as const))('%s', (_, c) => {
    expectClose(klRate(c.P, c.Q), c.klRate, 1e-12, 1e-300, 'klRate');
    expectClose(entropyRate(c.P), c.entropyRate, 1e-12, 1e-300, 'entropyRate');
    expectClose(klRate(c.P, c.Q, { stationary: c.stationary }), c.klRate, 1e-12, 1e-300, 'klRate, π given');
  });

  it('errors name the row, the closed classes, and a stationary vector that is not; ∞ where Q lacks a transition', () => {
    expect(() => klRate([[0.5, 0.6], [0.5, 0.5]], [[0.5, 0.5], [0.5, 0.5]])).toThrow(/P\[0\] sums to 1.1/);
    expect(() => entropyRate([[1, 0], [0, 1]])).toThrow(/2 closed classes/);
    expect(entropyRate([[1, 0], [0, 1]], { stationary: [0.5, 0.5] })).toBe(0);
    expect(() => entropyRate([[0, 1], [1, 0]], { stationary: [0.9, 0.1] })).toThrow(/not stationary/);
    expect(() => klRate([[1]], [[0.5, 0.5], [0.5, 0.5]])).toThrow(/1 states and Q 2/);
    expect(klRate([[0.5, 0.5], [0.5, 0.5]], [[1, 0], [0.5, 0.5]])).toBe(Infinity);
    expectClose(entropyRate([[0.5, 0.5], [0.5, 0.5]], { base: 2 }), 1, 1e-15);
  });
});

/** The fixture's sample rule, rebuilt bit for bit (see continuous.py). */
function specSample(s: Any): Float64Array {
  return Float64Array.from({ length: s.n }, (_, i) => (((i * s.mul) % s.mod) / s.mod) ** s.power * s.scale + s.shift);
}

describe('estimators from samples', () => {
  it.each(cases.filter((c) => c.kind === 'samples').map((c) => [c.id, c] as const))('%s: SciPy differential_entropy for every method, and k-NN entropy as cKDTree gives it', (_, c) => {
    const x = specSample(c.x);
    for (const [key, want] of Object.entries(c.spacing as Record<string, number>)) {
      const [method, w] = key.split('|');
      const r = entropyFromSamples(x, { method: method as never, ...(w === 'None' ? {} : { windowLength: Number(w) }) });
      expectClose(r.estimate, want, 1e-12, 1e-13, key);
      expect(r.duplicates).toBe(0);
    }
    for (const [k, want] of Object.entries(c.knn as Record<string, number>)) {
      expectClose(entropyFromSamples(x, { k: Number(k) }).estimate, want, 1e-12, 1e-13, `k ${k}`);
    }
  });

  it.each(cases.filter((c) => c.kind === 'samples-kl').map((c) => [c.id, c] as const))('%s: the Wang–Kulkarni–Verdú estimate as cKDTree gives it', (_, c) => {
    for (const [k, want] of Object.entries(c.kl as Record<string, number>)) {
      const r = klFromSamples(specSample(c.x), specSample(c.y), { k: Number(k) });
      expectClose(r.estimate, want, 1e-12, 1e-13, `k ${k}`);
      expect([r.n, r.k, r.dim, r.method]).toEqual([c.x.n, Number(k), 1, 'wang-kulkarni-verdu']);
    }
  });

  it('converge to the closed forms: two normals, n = 1e5, within 2%; Q given as a distribution too', () => {
    const p = normal(0, 1);
    const q = normal(0.7, 1.3);
    const x = p.sample(100000, { seed: 3 });
    const y = q.sample(100000, { seed: 4 });
    const exact = klBetween(p, q);
    expect(Math.abs(klFromSamples(x, y).estimate / exact - 1)).toBeLessThan(0.02);
    expect(Math.abs(klFromSamples(x, y, { k: 5 }).estimate / exact - 1)).toBeLessThan(0.02);
    expect(Math.abs(klFromSamples(x, q).estimate / exact - 1)).toBeLessThan(0.02);
    expect(Math.abs(entropyFromSamples(x).estimate / p.entropy() - 1)).toBeLessThan(0.01);
    expect(Math.abs(entropyFromSamples(x, { method: 'auto' }).estimate / p.entropy() - 1)).toBeLessThan(0.01);
  });

  it('duplicates: k-NN passes over ties and counts them; spacings give −∞ as SciPy; clamp; errors', () => {
    const tied = [0, 0, 1, 2, 3, 3, 3, 4.5];
    const r = entropyFromSamples(tied);
    expect(Number.isFinite(r.estimate)).toBe(true);
    expect(r.duplicates).toBe(5);
    expect(entropyFromSamples([0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8], { method: 'vasicek', windowLength: 1 }).estimate).toBe(-Infinity);
    const same = klFromSamples([0, 1, 2, 3], [0, 1, 2, 3], { clamp: true });
    expect(same.clamped).toBe(klFromSamples([0, 1, 2, 3], [0, 1, 2, 3]).estimate < 0);
    expect(same.estimate).toBeGreaterThanOrEqual(0);
    expect(() => entropyFromSamples([1, 1, 1])).toThrow(/neighbour distance is 0/);
    expect(() => entropyFromSamples([1, 2], { k: 2 })).toThrow(/k = 2 needs at least 3/);
    expect(() => entropyFromSamples([1, Number.NaN, 3])).toThrow(/x\[1\] is NaN/);
    expect(() => entropyFromSamples([1, 2, 3], { method: 'kde' as never })).toThrow(/options.method/);
    expect(() => entropyFromSamples([1, 2, 3, 4], { method: 'vasicek', windowLength: 2 })).toThrow(/windowLength/);
    expect(() => klFromSamples([1, 2, 3], poisson(2) as never)).toThrow(/discrete/);
    expect(entropyFromSamples([1, 2, 4]).n).toBe(3);
  });
});

describe('multivariate normal', () => {
  it.each(cases.filter((c) => c.kind === 'mvn-entropy').map((c) => [c.id, c] as const))('%s: entropy equals SciPy', (_, c) => {
    expectClose(multivariateNormal(c.mean, c.cov).entropy(), c.scipy, 1e-13, 1e-15);
  });

  it.each(cases.filter((c) => c.kind === 'mvn-kl').map((c) => [c.id, c] as const))('%s: klBetween against 50-digit mpmath', (_, c) => {
    const got = klBetween(multivariateNormal(c.a[0], c.a[1]), multivariateNormal(c.b[0], c.b[1]));
    // Far apart and a relative 1e-3 … 1e-10 apart alike (mvn.ts: E from Σ₀ − Σ₁ itself).
    expectClose(got, c.expected, 1e-12, 1e-300);
  });

  it('agrees with the univariate normal in one dimension; logPdf; samples have its covariance; errors', () => {
    expectClose(klBetween(multivariateNormal([0], [[1]]), multivariateNormal([1], [[4]])), klBetween(normal(0, 1), normal(1, 2)), 1e-15);
    const d = multivariateNormal([1, 2], [[2, 0.6], [0.6, 1]]);
    expectClose(d.logPdf([1, 2]), -Math.log(2 * Math.PI) - 0.5 * Math.log(2 - 0.36), 1e-14);
    const s = d.sample(100000, { seed: 5 });
    let [c01, m0, m1] = [0, 0, 0];
    for (let i = 0; i < s.rows; i++) [m0, m1] = [m0 + s.data[2 * i]!, m1 + s.data[2 * i + 1]!];
    [m0, m1] = [m0 / s.rows, m1 / s.rows];
    for (let i = 0; i < s.rows; i++) c01 += (s.data[2 * i]! - m0) * (s.data[2 * i + 1]! - m1);
    expect(Math.abs(c01 / s.rows - 0.6)).toBeLessThan(0.02);
    expect(Math.abs(m0 - 1)).toBeLessThan(0.03);
    expect(() => multivariateNormal([0, 0], [[1, 2], [2, 1]])).toThrow(/not positive definite/);
    expect(() => multivariateNormal([0, 0], [[1, 0.5], [0.4, 1]])).toThrow(/not symmetric/);
    expect(() => multivariateNormal([0, 0], [[1]])).toThrow(/must be 2×2/);
    expect(() => klBetween(multivariateNormal([0], [[1]]), normal(0, 1) as never)).toThrow(/multivariateNormal and normal/);
    expect(multivariateNormal([0, 0], [[1, 0], [0, 1e-14]]).nearlySingular).toBe(true);
    expect(d.nearlySingular).toBe(false);
  });

  it('k-NN estimators on 3-D samples equal cKDTree; 3-D normals with n = 1e5 within 2% of the closed form', () => {
    const c = cases.find((x) => x.kind === 'knn-3d')!;
    const rows = (s: Any) => {
      const data = new Float64Array(s.n * 3);
      for (let i = 0; i < s.n; i++) for (let j = 0; j < 3; j++) data[i * 3 + j] = ((i * s.muls[j]) % 1000003) / 1000003 + s.shift;
      return { data, rows: s.n, cols: 3 };
    };
    const [x, y] = [rows(c.x), rows(c.y)];
    for (const [k, want] of Object.entries(c.knn as Record<string, { kl: number; entropy: number }>)) {
      expectClose(klFromSamples(x, y, { k: Number(k) }).estimate, want.kl, 1e-12, 1e-13, `kl k ${k}`);
      expectClose(entropyFromSamples(x, { k: Number(k) }).estimate, want.entropy, 1e-12, 1e-13, `entropy k ${k}`);
    }
    const p = multivariateNormal([0, 0, 0], [[1, 0.2, 0], [0.2, 1, 0.1], [0, 0.1, 1]]);
    const q = multivariateNormal([0.5, 0, -0.3], [[1.5, 0, 0], [0, 1, 0.3], [0, 0.3, 2]]);
    const xs = p.sample(100000, { seed: 11 });
    const exact = klBetween(p, q);
    expect(Math.abs(klFromSamples(xs, q.sample(100000, { seed: 12 }), { k: 5 }).estimate / exact - 1)).toBeLessThan(0.02);
    expect(Math.abs(klFromSamples(xs, q, { k: 5 }).estimate / exact - 1)).toBeLessThan(0.02);
    expect(Math.abs(entropyFromSamples(xs, { k: 5 }).estimate / p.entropy() - 1)).toBeLessThan(0.01);
    expect(() => klFromSamples(xs, { data: new Float64Array(4), rows: 2, cols: 2 })).toThrow(/3 coordinates per sample and y 2/);
    expect(() => entropyFromSamples(xs, { method: 'vasicek' })).toThrow(/1-D samples/);
  });
});

describe('dirichlet', () => {
  it.each(cases.filter((c) => c.kind === 'dirichlet-entropy').map((c) => [c.id, c] as const))('%s: entropy equals SciPy and mpmath', (_, c) => {
    const h = dirichlet(c.alpha).entropy();
    expectClose(h, c.mp, 1e-13, 1e-14, 'mpmath');
    expectClose(h, c.scipy, 1e-13, 1e-14, 'SciPy');
  });

  it.each(cases.filter((c) => c.kind === 'dirichlet-kl').map((c) => [c.id, c] as const))('%s: klBetween against 60-digit mpmath', (_, c) => {
    expectClose(klBetween(dirichlet(c.a), dirichlet(c.b)), c.expected, 1e-12, 1e-300);
  });

  it('is the beta distribution in two categories; samples lie on the simplex with mean α/α₀; errors', () => {
    expectClose(klBetween(dirichlet([2, 5]), dirichlet([3, 4])), klBetween(beta(2, 5), beta(3, 4)), 1e-14);
    expectClose(dirichlet([2, 5]).entropy(), beta(2, 5).entropy(), 1e-14);
    const s = dirichlet([1, 2, 3]).sample(50000, { seed: 2 });
    let m0 = 0;
    for (let r = 0; r < s.rows; r++) {
      expectClose(s.data[3 * r]! + s.data[3 * r + 1]! + s.data[3 * r + 2]!, 1, 1e-15);
      m0 += s.data[3 * r]!;
    }
    expect(Math.abs(m0 / s.rows - 1 / 6)).toBeLessThan(0.005);
    expectClose(dirichlet([2, 2]).logPdf([0.5, 0.5]), Math.log(1.5), 1e-14);
    expect(() => dirichlet([1])).toThrow(/at least 2/);
    expect(() => dirichlet([1, 0])).toThrow(/alpha\[1\] is 0/);
    expect(() => klBetween(dirichlet([1, 1]), dirichlet([1, 1, 1]))).toThrow(/2 and 3 categories/);
    expect(() => klBetween(dirichlet([1, 1]), beta(1, 1) as never)).toThrow(/dirichlet and beta/);
  });
});
