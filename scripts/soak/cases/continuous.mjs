// Cases of the continuous module: closed forms (normal, multivariate normal, categorical,
// Markov chains) against their formulas; the sample estimators against their exact
// scale identity (doubling every sample is exact in floating point, adds ln 2 to a
// differential entropy and leaves a KL estimate unchanged); Monte Carlo KL within six
// standard errors of the closed form.
import * as o from '../oracle.mjs';
import { FLOAT_KINDS } from '../inputs.mjs';
import { corrupt, expect, expectClose } from '../check.mjs';

const doubled = (x) => Float64Array.from(x, (v) => 2 * v);
const ESTIMATOR_MAX = 1e5; // k-NN and spacing estimators sort; keep them to 1e5 samples

function normalsCase() {
  return {
    name: 'klBetween normals',
    sized: false,
    badKinds: ['nan', 'negative'],
    run(c) {
      const [m1, m2] = [c.rng.normal(), c.rng.normal()];
      const [s1, s2] = [0.1 + 3 * c.rng.next(), 0.1 + 3 * c.rng.next()];
      const got = c.lib.klBetween(c.lib.normal(m1, s1), c.lib.normal(m2, s2));
      if (!c.check) return false;
      expectClose('klBetween normal', got, o.klNormal(m1, s1, m2, s2), 1e-12, 1e-14);
      return true;
    },
    bad(c, what) {
      return { call: () => c.lib.normal(0, what === 'nan' ? NaN : -1) };
    },
  };
}

function mvnCase() {
  return {
    name: 'klBetween multivariateNormal',
    badKinds: ['negative', 'mismatch'],
    run(c) {
      const d = Math.min(32, c.n);
      const m1 = Array.from({ length: d }, () => c.rng.normal()), m2 = Array.from({ length: d }, () => c.rng.normal());
      const s1 = m1.map(() => 0.2 + c.rng.next()), s2 = m1.map(() => 0.2 + c.rng.next());
      const cov = (s) => s.map((si, i) => s.map((_, j) => (i === j ? si * si : 0)));
      const got = c.lib.klBetween(c.lib.multivariateNormal(m1, cov(s1)), c.lib.multivariateNormal(m2, cov(s2)));
      if (!c.check) return false;
      let want = 0;
      for (let i = 0; i < d; i++) want += o.klNormal(m1[i], s1[i], m2[i], s2[i]);
      expectClose(`klBetween mvn d=${d}`, got, want, 1e-10, 1e-12);
      return true;
    },
    bad(c, what) {
      const d = Math.max(2, Math.min(8, c.n));
      const mean = new Array(d).fill(0);
      const cov = mean.map((_, i) => mean.map((_, j) => (i === j ? (what === 'negative' && i === 1 ? -1 : 1) : 0)));
      return { call: () => c.lib.multivariateNormal(what === 'mismatch' ? mean.slice(1) : mean, cov) };
    },
  };
}

function categoricalCase() {
  return {
    name: 'klBetween categorical',
    badKinds: ['nan', 'negative', 'empty', 'type'],
    indexed: true,
    run(c) {
      const [p, q] = c.inputs.many([['p', c.n], ['q', c.n]], c.kind);
      const got = c.lib.klBetween(c.lib.categorical(p), c.lib.categorical(q));
      if (!c.check) return false;
      expectClose(`klBetween categorical n=${c.n}`, got, o.kl(p, q), 1e-9, 1e-12);
      return true;
    },
    bad(c, what) {
      const [p] = c.inputs.many([['p', c.n]], c.kind);
      const x = corrupt(c.rng, what, p, p);
      return { index: x.index, argument: 'probs', call: () => c.lib.categorical(x.p) };
    },
  };
}

