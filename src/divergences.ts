// The public single-distribution and pairwise functions. Each validates shape and
// options, lets the active backend compute, and turns a backend's NaN (bad entries) into
// an error that names the argument and index.
import { backendFor } from './backend.js';
import { InputRangeError, InputTypeError } from './errors.js';
import type { Options, Vector } from './types.js';
import {
  asVector,
  describe,
  explainInvalid,
  requireAttached,
  requireNonEmpty,
  requireSameLength,
  resolveOptions,
} from './validate.js';

function pair(p: unknown, q: unknown): [Vector, Vector] {
  const pv = asVector(p, 'p');
  const qv = asVector(q, 'q');
  requireSameLength(pv, qv);
  return [pv, qv];
}

function outputFor(out: unknown, n: number): Float64Array {
  if (out === undefined) return new Float64Array(n);
  if (!(out instanceof Float64Array)) {
    throw new InputTypeError(`out must be a Float64Array, got ${describe(out)}`, 'out');
  }
  requireAttached(out, 'out');
  if (out.length !== n) {
    throw new InputRangeError(`out has length ${out.length}, expected ${n}`, 'out');
  }
  return out;
}

/**
 * Reduction result, or the error that explains a NaN. `inputs` are checked in order, so
 * the first bad argument is the one named.
 */
function settle(value: number, normalize: boolean, inputs: [Vector, string][]): number {
  if (!Number.isNaN(value)) return value;
  for (const [x, name] of inputs) explainInvalid(x, name, normalize);
  throw new Error('infodiv: backend returned NaN for valid input (a bug; please report it)');
}

function reducePair(
  p: unknown,
  q: unknown,
  opts: Options | undefined,
  nats: (p: Vector, q: Vector, normalize: boolean, single: boolean) => number,
): number {
  const [pv, qv] = pair(p, q);
  const { logBase, normalize, single } = resolveOptions(opts);
  requireNonEmpty(pv, 'p');
  const value = nats(pv, qv, normalize, single);
  return settle(value, normalize, [[pv, 'p'], [qv, 'q']]) / logBase;
}

/**
 * Elementwise `x·log(x/y)`, exactly `scipy.special.rel_entr` (0 for x = 0, y ≥ 0; +∞ for
 * negative entries or x > 0 = y; NaN in gives NaN out).
 * @example relEntr([0.5, 0.5], [0.9, 0.1]) // Float64Array [-0.2939, 0.8047]
 */
export function relEntr(p: Vector, q: Vector, out?: Float64Array): Float64Array {
  const [pv, qv] = pair(p, q);
  const o = outputFor(out, pv.length);
  backendFor(pv.length).relEntr(pv, qv, o);
  return o;
}

/**
 * Elementwise `x·log(x/y) − x + y`, exactly `scipy.special.kl_div` (y for x = 0, y ≥ 0),
 * but without SciPy's cancellation to 0 when x ≈ y.
 * @example klDiv([0.5, 0.5], [0.9, 0.1]) // Float64Array [0.1061, 0.4047]
 */
export function klDiv(p: Vector, q: Vector, out?: Float64Array): Float64Array {
  const [pv, qv] = pair(p, q);
  const o = outputFor(out, pv.length);
  backendFor(pv.length).klDiv(pv, qv, o);
  return o;
}

/**
 * KL(P‖Q). With `normalize` (default) it equals `scipy.stats.entropy(p, q, base)`;
 * without, `sum(rel_entr(p, q)) / log(base)`. +∞ where P has mass Q lacks.
 * @example klDivergence([0.1, 0.4, 0.5], [0.8, 0.15, 0.05], { base: 2 }) // 1.9269...
 */
export function klDivergence(p: Vector, q: Vector, opts?: Options): number {
  return reducePair(p, q, opts, (a, b, n, s) => backendFor(a.length).kl(a, b, n, s));
}

/**
 * Shannon entropy H(P), = `scipy.stats.entropy(p, base=…)`.
 * @example entropy([1, 1, 1, 1], { base: 2 }) // 2
 */
export function entropy(p: Vector, opts?: Options): number {
  const pv = asVector(p, 'p');
  const { logBase, normalize, single } = resolveOptions(opts);
  requireNonEmpty(pv, 'p');
  return settle(backendFor(pv.length).entropy(pv, normalize, single), normalize, [[pv, 'p']]) / logBase;
}

/**
 * Cross-entropy H(P, Q) = H(P) + KL(P‖Q) = −Σ p·log q.
 * @example crossEntropy([0.5, 0.5], [0.5, 0.5], { base: 2 }) // 1
 */
export function crossEntropy(p: Vector, q: Vector, opts?: Options): number {
  return reducePair(p, q, opts, (a, b, n, s) => backendFor(a.length).crossEntropy(a, b, n, s));
}

/**
 * Jensen–Shannon divergence ½KL(P‖M) + ½KL(Q‖M), M = ½(P + Q). Symmetric, never
 * negative, at most 1 in base 2 (log 2 in nats).
 * @example jsDivergence([0.1, 0.4, 0.5], [0.8, 0.15, 0.05], { base: 2 }) // 0.4202...
 */
export function jsDivergence(p: Vector, q: Vector, opts?: Options): number {
  return reducePair(p, q, opts, (a, b, n) => backendFor(a.length).js(a, b, n));
}

/**
 * Jensen–Shannon distance, the square root of `jsDivergence`: a metric, and exactly
 * `scipy.spatial.distance.jensenshannon(p, q, base)` (which can return NaN for nearly
 * identical inputs; this cannot).
 * @example jsDistance([0.1, 0.4, 0.5], [0.8, 0.15, 0.05], { base: 2 }) // 0.6482...
 */
export function jsDistance(p: Vector, q: Vector, opts?: Options): number {
  return Math.sqrt(jsDivergence(p, q, opts));
}
