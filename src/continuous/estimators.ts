// Estimators from 1-D samples (sorted once; every neighbour search walks outward from a
// position in a sorted array):
//   entropyFromSamples(x, { k })       Kozachenko–Leonenko: ψ(n) − ψ(k) + ln 2 + mean ln ρₖ(i)
//   entropyFromSamples(x, { method })  SciPy's spacing estimators, as
//                                      scipy.stats.differential_entropy(x, method=…)
//   klFromSamples(x, y, { k })         Wang, Kulkarni & Verdú (2009):
//                                      mean ln(νₖ(i)/ρₖ(i)) + ln(m/(n − 1))
//   klFromSamples(x, q)                q a distribution: −Ĥ(x) − mean q.logPdf(x)
// ρₖ(i) is the distance from xᵢ to its k-th nearest neighbour among the other x, νₖ(i)
// to its k-th nearest among y.
//
// Duplicates. A neighbour at distance 0 (a tie) would put ln 0 in the mean. The k-NN
// estimators count only neighbours at a positive distance, and report how many samples
// had a tie they passed over (`duplicates`); a sample with no neighbour at a positive
// distance is an error. The spacing estimators keep SciPy's definition: a zero spacing
// gives −∞, as SciPy does, and `duplicates` says how many spacings were 0.
import { InputRangeError, InputTypeError } from '../errors.js';
import { digamma } from '../numeric/polygamma.js';
import { Sum } from '../numeric/sum.js';
import { describe, requireKnownKeys, resolveOptions } from '../validate.js';
import { sampleOf } from '../drift/samples.js';
import type { Distribution } from './families.js';
import { KdTree } from './kdtree.js';
import { isMultivariateNormal, sampleMatrix, type MultivariateNormal } from './mvn.js';
import { lnGamma } from '../numeric/gamma.js';

/** What `entropyFromSamples` and `klFromSamples` return: the estimate and how it was made. */
export interface Estimate {
  /** The estimated entropy or KL divergence, in the requested base (nats by default). */
  estimate: number;
  /** The number of samples (of x). */
  n: number;
  /** Neighbours (k-NN) or the window length m (spacing estimators). */
  k: number;
  /** Coordinates per sample: 1 for a 1-D sample, cols for rows. */
  dim: number;
  /** Samples whose neighbour search passed over ties (k-NN), or zero spacings (SciPy's estimators). */
  duplicates: number;
  /** The method used ('kozachenko-leonenko', 'wang-kulkarni-verdu', 'vasicek', …). */
  method: string;
  /** klFromSamples with { clamp: true }: whether a negative estimate was raised to 0. */
  clamped?: boolean;
}

/** SciPy's spacing estimators of differential entropy (`scipy.stats.differential_entropy`'s `method`). */
export type SpacingMethod = 'vasicek' | 'van es' | 'ebrahimi' | 'correa' | 'auto';

/** The k-th smallest positive |v − s[j]| over the sorted s, starting from v's position; `self` skips one index (v's own). */
function kthDistance(s: Float64Array, v: number, k: number, self: number): { d: number; tie: boolean } {
  // Find the first index with s[j] ≥ v.
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  let left = lo - 1;
  let right = lo;
  let found = 0;
  let tie = false;
  let d = NaN;
  while (found < k) {
    const dl = left >= 0 ? v - s[left]! : Infinity;
    const dr = right < s.length ? s[right]! - v : Infinity;
    if (dl === Infinity && dr === Infinity) return { d: NaN, tie };
    let dist: number;
    let at: number;
    if (dl <= dr) {
      dist = dl;
      at = left--;
    } else {
      dist = dr;
      at = right++;
    }
    if (at === self) continue;
    if (dist === 0) {
      tie = true;
      continue;
    }
    found++;
    d = dist;
  }
  return { d, tie };
}

