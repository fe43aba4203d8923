// Drift of many columns against a reference: bins (or categories) fitted on the
// reference once, current data counted into them chunk by chunk, and per column the
// chosen distances, a severity from thresholds, and everything a report needs to be
// trusted (bins, smoothing applied, missing values, values outside the reference range).
// drift() is one monitor fed once; shards merge their monitors, and a monitor's profile
// (JSON) stands in for the raw reference.
import { distribution, outsideOf, type Outside } from '../binning/counts.js';
import { countValues, type ColumnSpec, type ColumnSpecData } from './count.js';
import { Bins, fitBins, type BinMethod, type BinsJSON, type FitBinsOptions } from '../binning/fit.js';
import { jsDistance, jsDivergence, klDivergence, totalVariation } from '../divergences.js';
import { InputRangeError, InputTypeError } from '../errors.js';
import { describe, requireKnownKeys } from '../validate.js';
import { Categories, fitCategories, type CategoriesJSON } from './categories.js';
import { bhattacharyya, hellinger, lInfinity, psi } from './measures.js';
import { chiSquare } from './tests.js';
import { smooth, type Smoothing, type SmoothingReport } from './smoothing.js';
import { columnsOf, kindOf, numericValues, selected, type Table } from './table.js';

/** A column's bins as counted, before smoothing: what a test on counts reads. */
interface RawCounts {
  readonly reference: Float64Array;
  readonly current: Float64Array;
}

// Written out one by one, not made by a helper: a call at module level is a side effect
// to bundlers, and a helper's calls here kept the drift API in bundles that import only
// klDivergence (52 KB instead of 49, measured).
const MEASURES = {
  // (p, q): the distributions after smoothing; `counts`: reference and current before it.
  psi: (p: Float64Array, q: Float64Array, normalize: boolean, _counts?: RawCounts) => psi(p, q, { normalize }),
  jsDistance: (p: Float64Array, q: Float64Array, normalize: boolean) => jsDistance(p, q, { normalize }),
  jsDivergence: (p: Float64Array, q: Float64Array, normalize: boolean) => jsDivergence(p, q, { normalize }),
  hellinger: (p: Float64Array, q: Float64Array, normalize: boolean) => hellinger(p, q, { normalize }),
  bhattacharyya: (p: Float64Array, q: Float64Array, normalize: boolean) => bhattacharyya(p, q, { normalize }),
  klDivergence: (p: Float64Array, q: Float64Array, normalize: boolean) => klDivergence(p, q, { normalize }),
  totalVariation: (p: Float64Array, q: Float64Array, normalize: boolean) => totalVariation(p, q, { normalize }),
  lInfinity: (p: Float64Array, q: Float64Array, normalize: boolean) => lInfinity(p, q, { normalize }),
  /**
   * The p-value of Pearson's χ² test of the current counts against the reference's
   * counts scaled to the current total: small where the current data drifted.
   */
  chiSquare: (_p: Float64Array, _q: Float64Array, _normalize: boolean, counts: RawCounts) => {
    // On the counts, never the smoothed shares: smoothing fills every empty bin, so a bin
    // empty on both sides would stay in and add a degree of freedom and a term of its own
    // (a column against itself got p = 0.992). Bins empty on both sides say nothing and are
    // left out, as SciPy's chisquare needs; a bin empty only in the reference has expected
    // count 0, so χ² = ∞ and p = 0 (the current data has what the reference never had).
    const { reference: r, current: o } = counts;
    const keep = Array.from(r.keys()).filter((i) => r[i]! > 0 || o[i]! > 0);
    const sr = keep.reduce((a, i) => a + r[i]!, 0);
    const so = keep.reduce((a, i) => a + o[i]!, 0);
    if (keep.length < 2) return 1;
    return chiSquare(Float64Array.from(keep, (i) => o[i]!), Float64Array.from(keep, (i) => (r[i]! / sr) * so)).pValue;
  },
};

/** Measures whose small values are the drift (p-values): their thresholds are upper bounds. */
const LOWER_IS_DRIFT: ReadonlySet<string> = new Set(['chiSquare']);

/**
 * A distance (or test) `drift()` computes per column: 'psi', 'jsDistance', 'jsDivergence',
 * 'hellinger', 'bhattacharyya', 'klDivergence', 'totalVariation', 'lInfinity', or
 * 'chiSquare' (the p-value of Pearson's χ² test of the current counts against the
 * reference's counts, unsmoothed, bins empty on both sides left out: small values are drift).
 * @useDeclaredType
 */
