// Turning a fast pass's sums into a result, but only when the pass's own rounding-error
// bound shows it is accurate; `undefined` sends the caller to the careful form. Shared
// by the JS and WASM backends, so both accept exactly the same fast results.

import { logRatio } from './ratio.js';

export const EPS = 2 ** -52;
/**
 * A fast result is kept only above this multiple of its error bound: ~1e-13 relative.
 * The bound covers each term's own roundings. The plain sums inside a pass's blocks
 * (compensated between blocks) are up to 19 adds deep (KL and entropy passes), and that
 * worst case, up to 19ε·Σ|term|, is not in the
 * bound: so the guarantee is ~6e-13 when every rounding falls the same way; random
 * roundings grow only like the square root of the depth.
 */
export const CERTIFY = 1e13;

/** Sums from one pass of Σ a·log(a/b) (or Σ x·log y), with Σ|term| as `bound`. */
export interface FastPass {
  S: number;
  A: number;
  B: number;
  bound: number;
  /**
   * An absolute error on S that does not scale with the terms: f32 underflow in the
   * single-precision passes (src/measures/single.ts); 0 when absent.
   */
  floor?: number;
}

/** Unit roundoff of f32, which the single-precision passes (`precision: 'single'`) round to. */
const U32 = 2 ** -24;
/** A single-precision result is kept only when its bound is within 1e-6 relative. */
export const CERTIFY_SINGLE = 1e6;

/**
 * What a pass's precision adds to the error of S, and the multiple of its error bound a
 * result must exceed. Double passes: nothing, 1e13. Single-precision passes: a term
 * a·log(a/b) is off by u·a from the rounded ratio, by 3u·|log| from the log (tested
 * within 1 ulp of the rounded f32 log, so within 1.5 ulp ≤ 3u of the true one) and by u
 * from the product; four terms then meet in f32 before the f64 sum (2u·|term|).
 */
const extraOf = ({ A, bound, floor = 0 }: FastPass, single: boolean): number => (single ? U32 * (A + 6 * bound) + floor : 0);
const certifyOf = (single: boolean): number => (single ? CERTIFY_SINGLE : CERTIFY);

/** S itself (raw KL, or minus raw entropy): a few ε of Σ|term| + A. */
export function rawFromPass(r: FastPass, single: boolean): number | undefined {
  const { S, A, bound } = r;
  const err = 4 * EPS * (bound + A) + extraOf(r, single);
  return Math.abs(S) < Infinity && Math.abs(S) > certifyOf(single) * err ? S : undefined;
}

/**
 * KL from S = Σ a·log(a/b): S/A + log(B/A) normalised, S raw. Each term is off by a few ε
 * of a·(1 + |log r|), and the normalised form adds the rounding of S/A and log(B/A).
 */
export function klFromPass(r: FastPass, normalize: boolean, single = false): number | undefined {
  if (!normalize) return rawFromPass(r, single);
  const { S, A, B, bound } = r;
  const kl = S / A + logRatio(B, A);
  // 4: room for the division, the log (within 1 ulp) and the product to each round.
  const err = extraOf(r, single) / A + EPS * ((4 * (bound + A)) / A + 2 * Math.abs(S / A) + 2);
  return kl < Infinity && kl > certifyOf(single) * err ? kl : undefined;
}

/**
 * log X − S/A with S = Σ p·log x over the inputs themselves (entropy: X = A, x = p;
 * cross-entropy: X = B, x = q); the two cancel when the distribution is nearly degenerate.
 */
function logMinusMean(logX: number, r: FastPass, single: boolean): number | undefined {
  const { S, A, bound } = r;
  const h = logX - S / A;
  const err = extraOf(r, single) / A + EPS * ((3 * (bound + A)) / A + 2 * Math.abs(logX) + 2);
  return h < Infinity && h > certifyOf(single) * err ? h : undefined;
}

/** Entropy from S = Σ a·log a: log A − S/A normalised, −S raw. */
export function entropyFromPass(r: FastPass, normalize = true, single = false): number | undefined {
  if (normalize) return logMinusMean(Math.log(r.A), r, single);
  const S = rawFromPass(r, single);
  return S === undefined ? undefined : 0 - S;
}

/** Cross-entropy from S = Σ p·log q: log B − S/A. */
export function crossEntropyFromPass(r: FastPass): number | undefined {
  return logMinusMean(Math.log(r.B), r, false);
}