function kOf(opts: { k?: unknown }, n: number, name: string): number {
  const k = opts.k ?? 1;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) throw new InputRangeError(`options.k is ${describe(k)}; it must be a whole number ≥ 1`, 'options.k');
  if (n < k + 1) throw new InputRangeError(`${name} has ${n} samples; k = ${k} needs at least ${k + 1}`, name);
  return k;
}

function optionsOf(opts: unknown, keys: string[]): Record<string, unknown> {
  if (opts === undefined) return {};
  if (opts === null || typeof opts !== 'object') throw new InputTypeError(`options must be an object, got ${describe(opts)}`, 'options');
  requireKnownKeys(opts, keys);
  return opts as Record<string, unknown>;
}

/** Σ ln ρₖ(i) over the sorted x, and how many samples passed over ties. */
function logDistances(x: Float64Array, k: number, name: string): { sum: number; duplicates: number } {
  const sum = new Sum();
  let duplicates = 0;
  for (let i = 0; i < x.length; i++) {
    const { d, tie } = kthDistance(x, x[i]!, k, i);
    if (!(d > 0)) throw new InputRangeError(`${name}[…] = ${x[i]}: fewer than ${k} other samples differ from it, so its ${k}-th neighbour distance is 0`, name);
    if (tie) duplicates++;
    sum.add(Math.log(d));
  }
  return { sum: sum.value, duplicates };
}

/** Kozachenko–Leonenko on sorted x (1-D: the unit ball's volume is 2). */
function kozachenkoLeonenko(x: Float64Array, k: number, name: string): { h: number; duplicates: number } {
  const n = x.length;
  const { sum, duplicates } = logDistances(x, k, name);
  return { h: digamma(n) - digamma(k) + Math.LN2 + sum / n, duplicates };
}

/**
 * Samples as rows of a matrix ({ data, rows, cols }); a 1-D sample is one column.
 * @inline
 */
type Rows = {
  /** Row-major coordinates: row r is sample r. */
  data: Float64Array;
  /** The number of samples. */
  rows: number;
  /** Coordinates per sample. */
  cols: number;
};

function isRows(x: unknown): boolean {
  return typeof x === 'object' && x !== null && !ArrayBuffer.isView(x) && !Array.isArray(x) && 'data' in x;
}

/** ln of the volume of the unit ball in d dimensions, π^(d/2)/Γ(d/2 + 1). */
function lnUnitBall(d: number): number {
  return (d / 2) * Math.log(Math.PI) - lnGamma(d / 2 + 1);
}

/** Σ ln ρₖ(i) over the rows of x (k-d tree), and how many rows passed over ties. */
function logDistancesD(x: Rows, tree: KdTree, k: number, name: string): { sum: number; duplicates: number } {
  const sum = new Sum();
  let duplicates = 0;
  for (let i = 0; i < x.rows; i++) {
    const { d, zeros } = tree.kth(x.data, i * x.cols, k);
    if (!(d > 0)) throw new InputRangeError(`${name}[${i}]: fewer than ${k} other samples differ from it, so its ${k}-th neighbour distance is 0`, name, i);
    if (zeros > 1) duplicates++; // itself, and another equal to it
    sum.add(Math.log(d));
  }
  return { sum: sum.value, duplicates };
}

/** Kozachenko–Leonenko in d dimensions: ψ(n) − ψ(k) + ln V_d + (d/n)·Σ ln ρₖ(i). */
function kozachenkoLeonenkoD(x: Rows, k: number, name: string): { h: number; duplicates: number } {
  const tree = new KdTree(x.data, x.rows, x.cols);
  const { sum, duplicates } = logDistancesD(x, tree, k, name);
  return { h: digamma(x.rows) - digamma(k) + lnUnitBall(x.cols) + (x.cols * sum) / x.rows, duplicates };
}

/** SciPy's default window, ⌊√n + ½⌋. */
const windowOf = (n: number) => Math.floor(Math.sqrt(n) + 0.5);

/** X[j] of the sample padded with m copies of its ends (SciPy's _pad_along_last_axis), j in [0, n + 2m). */
const padded = (x: Float64Array, m: number) => (j: number) => x[Math.min(x.length - 1, Math.max(0, j - m))]!;

