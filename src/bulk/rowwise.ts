import { InputRangeError } from '../errors.js';
import { runOnWorkers } from '../threads/pool.js';
import { splitRows, type ThreadOptions } from '../threads/split.js';
import type { Options } from '../types.js';
import { asRows, asRowsOrVector, requireSameCols, type Matrix, type Vector } from './matrix.js';
import { rowwiseRows } from './rowwise-rows.js';
import { measureOf, type Measure } from './measures.js';

/**
 * measure(P[i], Q[i]) for every row i of P; Q may be a single vector, compared with
 * every row (broadcast). Rows are normalised on the fly (no copy); a row that cannot be
 * a distribution is an error naming it. With `{ threads: n }` (n > 1) the rows are split
 * across n workers and the result comes as a Promise.
 * @example rowwise('js', { data: counts, rows: 3, cols: 24 }, baseline, { base: 2 })
 */
export function rowwise(measure: Measure, P: Matrix | Vector[], Q: Matrix | Vector[] | Vector, opts?: Options): Float64Array;
export function rowwise(
  measure: Measure,
  P: Matrix | Vector[],
  Q: Matrix | Vector[] | Vector,
  opts: Options & ThreadOptions & { threads: number },
): Promise<Float64Array>;
export function rowwise(
  measure: Measure,
  P: Matrix | Vector[],
  Q: Matrix | Vector[] | Vector,
  opts?: Options & ThreadOptions,
): Float64Array | Promise<Float64Array> {
  measureOf(measure);
  const Pm = asRows(P, 'P');
  const Qm = asRowsOrVector(Q, 'Q');
  requireSameCols(Pm, Qm);
  if (Qm.rows !== 1 && Qm.rows !== Pm.rows) {
    throw new InputRangeError(`Q has ${Qm.rows} rows; expected ${Pm.rows} (as P) or a single vector`, 'Q');
  }
  const threads = opts?.threads ?? 1;
  if (threads <= 1) return rowwiseRows(measure, Pm, Qm, opts, 0, Pm.rows);
  const ranges = splitRows(Pm.rows, threads, () => 1);
  return runOnWorkers(
    ranges.map(([from, to]) => ({ kind: 'rowwise' as const, measure, P: Pm, Q: Qm, opts, from, to })),
    threads,
  ).then((blocks) => {
    const out = new Float64Array(Pm.rows);
    blocks.forEach((b, k) => out.set(b, ranges[k]![0]));
    return out;
  });
}
