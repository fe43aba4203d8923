// KL divergence and cross-entropy in plain JS. Strategy (see NUMERICS in the guide):
// one fast pass with x·log(x/y) that also bounds its own rounding error; when the
// result is too small to be certified by that bound (P ≈ Q), a second pass with the
// careful form Σ q̂·h(t), whose terms are all ≥ 0.
import type { PassSums } from '../backend.js';
import { klFromPass } from '../certify.js';
import type { Vector } from '../types.js';
import { firstInvalid } from '../validate.js';
import { diffOfProducts, exactRange } from './exact.js';
import { logRatio } from './ratio.js';
import { h } from './series.js';
import { Sum, sumOf, type DoubleDouble } from './sum.js';

const MIN_NORMAL = 2 ** -1022;

/** The ratio band where t = r − 1 is small enough that h's careful form pays off. */
function nearOne(r: number): boolean {
  return r > 0.25 && r < 4;
}

/** The fast pass: Σ a·log(a/b) over a > 0 with Σa, Σb and Σ|term|, as mergeable sums. */
export function klPassJs(p: Vector, q: Vector): PassSums {
  // Plain sums over blocks of 16, compensated sums of the blocks: the WASM kernels'
  // structure (and error bound), at a fraction of a per-element compensated add's cost.
  let sHi = 0, sLo = 0, aHi = 0, aLo = 0, bHi = 0, bLo = 0;
  let bound = 0;
  let infinite = false;
  let suspect = false;
  const n = p.length;
  for (let start = 0; start < n; start += 16) {
    const end = Math.min(start + 16, n);
    let s = 0, sa = 0, sb = 0;
    for (let i = start; i < end; i++) {
      const a = p[i]!;
      const b = q[i]!;
      sa += a;
      sb += b;
      if (!(a >= 0 && b >= 0 && a < Infinity && b < Infinity)) suspect = true;
      if (a > 0) {
        if (b === 0) {
          infinite = true;
          continue;
        }
        const term = a * Math.log(a / b);
        s += term;
        bound += Math.abs(term);
      }
    }
    let t = sHi + s;
    sLo += Math.abs(sHi) >= Math.abs(s) ? sHi - t + s : s - t + sHi;
    sHi = t;
    t = aHi + sa;
    aLo += Math.abs(aHi) >= Math.abs(sa) ? aHi - t + sa : sa - t + aHi;
    aHi = t;
    t = bHi + sb;
    bLo += Math.abs(bHi) >= Math.abs(sb) ? bHi - t + sb : sb - t + bHi;
    bHi = t;
  }
  return { S: [sHi, sLo], A: [aHi, aLo], B: [bHi, bLo], bound, infinite, suspect };
}

/** KL(P‖Q) in nats; Infinity where P has mass Q lacks; NaN if p or q sums to 0. */
export function klNats(p: Vector, q: Vector, normalize: boolean): number {
  const r = klPassJs(p, q);
  if (r.suspect && (firstInvalid(p) >= 0 || firstInvalid(q) >= 0)) return NaN;
  const sa = r.A[0] + r.A[1];
  const sb = r.B[0] + r.B[1];
  if (normalize && (sa === 0 || sb === 0)) return NaN; // checked before ∞: it is an error
  if (r.infinite) return Infinity;
  const fast = klFromPass({ S: r.S[0] + r.S[1], A: sa, B: sb, bound: r.bound }, normalize);
  if (fast !== undefined) return fast;
  // The careful form needs the sums exact to a double-double, which the pass's block
  // sums are not: one more pass, on this rare path only.
  return normalize ? klNormalizedCareful(p, q, sumOf(p), sumOf(q)) : klRawCareful(p, q);
}

/**
 * Σ p̂·log(p̂/q̂) as Σ q̂·h(t), t = p̂/q̂ − 1 taken from an exact a·B − b·A. The sums are
 * double-doubles: a common error η in B/A cancels to first order but leaves η²/2, which
 * is 1e-11 of a KL of 1e-22 if the sums are merely rounded to double.
 */
export function klNormalizedCareful(p: Vector, q: Vector, [A, Alo]: DoubleDouble, [B, Blo]: DoubleDouble): number {
  // One power of two scales both sums near 1 so a·B and b·A cannot overflow; it is
  // exact, so the ratio (a·B)/(b·A) is untouched.
  const scale = 2 ** -Math.floor(Math.log2(Math.max(A, B)));
  const As = A * scale;
  const Bs = B * scale;
  const AsLo = Alo * scale;
  const BsLo = Blo * scale;
  const rho = B / A; // may overflow; then only logRho is used
  const logRho = logRatio(B, A);
  const sum = new Sum();
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    const b = q[i]!;
    if (b === 0) continue; // a = 0 too, or klNats would have returned ∞
    const qh = b / B;
    if (a === 0) {
      sum.add(qh); // h(−1) = 1
      continue;
    }
    const r = (a / b) * rho;
    if (nearOne(r) && exactRange(a, Bs, b, As)) {
      const d = diffOfProducts(a, Bs, b, As) + (a * BsLo - b * AsLo);
      sum.add(qh * h(d / (b * As)));
    } else {
      const ph = a / A;
      const L = r >= MIN_NORMAL && r < Infinity ? Math.log(r) : logRatio(a, b) + logRho;
      sum.add(ph * L - ph + qh);
    }
  }
  return sum.value;
}

/** Σ a·log(a/b) = Σ [b·h((a−b)/b) + (a − b)]: the first-order parts cancel on paper. */
export function klRawCareful(p: Vector, q: Vector): number {
  const sum = new Sum();
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    const b = q[i]!;
    if (a === 0) continue;
    if (nearOne(a / b)) {
      sum.add(b * h((a - b) / b));
      sum.add(a - b);
    } else {
      sum.add(a * logRatio(a, b));
    }
  }
  return sum.value;
}

/** −Σ a·log b over a > 0 (raw values); Infinity where a > 0 meets b = 0. */
export function crossEntropyRawNats(p: Vector, q: Vector): number {
  const sum = new Sum();
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    if (a === 0) continue;
    const b = q[i]!;
    if (b === 0) return Infinity;
    sum.add(-a * Math.log(b));
  }
  return sum.value;
}
