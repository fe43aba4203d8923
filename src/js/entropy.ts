import type { Vector } from '../types.js';
import { Sum } from './sum.js';

/** Shannon entropy in nats; NaN if p sums to 0 with normalize. */
export function entropyNats(p: Vector, normalize: boolean): number {
  const sum = new Sum();
  if (!normalize) {
    for (let i = 0; i < p.length; i++) {
      const a = p[i]!;
      if (a > 0) sum.add(-a * Math.log(a));
    }
    return sum.value;
  }
  const total = new Sum();
  for (let i = 0; i < p.length; i++) total.add(p[i]!);
  const [hi, lo] = total.split();
  if (hi === 0) return NaN;
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