export type DriftMeasure = keyof typeof MEASURES;
/** How far a column drifted: past no threshold, the moderate one, or the major one. */
export type Severity = 'none' | 'moderate' | 'major';
/**
 * Per measure, the values from which a column is moderate or major drift (at or above;
 * for 'chiSquare', a p-value, at or below).
 */
export type Thresholds = Partial<
  Record<
    DriftMeasure,
    {
      /** The value from which drift is moderate. */
      moderate?: number;
      /** The value from which drift is major. */
      major?: number;
    }
  >
>;

/**
 * Presets: PSI 0.1 / 0.25 (the industry's rule of thumb), Hellinger 0.15 / 0.4, JS
 * distance 0.1, and for the χ² test's p-value 0.05 / 0.001 (at or below: drift).
 */
export const DEFAULT_THRESHOLDS: Thresholds = {
  psi: { moderate: 0.1, major: 0.25 },
  hellinger: { moderate: 0.15, major: 0.4 },
  jsDistance: { moderate: 0.1 },
  chiSquare: { moderate: 0.05, major: 0.001 },
};

const DEFAULT_SMOOTHING: Smoothing = { epsilon: 1e-4 };

const DEFAULT_MEASURES: Record<'numeric' | 'categorical', DriftMeasure[]> = {
  numeric: ['psi', 'jsDistance', 'hellinger'],
  categorical: ['psi', 'jsDistance', 'chiSquare'],
};

/** The options of `drift()` and `createDriftMonitor`. */
export interface DriftOptions {
  /** Columns to compare (default: every column of the reference). */
  columns?: readonly string[];
  /**
   * Distances per column, for both kinds or per kind: default psi, jsDistance and
   * hellinger for numeric columns, psi, jsDistance and chiSquare (the χ² test's p-value)
   * for categorical ones.
   */
  measures?:
    | readonly DriftMeasure[]
    | {
        /** The measures of numeric columns. */
        numeric?: readonly DriftMeasure[];
        /** The measures of categorical columns. */
        categorical?: readonly DriftMeasure[];
      };
  /** How numeric columns are binned on the reference (default 'doane'). */
  bins?: BinMethod | FitBinsOptions;
  /** Values outside the reference's edges: two more bins (default), 'drop', or 'error'. */
  outside?: Outside;
  /** Categorical columns keep the reference's `top` categories (default 1000), the rest in 'other'. */
  categories?: {
    /** How many of the reference's most frequent categories to keep (default 1000). */
    top?: number;
  };
  /**
   * Default { epsilon: 1e-4 } (Evidently's ε, renormalised), reported per column: a
   * reference bin that is empty, or the outside bins, would otherwise make PSI +∞ for a
   * single new value. 'none': the exact values, +∞ where due.
   */
  smoothing?: Smoothing | 'none';
  /** Per measure, the values from which a column is moderate or major drift (merged over the presets). */
  thresholds?: Thresholds;
}

/** The drift of one column, in a DriftReport. */
export interface ColumnDrift {
  /** The column's name. */
  column: string;
  /** 'categorical' if the reference column holds strings, else 'numeric'. */
  kind: 'numeric' | 'categorical';
  /** 'ok', or why no distance was computed: a side with no values. */
  status: 'ok' | 'reference empty' | 'current empty';
  /** Each measure's value (none when `status` is not 'ok'). */
  measures: Partial<Record<DriftMeasure, number>>;
  /** The highest severity any measure reached. */
  severity: Severity;
  /** severity is not 'none'. */
  drifted: boolean;
  /** The reference's bins, or its categories. */
  bins: BinsJSON | CategoriesJSON;
  /** The distributions the measures saw (outside bins first and last; 'other' last), for charts. */
  reference: Float64Array;
  /** The current data's counts, in the same cells as `reference`. */
  current: Float64Array;
  /** What smoothing did, or undefined with `smoothing: 'none'` (or no distance). */
  smoothing: SmoothingReport | undefined;
  /** Missing values on each side, never counted in a bin. */
  missing: {
    /** In the reference. */
    reference: number;
    /** In the current data. */
    current: number;
  };
  /** Current values below and above the reference's edges (numeric columns). */
  outside:
    | {
        /** Below the first edge. */
        below: number;
        /** Above the last edge. */
        above: number;
      }
    | undefined;
  /** Rows seen on each side, missing ones included. */
  rows: {
    /** In the reference. */
    reference: number;
    /** In the current data so far. */
    current: number;
  };
}

