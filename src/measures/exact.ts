// The last rung of the careful plans, in plain JS: forms whose differences p̂ − q̂ come
// from exact products a·B − b·A (Dekker) and double-double totals. The careful passes
// reach every digit down to the rounding of their reference ratio ρ′ (~1e-35 of the
// inputs' scale); a result below that (P exactly proportional to Q, which must give 0)
// is settled here, exactly where the inputs allow it.
import { exactRange, productError } from '../numeric/exact.js';
import { crossDifference, estimate, exactSum, grow, scaleExpansion, type Expansion } from '../numeric/expansion.js';
import { logRatio } from '../numeric/ratio.js';
import { f, h } from '../numeric/series.js';
import { Sum, sumOf } from '../numeric/sum.js';
import type { Vector } from '../types.js';
import { Shares } from '../drift/shares.js';

const MIN_NORMAL = 2 ** -1022;

/**
 * The totals and one exact power of two that brings both near 1 (a·B and b·A then stay
 * finite), and the scaled totals exactly (expansions: a double-double total is not exact
 * for entries more than 106 bits apart).
 */
function scaled(p: Vector, q: Vector) {
  const [A] = sumOf(p);
  const [B] = sumOf(q);
  const k = -Math.floor(Math.log2(Math.max(A, B)));
  const scale = 2 ** k;
  let exact: [Expansion, Expansion] | undefined;
  const [Ah, Al, Ar] = pairOf(p, scale);
  const [Bh, Bl, Br] = pairOf(q, scale);
  return {
    A, B, As: A * scale, Bs: B * scale,
    Ah, Al, Ar, Bh, Bl, Br,
    /** The scaled totals exactly (expansions), for the few differences the pairs cannot settle. */
    exactTotals: (): [Expansion, Expansion] => (exact ??= [scaleExpansion(exactSum(p), k), scaleExpansion(exactSum(q), k)]),
  };
}

/**
 * Σx·scale as a double-double [high, low] and a bound on the rest: two levels of
 * two-sum, the third in plain doubles (its roundings, at most (nε)³ of the total,
 * bound the rest). A few ms for 1e6 entries, where the exact expansion takes ~25.
 */
function pairOf(x: Vector, scale: number): [number, number, number] {
  let s = 0;
  let m = 0;
  let l = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]! * scale;
    const t = s + v;
    const bv = t - s;
    const e = s - (t - bv) + (v - bv);
    s = t;
    const u = m + e;
    const bu = u - m;
    l += m - (u - bu) + (e - bu);
    m = u;
  }
  const parts = grow(grow(grow([0], l), m), s);
  const hi = estimate(parts);
  const r = grow(parts, -hi);
  const lo = estimate(r);
  const rest = Math.abs(estimate(grow(r, -lo)));
  const ne = x.length * 2 ** -52;
  return [hi, lo, rest * (1 + 2 ** -50) + ne * ne * ne * Math.abs(hi) + 2 ** -1074];
}

/**
 * a·B − b·A (with the totals scaled), exact but for its final rounding: every product of
 * a or b with a part of the exact totals split by Dekker and summed as an expansion
 * (the double-double totals' low parts times a and b, in plain doubles, kept 1e-7 of a
 * difference of 2.9e-100 between shares within 1e-99 of 1). The pair is first brought
 * near 1 by one power of two c, which is exact and keeps the splitting in range for
 * entries near 1e300 or 1e-300 alike; d/c is the difference for the pair as given.
 */
/** The error bound of the last quick() value (absolute, as given): Infinity where it took the plain x − y. */
let quickErr = 0;

/**
 * a·B − b·A from the totals' double-doubles: Dekker's products of the high parts, exact,
 * and the low parts' products in plain doubles. Sets quickErr to a bound on its error:
 * their roundings, that of the error terms' sum (2^-104 of the products) and the totals'
 * rest. Pairs more than a factor of two apart take x − y, within an ulp of itself.
 */
