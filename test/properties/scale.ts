// Scaling inputs by a positive constant, and how far that may move a normalised measure.
import { EPS } from './check.js';

const MAX = Number.MAX_VALUE;

/**
 * A power of two 2^k for a fraction u ∈ [0, 1) of the range of k that keeps every entry
 * of the inputs exact (no overflow, nothing shifted out of a subnormal), with k ≠ 0
 * where the range allows; undefined where only k = 0 does.
 */
export function exactPowerOfTwo(inputs: readonly (readonly number[])[], u: number): number | undefined {
  let lo = -1074;
  let hi = 1023;
  for (const x of inputs) {
    for (const v of x) {
      if (v === 0) continue;
      hi = Math.min(hi, Math.floor(Math.log2(MAX / v)) - 1);
      // Scaling down keeps every bit while the result stays normal.
      lo = Math.max(lo, v >= 2 ** -1022 ? Math.ceil(Math.log2(2 ** -1022 / v)) + 1 : 0);
    }
  }
  const ks = [];
  for (let k = lo; k <= hi; k++) if (k !== 0) ks.push(k);
  if (!ks.length) return undefined;
  const c = 2 ** ks[Math.min(ks.length - 1, Math.floor(u * ks.length))]!;
  // Check that it is exact, rather than trust the logarithms above.
  for (const x of inputs) for (const v of x) if ((v * c) / c !== v || !Number.isFinite(v * c)) return undefined;
  // A total that overflows is a different input (the measures refuse it), not the same one scaled.
  for (const x of inputs) if (!Number.isFinite(x.reduce((a, b) => a + b * c, 0))) return undefined;
  return c;
}

const shares = (x: readonly number[]) => {
  const t = x.reduce((a, b) => a + b, 0);
  return x.map((v) => v / t);
};

/**
 * How far rounding each entry once (relative ε) can move the exact value of a normalised
 * measure of p and q, to first order: the shares move by ≲ 2ε relative, so KL, H and JS
 * by ≲ 2ε·Σ p̂·|log(p̂/q̂)|, 2ε·Σ p̂·(|log p̂| + 1) and the like, plus 2ε·Σ|p̂ − q̂| from the
 * renormalisation. `condition` adds up those sums, with 1 for the constants; the
 * tolerance of a scaled result is 32ε·condition on top of the measure's own promise.
 */
export function condition(p: readonly number[], q: readonly number[]): number {
  const P = shares(p);
  const Q = shares(q);
  let c = 1;
  for (let i = 0; i < P.length; i++) {
    const a = P[i]!;
    const b = Q[i]!;
    if (a > 0) c += a * Math.abs(Math.log(a));
    if (b > 0) c += b * Math.abs(Math.log(b));
    if (a > 0 && b > 0) c += (a + b) * Math.abs(Math.log(a / b));
  }
  return Number.isFinite(c) ? c : Infinity;
}

export const awkwardTolerance = (p: readonly number[], q: readonly number[]) => 32 * EPS * condition(p, q);