/** What `drift()` and `DriftMonitor.result()` return: per-column drift and a summary. */
export interface DriftReport {
  /** One entry per compared column, in the reference's order. */
  columns: ColumnDrift[];
  /** Counts over the columns. */
  summary: {
    /** Columns compared. */
    columns: number;
    /** Columns that drifted (moderate or major). */
    drifted: number;
    /** drifted / columns (0 with no columns). */
    share: number;
    /** Columns of moderate drift. */
    moderate: number;
    /** Columns of major drift. */
    major: number;
  };
}

interface Counts {
  counts: Float64Array;
  below: number;
  above: number;
  missing: number;
  rows: number;
}

/**
 * One side's counts of a column in a profile.
 * @inline
 */
type CountsJSON = {
  /** Counts per bin (or category, then 'other'). */
  counts: number[];
  /** Values below the first edge. */
  below: number;
  /** Values above the last edge. */
  above: number;
  /** Missing values. */
  missing: number;
  /** Rows counted. */
  rows: number;
};

const countsFromJSON = (c: CountsJSON, k: number, name: string, side: string): Counts => {
  if (!c || !Array.isArray(c.counts) || c.counts.length !== k) {
    throw new InputRangeError(`profile column ${JSON.stringify(name)} has no ${side} counts for its ${k} bins`, name);
  }
  return { ...c, counts: Float64Array.from(c.counts) };
};

interface ColumnState {
  name: string;
  kind: 'numeric' | 'categorical';
  bins: Bins | undefined;
  categories: Categories | undefined;
  reference: Counts;
  current: Counts;
}

/**
 * A monitor's options, resolved (presets filled in), as a profile keeps them.
 * @inline
 */
interface Settings {
  /** The measures of each kind of column. */
  measures: Record<'numeric' | 'categorical', DriftMeasure[]>;
  /** What the measures see of values outside the reference's edges. */
  outside: Outside;
  /** The smoothing rule, or undefined for none. */
  smoothing: Smoothing | undefined;
  /** The thresholds, the presets merged with the options'. */
  thresholds: Thresholds;
}

/** The JSON a monitor's profile() gives and fromProfile() takes. */
export interface DriftProfile {
  /** Always 'infodiv-drift-profile'. */
  format: 'infodiv-drift-profile';
  /** The profile format's version: 1. */
  version: 1;
  /** The monitor's resolved options. */
  settings: Settings;
  /** One entry per monitored column. */
  columns: {
    /** The column's name. */
    name: string;
    /** Numeric (binned) or categorical. */
    kind: 'numeric' | 'categorical';
    /** A numeric column's bins. */
    bins?: BinsJSON;
    /** A categorical column's categories. */
    categories?: CategoriesJSON;
    /** The reference's counts. */
    reference: CountsJSON;
    /** The current data counted so far (absent or empty in a freshly fitted monitor's profile). */
    current?: CountsJSON;
  }[];
}

const OPTION_KEYS = ['columns', 'measures', 'bins', 'outside', 'categories', 'smoothing', 'thresholds', 'threads'];

function measureList(list: unknown, where: string): DriftMeasure[] {
  if (!Array.isArray(list) || list.length === 0) throw new InputTypeError(`${where} must be a non-empty array of measure names, got ${describe(list)}`, where);
  for (let i = 0; i < list.length; i++) {
    const m: unknown = list[i];
    if (typeof m !== 'string' || !Object.hasOwn(MEASURES, m)) {
      throw new InputRangeError(`${where}[${i}] is ${describe(m)}; expected one of ${Object.keys(MEASURES).join(', ')}`, where, i);
    }
  }
  return [...list] as DriftMeasure[];
}

/** options.measures: undefined (the defaults), a list for both kinds, or { numeric?, categorical? }. */
function measuresOf(m: unknown): Settings['measures'] {
  if (m === undefined) return DEFAULT_MEASURES;
  if (Array.isArray(m)) return { numeric: measureList(m, 'options.measures'), categorical: measureList(m, 'options.measures') };
  if (m === null || typeof m !== 'object' || ArrayBuffer.isView(m)) {
    throw new InputTypeError(`options.measures must be an array of measure names or { numeric, categorical }, got ${describe(m)}`, 'options.measures');
  }
  requireKnownKeys(m, ['numeric', 'categorical'], 'options.measures');
  const { numeric, categorical } = m as { numeric?: unknown; categorical?: unknown };
  return {
    numeric: numeric === undefined ? DEFAULT_MEASURES.numeric : measureList(numeric, 'options.measures.numeric'),
    categorical: categorical === undefined ? DEFAULT_MEASURES.categorical : measureList(categorical, 'options.measures.categorical'),
  };
}

