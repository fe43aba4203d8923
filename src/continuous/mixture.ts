// Gaussian mixtures Σ wᵢ·N(μᵢ, Σᵢ) of normal or multivariateNormal components (one
// dimension for all), and klEstimate for the pairs klBetween has no closed form for:
//   'monteCarlo'  the mean of ln a(x) − ln b(x) over n draws x ~ a (seeded), with its
//                 standard error sd/√n; measure 'js': ½E_a[ln 2a/(a+b)] + ½E_b[ln 2b/(a+b)],
//                 n draws from each
//   'variational' Hershey & Olsen (2007) for two Gaussian mixtures:
//                 Σₐ πₐ·ln(Σₐ′ πₐ′e^(−KL(fₐ‖fₐ′)) / Σ_b ω_b e^(−KL(fₐ‖g_b))), from the
//                 components' closed-form KL; deterministic (standardError 0). With it,
//                 `lower` and `upper`: bounds from the same variational inequality
//                 (E_fₐ ln g ≥ ln Σ_b ω_b e^(−KL(fₐ‖g_b)) − H(fₐ)) and from Jensen's on the
//                 products of Gaussians (E_fₐ ln g ≤ ln Σ_b ω_b ∫fₐg_b, ∫fₐg_b the density of
//                 N(μ_b, Σₐ + Σ_b) at μₐ), as Durrieu, Thiran & Kelly (2012) combine them:
//                 lower = Σₐ πₐ[ln Σₐ′ πₐ′e^(−KL(fₐ‖fₐ′)) − H(fₐ)] − Σₐ πₐ ln Σ_b ω_b ∫fₐg_b
//                 upper = Σₐ πₐ ln Σₐ′ πₐ′∫fₐfₐ′ − Σₐ πₐ[ln Σ_b ω_b e^(−KL(fₐ‖g_b)) − H(fₐ)]
// A mixture has no entropy in closed form, so it has no entropy().
import { InputRangeError, InputTypeError } from '../errors.js';
import { Sum } from '../numeric/sum.js';
import { asVector, describe, requireKnownKeys, resolveOptions } from '../validate.js';
import { normal, type Distribution } from './families.js';
import { klBetween } from './kl.js';
import { isMultivariateNormal, multivariateNormal, type MultivariateNormal } from './mvn.js';
import { Rng } from './random.js';
import { drawArgs } from './sample.js';

/**
 * A mixture's component: a `normal` or a `multivariateNormal`.
 * @inline
 */
type Component = Distribution<'normal'> | MultivariateNormal;

/** A Gaussian mixture Σ wᵢ·N(μᵢ, Σᵢ), from `gaussianMixture`. Frozen; it has no entropy(). */
export interface GaussianMixture {
  /** Always 'gaussianMixture'. */
  readonly family: 'gaussianMixture';
  /** Coordinates of a point: 1 for normal components, their dim for multivariate ones. */
  readonly dim: number;
  /** The weights, normalised to sum to 1. */
  readonly weights: Float64Array;
  /** The components, one per weight. */
  readonly components: readonly Component[];
  /** Always false: a density. */
  readonly discrete: false;
  /** ln Σ wᵢ·fᵢ(x), by log-sum-exp (x a number in 1-D, an array of dim coordinates else). */
  logPdf(x: number | ArrayLike<number>): number;
  /** n draws (a Float64Array in 1-D, { data, rows, cols } else), the same for a seed everywhere. */
  sample(
    n: number,
    opts?: { seed?: number },
  ):
    | Float64Array
    | {
        /** Row-major draws: row r is draw r. */
        data: Float64Array;
        /** n. */
        rows: number;
        /** dim. */
        cols: number;
      };
}

const dimOf = (c: Component) => (isMultivariateNormal(c) ? c.dim : 1);

/**
 * Σ wᵢ·componentᵢ; weights ≥ 0 (normalised), components all normal or all multivariate
 * of one dimension. Throws an InputRangeError for negative or non-finite weights,
 * weights summing to 0, or a component count or dimension that does not match, and an
 * InputTypeError for a component that is not a normal or a multivariateNormal.
 * @example
 * ```ts
 * import { gaussianMixture, normal } from 'infodiv';
 * const m = gaussianMixture([1, 3], [normal(-1, 1), normal(1, 1)]);
 * m.weights[1]; // 0.75
 * gaussianMixture([1], [normal(0, 1)]).logPdf(0); // -0.9189385332046728
 * ```
 */
