// Rows [from, to) of rowwise: what one thread computes. Many row pairs go through one
// kernel call (src/measures/pairs.ts: short rows cost more in calls than in arithmetic);
// every pair that cannot be settled there goes through the single-pair path, which also
// names a bad row in its error.
import { CHUNK } from '../engine/chunk.js';
import { engineFor } from '../engine/registry.js';
import { alongRows } from '../engine/seam.js';
import type { Measure } from '../measures/measure.js';
import { pairsNats } from '../measures/pairs.js';
import { natsOf } from '../measures/settle.js';
import type { Resolved } from '../validate.js';
import { row, rowNames, type Rows } from './matrix.js';

/** Entries [from, to) of rowwise, in the measure's units. */
export function rowwiseRows(m: Measure, P: Rows, Q: Rows, o: Resolved, from: number, to: number): Float64Array {
  // The same engine the single-pair function picks for rows this long.
  const engine = engineFor(P.cols);
  const out = new Float64Array(to - from).fill(NaN);
  if (P.cols <= CHUNK) {
    // Rows in segments that fit the engine's scratch: a plan's second pass (the careful
    // one, or JS after its totals) then reads rows the first has just brought to cache.
    const segment = Math.max(1, Math.floor(CHUNK / Math.max(P.cols, 1)));
    for (let i0 = from; i0 < to; i0 += segment) {
      const i1 = Math.min(to, i0 + segment);
      out.set(pairsNats(m, engine, alongRows(P, Q, i0, i1), o), i0 - from);
    }
  }
  for (let i = from; i < to; i++) {
    const j = Q.rows === 1 ? 0 : i;
    if (Number.isNaN(out[i - from])) out[i - from] = natsOf(m, engine, row(P, i), row(Q, j), o, rowNames(i, j));
    out[i - from] = m.finish(out[i - from]!, o);
  }
  return out;
}
