// Properties of the statistical tests and distances on samples: chiSquare, gTest,
// chi2Contingency, cramersV, ksTest, wasserstein, histogramWasserstein. None of them
// runs on the engine (plain JS with compensated sums), so each is checked once.
//
// References: the statistics in plain doubles (Σ(o − e)²/e, 2Σ o·ln(o/e), the KS
// distance by counting, W₁ of equal-size samples as the mean gap of sorted values), and
// identities: χ²₂'s survival function is exp(−x/2); chi2Contingency is chiSquare on the
// flattened table with its expected counts; a product table is independent (χ² = 0); a
// diagonal table is perfectly associated (V = 1); KS ignores strictly monotone maps;
// W₁ is a metric that moves with translation and scales with scaling.
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { chi2Contingency, chiSquare, cramersV, gTest, histogramWasserstein, ksTest, wasserstein } from '../../src/index.js';
import { distinctSample, sample } from './arbitraries.js';
import { EPS, expectWithin, outcome } from './check.js';
import { property } from './settings.js';

const REL = 1e-12;
// Counts: whole numbers, and fractional ones kept normal (the plain references below would underflow on subnormals).
const count = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 200 }) }, { weight: 1, arbitrary: fc.double({ min: 1e-3, max: 1e4, noNaN: true }) });
const positive = fc.oneof(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0.01, max: 1e4, noNaN: true }));

/** Observed counts (2 … 20 cells, mass somewhere) and expected ones of the same total, or none. */
const goodnessCase = fc.integer({ min: 2, max: 20 }).chain((k) =>
  fc.tuple(fc.array(count, { minLength: k, maxLength: k }), fc.option(fc.array(positive, { minLength: k, maxLength: k }), { nil: undefined })).map(([o, w]) => {
    const obs = o.some((x) => x > 0) ? o : o.map((_, i) => (i === 0 ? 1 : 0));
    const total = obs.reduce((a, b) => a + b, 0);
    const wt = w?.reduce((a, b) => a + b, 0);
    const exp = w?.map((x) => (x / wt!) * total);
    return { obs, exp };
  }),
);

describe('chiSquare and gTest', () => {
  property('statistic ≥ 0 equal to the plain sums, p ∈ [0, 1], dof = k − 1 − ddof; χ²₂: p = exp(−x/2)', 200, [goodnessCase, fc.integer({ min: 0, max: 2 })], ({ obs, exp }, ddof) => {
    const k = obs.length;
    const e = exp ?? obs.map(() => obs.reduce((a, b) => a + b, 0) / k);
    if (k - 1 - ddof < 1) {
      const r = outcome(() => chiSquare(obs, exp, { ddof }));
      expect(r.ok ? 'ok' : r.argument).toBe('options.ddof');
      return;
    }
    const chi = chiSquare(obs, exp, { ddof });
    const g = gTest(obs, exp, { ddof });
    const total = obs.reduce((a, b) => a + b, 0);
    let pearson = 0;
    let scale = 0;
    let ll = 0;
    obs.forEach((o, i) => {
      pearson += ((o - e[i]!) * (o - e[i]!)) / e[i]!;
      scale += (o * o) / e[i]! + o;
      if (o > 0) ll += o * Math.log(o / e[i]!);
    });
    for (const [name, r] of [['chiSquare', chi], ['gTest', g]] as const) {
      expect(r.statistic, name).toBeGreaterThanOrEqual(0);
      expect(r.pValue, name).toBeGreaterThanOrEqual(0);
      expect(r.pValue, name).toBeLessThanOrEqual(1);
      expect(r.dof, name).toBe(k - 1 - ddof);
      if (r.dof === 2) expectWithin(r.pValue, Math.exp(-r.statistic / 2), { rel: 1e-12, abs: 1e-300 }, `${name}: χ²₂ survival`);
    }
    // The plain sums lose digits where o ≈ e: absolute tolerance in terms of the magnitudes summed.
    expectWithin(chi.statistic, pearson, { rel: REL, abs: 64 * EPS * scale }, 'χ² = Σ(o − e)²/e');
    expectWithin(g.statistic, 2 * ll, { rel: REL, abs: 64 * EPS * (2 * total + Math.abs(ll) + total * Math.max(...obs.map((o, i) => (o > 0 ? Math.abs(Math.log(o / e[i]!)) : 0)))) }, 'G = 2Σ o·ln(o/e)');
  });

  property('observed = expected gives statistic 0, p = 1; scaling both by 2^k scales the statistic; permuting cells keeps it', 150, [goodnessCase, fc.integer({ min: -30, max: 30 }), fc.integer({ min: 0, max: 2 ** 30 })], ({ obs, exp }, k, seed) => {
    for (const f of [chiSquare, gTest]) {
      const self = f(obs, obs);
      expect(self.statistic, `${f.name}(o, o)`).toBe(0);
      expect(self.pValue, `${f.name}(o, o)`).toBe(1);
      const r = f(obs, exp);
      const c = 2 ** k;
      const scaled = f(obs.map((x) => x * c), exp?.map((x) => x * c));
      expectWithin(scaled.statistic, r.statistic * c, { rel: REL, abs: 1e-300 }, `${f.name} with o, e times 2^${k}`);
      // A permutation of the cells (o and e together).
      const order = fc.sample(fc.shuffledSubarray([...obs.keys()], { minLength: obs.length, maxLength: obs.length }), { seed, numRuns: 1 })[0]!;
      const permuted = f(order.map((i) => obs[i]!), exp && order.map((i) => exp[i]!));
      expectWithin(permuted.statistic, r.statistic, { rel: REL, abs: 64 * EPS * obs.reduce((a, b) => a + b, 0) }, `${f.name} with cells permuted`);
    }
  });
});

