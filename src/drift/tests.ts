// Goodness-of-fit and independence tests on counts, with SciPy's semantics and p-values
// from an accurate χ² survival function (numeric/gamma.ts):
//   chiSquare(observed, expected?, { ddof })   = scipy.stats.chisquare
//   gTest(observed, expected?, { ddof })       = scipy.stats.power_divergence(lambda_="log-likelihood")
//   chi2Contingency(table, { correction })     = scipy.stats.chi2_contingency, with `expected`
//   cramersV(table)                            = scipy.stats.contingency.association(method="cramer")
// The G statistic 2Σ o·ln(o/e) is summed as 2Σ e·h((o − e)/e) + 2(Σo − Σe), h ≥ 0
// (numeric/series.ts), so observed counts close to the expected ones keep their digits.
import { InputRangeError, InputTypeError } from '../errors.js';
import { chi2Survival } from '../numeric/gamma.js';
import { h } from '../numeric/series.js';
import { Sum } from '../numeric/sum.js';
import type { Matrix, Vector } from '../types.js';
import { asMatrix, asVector, describe, firstInvalid, explainInvalid, requireKnownKeys } from '../validate.js';

/** What the χ² and G tests return. */
export interface TestResult {
  /** The test statistic (χ², or G). */
  statistic: number;
  /** The p-value: the χ² survival function of the statistic at `dof`. */
  pValue: number;
  /** Degrees of freedom. */
  dof: number;
}

function counts(x: unknown, name: string): Float64Array {
  const v = asVector(x, name);
  if (v.length === 0) throw new InputRangeError(`${name} is empty`, name);
  if (firstInvalid(v) >= 0) explainInvalid(v, name, false);
  return Float64Array.from(v);
}

function ddofOf(opts: { ddof?: number } | undefined, keys: string[]): number {
  if (opts === undefined) return 0;
  if (opts === null || typeof opts !== 'object') throw new InputTypeError(`options must be an object, got ${describe(opts)}`, 'options');
  requireKnownKeys(opts, keys);
  const d = opts.ddof ?? 0;
  if (!Number.isInteger(d) || d < 0) throw new InputRangeError(`options.ddof is ${describe(d)}; it must be a whole number ≥ 0`, 'options.ddof');
  return d;
}

/**
 * Σx; where that overflows (counts near 1e308), Σ(x·2^-s)·2^s with 2^s ≥ x.length, so
 * that the caller can divide by a length or compare two totals without an ∞.
 * Returns the scaled sum and s.
 */
function total(x: Float64Array): { sum: number; scale: number } {
  const plain = new Sum();
  for (const v of x) plain.add(v);
  if (Number.isFinite(plain.hi) && Number.isFinite(plain.value)) return { sum: plain.value, scale: 0 };
  const scale = Math.ceil(Math.log2(x.length)) + 1;
  const scaled = new Sum();
  for (const v of x) scaled.add(v * 2 ** -scale); // exact but for entries below 2^-1020, too small to show in the sum
  return { sum: scaled.value, scale };
}

/** The observed counts and the expected ones (default: all equal), whose totals must agree as SciPy requires. */
function pairOf(observed: unknown, expected: unknown): [Float64Array, Float64Array] {
  const o = counts(observed, 'observed');
  const so = total(o);
  if (expected === undefined) {
    // The mean Σo/k; with counts near 1e308 as (Σo·2^-s)/(k·2^-s), which cannot overflow.
    const mean = so.scale === 0 ? so.sum / o.length : so.sum / (o.length * 2 ** -so.scale);
    return [o, new Float64Array(o.length).fill(mean)];
  }
  const e = counts(expected, 'expected');
  if (e.length !== o.length) throw new InputRangeError(`observed and expected differ in length (${o.length} vs ${e.length})`, 'expected');
  let se = total(e);
  let so2 = so;
  // Compared at one scale: both plain, or both scaled by the larger power.
  if (so.scale !== se.scale) {
    const scale = Math.max(so.scale, se.scale);
    const at = (x: Float64Array) => { const t = new Sum(); for (const v of x) t.add(v * 2 ** -scale); return { sum: t.value, scale }; };
    [so2, se] = [at(o), at(e)];
  }
  // SciPy's rule: the sums agree to 1e-8 relative.
  if (Math.abs(so2.sum - se.sum) > 1e-8 * Math.max(so2.sum, se.sum)) {
    const shown = (t: { sum: number; scale: number }) => (t.scale === 0 ? `${t.sum}` : `${t.sum}·2^${t.scale}`);
    throw new InputRangeError(`observed and expected sum to ${shown(so2)} and ${shown(se)}; they must agree to 1e-8 relative`, 'expected');
  }
  return [o, e];
}

