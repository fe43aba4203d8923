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
import { workersFor } from '../threads/thresholds.js';
import { threadsOption, type Threaded, type ThreadOptions } from '../threads/options.js';

/** The options of `histogram` and `histograms` (with `threads`, they return a Promise). */
export interface HistogramOptions {
  /** Number of equal-width bins, a positive integer. */
  bins: number;
  /**
   * [lo, hi], finite, lo < hi; default: min and max of the finite values (IEEE-754 on
   * zeros, as Math.max: a zero max is +0 if the values hold +0, −0 if only −0).
   */
  range?: readonly [number, number];
}

/** What `histogram` returns: counts, edges, and how many values were not counted. */
export interface Histogram {
  /** Values in each bin: [eᵢ, eᵢ₊₁), the last bin closed. */
  counts: Float64Array;
  /** bins + 1 edges, as np.linspace(lo, hi, bins + 1). */
  edges: Float64Array;
  /** Values not counted: outside [lo, hi], NaN or ±∞. */
  outside: number;
}

/** The options of `histogram2d`. */
export interface Histogram2dOptions {
  /** Bins along x and y, or one number for both. */
  bins: number | readonly [number, number];
  /** [[xlo, xhi], [ylo, yhi]]; default: min and max of the finite values of x and of y. */
  range?: readonly [readonly [number, number], readonly [number, number]];
}

/** What `histogram2d` returns: the joint counts and each axis's edges. */
export interface Histogram2d {
  /** Row i = x bin i, column j = y bin j (as np.histogram2d); feeds mutualInformation. */
  counts: {
    /** Row-major counts, rows × cols. */
    data: Float64Array;
    /** The number of x bins. */
    rows: number;
    /** The number of y bins. */
    cols: number;
  };
  /** The x bins' edges, rows + 1 of them. */
  xEdges: Float64Array;
  /** The y bins' edges, cols + 1 of them. */
  yEdges: Float64Array;
  /** Pairs not counted: either coordinate outside its range, NaN or ±∞. */
  outside: number;
}

/** What `histograms` returns: two histograms on shared edges. */
export interface HistogramPair {
  /** The counts of the first sample, `a`. */
  p: Float64Array;
  /** The counts of the second sample, `b`. */
  q: Float64Array;
  /** The edges both histograms share. */
  edges: Float64Array;
  /** Values of a and of b not counted: outside the range, NaN or ±∞. */
  outside: [number, number];
}

/** Count cells in one histogram: 512 MiB of f64 counts. */
const MAX_CELLS = 2 ** 26;
const MIN_NORMAL = 2 ** -1022;

/**
 * Counts of `values` in `bins` equal-width bins, equal to np.histogram(values, bins,
 * range): right-open bins except the last, which holds hi. Values outside the range,
 * NaN and ±∞ are not counted but reported in `outside`. Throws an InputRangeError for
 * a `bins` that is not a positive integer, a range that is not finite with lo < hi, or
 * more bins than the range holds doubles ("Too many bins", as NumPy). With
 * `{ threads: n }` the values are counted on up to n workers and it returns a Promise.
 * @example
 * ```ts
 * import { histogram } from 'infodiv';
 * const h = histogram([1, 2, 2, 3, 7], { bins: 3 }); // edges 1, 3, 5, 7
 * h.counts[0]; // 3
 * h.counts[2]; // 1
 * h.edges[1]; // 3
 * h.outside; // 0
 * ```
 */
export function histogram<O extends HistogramOptions & ThreadOptions>(values: Vector, options: O): Threaded<O, Histogram> {
  const prepare = () => {
    const v = pin(sample(values, 'values'));
    const o = optionsOf(options);
    const bins = binCount(o.bins, 'options.bins');
    const a = axis(o.range === undefined ? dataRange([v()], ['values']) : given(rangeOf(o.range)), bins, false);
    return { v, a };
  };
  if ((options as ThreadOptions | undefined)?.threads === undefined) {
    const { v, a } = prepare();
    return { ...count(activeEngine(), v, a), edges: a.edges } as Threaded<O, Histogram>;
  }
  return (async () => {
    const { v, a } = prepare();
    return { ...(await countThreaded(v(), a, threadsOption(options)!)), edges: a.edges };
  })() as Threaded<O, Histogram>;
}

/**
 * count() with the values cut into ranges on the workers (the range itself, when taken
 * from the data, is found here first). Counts are whole numbers: their sum is exact,
 * so every thread count gives the same histogram.
 */
