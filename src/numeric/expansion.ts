// Exact sums as floating-point expansions (Shewchuk, "Adaptive Precision Floating-Point
// Arithmetic", 1997): a sum held as non-overlapping doubles, smallest first, whose values
// add up to it exactly. For the few places where a double-double is not enough: a total
// of entries more than 106 bits apart, and a difference a·B − b·A of shares that agree
// to more than 106 bits (P = [1, 3.4e99, 1.5e9] and Q = [0, 3.4e99, 1.5e9] differ by
// 2.9e-100 in their second share, which is within 1e-99 of 1).
import { productError, SPLIT_LIMIT } from './exact.js';

/** An exact value as doubles whose sum it is, non-overlapping, increasing in magnitude, no zeros. */
export type Expansion = number[];

/** e + b, exactly (Shewchuk's Grow-Expansion, zeros dropped). */
export function grow(e: Expansion, b: number): Expansion {
  const out: Expansion = [];
  let q = b;
  for (const x of e) {
    const s = q + x;
    const bv = s - q;
    const err = q - (s - bv) + (x - bv); // Knuth's two-sum: q + x = s + err exactly
    if (err !== 0) out.push(err);
    q = s;
  }
  if (q !== 0 || out.length === 0) out.push(q);
  return out;
}

/** Σx exactly, for finite entries whose total does not overflow. */
export function exactSum(x: ArrayLike<number>): Expansion {
  // Grow-Expansion in place: its output never runs ahead of its input, and a new array
  // per entry made this 25–50 ms for 1e6 entries.
  const e: Expansion = [0];
  for (let i = 0; i < x.length; i++) {
    const b = x[i]!;
    if (b === 0) continue;
    let q = b;
    let w = 0;
    for (let j = 0; j < e.length; j++) {
      const y = e[j]!;
      const s = q + y;
      const bv = s - q;
      const err = q - (s - bv) + (y - bv);
      if (err !== 0) e[w++] = err;
      q = s;
    }
    e.length = w;
    if (q !== 0 || w === 0) e.push(q);
  }
  return e;
}

/** The value of e rounded to a double: summed from the smallest part up, within an ulp. */
export function estimate(e: Expansion): number {
  let s = 0;
  for (const x of e) s += x;
  return s;
}

/** e · 2^k, exact while no part leaves the normal range (k split in two steps: 2^k itself may not be a double). */
export function scaleExpansion(e: Expansion, k: number): Expansion {
  const h = Math.trunc(k / 2);
  return e.map((x) => x * 2 ** h * 2 ** (k - h));
}

/**
 * a·B − b·A for doubles a, b and expansions A, B, exact but for one rounding at the end:
 * every product split into its double and its error (Dekker), all of them summed as an
 * expansion. Products must stay below 2^995 and above ~2^-969 (errors below 2^-1074
 * would be lost): the caller scales its operands by powers of two first.
 */
export function crossDifference(a: number, B: Expansion, b: number, A: Expansion): number {
  let e: Expansion = [0];
  for (const [x, parts, sign] of [[a, B, 1], [b, A, -1]] as const) {
    for (const y of parts) {
      const xy = x * y;
      if (!(Math.abs(x) < SPLIT_LIMIT && Math.abs(y) < SPLIT_LIMIT)) return NaN; // the caller's scaling failed
      e = grow(e, sign * xy);
      e = grow(e, sign * productError(x, y, xy));
    }
  }
  return estimate(e);
}