function result(statistic: number, k: number, ddof: number): TestResult {
  const dof = k - 1 - ddof;
  if (dof < 1) throw new InputRangeError(`${k} categories and ddof ${ddof} leave ${dof} degrees of freedom; at least 1 is needed`, 'options.ddof');
  return { statistic, pValue: chi2Survival(statistic, dof), dof };
}

/**
 * A sum of terms ≥ 0 that may be ∞ (an expected count of 0) or overflow: Sum alone would
 * turn either into NaN (∞ − ∞ in its error term). With every term ≥ 0, a partial sum
 * past the largest double means the whole one is too, so the answer is then ∞.
 */
class NonNegativeSum {
  private readonly s = new Sum();
  private infinite = false;

  add(x: number): void {
    if (this.infinite) return;
    if (x === Infinity || !Number.isFinite(this.s.hi + x)) this.infinite = true;
    else this.s.add(x);
  }

  get value(): number {
    return this.infinite ? Infinity : this.s.value;
  }
}

/**
 * Pearson's χ² statistic Σ (o − e)²/e. Each term as d·(d/e), which overflows only where
 * the term does (d² alone overflows for counts past 1.3e154), or as d²/e where d/e
 * overflows (a subnormal e, |d| < 1, the term itself finite).
 */
function pearson(o: Float64Array, e: Float64Array): number {
  const s = new NonNegativeSum();
  for (let i = 0; i < o.length; i++) {
    const d = o[i]! - e[i]!;
    if (d === 0) continue;
    if (e[i] === 0) {
      s.add(Infinity);
      continue;
    }
    const r = d / e[i]!;
    s.add(Number.isFinite(r) ? d * r : (d * d) / e[i]!);
  }
  return s.value;
}

/**
 * Pearson's χ² goodness-of-fit test, as scipy.stats.chisquare: `expected` defaults to
 * equal counts, and its total must match the observed one (to 1e-8 relative), else an
 * InputRangeError. `ddof` lowers the degrees of freedom, k − 1 − ddof.
 * @example
 * ```ts
 * import { chiSquare } from 'infodiv';
 * const r = chiSquare([16, 18, 16, 14, 12, 12]);
 * r.statistic; // 2
 * r.dof; // 5
 * r.pValue; // 0.84915
 * ```
 */
export function chiSquare(observed: Vector, expected?: Vector, opts?: { ddof?: number }): TestResult {
  const ddof = ddofOf(opts, ['ddof']);
  const [o, e] = pairOf(observed, expected);
  return result(pearson(o, e), o.length, ddof);
}

/**
 * The G test (log-likelihood ratio), as scipy.stats.power_divergence(lambda_="log-likelihood").
 * Arguments as for `chiSquare`.
 * @example
 * ```ts
 * import { gTest } from 'infodiv';
 * gTest([16, 18, 16, 14, 12, 12]).statistic; // 2.00657
 * ```
 */
export function gTest(observed: Vector, expected?: Vector, opts?: { ddof?: number }): TestResult {
  const ddof = ddofOf(opts, ['ddof']);
  const [o, e] = pairOf(observed, expected);
  const s = new NonNegativeSum();
  const diff = new Sum();
  for (let i = 0; i < o.length; i++) {
    const oi = o[i]!;
    const ei = e[i]!;
    if (ei === 0) {
      if (oi > 0) s.add(Infinity);
      continue;
    }
    // o·ln(o/e) = e·h(o/e − 1) + (o − e); h(−1) = 1 gives the o = 0 term. Where o/e is
    // past 1e300 (a tiny e), h's (1 + t)·log1p(t) overflows though e·h does not: there
    // o·(ln o − ln e) − (o − e), which has no cancellation when o ≫ e.
    const term = ei * h((oi - ei) / ei);
    s.add(Number.isFinite(term) ? term : Math.max(0, oi * (Math.log(oi) - Math.log(ei)) - (oi - ei)));
    diff.add(oi - ei); // o − e cannot overflow: both are ≥ 0
  }
  return result(2 * (s.value + diff.value), o.length, ddof);
}

/**
 * Row and column sums and the expected counts of a table under independence, row ·
 * col / total as SciPy. With counts near 1e308 (a total past the largest double) the
 * sums are taken of the counts ·2^-s, 2^s ≥ rows·cols, and the expected counts scaled
 * back; where row · col alone overflows, row · (col / total).
 */
