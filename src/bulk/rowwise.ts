import { InputRangeError } from '../errors.js';
import type { Options } from '../types.js';
import { asRows, asRowsOrVector, forRows, requireSameCols, row, type Matrix, type Vector } from './matrix.js';
import { measureOf, type Measure } from './measures.js';

/**
 * measure(P[i], Q[i]) for every row i of P; Q may be a single vector, compared with
 * every row (broadcast). Rows are normalised on the fly (no copy); a row that cannot be
 * a distribution is an error naming it.
 * @example rowwise('js', { data: counts, rows: 3, cols: 24 }, baseline, { base: 2 })
 */
export function rowwise(
  measure: Measure,
  P: Matrix | Vector[],
  Q: Matrix | Vector[] | Vector,
  opts?: Options,
): Float64Array {
  const { pair } = measureOf(measure);
  const Pm = asRows(P, 'P');
  const Qm = asRowsOrVector(Q, 'Q');
  requireSameCols(Pm, Qm);
  if (Qm.rows !== 1 && Qm.rows !== Pm.rows) {
    throw new InputRangeError(`Q has ${Qm.rows} rows; expected ${Pm.rows} (as P) or a single vector`, 'Q');
  }
  const out = new Float64Array(Pm.rows);
  for (let i = 0; i < Pm.rows; i++) {
    const j = Qm.rows === 1 ? 0 : i;
    out[i] = forRows(i, j, () => pair(row(Pm, i), row(Qm, j), opts));
  }
  return out;
}
