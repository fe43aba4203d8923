import { InputRangeError } from '../errors.js';
import { bulkMeasure, type BulkMeasure } from '../measures/table.js';
import { loadPool } from '../threads/dispose.js';
import { threadsOption, type Threaded, type ThreadOptions } from '../threads/options.js';
import { splitRows } from '../threads/split.js';
import type { Options } from '../types.js';
import { REDUCTION_KEYS, resolveOptions, type Resolved } from '../validate.js';
import { asRows, asRowsOrVector, requireSameCols, type Matrix, type Rows, type Vector } from './matrix.js';
import { rowwiseRows } from './rowwise-rows.js';

/** Options of rowwise and pairwise: a reduction's options, plus `threads`. */
export type BulkOptions = Options & ThreadOptions;
export const BULK_KEYS = [...REDUCTION_KEYS, 'threads'] as const;

/** A bulk call's options, resolved once: the measure's own keys plus `threads`. */
export function resolveBulk(measure: BulkMeasure, opts: BulkOptions | undefined): { m: ReturnType<typeof bulkMeasure>; o: Resolved } {
  const m = bulkMeasure(measure);
  const o = resolveOptions(opts, m.optionKeys ? [...m.optionKeys, 'threads'] : BULK_KEYS);
  threadsOption(opts);
  return { m, o };
}

/**
 * measure(P[i], Q[i]) for every row i of P; Q may be a single vector, compared with
 * every row (broadcast). Rows are normalised on the fly (no copy); a row that cannot be
 * a distribution is an error naming it. With `{ threads: n }` the rows are split across
 * up to n workers (capped at the number of cores) and the call returns a Promise,
 * whatever n is; errors then reject it.
 * @example
 * ```ts
 * import { rowwise } from 'infodiv';
 * const P = { data: [0.1, 0.4, 0.5, 0.8, 0.15, 0.05], rows: 2, cols: 3 };
 * const kl = rowwise('kl', P, [0.8, 0.15, 0.05], { base: 2 }); // each row against one Q
 * kl[0]; // 1.926979
 * kl[1]; // 0
 * rowwise('kl', P, [[0.8, 0.15, 0.05], [0.1, 0.4, 0.5]], { base: 2 })[1]; // 2.021648
 * ```
 */
export function rowwise<O extends BulkOptions | undefined = undefined>(
  measure: BulkMeasure,
  P: Matrix | Vector[],
  Q: Matrix | Vector[] | Vector,
  opts?: O,
): Threaded<O, Float64Array> {
  if (measure === 'psi') return psiRowwise(P, Q, opts);
  if ((opts as BulkOptions | undefined)?.threads === undefined) {
    const { Pm, Qm, m, o } = prepare(measure, P, Q, opts);
    return rowwiseRows(m, Pm, Qm, o, 0, Pm.rows) as Threaded<O, Float64Array>;
  }
  return (async () => {
    const { Pm, Qm, m, o } = prepare(measure, P, Q, opts);
    const pool = await loadPool();
    const threads = await pool.availableThreads(threadsOption(opts)!);
    if (threads <= 1) return rowwiseRows(m, Pm, Qm, o, 0, Pm.rows);
    const ranges = splitRows(Pm.rows, threads, () => 1);
    const blocks = await pool.runOnWorkers(
      ranges.map(([from, to]) => ({ kind: 'rowwise' as const, measure, P: Pm, Q: Qm, o, from, to })),
      threads,
    );
    const out = new Float64Array(Pm.rows);
    blocks.forEach((b, k) => out.set(b, ranges[k]![0]));
    return out;
  })() as Threaded<O, Float64Array>;
}

/** Validated shapes and options. */
function prepare(measure: BulkMeasure, P: unknown, Q: unknown, opts: BulkOptions | undefined) {
  const { m, o } = resolveBulk(measure, opts);
  const Pm: Rows = asRows(P, 'P');
  const Qm: Rows = asRowsOrVector(Q, 'Q');
  requireSameCols(Pm, Qm);
  if (Qm.rows !== 1 && Qm.rows !== Pm.rows) {
    throw new InputRangeError(`Q has ${Qm.rows} rows; expected ${Pm.rows} (as P) or a single vector`, 'Q');
  }
  return { Pm, Qm, m, o };
}

/**
 * PSI per row: KL(P[i]‖Q[i]) + KL(Q[i]‖P[i]), two KL runs. The first validates every row
 * (its errors name P and Q as given); for the second a broadcast Q is repeated per row.
 */
function psiRowwise<O extends BulkOptions | undefined>(P: Matrix | Vector[], Q: Matrix | Vector[] | Vector, opts?: O): Threaded<O, Float64Array> {
  const backward = () => {
    const Pm = asRows(P, 'P');
    const Qm = asRowsOrVector(Q, 'Q');
    const Qr = Qm.rows === 1 && Pm.rows !== 1 ? repeated(Qm, Pm.rows) : Qm;
    return rowwise('kl', Qr, Pm, opts) as Threaded<O, Float64Array>;
  };
  const add = (f: Float64Array, b: Float64Array) => f.map((x, i) => x + b[i]!);
  if ((opts as BulkOptions | undefined)?.threads === undefined) {
    const f = rowwise('kl', P, Q, opts) as Float64Array;
    return add(f, backward() as Float64Array) as Threaded<O, Float64Array>;
  }
  return (async () => add(await rowwise('kl', P, Q, opts), await backward()))() as Threaded<O, Float64Array>;
}

function repeated(m: Rows, rows: number): Rows {
  const data = new (m.data.constructor as Float64ArrayConstructor)(rows * m.cols);
  for (let i = 0; i < rows; i++) data.set(m.data, i * m.cols);
  return { data, rows, cols: m.cols };
}
