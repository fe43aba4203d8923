// Total variation ½Σ|p̂ − q̂|, in [0, 1]: the cost of a new measure in this design is this
// file, one pass kind (assembly/careful.ts) and one fixture family.
import { Pass } from '../../assembly/modes.js';
import type { Sums } from '../engine/sums.js';
import { exactTv, exactTvRaw } from './exact.js';
import type { Measure, Plan } from './measure.js';

/**
 * |p̂ − q̂| = |a·ρ − b|/B with ρ = B/A. The pass sums |a·ρ′ − b| from exact numerators and
 * Σ sign(a·ρ′ − b)·a; then Σ|a·ρ − b| = S + (ρ − ρ′)·Σ sign·a, exact wherever the sign
 * does not change between ρ′ and ρ (a term moves by a·|ρ − ρ′| at most). With ρ′ from
 * sums good to a few ulps only terms within ~1e-16 of equal could flip. Flipped terms
 * are off by 2a·|ρ − ρ′| each, so by |x| of TV at most (x = ρ/ρ′ − 1, from N): the
 * result is kept when that is below 1e-13 of it. Else the exact form runs (nearly
 * proportional P and Q, whose TV is itself near the rounding of ρ′).
 */
function carefulTv(s: Sums, t: Sums, rho: number, final: boolean): number | undefined {
  const A = t.A;
  const N = s.N;
  const x = -N / (rho * A);
  const tv = (s.S - N * (s.aux / A)) / (2 * t.B);
  return final || Math.abs(x) <= 1e-13 * tv ? Math.min(1, Math.max(0, tv)) : undefined;
}

const NORMALIZED: Plan = {
  kind: 'careful',
  first: Pass.Sums,
  careful: {
    pass: Pass.TotalVariation,
    reference: 'totals',
    value: (s, totals, rho, _o, final) => carefulTv(s, totals, rho, final),
    exact: exactTv,
  },
};

/** Raw values: ½Σ|a − b|, exact differences, one pass. */
const RAW: Plan = {
  kind: 'careful',
  first: Pass.Sums,
  careful: {
    pass: Pass.TotalVariation,
    reference: 'one',
    value: (s) => s.S / 2,
    exact: exactTvRaw,
  },
};

export const totalVariation: Measure = {
  name: 'totalVariation',
  inputs: 2,
  symmetric: true,
  range: [0, 1],
  infiniteOnSupport: false,
  plan: (o) => (o.normalize ? NORMALIZED : RAW),
  // No logarithm: the same value in every base. `base` and `precision` are accepted and
  // change nothing, so one options object serves every measure of a bulk loop.
  finish: (v) => v,
};