function settingsOf(o: DriftOptions): Settings {
  const measures = measuresOf(o.measures);
  const thresholds: Thresholds = { ...DEFAULT_THRESHOLDS };
  const isObject = (x: unknown) => x !== null && typeof x === 'object' && !Array.isArray(x);
  if (o.thresholds !== undefined && !isObject(o.thresholds)) throw new InputTypeError(`options.thresholds must be an object of measures, got ${describe(o.thresholds)}`, 'options.thresholds');
  for (const [name, t] of Object.entries(o.thresholds ?? {})) {
    if (!Object.hasOwn(MEASURES, name)) throw new InputRangeError(`options.thresholds has ${JSON.stringify(name)}, not a measure`, `options.thresholds.${name}`);
    if (t !== undefined && !isObject(t)) throw new InputTypeError(`options.thresholds.${name} must be { moderate?, major? }, got ${describe(t)}`, `options.thresholds.${name}`);
    for (const [level, v] of Object.entries(t ?? {})) {
      if ((level !== 'moderate' && level !== 'major') || typeof v !== 'number' || !(v >= 0)) {
        throw new InputRangeError(`options.thresholds.${name}.${level} is ${describe(v)}; levels are moderate and major, numbers ≥ 0`, `options.thresholds.${name}`);
      }
    }
    thresholds[name as DriftMeasure] = { ...thresholds[name as DriftMeasure], ...t };
  }
  const smoothing = o.smoothing === 'none' ? undefined : (o.smoothing ?? DEFAULT_SMOOTHING);
  if (smoothing !== undefined) smooth([1], [1], smoothing, true); // validates it now, not at result()
  return { measures, outside: outsideOf(o.outside), smoothing, thresholds };
}

const emptyCounts = (k: number): Counts => ({ counts: new Float64Array(k), below: 0, above: 0, missing: 0, rows: 0 });

function addInto(into: Counts, c: { counts: Float64Array; below?: number; above?: number; missing: number }, rows: number): void {
  for (let i = 0; i < c.counts.length; i++) into.counts[i]! += c.counts[i]!;
  into.below += c.below ?? 0;
  into.above += c.above ?? 0;
  into.missing += c.missing;
  into.rows += rows;
}

function countColumn(s: ColumnState, values: ArrayLike<unknown>, name: string, outside: Outside): Parameters<typeof addInto>[1] {
  return countValues(specOf(s), values, name, outside);
}

const specOf = (s: ColumnState): ColumnSpec => (s.kind === 'categorical' ? { kind: 'categorical', categories: s.categories! } : { kind: 'numeric', bins: s.bins! });

/**
 * Drift of many columns against a fitted reference, fed current data chunk by chunk;
 * `createDriftMonitor` (or `DriftMonitor.fit`) makes one, `DriftMonitor.fromProfile`
 * loads a saved one. `drift()` is one monitor fed once.
 * @example
 * ```ts
 * import { createDriftMonitor, DriftMonitor } from 'infodiv';
 * const reference = { x: [1, 2, 3, 4, 5, 6, 7, 8], c: ['a', 'a', 'b', 'b', 'a', 'b', 'a', 'b'] };
 * const options = { bins: { method: 'uniform', bins: 2 }, measures: ['psi', 'totalVariation'], smoothing: 'none' } as const;
 * const monitor = createDriftMonitor(reference, options);
 * monitor.update({ x: [1, 2], c: ['a', 'b'] }).update({ x: [3, 4], c: ['a', 'b'] });
 * const report = monitor.result();
 * report.columns[0].measures.totalVariation; // 0.5
 * report.columns[0].measures.psi; // Infinity
 * report.columns[1].measures.psi; // 0
 * report.summary.drifted; // 1
 * // The profile is JSON: the bins and counts, no rows.
 * const copy = DriftMonitor.fromProfile(JSON.stringify(monitor.profile()));
 * copy.result().columns[0].measures.totalVariation; // 0.5
 * ```
 */
