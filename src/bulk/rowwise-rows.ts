// Rows [from, to) of rowwise: what one thread computes. The backend may take many row
// pairs per call (short rows cost more in calls than in arithmetic); every row it leaves
// undecided, and every measure it does not do, goes through the single-pair function,
// which also names a bad row in its error.
import { backendFor } from '../backend.js';
import type { Options } from '../types.js';
import { resolveOptions } from '../validate.js';
import { forRows, row, slice, type Rows } from './matrix.js';
import { measureOf, type Measure } from './measures.js';

/** Entries [from, to) of rowwise: what one thread computes. */
export function rowwiseRows(measure: Measure, P: Rows, Q: Rows, opts: Options | undefined, from: number, to: number): Float64Array {
  const { pair } = measureOf(measure);
  const out = batched(measure, P, Q, opts, from, to) ?? new Float64Array(to - from).fill(NaN);
  for (let i = from; i < to; i++) {
    if (!Number.isNaN(out[i - from])) continue;
    const j = Q.rows === 1 ? 0 : i;
    out[i - from] = forRows(i, j, () => pair(row(P, i), row(Q, j), opts));
  }
  return out;
}

/** The backend's many-pairs pass, converted to the measure's base; NaN: not decided. */
function batched(measure: Measure, P: Rows, Q: Rows, opts: Options | undefined, from: number, to: number): Float64Array | undefined {
  if (measure === 'crossEntropy') return undefined;
  const { logBase, normalize, single } = resolveOptions(opts);
  if (single) return undefined; // 'single' may give other digits on f32: the pair path decides
  // The same backend the single-pair function would pick for rows this long.
  const b = backendFor(P.cols);
  const nats = b.rowwise?.(measure === 'kl' ? 'kl' : 'js', slice(P, from, to), Q.rows === 1 ? Q : slice(Q, from, to), normalize);
  if (!nats) return undefined;
  for (let i = 0; i < nats.length; i++) {
    const v = nats[i]! / logBase;
    nats[i] = measure === 'jsDistance' ? Math.sqrt(v) : v;
  }
  return nats;
}
