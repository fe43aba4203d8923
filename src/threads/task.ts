import type { Rows } from '../bulk/matrix.js';
import type { Measure } from '../bulk/measures.js';
import type { Options } from '../types.js';

/** One worker's share of a bulk call: rows [from, to) of P. */
export interface Task {
  kind: 'pairwise' | 'rowwise';
  measure: Measure;
  P: Rows;
  Q: Rows | undefined;
  opts: Options | undefined;
  from: number;
  to: number;
}

/** What a worker sends back: its block, or the error it threw (re-thrown on the caller). */
export type Reply =
  | { id: number; out: Float64Array }
  | { id: number; error: { name: string; message: string; argument?: string; index?: number } };
