// The histogram distances drift monitors use: PSI, Hellinger, Bhattacharyya, L∞ and the
// Rényi divergences. Each normalises first (p̂ = p/Σp, q̂ = q/Σq; `normalize: false`
// takes the values as shares), takes optional smoothing (smoothing.ts), and is accurate
// when P ≈ Q: every form below is chosen so that nothing cancels, and says how.
import { klDivergence } from '../divergences.js';
import { InputRangeError, InputTypeError } from '../errors.js';
import { Sum } from '../numeric/sum.js';
import type { Vector } from '../types.js';
import { asVector, describe, requireKnownKeys, requireNonEmpty, requireSameLength, resolveOptions } from '../validate.js';
import { engineFor } from '../engine/registry.js';
import { bhattacharyya as bhattacharyyaMeasure, hellinger as hellingerMeasure } from '../measures/hellinger.js';
import type { Measure } from '../measures/measure.js';
import { natsOf } from '../measures/settle.js';
import { smooth, type Smoothing } from './smoothing.js';
import { Shares } from './shares.js';

/** Options of the drift distances. */
export interface DistanceOptions {
  /** Logarithm base of the log-based ones (psi, bhattacharyya, renyiDivergence): e by default. */
  base?: number;
  /** Divide each input by its sum first (default true). */
  normalize?: boolean;
  /** Replace zero shares before measuring (default none: the exact value, +∞ where due). */
  smoothing?: Smoothing;
}

/** The options of `renyiDivergence`: the drift distances' options and the order α. */
export interface RenyiOptions extends DistanceOptions {
  /** The order α ≥ 0: 0, 1 (KL) and Infinity included. */
  alpha: number;
}

interface Prepared {
  p: Vector;
  q: Vector;
  normalize: boolean;
  logBase: number;
}

/** Validates a pair and the options (`keys`: those this measure takes), smoothing applied. */
function prepare(p: unknown, q: unknown, opts: DistanceOptions | undefined, keys: readonly string[]): Prepared {
  const pv = asVector(p, 'p');
  const qv = asVector(q, 'q');
  requireSameLength(pv, qv);
  requireNonEmpty(pv, 'p');
  if (opts !== undefined && opts !== null && typeof opts === 'object') requireKnownKeys(opts, keys);
  const { smoothing, ...rest } = (opts ?? {}) as DistanceOptions & { alpha?: number };
  delete (rest as { alpha?: number }).alpha;
  const o = resolveOptions(rest, ['base', 'normalize']);
  if (smoothing === undefined) return { p: pv, q: qv, normalize: o.normalize, logBase: o.logBase };
  const s = smooth(pv, qv, smoothing, o.normalize);
  return { p: s.p, q: s.q, normalize: s.normalize, logBase: o.logBase };
}

const LOG_KEYS = ['base', 'normalize', 'smoothing'] as const;
const PLAIN_KEYS = ['normalize', 'smoothing'] as const;

/**
 * Population stability index Σ (p̂ − q̂)·ln(p̂/q̂): +∞ where one side has mass the other
 * lacks, unless smoothing is asked for. It equals KL(P‖Q) + KL(Q‖P), both terms ≥ 0, so
 * it is computed as that sum on the KL engine, whose careful pass keeps nearly
 * identical inputs accurate; nothing cancels between the two. In nats, or in `base`.
 * p and q of different lengths, empty, or with negative or NaN entries are
 * InputRangeErrors naming the argument and index, as are bad smoothing values.
 * @example
 * ```ts
 * import { psi } from 'infodiv';
 * psi([0.1, 0.4, 0.5], [0.8, 0.15, 0.05]); // 2.7369796842761374
 * // KL(P‖Q) + KL(Q‖P) = 1.926979 + 2.021648 bits:
 * psi([0.1, 0.4, 0.5], [0.8, 0.15, 0.05], { base: 2 }); // 3.948627
 * psi([1, 0], [0.5, 0.5]); // Infinity
 * psi([1, 0], [0.5, 0.5], { smoothing: { epsilon: 1e-4 } }); // 4.604249244045088
 * ```
 */
export function psi(p: Vector, q: Vector, opts?: DistanceOptions): number {
  const x = prepare(p, q, opts, LOG_KEYS);
  const o = { normalize: x.normalize };
  // Each direction in the base, then added: the arithmetic of rowwise('psi', …), so the two agree to the bit.
  return klDivergence(x.p, x.q, o) / x.logBase + klDivergence(x.q, x.p, o) / x.logBase;
}