export function gaussianMixture(weights: ArrayLike<number>, components: readonly Component[]): GaussianMixture {
  const w = Float64Array.from(asVector(weights, 'weights'));
  if (!Array.isArray(components) || components.length !== w.length) {
    throw new InputRangeError(`components must be an array of ${w.length} (one per weight), got ${describe(components)}`, 'components');
  }
  let total = 0;
  w.forEach((v, i) => {
    if (!(v >= 0 && v < Infinity)) throw new InputRangeError(`weights[${i}] is ${v}; weights must be finite and ≥ 0`, 'weights', i);
    total += v;
  });
  if (!(total > 0)) throw new InputRangeError('weights sum to 0', 'weights');
  components.forEach((c, i) => {
    const ok = isMultivariateNormal(c) || (typeof c === 'object' && c !== null && (c as Distribution).family === 'normal');
    if (!ok) throw new InputTypeError(`components[${i}] must be a normal or a multivariateNormal, got ${describe(c)}`, 'components', i);
  });
  const dim = dimOf(components[0]!);
  components.forEach((c, i) => {
    if (dimOf(c) !== dim || isMultivariateNormal(c) !== isMultivariateNormal(components[0])) {
      throw new InputRangeError(`components[${i}] has dimension ${dimOf(c)}${isMultivariateNormal(c) ? ' (multivariate)' : ''}; components[0] has ${dim}`, 'components', i);
    }
  });
  const weightsN = w.map((v) => v / total);
  const logW = Array.from(weightsN, (v) => Math.log(v));
  const multi = isMultivariateNormal(components[0]);
  const logPdf = (x: number | ArrayLike<number>) => {
    const terms = components.map((c, i) => logW[i]! + (multi ? (c as MultivariateNormal).logPdf(x as ArrayLike<number>) : (c as Distribution).logPdf(x as number)));
    return logSumExp(terms);
  };
  const cumulative = new Float64Array(w.length);
  let acc = 0;
  weightsN.forEach((v, i) => (cumulative[i] = acc += v));
  return Object.freeze({
    family: 'gaussianMixture' as const,
    dim,
    weights: weightsN,
    components: Object.freeze([...components]),
    discrete: false as const,
    logPdf,
    sample(n: number, opts?: { seed?: number }) {
      const { seed } = drawArgs(n, opts);
      // Which component each draw comes from (one generator), then each component's draws
      // from a generator of its own (seeded from the mixture's), in order.
      const rng = new Rng(seed);
      const which = new Int32Array(n);
      const counts = new Int32Array(w.length);
      for (let r = 0; r < n; r++) {
        const u = rng.uniform() * acc;
        let j = 0;
        while (j < w.length - 1 && cumulative[j]! <= u) j++;
        which[r] = j;
        counts[j]!++;
      }
      const draws = components.map((c, j) => {
        const s = (c as { sample(n: number, o: { seed: number }): unknown }).sample(counts[j]!, { seed: seed * 1000003 + j + 1 });
        return isMultivariateNormal(c) ? (s as { data: Float64Array }).data : (s as Float64Array);
      });
      const used = new Int32Array(w.length);
      const data = new Float64Array(n * dim);
      for (let r = 0; r < n; r++) {
        const j = which[r]!;
        data.set(draws[j]!.subarray(used[j]! * dim, (used[j]! + 1) * dim), r * dim);
        used[j]!++;
      }
      return multi ? { data, rows: n, cols: dim } : data;
    },
  });
}

/**
 * What `klEstimate` compares: a one-dimensional distribution, a multivariate normal or a Gaussian mixture.
 * @inline
 */
type Estimand = Distribution | MultivariateNormal | GaussianMixture;

/** What `klEstimate` returns. */
export interface KlEstimate {
  /** The estimate, in the requested base (nats by default). */
  estimate: number;
  /** The Monte Carlo standard error sd/√n of the estimate; 0 for 'variational'. */
  standardError: number;
  /** 'variational': bounds on the true KL (see the file's header). */
  lower?: number;
  /** 'variational': the upper bound that goes with `lower`. */
  upper?: number;
  /** The method that made the estimate. */
  method: 'monteCarlo' | 'variational';
  /** What was estimated: KL(a‖b), or the JS divergence. */
  measure: 'kl' | 'js';
  /** 'monteCarlo': the number of draws (from each of a and b for 'js'). */
  samples?: number;
}