/** A table of counts, r × c with 2 … 6 each, without a row or column of zeros. */
const table = fc.tuple(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 2, max: 6 })).chain(([r, c]) =>
  fc.array(fc.array(count, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }).map((t) => {
    // A zero row or column is an error (tested below): put 1 in the diagonal cell of each.
    const m: number[][] = t.map((row) => row.slice());
    m.forEach((row, i) => row.every((x): boolean => x === 0) && (row[i % c] = 1));
    for (let j = 0; j < c; j++) if (m.every((row) => row[j] === 0)) m[j % r]![j] = 1;
    return m;
  }),
);
const transpose = (t: number[][]) => t[0]!.map((_, j) => t.map((row) => row[j]!));

describe('chi2Contingency and cramersV', () => {
  property('chi2Contingency is chiSquare of the cells against its expected counts; transposing keeps it; V ∈ [0, 1] from the same χ²', 200, [table], (t) => {
    const r = chi2Contingency(t, { correction: false });
    const rows = t.length;
    const cols = t[0]!.length;
    expect(r.dof).toBe((rows - 1) * (cols - 1));
    const flat = t.flat();
    const vsChi = chiSquare(flat, r.expected.data, { ddof: rows + cols - 2 });
    expectWithin(r.statistic, vsChi.statistic, { rel: REL, abs: 1e-300 }, 'χ² of the table = chiSquare(cells, expected)');
    expectWithin(r.pValue, vsChi.pValue, { rel: 1e-10, abs: 1e-300 }, 'p of the table = chiSquare p');
    // Expected counts keep the margins.
    const n = flat.reduce((a, b) => a + b, 0);
    t.forEach((row, i) => expectWithin(r.expected.data.subarray(i * cols, (i + 1) * cols).reduce((a, b) => a + b, 0), row.reduce((a, b) => a + b, 0), { rel: 1e-13, abs: 1e-13 * n }, `row ${i} of expected`));
    const tr = chi2Contingency(transpose(t), { correction: false });
    expectWithin(tr.statistic, r.statistic, { rel: REL, abs: 64 * EPS * n }, 'χ² of the transpose');
    expect(tr.dof).toBe(r.dof);
    const corrected = chi2Contingency(t);
    expect(corrected.statistic).toBeGreaterThanOrEqual(0);
    // Yates' correction only moves counts toward the expected ones: never a larger statistic.
    expect(corrected.statistic).toBeLessThanOrEqual(r.statistic * (1 + REL) + 1e-300);
    const v = cramersV(t);
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(1 + 4 * EPS);
    expectWithin(v, Math.sqrt(r.statistic / (n * (Math.min(rows, cols) - 1))), { rel: REL }, 'V = √(χ²/(n(min − 1)))');
    expectWithin(cramersV(transpose(t)), v, { rel: REL, abs: 1e-7 }, 'V of the transpose');
  });

  property('a product table uᵢ·vⱼ: χ² = 0, p = 1, V = 0; a diagonal table: V = 1', 100, [fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 2, maxLength: 6 }), fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 2, maxLength: 6 })], (u, w) => {
    const t = u.map((a) => w.map((b) => a * b));
    for (const correction of [false, true]) {
      const r = chi2Contingency(t, { correction });
      // Expected counts row·col/total of integers: exact up to the one division's rounding.
      expect(r.statistic, `χ² of u ⊗ v (correction ${correction})`).toBeLessThanOrEqual(64 * EPS * EPS * u.reduce((a, b) => a + b, 0) * w.reduce((a, b) => a + b, 0));
      expectWithin(r.pValue, 1, { abs: 1e-12 }, 'p of u ⊗ v');
    }
    expect(cramersV(t)).toBeLessThanOrEqual(1e-7);
    const k = Math.min(u.length, w.length);
    const diag = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? u[i]! : 0)));
    expectWithin(cramersV(diag), 1, { rel: 4 * EPS }, `V of diag(${u.slice(0, k)})`);
  });
});

