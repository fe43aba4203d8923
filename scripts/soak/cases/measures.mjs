// Cases over pairs of distributions: the reductions (KL, entropy, cross-entropy, JS,
// total variation), the elementwise ones, the drift distances, mutual information and
// the tests on tables. Each draws its inputs, calls the library, and (when asked to
// check) compares with the textbook formula in ../oracle.mjs.
import * as o from '../oracle.mjs';
import { Wrong, corrupt, expect, expectClose } from '../check.mjs';

const ALL_BAD = ['nan', 'negative', 'mismatch', 'empty', 'type'];

function options(c, { base = true, normalize = false, single = false } = {}) {
  const opts = {};
  if (base && c.rng.chance(0.3)) opts.base = c.rng.pick([2, 10]);
  if (normalize && c.rng.chance(0.2)) opts.normalize = false;
  if (single && (c.kind === 'f32' || c.kind === 'module32') && c.rng.chance(0.2)) opts.precision = 'single';
  if (c.threaded) opts.threads = 2;
  return opts;
}

/** A reduction over (p, q) or p alone: f(…, opts) against oracle(…, normalize) / ln base. */
function reduction(name, call, oracle, { twoInputs = true, ...flags }) {
  return {
    name,
    threads: true,
    badKinds: twoInputs ? ALL_BAD : ['nan', 'negative', 'empty', 'type'],
    indexed: true,
    async run(c) {
      const [p, q] = c.inputs.many(twoInputs ? [['p', c.n], ['q', c.n]] : [['p', c.n]], c.kind);
      const opts = options(c, flags);
      const want = c.check ? oracle(p, q, opts.normalize ?? true) / Math.log(opts.base ?? Math.E) : undefined;
      const got = await call(c.lib, p, q, opts);
      if (!c.check) return false;
      expectClose(`${name} n=${c.n}`, got, want, opts.precision === 'single' ? 1.01e-6 : 1e-9, o.absTolerance(name === 'jsDivergence' ? 'js' : name));
      return true;
    },
    bad(c, what) {
      const [p, q] = c.inputs.many([['p', c.n], ['q', c.n]], c.kind);
      const bad = corrupt(c.rng, what, p, q);
      return { index: bad.index, argument: 'p', call: () => call(c.lib, bad.p, bad.q, c.threaded ? { threads: 2 } : undefined) };
    },
  };
}

/** An elementwise function (relEntr, klDiv): every element against the oracle. */
function elementwise(name, call, at) {
  return {
    name,
    threads: true,
    badKinds: ['mismatch', 'type'],
    async run(c) {
      const [p, q] = c.inputs.many([['p', c.n], ['q', c.n]], c.kind);
      const out = c.rng.chance(0.3) ? new Float64Array(c.n) : undefined;
      const want = c.check ? Float64Array.from({ length: c.n }, (_, i) => at(p[i], q[i])) : undefined;
      const got = await call(c.lib, p, q, out, c.threaded ? { threads: 2 } : undefined);
      if (out) expect(`${name}: the result is the out array`, got === out);
      if (!c.check) return false;
      // The oracle's x·ln(x/y) − x + y cancels where x ≈ y: its error is a few ulps of
      // x + y, not of the result, so the tolerance is relative to that.
      for (let i = 0; i < c.n; i++) {
        const tol = 1e-12 * Math.abs(want[i]) + 8 * Number.EPSILON * (Math.abs(p[i]) + Math.abs(q[i]));
        if (!(Math.abs(got[i] - want[i]) <= tol)) throw new Wrong(`${name} n=${c.n}: [${i}] ${got[i]} vs ${want[i]} (x ${p[i]}, y ${q[i]})`);
      }
      return true;
    },
    bad(c, what) {
      const [p, q] = c.inputs.many([['p', c.n], ['q', c.n]], c.kind);
      const bad = corrupt(c.rng, what, p, q);
      return { call: () => call(c.lib, bad.p, bad.q, undefined, c.threaded ? { threads: 2 } : undefined) };
    },
  };
}

/** A drift distance f(p, q, opts?) (synchronous only). */
function distance(name, call, oracle) {
  return {
    name,
    badKinds: ALL_BAD,
    indexed: true,
    run(c) {
      const [p, q] = c.inputs.many([['p', c.n], ['q', c.n]], c.kind);
      const want = c.check ? oracle(p, q) : undefined;
      const got = call(c.lib, p, q);
      if (!c.check) return false;
      expectClose(`${name} n=${c.n}`, got, want);
      return true;
    },
    bad(c, what) {
      const [p, q] = c.inputs.many([['p', c.n], ['q', c.n]], c.kind);
      const bad = corrupt(c.rng, what, p, q);
      return { index: bad.index, argument: 'p', call: () => call(c.lib, bad.p, bad.q) };
    },
  };
}

/** rows × cols with rows·cols ≤ n and rows, cols ≥ min. */
function shape(c, n, min = 1) {
  const rows = Math.max(min, Math.floor(Math.sqrt(n) * (0.5 + c.rng.next())));
  const cols = Math.max(min, Math.floor(n / rows));
  return { rows, cols };
}

