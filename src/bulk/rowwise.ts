import { InputRangeError } from '../errors.js';
import { availableThreads, runOnWorkers } from '../threads/pool.js';
import { threadsOption, withoutThreads, type Threaded, type ThreadOptions } from '../threads/options.js';
import { splitRows } from '../threads/split.js';
import type { Options } from '../types.js';
import { REDUCTION_KEYS, resolveOptions } from '../validate.js';
import { asRows, asRowsOrVector, requireSameCols, type Matrix, type Rows, type Vector } from './matrix.js';
import { rowwiseRows } from './rowwise-rows.js';
import { measureOf, type Measure } from './measures.js';

/** Options of rowwise and pairwise: a reduction's options, plus `threads`. */
export type BulkOptions = Options & ThreadOptions;
export const BULK_KEYS = [...REDUCTION_KEYS, 'threads'] as const;

/**
 * measure(P[i], Q[i]) for every row i of P; Q may be a single vector, compared with
 * every row (broadcast). Rows are normalised on the fly (no copy); a row that cannot be
 * a distribution is an error naming it. With `{ threads: n }` the rows are split across
 * up to n workers (capped at the number of cores) and the call returns a Promise,
 * whatever n is; errors then reject it.
 * @example rowwise('js', { data: counts, rows: 3, cols: 24 }, baseline, { base: 2 })
 */
export function rowwise<O extends BulkOptions | undefined = undefined>(
  measure: Measure,
  P: Matrix | Vector[],
  Q: Matrix | Vector[] | Vector,
  opts?: O,
): Threaded<O, Float64Array> {
  if ((opts as BulkOptions | undefined)?.threads === undefined) return compute(measure, P, Q, opts) as Threaded<O, Float64Array>;
  return (async () => {
    const { Pm, Qm, inner } = prepare(measure, P, Q, opts);
    const threads = await availableThreads(threadsOption(opts)!);
    if (threads <= 1) return rowwiseRows(measure, Pm, Qm, inner, 0, Pm.rows);
    const ranges = splitRows(Pm.rows, threads, () => 1);
    const blocks = await runOnWorkers(
      ranges.map(([from, to]) => ({ kind: 'rowwise' as const, measure, P: Pm, Q: Qm, opts: inner, from, to })),
      threads,
    );
    const out = new Float64Array(Pm.rows);
    blocks.forEach((b, k) => out.set(b, ranges[k]![0]));
    return out;
  })() as Threaded<O, Float64Array>;
}

function compute(measure: Measure, P: unknown, Q: unknown, opts: BulkOptions | undefined): Float64Array {
  const { Pm, Qm, inner } = prepare(measure, P, Q, opts);
  return rowwiseRows(measure, Pm, Qm, inner, 0, Pm.rows);
}

/** Validated shapes and options; `inner`: the options without `threads`. */
function prepare(measure: Measure, P: unknown, Q: unknown, opts: BulkOptions | undefined): { Pm: Rows; Qm: Rows; inner: Options | undefined } {
  measureOf(measure);
  resolveOptions(opts, BULK_KEYS);
  threadsOption(opts);
  const Pm = asRows(P, 'P');
  const Qm = asRowsOrVector(Q, 'Q');
  requireSameCols(Pm, Qm);
  if (Qm.rows !== 1 && Qm.rows !== Pm.rows) {
    throw new InputRangeError(`Q has ${Qm.rows} rows; expected ${Pm.rows} (as P) or a single vector`, 'Q');
  }
  return { Pm, Qm, inner: withoutThreads(opts) };
}
