import type { PassSums } from '../backend.js';
import type { Vector } from '../types.js';
import { Sum, type DoubleDouble } from './sum.js';

/** Shannon entropy in nats; NaN if p sums to 0 with normalize. */
export function entropyNats(p: Vector, normalize: boolean): number {
  if (!normalize) {
    const sum = new Sum();
    for (let i = 0; i < p.length; i++) {
      const a = p[i]!;
      if (a > 0) sum.add(-a * Math.log(a));
    }
    return sum.value;
  }
  const total = new Sum();
  for (let i = 0; i < p.length; i++) total.add(p[i]!);
  const A = total.split();
  return A[0] === 0 ? NaN : entropyTerms(p, A);
}

/** −Σ p̂·log p̂ over the entries of p, p̂ = a/A for a total A given as a double-double. */
export function entropyTerms(p: Vector, [hi, lo]: DoubleDouble): number {
  const sum = new Sum();
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    if (a === 0) continue;
    const ph = a / hi;
    // For p̂ near 1, log p̂ is tiny and a/A has already lost its digits: take it from
    // a − A instead, where a − hi is exact (Sterbenz) and lo restores A's rounding.
    const L = ph > 0.5 ? Math.log1p((a - hi - lo) / hi) : Math.log(ph);
    if (ph > 0) sum.add(-ph * L);
  }
  return sum.value;
}

/** The fast pass of entropy: Σ a·log a with Σa and Σ|term|, as mergeable sums. */
export function xlogxPassJs(p: Vector): PassSums {
  const A = new Sum();
  const S = new Sum();
  let bound = 0;
  let suspect = false;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    A.add(a);
    if (!(a >= 0 && a < Infinity)) suspect = true;
    if (a > 0) {
      const term = a * Math.log(a);
      S.add(term);
      bound += Math.abs(term);
    }
  }
  return { S: [S.hi, S.lo], A: [A.hi, A.lo], B: [0, 0], bound, infinite: false, suspect };
}