async function countThreaded(values: Vector, a: Axis, requested: number | 'auto'): Promise<Counted> {
  const engine = guessable(a) ? activeEngine() : jsEngine;
  const on = await workersFor(requested, values.length, [values]);
  return on ? on.pool.countOnWorkers(engine, values, a, on.parts, on.workers) : engine.count(() => values, a);
}

/**
 * Histograms of two samples over one shared set of edges (default range: min and max
 * of the finite values of both), ready for klDivergence(p, q) and friends. Errors as
 * `histogram`'s, naming `a` or `b`; with `{ threads: n }` it returns a Promise.
 * @example
 * ```ts
 * import { histograms, jsDivergence } from 'infodiv';
 * const { p, q, edges } = histograms([1, 2, 2, 3], [2, 3, 3, 4], { bins: 3 }); // edges 1, 2, 3, 4
 * p[1]; // 2
 * q[2]; // 3
 * edges.length; // 4
 * jsDivergence(p, q, { base: 2 }); // 0.25
 * ```
 */
export function histograms<O extends HistogramOptions & ThreadOptions>(a: Vector, b: Vector, options: O): Threaded<O, HistogramPair> {
  const prepare = () => {
    // Pinned: counting a may grow module memory, which would detach b if it lives there.
    const va = pin(sample(a, 'a'));
    const vb = pin(sample(b, 'b'));
    const o = optionsOf(options);
    const bins = binCount(o.bins, 'options.bins');
    const ax = axis(o.range === undefined ? dataRange([va(), vb()], ['a', 'b']) : given(rangeOf(o.range)), bins, false);
    return { va, vb, ax };
  };
  const pairOf = (p: Counted, q: Counted, edges: Float64Array): HistogramPair => ({ p: p.counts, q: q.counts, edges, outside: [p.outside, q.outside] });
  if ((options as ThreadOptions | undefined)?.threads === undefined) {
    const { va, vb, ax } = prepare();
    const backend = activeEngine();
    return pairOf(count(backend, va, ax), count(backend, vb, ax), ax.edges) as Threaded<O, HistogramPair>;
  }
  return (async () => {
    const { va, vb, ax } = prepare();
    const requested = threadsOption(options)!;
    return pairOf(await countThreaded(va(), ax, requested), await countThreaded(vb(), ax, requested), ax.edges);
  })() as Threaded<O, HistogramPair>;
}

/**
 * Joint counts of the pairs (x[i], y[i]), equal to np.histogram2d(x, y, bins, range).
 * `mutualInformation(histogram2d(x, y, { bins: 32 }).counts)` is the MI of two raw
 * variables. Like np.histogram2d (and unlike np.histogram and histogram()), it accepts
 * bins narrower than the doubles of their range, whose edges repeat: a value goes to the
 * bin of the last edge ≤ it, hi to the last bin. Throws an InputRangeError when x and y
 * differ in length.
 * @example
 * ```ts
 * import { histogram2d, mutualInformation } from 'infodiv';
 * const h = histogram2d([0, 0, 1, 1], [0, 0, 1, 1], { bins: 2 });
 * h.counts.data[0]; // 2
 * h.counts.data[1]; // 0
 * mutualInformation(h.counts, { base: 2 }); // 1
 * ```
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
  // Edges may repeat here: np.histogram2d counts on them (np.histogram refuses).
  const ax = axis(ranges ? given(ranges[0], 'options.range[0]') : dataRange([vx], ['x']), bx, true);
  const ay = axis(ranges ? given(ranges[1], 'options.range[1]') : dataRange([vy], ['y']), by, true);
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

/** A range to bin over, and where it came from, for the errors that blame it. */
interface Span {
  lo: number;
  hi: number;
  /** The argument an error names: 'options.range', or the sample the range came from. */
  argument: string;
  /** How a message names it: 'options.range', 'options.range[1]', 'values', 'a and b'. */
  label: string;
  /** For a range taken from the data: the finite min and max (before NumPy's ± 0.5). */
  data?: [number, number];
}

function given([lo, hi]: [number, number], label = 'options.range'): Span {
  return { lo, hi, argument: 'options.range', label };
}

/**
 * min and max of the finite values of all samples; NumPy widens a single value by ±0.5.
 * Zeros follow IEEE-754 minimum and maximum, whatever the order of the data: a max of
 * −0 and +0 is +0, a min is −0 (the engines' finiteRange, and Math.min/Math.max here,
 * which merge samples the same way). The sign shows: a zero max is the last edge, and
 * NumPy's own sign there follows the order of its reduction loop.
 */
