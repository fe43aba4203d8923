// KL(a‖b) in closed form for two distributions of one family (families.ts). Each form is
// written so that nearly equal parameters do not cancel: the textbook
// ln(σ₂/σ₁) + (σ₁² + Δμ²)/(2σ₂²) − ½ loses every digit as σ₁ → σ₂, so it is taken as
// (expm1(2t) − 2t)/2 + Δμ²/(2σ₂²) with t = log1p((σ₁ − σ₂)/σ₂), and likewise below.
import { klDivergence } from '../divergences.js';
import { InputRangeError, InputTypeError } from '../errors.js';
import { g } from '../numeric/careful.js';
import { lnGammaRemainder } from '../numeric/polygamma.js';
import { expm1MinusX, h } from '../numeric/series.js';
import { isMultivariateNormal, klBetweenNormals, type MultivariateNormal } from './mvn.js';
import { isDirichlet, klBetweenDirichlets, type Dirichlet } from './dirichlet.js';
import { describe, requireKnownKeys, resolveOptions } from '../validate.js';
import type { Distribution, Family } from './families.js';

// Past this ratio x/y the Bernoulli side is taken as x·ln(x/y) − d: ln(x/y) > 36 there, so
// nothing cancels, while y·h(d/y) would overflow once x/y passes ~1e305 (y subnormal) and
// d/y itself may round to ∞ (then h(∞) is ∞ − ∞ = NaN).
const RATIO_DIRECT = 2 ** 52;

/** One side of the Bernoulli KL, x·ln(x/y) − (x − y), given x, d = x − y and y. */
function bernoulliSide(x: number, d: number, y: number): number {
  if (y === 0) return 0; // then x = 0 too (x > 0 against y = 0 is +∞, handled before)
  const t = d / y;
  if (t <= RATIO_DIRECT) return y * h(t);
  // x/y is correctly rounded where it is finite; where it overflows, ln x − ln y is ≥ 709
  // and each log is within ε·745 of its value, so the difference keeps ~ε of relative error.
  const ratio = x / y;
  const lnRatio = Number.isFinite(ratio) ? Math.log(ratio) : Math.log(x) - Math.log(y);
  return x * lnRatio - d;
}

type Forms = { [F in Family]: (a: Distribution<F>, b: Distribution<F>) => number };

const FORMS: Forms = {
  normal(a, b) {
    const { mean: m1, sd: s1 } = a.params as { mean: number; sd: number };
    const { mean: m2, sd: s2 } = b.params as { mean: number; sd: number };
    const t = Math.log1p((s1 - s2) / s2);
    const z = (m1 - m2) / s2;
    return expm1MinusX(2 * t) / 2 + (z * z) / 2;
  },
  exponential(a, b) {
    const [l1, l2] = [a.params.rate!, b.params.rate!];
    // ln(λ₁/λ₂) + λ₂/λ₁ − 1 = x − log1p(x), x = (λ₂ − λ₁)/λ₁.
    return g((l2 - l1) / l1);
  },
  gamma(a, b) {
    const [a1, r1, a2, r2] = [a.params.shape!, a.params.rate!, b.params.shape!, b.params.rate!];
    // (a₁ − a₂)ψ(a₁) − lnΓ(a₁) + lnΓ(a₂) + a₂·ln(β₁/β₂) + a₁(β₂ − β₁)/β₁
    //   = [lnΓ(a₂) − lnΓ(a₁) − (a₂ − a₁)ψ(a₁)] + a₂·g(y) + (a₁ − a₂)·y,  y = (β₂ − β₁)/β₁.
    const y = (r2 - r1) / r1;
    return lnGammaRemainder(a1, a2) + a2 * g(y) + (a1 - a2) * y;
  },
  beta(a, b) {
    const [a1, b1, a2, b2] = [a.params.a!, a.params.b!, b.params.a!, b.params.b!];
    // ln B(a₂,b₂) − ln B(a₁,b₁) + (a₁ − a₂)ψ(a₁) + (b₁ − b₂)ψ(b₁) + (a₂ − a₁ + b₂ − b₁)ψ(a₁ + b₁)
    //   = D(a₁, a₂) + D(b₁, b₂) − D(a₁ + b₁, a₂ + b₂), D(x, y) = lnΓ(y) − lnΓ(x) − (y − x)ψ(x).
    const ds = a2 - a1 + (b2 - b1);
    return Math.max(0, lnGammaRemainder(a1, a2) + lnGammaRemainder(b1, b2) - lnGammaRemainder(a1 + b1, a2 + b2, ds));
  },
  uniform(a, b) {
    const [l1, h1, l2, h2] = [a.params.lo!, a.params.hi!, b.params.lo!, b.params.hi!];
    if (l1 < l2 || h1 > h2) return Infinity;
    // ln((h₂ − l₂)/(h₁ − l₁)), the widths' difference taken end by end.
    return Math.log1p((l1 - l2 + (h2 - h1)) / (h1 - l1));
  },
  laplace(a, b) {
    const [m1, s1, m2, s2] = [a.params.loc!, a.params.scale!, b.params.loc!, b.params.scale!];
    // ln(b₂/b₁) + d/b₂ + (b₁/b₂)e^(−d/b₁) − 1 = (eˢ − 1 − s) + d(b₁ − b₂)/(b₁b₂),
    // s = ln(b₁/b₂) − d/b₁, d = |μ₁ − μ₂|.
    const d = Math.abs(m1 - m2);
    const s = Math.log1p((s1 - s2) / s2) - d / s1;
    return expm1MinusX(s) + (d / s1) * ((s1 - s2) / s2);
  },
  poisson(a, b) {
    const [l1, l2] = [a.params.rate!, b.params.rate!];
    // λ₁ln(λ₁/λ₂) − λ₁ + λ₂ = λ₂·h((λ₁ − λ₂)/λ₂).
    return l2 * h((l1 - l2) / l2);
  },
  bernoulli(a, b) {
    const [p, q] = [a.params.p!, b.params.p!];
    if ((p > 0 && q === 0) || (p < 1 && q === 1)) return Infinity;
    // Each side is x·ln(x/y) − x + y = y·h(d/y), d = x − y: the first-order parts (p − q)
    // and (q − p) cancel on paper. The second side's d is q − p itself, not (1 − p) − (1 − q)
    // from rounded complements (which would leave ε/|p − q| of relative error).
    return bernoulliSide(p, p - q, q) + bernoulliSide(1 - p, q - p, 1 - q);
  },
  categorical(a, b) {
    if (a.probs!.length !== b.probs!.length) {
      throw new InputRangeError(`the categoricals have ${a.probs!.length} and ${b.probs!.length} categories`, 'b');
    }
    return klDivergence(a.probs!, b.probs!) as number;
  },
};

