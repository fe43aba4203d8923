// Histograms of raw samples, binned exactly as NumPy bins them, so that the
// divergences and mutual information of this package can start from samples: one
// shared set of edges for two samples (divergences between histograms with
// different edges mean nothing), and 2-D counts that feed mutualInformation.
import { jsEngine } from '../engine/js/index.js';
import { activeEngine } from '../engine/registry.js';
import type { Counted, Engine } from '../engine/seam.js';
import { pin } from '../engine/wasm/memory.js';
import { InputRangeError, InputTypeError } from '../errors.js';
import type { Vector } from '../types.js';
import { asVector, describe, requireKnownKeys, requireNonEmpty, requireSameLength } from '../validate.js';
import { guessable, linspace, type Axis } from './axis.js';

export interface HistogramOptions {
  /** Number of equal-width bins, a positive integer. */
  bins: number;
  /** [lo, hi], finite, lo < hi; default: min and max of the finite values. */
  range?: readonly [number, number];
}

export interface Histogram {
  counts: Float64Array;
  /** bins + 1 edges, as np.linspace(lo, hi, bins + 1). */
  edges: Float64Array;
  /** Values not counted: outside [lo, hi], NaN or ±∞. */
  outside: number;
}

export interface Histogram2dOptions {
  /** Bins along x and y, or one number for both. */
  bins: number | readonly [number, number];
  range?: readonly [readonly [number, number], readonly [number, number]];
}

export interface Histogram2d {
  /** Row i = x bin i, column j = y bin j (as np.histogram2d); feeds mutualInformation. */
  counts: { data: Float64Array; rows: number; cols: number };
  xEdges: Float64Array;
  yEdges: Float64Array;
  /** Pairs not counted: either coordinate outside its range, NaN or ±∞. */
  outside: number;
}

export interface HistogramPair {
  p: Float64Array;
  q: Float64Array;
  /** The edges both histograms share. */
  edges: Float64Array;
  outside: [number, number];
}

/** Count cells in one histogram: 512 MiB of f64 counts. */
const MAX_CELLS = 2 ** 26;
const MIN_NORMAL = 2 ** -1022;

/**
 * Counts of `values` in `bins` equal-width bins, equal to np.histogram(values, bins,
 * range): right-open bins except the last, which holds hi. Values outside the range,
 * NaN and ±∞ are not counted but reported in `outside`.
 * @example histogram([1, 2, 2, 3, 7], { bins: 3 }) // counts [3, 1, 1], edges [1, 3, 5, 7]
 */
export function histogram(values: Vector, options: HistogramOptions): Histogram {
  const v = pin(sample(values, 'values'));
  const o = optionsOf(options);
  const bins = binCount(o.bins, 'options.bins');
  const a = o.range === undefined ? axis(dataRange([v()], 'values'), bins, 'values') : axis(rangeOf(o.range), bins);
  return { ...count(activeEngine(), v, a), edges: a.edges };
}

/**
 * Histograms of two samples over one shared set of edges (default range: min and max
 * of the finite values of both), ready for klDivergence(p, q) and friends.
 */
export function histograms(a: Vector, b: Vector, options: HistogramOptions): HistogramPair {
  // Pinned: counting a may grow module memory, which would detach b if it lives there.
  const va = pin(sample(a, 'a'));
  const vb = pin(sample(b, 'b'));
  const o = optionsOf(options);
  const bins = binCount(o.bins, 'options.bins');
  const ax = o.range === undefined ? axis(dataRange([va(), vb()], 'a'), bins, 'a') : axis(rangeOf(o.range), bins);
  const backend = activeEngine();
  const p = count(backend, va, ax);
  const q = count(backend, vb, ax);
  return { p: p.counts, q: q.counts, edges: ax.edges, outside: [p.outside, q.outside] };
}

/**
 * Joint counts of the pairs (x[i], y[i]), equal to np.histogram2d(x, y, bins, range).
 * `mutualInformation(histogram2d(x, y, { bins: 32 }).counts)` is the MI of two raw
 * variables.
 */
export function histogram2d(x: Vector, y: Vector, options: Histogram2dOptions): Histogram2d {
  const vx = sample(x, 'x');
  const vy = sample(y, 'y');
  requireSameLength(vx, vy, 'x', 'y');
  const px = pin(vx);
  const py = pin(vy);
  const o = optionsOf(options);
  const [bx, by] = binPair(o.bins);
  const ranges = o.range === undefined ? undefined : rangePair(o.range);
  const ax = ranges ? axis(ranges[0], bx) : axis(dataRange([vx], 'x'), bx, 'x');
  const ay = ranges ? axis(ranges[1], by) : axis(dataRange([vy], 'y'), by, 'y');
  // Axes whose first guess could miss by more than a bin are counted in JS, step by step.
  const engine = guessable(ax) && guessable(ay) ? activeEngine() : jsEngine;
  const { counts, outside } = engine.count2d(px, py, ax, ay);
  return { counts: { data: counts, rows: bx, cols: by }, xEdges: ax.edges, yEdges: ay.edges, outside };
}

