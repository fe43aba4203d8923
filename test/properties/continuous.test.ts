// Properties of the continuous functions: klBetween's closed forms (0 on equal
// parameters, ≥ 0, against the defining sum or a quadrature of logPdf, invariant under
// the maps every family is closed under), multivariateNormal and dirichlet (diagonal
// MVN = sum of normals, 2-D Dirichlet = Beta), the sample estimators (translation and
// power-of-two scaling act exactly on distances), the chain rates (klRate(P, P) = 0,
// entropyRate ≤ ln n with equality for the uniform chain, = H(row) for a circulant
// chain), and klEstimate (0 for a against itself; variational = closed form for one
// component). Categorical KL and the entropy rate run on the engine: every backend.
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import {
  bernoulli,
  beta,
  categorical,
  dirichlet,
  entropy,
  entropyFromSamples,
  entropyRate,
  exponential,
  gamma,
  gaussianMixture,
  klBetween,
  klDivergence,
  klEstimate,
  klFromSamples,
  klRate,
  laplace,
  multivariateNormal,
  normal,
  poisson,
  uniform,
  type Distribution,
} from '../../src/index.js';
import { distinctSample, distribution } from './arbitraries.js';
import { BACKENDS, EPS, expectWithin, on, outcome } from './check.js';
import { property } from './settings.js';

const pos = (min = 0.05, max = 20) => fc.double({ min, max, noNaN: true });
const loc = fc.integer({ min: -4096, max: 4096 }).map((v) => v / 64);
const unit = fc.double({ min: 0, max: 1, noNaN: true });

/** Two members of one family, drawn independently or one a small perturbation of the other. */
const familyPair = fc.oneof(
  fc.tuple(loc, pos(), loc, pos()).map(([m1, s1, m2, s2]) => [normal(m1, s1), normal(m2, s2)]),
  fc.tuple(pos(), pos()).map(([a, b]) => [exponential(a), exponential(b)]),
  fc.tuple(pos(), pos(), pos(), pos()).map(([a, b, c, d]) => [gamma(a, b), gamma(c, d)]),
  fc.tuple(pos(), pos(), pos(), pos()).map(([a, b, c, d]) => [beta(a, b), beta(c, d)]),
  fc.tuple(loc, pos(), loc, pos()).map(([l1, w1, l2, w2]) => [uniform(l1, l1 + w1), uniform(l2, l2 + w2)]),
  fc.tuple(loc, pos(), loc, pos()).map(([m1, s1, m2, s2]) => [laplace(m1, s1), laplace(m2, s2)]),
  fc.tuple(pos(0.05, 50), pos(0.05, 50)).map(([a, b]) => [poisson(a), poisson(b)]),
  fc.tuple(unit, unit).map(([p, q]) => [bernoulli(p), bernoulli(q)]),
).map((pair) => pair as [Distribution, Distribution]);