function spacing(x: Float64Array, m: number, method: Exclude<SpacingMethod, 'auto'>): { h: number; zeros: number } {
  const n = x.length;
  const X = padded(x, m);
  const sum = new Sum();
  let zeros = 0;
  // A zero spacing (or, for Correa, a window of equal values: 0/0) makes the estimate −∞,
  // as SciPy's log of 0 does (SciPy's Correa gives NaN there; here it is −∞ as well).
  const addLog = (v: number) => {
    if (v === 0 || v !== v) zeros++;
    else sum.add(Math.log(v));
  };
  const result = (h: number) => ({ h: zeros > 0 ? -Infinity : h, zeros });
  if (method === 'van es') {
    for (let i = 0; i + m < n; i++) addLog(((n + 1) / m) * (x[i + m]! - x[i]!));
    let harmonic = 0;
    for (let j = m; j <= n; j++) harmonic += 1 / j;
    return result(sum.value / (n - m) + harmonic + Math.log(m) - Math.log(n + 1));
  }
  if (method === 'correa') {
    for (let i = 1; i <= n; i++) {
      let mean = 0;
      for (let j = i - m; j <= i + m; j++) mean += X(j + m - 1);
      mean /= 2 * m + 1;
      let num = 0;
      let den = 0;
      for (let j = i - m; j <= i + m; j++) {
        const dx = X(j + m - 1) - mean;
        num += dx * (j - i);
        den += dx * dx;
      }
      addLog(num / (n * den));
    }
    return result(-sum.value / n);
  }
  for (let i = 1; i <= n; i++) {
    const diff = X(i - 1 + 2 * m) - X(i - 1);
    if (method === 'vasicek') addLog((n / (2 * m)) * diff);
    else {
      const c = i <= m ? 1 + (i - 1) / m : i >= n - m + 1 ? 1 + (n - i) / m : 2;
      addLog((n * diff) / (c * m));
    }
  }
  return result(sum.value / n);
}

/**
 * Differential entropy of a 1-D sample: Kozachenko–Leonenko with `{ k }` (default), or
 * with `{ method }` one of SciPy's spacing estimators (its `window_length` too), equal to
 * scipy.stats.differential_entropy. Rows ({ data, rows, cols }) are a multivariate
 * sample (k-NN only). In nats, or in `base`. Throws an InputRangeError for a `k` that is
 * not a whole number below the sample size, an unknown method, or a `windowLength` m
 * without 2 ≤ 2·m < n.
 * @example
 * ```ts
 * import { entropyFromSamples, normal } from 'infodiv';
 * const x = normal(0, 1).sample(100000, { seed: 1 });
 * entropyFromSamples(x).estimate; // 1.42
 * normal(0, 1).entropy(); // 1.4189385332046727
 * entropyFromSamples(x, { method: 'vasicek' }).estimate; // 1.42
 * ```
 */