export class DriftMonitor {
  private constructor(
    private readonly settings: Settings,
    private readonly cols: ColumnState[],
  ) {}

  /**
   * Fits bins (or categories) on every selected column of `reference`, and counts it.
   * Unknown options are an InputTypeError; a column not in the reference, an
   * InputRangeError naming it.
   */
  static fit(reference: Table, options: DriftOptions = {}): DriftMonitor {
    if (options === null || typeof options !== 'object') throw new InputTypeError(`options must be an object, got ${describe(options)}`, 'options');
    requireKnownKeys(options, OPTION_KEYS);
    const settings = settingsOf(options);
    const ref = columnsOf(reference, 'reference');
    const names = selected(ref, undefined, options.columns);
    const binOptions: FitBinsOptions = typeof options.bins === 'string' ? { method: options.bins } : (options.bins ?? { method: 'doane' });
    const cols = names.map((name): ColumnState => {
      const values = ref.get(name)!;
      const kind = kindOf(values);
      const where = `reference.${name}`;
      const bins = kind === 'numeric' ? fitBins(numericValues(values, where), binOptions) : undefined;
      const categories = kind === 'categorical' ? fitCategories(values, options.categories) : undefined;
      const k = bins ? bins.bins : categories!.categories.length + 1;
      const s: ColumnState = { name, kind, bins, categories, reference: emptyCounts(k), current: emptyCounts(k) };
      addInto(s.reference, countColumn(s, values, where, 'bins'), values.length);
      return s;
    });
    return new DriftMonitor(settings, cols);
  }

  /**
   * A monitor from a saved profile (the object or its JSON text): the reference's bins
   * and counts, without its rows. Anything else is an InputTypeError.
   */
  static fromProfile(profile: DriftProfile | string): DriftMonitor {
    const p = typeof profile === 'string' ? (JSON.parse(profile) as DriftProfile) : profile;
    if (p === null || typeof p !== 'object' || p.format !== 'infodiv-drift-profile' || p.version !== 1 || !Array.isArray(p.columns)) {
      throw new InputTypeError('not an infodiv drift profile (format infodiv-drift-profile, version 1)', 'profile');
    }
    const cols = p.columns.map((c): ColumnState => {
      const bins = c.bins ? Bins.fromJSON(c.bins) : undefined;
      const categories = c.categories ? Categories.fromJSON(c.categories) : undefined;
      const k = bins ? bins.bins : categories!.categories.length + 1;
      const reference = countsFromJSON(c.reference, k, c.name, 'reference');
      const current = c.current ? countsFromJSON(c.current, k, c.name, 'current') : emptyCounts(k);
      return { name: c.name, kind: c.kind, bins, categories, reference, current };
    });
    return new DriftMonitor({ ...p.settings, measures: { ...p.settings.measures } }, cols);
  }

  /**
   * The monitor as JSON, no raw rows: the reference's bins and counts, and the current
   * counts so far. fromProfile() takes it back; a shard's profile sent from another
   * process, loaded and merged, joins its counts to this monitor's.
   */
  profile(): DriftProfile {
    return {
      format: 'infodiv-drift-profile',
      version: 1,
      settings: this.settings,
      columns: this.cols.map((c) => ({
        name: c.name,
        kind: c.kind,
        ...(c.bins ? { bins: c.bins.toJSON() } : { categories: c.categories!.toJSON() }),
        reference: { ...c.reference, counts: Array.from(c.reference.counts) },
        current: { ...c.current, counts: Array.from(c.current.counts) },
      })),
    };
  }

  /**
   * The monitored columns and how each is counted, as plain data (for threaded drift()).
   * @internal
   */
  columnSpecs(): { name: string; spec: ColumnSpecData }[] {
    return this.cols.map((c) => ({
      name: c.name,
      spec: c.kind === 'categorical' ? { kind: 'categorical', categories: [...c.categories!.categories] } : { kind: 'numeric', edges: c.bins!.edges, uniform: c.bins!.uniform },
    }));
  }

