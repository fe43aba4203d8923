// The plain-JS engine: always available (no WebAssembly, or a CSP that forbids
// compiling it), and the reference the kernels are tested against.
import { Pass, Slot } from '../../../assembly/modes.js';
import type { Engine, PairsJob } from '../seam.js';
import { PARAMS } from '../seam.js';
import type { Sums } from '../sums.js';
import { dotRowsJs } from './dot.js';
import { klDivInto, relEntrInto } from './elementwise.js';
import { count2dJs, countJs, finiteRangeJs } from './histogram.js';
import { countEdgesJs } from './edges.js';
import { carefulPass, fastPass, hellingerPass } from './passes.js';
import type { Vector } from '../../types.js';

function pass(kind: Pass, p: Vector, q: Vector, from: number, to: number, params?: ArrayLike<number>): Sums {
  if (kind === Pass.Hellinger) return hellingerPass(p, q, from, to, params!);
  const careful = kind === Pass.CarefulKl || kind === Pass.CarefulJs || kind === Pass.TotalVariation;
  return careful ? carefulPass(kind, p, q, from, to, params!) : fastPass(kind, p, q, from, to);
}

function pairs(kind: Pass, job: PairsJob): Float64Array {
  const { P, Q } = job;
  const count = job.pRows.length;
  const k = P.cols;
  const out = new Float64Array(count * Slot.COUNT);
  for (let j = 0; j < count; j++) {
    const pr = job.pRows[j]!;
    const qr = job.qRows[j]!;
    const p = P.data.subarray(pr * k, (pr + 1) * k);
    const q = Q.data.subarray(qr * k, (qr + 1) * k);
    const params = job.params?.subarray(j * PARAMS, (j + 1) * PARAMS);
    pass(kind, p, q, 0, k, params).into(out, j * Slot.COUNT);
  }
  return out;
}

export const jsEngine: Engine = {
  name: 'js',
  pass,
  pairs,
  elementwise: (kind, p, q, out) => (kind === 'relEntr' ? relEntrInto(p, q, out) : klDivInto(p, q, out)),
  dotRows: dotRowsJs,
  count(values, a) {
    const counts = new Float64Array(a.bins);
    return { counts, outside: countJs(values(), a, counts) };
  },
  count2d(x, y, ax, ay) {
    const counts = new Float64Array(ax.bins * ay.bins);
    return { counts, outside: count2dJs(x(), y(), ax, ay, counts) };
  },
  countEdges: (values, grid) => countEdgesJs(values(), grid),
  finiteRange: finiteRangeJs,
};