export function entropyFromSamples(x: ArrayLike<number> | Rows, opts?: { k?: number; method?: SpacingMethod; windowLength?: number; base?: number }): Estimate {
  const o = optionsOf(opts, ['k', 'method', 'windowLength', 'base']);
  if (isRows(x)) {
    if (o.method !== undefined) throw new InputRangeError(`options.method: SciPy's spacing estimators are for 1-D samples; ${describe(x)} has rows of several coordinates`, 'options.method');
    const X = sampleMatrix(x, 'x');
    const k = kOf(o, X.rows, 'x');
    const { logBase } = resolveOptions({ base: o.base as number | undefined }, ['base']);
    const { h, duplicates } = kozachenkoLeonenkoD(X, k, 'x');
    return { estimate: h / logBase, n: X.rows, k, dim: X.cols, duplicates, method: 'kozachenko-leonenko' };
  }
  const s = sampleOf(x as ArrayLike<number>, 'x', { infinite: false }).sort();
  const n = s.length;
  const { logBase } = resolveOptions({ base: o.base as number | undefined }, ['base']);
  if (o.method === undefined) {
    if (o.windowLength !== undefined) throw new InputRangeError('options.windowLength goes with a spacing method (options.method)', 'options.windowLength');
    const k = kOf(o, n, 'x');
    const { h, duplicates } = kozachenkoLeonenko(s, k, 'x');
    return { estimate: h / logBase, n, k, dim: 1, duplicates, method: 'kozachenko-leonenko' };
  }
  if (o.k !== undefined) throw new InputRangeError('options.k goes with the k-NN estimator; a spacing method takes options.windowLength', 'options.k');
  const asked = o.method;
  if (asked !== 'vasicek' && asked !== 'van es' && asked !== 'ebrahimi' && asked !== 'correa' && asked !== 'auto') {
    throw new InputRangeError(`options.method is ${describe(asked)}; expected 'vasicek', 'van es', 'ebrahimi', 'correa' or 'auto'`, 'options.method');
  }
  const m = o.windowLength ?? windowOf(n);
  if (typeof m !== 'number' || !Number.isInteger(m) || !(2 <= 2 * m && 2 * m < n)) {
    throw new InputRangeError(`options.windowLength is ${describe(m)} for ${n} samples; it must be a whole number with 2 ≤ 2·m < n`, 'options.windowLength');
  }
  // SciPy's 'auto': van Es up to 10 samples, Ebrahimi up to 1000, Vasicek beyond.
  const method = asked === 'auto' ? (n <= 10 ? 'van es' : n <= 1000 ? 'ebrahimi' : 'vasicek') : asked;
  const { h, zeros } = spacing(s, m, method);
  return { estimate: h / logBase, n, k: m, dim: 1, duplicates: zeros, method };
}

function isDistribution(q: unknown): q is Distribution {
  return typeof q === 'object' && q !== null && typeof (q as Distribution).logPdf === 'function' && typeof (q as Distribution).family === 'string';
}

/**
 * KL(P‖Q) from samples x of P and either samples y of Q (the k-NN estimator of Wang,
 * Kulkarni & Verdú) or Q itself (−Ĥ(x) − mean ln q(xᵢ), Ĥ Kozachenko–Leonenko).
 * `{ clamp: true }` raises a negative estimate to 0 and says so. In nats, or in `base`.
 * x and y must have the same number of coordinates (an InputRangeError otherwise).
 * @example
 * ```ts
 * import { klFromSamples, normal } from 'infodiv';
 * const x = normal(0, 1).sample(100000, { seed: 1 });
 * klFromSamples(x, normal(1, 1)).estimate; // 0.50
 * klFromSamples(x, normal(1, 1).sample(100000, { seed: 2 })).estimate; // 0.50
 * ```
 */
