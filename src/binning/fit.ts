// Bins fitted once on a reference sample and reused for every later sample: the edges
// np.histogram_bin_edges gives for each of its width rules ('auto', 'fd', 'doane',
// 'scott', 'stone', 'rice', 'sturges', 'sqrt'), equal-width bins of a given count,
// quantile bins (np.quantile, tied edges merged), or edges given outright. Missing
// values (NaN) and ±∞ in the reference are left out of the fit: the edges are those of
// np.histogram_bin_edges(reference[np.isfinite(reference)], …).
import { InputRangeError, InputTypeError } from '../errors.js';
import type { Vector } from '../types.js';
import { asVector, describe, requireKnownKeys } from '../validate.js';
import { linspace } from './axis.js';
import { checkedEdges } from './edges.js';
import { histogram } from './histogram.js';
import { cube, mean, quantileSorted, std } from './numpy.js';

/** The bin-width rules of np.histogram_bin_edges that `fitBins` implements. */
export const WIDTH_RULES = ['auto', 'fd', 'doane', 'scott', 'stone', 'rice', 'sturges', 'sqrt'] as const;
/**
 * A bin-width rule of np.histogram_bin_edges: 'auto', 'fd', 'doane', 'scott', 'stone', 'rice', 'sturges' or 'sqrt'.
 * @useDeclaredType
 */
export type WidthRule = (typeof WIDTH_RULES)[number];
/** How `fitBins` places the edges: a width rule, 'uniform', 'quantile', or 'edges' given outright. */
export type BinMethod = WidthRule | 'uniform' | 'quantile' | 'edges';

/** The options of `fitBins`. */
export interface FitBinsOptions {
  /**
   * A width rule of np.histogram_bin_edges, 'uniform' (`bins` equal-width bins),
   * 'quantile' (`bins` bins of equal reference mass) or 'edges' (`edges` as given).
   * Default: 'uniform' when `bins` is given, 'edges' when `edges` is, else 'auto'.
   */
  method?: BinMethod;
  /** The number of bins, for 'uniform' and 'quantile'. */
  bins?: number;
  /** [lo, hi] for the width rules and 'uniform' (default: the reference's finite min and max). */
  range?: readonly [number, number];
  /** Increasing edges, for 'edges'. */
  edges?: Vector;
}

/** The JSON form of Bins. */
export interface BinsJSON {
  /** The method the bins were fitted with. */
  method: BinMethod;
  /** The edges, increasing. */
  edges: number[];
}

/** Fitted bins: increasing edges, bins + 1 of them, the last bin closed as np.histogram's is. */
export class Bins {
  /** Bins on `edges` (taken as given: `fitBins` and `fromJSON` check them), labelled with `method`. */
  constructor(
    /** The edges, increasing: bin i is [edges[i], edges[i + 1]), the last one closed. */
    readonly edges: Float64Array,
    /** The method that placed the edges. */
    readonly method: BinMethod,
  ) {
    // An edge of −0 is the boundary +0 is (every comparison agrees), and JSON has no −0:
    // edges hold +0, so that a profile read back from JSON is the same bins, bit for bit.
    if (edges.some((e) => Object.is(e, -0))) this.edges = edges.map((e) => (e === 0 ? 0 : e));
  }

  /** The number of bins: one less than the number of edges. */
  get bins(): number {
    return this.edges.length - 1;
  }

  private even: boolean | undefined;

  /** Are the edges equally spaced as np.linspace would make them (so the equal-width kernels count them)? */
  get uniform(): boolean {
    const e = this.edges;
    // === rather than Object.is: an edge that is +0 where linspace gives −0 is the same boundary.
    this.even ??= linspace(e[0]!, e[e.length - 1]!, e.length - 1).every((x, i) => x === e[i]);
    return this.even;
  }

  /** A plain object for JSON.stringify; `Bins.fromJSON` reads it back. */
  toJSON(): BinsJSON {
    return { method: this.method, edges: Array.from(this.edges) };
  }

  /**
   * Bins from `toJSON`'s object or its JSON text. Throws an InputTypeError without
   * `edges`, and an InputRangeError naming `json.edges` and the index when the edges
   * are fewer than 2, not finite or not increasing.
   * @example
   * ```ts
   * import { Bins, fitBins } from 'infodiv';
   * const saved = JSON.stringify(fitBins([1, 2, 2, 3, 7], { bins: 3 }));
   * const bins = Bins.fromJSON(saved);
   * bins.bins; // 3
   * bins.edges[1]; // 3
   * ```
   */
  static fromJSON(json: BinsJSON | string): Bins {
    const j = typeof json === 'string' ? (JSON.parse(json) as BinsJSON) : json;
    if (j === null || typeof j !== 'object' || !Array.isArray(j.edges)) {
      throw new InputTypeError(`Bins.fromJSON needs { method, edges }, got ${describe(j)}`, 'json');
    }
    // The one bin of no width fitBins makes (quantiles of a constant |v| ≥ 2^52) reads back too.
    if (j.method === 'quantile' && isPointBin(j.edges)) return new Bins(Float64Array.from(j.edges), 'quantile');
    return new Bins(checkedEdges(j.edges, 'json.edges'), j.method);
  }
}

