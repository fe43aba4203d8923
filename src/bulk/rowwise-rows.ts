import type { Options } from '../types.js';
import { forRows, row, type Rows } from './matrix.js';
import { measureOf, type Measure } from './measures.js';

/** Entries [from, to) of rowwise: what one thread computes. */
export function rowwiseRows(measure: Measure, P: Rows, Q: Rows, opts: Options | undefined, from: number, to: number): Float64Array {
  const { pair } = measureOf(measure);
  const out = new Float64Array(to - from);
  for (let i = from; i < to; i++) {
    const j = Q.rows === 1 ? 0 : i;
    out[i - from] = forRows(i, j, () => pair(row(P, i), row(Q, j), opts));
  }
  return out;
}