/**
 * Hellinger distance √(1 − Σ√(p̂q̂)), in [0, 1], on the engine's Hellinger pass
 * (measures/hellinger.ts: ½Σ(√p̂ − √q̂)² with each difference formed exactly, so it
 * does not cancel as P → Q). Errors as for `psi`.
 * @example
 * ```ts
 * import { hellinger } from 'infodiv';
 * // √(1 − (√0.08 + √0.06 + √0.025)):
 * hellinger([0.1, 0.4, 0.5], [0.8, 0.15, 0.05]); // 0.56044128170455
 * hellinger([1, 0], [0, 1]); // 1
 * ```
 */
export function hellinger(p: Vector, q: Vector, opts?: Omit<DistanceOptions, 'base'>): number {
  const x = prepare(p, q, opts, PLAIN_KEYS);
  return onEngine(hellingerMeasure, x);
}

/**
 * Bhattacharyya coefficient Σ√(p̂q̂), in [0, 1]: a sum of terms ≥ 0, compensated.
 * Errors as for `psi`.
 * @example
 * ```ts
 * import { bhattacharyyaCoefficient } from 'infodiv';
 * // √0.08 + √0.06 + √0.025:
 * bhattacharyyaCoefficient([0.1, 0.4, 0.5], [0.8, 0.15, 0.05]); // 0.6859055697613559
 * ```
 */
export function bhattacharyyaCoefficient(p: Vector, q: Vector, opts?: Omit<DistanceOptions, 'base'>): number {
  const x = prepare(p, q, opts, PLAIN_KEYS);
  const { sum, logScale } = new Shares(x.p, x.q, x.normalize).rootSum();
  const bc = sum * Math.exp(logScale);
  return x.normalize ? Math.min(1, bc) : bc;
}

/**
 * Bhattacharyya distance −ln Σ√(p̂q̂); +∞ when the supports are disjoint. On the
 * Hellinger pass: where the coefficient is above ½ it is −log1p(−H²), exact as the
 * coefficient approaches 1; below, the log of the coefficient's own sum. In nats, or
 * in `base`. Errors as for `psi`.
 * @example
 * ```ts
 * import { bhattacharyya } from 'infodiv';
 * // −ln 0.6859055697613559:
 * bhattacharyya([0.1, 0.4, 0.5], [0.8, 0.15, 0.05]); // 0.3770153141404543
 * bhattacharyya([1, 0], [0, 1]); // Infinity
 * ```
 */
export function bhattacharyya(p: Vector, q: Vector, opts?: DistanceOptions): number {
  const x = prepare(p, q, opts, LOG_KEYS);
  return onEngine(bhattacharyyaMeasure, x) / x.logBase;
}

/** A measure of the prepared pair (in nats) on the engine for its size: settle.ts validates, scales, and runs the careful and exact rungs. */
function onEngine(m: Measure, x: Prepared): number {
  const o = resolveOptions({ normalize: x.normalize });
  return m.finish(natsOf(m, engineFor(x.p.length), x.p, x.q, o), o);
}

/**
 * L∞ distance maxᵢ |p̂ᵢ − q̂ᵢ|, each difference exact to a few ulps (shares.ts).
 * Errors as for `psi`.
 * @example
 * ```ts
 * import { lInfinity } from 'infodiv';
 * lInfinity([0.1, 0.4, 0.5], [0.8, 0.15, 0.05]); // 0.7
 * ```
 */
export function lInfinity(p: Vector, q: Vector, opts?: Omit<DistanceOptions, 'base'>): number {
  const x = prepare(p, q, opts, PLAIN_KEYS);
  const s = new Shares(x.p, x.q, x.normalize);
  let max = 0;
  for (let i = 0; i < s.n; i++) max = Math.max(max, Math.abs(s.diff(i)));
  return max;
}

/**
 * g(u) = (1 + u)^b − 1 − b·u, b = 1 − α, the second-order part of (1 + u)^b, given u
 * and the log of 1 + u (`log`, computed from the shares: 1 + u itself would lose the
 * digits of a ratio far from 1). Its sign is that of b(b − 1) = −α(1 − α) for every
 * u ≥ −1, which is what makes the Rényi sum one-signed.
 *
 * By its binomial series where that converges fast; its first coefficient b(b − 1)/2 is
 * formed as −b·α/2, since b − 1 rounds to 0 for α below 2^-53 (then the whole series
 * would vanish). Else in the form whose two parts are smaller: expm1(b·log) − b·u has
 * parts of size b, which leave only rounding of b·u behind where α is tiny and g is of
 * size α (the fuzzer's α = 1e-300 gave −1.9e-16); for α < ½ it is written as
 * (1 + u)·expm1(−α·log) + α·u instead (the same value: (1 + u)^b = (1 + u)·e^(−α·log)),
 * whose parts are of size α.
 */
