// Parametric distributions with their log-density (log-mass for the discrete ones) and
// their entropy in closed form, each equal to scipy.stats.<dist>(...).entropy():
//   normal(mean, sd)        ½·ln(2πe·σ²)
//   exponential(rate)       1 − ln λ
//   gamma(shape, rate)      a − ln β + ln Γ(a) + (1 − a)·ψ(a)
//   beta(a, b)              ln B(a, b) − (a − 1)ψ(a) − (b − 1)ψ(b) + (a + b − 2)ψ(a + b)
//   uniform(lo, hi)         ln(hi − lo)
//   laplace(loc, scale)     1 + ln(2b)
//   poisson(rate)           −Σ p·ln p, every term from a log-mass that does not cancel
//   bernoulli(p), categorical(probs)   −Σ p·ln p
// The closed-form KL between two of one family is in kl.ts.
import { entropy as entropyOf } from '../divergences.js';
import { InputRangeError, InputTypeError } from '../errors.js';
import { lnFactorialRemainder, lnGamma } from '../numeric/gamma.js';
import { digamma } from '../numeric/polygamma.js';
import { h } from '../numeric/series.js';
import { Sum } from '../numeric/sum.js';
import { asVector, describe } from '../validate.js';
import {
  bernoulliSampler,
  betaSampler,
  categoricalSampler,
  draw,
  exponentialSampler,
  gammaSampler,
  laplaceSampler,
  normalSampler,
  poissonSampler,
  uniformSampler,
  type Sampler,
} from './sample.js';

const LN_SQRT_2PI = 0.9189385332046728;

/** The families of one-dimensional distributions, each with a constructor of that name. */
export type Family = 'normal' | 'exponential' | 'gamma' | 'beta' | 'uniform' | 'laplace' | 'poisson' | 'bernoulli' | 'categorical';

/** A one-dimensional distribution from one of the family constructors (`normal`, `poisson`, …). Frozen. */
export interface Distribution<F extends Family = Family> {
  /** The family's name. */
  readonly family: F;
  /** The parameters as given (validated). */
  readonly params: Readonly<Record<string, number>>;
  /** Categorical: the probabilities (normalised copy). */
  readonly probs?: Float64Array;
  /** True for poisson, bernoulli and categorical (logPdf is then the log mass). */
  readonly discrete: boolean;
  /** ln of the density at x (of the mass, for discrete families); −∞ off the support. */
  logPdf(x: number): number;
  /** The differential (continuous) or discrete entropy, in nats. */
  entropy(): number;
  /** n draws, the same for a seed on every platform and backend (sample.ts). Default seed 0. */
  sample(n: number, opts?: { seed?: number }): Float64Array;
}

/** A finite number (`positive`: > 0) or a typed error naming it. */
function param(v: unknown, name: string, rule: 'finite' | 'positive' | 'unit'): number {
  if (typeof v !== 'number') throw new InputTypeError(`${name} must be a number, got ${describe(v)}`, name);
  const ok = rule === 'finite' ? Number.isFinite(v) : rule === 'positive' ? v > 0 && v < Infinity : v >= 0 && v <= 1;
  if (!ok) {
    const want = rule === 'finite' ? 'finite' : rule === 'positive' ? 'finite and > 0' : 'in [0, 1]';
    throw new InputRangeError(`${name} is ${v}; it must be ${want}`, name);
  }
  return v;
}

function make<F extends Family>(
  family: F,
  params: Record<string, number>,
  discrete: boolean,
  logPdf: (x: number) => number,
  entropy: () => number,
  sampler: () => Sampler,
  probs?: Float64Array,
): Distribution<F> {
  const sample = (n: number, opts?: { seed?: number }) => draw(sampler, n, opts);
  return Object.freeze({ family, params: Object.freeze(params), discrete, logPdf, entropy, sample, ...(probs ? { probs } : {}) });
}

/** N(mean, sd²). */
export function normal(mean: number, sd: number): Distribution<'normal'> {
  param(mean, 'mean', 'finite');
  param(sd, 'sd', 'positive');
  return make(
    'normal',
    { mean, sd },
    false,
    (x) => -0.5 * ((x - mean) / sd) ** 2 - Math.log(sd) - LN_SQRT_2PI,
    () => 0.5 + LN_SQRT_2PI + Math.log(sd),
    () => normalSampler(mean, sd),
  );
}

/** Exponential with the given rate λ (mean 1/λ). */
export function exponential(rate: number): Distribution<'exponential'> {
  param(rate, 'rate', 'positive');
  return make('exponential', { rate }, false, (x) => (x >= 0 ? Math.log(rate) - rate * x : -Infinity), () => 1 - Math.log(rate), () => exponentialSampler(rate));
}