/** n draws of d as points, with ln d and ln e at each (rows for the multivariate ones). */
function logsAt(d: Estimand, e: Estimand, n: number, seed: number): [Float64Array, Float64Array] {
  const s = d.sample(n, { seed });
  const rows = ArrayBuffer.isView(s) ? undefined : (s as { data: Float64Array; cols: number });
  const la = new Float64Array(n);
  const lb = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = rows ? rows.data.subarray(i * rows.cols, (i + 1) * rows.cols) : (s as Float64Array)[i]!;
    la[i] = (d.logPdf as (x: unknown) => number)(x);
    lb[i] = (e.logPdf as (x: unknown) => number)(x);
  }
  return [la, lb];
}

/** Mean and standard error of values. */
function meanSe(v: Float64Array): [number, number] {
  const s = new Sum();
  for (const x of v) s.add(x);
  const mean = s.value / v.length;
  const q = new Sum();
  for (const x of v) q.add((x - mean) ** 2);
  return [mean, Math.sqrt(q.value / (v.length - 1) / v.length)];
}

/** ln(2eˣ/(eˣ + eʸ)) = ln 2 − log1p(e^(y − x)), without overflow. */
function logHalfMix(x: number, y: number): number {
  return Math.LN2 - (y > x ? y - x + Math.log1p(Math.exp(x - y)) : Math.log1p(Math.exp(y - x)));
}

/** ln of Σ exp(terms), without overflow (compensated). */
function logSumExp(terms: number[]): number {
  const m = Math.max(...terms);
  if (m === -Infinity) return m;
  const s = new Sum();
  for (const t of terms) s.add(Math.exp(t - m));
  return m + Math.log(s.value);
}

/** ln ∫ f·g of two Gaussians: the density of N(μ_g, Σ_f + Σ_g) at μ_f. */
function logOverlap(f: Component, g: Component): number {
  if (isMultivariateNormal(f) && isMultivariateNormal(g)) {
    const cov = f.cov.map((v, i) => v + g.cov[i]!);
    return multivariateNormal(g.mean, { data: cov, rows: f.dim, cols: f.dim }).logPdf(f.mean);
  }
  const [a, b] = [f as Distribution<'normal'>, g as Distribution<'normal'>];
  return normal(b.params.mean!, Math.hypot(a.params.sd!, b.params.sd!)).logPdf(a.params.mean!);
}

/** Hershey & Olsen's variational approximation, and the bounds (file header). */
function variational(f: GaussianMixture, g: GaussianMixture): { estimate: number; lower: number; upper: number } {
  const [est, lower, upper] = [new Sum(), new Sum(), new Sum()];
  const lw = (m: GaussianMixture) => Array.from(m.weights, (w) => Math.log(w));
  const [lf, lg] = [lw(f), lw(g)];
  f.components.forEach((fa, a) => {
    const pa = f.weights[a]!;
    const self = logSumExp(f.components.map((fb, b) => lf[b]! - klBetween(fa, fb)));
    const other = logSumExp(g.components.map((gb, b) => lg[b]! - klBetween(fa, gb)));
    const h = fa.entropy();
    est.add(pa * (self - other));
    lower.add(pa * (self - h - logSumExp(g.components.map((gb, b) => lg[b]! + logOverlap(fa, gb)))));
    upper.add(pa * (logSumExp(f.components.map((fb, b) => lf[b]! + logOverlap(fa, fb))) - other + h));
  });
  return { estimate: est.value, lower: lower.value, upper: upper.value };
}

function asMixture(d: Estimand): GaussianMixture | undefined {
  if ((d as GaussianMixture).family === 'gaussianMixture') return d as GaussianMixture;
  if ((d as Distribution).family === 'normal') return gaussianMixture([1], [d as Distribution<'normal'>]);
  if (isMultivariateNormal(d)) return gaussianMixture([1], [d]);
  return undefined;
}

