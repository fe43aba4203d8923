// Counting values into fitted bins, with nothing dropped silently: values below the
// first edge, above the last and NaN are counted apart, and `distribution` decides
// what the measures see. By default ('bins') the values outside the edges are two more
// bins, below and above, as NannyML and TFDV count them: a current sample that moves out
// of the reference's range shows as drift instead of vanishing.
import { InputRangeError } from '../errors.js';
import type { Vector } from '../types.js';
import { asVector, describe } from '../validate.js';
import { checkedEdges } from './edges.js';
/**
 * What binCounts reads of fitted bins (a Bins, or the same three fields sent to a worker).
 * @inline
 */
export interface EdgesLike {
  /** The edges, increasing. */
  readonly edges: Float64Array;
  /** The number of bins, edges.length − 1. */
  readonly bins: number;
  /** Equally spaced as np.linspace makes them (then the histogram kernels count). */
  readonly uniform: boolean;
}
import { histogram } from './histogram.js';
import { edgeGrid } from './grid.js';
import { activeEngine } from '../engine/registry.js';

/** What `binCounts` returns: the counts in the bins, and the values that fell outside them, apart. */
export interface BinCounts {
  /** Values in each bin: [eᵢ, eᵢ₊₁), the last bin closed. */
  counts: Float64Array;
  /** Values below the first edge (−∞ included). */
  below: number;
  /** Values above the last edge (+∞ included). */
  above: number;
  /** NaN values (missing). */
  nan: number;
}

/** What the measures see of values outside the edges: 'bins' (two extra bins), 'drop', or 'error'. */
export type Outside = 'bins' | 'drop' | 'error';

/**
 * Counts of `values` in `bins`. Equal-width edges count through the histogram kernels;
 * others as np.histogram does with array bins, through the edge kernels
 * (assembly/edges.ts: a grid lookup and a step or two; on 1e7 values and 1,000
 * quantile edges 8.1× a plain binary search in JS and 1.36× the same grid in JS, Node 24;
 * bench:drift measures it).
 *
 * Values below or above the edges are counted in `below` and `above`, NaN in `nan`;
 * with `opts.outside: 'error'` a value below or above throws an InputRangeError naming
 * `opts.name` (default 'values') and its index (plus `opts.offset`).
 * @example
 * ```ts
 * import { binCounts, fitBins } from 'infodiv';
 * const c = binCounts([0, 1, 2, 5, NaN], fitBins([0, 4], { bins: 2 })); // edges 0, 2, 4
 * c.counts[0]; // 2
 * c.counts[1]; // 1
 * c.above; // 1
 * c.nan; // 1
 * ```
 */
export function binCounts(values: Vector, bins: EdgesLike, opts: { outside?: Outside; name?: string; offset?: number } = {}): BinCounts {
  const name = opts.name ?? 'values';
  const offset = opts.offset ?? 0;
  const v = asVector(values, name);
  const outside = outsideOf(opts.outside);
  const e = bins.edges;
  const lo = e[0]!;
  const hi = e[e.length - 1]!;
  // np.histogram([], bins) is all zeros; the histogram kernels refuse an empty input, but
  // here no values is a chunk with no rows (a monitor's update, an empty current column).
  if (v.length === 0) return { counts: new Float64Array(bins.bins), below: 0, above: 0, nan: 0 };
  let c: BinCounts;
  // Equal-width counting needs lo < hi; quantile bins of a constant |v| ≥ 2^52 are [v, v]
  // (v ± 0.5 rounds back to v, as in NumPy), one bin of no width that np.histogram counts
  // with array edges: v in it, the rest below or above. The edge search does the same.
  if (bins.uniform && lo < hi) {
    const counts = histogram(v, { bins: bins.bins, range: [lo, hi] }).counts;
    c = { counts, below: 0, above: 0, nan: 0 };
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      if (x >= lo && x <= hi) continue;
      if (x < lo) c.below++;
      else if (x > hi) c.above++;
      else c.nan++;
    }
  } else {
    c = activeEngine().countEdges(() => v, edgeGrid(e));
  }
  if (outside === 'error' && c.below + c.above > 0) {
    const i = Array.prototype.findIndex.call(v, (x: number) => x < lo || x > hi);
    const x = v[i]!;
    throw new InputRangeError(`${name}[${i + offset}] is ${x}, outside the bins' range [${lo}, ${hi}] (outside: 'error')`, name, i + offset);
  }
  return c;
}

export function outsideOf(o: unknown): Outside {
  if (o === undefined) return 'bins';
  if (o !== 'bins' && o !== 'drop' && o !== 'error') {
    throw new InputRangeError(`options.outside is ${describe(o)}; expected 'bins', 'drop' or 'error'`, 'options.outside');
  }
  return o;
}

/** The distribution the measures see: the counts, with the outside bins before and after for 'bins'. */
export function distribution(c: BinCounts, outside: Outside): Float64Array {
  if (outside !== 'bins') return c.counts;
  const out = new Float64Array(c.counts.length + 2);
  out[0] = c.below;
  out.set(c.counts, 1);
  out[out.length - 1] = c.above;
  return out;
}

/**
 * Counts on `fromEdges` moved onto `toEdges`, each source bin's mass spread uniformly
 * over its width (as TFDV does for precomputed histograms whose edges differ), with the
 * mass that falls below or above the new edges reported apart. Throws an
 * InputRangeError when `fromEdges` is not one longer than `counts`, or when edges are
 * not increasing.
 * @example
 * ```ts
 * import { rebin } from 'infodiv';
 * const r = rebin([4, 4], [0, 1, 2], [0, 0.5, 2]);
 * r.counts[0]; // 2
 * r.counts[1]; // 6
 * r.below + r.above; // 0
 * ```
 */
export function rebin(
  counts: Vector,
  fromEdges: Vector,
  toEdges: Vector,
): {
  /** The mass in each bin of `toEdges`. */
  counts: Float64Array;
  /** Mass below the first of `toEdges`. */
  below: number;
  /** Mass above the last of `toEdges`. */
  above: number;
} {
  const c = asVector(counts, 'counts');
  const from = checkedEdges(fromEdges, 'fromEdges');
  const to = checkedEdges(toEdges, 'toEdges');
  if (from.length !== c.length + 1) throw new InputRangeError(`fromEdges has ${from.length} edges for ${c.length} counts; it needs ${c.length + 1}`, 'fromEdges');
  for (let i = 0; i < c.length; i++) {
    if (!(c[i]! >= 0 && c[i]! < Infinity)) throw new InputRangeError(`counts[${i}] is ${c[i]}; counts must be finite and ≥ 0`, 'counts', i);
  }
  const out = new Float64Array(to.length - 1);
  let below = 0;
  let above = 0;
  for (let i = 0; i < c.length; i++) {
    const [a, b] = [from[i]!, from[i + 1]!];
    const mass = c[i]!;
    if (mass === 0) continue;
    const share = (lo: number, hi: number) => (mass * Math.max(0, Math.min(b, hi) - Math.max(a, lo))) / (b - a);
    below += share(-Infinity, to[0]!);
    above += share(to[to.length - 1]!, Infinity);
    for (let j = 0; j + 1 < to.length; j++) out[j]! += share(to[j]!, to[j + 1]!);
  }
  return { counts: out, below, above };
}
