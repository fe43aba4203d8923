// The public single-distribution and pairwise functions. Each validates shape and
// options, then settles its measure (src/measures/) on the engine chosen for the input's
// size; errors name the argument and index.
import { engineFor } from './engine/registry.js';
import { InputRangeError, InputTypeError } from './errors.js';
import { crossEntropy as ce } from './measures/cross-entropy.js';
import { entropy as h } from './measures/entropy.js';
import { jsDistance as jsd, jsDivergence as js } from './measures/jensen-shannon.js';
import { kl } from './measures/kl.js';
import type { Measure } from './measures/measure.js';
import { natsOf } from './measures/settle.js';
import { totalVariation as tv } from './measures/total-variation.js';
import { workersFor } from './threads/thresholds.js';
import { threadsOption, type Threaded, type ThreadOptions } from './threads/options.js';
import type { Options, Vector } from './types.js';
import {
  asVector,
  describe,
  requireAttached,
  requireKnownKeys,
  requireNonEmpty,
  requireSameLength,
  REDUCTION_KEYS,
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
 * The options of the reductions: `base`, `normalize`, `precision`, and `threads`.
 * @inline
 */
export type ReductionOptions = Options & ThreadOptions;

/** A measure of one validated pair (or of p alone), in the requested base. */
function measurePair<O extends ReductionOptions | undefined>(m: Measure, p: unknown, q: unknown, opts: O): Threaded<O, number> {
  const validated = () => {
    const [pv, qv] = m.inputs === 2 ? pair(p, q) : [asVector(p, 'p'), undefined];
    const o = resolveOptions(opts, [...(m.optionKeys ?? REDUCTION_KEYS), 'threads']);
    requireNonEmpty(pv, 'p');
    return { pv, qv: qv ?? pv, o, engine: engineFor(pv.length) };
  };
  if ((opts as ReductionOptions | undefined)?.threads === undefined) {
    const { pv, qv, o, engine } = validated();
    return m.finish(natsOf(m, engine, pv, qv, o), o) as Threaded<O, number>;
  }
  return (async () => {
    const { pv, qv, o, engine } = validated();
    const on = await workersFor(threadsOption(opts)!, pv.length, [pv, qv], engine);
    const nats = on ? await on.pool.reduceOnWorkers(m, engine, pv, qv, o, on.parts, on.workers) : natsOf(m, engine, pv, qv, o);
    return m.finish(nats, o);
  })() as Threaded<O, number>;
}

/**
 * An elementwise function, here or (with `threads`) in ranges on the workers, each
 * element computed by the same kernel either way.
 */
function elementwise<O extends ThreadOptions | undefined>(kind: 'relEntr' | 'klDiv', p: unknown, q: unknown, out: unknown, opts: O): Threaded<O, Float64Array> {
  const run = () => {
    const [pv, qv] = pair(p, q);
    const o = outputFor(out, pv.length);
    return { pv, qv, o, engine: engineFor(pv.length) };
  };
  if ((opts as ThreadOptions | undefined)?.threads === undefined) {
    const { pv, qv, o, engine } = run();
    engine.elementwise(kind, pv, qv, o);
    return o as Threaded<O, Float64Array>;
  }
  return (async () => {
    requireKnownKeys(opts as object, ['threads']);
    const requested = threadsOption(opts)!;
    const { pv, qv, o, engine } = run();
    const on = await workersFor(requested, pv.length, [pv, qv]);
    if (on) await on.pool.elementwiseOnWorkers(kind, engine, pv, qv, o, on.parts, on.workers);
    else engine.elementwise(kind, pv, qv, o);
    return o;
  })() as Threaded<O, Float64Array>;
}

/**
 * Elementwise `x·log(x/y)`, exactly `scipy.special.rel_entr` (0 for x = 0, y ≥ 0; +∞ for
 * negative entries or x > 0 = y; NaN in gives NaN out). Natural log; the result goes
 * into `out` when given (a Float64Array of p's length). p and q of different lengths are
 * an InputRangeError. With `{ threads: n }` it returns a Promise.
 * @example
 * ```ts
 * import { relEntr } from 'infodiv';
 * const r = relEntr([0.5, 0.5], [0.9, 0.1]);
 * r[0]; // -0.2938933324510595
 * r[1]; // 0.8047189562170502
 * relEntr([0], [0])[0]; // 0
 * relEntr([1], [0])[0]; // Infinity
 * ```
 */
export function relEntr<O extends ThreadOptions | undefined = undefined>(p: Vector, q: Vector, out?: Float64Array, opts?: O): Threaded<O, Float64Array> {
  return elementwise<O>('relEntr', p, q, out, opts as O);
}

/**
 * Elementwise `x·log(x/y) − x + y`, exactly `scipy.special.kl_div` (y for x = 0, y ≥ 0),
 * but without SciPy's cancellation to 0 when x ≈ y. Natural log; `out` and `threads`
 * as for `relEntr`.
 * @example
 * ```ts
 * import { klDiv } from 'infodiv';
 * const d = klDiv([0.5, 0.5], [0.9, 0.1]);
 * d[0]; // 0.1061066675489405
 * d[1]; // 0.4047189562170502
 * klDiv([0], [0.3])[0]; // 0.3
 * ```
 */
export function klDiv<O extends ThreadOptions | undefined = undefined>(p: Vector, q: Vector, out?: Float64Array, opts?: O): Threaded<O, Float64Array> {
  return elementwise<O>('klDiv', p, q, out, opts as O);
}

/**
 * KL(P‖Q). With `normalize` (default) it equals `scipy.stats.entropy(p, q, base)`;
 * without, `sum(rel_entr(p, q)) / log(base)`. +∞ where P has mass Q lacks. In nats,
 * or in `base` (2: bits). Empty inputs, different lengths, negative or NaN entries
 * are InputRangeErrors naming the argument and index; non-arrays are InputTypeErrors.
 * With `{ threads: n }` it returns a Promise.
 * @example
 * ```ts
 * import { klDivergence } from 'infodiv';
 * const P = [0.1, 0.4, 0.5];
 * const Q = [0.8, 0.15, 0.05];
 * klDivergence(P, Q, { base: 2 }); // 1.926979
 * klDivergence(Q, P, { base: 2 }); // 2.021648
 * klDivergence(P, Q); // 1.3356800935337299
 * klDivergence([2, 8], [5, 5]); // 0.19274475702175747
 * klDivergence([1, 0], [0, 1]); // Infinity
 * ```
 */
export function klDivergence<O extends ReductionOptions | undefined = undefined>(p: Vector, q: Vector, opts?: O): Threaded<O, number> {
  return measurePair<O>(kl, p, q, opts as O);
}

/**
 * Shannon entropy H(P), = `scipy.stats.entropy(p, base=…)`, in nats or in `base`. Errors
 * and `threads` as for `klDivergence`.
 * @example
 * ```ts
 * import { entropy } from 'infodiv';
 * entropy([1, 1, 1, 1], { base: 2 }); // 2
 * entropy([1, 1, 1, 1]); // 1.3862943611198906
 * entropy([0.1, 0.4, 0.5], { base: 2 }); // 1.3609640474436813
 * ```
 */
export function entropy<O extends ReductionOptions | undefined = undefined>(p: Vector, opts?: O): Threaded<O, number> {
  return measurePair<O>(h, p, undefined, opts as O);
}

/**
 * Cross-entropy H(P, Q) = H(P) + KL(P‖Q) = −Σ p·log q, in nats or in `base`; +∞ where P
 * has mass Q lacks. Errors and `threads` as for `klDivergence`.
 * @example
 * ```ts
 * import { crossEntropy } from 'infodiv';
 * crossEntropy([0.5, 0.5], [0.5, 0.5], { base: 2 }); // 1
 * // H(P) + KL(P‖Q) = 1.3609640 + 1.9269790 bits:
 * crossEntropy([0.1, 0.4, 0.5], [0.8, 0.15, 0.05], { base: 2 }); // 3.287943
 * ```
 */
export function crossEntropy<O extends ReductionOptions | undefined = undefined>(p: Vector, q: Vector, opts?: O): Threaded<O, number> {
  return measurePair<O>(ce, p, q, opts as O);
}

/**
 * Jensen–Shannon divergence ½KL(P‖M) + ½KL(Q‖M), M = ½(P + Q). Symmetric, never
 * negative, at most 1 in base 2 (log 2 in nats), finite even where the supports
 * differ. Errors and `threads` as for `klDivergence`.
 * @example
 * ```ts
 * import { jsDivergence } from 'infodiv';
 * jsDivergence([0.1, 0.4, 0.5], [0.8, 0.15, 0.05], { base: 2 }); // 0.420201
 * jsDivergence([1, 0], [0, 1], { base: 2 }); // 1
 * ```
 */
export function jsDivergence<O extends ReductionOptions | undefined = undefined>(p: Vector, q: Vector, opts?: O): Threaded<O, number> {
  return measurePair<O>(js, p, q, opts as O);
}

/**
 * Jensen–Shannon distance, the square root of `jsDivergence`: a metric, and exactly
 * `scipy.spatial.distance.jensenshannon(p, q, base)` (which can return NaN for nearly
 * identical inputs; this cannot). Errors and `threads` as for `klDivergence`.
 * @example
 * ```ts
 * import { jsDistance } from 'infodiv';
 * jsDistance([0.1, 0.4, 0.5], [0.8, 0.15, 0.05], { base: 2 }); // 0.648229
 * jsDistance([0.1, 0.4, 0.5], [0.8, 0.15, 0.05]); // 0.5396858721757167
 * ```
 */
export function jsDistance<O extends ReductionOptions | undefined = undefined>(p: Vector, q: Vector, opts?: O): Threaded<O, number> {
  return measurePair<O>(jsd, p, q, opts as O);
}

/**
 * Total variation distance ½Σ|p̂ − q̂|, in [0, 1] (with `normalize: false`, ½Σ|p − q|).
 * Accurate to the last digits for nearly identical inputs too. It has no logarithm, so
 * `base` changes nothing (it is accepted, like `precision`, so that one options object
 * serves every measure). Errors and `threads` as for `klDivergence`.
 * @example
 * ```ts
 * import { totalVariation } from 'infodiv';
 * totalVariation([0.1, 0.4, 0.5], [0.8, 0.15, 0.05]); // 0.7
 * totalVariation([2, 8], [5, 5]); // 0.3
 * totalVariation([2, 8], [5, 5], { normalize: false }); // 3
 * ```
 */
export function totalVariation<O extends ReductionOptions | undefined = undefined>(p: Vector, q: Vector, opts?: O): Threaded<O, number> {
  return measurePair<O>(tv, p, q, opts as O);
}