function secondOrder(u: number, log: () => number, alpha: number): number {
  const b = 1 - alpha;
  if (Math.abs(u) * Math.max(1, Math.abs(b)) < 0.125) {
    let c = (-b * alpha) / 2;
    let term = c * u * u;
    let sum = term;
    for (let k = 3; k < 80; k++) {
      c *= (b - k + 1) / k;
      term = c * u ** k;
      sum += term;
      if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
    }
    return sum;
  }
  const l = log();
  return alpha < 0.5 ? (1 + u) * Math.expm1(-alpha * l) + alpha * u : Math.expm1(b * l) - b * u;
}

/**
 * Rényi divergence of order α: (1/(α − 1))·ln Σ p̂^α q̂^(1−α); α = 0 gives −ln Σ_{p̂>0} q̂,
 * α = 1 KL(P‖Q), α = ∞ ln maxᵢ p̂ᵢ/q̂ᵢ. +∞ where α ≥ 1 and P has mass Q lacks, or the
 * supports do not meet.
 *
 * Near P = Q the sum is 1 + O(δ²) while its terms are O(δ): with uᵢ = q̂ᵢ/p̂ᵢ − 1 (exact,
 * shares.ts) and b = 1 − α, Σ p̂(1 + u)^b − 1 = Σ p̂·g(uᵢ) − b·Σ_{p̂=0} q̂, because
 * Σ_{p̂>0} p̂ᵢuᵢ = −Σ_{p̂=0} q̂ exactly; every term of that has one sign (secondOrder),
 * so it is summed without cancellation, and log1p takes it from there.
 *
 * In nats, or in `base`. With `normalize: false` the values are taken as given, and the
 * definition is applied to them as they are (α = 1 is then the raw KL sum); values that
 * do not sum to 1 can give a negative value. A missing or negative α is an error;
 * otherwise errors as for `psi`.
 * @example
 * ```ts
 * import { klDivergence, renyiDivergence } from 'infodiv';
 * const P = [0.1, 0.4, 0.5];
 * const Q = [0.8, 0.15, 0.05];
 * // ln Σ p²/q = ln(0.0125 + 1.06667 + 5):
 * renyiDivergence(P, Q, { alpha: 2 }); // 1.8048676251807945
 * renyiDivergence(P, Q, { alpha: 1 }); // 1.3356800935337299
 * klDivergence(P, Q); // 1.3356800935337299
 * // ln max p/q = ln 10:
 * renyiDivergence(P, Q, { alpha: Infinity }); // 2.302585092994046
 * ```
 */
