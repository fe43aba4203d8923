// The two-sample Kolmogorov–Smirnov test, two-sided, as scipy.stats.ks_2samp: the
// statistic D = max |F_a − F_b| over the pooled values, and its p-value P(D ≥ d)
//   'exact': the share of the lattice paths from (0, 0) to (m, n) that leave the band
//            |x/m − y/n| < d (Hodges), computed as that share directly so small
//            p-values keep their digits (the recursion of Viehmann, 2021);
//   'asymp': the one-sample distribution of D at n = round(m·n/(m + n)) (kstwo,
//            numeric/kolmogorov.ts);
//   'auto':  exact while both samples have at most 10,000 values, as SciPy.
import { InputRangeError, InputTypeError } from '../errors.js';
import { kolmogorovSurvival } from '../numeric/kolmogorov.js';
import type { Vector } from '../types.js';
import { describe, requireKnownKeys } from '../validate.js';
import { sampleOf } from './samples.js';

/** How `ksTest` computes the p-value, as scipy.stats.ks_2samp's `method` ('auto': exact for small samples). */
export type KsMethod = 'auto' | 'exact' | 'asymp';

/** What `ksTest` returns. */
export interface KsResult {
  /** D = max |F_a − F_b|; under 'exact', rounded to the multiple of 1/lcm(m, n) it is, as SciPy. */
  statistic: number;
  /** The two-sided p-value. */
  pValue: number;
  /** The method used: 'exact' where asked for and the lattice is small enough, else 'asymp'. */
  method: 'exact' | 'asymp';
  /** The pooled value at which D is reached. */
  statisticLocation: number;
  /** +1 where F_a − F_b reaches D there, −1 where F_b − F_a does. */
  statisticSign: 1 | -1;
}

/** SciPy's 'auto' limit: exact while neither sample is larger. */
const MAX_AUTO_N = 10000;
/** Exact needs lcm(m, n)/gcd-reduced sizes whose product stays below 2³¹ − 1 (SciPy's limit). */
const MAX_LATTICE = 2 ** 31 - 1;

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * The two-sided two-sample Kolmogorov–Smirnov test, equal to scipy.stats.ks_2samp.
 * NaN is an error (SciPy would return NaN); ±Infinity is an ordinary value. An empty
 * sample is an InputRangeError.
 * @example
 * ```ts
 * import { ksTest } from 'infodiv';
 * const r = ksTest([1, 2, 3, 4], [3, 4, 5, 6, 7]);
 * r.statistic; // 0.6
 * r.pValue; // 0.2857142857142857
 * r.method; // 'exact'
 * ```
 */
export function ksTest(a: Vector, b: Vector, opts: { method?: KsMethod } = {}): KsResult {
  if (opts === null || typeof opts !== 'object') throw new InputTypeError(`options must be an object, got ${describe(opts)}`, 'options');
  requireKnownKeys(opts, ['method']);
  const asked = opts.method ?? 'auto';
  if (asked !== 'auto' && asked !== 'exact' && asked !== 'asymp') {
    throw new InputRangeError(`options.method is ${describe(asked)}; expected 'auto', 'exact' or 'asymp'`, 'options.method');
  }
  const x = sampleOf(a, 'a', { infinite: true }).sort();
  const y = sampleOf(b, 'b', { infinite: true }).sort();
  const n1 = x.length;
  const n2 = y.length;
  const s = statistic(x, y);
  const g = gcd(n1, n2);
  let method: 'exact' | 'asymp' = asked === 'auto' ? (Math.max(n1, n2) <= MAX_AUTO_N ? 'exact' : 'asymp') : asked;
  if (method === 'exact' && n1 / g >= MAX_LATTICE / (n2 / g)) method = 'asymp';
  let d = s.d;
  let p: number;
  if (method === 'exact') {
    const lcm = (n1 / g) * n2;
    const h = Math.round(d * lcm);
    d = h / lcm;
    p = h === 0 ? 1 : n1 === n2 ? outsideSquare(n1, h) : outsideBand(n1, n2, g, h);
  } else {
    const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
    // SciPy's n = round(1/2) = 0 for 1 against 1 value gives NaN; here it is at least 1.
    p = kolmogorovSurvival(Math.max(1, roundHalfEven((m * n) / (m + n))), d);
  }
  return { statistic: d, pValue: Math.min(1, Math.max(0, p)), method, statisticLocation: s.location, statisticSign: s.sign };
}