/** Gamma with shape a and rate β (mean a/β). */
export function gamma(shape: number, rate: number): Distribution<'gamma'> {
  param(shape, 'shape', 'positive');
  param(rate, 'rate', 'positive');
  return make(
    'gamma',
    { shape, rate },
    false,
    (x) => (x > 0 ? shape * Math.log(rate) + (shape - 1) * Math.log(x) - rate * x - lnGamma(shape) : x === 0 && shape === 1 ? Math.log(rate) : x === 0 && shape < 1 ? Infinity : -Infinity),
    () => shape - Math.log(rate) + lnGamma(shape) + (1 - shape) * digamma(shape),
    () => gammaSampler(shape, rate),
  );
}

/** ln B(a, b). */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/** Beta(a, b) on [0, 1]. */
export function beta(a: number, b: number): Distribution<'beta'> {
  param(a, 'a', 'positive');
  param(b, 'b', 'positive');
  return make(
    'beta',
    { a, b },
    false,
    (x) => (x > 0 && x < 1 ? (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lnBeta(a, b) : -Infinity),
    () => lnBeta(a, b) - (a - 1) * digamma(a) - (b - 1) * digamma(b) + (a + b - 2) * digamma(a + b),
    () => betaSampler(a, b),
  );
}

/** Uniform on [lo, hi], lo < hi. */
export function uniform(lo: number, hi: number): Distribution<'uniform'> {
  param(lo, 'lo', 'finite');
  param(hi, 'hi', 'finite');
  if (!(hi > lo)) throw new InputRangeError(`hi is ${hi}; it must be above lo (${lo})`, 'hi');
  return make('uniform', { lo, hi }, false, (x) => (x >= lo && x <= hi ? -Math.log(hi - lo) : -Infinity), () => Math.log(hi - lo), () => uniformSampler(lo, hi));
}

/** Laplace with location μ and scale b. */
export function laplace(loc: number, scale: number): Distribution<'laplace'> {
  param(loc, 'loc', 'finite');
  param(scale, 'scale', 'positive');
  return make('laplace', { loc, scale }, false, (x) => -Math.abs(x - loc) / scale - Math.log(2 * scale), () => 1 + Math.log(2 * scale), () => laplaceSampler(loc, scale));
}

/**
 * ln P(k) for Poisson(λ): with ln k! = (k + ½)ln k − k + ½ln 2π + δ(k) the large terms
 * k·ln λ, λ and k·ln k meet in −λ·h((k − λ)/λ) (h(t) = (1 + t)·log1p(t) − t ≥ 0), so the
 * log-mass keeps ~1e-15 relative accuracy even where k and λ are 1e6.
 */
function poissonLogPmf(k: number, rate: number): number {
  if (k === 0) return -rate;
  return -rate * h((k - rate) / rate) - 0.5 * Math.log(k) - LN_SQRT_2PI - lnFactorialRemainder(k);
}

/** Poisson with the given rate λ. */
export function poisson(rate: number): Distribution<'poisson'> {
  param(rate, 'rate', 'positive');
  return make(
    'poisson',
    { rate },
    true,
    (x) => (Number.isInteger(x) && x >= 0 ? poissonLogPmf(x, rate) : -Infinity),
    () => {
      // −Σ p·ln p over λ ± 40σ (+ 50): the mass beyond is below 1e-300.
      const spread = 40 * Math.sqrt(rate) + 50;
      const sum = new Sum();
      for (let k = Math.max(0, Math.floor(rate - spread)); k <= rate + spread; k++) {
        const lp = poissonLogPmf(k, rate);
        sum.add(-lp * Math.exp(lp));
      }
      return sum.value;
    },
    () => poissonSampler(rate),
  );
}

/** Bernoulli(p): 1 with probability p. */
export function bernoulli(p: number): Distribution<'bernoulli'> {
  param(p, 'p', 'unit');
  const ln = (q: number, lq: number) => (q > 0 ? -q * lq : 0);
  return make(
    'bernoulli',
    { p },
    true,
    (x) => (x === 1 ? Math.log(p) : x === 0 ? Math.log1p(-p) : -Infinity),
    () => ln(p, Math.log(p)) + ln(1 - p, Math.log1p(-p)),
    () => bernoulliSampler(p),
  );
}

/** A categorical distribution over 0 … k − 1 (probabilities normalised; a zero is allowed). */
export function categorical(probs: ArrayLike<number>): Distribution<'categorical'> {
  const v = Float64Array.from(asVector(probs, 'probs'));
  if (v.length === 0) throw new InputRangeError('probs is empty', 'probs');
  let total = 0;
  for (let i = 0; i < v.length; i++) {
    if (!(v[i]! >= 0 && v[i]! < Infinity)) throw new InputRangeError(`probs[${i}] is ${v[i]}; probabilities must be finite and ≥ 0`, 'probs', i);
    total += v[i]!;
  }
  if (!(total > 0)) throw new InputRangeError('probs sums to 0', 'probs');
  const p = v.map((x) => x / total);
  return make(
    'categorical',
    { k: v.length },
    true,
    (x) => (Number.isInteger(x) && x >= 0 && x < p.length ? Math.log(p[x]!) : -Infinity),
    () => entropyOf(v) as number,
    () => categoricalSampler(p),
    p,
  );
}