function chainCase() {
  return {
    name: 'klRate/entropyRate',
    sized: false,
    badKinds: ['nan', 'negative'],
    run(c) {
      const [a, b, x, y] = [0, 0, 0, 0].map(() => 0.01 + 0.98 * c.rng.next());
      const P = [[1 - a, a], [b, 1 - b]], Q = [[1 - x, x], [y, 1 - y]];
      const rate = c.lib.klRate(P, Q), h = c.lib.entropyRate(P);
      if (!c.check) return false;
      const pi = o.stationary2(a, b);
      expectClose('klRate', rate, pi[0] * o.kl(P[0], Q[0]) + pi[1] * o.kl(P[1], Q[1]), 1e-10, 1e-13);
      expectClose('entropyRate', h, pi[0] * o.entropy(P[0]) + pi[1] * o.entropy(P[1]), 1e-10, 1e-13);
      return true;
    },
    bad(c, what) {
      const v = what === 'nan' ? NaN : -0.5;
      return { call: () => c.lib.entropyRate([[0.5, 0.5], [v, 1 - v]]) };
    },
  };
}

function entropyEstimatorCase() {
  return {
    name: 'entropyFromSamples',
    kinds: FLOAT_KINDS,
    maxN: ESTIMATOR_MAX,
    badKinds: ['nan', 'empty', 'type'],
    indexed: true,
    run(c) {
      const n = Math.max(8, c.n);
      const [x] = c.inputs.many([['v', n]], c.kind);
      const opts = c.rng.chance(0.3) ? { method: c.rng.pick(['vasicek', 'ebrahimi', 'van es', 'correa']) } : { k: c.rng.int(1, 4) };
      const one = c.lib.entropyFromSamples(x, opts);
      if (!c.check) return false;
      const two = c.lib.entropyFromSamples(doubled(x), opts);
      expectClose(`entropyFromSamples ${opts.method ?? `k=${opts.k}`} n=${n}: H(2x) = H(x) + ln 2`, two.estimate, one.estimate + Math.LN2, 1e-12, 1e-12);
      expect('entropyFromSamples finite', Number.isFinite(one.estimate), `${one.estimate}`);
      return true;
    },
    bad(c, what) {
      const [x] = c.inputs.many([['v', Math.max(8, c.n)]], c.kind);
      const b = corrupt(c.rng, what, x, x);
      return { index: b.index, argument: 'x', call: () => c.lib.entropyFromSamples(b.p) };
    },
  };
}

function klEstimatorCase() {
  return {
    name: 'klFromSamples',
    kinds: FLOAT_KINDS,
    maxN: ESTIMATOR_MAX,
    badKinds: ['nan', 'empty', 'type'],
    indexed: true,
    run(c) {
      const n = Math.max(8, c.n);
      const [x, y] = c.inputs.many([['v', n], ['w', n]], c.kind);
      const k = c.rng.int(1, 3);
      const one = c.lib.klFromSamples(x, y, { k });
      if (!c.check) return false;
      const two = c.lib.klFromSamples(doubled(x), doubled(y), { k });
      expectClose(`klFromSamples k=${k} n=${n}: scale invariant`, two.estimate, one.estimate, 1e-12, 1e-12);
      return true;
    },
    bad(c, what) {
      const [x, y] = c.inputs.many([['v', Math.max(8, c.n)], ['w', Math.max(8, c.n)]], c.kind);
      const b = corrupt(c.rng, what, x, y);
      return { index: b.index, argument: 'x', call: () => c.lib.klFromSamples(b.p, b.q) };
    },
  };
}

function monteCarloCase() {
  return {
    name: 'klEstimate',
    maxN: 2e4,
    badKinds: ['negative'],
    run(c) {
      const samples = Math.max(200, c.n);
      const [m1, m2, s1, s2] = [c.rng.normal(), c.rng.normal(), 0.5 + c.rng.next(), 0.5 + c.rng.next()];
      const r = c.lib.klEstimate(c.lib.normal(m1, s1), c.lib.normal(m2, s2), { samples, seed: c.rng.int(0, 2 ** 31) });
      if (!c.check) return false;
      const want = o.klNormal(m1, s1, m2, s2);
      expect(`klEstimate samples=${samples} within 6 standard errors`, Math.abs(r.estimate - want) <= 6 * r.standardError + 1e-12,
        `${r.estimate} ± ${r.standardError} vs ${want}`);
      return true;
    },
    bad(c) {
      return { call: () => c.lib.klEstimate(c.lib.normal(0, 1), c.lib.normal(1, 1), { samples: -5 }) };
    },
  };
}

export const continuousCases = [
  normalsCase(), mvnCase(), categoricalCase(), chainCase(), entropyEstimatorCase(), klEstimatorCase(), monteCarloCase(),
];
