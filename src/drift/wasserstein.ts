// The first Wasserstein (earth mover's) distance between two 1-D samples, as
// scipy.stats.wasserstein_distance defines it: ∫ |F_u − F_v| over the sorted union of
// the values. Where SciPy subtracts the two CDFs as rounded shares (i/m − j/n, a large
// relative error where they agree), here the difference is |i·n − j·m|/(m·n) in exact
// integer arithmetic for unweighted samples, and the cumulative weights are compensated
// sums; every term of the integral is ≥ 0, summed compensated.
import { InputRangeError, InputTypeError } from '../errors.js';
import { Sum } from '../numeric/sum.js';
import type { Vector } from '../types.js';
import { asVector, describe, requireKnownKeys } from '../validate.js';
import { Shares } from './shares.js';
import { checkedEdges } from '../binning/edges.js';
import { sampleOf } from './samples.js';

/** The options of `wasserstein`. */
export interface WassersteinOptions {
  /** Weights of u's values (default: all equal); non-negative, finite, not all 0. */
  uWeights?: Vector;
  /** Weights of v's values, likewise. */
  vWeights?: Vector;
}

function weightsOf(w: Vector | undefined, n: number, name: string): Float64Array | undefined {
  if (w === undefined) return undefined;
  const out = Float64Array.from(asVector(w, name));
  if (out.length !== n) throw new InputRangeError(`${name} has ${out.length} weights for ${n} values`, name);
  let any = false;
  for (let i = 0; i < n; i++) {
    if (!(out[i]! >= 0 && out[i]! < Infinity)) throw new InputRangeError(`${name}[${i}] is ${out[i]}; weights must be finite and ≥ 0`, name, i);
    any ||= out[i]! > 0;
  }
  if (!any) throw new InputRangeError(`${name} sums to 0`, name);
  return out;
}

/** Sorted values with their weights carried along (a stable order, as SciPy's argsort). */
function sortedWith(x: Float64Array, w: Float64Array | undefined): [Float64Array, Float64Array | undefined] {
  if (!w) return [Float64Array.from(x).sort(), undefined];
  const order = Array.from(x.keys()).sort((a, b) => x[a]! - x[b]! || a - b);
  return [Float64Array.from(order, (i) => x[i]!), Float64Array.from(order, (i) => w[i]!)];
}

/**
 * Wasserstein-1 distance between samples u and v (optionally weighted), equal to
 * scipy.stats.wasserstein_distance. In the values' own units. NaN and ±∞ in a sample,
 * an empty sample, or weights of the wrong length, negative or all 0 are InputRangeErrors.
 * @example
 * ```ts
 * import { wasserstein } from 'infodiv';
 * wasserstein([0, 1, 3], [5, 6, 8]); // 5
 * wasserstein([0, 1], [0, 1], { uWeights: [3, 1] }); // 0.25
 * ```
 */
export function wasserstein(u: Vector, v: Vector, opts: WassersteinOptions = {}): number {
  if (opts === null || typeof opts !== 'object') throw new InputTypeError(`options must be an object, got ${describe(opts)}`, 'options');
  requireKnownKeys(opts, ['uWeights', 'vWeights']);
  const a = sampleOf(u, 'u', { infinite: false });
  const b = sampleOf(v, 'v', { infinite: false });
  const [us, uw] = sortedWith(a, weightsOf(opts.uWeights, a.length, 'options.uWeights'));
  const [vs, vw] = sortedWith(b, weightsOf(opts.vWeights, b.length, 'options.vWeights'));
  const m = us.length;
  const n = vs.length;
  // Cumulative weights (compensated), or counts.
  const cum = (w: Float64Array | undefined, k: number) => (w ? cumulative(w) : Float64Array.from({ length: k + 1 }, (_, i) => i));
  const U = cum(uw, m);
  const V = cum(vw, n);
  const uTotal = U[m]!;
  const vTotal = V[n]!;
  const exact = !uw && !vw && m * n < 2 ** 53;
  const sum = new Sum();
  let i = 0; // values of u ≤ the current point
  let j = 0;
  let x = Math.min(us[0]!, vs[0]!);
  while (i < m || j < n) {
    while (i < m && us[i]! <= x) i++;
    while (j < n && vs[j]! <= x) j++;
    if (i === m && j === n) break;
    const next = Math.min(i < m ? us[i]! : Infinity, j < n ? vs[j]! : Infinity);
    const gap = exact ? Math.abs(i * n - j * m) / (m * n) : Math.abs(U[i]! / uTotal - V[j]! / vTotal);
    if (gap > 0) sum.add(gap * (next - x));
    x = next;
  }
  return sum.value;
}

function cumulative(w: Float64Array): Float64Array {
  const out = new Float64Array(w.length + 1);
  const s = new Sum();
  for (let i = 0; i < w.length; i++) {
    s.add(w[i]!);
    out[i + 1] = s.value;
  }
  return out;
}

/**
 * Wasserstein-1 distance between two histograms on shared `edges`, their mass at the
 * bin centres: wasserstein(centres, centres, { uWeights: p, vWeights: q }), with the
 * CDF differences summed from exact share differences (shares.ts), so nearly
 * identical histograms keep their digits. `edges` has one entry more than p and q
 * (an InputRangeError otherwise).
 * @example
 * ```ts
 * import { histogramWasserstein } from 'infodiv';
 * histogramWasserstein([1, 0, 0], [0, 0, 1], [0, 1, 2, 3]); // 2
 * ```
 */
export function histogramWasserstein(p: Vector, q: Vector, edges: Vector): number {
  const pv = asVector(p, 'p');
  const qv = asVector(q, 'q');
  if (pv.length !== qv.length) throw new InputRangeError(`p and q differ in length (${pv.length} vs ${qv.length})`, 'q');
  const e = checkedEdges(edges, 'edges');
  if (e.length !== pv.length + 1) throw new InputRangeError(`edges has ${e.length} entries for ${pv.length} bins; it needs ${pv.length + 1}`, 'edges');
  const s = new Shares(pv, qv, true);
  const gapSum = new Sum(); // Σ_{i ≤ k} (p̂ᵢ − q̂ᵢ)
  const total = new Sum();
  for (let k = 0; k + 1 < pv.length; k++) {
    gapSum.add(s.diff(k));
    const width = (e[k + 2]! - e[k]!) / 2; // between the centres of bins k and k + 1
    total.add(Math.abs(gapSum.value) * width);
  }
  return total.value;
}