function expectedOf(m: Matrix): { data: Float64Array; rows: number; cols: number; total: number } {
  const { rows, cols } = m;
  const sums = (scale: number) => {
    const row = Array.from({ length: rows }, () => new Sum());
    const col = Array.from({ length: cols }, () => new Sum());
    const all = new Sum();
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const v = m.data[i * cols + j]! * 2 ** -scale;
        row[i]!.add(v);
        col[j]!.add(v);
        all.add(v);
      }
    }
    return { row, col, all };
  };
  let scale = 0;
  let { row, col, all } = sums(0);
  if (!(Number.isFinite(all.hi) && Number.isFinite(all.value))) {
    scale = Math.ceil(Math.log2(rows * cols)) + 1;
    ({ row, col, all } = sums(scale));
  }
  const total = all.value;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const [r, c] = [row[i]!.value, col[j]!.value];
      const rc = r * c;
      data[i * cols + j] = (Number.isFinite(rc) ? rc / total : r * (c / total)) * 2 ** scale;
    }
  }
  return { data, rows, cols, total: total * 2 ** scale };
}

function tableOf(table: unknown): Matrix {
  const m = asMatrix(table, 'table');
  if (firstInvalid(m.data) >= 0) explainInvalid(m.data, 'table', false);
  const e = expectedOf(m);
  // Every expected count would be 0/0 = NaN, which the check below would let through.
  if (e.total === 0) throw new InputRangeError(`table is all zeros (${m.rows}×${m.cols}); a test of independence needs counts`, 'table');
  for (let k = 0; k < e.data.length; k++) {
    if (e.data[k] === 0) throw new InputRangeError(`table has a row or column of zeros (expected count 0 at [${Math.floor(k / m.cols)}][${k % m.cols}])`, 'table');
  }
  return m;
}

/**
 * The χ² test of independence of a contingency table, as scipy.stats.chi2_contingency
 * (Yates' correction where dof = 1, unless `correction: false`), with the expected counts.
 * A row or column of zeros is an InputRangeError.
 * @example
 * ```ts
 * import { chi2Contingency } from 'infodiv';
 * chi2Contingency([[10, 20], [30, 40]]).pValue; // 0.50404
 * const r = chi2Contingency([[10, 20], [20, 10]], { correction: false });
 * r.statistic; // 6.666666666666667
 * r.expected.data[0]; // 15
 * ```
 */
export function chi2Contingency(
  table: Matrix | readonly (readonly number[])[],
  opts: { correction?: boolean } = {},
): TestResult & {
  /** The expected counts under independence, row sum × column sum / total. */
  expected: {
    /** Row-major, the table's shape. */
    data: Float64Array;
    /** The table's rows. */
    rows: number;
    /** The table's columns. */
    cols: number;
  };
} {
  if (opts === null || typeof opts !== 'object') throw new InputTypeError(`options must be an object, got ${describe(opts)}`, 'options');
  requireKnownKeys(opts, ['correction']);
  const correction = opts.correction ?? true;
  if (typeof correction !== 'boolean') throw new InputTypeError(`options.correction must be a boolean, got ${describe(correction)}`, 'options.correction');
  const m = tableOf(table);
  const e = expectedOf(m);
  const dof = (m.rows - 1) * (m.cols - 1);
  const expected = { data: e.data, rows: m.rows, cols: m.cols };
  if (dof === 0) return { statistic: 0, pValue: 1, dof: 0, expected };
  let o = Float64Array.from(m.data);
  if (dof === 1 && correction) {
    // Each observed count moved half a unit toward its expected one (no further).
    o = o.map((v, k) => {
      const d = e.data[k]! - v;
      return v + Math.sign(d) * Math.min(0.5, Math.abs(d));
    });
  }
  const statistic = pearson(o, e.data);
  return { statistic, pValue: chi2Survival(statistic, dof), dof, expected };
}

/**
 * Cramér's V √(χ²/(n·(min(r, c) − 1))) of a contingency table, from the uncorrected χ²,
 * as scipy.stats.contingency.association(method="cramer"). In [0, 1]; a table with
 * fewer than 2 rows or columns is an InputRangeError.
 * @example
 * ```ts
 * import { cramersV } from 'infodiv';
 * cramersV([[10, 20], [30, 40]]); // 0.0891
 * cramersV([[10, 20], [20, 10]]); // 0.3333333333333333
 * ```
 */
export function cramersV(table: Matrix | readonly (readonly number[])[]): number {
  const m = tableOf(table);
  if (Math.min(m.rows, m.cols) < 2) throw new InputRangeError('table needs at least 2 rows and 2 columns', 'table');
  const { statistic } = chi2Contingency(m, { correction: false });
  const n = expectedOf(m).total;
  return Math.sqrt(statistic / (n * (Math.min(m.rows, m.cols) - 1)));
}