/** A table-valued case: MI, the χ² test of independence, Cramér's V. */
function table(name, call, check, min) {
  return {
    name,
    badKinds: ['nan', 'negative', 'mismatch', 'type'],
    run(c) {
      const { rows, cols } = shape(c, c.n, min);
      const [data] = c.inputs.many([['p', rows * cols]], c.kind);
      const asRows = c.kind === 'array' && c.rng.chance(0.5);
      const arg = asRows ? Array.from({ length: rows }, (_, i) => data.slice(i * cols, (i + 1) * cols)) : { data, rows, cols };
      const want = c.check ? check.oracle(data, rows, cols) : undefined;
      const got = call(c.lib, arg);
      if (!c.check) return false;
      check.compare(`${name} ${rows}×${cols}`, got, want, rows, cols);
      return true;
    },
    bad(c, what) {
      const { rows, cols } = shape(c, c.n, min);
      const [data] = c.inputs.many([['p', rows * cols]], c.kind);
      if (what === 'mismatch') return { call: () => call(c.lib, { data, rows: rows + 1, cols }) };
      const bad = corrupt(c.rng, what, data, data);
      return { call: () => call(c.lib, what === 'type' ? { data: bad.p, rows, cols } : { data: bad.p, rows, cols }) };
    },
  };
}

/** A goodness-of-fit test: observed in the call's kind, expected q scaled to observed's total. */
function fitTest(name, call, statistic) {
  return {
    name,
    badKinds: ['nan', 'negative', 'mismatch', 'empty', 'type'],
    indexed: true,
    run(c) {
      const n = Math.max(2, c.n);
      const [obs, q] = c.inputs.many([['p', n], ['q', n]], c.kind);
      let so = 0, sq = 0;
      for (let i = 0; i < n; i++) { so += obs[i]; sq += q[i]; }
      const exp = Float64Array.from(q, (x) => (x * so) / sq);
      const got = call(c.lib, obs, exp);
      if (!c.check) return false;
      expectClose(`${name} statistic n=${n}`, got.statistic, statistic(obs, exp), 1e-8, 1e-10);
      expect(`${name} dof`, got.dof === n - 1, `${got.dof}`);
      expect(`${name} p-value in [0, 1]`, got.pValue >= 0 && got.pValue <= 1, `${got.pValue}`);
      return true;
    },
    bad(c, what) {
      const n = Math.max(2, c.n);
      const [obs, q] = c.inputs.many([['p', n], ['q', n]], c.kind);
      const bad = corrupt(c.rng, what, obs, q);
      return { index: bad.index, argument: 'observed', call: () => call(c.lib, bad.p, bad.q) };
    },
  };
}

const RENYI_ORDERS = [0.5, 2, 3, Infinity];

export const measureCases = [
  reduction('klDivergence', (m, p, q, opts) => m.klDivergence(p, q, opts), (p, q, nz) => o.kl(p, q, nz), { normalize: true, single: true }),
  reduction('entropy', (m, p, _q, opts) => m.entropy(p, opts), (p, _q, nz) => o.entropy(p, nz), { twoInputs: false, normalize: true, single: true }),
  reduction('crossEntropy', (m, p, q, opts) => m.crossEntropy(p, q, opts), (p, q, nz) => o.crossEntropy(p, q, nz), { normalize: true, single: true }),
  reduction('jsDivergence', (m, p, q, opts) => m.jsDivergence(p, q, opts), (p, q) => o.js(p, q), {}),
  reduction('jsDistance', (m, p, q, opts) => m.jsDistance(p, q, opts), (p, q) => Math.sqrt(o.js(p, q)), { base: false }),
  reduction('totalVariation', (m, p, q, opts) => m.totalVariation(p, q, opts), (p, q, nz) => o.totalVariation(p, q, nz), { base: false, normalize: true }),
  elementwise('relEntr', (m, p, q, out, opts) => m.relEntr(p, q, out, opts), o.relEntrAt),
  elementwise('klDiv', (m, p, q, out, opts) => m.klDiv(p, q, out, opts), o.klDivAt),
  distance('psi', (m, p, q) => m.psi(p, q), (p, q) => o.kl(p, q) + o.kl(q, p)),
  distance('hellinger', (m, p, q) => m.hellinger(p, q), o.hellinger),
  distance('bhattacharyyaCoefficient', (m, p, q) => m.bhattacharyyaCoefficient(p, q), o.bhattacharyyaCoefficient),
  distance('bhattacharyya', (m, p, q) => m.bhattacharyya(p, q), (p, q) => -Math.log(o.bhattacharyyaCoefficient(p, q))),
  distance('lInfinity', (m, p, q) => m.lInfinity(p, q), o.lInfinity),
  ...RENYI_ORDERS.map((alpha) => distance(`renyiDivergence α=${alpha}`, (m, p, q) => m.renyiDivergence(p, q, { alpha }), (p, q) => o.renyi(p, q, alpha))),
  table('mutualInformation', (m, t) => m.mutualInformation(t), {
    oracle: o.mutualInformation,
    compare: (what, got, want) => expectClose(what, got, want, 1e-9, 1e-12),
  }, 1),
  table('chi2Contingency', (m, t) => m.chi2Contingency(t), {
    oracle: o.chi2Independence,
    compare(what, got, want, rows, cols) {
      const dof = (rows - 1) * (cols - 1);
      expect(`${what} dof`, got.dof === dof, `${got.dof} vs ${dof}`);
      // Yates' correction applies only where dof = 1; the shapes here have dof ≥ 2.
      expectClose(`${what} statistic`, got.statistic, want.statistic, 1e-8, 1e-10);
      expect(`${what} p-value in [0, 1]`, got.pValue >= 0 && got.pValue <= 1, `${got.pValue}`);
    },
  }, 3),
  table('cramersV', (m, t) => m.cramersV(t), {
    oracle: (data, rows, cols) => {
      const { statistic, n } = o.chi2Independence(data, rows, cols);
      return Math.sqrt(statistic / (n * (Math.min(rows, cols) - 1)));
    },
    compare: (what, got, want) => expectClose(what, got, want, 1e-8, 1e-12),
  }, 2),
  fitTest('chiSquare', (m, obs, exp) => m.chiSquare(obs, exp), o.chiSquareStatistic),
  fitTest('gTest', (m, obs, exp) => m.gTest(obs, exp), o.gStatistic),
];
