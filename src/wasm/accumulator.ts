// The accumulator block the kernels add into (assembly/common.ts has the same layout),
// read back and parameterised from the TypeScript side.
import type { FastPass } from '../certify.js';

export const S_HI = 0, S_LO = 1, A_HI = 2, A_LO = 3, B_HI = 4, B_LO = 5, BOUND = 6;
export const SPECIAL = 7, INF = 8, NEGATIVE = 9, PARAM = 10, SLOTS = 16;

export interface PassResult extends FastPass {
  infinite: boolean;
  /** Some entry may be negative, NaN or ∞ (or a sum overflowed): JS must look. */
  suspect: boolean;
  /** Lanes the vector loop could not settle (a single-precision pass then gives up). */
  special: boolean;
}

/**
 * The block at f64 index `at`. Compensated across blocks but not inside them: good to a
 * few ε, enough for the fast forms (the careful forms take exact double-double sums).
 */
export function readPass(f64: Float64Array, at: number): PassResult {
  const A = f64[at + A_HI]! + f64[at + A_LO]!;
  const B = f64[at + B_HI]! + f64[at + B_LO]!;
  return {
    S: f64[at + S_HI]! + f64[at + S_LO]!,
    A,
    B,
    bound: f64[at + BOUND]!,
    infinite: f64[at + INF]! > 0,
    special: f64[at + SPECIAL]! > 0,
    suspect: f64[at + NEGATIVE]! !== 0 || !Number.isFinite(A) || !Number.isFinite(B),
  };
}

/**
 * jsPass's parameters for sums A and B at f64[at…at+3]: 1/A, 1/B and A, B scaled by one
 * exact power of two, which keeps a·B and b·A finite; all 1 without normalising.
 */
export function writeJsParams(f64: Float64Array, at: number, A: number, B: number, normalize: boolean): void {
  if (!normalize) {
    f64.fill(1, at, at + 4);
    return;
  }
  const scale = 2 ** -Math.floor(Math.log2(Math.max(A, B)));
  f64[at] = 1 / A;
  f64[at + 1] = 1 / B;
  f64[at + 2] = A * scale;
  f64[at + 3] = B * scale;
}
