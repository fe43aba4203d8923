// A measure's plan over many pairs of rows at once (rowwise, pairwise): the same passes
// and decisions settle.ts makes for one pair, each pair settled from its own sums, so a
// pair's value is the single-pair call's to the last bit. What a pair cannot settle here
// (a bad entry to name, a zero sum, a fallback, a strict rerun) comes back as NaN, and the
// caller sends that pair down the single-pair path, which also names a bad row. One view
// walks every pair's block: nothing is allocated per pair.
import type { Engine, PairsJob } from '../engine/seam.js';
import { PARAMS, subset } from '../engine/seam.js';
import { SLOTS, Sums } from '../engine/sums.js';
import type { Resolved } from '../validate.js';
import type { Measure } from './measure.js';
import { writeParams } from '../numeric/careful.js';
import { inRange } from './scaled.js';

/**
 * Sums the single-pair path would take further as they are: no bad entry, no zero sum,
 * totals in the passes' range (else that path scales them, scaled.ts)?
 */
export function settled(m: Measure, s: Sums, o: Resolved): boolean {
  if (s.negative || !s.finite) return false;
  if (o.normalize && !(s.A > 0 && (m.inputs === 1 || s.B > 0))) return false;
  return inRange(m, s, o);
}

/**
 * measure(P[pRows[j]], Q[qRows[j]]) in nats for every pair of `job`, NaN where the
 * single-pair path must decide. `first`, when given, holds the first pass's block of
 * every pair already (pairwise derives them from per-row totals).
 */
export function pairsNats(m: Measure, engine: Engine, job: PairsJob, o: Resolved, first?: Float64Array): Float64Array {
  const plan = m.plan(o);
  const n = job.pRows.length;
  const out = new Float64Array(n).fill(NaN);
  // precision 'single' may give other digits on f32 rows: the single-pair path decides.
  if (o.single && plan.single) return out;
  const blocks = first ?? engine.pairs(plan.first, job);
  const c = plan.careful;
  const unit = c?.reference === 'one';
  // The pairs for the careful pass, and their parameters, gathered in the same sweep.
  const careful = new Int32Array(c ? n : 0);
  const params = new Float64Array(c ? n * PARAMS : 0);
  let count = 0;
  const s = new Sums();
  for (let j = 0; j < n; j++) {
    s.of(blocks, j * SLOTS);
    if (!settled(m, s, o)) continue;
    if (m.infiniteOnSupport && s.inf > 0) {
      out[j] = Infinity;
      continue;
    }
    if (plan.kind !== 'careful') {
      const v = plan.certify!(s, o);
      if (v !== undefined) {
        out[j] = v;
        continue;
      }
      if (plan.kind !== 'adaptive') continue;
    }
    writeParams(params, count * PARAMS, s.A, s.B, unit, false);
    careful[count++] = j;
  }
  if (count === 0) return out;
  const done = engine.pairs(
    c!.pass,
    count === n ? { ...job, params } : subset(job, careful.subarray(0, count), params.subarray(0, count * PARAMS)),
  );
  const d = new Sums();
  const t = plan.kind === 'careful' ? new Sums() : d;
  for (let k = 0; k < count; k++) {
    const j = careful[k]!;
    d.of(done, k * SLOTS);
    if (t !== d) t.of(blocks, j * SLOTS);
    if (m.infiniteOnSupport && d.inf > 0) out[j] = Infinity;
    else out[j] = c!.value(d, t, params[k * PARAMS + 2]!, o, false) ?? NaN;
  }
  return out;
}
