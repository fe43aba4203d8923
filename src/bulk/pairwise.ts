import { runOnWorkers } from '../threads/pool.js';
import { splitRows, type ThreadOptions } from '../threads/split.js';
import type { Options } from '../types.js';
import { resolveOptions } from '../validate.js';
import { asRows, requireSameCols, type Matrix, type Vector } from './matrix.js';
import { measureOf, type Measure } from './measures.js';
import { pairwiseRows } from './pairwise-rows.js';

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
 * With `{ threads: n }` (n > 1) the rows are split across n workers and the result
 * comes as a Promise.
 * @example pairwise('jsDistance', histograms, undefined, { base: 2 }) // distance matrix
 */
export function pairwise(measure: Measure, P: Matrix | Vector[], Q?: Matrix | Vector[], opts?: Options): PairwiseResult;
export function pairwise(
  measure: Measure,
  P: Matrix | Vector[],
  Q: Matrix | Vector[] | undefined,
  opts: Options & ThreadOptions & { threads: number },
): Promise<PairwiseResult>;
export function pairwise(
  measure: Measure,
  P: Matrix | Vector[],
  Q?: Matrix | Vector[],
  opts?: Options & ThreadOptions,
): PairwiseResult | Promise<PairwiseResult> {
  const def = measureOf(measure);
  const Pm = asRows(P, 'P');
  const self = Q === undefined;
  const Qm = self ? Pm : asRows(Q, 'Q');
  requireSameCols(Pm, Qm);
  resolveOptions(opts);
  const upper = self && def.symmetric;
  const assemble = (data: Float64Array) => {
    if (upper) mirror(data, Pm.rows);
    return { data, rows: Pm.rows, cols: Qm.rows };
  };
  const threads = opts?.threads ?? 1;
  if (threads <= 1) return assemble(pairwiseRows(measure, Pm, self ? undefined : Qm, opts, 0, Pm.rows));
  // Rows of the upper triangle get shorter with i: split so each worker gets equal pairs.
  const ranges = splitRows(Pm.rows, threads, upper ? (i) => Pm.rows - i : () => 1);
  return runOnWorkers(
    ranges.map(([from, to]) => ({ kind: 'pairwise' as const, measure, P: Pm, Q: self ? undefined : Qm, opts, from, to })),
    threads,
  ).then((blocks) => {
    const data = new Float64Array(Pm.rows * Qm.rows);
    blocks.forEach((b, k) => data.set(b, ranges[k]![0] * Qm.rows));
    return assemble(data);
  });
}

function mirror(data: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) data[j * n + i] = data[i * n + j]!;
}

