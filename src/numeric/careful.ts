// The careful forms of KL, Jensen–Shannon and total variation (see assembly/careful.ts
// for the derivation), one element at a time: the JS engine's passes use these, and the
// measures use them to finish a careful pass. With x = a·ρ′ and s = (x − b)/(x + b):
//   kl_div(x, b) = (x + b)·s²·(1 + s(1 + s)·P(s²))      for |s| ≤ 1/16
//   2·φ(x, b)    = (x + b)·s²·F(s²)
// Both terms are ≥ 0 and need no logarithm; s comes from an exact numerator.
import {
  JS_F0, JS_F1, JS_F2, JS_F3, JS_F4, KL_P0, KL_P1, KL_P2, KL_P3, KL_P4, SPLIT,
} from '../../assembly/careful-constants.js';

const MIN_NORMAL = 2 ** -1022;

/**
 * a·ρ′ − b with ρ′ = rh + rm, each of at most 26 significant bits, and a split into two
 * 26-bit halves: every partial product is exact, ah·rh − b is exact where the two are
 * within a factor of two (every near element), and only the final adds round.
 */
export function numerator(a: number, b: number, rh: number, rm: number): number {
  const c = a * SPLIT;
  const ah = c - (c - a);
  const al = a - ah;
  return ah * rh - b + al * rh + (ah * rm + al * rm);
}

/** kl_div(x, b) in the near form, from den = x + b and the exact numerator x − b. */
export function nearKl(den: number, num: number): number {
  const s = num / Math.max(den, MIN_NORMAL);
  const z = s * s;
  const z2 = z * z;
  const P = KL_P0 + z * KL_P1 + z2 * (KL_P2 + z * KL_P3 + z2 * KL_P4);
  return den * z * (1 + s * (1 + s) * P);
}

/** 2·φ(x, b) in the near form. */
export function nearJs(den: number, num: number): number {
  const s = num / Math.max(den, MIN_NORMAL);
  const z = s * s;
  const z2 = z * z;
  return den * z * (JS_F0 + z * JS_F1 + z2 * (JS_F2 + z * JS_F3 + z2 * JS_F4));
}

/**
 * The careful passes' parameters at out[at … at + 3]: ρ′ (B/A, or 1 for raw values) split
 * into two parts of at most 26 significant bits (exact: rh + rm is ρ′ itself), ρ′, and
 * the strict flag (each lane its own form, every far lane settled exactly). Returns ρ′.
 */
export function writeParams(out: Float64Array, at: number, A: number, B: number, unit: boolean, strict: boolean): number {
  const rho = unit ? 1 : B / A;
  const c = rho * SPLIT;
  const rh = c - (c - rho);
  out[at] = rh;
  out[at + 1] = rho - rh;
  out[at + 2] = rho;
  out[at + 3] = strict ? 1 : 0;
  return rho;
}

/** g(x) = x − log1p(x) ≥ 0, with its series where the two nearly cancel. */
export function g(x: number): number {
  if (Math.abs(x) < 1e-3) {
    // x²/2 − x³/3 + x⁴/4 − x⁵/5 + x⁶/6: below 1e-3 the next term is < 1e-21 relative.
    return x * x * (0.5 + x * (-1 / 3 + x * (0.25 + x * (-0.2 + x / 6))));
  }
  return x - Math.log1p(x);
}
