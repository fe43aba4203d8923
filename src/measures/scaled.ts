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
// each input gets its own power of two. Raw values are rescaled afterwards: KL and
// cross-entropy take their inputs' powers apart (Σ a·log(a/b) = 2^kp·(Σ a′·log(a′/b′) +
// (kp − kq)·ln 2·A′)), Jensen–Shannon and total variation share one power (they are
// homogeneous of degree one, like raw Hellinger's H²), entropy takes its own (−Σ a·log a = 2^k·(H′ − k·ln 2·A′)).
import type { Engine } from '../engine/seam.js';
import type { Sums } from '../engine/sums.js';
import { Sum } from '../numeric/sum.js';
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
 * k such that Σ x·2^-k lies in [1, 4): from the largest entry (the total itself may
 * overflow), then the total of the entries brought near it.
 */
function exponentOf(x: Vector): number {
  let max = 0;
  for (let i = 0; i < x.length; i++) if (x[i]! > max) max = x[i]!;
  if (max === 0) return 0;
  const e = Math.floor(Math.log2(max));
  let total = 0;
  for (let i = 0; i < x.length; i++) total += times2(x[i]!, -e);
  return e + Math.floor(Math.log2(total));
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

/**
 * The measure (nats) of p and q on scaled copies; `settle` runs the plan on them. Entries
 * are known to be valid (finite, ≥ 0) and, normalised, each total nonzero.
 */
export function scaledNats(m: Measure, engine: Engine, p: Vector, q: Vector, o: Resolved, settle: Settle): number {
  const two = m.inputs === 2;
  // Entropy's careful form scales itself, without rounding the entries (a copy here would
  // round those 2^1022 below the largest, which a subnormal entropy is made of).
  if (!two && o.normalize) return carefulEntropy(p);
  // A measure a scaled copy would falsify brings its own form (Bhattacharyya's).
  if (m.unscaled) return m.unscaled(p, q, o);
  const logs = m.infiniteOnSupport; // KL and cross-entropy read log q̂
  let kp = exponentOf(p);
  let kq = two ? exponentOf(q) : kp;
  const shared = !o.normalize && two && !logs; // raw JS, raw total variation
  if (shared) kp = kq = Math.max(kp, kq);
  const ps = scaledCopy(p, kp);
  const qs = two ? scaledCopy(q, kq) : ps;
  const missed = logs ? restoreVanished(ps, q, qs, kq) : 0;
  const v = settle(m, engine, ps, qs, o);
  if (o.normalize) {
    if (missed === 0) return v;
    const A = new Sum();
    for (let i = 0; i < ps.length; i++) A.add(ps[i]!);
    // v and the missed part are each off by a few units of 2^-1074 in the copies' units
    // (subnormal entries of P round when scaled too), so where the exact value is 0 (P ∝ Q)
    // their sum can come out a few thousand units below it. Normalised KL and
    // cross-entropy are never negative: 0 is the nearer answer.
    return Math.max(0, v + missed / A.value);
  }
  // Raw values, in the copies' units, back to the inputs'.
  if (shared) return times2(v, kp);
  if (!two) {
    // −Σ a·log a with a = a′·2^kp.
    const A = new Sum();
    for (let i = 0; i < ps.length; i++) A.add(ps[i]!);
    return times2(v - kp * LN2 * A.value, kp);
  }
  const A = new Sum();
  for (let i = 0; i < ps.length; i++) A.add(ps[i]!);
  if (m.name === 'kl') return times2(v + missed + (kp - kq) * LN2 * A.value, kp);
  // cross-entropy −Σ a·log b, b = b′·2^kq (the missed part enters with its sign: −(−…)).
  return times2(v + missed - kq * LN2 * A.value, kp);
}