/**
 * Bins fitted on `reference` (its finite values; NaN and ±∞ are left out), with edges
 * equal to np.histogram_bin_edges for the width rules and 'uniform', np.quantile's
 * (tied edges merged) for 'quantile'. Throws an InputRangeError for an unknown method,
 * a `bins` that is not a whole number from 1 to 2^26, a bad `range`, or a rule that
 * asks for more bins than the range can hold.
 * @example
 * ```ts
 * import { fitBins } from 'infodiv';
 * const bins = fitBins([1, 2, 2, 3, 7], { method: 'sturges' }); // edges 1, 2.5, 4, 5.5, 7
 * bins.bins; // 4
 * bins.edges[1]; // 2.5
 * fitBins([1, 2, 3, 4, 5, 6, 7, 8], { method: 'quantile', bins: 2 }).edges[1]; // 4.5
 * ```
 */
export function fitBins(reference: Vector, options: FitBinsOptions = {}): Bins {
  if (options === null || typeof options !== 'object') throw new InputTypeError(`options must be an object, got ${describe(options)}`, 'options');
  requireKnownKeys(options, ['method', 'bins', 'range', 'edges']);
  const method: BinMethod = options.method ?? (options.edges !== undefined ? 'edges' : options.bins !== undefined ? 'uniform' : 'auto');
  if (method === 'edges') {
    if (options.edges === undefined) throw new InputTypeError("method 'edges' needs options.edges", 'options.edges');
    return new Bins(checkedEdges(options.edges, 'options.edges'), 'edges');
  }
  const x = finite(asVector(reference, 'reference'));
  if (method === 'quantile') return quantileBins(x, binsOf(options.bins));
  const [lo, hi] = outerEdges(x, options.range);
  if (method === 'uniform') return new Bins(increasing(linspace(lo, hi, binsOf(options.bins)), 'uniform', lo, hi), 'uniform');
  if (!(WIDTH_RULES as readonly string[]).includes(method)) {
    throw new InputRangeError(`options.method is ${describe(method)}; expected one of ${[...WIDTH_RULES, 'uniform', 'quantile', 'edges'].join(', ')}`, 'options.method');
  }
  // As NumPy: the width is estimated from the values within the range only.
  const kept = options.range === undefined ? x : x.filter((v) => v >= lo && v <= hi);
  let n = 1;
  if (kept.length > 0) {
    let width = RULES[method as WidthRule](kept, lo, hi);
    if (width === Infinity) {
      // A variance past overflow (values near 1e300): NumPy's width is ∞ and its edges
      // a lone [lo]. The same rule on the values scaled by a power of two, scaled back.
      const k = Math.floor(Math.log2(Math.max(Math.abs(lo), Math.abs(hi))));
      width = RULES[method as WidthRule](kept.map((v) => v * 2 ** -k), lo * 2 ** -k, hi * 2 ** -k) * 2 ** k;
    }
    if (width) n = Math.ceil((hi - lo) / width);
  }
  if (!(n <= 2 ** 26)) throw new InputRangeError(`the ${method} rule asks for ${n} bins; at most 2^26 are allowed`, 'options.method');
  return new Bins(increasing(linspace(lo, hi, n), method, lo, hi), method);
}

/**
 * The edges, checked to increase: bins narrower than the doubles of their range (6 bins
 * of the default range v ± 0.5 at v = 2^50) would repeat an edge, a bin of no width.
 * As NumPy ("Too many bins for data range").
 */
function increasing(edges: Float64Array, method: string, lo: number, hi: number): Float64Array {
  const n = edges.length - 1;
  for (let i = 1; i < edges.length; i++) {
    if (!(edges[i]! > edges[i - 1]!)) {
      throw new InputRangeError(`the ${method} rule asks for ${n} bin${n === 1 ? '' : 's'}, too many for the range [${lo}, ${hi}]: edges would repeat`, 'options.method');
    }
  }
  return edges;
}

function binsOf(bins: unknown): number {
  if (typeof bins !== 'number' || !Number.isInteger(bins) || bins < 1 || bins > 2 ** 26) {
    throw new InputRangeError(`options.bins is ${describe(bins)}; it must be a whole number from 1 to 2^26`, 'options.bins');
  }
  return bins;
}

/** The finite values of x, as a Float64Array. */
function finite(x: Vector): Float64Array {
  const out = new Float64Array(x.length);
  let k = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]!)) out[k++] = x[i]!;
  return out.subarray(0, k);
}

