import type { BulkMeasure } from '../measures/table.js';
import { loadPool } from '../threads/dispose.js';
import { threadsOption, type Threaded } from '../threads/options.js';
import { splitRows } from '../threads/split.js';
import { requireAllocatable, type Resolved } from '../validate.js';
import { asRows, requireSameCols, type Matrix, type Rows, type Vector } from './matrix.js';
import { pairwiseRows } from './pairwise-rows.js';
import { resolveBulk, type BulkOptions } from './rowwise.js';
import type { Measure } from '../measures/measure.js';

/** What `pairwise` returns: the matrix of the measure between rows of P and rows of Q. */
export interface PairwiseResult {
  /** Row-major: data[i·cols + j] = measure(P[i], Q[j]). */
  data: Float64Array;
  /** The number of rows of P. */
  rows: number;
  /** The number of rows of Q (of P, when Q is omitted). */
  cols: number;
}

/**
 * measure(P[i], Q[j]) for every pair of rows, like SciPy's `cdist`; with Q omitted, P
 * against itself, each symmetric pair computed once. KL and cross-entropy run as one
 * matrix product: KL(Pi‖Qj) = Σ p̂·log p̂ − Σ p̂·log q̂, with each row's logs taken once;
 * pairs the product cannot certify to 1e-12 go to the careful pass.
 * With `{ threads: n }` the rows are split across up to n workers (capped at the number
 * of cores) and the call returns a Promise, whatever n is; errors then reject it.
 * Rows of P and Q must have the same number of columns (an InputRangeError otherwise).
 * @example
 * ```ts
 * import { pairwise } from 'infodiv';
 * const rows = [[0.1, 0.4, 0.5], [0.8, 0.15, 0.05]];
 * const d = pairwise('jsDistance', rows, undefined, { base: 2 });
 * d.data[1]; // 0.648229
 * d.data[2]; // 0.648229
 * d.data[0]; // 0
 * const kl = pairwise('kl', rows, [[0.8, 0.15, 0.05]], { base: 2 }); // 2 × 1
 * kl.data[0]; // 1.926979
 * kl.data[1]; // 0
 * ```
 */
export function pairwise<O extends BulkOptions | undefined = undefined>(
  measure: BulkMeasure,
  P: Matrix | Vector[],
  Q?: Matrix | Vector[],
  opts?: O,
): Threaded<O, PairwiseResult> {
  if (measure === 'psi') return psiPairwise(P, Q, opts);
  if ((opts as BulkOptions | undefined)?.threads === undefined) {
    const job = prepare(measure, P, Q, opts);
    return job.assemble(pairwiseRows(job.m, job.Pm, job.Qself, job.o, 0, job.Pm.rows)) as Threaded<O, PairwiseResult>;
  }
  return (async () => {
    const job = prepare(measure, P, Q, opts);
    const { Pm, Qm, Qself, m, o, upper } = job;
    const pool = await loadPool();
    const threads = await pool.availableThreads(threadsOption(opts)!);
    if (threads <= 1) return job.assemble(pairwiseRows(m, Pm, Qself, o, 0, Pm.rows));
    // Rows of the upper triangle get shorter with i: split so each worker gets equal pairs.
    const ranges = splitRows(Pm.rows, threads, upper ? (i) => Pm.rows - i : () => 1);
    const blocks = await pool.runOnWorkers(
      ranges.map(([from, to]) => ({ kind: 'pairwise' as const, measure, P: Pm, Q: Qself, o, from, to })),
      threads,
    );
    const data = new Float64Array(Pm.rows * Qm.rows);
    blocks.forEach((b, k) => data.set(b, ranges[k]![0] * Qm.rows));
    return job.assemble(data);
  })() as Threaded<O, PairwiseResult>;
}

interface Job {
  m: Measure;
  o: Resolved;
  Pm: Rows;
  Qm: Rows;
  /** Q as the row cores take it: undefined when P is compared with itself. */
  Qself: Rows | undefined;
  upper: boolean;
  assemble(data: Float64Array): PairwiseResult;
}

function prepare(measure: BulkMeasure, P: unknown, Q: unknown, opts: BulkOptions | undefined): Job {
  const { m, o } = resolveBulk(measure, opts);
  const Pm = asRows(P, 'P');
  const self = Q === undefined;
  const Qm = self ? Pm : asRows(Q, 'Q');
  requireSameCols(Pm, Qm);
  requireAllocatable(Pm.rows * Qm.rows, self ? 'P' : 'Q', `pairwise's ${Pm.rows} × ${Qm.rows} result`);
  const upper = self && m.symmetric;
  return {
    m,
    o,
    Pm,
    Qm,
    Qself: self ? undefined : Qm,
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

/** PSI for every pair: KL(P[i]‖Q[j]) + KL(Q[j]‖P[i]), from the KL matrix and the transpose of the reverse one (of itself, without Q). */
function psiPairwise<O extends BulkOptions | undefined>(P: Matrix | Vector[], Q: Matrix | Vector[] | undefined, opts?: O): Threaded<O, PairwiseResult> {
  const add = (f: PairwiseResult, b: PairwiseResult): PairwiseResult => {
    const data = f.data.map((x, k) => x + b.data[(k % f.cols) * b.cols + Math.floor(k / f.cols)]!);
    return { data, rows: f.rows, cols: f.cols };
  };
  const backward = (f: PairwiseResult) => (Q === undefined ? f : pairwise('kl', Q, P, opts));
  if ((opts as BulkOptions | undefined)?.threads === undefined) {
    const f = pairwise('kl', P, Q, opts) as PairwiseResult;
    return add(f, backward(f) as PairwiseResult) as Threaded<O, PairwiseResult>;
  }
  return (async () => {
    const f = await pairwise('kl', P, Q, opts);
    return add(f, await backward(f));
  })() as Threaded<O, PairwiseResult>;
}