/** F_a − F_b at every pooled value, counted: the KS distance by definition. */
function ksPlain(a: number[], b: number[]): number {
  let d = 0;
  for (const t of [...a, ...b]) {
    const fa = a.filter((x) => x <= t).length / a.length;
    const fb = b.filter((x) => x <= t).length / b.length;
    d = Math.max(d, Math.abs(fa - fb));
  }
  return d;
}

describe('ksTest', () => {
  const samples = fc.tuple(sample(1, 40), sample(1, 40));
  property('D ∈ [0, 1] is the counted sup |F_a − F_b|, symmetric; p ∈ [0, 1]; D(a, a) = 0 with p = 1', 150, [samples, fc.constantFrom<'auto' | 'exact' | 'asymp'>('auto', 'exact', 'asymp')], ([a, b], method) => {
    const r = ksTest(a, b, { method });
    expect(r.statistic).toBeGreaterThanOrEqual(0);
    expect(r.statistic).toBeLessThanOrEqual(1);
    expect(r.pValue).toBeGreaterThanOrEqual(0);
    expect(r.pValue).toBeLessThanOrEqual(1);
    expectWithin(r.statistic, ksPlain(a, b), { abs: 4 * EPS }, 'D by counting');
    const s = ksTest(b, a, { method });
    expect(s.statistic, 'D(b, a)').toBe(r.statistic);
    expect(s.pValue, 'p(b, a)').toBe(r.pValue);
    const self = ksTest(a, a.slice().reverse(), { method });
    expect(self.statistic).toBe(0);
    expect(self.pValue).toBe(1);
  });

  property('a strictly monotone map (2x + 1, −x, applied to both) keeps D and p', 120, [fc.tuple(distinctSample(1, 40), distinctSample(1, 40))], ([a, b]) => {
    // Values are multiples of 1/1024 below 1e3: 2x + 1 and −x are exact and keep the order (reversed for −x).
    const r = ksTest(a, b);
    for (const [what, f] of [['2x + 1', (x: number) => 2 * x + 1], ['−x', (x: number) => -x]] as const) {
      const m = ksTest(a.map(f), b.map(f));
      expect(m.statistic, `D under ${what}`).toBe(r.statistic);
      expect(m.pValue, `p under ${what}`).toBe(r.pValue);
    }
  });
});

/** W₁ of two samples of one size: the mean gap of their sorted values. */
const wEqualSizes = (x: number[], y: number[]) => {
  const a = x.slice().sort((p, q) => p - q);
  const b = y.slice().sort((p, q) => p - q);
  return a.reduce((s, v, i) => s + Math.abs(v - b[i]!), 0) / a.length;
};