export function klFromSamples(
  x: ArrayLike<number> | Rows,
  y: ArrayLike<number> | Rows | Distribution | MultivariateNormal,
  opts?: { k?: number; clamp?: boolean; base?: number },
): Estimate {
  const o = optionsOf(opts, ['k', 'clamp', 'base']);
  const clamp = o.clamp ?? false;
  if (typeof clamp !== 'boolean') throw new InputTypeError(`options.clamp must be a boolean, got ${describe(clamp)}`, 'options.clamp');
  const { logBase } = resolveOptions({ base: o.base as number | undefined }, ['base']);
  const finish = (value: number, n: number, k: number, dim: number, duplicates: number, method: string): Estimate => {
    const clamped = clamp && value < 0;
    return { estimate: (clamped ? 0 : value) / logBase, n, k, dim, duplicates, method, ...(clamp ? { clamped } : {}) };
  };
  if (isRows(x)) {
    const X = sampleMatrix(x, 'x');
    const k = kOf(o, X.rows, 'x');
    if (isMultivariateNormal(y)) {
      const { value, duplicates } = klAgainst(X, y, k);
      return finish(value, X.rows, k, X.cols, duplicates, 'kozachenko-leonenko');
    }
    const Y = sampleMatrix(y, 'y');
    if (Y.cols !== X.cols) throw new InputRangeError(`x has ${X.cols} coordinates per sample and y ${Y.cols}`, 'y');
    if (Y.rows < k) throw new InputRangeError(`y has ${Y.rows} samples; k = ${k} needs at least ${k}`, 'y');
    const tx = new KdTree(X.data, X.rows, X.cols);
    const ty = new KdTree(Y.data, Y.rows, Y.cols);
    const sum = new Sum();
    let duplicates = 0;
    for (let i = 0; i < X.rows; i++) {
      const rho = tx.kth(X.data, i * X.cols, k);
      const nu = ty.kth(X.data, i * X.cols, k);
      if (!(rho.d > 0)) throw new InputRangeError(`x[${i}] has fewer than ${k} other samples differing from it`, 'x', i);
      if (!(nu.d > 0)) throw new InputRangeError(`y has fewer than ${k} samples differing from x[${i}]`, 'y');
      if (rho.zeros > 1 || nu.zeros > 0) duplicates++;
      sum.add(Math.log(nu.d / rho.d));
    }
    const value = (X.cols * sum.value) / X.rows + Math.log(Y.rows / (X.rows - 1));
    return finish(value, X.rows, k, X.cols, duplicates, 'wang-kulkarni-verdu');
  }
  const xs = sampleOf(x as ArrayLike<number>, 'x', { infinite: false }).sort();
  const n = xs.length;
  const k = kOf(o, n, 'x');
  let value: number;
  let duplicates: number;
  let method: string;
  if (isMultivariateNormal(y)) throw new InputTypeError(`q is a ${y.dim}-dimensional normal; pass x as { data, rows, cols: ${y.dim} }`, 'y');
  if (isDistribution(y)) {
    if (y.discrete) throw new InputTypeError(`q is ${y.family}, a discrete distribution; samples of a density need a continuous q`, 'y');
    const { h, duplicates: d } = kozachenkoLeonenko(xs, k, 'x');
    const cross = new Sum();
    for (let i = 0; i < n; i++) cross.add(y.logPdf(xs[i]!));
    value = -h - cross.value / n;
    duplicates = d;
    method = 'kozachenko-leonenko';
  } else {
    const ys = sampleOf(y as ArrayLike<number>, 'y', { infinite: false }).sort();
    const m = ys.length;
    if (m < k) throw new InputRangeError(`y has ${m} samples; k = ${k} needs at least ${k}`, 'y');
    const sum = new Sum();
    duplicates = 0;
    for (let i = 0; i < n; i++) {
      const rho = kthDistance(xs, xs[i]!, k, i);
      const nu = kthDistance(ys, xs[i]!, k, -1);
      if (!(rho.d > 0)) throw new InputRangeError(`x has a value (${xs[i]}) with fewer than ${k} other samples differing from it`, 'x');
      if (!(nu.d > 0)) throw new InputRangeError(`y has fewer than ${k} samples differing from x's value ${xs[i]}`, 'y');
      if (rho.tie || nu.tie) duplicates++;
      sum.add(Math.log(nu.d / rho.d));
    }
    value = sum.value / n + Math.log(m / (n - 1));
    method = 'wang-kulkarni-verdu';
  }
  return finish(value, n, k, 1, duplicates, method);
}

/** −Ĥ(X) − mean ln q(xᵢ) for rows X and a multivariate normal q. */
function klAgainst(X: Rows, q: MultivariateNormal, k: number): { value: number; duplicates: number } {
  if (q.dim !== X.cols) throw new InputRangeError(`x has ${X.cols} coordinates per sample; q has dimension ${q.dim}`, 'y');
  const { h, duplicates } = kozachenkoLeonenkoD(X, k, 'x');
  const cross = new Sum();
  for (let i = 0; i < X.rows; i++) cross.add(q.logPdf(X.data.subarray(i * X.cols, (i + 1) * X.cols)));
  return { value: -h - cross.value / X.rows, duplicates };
}