export function renyiDivergence(p: Vector, q: Vector, opts: RenyiOptions): number {
  if (opts === null || typeof opts !== 'object') {
    throw new InputTypeError(`options must be an object with alpha, got ${describe(opts)}`, 'options');
  }
  const alpha = opts.alpha;
  if (typeof alpha !== 'number' || !(alpha >= 0)) {
    const Err = typeof alpha === 'number' ? InputRangeError : InputTypeError;
    throw new Err(`options.alpha is ${describe(alpha)}; it must be a number ≥ 0 (Infinity allowed)`, 'options.alpha');
  }
  const x = prepare(p, q, opts, [...LOG_KEYS, 'alpha']);
  if (alpha === 1) return klDivergence(x.p, x.q, { normalize: x.normalize }) / x.logBase;
  const s = new Shares(x.p, x.q, x.normalize);
  let shared = false;
  let missing = false; // some p̂ > 0 with q̂ = 0
  const offSupport = new Sum(); // Σ q̂ where p̂ = 0
  const onSupport = new Sum(); // Σ q̂ where p̂ > 0
  for (let i = 0; i < s.n; i++) {
    const a = s.p[i]!;
    const b = s.q[i]!;
    shared ||= a > 0 && b > 0;
    missing ||= a > 0 && b === 0;
    if (b > 0) (a === 0 ? offSupport : onSupport).add(s.sq(i));
  }
  if (!shared || (alpha >= 1 && missing)) return Infinity;
  // −ln Σ_{p̂>0} q̂: through log1p of the mass off P's support while that is small, from
  // the mass on it (summed directly, not as 1 − the rest) once that is.
  // With `normalize: false` the values are taken as given, so 1 − the rest is not theirs.
  if (alpha === 0) return (onSupport.value < 0.5 || !x.normalize ? -Math.log(onSupport.value) : -Math.log1p(-offSupport.value)) / x.logBase;
  if (alpha === Infinity) {
    let max = -Infinity;
    for (let i = 0; i < s.n; i++) if (s.p[i]! > 0) max = Math.max(max, s.logRatio(i));
    return max / x.logBase;
  }
  const b = 1 - alpha;
  const sum = new Sum();
  // Bins whose share p̂ underflows: their term p̂^α q̂^b in logs, and their q̂ counted
  // with the off-support mass in the linear part (the identity holds over the rest).
  let linear = offSupport.value;
  // Values taken as given (`normalize: false`) need not sum to 1, and then the identity
  // has two more terms: Σ p(1 + u)^b − 1 = Σ p·g(u) + b·(Σ q − Σ p) + (Σ p − 1), both sums
  // over the bins of the linear part.
  const pLinear = new Sum();
  const qLinear = new Sum();
  for (let i = 0; i < s.n; i++) {
    if (s.p[i] === 0) continue;
    const a = s.sp(i);
    if (!x.normalize && a >= 2 ** -1000) {
      pLinear.add(a);
      qLinear.add(s.sq(i));
    }
    if (a < 2 ** -1000) {
      if (s.q[i]! > 0) {
        sum.add(Math.exp(alpha * s.logP(i) + b * s.logQ(i)));
        linear += s.sq(i);
      }
      continue;
    }
    // q̂ = 0 (only reached for α < 1): g(−1) = b − 1 exactly.
    sum.add(a * (s.q[i] === 0 ? -alpha : secondOrder(-s.diff(i) / a, () => -s.logRatio(i), alpha)));
  }
  if (x.normalize) sum.add(-b * linear);
  else {
    sum.add(b * qLinear.value - b * pLinear.value);
    sum.add(pLinear.value - 1);
  }
  // Σ p̂^α q̂^(1−α) − 1 is ≤ 0 for α < 1 (Hölder) and ≥ 0 for α > 1 (Jensen), and every
  // term above has that sign; what rounding leaves of the other sign (a few units of
  // 2^-1074 where the log-form terms of subnormal shares and their linear part meet, as
  // for P = Q = [5e-324, 1]) is set to 0, so that the divergence is never negative.
  // (Values taken as given have no such sign.)
  const sMinus1 = !x.normalize ? sum.value : alpha < 1 ? Math.min(0, sum.value) : Math.max(0, sum.value);
  // Near 1 the sum goes through log1p; far below it (or past overflow) ln Σ is taken in
  // logs, where its terms, all > 0, lose nothing.
  if (sMinus1 === 0) return 0; // not −0 (log1p(0)/(α − 1) for α < 1)
  if (Number.isFinite(sMinus1) && sMinus1 > -0.5) return Math.log1p(sMinus1) / (alpha - 1) / x.logBase;
  return inLogs(s, alpha, x.normalize) / x.logBase;
}

/**
 * D_α in nats from ln Σ p̂^α q̂^(1−α), taken in logs: where the sum is small, or overflows
 * (large α, tiny q̂). Each term's log is L = ln q̂ + α·r with r = ln(p̂/q̂); the largest,
 * L_k, comes out of the sum, so the others enter as exp(L − L_k) ≤ 1. For α up to the
 * largest double α·r itself overflows: L_k is then never formed, and D_α is taken as
 * r_k·α/(α − 1) + (ln q̂_k + ln Σ exp(L − L_k))/(α − 1), which tends to max r (D_∞).
 */
function inLogs(s: Shares, alpha: number, normalized: boolean): number {
  const r: number[] = [];
  const lq: number[] = [];
  for (let i = 0; i < s.n; i++) {
    if (s.p[i]! > 0 && s.q[i]! > 0) {
      r.push(s.logP(i) - s.logQ(i));
      lq.push(s.logQ(i));
    }
  }
  // Order the terms by L (by L/α above 1, which never overflows there).
  const key = (i: number) => (alpha >= 1 ? r[i]! + lq[i]! / alpha : alpha * r[i]! + lq[i]!);
  let k = 0;
  for (let i = 1; i < r.length; i++) if (key(i) > key(k)) k = i;
  const sum = new Sum();
  for (let i = 0; i < r.length; i++) sum.add(i === k ? 1 : Math.exp(lq[i]! - lq[k]! + alpha * (r[i]! - r[k]!)));
  const rest = lq[k]! + Math.log(sum.value);
  const whole = alpha * r[k]! + rest;
  const d = Number.isFinite(whole) ? whole / (alpha - 1) : r[k]! / (1 - 1 / alpha) + rest / (alpha - 1);
  // D_α ≥ 0 for every α between distributions; what rounding leaves below (P = Q: ln q̂ +
  // ln(1/q̂) is a few ε off 0, divided by α − 1) is not a divergence. Values taken as given
  // (`normalize: false`) may sum to less than 1, and then the value may be negative.
  return normalized ? Math.max(0, d) : d;
}