function count(engine: Engine, values: () => Vector, a: Axis): Counted {
  return (guessable(a) ? engine : jsEngine).count(values, a);
}

function sample(x: unknown, name: string): Vector {
  const v = asVector(x, name);
  requireNonEmpty(v, name);
  return v;
}

/** min and max of the finite values of all samples; NumPy widens a single value by ±0.5. */
function dataRange(samples: Vector[], name: string): [number, number] {
  const engine = activeEngine();
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of samples) {
    const [l, h] = engine.finiteRange(s);
    lo = Math.min(lo, l);
    hi = Math.max(hi, h);
  }
  if (lo > hi) {
    const what = samples.length > 1 ? 'a and b have' : `${name} has`;
    throw new InputRangeError(`${what} no finite entries to take a range from; pass options.range`, name);
  }
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

/** The bins of [lo, hi] with NumPy's edges, and how far the kernels' fast guess may stray. */
function axis([lo, hi]: readonly [number, number], bins: number, rangeFrom = 'options.range'): Axis {
  const width = hi - lo;
  if (!Number.isFinite(width)) {
    const where = rangeFrom === 'options.range' ? rangeFrom : `the range of ${rangeFrom}`;
    throw new InputRangeError(`${where} [${lo}, ${hi}] is too wide: hi − lo overflows`, rangeFrom);
  }
  const edges = linspace(lo, hi, bins);
  for (let k = 0; k < bins; k++) {
    if (!(edges[k]! < edges[k + 1]!)) {
      throw new InputRangeError(`options.bins is ${bins}: too many bins for [${lo}, ${hi}], edges would repeat`, 'options.bins');
    }
  }
  const scale = bins / width;
  const step = width / bins;
  // Rounding in the guess (x − lo)·scale and in the edges k·step + lo, in bins,
  // doubled for margin. Below 2^-10 a guess is never more than one bin off. The
  // bound is relative, so it needs a normal step and a finite scale.
  const bound = 2 * (5.1 + Math.max(Math.abs(lo), Math.abs(hi)) / width) * bins * 2 ** -53;
  const tiny = Number.isFinite(scale) && step >= MIN_NORMAL && bound <= 2 ** -10 ? bound : NaN;
  return { lo, hi, bins, edges, step, scale, tiny };
}

function optionsOf(options: unknown): { bins?: unknown; range?: unknown } {
  if (options === null || typeof options !== 'object') {
    throw new InputTypeError(`options must be an object with bins, got ${describe(options)}`, 'options');
  }
  requireKnownKeys(options, ['bins', 'range']);
  return options;
}

function binCount(v: unknown, name: string, label = name): number {
  if (typeof v !== 'number') throw new InputTypeError(`${label} must be a number, got ${describe(v)}`, name);
  if (!Number.isInteger(v) || v < 1 || v > MAX_CELLS) {
    throw new InputRangeError(`${label} is ${v}; it must be a whole number from 1 to ${MAX_CELLS}`, name);
  }
  return v;
}

function binPair(v: unknown): [number, number] {
  const name = 'options.bins';
  if (!Array.isArray(v)) {
    const n = binCount(v, name);
    return checkCells([n, n]);
  }
  if (v.length !== 2) throw new InputTypeError(`${name} must be a number or [bx, by], got ${describe(v)}`, name);
  return checkCells([binCount(v[0], name, `${name}[0]`), binCount(v[1], name, `${name}[1]`)]);
}

function checkCells([bx, by]: [number, number]): [number, number] {
  if (bx * by > MAX_CELLS) {
    throw new InputRangeError(`options.bins gives ${bx} × ${by} cells; at most ${MAX_CELLS}`, 'options.bins');
  }
  return [bx, by];
}

function rangeOf(v: unknown, label = 'options.range'): [number, number] {
  const name = 'options.range';
  if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'number' || typeof v[1] !== 'number') {
    throw new InputTypeError(`${label} must be [lo, hi], got ${describe(v)}`, name);
  }
  const [lo, hi] = v as [number, number];
  if (!(Number.isFinite(lo) && Number.isFinite(hi))) {
    throw new InputRangeError(`${label} is [${lo}, ${hi}]; both ends must be finite`, name);
  }
  if (!(lo < hi)) throw new InputRangeError(`${label} is [${lo}, ${hi}]; lo must be below hi`, name);
  return [lo, hi];
}

function rangePair(v: unknown): [[number, number], [number, number]] {
  if (!Array.isArray(v) || v.length !== 2) {
    throw new InputTypeError(`options.range must be [[xlo, xhi], [ylo, yhi]], got ${describe(v)}`, 'options.range');
  }
  return [rangeOf(v[0], 'options.range[0]'), rangeOf(v[1], 'options.range[1]')];
}