function quick(a: number, b: number, t: ReturnType<typeof scaled>): number {
  const x = a * t.Bs;
  const y = b * t.As;
  quickErr = 0;
  if (!(x < 2 * y && y < 2 * x)) return x - y;
  const c = 2 ** -Math.floor(Math.log2(Math.max(a, b)));
  const ac = a * c;
  const bc = b * c;
  if (!exactRange(ac, t.Bs, bc, t.As)) return x - y;
  const { Ah, Al, Ar, Bh, Bl, Br } = t;
  const xy = ac * Bh;
  const uv = bc * Ah;
  const lo1 = ac * Bl;
  const lo2 = bc * Al;
  const d = xy - uv + (productError(ac, Bh, xy) - productError(bc, Ah, uv) + (lo1 - lo2));
  quickErr = (2 ** -104 * Math.abs(xy) + 2 ** -51 * (Math.abs(lo1) + Math.abs(lo2)) + ac * Br + bc * Ar) / c;
  return d / c;
}

/**
 * a·B − b·A (with the totals scaled), within 2^-46 of itself: quick() where its bound
 * allows, else exact but for its final rounding, every product of a or b with a part of
 * the exact totals split by Dekker and summed as an expansion (~30× slower; plain-double
 * low parts kept 1e-7 of a difference of 2.9e-100 between shares within 1e-99 of 1). The
 * pair is brought near 1 by one power of two c first, which is exact and keeps the
 * splitting in range for entries near 1e300 or 1e-300 alike.
 */
function difference(a: number, b: number, t: ReturnType<typeof scaled>): number {
  const d = quick(a, b, t);
  if (Math.abs(d) >= 2 ** 46 * quickErr) return d;
  const c = 2 ** -Math.floor(Math.log2(Math.max(a, b)));
  const [AsExact, BsExact] = t.exactTotals();
  return crossDifference(a * c, BsExact, b * c, AsExact) / c;
}

/** KL(P̂‖Q̂) as Σ q̂·h(t), t = p̂/q̂ − 1 from an exact a·B − b·A; +∞ where q = 0 < p. */
export function exactKl(p: Vector, q: Vector): number {
  for (let i = 0; i < p.length; i++) if (p[i]! > 0 && q[i] === 0) return Infinity;
  const t = scaled(p, q);
  const rho = t.B / t.A;
  const logRho = logRatio(t.B, t.A);
  const sum = new Sum();
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    const b = q[i]!;
    if (b === 0) continue;
    const qh = b / t.B;
    if (a === 0) {
      sum.add(qh); // h(−1) = 1
      continue;
    }
    const r = (a / b) * rho;
    // The near form divides by b·A′, which underflows for a subnormal b (then 0/0: KL of
    // [0.1, 5e-324] against [0.25, 5e-324] was NaN); there the log form's terms are
    // subnormal too, and within the few units of 2^-1074 the promise allows.
    if (r > 0.25 && r < 4 && b * t.As >= MIN_NORMAL) {
      sum.add(qh * h(difference(a, b, t) / (b * t.As)));
    } else {
      const ph = a / t.A;
      const L = r >= MIN_NORMAL && r < Infinity ? Math.log(r) : logRatio(a, b) + logRho;
      sum.add(ph * L - ph + qh);
    }
  }
  return sum.value;
}

/** JS(P̂, Q̂) as ¼Σ (p̂ + q̂)·f(t), t = (p̂ − q̂)/(p̂ + q̂) from an exact a·B − b·A. */
export function exactJs(p: Vector, q: Vector): number {
  const t = scaled(p, q);
  const sum = new Sum();
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    const b = q[i]!;
    if (a === 0 && b === 0) continue;
    const w = a * t.Bs + b * t.As;
    if (!(w > 0)) continue; // both underflowed: a weight below 2^-1074 of the total
    sum.add((a / t.A + b / t.B) * f(difference(a, b, t) / w));
  }
  return sum.value / 4;
}

