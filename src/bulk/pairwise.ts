import { availableThreads, runOnWorkers } from '../threads/pool.js';
import { threadsOption, withoutThreads, type Threaded } from '../threads/options.js';
import { splitRows } from '../threads/split.js';
import type { Options } from '../types.js';
import { resolveOptions } from '../validate.js';
import { asRows, requireSameCols, type Matrix, type Rows, type Vector } from './matrix.js';
import { measureOf, type Measure } from './measures.js';
import { pairwiseRows } from './pairwise-rows.js';
import { BULK_KEYS, type BulkOptions } from './rowwise.js';

export interface PairwiseResult {
  /** Row-major: data[i·cols + j] = measure(P[i], Q[j]). */
  data: Float64Array;
  rows: number;
  cols: number;
}

/**
 * measure(P[i], Q[j]) for every pair of rows, like SciPy's `cdist`; with Q omitted, P
 * against itself, each symmetric pair computed once. KL and cross-entropy (normalised)
 * run as one matrix product: KL(Pi‖Qj) = Σ p̂·log p̂ − Σ p̂·log q̂, with each row's logs
 * taken once; pairs the product cannot certify to 1e-12 are summed directly.
 * With `{ threads: n }` the rows are split across up to n workers (capped at the number
 * of cores) and the call returns a Promise, whatever n is; errors then reject it.
 * @example pairwise('jsDistance', histograms, undefined, { base: 2 }) // distance matrix
 */
export function pairwise<O extends BulkOptions | undefined = undefined>(
  measure: Measure,
  P: Matrix | Vector[],
  Q?: Matrix | Vector[],
  opts?: O,
): Threaded<O, PairwiseResult> {
  if ((opts as BulkOptions | undefined)?.threads === undefined) {
    const job = prepare(measure, P, Q, opts);
    return job.assemble(pairwiseRows(measure, job.Pm, job.Qself, job.inner, 0, job.Pm.rows)) as Threaded<O, PairwiseResult>;
  }
  return (async () => {
    const job = prepare(measure, P, Q, opts);
    const { Pm, Qm, Qself, inner, upper } = job;
    const threads = await availableThreads(threadsOption(opts)!);
    if (threads <= 1) return job.assemble(pairwiseRows(measure, Pm, Qself, inner, 0, Pm.rows));
    // Rows of the upper triangle get shorter with i: split so each worker gets equal pairs.
    const ranges = splitRows(Pm.rows, threads, upper ? (i) => Pm.rows - i : () => 1);
    const blocks = await runOnWorkers(
      ranges.map(([from, to]) => ({ kind: 'pairwise' as const, measure, P: Pm, Q: Qself, opts: inner, from, to })),
      threads,
    );
    const data = new Float64Array(Pm.rows * Qm.rows);
    blocks.forEach((b, k) => data.set(b, ranges[k]![0] * Qm.rows));
    return job.assemble(data);
  })() as Threaded<O, PairwiseResult>;
}

interface Job {
  Pm: Rows;
  Qm: Rows;
  /** Q as the row cores take it: undefined when P is compared with itself. */
  Qself: Rows | undefined;
  inner: Options | undefined;
  upper: boolean;
  assemble(data: Float64Array): PairwiseResult;
}

function prepare(measure: Measure, P: unknown, Q: unknown, opts: BulkOptions | undefined): Job {
  const def = measureOf(measure);
  resolveOptions(opts, BULK_KEYS);
  threadsOption(opts);
  const Pm = asRows(P, 'P');
  const self = Q === undefined;
  const Qm = self ? Pm : asRows(Q, 'Q');
  requireSameCols(Pm, Qm);
  const upper = self && def.symmetric;
  return {
    Pm,
    Qm,
    Qself: self ? undefined : Qm,
    inner: withoutThreads(opts),
    upper,
    assemble(data) {
      if (upper) mirror(data, Pm.rows);
      return { data, rows: Pm.rows, cols: Qm.rows };
    },
  };
}

function mirror(data: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) data[j * n + i] = data[i * n + j]!;
}
