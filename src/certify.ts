// Turning a fast pass's sums into a result, but only when the pass's own rounding-error
// bound shows it is accurate; `undefined` sends the caller to the careful form. Shared
// by the JS and WASM backends, so both accept exactly the same fast results.

import { logRatio } from './js/ratio.js';

export const EPS = 2 ** -52;
/** A fast result is kept only above this multiple of its error bound: ~1e-13 relative. */
export const CERTIFY = 1e13;

/** Sums from one pass of Σ a·log(a/b) (or Σ x·log y), with Σ|term| as `bound`. */
export interface FastPass {
  S: number;
  A: number;
  B: number;
  bound: number;
}

/**
 * KL from S = Σ a·log(a/b): S/A + log(B/A) normalised, S raw. Each term is off by a few ε
 * of a·(1 + |log r|), and the normalised form adds the rounding of S/A and log(B/A).
 */
export function klFromPass({ S, A, B, bound }: FastPass, normalize: boolean): number | undefined {
  if (!normalize) {
    const err = 4 * EPS * (bound + A);
    return Math.abs(S) < Infinity && Math.abs(S) > CERTIFY * err ? S : undefined;
  }
  const kl = S / A + logRatio(B, A);
  // 4: room for the division, the log (within 1 ulp) and the product to each round.
  const err = EPS * ((4 * (bound + A)) / A + 2 * Math.abs(S / A) + 2);
  return kl < Infinity && kl > CERTIFY * err ? kl : undefined;
}

/** Entropy from S = Σ a·log a: log A − S/A; the two cancel when P is nearly degenerate. */
export function entropyFromPass({ S, A, bound }: FastPass): number | undefined {
  const logA = Math.log(A);
  const h = logA - S / A;
  const err = EPS * ((3 * (bound + A)) / A + 2 * Math.abs(logA) + 2);
  return h < Infinity && h > CERTIFY * err ? h : undefined;
}

/**
 * Cross-entropy from S = Σ p·log q: log B − S/A, the same error terms as entropy (the
 * logs are of the inputs themselves); they cancel when Q is nearly degenerate.
 */
export function crossEntropyFromPass({ S, A, B, bound }: FastPass): number | undefined {
  const logB = Math.log(B);
  const h = logB - S / A;
  const err = EPS * ((3 * (bound + A)) / A + 2 * Math.abs(logB) + 2);
  return h < Infinity && h > CERTIFY * err ? h : undefined;
}

/**
 * JS divergence from S = Σ w·(v·log v + u·log u) with bound Σ w·(|v·log v| + |u·log u|):
 * the two logs cancel to t² where t = (p̂ − q̂)/(p̂ + q̂) is small.
 */
export function jsFromPass({ S, bound }: FastPass): number | undefined {
  const js = S / 4;
  const err = EPS * (4 * bound + 16) / 4;
  return js < Infinity && js > CERTIFY * err ? js : undefined;
}

/** Unit roundoff of f32, which the single-precision passes (`precision: 'single'`) round to. */
const U32 = 2 ** -24;
/** A single-precision result is kept only when its bound is within 1e-6 relative. */
export const CERTIFY_SINGLE = 1e6;

/**
 * Error of S from a single-precision pass: a term a·log(a/b) is off by u·a from the
 * rounded ratio, by 3u·|log| from the log (tested within 1 ulp of the rounded f32 log,
 * so within 1.5 ulp ≤ 3u of the true one) and by u from the product; four terms then
 * meet in f32 before the f64 sum (2u·|term|).
 */
function singleError(A: number, bound: number): number {
  return U32 * (A + 6 * bound);
}

/** klFromPass for a single-precision pass: the f32 error on top of the double one. */
export function klFromSinglePass(r: FastPass, normalize: boolean): number | undefined {
  const { S, A, B, bound } = r;
  if (!normalize) {
    const err = singleError(A, bound) + 4 * EPS * (bound + A);
    return Math.abs(S) < Infinity && Math.abs(S) > CERTIFY_SINGLE * err ? S : undefined;
  }
  const kl = S / A + logRatio(B, A);
  const err = singleError(A, bound) / A + EPS * ((4 * (bound + A)) / A + 2 * Math.abs(S / A) + 2);
  return kl < Infinity && kl > CERTIFY_SINGLE * err ? kl : undefined;
}

/** entropyFromPass for a single-precision pass of Σ x·log x (normalised or raw). */
export function entropyFromSinglePass(r: FastPass, normalize: boolean): number | undefined {
  const { S, A, bound } = r;
  if (!normalize) {
    const err = singleError(A, bound) + 4 * EPS * (bound + A);
    return Math.abs(S) < Infinity && Math.abs(S) > CERTIFY_SINGLE * err ? 0 - S : undefined;
  }
  const logA = Math.log(A);
  const h = logA - S / A;
  const err = singleError(A, bound) / A + EPS * ((3 * (bound + A)) / A + 2 * Math.abs(logA) + 2);
  return h < Infinity && h > CERTIFY_SINGLE * err ? h : undefined;
}