describe('klBetween on the 1-D families', () => {
  property('KL(a‖a) = 0, KL(a‖b) ≥ 0, base 2 is nats / ln 2', 200, [familyPair], ([a, b]) => {
    expect(klBetween(a, a), `KL(${a.family}‖itself)`).toBe(0);
    const k = klBetween(a, b);
    expect(k, `KL ${JSON.stringify(a.params)} ‖ ${JSON.stringify(b.params)}`).toBeGreaterThanOrEqual(0);
    expectWithin(klBetween(a, b, { base: 2 }), k / Math.LN2, { rel: 4 * EPS }, 'KL in bits');
  });

  property('poisson and bernoulli: the closed form is the defining sum Σ p(k)·(ln p(k) − ln q(k)) of logPdf', 100, [fc.oneof(familyPair.filter(([a]) => a.family === 'poisson' || a.family === 'bernoulli'), fc.tuple(pos(0.05, 50), pos(0.05, 50)).map(([a, b]): [Distribution, Distribution] => [poisson(a), poisson(b)]))], ([a, b]) => {
    let s = 0;
    let abs = 0;
    const top = a.family === 'bernoulli' ? 1 : Math.ceil(a.params.rate! + 40 * Math.sqrt(a.params.rate!) + 40);
    for (let k = 0; k <= top; k++) {
      const la = a.logPdf(k);
      if (la === -Infinity) continue;
      const term = Math.exp(la) * (la - b.logPdf(k));
      s += term;
      abs += Math.abs(term);
    }
    expectWithin(klBetween(a, b), s, { rel: 1e-12, abs: 1e-12 * abs + 1e-15 }, `KL(${JSON.stringify(a.params)}‖${JSON.stringify(b.params)}) by the sum`);
  });

  property('normal: the closed form is a quadrature of ∫ p·ln(p/q); unchanged under a common map x → 2^k·x + c', 100, [fc.tuple(loc, pos(0.2, 5), loc, pos(0.2, 5)), fc.integer({ min: -20, max: 20 }), loc], ([m1, s1, m2, s2], k, c) => {
    const a = normal(m1, s1);
    const b = normal(m2, s2);
    const kl = klBetween(a, b);
    // Simpson's rule over μ₁ ± 14σ₁ (the rest of the mass is below e^-98): smooth integrand, error ≪ 1e-9.
    const n = 4000;
    const h = (28 * s1) / n;
    let sum = 0;
    for (let i = 0; i <= n; i++) {
      const x = m1 - 14 * s1 + i * h;
      const la = a.logPdf(x);
      const f = Math.exp(la) * (la - b.logPdf(x));
      sum += f * (i === 0 || i === n ? 1 : i % 2 ? 4 : 2);
    }
    expectWithin(kl, (sum * h) / 3, { rel: 1e-8, abs: 1e-10 }, 'normal KL by quadrature');
    const s = 2 ** k;
    // Means are multiples of 1/64 and c too: 2^k·m + c is exact, so are the differences.
    expectWithin(klBetween(normal(s * m1 + c, s * s1), normal(s * m2 + c, s * s2)), kl, { rel: 1e-13, abs: 1e-300 }, `normal KL under x → 2^${k}x + ${c}`);
    expectWithin(klBetween(laplace(s * m1 + c, s * s1), laplace(s * m2 + c, s * s2)), klBetween(laplace(m1, s1), laplace(m2, s2)), { rel: 1e-13, abs: 1e-300 }, 'laplace KL under the map');
    // Uniform ends: widths rounded to multiples of 1/64 too, so every end maps exactly.
    const [w1, w2] = [Math.max(1, Math.round(s1 * 64)) / 64, Math.max(1, Math.round(s2 * 64)) / 64];
    expectWithin(klBetween(uniform(s * m1 + c, s * (m1 + w1) + c), uniform(s * m2 + c, s * (m2 + w2) + c)), klBetween(uniform(m1, m1 + w1), uniform(m2, m2 + w2)), { rel: 1e-13, abs: 1e-300 }, 'uniform KL under the map');
    // Rates scale inversely: a common factor on the rates leaves exponential and gamma KL alone.
    expectWithin(klBetween(exponential(s1 * s), exponential(s2 * s)), klBetween(exponential(s1), exponential(s2)), { rel: 1e-13, abs: 1e-300 }, 'exponential KL, rates × 2^k');
    expectWithin(klBetween(gamma(s1, s2 * s), gamma(s2, s1 * s)), klBetween(gamma(s1, s2), gamma(s2, s1)), { rel: 1e-12, abs: 1e-300 }, 'gamma KL, rates × 2^k');
  });

  property('categorical: KL is klDivergence of the probabilities, on every backend; 0 against itself', 100, [distribution.chain((p) => fc.tuple(fc.constant(p), fc.array(pos(1e-3, 1e3), { minLength: p.length, maxLength: p.length })))], ([p, q]) => {
    for (const name of BACKENDS) {
      on(name, () => {
        const a = categorical(p);
        expectWithin(klBetween(a, categorical(q)), klDivergence(p, q), { rel: 1e-12 }, `categorical KL on ${name}`);
        expect(klBetween(a, categorical(p.map((x) => x * 4)))).toBe(0);
      });
    }
  });
});

