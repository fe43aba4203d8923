// Jensen–Shannon divergence ½KL(P‖M) + ½KL(Q‖M), M = ½(P + Q), and its square root, the
// JS distance. One careful pass (assembly/careful.ts) gives it for every input: where P
// and Q are nearly identical its near form needs no log, elsewhere its log form is as
// fast as a plain pass. Never negative, at most log 2.
import { Pass } from '../../assembly/modes.js';
import type { Sums } from '../engine/sums.js';
import { InputRangeError } from '../errors.js';
import { EPS } from '../numeric/certify.js';
import type { Resolved } from '../validate.js';
import { exactJs, exactJsRaw } from './exact.js';
import { inBase, type Measure, type Plan } from './measure.js';

/**
 * With S = Σ 2·φ(a·ρ′, b) = 2J(ρ′) and N = Σ (a·ρ′ − b), the divergence is
 * (J(ρ) − …)/(2B) for ρ = B/A. J(ρ) = J(ρ′) − N²/(4ρ′A) + O(x²·τ) for x = N/(ρ′A) and
 * the per-element differences τ (a second-order expansion; the first order cancels since
 * Σ (p̂ − q̂) = 0), so a ρ′ from sums good to a few ulps gives every digit. The checks are
 * those of KL: the correction and BOUND small next to the result, else strict.
 */
function carefulJs(s: Sums, t: Sums, rho: number, final: boolean): number | undefined {
  const A = t.A;
  const N = s.N;
  const J = s.S / 2;
  const corr = N * (N / (4 * rho * A)); // N² would overflow for inputs near 1e300
  const js = Math.max(0, J - corr) / (2 * t.B);
  const err = EPS * (64 * corr + 4 * s.bound) / (2 * t.B);
  return final || err <= 1e-13 * js ? js : undefined;
}

const NORMALIZED: Plan = {
  kind: 'careful',
  first: Pass.Sums,
  careful: {
    pass: Pass.CarefulJs,
    reference: 'totals',
    value: (s, totals, rho, _o, final) => carefulJs(s, totals, rho, final),
    exact: exactJs,
  },
};

/** Raw values: ρ′ = 1, and ¼Σ (a + b)·f(t) = S/4. */
const RAW: Plan = {
  kind: 'careful',
  first: Pass.Sums,
  careful: {
    pass: Pass.CarefulJs,
    reference: 'one',
    value(s, _totals, _rho, _o, final) {
      const S = s.S;
      return final || 4 * EPS * s.bound <= 1e-13 * S ? S / 4 : undefined;
    },
    exact: exactJsRaw,
  },
};

const plan = (o: Resolved): Plan => (o.normalize ? NORMALIZED : RAW);

export const jsDivergence: Measure = {
  name: 'jsDivergence',
  inputs: 2,
  symmetric: true,
  range: [0, Math.LN2],
  infiniteOnSupport: false,
  plan,
  finish: inBase,
};

export const jsDistance: Measure = {
  name: 'jsDistance',
  inputs: 2,
  symmetric: true,
  range: [0, Math.sqrt(Math.LN2)],
  infiniteOnSupport: false,
  plan,
  finish: (nats, o) => {
    // In a base below 1 the divergence is ≤ 0 (ln base < 0), so there is no real square
    // root: SciPy's jensenshannon returns NaN there; a typed error says why instead.
    if (o.logBase < 0) throw new InputRangeError('options.base is below 1; the JS distance needs a base > 1 (in a base below 1 the divergence is negative and has no square root)', 'options.base');
    return Math.sqrt(inBase(nats, o));
  },
};
