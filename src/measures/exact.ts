// The last rung of the careful plans, in plain JS: forms whose differences p̂ − q̂ come
// from exact products a·B − b·A (Dekker) and double-double totals. The careful passes
// reach every digit down to the rounding of their reference ratio ρ′ (~1e-35 of the
// inputs' scale); a result below that (P exactly proportional to Q, which must give 0)
// is settled here, exactly where the inputs allow it.
import { exactRange } from '../numeric/exact.js';
import { crossDifference, exactSum, scaleExpansion } from '../numeric/expansion.js';
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
  return { A, B, As: A * scale, Bs: B * scale, AsExact: scaleExpansion(exactSum(p), k), BsExact: scaleExpansion(exactSum(q), k) };
}

/**
 * a·B − b·A (with the totals scaled), exact but for its final rounding: every product of
 * a or b with a part of the exact totals split by Dekker and summed as an expansion
 * (the double-double totals' low parts times a and b, in plain doubles, kept 1e-7 of a
 * difference of 2.9e-100 between shares within 1e-99 of 1). The pair is first brought
 * near 1 by one power of two c, which is exact and keeps the splitting in range for
 * entries near 1e300 or 1e-300 alike; d/c is the difference for the pair as given.
 */
function difference(a: number, b: number, t: ReturnType<typeof scaled>): number {
  const x = a * t.Bs;
  const y = b * t.As;
  if (!(x < 2 * y && y < 2 * x)) return x - y;
  const c = 2 ** -Math.floor(Math.log2(Math.max(a, b)));
  const ac = a * c;
  const bc = b * c;
  if (!exactRange(ac, t.Bs, bc, t.As)) return x - y;
  return crossDifference(ac, t.BsExact, bc, t.AsExact) / c;
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
  const sum = new Sum();
  for (let i = 0; i < p.length; i++) sum.add(Math.abs(difference(p[i]!, q[i]!, t)) / (t.As * t.B));
  return Math.min(1, sum.value / 2);
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