describe('multivariateNormal and dirichlet', () => {
  property('diagonal MVN: KL is the sum of the coordinates’ normal KLs; KL(a‖a) = 0; ≥ 0 for a full covariance', 100, [fc.integer({ min: 1, max: 4 }).chain((d) => fc.tuple(fc.array(fc.tuple(loc, pos(0.2, 5), loc, pos(0.2, 5)), { minLength: d, maxLength: d }), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: d * d, maxLength: d * d })))], ([coords, mix]) => {
    const d = coords.length;
    const diag = (i: number) => coords.map((c, j) => coords.map((_, l) => (j === l ? c[i]! ** 2 : 0)));
    const a = multivariateNormal(coords.map((c) => c[0]), diag(1));
    const b = multivariateNormal(coords.map((c) => c[2]), diag(3));
    const sum = coords.reduce((s, [m1, s1, m2, s2]) => s + klBetween(normal(m1, s1), normal(m2, s2)), 0);
    expectWithin(klBetween(a, b), sum, { rel: 1e-11, abs: 1e-14 }, 'diagonal MVN KL = Σ normal KL');
    expect(klBetween(a, a)).toBeLessThanOrEqual(1e-15);
    // A full covariance A·Aᵀ + I (positive definite).
    const A = (i: number, j: number) => mix[i * d + j]!;
    const full = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => Array.from({ length: d }, (_, k) => A(i, k) * A(j, k)).reduce((x, y) => x + y, 0) + (i === j ? 1 : 0)));
    const f = multivariateNormal(coords.map((c) => c[0]), full);
    expect(klBetween(f, b)).toBeGreaterThanOrEqual(0);
    expect(klBetween(b, f)).toBeGreaterThanOrEqual(0);
    expect(Math.abs(klBetween(f, f))).toBeLessThanOrEqual(1e-12);
  });

  property('Dirichlet: KL(a‖a) = 0, ≥ 0; two components are the Beta KL', 100, [fc.integer({ min: 2, max: 6 }).chain((k) => fc.tuple(fc.array(pos(0.1, 30), { minLength: k, maxLength: k }), fc.array(pos(0.1, 30), { minLength: k, maxLength: k })))], ([a, b]) => {
    const da = dirichlet(a);
    expect(klBetween(da, da)).toBe(0);
    const kl = klBetween(da, dirichlet(b));
    expect(kl).toBeGreaterThanOrEqual(0);
    const two = klBetween(dirichlet(a.slice(0, 2)), dirichlet(b.slice(0, 2)));
    expectWithin(two, klBetween(beta(a[0]!, a[1]!), beta(b[0]!, b[1]!)), { rel: 1e-10, abs: 1e-14 }, 'Dir(a₁, a₂) ‖ Dir(b₁, b₂) = Beta KL');
  });
});

describe('entropyFromSamples and klFromSamples', () => {
  // Distinct multiples of 1/1024: shifts by a multiple of 1/64 and scaling by 2^k are exact.
  const shift = fc.integer({ min: -64_000, max: 64_000 }).map((v) => v / 64);
  const methods = fc.constantFrom(undefined, 'vasicek', 'van es', 'ebrahimi', 'correa');
  property('entropy estimates: translation leaves them, x → 2^k·x adds k·ln 2 (1-D, every method)', 120, [distinctSample(8, 80), shift, fc.integer({ min: -20, max: 20 }), methods], (x, c, k, method) => {
    const opts = method ? { method } : {};
    const h = entropyFromSamples(x, opts).estimate;
    expect(Number.isFinite(h), `estimate ${h}`).toBe(true);
    expectWithin(entropyFromSamples(x.map((v) => v + c), opts).estimate, h, { abs: 1e-12 * (1 + Math.abs(h)) }, `H(x + ${c}) (${method ?? 'k-NN'})`);
    expectWithin(entropyFromSamples(x.map((v) => v * 2 ** k), opts).estimate, h + k * Math.LN2, { abs: 1e-12 * (1 + Math.abs(h) + Math.abs(k)) }, `H(2^${k}·x) (${method ?? 'k-NN'})`);
    expectWithin(entropyFromSamples(x, { ...opts, base: 2 }).estimate, h / Math.LN2, { rel: 4 * EPS, abs: 1e-300 }, 'H in bits');
  });

  property('KL estimates: unchanged when both samples shift or scale by 2^k; clamp gives max(0, estimate)', 100, [distinctSample(6, 60), distinctSample(6, 60), shift, fc.integer({ min: -20, max: 20 })], (x, y, c, k) => {
    const r = klFromSamples(x, y);
    expectWithin(klFromSamples(x.map((v) => v + c), y.map((v) => v + c)).estimate, r.estimate, { abs: 1e-12 * (1 + Math.abs(r.estimate)) }, `KL(x + ${c}, y + ${c})`);
    expectWithin(klFromSamples(x.map((v) => v * 2 ** k), y.map((v) => v * 2 ** k)).estimate, r.estimate, { abs: 1e-12 * (1 + Math.abs(r.estimate)) }, `KL(2^${k}x, 2^${k}y)`);
    const cl = klFromSamples(x, y, { clamp: true });
    expect(cl.estimate).toBe(Math.max(0, r.estimate));
    expect(cl.clamped).toBe(r.estimate < 0);
  });
});

/** A row-stochastic n × n matrix with every entry > 0 (irreducible, aperiodic). */
const chain = (n: number) => fc.array(fc.array(pos(0.01, 10), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }).map((m) => m.map((row) => {
  const s = row.reduce((a, b) => a + b, 0);
  return row.map((v) => v / s);
}));