/**
 * KL(a‖b) (or the JS divergence, `measure: 'js'`) where there is no closed form:
 * mixtures, mixed families. 'monteCarlo' (default) from `samples` draws (default 1e5),
 * seeded; 'variational' (Gaussians and their mixtures) is Hershey & Olsen's approximation.
 * @example
 * ```ts
 * import { gaussianMixture, klBetween, klEstimate, normal } from 'infodiv';
 * // Where a closed form exists, the estimates agree with it:
 * klBetween(normal(0, 1), normal(1, 2)); // 0.4431471805599453
 * klEstimate(normal(0, 1), normal(1, 2)).estimate; // 0.444
 * klEstimate(gaussianMixture([1], [normal(0, 1)]), normal(1, 2), { method: 'variational' }).estimate; // 0.4431471805599453
 * // A mixture against one normal has none:
 * const m = gaussianMixture([0.5, 0.5], [normal(-1, 1), normal(1, 1)]);
 * klEstimate(m, normal(0, 1.5), { samples: 1e6 }).estimate; // 0.0130
 * ```
 */
export function klEstimate(a: Estimand, b: Estimand, opts: { method?: 'monteCarlo' | 'variational'; samples?: number; seed?: number; measure?: 'kl' | 'js'; base?: number } = {}): KlEstimate {
  if (opts === null || typeof opts !== 'object') throw new InputTypeError(`options must be an object, got ${describe(opts)}`, 'options');
  requireKnownKeys(opts, ['method', 'samples', 'seed', 'measure', 'base']);
  for (const [d, name] of [[a, 'a'], [b, 'b']] as const) {
    if (typeof d !== 'object' || d === null || typeof (d as Distribution).logPdf !== 'function' || typeof (d as Distribution).sample !== 'function') {
      throw new InputTypeError(`${name} must be a distribution with logPdf and sample, got ${describe(d)}`, name);
    }
    if ((d as Distribution).discrete) throw new InputTypeError(`${name} is discrete (${(d as Distribution).family}); klEstimate takes densities`, name);
  }
  const dim = (d: Estimand) => (d as GaussianMixture).dim ?? (isMultivariateNormal(d) ? d.dim : 1);
  if (dim(a) !== dim(b)) throw new InputRangeError(`a has dimension ${dim(a)} and b ${dim(b)}`, 'b');
  const { logBase } = resolveOptions({ base: opts.base }, ['base']);
  const method = opts.method ?? 'monteCarlo';
  const measure = opts.measure ?? 'kl';
  if (method !== 'monteCarlo' && method !== 'variational') throw new InputRangeError(`options.method is ${describe(method)}; expected 'monteCarlo' or 'variational'`, 'options.method');
  if (measure !== 'kl' && measure !== 'js') throw new InputRangeError(`options.measure is ${describe(measure)}; expected 'kl' or 'js'`, 'options.measure');
  if (method === 'variational') {
    if (measure !== 'kl') throw new InputRangeError("options.measure 'js' needs method 'monteCarlo'", 'options.measure');
    const [f, g] = [asMixture(a), asMixture(b)];
    if (!f || !g) throw new InputTypeError("method 'variational' takes Gaussians and Gaussian mixtures", f ? 'b' : 'a');
    const v = variational(f, g);
    return { estimate: Math.max(0, v.estimate) / logBase, standardError: 0, method, measure, lower: Math.max(0, v.lower) / logBase, upper: v.upper / logBase };
  }
  const n = opts.samples ?? 100_000;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 2) throw new InputRangeError(`options.samples is ${describe(n)}; it must be a whole number ≥ 2`, 'options.samples');
  const seed = opts.seed ?? 0;
  if (measure === 'kl') {
    const [la, lb] = logsAt(a, b, n, seed);
    const [mean, se] = meanSe(la.map((x, i) => x - lb[i]!));
    return { estimate: mean / logBase, standardError: se / logBase, method, measure, samples: n };
  }
  const [pa, qa] = logsAt(a, b, n, seed);
  const [qb, pb] = logsAt(b, a, n, seed + 1);
  const [m1, s1] = meanSe(pa.map((x, i) => logHalfMix(x, qa[i]!)));
  const [m2, s2] = meanSe(qb.map((x, i) => logHalfMix(x, pb[i]!)));
  return { estimate: (m1 + m2) / 2 / logBase, standardError: Math.hypot(s1, s2) / 2 / logBase, method, measure, samples: n };
}

