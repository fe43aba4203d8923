// Inputs on scales the passes cannot work with — totals below 2^-200 or above 2^200, sums
// that overflow although every entry is finite, or (normalised) two totals more than
// 2^200 apart — are brought into range by powers of two, and the plan runs again on the
// scaled copies. Nothing else pays for this: ordinary inputs never get here.
//
// Why it is exact. A power of two times a double is exact unless the product leaves the
// normal range. Scaling up never does. Scaling down (huge inputs) can only round entries
// below 2^-1022 of their input's total, whose terms are then below the resolution of the
// result — except in one place: KL and cross-entropy take log q̂, and an entry of Q that
// vanishes while P has mass there would read as +∞ (and one that merely rounds, into the
// subnormals, gives a log off by up to log 2). Those entries are set to the smallest
// double instead, and the difference of the two logs is added back exactly.
//
// Normalised measures do not change when P and Q are each multiplied by a constant, so
// each input gets its own power of two. Raw Jensen–Shannon and total variation share one
// power (they are homogeneous of degree one, like raw Hellinger's H²) and are rescaled
// afterwards. Raw KL, cross-entropy and entropy, whose terms have both signs, are summed
// directly instead: a′·log(a/b), a′·log b, a′·log a with the logs of the inputs as given.
import type { Engine } from '../engine/seam.js';
import type { Sums } from '../engine/sums.js';
import { Sum } from '../numeric/sum.js';
import { logRatio } from '../numeric/ratio.js';
import { carefulEntropy } from './entropy.js';
import type { Vector } from '../types.js';
import type { Resolved } from '../validate.js';
import type { Measure } from './measure.js';

/** Totals (and, normalised, their ratio) within [1/SAFE, SAFE] need no scaling. */
const SAFE = 2 ** 200;
const LN2 = Math.LN2;
const TINIEST = 2 ** -1074;

/** A total the passes can take as it is: 0, or within [2^-200, 2^200]. */
export const inScale = (x: number): boolean => x === 0 || (x >= 1 / SAFE && x <= SAFE);

/** Totals A (and B, for two inputs) the passes can take as they are; normalised, their ratio too. */
export function totalsInRange(A: number, B: number, two: boolean, normalize: boolean): boolean {
  if (!inScale(A) || (two && !inScale(B))) return false;
  return !(two && normalize && A > 0 && B > 0) || inScale(B / A);
}

/** Can the passes take these totals as they are? */
export function inRange(m: Measure, s: Sums, o: Resolved): boolean {
  return s.finite && totalsInRange(s.A, s.B, m.inputs === 2, o.normalize);
}

/** x·2^k, exact wherever the result is normal (two steps: 2^k alone may not be a double). */
function times2(x: number, k: number): number {
  if (k > 1000) return x * 2 ** 1000 * 2 ** (k - 1000);
  if (k < -1000) return x * 2 ** -1000 * 2 ** (k + 1000); // only ever below 2^-1022: rounds once there
  return x * 2 ** k;
}

/**
 * The copies' totals land in [2^TARGET, 2^(TARGET + 2)): high enough that every share a
 * result can resolve is a normal double there (a share of 2^-1074 is 2^-884 in the
 * copies), so no product or quotient in the passes falls into the subnormals where it
 * would lose digits (a·ρ′ of a share near 2^-1074 lost all of them with totals of 2^-20:
 * TV 2.5 times off), and low enough that sums of 2^50 entries stay finite.
 */
const TARGET = 190;

/**
 * k such that Σ x·2^-k lies in [2^TARGET, 2^(TARGET + 2)): from the largest entry (the
 * total itself may overflow), then the total of the entries brought near it.
 */
function exponentOf(x: Vector): number {
  let max = 0;
  for (let i = 0; i < x.length; i++) if (x[i]! > max) max = x[i]!;
  if (max === 0) return 0;
  const e = Math.floor(Math.log2(max));
  let total = 0;
  for (let i = 0; i < x.length; i++) total += times2(x[i]!, -e);
  return e + Math.floor(Math.log2(total)) - TARGET;
}

function scaledCopy(x: Vector, k: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = times2(x[i]!, -k);
  return out;
}

/**
 * KL and cross-entropy: entries of q that scaling rounded (flushed to zero, or to a
 * subnormal with fewer digits) where p > 0 become the smallest double; returns
 * Σ p′·log(TINIEST / q′_exact) over them, what the run on the copies then misses (its
 * sum uses TINIEST in their place), in the copies' units.
 */