describe('klRate and entropyRate', () => {
  property('klRate(P, P) = 0, klRate(P, Q) ≥ 0; 0 ≤ entropyRate ≤ ln n, = ln n for the uniform chain, = H(row) for a circulant one', 100, [fc.integer({ min: 2, max: 6 }).chain((n) => fc.tuple(chain(n), chain(n), fc.array(pos(0.01, 10), { minLength: n, maxLength: n })))], ([P, Q, r]) => {
    const n = P.length;
    for (const name of BACKENDS) {
      on(name, () => {
        expect(klRate(P, P), `klRate(P, P) on ${name}`).toBe(0);
        expect(klRate(P, Q)).toBeGreaterThanOrEqual(0);
        const h = entropyRate(P);
        expect(h).toBeGreaterThanOrEqual(0);
        expect(h).toBeLessThanOrEqual(Math.log(n) * (1 + 1e-12));
        const U = P.map((row) => row.map(() => 1 / n));
        expectWithin(entropyRate(U), Math.log(n), { rel: 1e-12 }, `entropyRate of the uniform chain on ${name}`);
        // Circulant rows (shifts of one row): doubly stochastic, π uniform, rate = H(row).
        const s = r.reduce((a, b) => a + b, 0);
        const row = r.map((v) => v / s);
        const C = row.map((_, i) => row.map((_, j) => row[(j - i + n) % n]!));
        expectWithin(entropyRate(C), entropy(row), { rel: 1e-12 }, `entropyRate of a circulant chain on ${name}`);
        expectWithin(entropyRate(P, { base: 2 }), h / Math.LN2, { rel: 4 * EPS }, 'entropy rate in bits');
      });
    }
  });
});

describe('gaussianMixture and klEstimate', () => {
  property('KL(a‖a) by Monte Carlo is 0; one-component variational is the closed form; a seed repeats the estimate', 60, [fc.tuple(loc, pos(0.2, 5), loc, pos(0.2, 5)), fc.array(pos(0.1, 5), { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 2 ** 30 })], ([m1, s1, m2, s2], w, seed) => {
    const a = normal(m1, s1);
    const b = normal(m2, s2);
    const mix = gaussianMixture(w, w.map((_, i) => normal(m1 + i, s1)));
    expect(klEstimate(mix, mix, { samples: 200, seed }).estimate).toBe(0);
    expectWithin(klEstimate(gaussianMixture([1], [a]), b, { method: 'variational' }).estimate, klBetween(a, b), { rel: 1e-12, abs: 1e-15 }, 'variational, one component');
    const e1 = klEstimate(mix, b, { samples: 200, seed });
    expect(klEstimate(mix, b, { samples: 200, seed })).toEqual(e1);
    expect(mix.weights.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 14);
  });
});

describe('bad input: a typed error naming the argument, and the next call works', () => {
  const bad = fc.constantFrom<[string, () => unknown, string]>(
    ['normal sd 0', () => normal(0, 0), 'sd'],
    ['normal mean NaN', () => normal(NaN, 1), 'mean'],
    ['normal mean string', () => normal('0' as never, 1), 'mean'],
    ['gamma shape −1', () => gamma(-1, 1), 'shape'],
    ['beta b ∞', () => beta(1, Infinity), 'b'],
    ['uniform lo NaN', () => uniform(NaN, 1), 'lo'],
    ['poisson rate 0', () => poisson(0), 'rate'],
    ['bernoulli p 2', () => bernoulli(2), 'p'],
    ['dirichlet one entry', () => dirichlet([1]), 'alpha'],
    ['multivariateNormal mean NaN', () => multivariateNormal([NaN], [[1]]), 'mean'],
    ['klRate not square', () => klRate([[1, 0]], [[1, 0]]), 'P'],
    ['entropyRate rows not stochastic', () => entropyRate([[0.5, 0.6], [0.5, 0.5]]), 'P'],
    ['entropyFromSamples empty', () => entropyFromSamples([]), 'x'],
    ['entropyFromSamples NaN', () => entropyFromSamples([1, NaN, 3]), 'x'],
    ['klFromSamples y empty', () => klFromSamples([1, 2, 3], []), 'y'],
    ['gaussianMixture weight −1', () => gaussianMixture([-1], [normal(0, 1)]), 'weights'],
  );
  property('each bad call throws InputTypeError/InputRangeError naming its argument; the next call works', 40, [bad], ([what, call, argument]) => {
    const r = outcome(call);
    expect(r.ok, `${what} must throw`).toBe(false);
    if (r.ok) return;
    expect(['InputTypeError', 'InputRangeError'], `${what}: ${r.error}`).toContain(r.name);
    expect(r.argument, `${what}: ${r.error}`).toMatch(new RegExp(`^${argument}`));
    expect(klBetween(normal(0, 1), normal(1, 2))).toBe(0.4431471805599453);
  });

  property('klBetween across families is an InputTypeError', 20, [familyPair, familyPair], ([a], [b]) => {
    if (a.family === b.family) return;
    const r = outcome(() => klBetween(a, b));
    expect(r.ok ? 'ok' : r.name, `${a.family} vs ${b.family}`).toBe('InputTypeError');
  });
});