/** np.histogram's _get_outer_edges: the range, or min and max (0, 1 with no values); equal ends widened by ½. */
function outerEdges(x: Float64Array, range: readonly [number, number] | undefined): [number, number] {
  let lo: number;
  let hi: number;
  if (range !== undefined) {
    if (!Array.isArray(range) || range.length !== 2) throw new InputTypeError(`options.range must be [lo, hi], got ${describe(range)}`, 'options.range');
    // Each end checked to be a number before it goes into a message: a Symbol in a
    // template literal would throw a TypeError of its own.
    for (let i = 0; i < 2; i++) {
      const v: unknown = range[i];
      if (typeof v !== 'number') throw new InputTypeError(`options.range[${i}] must be a number, got ${describe(v)}`, 'options.range', i);
    }
    [lo, hi] = range as [number, number];
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) {
      throw new InputRangeError(`options.range is [${describe(lo)}, ${describe(hi)}]; it must be finite with lo ≤ hi`, 'options.range');
    }
  } else if (x.length === 0) {
    [lo, hi] = [0, 1];
  } else {
    lo = Infinity;
    hi = -Infinity;
    for (let i = 0; i < x.length; i++) {
      lo = Math.min(lo, x[i]!);
      hi = Math.max(hi, x[i]!);
    }
  }
  return lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
}

function ptp(x: Float64Array): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    lo = Math.min(lo, x[i]!);
    hi = Math.max(hi, x[i]!);
  }
  return hi - lo;
}

const sturges = (x: Float64Array) => ptp(x) / (Math.log2(x.length) + 1);
const sqrtRule = (x: Float64Array) => ptp(x) / Math.sqrt(x.length);

function fd(x: Float64Array): number {
  const sorted = Float64Array.from(x).sort();
  const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
  return 2 * iqr * x.length ** (-1 / 3);
}

/** Bin widths of NumPy's rules (numpy/lib/_histograms_impl.py), 0 where a rule gives none. */
const RULES: Record<WidthRule, (x: Float64Array, lo: number, hi: number) => number> = {
  sqrt: sqrtRule,
  sturges,
  rice: (x) => ptp(x) / (2 * x.length ** (1 / 3)),
  scott: (x) => ((24 * Math.PI ** 0.5) / x.length) ** (1 / 3) * std(x),
  fd,
  auto: (x) => Math.min(Math.max(fd(x), sqrtRule(x) / 2), sturges(x)),
  doane(x) {
    const n = x.length;
    if (n <= 2) return 0;
    const sg1 = Math.sqrt((6 * (n - 2)) / ((n + 1) * (n + 3)));
    const sigma = std(x);
    if (!(sigma > 0)) return 0;
    const m = mean(x);
    const g1 = mean(x.map((v) => cube((v - m) / sigma)));
    return ptp(x) / (1 + Math.log2(n) + Math.log2(1 + Math.abs(g1) / sg1));
  },
  stone(x, lo, hi) {
    // Minimises the cross-validated ISE estimate over 1 … max(100, ⌊√n⌋) bins.
    const n = x.length;
    const span = ptp(x);
    if (n <= 1 || span === 0) return 0;
    const upper = Math.max(100, Math.floor(Math.sqrt(n)));
    let best = 1;
    let bestJ = Infinity;
    for (let k = 1; k <= upper; k++) {
      const { counts } = histogram(x, { bins: k, range: [lo, hi] });
      let dot = 0;
      for (let i = 0; i < k; i++) dot += (counts[i]! / n) * (counts[i]! / n);
      const j = (2 - (n + 1) * dot) / (span / k);
      if (j < bestJ) [best, bestJ] = [k, j];
    }
    return span / best;
  },
};

/** Edges [v, v] where v ± 0.5 both round to v: quantileBins's bin of a constant reference there. */
function isPointBin(edges: readonly unknown[]): edges is [number, number] {
  const [a, b] = edges;
  return edges.length === 2 && typeof a === 'number' && a === b && Number.isFinite(a) && a - 0.5 === a && a + 0.5 === a;
}

/** np.quantile(x, np.linspace(0, 1, bins + 1)), equal edges merged. */
function quantileBins(x: Float64Array, bins: number): Bins {
  if (x.length === 0) throw new InputRangeError('reference has no finite values to take quantiles of', 'reference');
  const sorted = Float64Array.from(x).sort();
  const qs = linspace(0, 1, bins);
  const edges: number[] = [];
  for (const q of qs) {
    const e = quantileSorted(sorted, q);
    if (edges.length === 0 || e > edges[edges.length - 1]!) edges.push(e);
  }
  // A constant reference: one bin v ± 0.5 around it, as the width rules make. For |v| ≥ 2^52
  // both ends round back to v and the bin is [v, v], of no width: NumPy's edges too (the
  // fit-bins fixture), and binCounts counts v in it as np.histogram does with array edges.
  if (edges.length === 1) return new Bins(Float64Array.from([edges[0]! - 0.5, edges[0]! + 0.5]), 'quantile');
  return new Bins(Float64Array.from(edges), 'quantile');
}