/** NumPy's round: halves to the even neighbour. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * D and where it is reached, as SciPy finds it: F_a − F_b at every value of a then of
 * b (each sorted), F counting the values ≤ it; the first extreme wins a tie, and the
 * lower tail wins only when it is strictly larger.
 */
function statistic(x: Float64Array, y: Float64Array): { d: number; location: number; sign: 1 | -1 } {
  const [n1, n2] = [x.length, y.length];
  let max = -Infinity;
  let min = Infinity;
  let atMax = 0;
  let atMin = 0;
  for (const values of [x, y]) {
    let i = 0;
    let j = 0;
    for (const v of values) {
      while (i < n1 && x[i]! <= v) i++;
      while (j < n2 && y[j]! <= v) j++;
      const diff = i / n1 - j / n2;
      if (diff > max) [max, atMax] = [diff, v];
      if (diff < min) [min, atMin] = [diff, v];
    }
  }
  const lower = Math.min(1, Math.max(0, -min));
  return lower > max ? { d: lower, location: atMin, sign: -1 } : { d: max, location: atMax, sign: 1 };
}

/**
 * P(D ≥ h/n) for two samples of n: 2·Σₖ (−1)^(k−1)·C(2n, n − kh)/C(2n, n). With
 * rₖ = C(2n, n − kh)/C(2n, n) that is 2·r₁(1 − (r₂/r₁)(1 − (r₃/r₂)(1 − …))), evaluated
 * from the innermost ratio out; each ratio is a product of h factors below 1, so no
 * binomial coefficient is ever formed and nothing cancels between large terms.
 */
function outsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1; // r_(k+1)/r_k
    for (let j = 0; j < h; j++) ratio = ((n - k * h - j) * ratio) / (n + k * h + j + 1);
    p = ratio * (1 - p);
  }
  return 2 * p;
}

/**
 * P(D ≥ h/lcm) for samples of m and n: the share of monotone lattice paths from (0, 0)
 * to (m, n) that touch a point with |(n/g)·x − (m/g)·y| ≥ h. With f(x, y) that share
 * among the paths to (x, y), f = 1 at such points and elsewhere
 * f(x, y) = (x·f(x − 1, y) + y·f(x, y − 1))/(x + y): a weighted mean of values in
 * [0, 1], so the recursion neither overflows nor cancels, and a tiny f(m, n) is as
 * accurate as a large one. One column of f is kept, and only the band is updated.
 */
function outsideBand(n1: number, n2: number, g: number, h: number): number {
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const mg = m / g;
  const ng = n / g;
  // The band's rows at column x: lo(x) ≤ y ≤ hi(x), both non-decreasing in x.
  const lo = (x: number) => Math.max(0, Math.floor((ng * x - h) / mg) + 1);
  const hi = (x: number) => Math.min(n, Math.ceil((ng * x + h) / mg) - 1);
  const f = new Float64Array(n + 1).fill(1);
  for (let y = 0; y <= hi(0); y++) f[y] = 0;
  let lastLo = 0;
  for (let x = 1; x <= m; x++) {
    const [a, b] = [lo(x), hi(x)];
    if (a > b) return 1; // the band is closed: every path leaves it
    for (let y = lastLo; y < a; y++) f[y] = 1;
    let below = a === 0 ? 0 : 1;
    for (let y = a; y <= b; y++) {
      below = (x * f[y]! + y * below) / (x + y);
      f[y] = below;
    }
    lastLo = a;
  }
  return f[n]!;
}