function dataRange(samples: Vector[], names: string[]): Span {
  const engine = activeEngine();
  const ranges = samples.map((s) => engine.finiteRange(s));
  let lo = Infinity;
  let hi = -Infinity;
  for (const [l, h] of ranges) {
    lo = Math.min(lo, l);
    hi = Math.max(hi, h);
  }
  const joint = samples.length > 1 ? names.join(' and ') : names[0]!;
  if (lo > hi) {
    const what = samples.length > 1 ? `${joint} have` : `${joint} has`;
    throw new InputRangeError(`${what} no finite entries to take a range from; pass options.range`, names[0]!);
  }
  // Errors blame the one sample that spans the whole range alone, if just one does.
  const spanning = names.filter((_, i) => ranges[i]![0] === lo && ranges[i]![1] === hi);
  const [argument, label] = spanning.length === 1 ? [spanning[0]!, spanning[0]!] : [names[0]!, joint];
  const [l, h] = lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
  return { lo: l, hi: h, argument, label, data: [lo, hi] };
}

/**
 * The bins of [lo, hi] with NumPy's edges, and how far the kernels' fast guess may stray.
 * Edges that repeat (bins narrower than the doubles there) are refused, as np.histogram
 * refuses them ("Too many bins for data range"), unless `repeats`: np.histogram2d counts
 * on them by searchsorted, and so does histogram2d (in JS, the axis is not guessable).
 */
function axis(span: Span, bins: number, repeats: boolean): Axis {
  const { lo, hi } = span;
  const width = hi - lo;
  if (!Number.isFinite(width)) {
    const message = span.data
      ? `${span.label} spans [${lo}, ${hi}], too wide: hi − lo overflows; pass options.range`
      : `${span.label} [${lo}, ${hi}] is too wide: hi − lo overflows`;
    throw new InputRangeError(message, span.argument);
  }
  const edges = linspace(lo, hi, bins);
  let increasing = true;
  for (let k = 0; k < bins && increasing; k++) increasing = edges[k]! < edges[k + 1]!;
  if (!increasing && !repeats) throw tooManyBins(span, bins);
  const scale = bins / width;
  const step = width / bins;
  // Rounding in the guess (x − lo)·scale and in the edges k·step + lo, in bins,
  // doubled for margin. Below 2^-10 a guess is never more than one bin off. The
  // bound is relative, so it needs a normal step and a finite scale.
  const bound = 2 * (5.1 + Math.max(Math.abs(lo), Math.abs(hi)) / width) * bins * 2 ** -53;
  const tiny = increasing && Number.isFinite(scale) && step >= MIN_NORMAL && bound <= 2 ** -10 ? bound : NaN;
  return { lo, hi, bins, edges, step, scale, tiny };
}

/**
 * np.histogram's "Too many bins for data range": the range is narrower than `bins` bins
 * of at least one ulp. Blames where the range came from: the data (a single value v,
 * whose default range v ± 0.5 rounds back to about v when v is large, or values all
 * within a few ulps), or an explicit options.range.
 */
function tooManyBins(span: Span, bins: number): InputRangeError {
  const { lo, hi, label, data } = span;
  const narrow = `too narrow for ${bins} bins: edges would repeat (NumPy: "Too many bins for data range")`;
  const fewer = lo < hi ? ' or fewer options.bins' : '';
  let message: string;
  if (!data) {
    message = `${label} [${lo}, ${hi}] is ${narrow}; pass a wider range or fewer options.bins`;
  } else if (data[0] === data[1]) {
    const verb = label.includes(' and ') ? 'have' : 'has';
    message = `${label} ${verb} the single finite value ${data[0]}, and the default range v ± 0.5 rounds to [${lo}, ${hi}], ${narrow}; pass options.range${fewer}`;
  } else {
    message = `${label} spans only [${lo}, ${hi}], ${narrow}; pass options.range${fewer}`;
  }
  return new InputRangeError(message, span.argument);
}

function optionsOf(options: unknown): { bins?: unknown; range?: unknown } {
  if (options === null || typeof options !== 'object') {
    throw new InputTypeError(`options must be an object with bins, got ${describe(options)}`, 'options');
  }
  requireKnownKeys(options, ['bins', 'range', 'threads']);
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