function restoreVanished(p: Float64Array, q: Vector, qs: Float64Array, kq: number): number {
  const missed = new Sum();
  for (let i = 0; i < qs.length; i++) {
    if (!(p[i]! > 0) || !(q[i]! > 0) || times2(qs[i]!, kq) === q[i]) continue;
    qs[i] = TINIEST;
    // log(TINIEST / (q·2^-kq)) = −log q − (1074 − kq)·ln 2, both terms exact to an ulp.
    missed.add(p[i]! * (-Math.log(q[i]!) - (1074 - kq) * LN2));
  }
  return missed.value;
}

type Settle = (m: Measure, engine: Engine, p: Vector, q: Vector, o: Resolved) => number;

/** Σ x′·L(i), compensated, over the entries with x > 0: the raw sums' direct forms. */
function directSum(xs: Float64Array, x: Vector, L: (i: number) => number): number {
  const sum = new Sum();
  for (let i = 0; i < xs.length; i++) if (x[i]! > 0) sum.add(xs[i]! * L(i));
  return sum.value;
}

/**
 * The raw sums whose terms have both signs, on any scale: each term a′·log(…) with the log
 * of the inputs as given (exact to an ulp, subnormals included) and a′ = a·2^-kp, so the
 * result is a·log(…) summed and rounded once. Adding (kp − kq)·ln 2·A′ to a sum over the
 * copies instead cancelled against it: raw KL of [5e-324, 3.7e-307] against
 * [2.1e-143, 1e-300] came out 26ε off, past the absolute promise of 4ε·Σ|term|.
 */
function rawDirect(m: Measure, p: Vector, q: Vector, ps: Float64Array, kp: number): number {
  if (m.name === 'entropy') return times2(-directSum(ps, p, (i) => Math.log(p[i]!)), kp);
  for (let i = 0; i < p.length; i++) if (p[i]! > 0 && q[i] === 0) return Infinity;
  if (m.name === 'kl') return times2(directSum(ps, p, (i) => logRatio(p[i]!, q[i]!)), kp);
  return times2(-directSum(ps, p, (i) => Math.log(q[i]!)), kp); // cross-entropy
}

/**
 * The measure (nats) of p and q on scaled copies; `settle` runs the plan on them. Entries
 * are known to be valid (finite, ≥ 0) and, normalised, each total nonzero. `upOnly`: the
 * totals are in the passes' range, and the copies only bring small totals up (exact), so
 * that no entry rounds (settle.ts, for results near the underflow).
 */
export function scaledNats(m: Measure, engine: Engine, p: Vector, q: Vector, o: Resolved, settle: Settle, upOnly = false): number {
  const two = m.inputs === 2;
  // Entropy's careful form scales itself, without rounding the entries (a copy here would
  // round those 2^1022 below the largest, which a subnormal entropy is made of).
  if (!two && o.normalize) return carefulEntropy(p);
  // A measure a scaled copy would falsify brings its own form (Bhattacharyya's).
  if (m.unscaled) return m.unscaled(p, q, o);
  const logs = m.infiniteOnSupport; // KL and cross-entropy read log q̂
  const up = (k: number): number => (upOnly ? Math.min(0, k) : k);
  let kp = up(exponentOf(p));
  let kq = two ? up(exponentOf(q)) : kp;
  if (!o.normalize && (logs || !two)) return rawDirect(m, p, q, scaledCopy(p, kp), kp);
  const shared = !o.normalize; // raw JS, raw total variation
  if (shared) kp = kq = Math.max(kp, kq);
  const ps = scaledCopy(p, kp);
  const qs = two ? scaledCopy(q, kq) : ps;
  const missed = logs ? restoreVanished(ps, q, qs, kq) : 0;
  const v = settle(m, engine, ps, qs, o);
  if (!o.normalize) return times2(v, kp); // homogeneous of degree one
  if (missed === 0) return v;
  const A = new Sum();
  for (let i = 0; i < ps.length; i++) A.add(ps[i]!);
  // v and the missed part are each off by a few units of 2^-1074 in the copies' units
  // (subnormal entries of P round when scaled too), so where the exact value is 0 (P ∝ Q)
  // their sum can come out a few thousand units below it. Normalised KL and
  // cross-entropy are never negative: 0 is the nearer answer.
  return Math.max(0, v + missed / A.value);
}
