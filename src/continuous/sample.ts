// Samplers for the families (families.ts), on random.ts's generator and its log and
// exp, so a seed gives the same samples on every platform and backend:
//   normal        Marsaglia's polar method (no sine or cosine), both values of a pair used
//   exponential   −ln U/λ;  uniform  lo + (hi − lo)·U;  laplace  inversion
//   gamma         Marsaglia–Tsang (2000); shape < 1 through Gamma(a + 1)·U^(1/a)
//   beta          X/(X + Y) for X ~ Gamma(a), Y ~ Gamma(b)
//   poisson       chop-down inversion from 0, on parts of rate ≤ 500 summed (a sum of
//                 independent Poissons is Poisson), so e^(−λ) never underflows
//   bernoulli, categorical   U against the cumulative probabilities
import { InputRangeError, InputTypeError } from '../errors.js';
import { describe } from '../validate.js';
import { detExp, detLog, Rng } from './random.js';

export type Sampler = (rng: Rng) => number;

export function normalSampler(mean: number, sd: number): Sampler {
  let spare: number | undefined;
  return (rng) => {
    if (spare !== undefined) {
      const z = spare;
      spare = undefined;
      return mean + sd * z;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * rng.uniform() - 1;
      v = 2 * rng.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * detLog(s)) / s);
    spare = v * f;
    return mean + sd * (u * f);
  };
}

export const exponentialSampler = (rate: number): Sampler => (rng) => -detLog(rng.uniform()) / rate;

export const uniformSampler = (lo: number, hi: number): Sampler => (rng) => lo + (hi - lo) * rng.uniform();

export const laplaceSampler = (loc: number, scale: number): Sampler => (rng) => {
  const u = rng.uniform() - 0.5;
  // 1 − 2|u| is exact (u has at most 53 significant bits below 1).
  return u < 0 ? loc + scale * detLog(1 + 2 * u) : loc - scale * detLog(1 - 2 * u);
};

/** Gamma(shape, 1). */
function standardGamma(shape: number): Sampler {
  if (shape < 1) {
    const boosted = standardGamma(shape + 1);
    return (rng) => boosted(rng) * detExp(detLog(rng.uniform()) / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const z = normalSampler(0, 1);
  return (rng) => {
    for (;;) {
      const x = z(rng);
      const t = 1 + c * x;
      if (t <= 0) continue;
      const v = t * t * t;
      const u = rng.uniform();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (detLog(u) < 0.5 * x2 + d * (1 - v + detLog(v))) return d * v;
    }
  };
}

export function gammaSampler(shape: number, rate: number): Sampler {
  const g = standardGamma(shape);
  return (rng) => g(rng) / rate;
}

export function betaSampler(a: number, b: number): Sampler {
  const x = standardGamma(a);
  const y = standardGamma(b);
  return (rng) => {
    const u = x(rng);
    return u / (u + y(rng));
  };
}

const POISSON_PART = 500;

export function poissonSampler(rate: number): Sampler {
  const parts = Math.ceil(rate / POISSON_PART);
  const lambda = rate / parts;
  const p0 = detExp(-lambda);
  const one: Sampler = (rng) => {
    let u = rng.uniform();
    let k = 0;
    let p = p0;
    // The tail past 60 + 3λ holds < 1e-30 of the mass: a guard against rounding in u − Σp.
    while (u > p && k < 60 + 3 * lambda) {
      u -= p;
      k++;
      p = (p * lambda) / k;
    }
    return k;
  };
  return (rng) => {
    let k = 0;
    for (let i = 0; i < parts; i++) k += one(rng);
    return k;
  };
}

export const bernoulliSampler = (p: number): Sampler => (rng) => (rng.uniform() < p ? 1 : 0);

export function categoricalSampler(probs: Float64Array): Sampler {
  const cumulative = new Float64Array(probs.length);
  let s = 0;
  probs.forEach((p, i) => (cumulative[i] = s += p));
  const last = probs.length - 1;
  return (rng) => {
    const u = rng.uniform() * s;
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** A sample call's n and seed (default 0), checked: what every `sample(n, { seed })` starts with. */
export function drawArgs(n: unknown, opts: unknown): { n: number; seed: number } {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new (typeof n === 'number' ? InputRangeError : InputTypeError)(`n must be a whole number ≥ 0, got ${describe(n)}`, 'n');
  const seed = (opts as { seed?: unknown } | undefined)?.seed ?? 0;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new (typeof seed === 'number' ? InputRangeError : InputTypeError)(`options.seed must be a finite number, got ${describe(seed)}`, 'options.seed');
  return { n, seed };
}

/** n draws from a fresh generator seeded with `seed`. */
export function draw(make: () => Sampler, count: unknown, opts: unknown): Float64Array {
  const { n, seed } = drawArgs(count, opts);
  const rng = new Rng(seed);
  const s = make();
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = s(rng);
  return out;
}