/** ½Σ|p̂ − q̂| = ½Σ|a·B − b·A|/(A·B), the differences exact. */
export function exactTv(p: Vector, q: Vector): number {
  const t = scaled(p, q);
  const unit = t.As * t.B;
  // TV is a plain sum of |a·B − b·A|: the quick differences' errors add up, so they are
  // kept where their sum is 1e-12 of the result, not only where each is of its own term
  // (the terms of nearly identical pairs are tiny: each exact one costs ~30×).
  const sum = new Sum();
  let err = 0;
  for (let i = 0; i < p.length; i++) {
    sum.add(Math.abs(quick(p[i]!, q[i]!, t)) / unit);
    err += quickErr / unit;
  }
  if (sum.value >= 2 ** 41 * err * (1 + 2 ** -40)) return Math.min(1, sum.value / 2);
  const exact = new Sum();
  for (let i = 0; i < p.length; i++) exact.add(Math.abs(difference(p[i]!, q[i]!, t)) / unit);
  return Math.min(1, exact.value / 2);
}

/** Raw Σ a·log(a/b) = Σ [b·h((a−b)/b) + (a − b)] near a = b (the first-order parts cancel on paper). */
export function exactKlRaw(p: Vector, q: Vector): number {
  for (let i = 0; i < p.length; i++) if (p[i]! > 0 && q[i] === 0) return Infinity;
  const sum = new Sum();
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    const b = q[i]!;
    if (a === 0) continue;
    const r = a / b;
    if (r > 0.25 && r < 4) {
      sum.add(b * h((a - b) / b));
      sum.add(a - b);
    } else {
      sum.add(a * logRatio(a, b));
    }
  }
  return sum.value;
}

/** Raw ¼Σ (a + b)·f(t), t = (a − b)/(a + b). */
export function exactJsRaw(p: Vector, q: Vector): number {
  const sum = new Sum();
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    const b = q[i]!;
    const s = a + b;
    if (s > 0) sum.add(s * f((a - b) / s));
  }
  return sum.value / 4;
}

/** Raw ½Σ|a − b|. */
export function exactTvRaw(p: Vector, q: Vector): number {
  const sum = new Sum();
  for (let i = 0; i < p.length; i++) sum.add(Math.abs(p[i]! - q[i]!));
  return sum.value / 2;
}

/**
 * H² = ½ Σ (√p̂ − √q̂)², summed as ½ Σ (p̂ − q̂)²/(√p̂ + √q̂)²: every term ≥ 0 and each
 * difference exact to a few ulps (drift/shares.ts): the Hellinger pass's last rung.
 */
export function hellingerSquaredOf(s: Shares): number {
  const sum = new Sum();
  for (let i = 0; i < s.n; i++) {
    const a = s.sp(i);
    const b = s.sq(i);
    if (a === 0 && b === 0) continue;
    const r = s.diff(i) / (Math.sqrt(a) + Math.sqrt(b));
    sum.add(r * r);
  }
  return sum.value / 2;
}

export function hellingerSquaredExact(p: Vector, q: Vector, normalize: boolean): number {
  return hellingerSquaredOf(new Shares(p, q, normalize));
}

/** −ln Σ√(p̂q̂) from the shares: −log1p(−H²) while the coefficient is above ½, its own log below. */
export function bhattacharyyaExact(p: Vector, q: Vector, normalize: boolean): number {
  const s = new Shares(p, q, normalize);
  let shared = false;
  for (let i = 0; i < s.n && !shared; i++) shared = s.p[i]! > 0 && s.q[i]! > 0;
  if (!shared) return Infinity;
  const { sum, logScale } = s.rootSum();
  const log = Math.log(sum) + logScale;
  if (!normalize || log < -Math.LN2) return -log;
  return -Math.log1p(-hellingerSquaredOf(s));
}