describe('wasserstein and histogramWasserstein', () => {
  // Multiples of 1/1024 below 1e3, so that translation by a dyadic c and scaling by 2^k are exact.
  const dyadic = (min: number, max: number) => fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }).map((v) => v / 1024), { minLength: min, maxLength: max });
  property('a metric: ≥ 0, W(x, x) = 0, symmetric, triangle inequality; equal sizes: the mean sorted gap', 150, [dyadic(1, 40), dyadic(1, 40), dyadic(1, 40)], (x, y, z) => {
    const xy = wasserstein(x, y);
    expect(xy).toBeGreaterThanOrEqual(0);
    expect(wasserstein(x, x.slice().reverse())).toBe(0);
    expectWithin(wasserstein(y, x), xy, { rel: 4 * EPS }, 'W symmetric');
    expect(wasserstein(x, z), 'triangle inequality').toBeLessThanOrEqual((xy + wasserstein(y, z)) * (1 + 8 * EPS));
    if (x.length === y.length) expectWithin(xy, wEqualSizes(x, y), { rel: 1e-13, abs: 1e-12 }, 'W = mean |x₍ᵢ₎ − y₍ᵢ₎|');
    // Equal weights, in any scale, are no weights.
    expectWithin(wasserstein(x, y, { uWeights: x.map(() => 3), vWeights: y.map(() => 0.25) }), xy, { rel: 1e-13, abs: 1e-13 }, 'W with constant weights');
  });

  property('translation: W(x + c, x) = |c|, W(x + c, y + c) = W(x, y); scaling: W(2^k·x, 2^k·y) = 2^k·W(x, y)', 150, [dyadic(1, 40), dyadic(1, 40), fc.integer({ min: -4096, max: 4096 }).map((v) => v / 64), fc.integer({ min: -20, max: 20 })], (x, y, c, k) => {
    const xy = wasserstein(x, y);
    expectWithin(wasserstein(x.map((v) => v + c), x), Math.abs(c), { rel: 1e-13, abs: 0 }, `W(x + ${c}, x)`);
    expectWithin(wasserstein(x.map((v) => v + c), y.map((v) => v + c)), xy, { rel: 1e-13, abs: 0 }, `W(x + ${c}, y + ${c})`);
    const s = 2 ** k;
    expectWithin(wasserstein(x.map((v) => v * s), y.map((v) => v * s)), xy * s, { rel: 4 * EPS, abs: 0 }, `W(2^${k}x, 2^${k}y)`);
  });

  const histPair = fc.integer({ min: 1, max: 30 }).chain((n) =>
    fc.tuple(
      fc.array(count, { minLength: n, maxLength: n }),
      fc.array(count, { minLength: n, maxLength: n }),
      fc.uniqueArray(fc.integer({ min: -10_000, max: 10_000 }), { minLength: n + 1, maxLength: n + 1 }).map((e) => e.sort((a, b) => a - b).map((v) => v / 16)),
    ),
  ).map(([p, q, e]) => [p.some((x) => x > 0) ? p : p.map(() => 1), q.some((x) => x > 0) ? q : q.map(() => 1), e] as const);
  property('histogramWasserstein = wasserstein of the bin centres weighted by p and q; 0 for q ∝ p', 150, [histPair, fc.integer({ min: -10, max: 10 })], ([p, q, edges], k) => {
    const centres = p.map((_, i) => (edges[i]! + edges[i + 1]!) / 2);
    const h = histogramWasserstein(p, q, edges);
    const span = edges[edges.length - 1]! - edges[0]!;
    expectWithin(h, wasserstein(centres, centres, { uWeights: p, vWeights: q }), { rel: 1e-12, abs: 1e-13 * span }, 'W of histograms = W of weighted centres');
    expectWithin(histogramWasserstein(q, p, edges), h, { rel: 1e-13, abs: 1e-14 * span }, 'histogramWasserstein symmetric');
    expect(histogramWasserstein(p, p.map((x) => x * 2 ** k), edges), 'q = 2^k·p').toBeLessThanOrEqual(1e-15 * span);
  });
});

describe('bad input: a typed error naming the argument, and the next call works', () => {
  const bad = fc.constantFrom<[string, () => unknown, string]>(
    ['chiSquare empty', () => chiSquare([]), 'observed'],
    ['chiSquare NaN', () => chiSquare([1, NaN]), 'observed'],
    ['chiSquare negative', () => chiSquare([1, -1]), 'observed'],
    ['chiSquare lengths', () => chiSquare([1, 2], [3]), 'expected'],
    ['chiSquare totals', () => chiSquare([1, 2], [1, 1]), 'expected'],
    ['gTest ddof', () => gTest([1, 2], undefined, { ddof: 1 }), 'options.ddof'],
    ['gTest string', () => gTest('12' as never), 'observed'],
    ['chi2Contingency zero row', () => chi2Contingency([[0, 0], [1, 2]]), 'table'],
    ['chi2Contingency correction', () => chi2Contingency([[1, 2], [3, 4]], { correction: 1 as never }), 'options.correction'],
    ['cramersV one row', () => cramersV([[1, 2]]), 'table'],
    ['ksTest NaN', () => ksTest([1, NaN], [1]), 'a'],
    ['ksTest empty', () => ksTest([1], []), 'b'],
    ['ksTest method', () => ksTest([1], [2], { method: 'x' as never }), 'options.method'],
    ['wasserstein ∞', () => wasserstein([1], [Infinity]), 'v'],
    ['wasserstein weights length', () => wasserstein([1, 2], [1], { uWeights: [1] }), 'options.uWeights'],
    ['wasserstein weights zero', () => wasserstein([1], [1], { vWeights: [0] }), 'options.vWeights'],
    ['histogramWasserstein edges', () => histogramWasserstein([1, 2], [2, 1], [0, 1]), 'edges'],
    ['histogramWasserstein lengths', () => histogramWasserstein([1, 2], [2], [0, 1, 2]), 'q'],
  );
  property('each bad call throws InputTypeError/InputRangeError naming its argument; the next call works', 40, [bad], ([what, call, argument]) => {
    const r = outcome(call);
    expect(r.ok, `${what} must throw`).toBe(false);
    if (r.ok) return;
    expect(['InputTypeError', 'InputRangeError'], `${what}: ${r.error}`).toContain(r.name);
    expect(r.argument, `${what}: ${r.error}`).toBe(argument);
    expect(chiSquare([16, 18, 16, 14, 12, 12]).statistic).toBe(2);
    expect(wasserstein([0, 1, 3], [5, 6, 8])).toBe(5);
  });
});
