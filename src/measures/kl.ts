// KL(P‖Q) = Σ p̂·log(p̂/q̂): the fast pass Σ a·log(a/b) where its bound certifies it (P and
// Q far apart), else the careful pass (assembly/careful.ts), with the exact correction for
// a reference ratio ρ′ that is not B/A.
import { Pass } from '../../assembly/modes.js';
import type { Sums } from '../engine/sums.js';
import { EPS, klFromPass, type FastPass } from '../numeric/certify.js';
import { singlePass } from './single.js';
import { g } from '../numeric/careful.js';
import { exactKl, exactKlRaw } from './exact.js';
import { inBase, type Measure, type Plan } from './measure.js';

/**
 * With D = Σ kl_div(a·ρ′, b) and N = Σ (a·ρ′ − b), exactly
 *   D/(ρ′A) = KL + g(x),  x = B/(ρ′A) − 1 = −N/(ρ′A),  g(x) = x − log1p(x) ≥ 0,
 * so any ρ′ near B/A will do. The pass is accurate to ~64ε of D; subtracting g(x) keeps
 * that only while g(x) and the near lanes a mixed group sent to the log form (BOUND,
 * 3ε·(x + b) each) are small next to KL: else once more, strict, with ρ′ from these sums.
 */
function carefulKl(s: Sums, rho: number, final: boolean): number | undefined {
  const rhoA = rho * s.A;
  const gx = g(-s.N / rhoA);
  const kl = Math.max(0, s.S / rhoA - gx);
  const err = EPS * (64 * gx + (4 * s.bound) / rhoA);
  return final || err <= 1e-13 * kl ? kl : undefined;
}

/** precision 'single': the f32-lane KL where its own bound shows it within 1e-6. */
export function singleKl(...args: Parameters<NonNullable<Plan['single']>>): number | undefined {
  const [engine, p, q, o] = args;
  const certify = (s: FastPass): number | undefined => klFromPass(s, o.normalize, true);
  const s = singlePass(engine, Pass.FastKl, p, q, certify);
  return s && certify(s);
}

const NORMALIZED: Plan = {
  kind: 'adaptive',
  first: Pass.FastKl,
  certify: (s) => klFromPass(s, true),
  single: singleKl,
  careful: {
    pass: Pass.CarefulKl,
    reference: 'totals',
    value: (s, _totals, rho, _o, final) => carefulKl(s, rho, final),
    exact: exactKl,
  },
};

/** ρ′ = 1: raw KL = Σ a·log(a/b) = Σ kl_div(a, b) + Σ (a − b) = D + N. */
const RAW: Plan = {
  kind: 'adaptive',
  first: Pass.FastKl,
  certify: (s) => klFromPass(s, false),
  single: singleKl,
  careful: {
    pass: Pass.CarefulKl,
    reference: 'one',
    value(s, _totals, _rho, _o, final) {
      // Raw KL can cancel (its terms have both signs). D + N is good to ~64ε of D + |N|,
      // and D and N both hold b for every a = 0, which the raw sum does not have: kept
      // when that is 1e-13 of the result, else the exact form, whose error is a few ε of
      // Σ|a·log(a/b)| (the absolute promise, README "Precision").
      const D = s.S;
      const N = s.N;
      const err = EPS * (64 * (D + Math.abs(N)) + 4 * s.bound);
      return final || err <= 1e-13 * Math.abs(D + N) ? D + N : undefined;
    },
    exact: exactKlRaw,
  },
};

export const kl: Measure = {
  name: 'kl',
  inputs: 2,
  symmetric: false,
  range: [0, Infinity],
  infiniteOnSupport: true,
  plan: (o) => (o.normalize ? NORMALIZED : RAW),
  finish: inBase,
};