  /**
   * Counts a chunk of current data (every monitored column must be in it, else an
   * InputRangeError naming the column; a bad value is an error naming column and row).
   * A chunk of no rows counts nothing, as an accumulator's empty update does.
   */
  update(chunk: Table): this {
    const cur = columnsOf(chunk, 'current');
    selected(new Map(this.cols.map((c) => [c.name, 0])), cur, undefined);
    const counted = this.cols.map((s) => {
      const values = cur.get(s.name)!;
      return [countColumn(s, values, `current.${s.name}`, this.settings.outside), values.length] as const;
    });
    // Counted first, added after: a bad column leaves the monitor as it was.
    counted.forEach(([c, rows], i) => addInto(this.cols[i]!.current, c, rows));
    return this;
  }

  /** Forgets the current data counted so far (the reference stays). */
  reset(): this {
    for (const c of this.cols) c.current = emptyCounts(c.current.counts.length);
    return this;
  }

  /**
   * Adds another monitor's current counts (a shard of the same profile) to this one's;
   * a monitor of other columns or bins is an InputRangeError.
   */
  merge(other: DriftMonitor): this {
    const same =
      other.cols.length === this.cols.length &&
      other.cols.every((c, i) => {
        const mine = this.cols[i]!;
        const edges = (x: ColumnState) => JSON.stringify(x.bins?.toJSON() ?? x.categories!.toJSON());
        return c.name === mine.name && edges(c) === edges(mine);
      });
    if (!same) throw new InputRangeError('merge() needs a monitor of the same profile (same columns, bins and categories)', 'other');
    other.cols.forEach((c, i) => addInto(this.cols[i]!.current, { ...c.current }, c.current.rows));
    return this;
  }

  /** The drift of every column so far, and a summary. */
  result(): DriftReport {
    const columns = this.cols.map((c) => this.columnResult(c));
    const drifted = columns.filter((c) => c.drifted).length;
    return {
      columns,
      summary: {
        columns: columns.length,
        drifted,
        share: columns.length ? drifted / columns.length : 0,
        moderate: columns.filter((c) => c.severity === 'moderate').length,
        major: columns.filter((c) => c.severity === 'major').length,
      },
    };
  }

  private columnResult(c: ColumnState): ColumnDrift {
    const outside = c.kind === 'numeric' ? this.settings.outside : 'drop';
    const dist = (x: Counts) => distribution({ counts: x.counts, below: x.below, above: x.above, nan: x.missing }, outside);
    const reference = dist(c.reference);
    const current = dist(c.current);
    const total = (x: Float64Array) => x.reduce((a, b) => a + b, 0);
    const status = total(reference) === 0 ? 'reference empty' : total(current) === 0 ? 'current empty' : 'ok';
    const measures: ColumnDrift['measures'] = {};
    let smoothing: SmoothingReport | undefined;
    let severity: Severity = 'none';
    if (status === 'ok') {
      let [p, q, normalize] = [reference, current, true];
      if (this.settings.smoothing) {
        const s = smooth(reference, current, this.settings.smoothing, true);
        [p, q, normalize, smoothing] = [s.p, s.q, s.normalize, s.report];
      }
      for (const m of this.settings.measures[c.kind]) {
        const v = MEASURES[m](p, q, normalize, { reference, current });
        measures[m] = v;
        const t = this.settings.thresholds[m];
        const past = (limit: number | undefined) => limit !== undefined && (LOWER_IS_DRIFT.has(m) ? v <= limit : v >= limit);
        if (past(t?.major)) severity = 'major';
        else if (past(t?.moderate) && severity === 'none') severity = 'moderate';
      }
    }
    return {
      column: c.name,
      kind: c.kind,
      status,
      measures,
      severity,
      drifted: severity !== 'none',
      bins: c.bins ? c.bins.toJSON() : c.categories!.toJSON(),
      reference,
      current,
      smoothing,
      missing: { reference: c.reference.missing, current: c.current.missing },
      outside: c.kind === 'numeric' ? { below: c.current.below, above: c.current.above } : undefined,
      rows: { reference: c.reference.rows, current: c.current.rows },
    };
  }
}

/**
 * A drift monitor fitted on `reference`: feed it current data with update(), read
 * result(); profile() saves the fitted reference as JSON, DriftMonitor.fromProfile loads
 * one back, merge() joins the monitors of shards. Same as `DriftMonitor.fit`; the
 * DriftMonitor class has an example. (fromProfile is a static method of the
 * class rather than a property of this function: assigning a property to a function is a
 * module side effect, which kept the whole drift API in bundles that import only
 * klDivergence, 8 KB more.)
 */
export function createDriftMonitor(reference: Table, options?: DriftOptions): DriftMonitor {
  return DriftMonitor.fit(reference, options);
}