function isDistribution(x: unknown): x is Distribution {
  return typeof x === 'object' && x !== null && typeof (x as Distribution).family === 'string' && Object.hasOwn(FORMS, (x as Distribution).family);
}

/**
 * KL(a‖b) in closed form, for two distributions of the same family; +∞ where a has mass
 * outside b's support (a uniform not inside the other; a Bernoulli with p > 0 against 0).
 * In nats, or in `base`. Two different families are an InputTypeError (`klEstimate`
 * estimates those).
 * @example
 * ```ts
 * import { bernoulli, klBetween, normal, poisson, uniform } from 'infodiv';
 * klBetween(normal(0, 1), normal(1, 2)); // 0.4431471805599453
 * klBetween(poisson(1), poisson(2)); // 0.3068528194400547
 * klBetween(bernoulli(0.5), bernoulli(0.25), { base: 2 }); // 0.2075187496394
 * klBetween(uniform(0, 2), uniform(0, 1)); // Infinity
 * ```
 */
export function klBetween(a: Distribution | MultivariateNormal | Dirichlet, b: Distribution | MultivariateNormal | Dirichlet, opts: { base?: number } = {}): number {
  if (isDirichlet(a) && isDirichlet(b)) {
    const { logBase } = resolveOptions(opts, ['base']);
    return klBetweenDirichlets(a, b) / logBase;
  }
  if (isMultivariateNormal(a) && isMultivariateNormal(b)) {
    const { logBase } = resolveOptions(opts, ['base']);
    return klBetweenNormals(a, b) / logBase;
  }
  if (isMultivariateNormal(a) !== isMultivariateNormal(b) || isDirichlet(a) !== isDirichlet(b)) {
    throw new InputTypeError(`klBetween has closed forms within one family; got ${a.family} and ${b.family}`, 'b');
  }
  for (const [x, name] of [[a, 'a'], [b, 'b']] as const) {
    if (!isDistribution(x)) throw new InputTypeError(`${name} must be a distribution (normal(…), gamma(…), …), got ${describe(x)}`, name);
  }
  if (a.family !== b.family) {
    throw new InputTypeError(`klBetween has closed forms within one family; got ${a.family} and ${b.family}`, 'b');
  }
  const [da, db] = [a as Distribution, b as Distribution];
  if (opts === null || typeof opts !== 'object') throw new InputTypeError(`options must be an object, got ${describe(opts)}`, 'options');
  requireKnownKeys(opts, ['base']);
  const { logBase } = resolveOptions(opts, ['base']);
  const form = FORMS[da.family] as (x: Distribution, y: Distribution) => number;
  return Math.max(0, form(da, db)) / logBase;
}
