// Hellinger distance √(½Σ(√p̂ − √q̂)²) and Bhattacharyya distance −ln Σ√(p̂q̂), from one
// pass (assembly/hellinger.ts) that sums t² with t = √x − √b written as
// (a·ρ′ − b)/(√x + √b), x = a·ρ′: every term ≥ 0 and each t exact to a few ulps, where the
// textbook √(1 − Σ√(p̂q̂)) loses every digit as P → Q.
import { Pass } from '../../assembly/modes.js';
import type { Sums } from '../engine/sums.js';
import { EPS } from '../numeric/certify.js';
import { bhattacharyyaExact, hellingerSquaredExact } from './exact.js';
import { inBase, type CarefulPlan, type Measure, type Plan } from './measure.js';

/**
 * H² at the exact ratio ρ = B/A from the pass's sums at ρ′. With η = ρ/ρ′ − 1 = −N/(ρ′A)
 * (N = Σ (a·ρ′ − b) = ρ′A − B), each term at ρ is (t + (√(1+η) − 1)·√x)², so
 * Σ = S + η·D + ¼η²·AUX + O(η³·B): D = Σ t·√x and AUX = Σ √x·√b come from the same
 * pass. η is ~1e-16 (ρ′ is B/A rounded), so the cubic part is ~1e-48 of B; the answer is
 * kept when that is below 1e-13 of it (else undefined: the exact form runs).
 */
export function squared(s: Sums, t: Sums, rho: number, final: boolean): number | undefined {
  const B = t.B;
  const eta = -s.N / (rho * t.A);
  const f = s.S + eta * s.deriv + 0.25 * eta * eta * s.aux;
  const err = 2 * B * Math.abs(eta) ** 3 + 8 * EPS * f;
  if (!final && !(err <= 1e-13 * f) && f !== 0) return undefined;
  return Math.min(1, Math.max(0, f / (2 * B)));
}

/**
 * Below this the coefficient's sum has gone subnormal (its terms √x·√b underflow when
 * the supports barely meet): the shares' form (exact.ts), which scales by binades, runs.
 */
const TINY_AUX = 2 ** -900;

/** −ln BC: from H² as −log1p(−H²) while BC = 1 − H² is above ½ (no cancellation there), else from BC = Σ√(ab)/√(AB) itself. */
export function bhattacharyyaOf(s: Sums, t: Sums, rho: number, final: boolean): number | undefined {
  const h2 = squared(s, t, rho, true)!;
  if (h2 > 0.5) {
    if (s.aux === 0) return Infinity; // disjoint supports
    return s.aux < TINY_AUX ? undefined : -Math.log(s.aux / (Math.sqrt(rho * t.A) * Math.sqrt(t.B)));
  }
  const exact = squared(s, t, rho, final);
  return exact === undefined ? undefined : -Math.log1p(-exact);
}

const careful = (value: CarefulPlan['value'], exact: CarefulPlan['exact']): Plan => ({
  kind: 'careful',
  first: Pass.Sums,
  careful: { pass: Pass.Hellinger, reference: 'totals', value, exact },
});

const HELLINGER: Plan = careful((s, t, rho, _o, final) => squared(s, t, rho, final), (p, q) => hellingerSquaredExact(p, q, true));
const BHATTACHARYYA: Plan = careful((s, t, rho, _o, final) => bhattacharyyaOf(s, t, rho, final), (p, q) => bhattacharyyaExact(p, q, true));

/** Raw values (`normalize: false`): ρ′ = 1 is the ratio, nothing to correct. */
const RAW_HELLINGER: Plan = {
  kind: 'careful',
  first: Pass.Sums,
  careful: { pass: Pass.Hellinger, reference: 'one', value: (s) => s.S / 2 },
};
const RAW_BHATTACHARYYA: Plan = {
  kind: 'careful',
  first: Pass.Sums,
  careful: {
    pass: Pass.Hellinger,
    reference: 'one',
    value: (s) => (s.aux === 0 ? Infinity : s.aux < TINY_AUX ? undefined : -Math.log(s.aux)),
    exact: (p, q) => bhattacharyyaExact(p, q, false),
  },
};

export const hellinger: Measure = {
  name: 'hellinger',
  inputs: 2,
  symmetric: true,
  range: [0, 1],
  infiniteOnSupport: false,
  plan: (o) => (o.normalize ? HELLINGER : RAW_HELLINGER),
  // No logarithm: `base` is accepted and changes nothing (one options object serves every bulk measure).
  finish: (h2) => Math.sqrt(h2),
};

export const bhattacharyya: Measure = {
  name: 'bhattacharyya',
  inputs: 2,
  symmetric: true,
  range: [0, Infinity],
  infiniteOnSupport: false,
  plan: (o) => (o.normalize ? BHATTACHARYYA : RAW_BHATTACHARYYA),
  // √(p̂q̂) of 1e-600 and 1 is what a scaled copy would flush: the shares' form scales by binades.
  unscaled: (p, q, o) => bhattacharyyaExact(p, q, o.normalize),
  finish: inBase,
};
