/**
 * Neumaier's compensated sum: the running error of every addition is kept in `lo`, so
 * a sum of 1e7 terms stays within a few ulps instead of drifting by ~1e-13.
 * Callers handle ±∞ terms themselves (an ∞ would turn `lo` into NaN).
 */
export class Sum {
  hi = 0;
  lo = 0;

  add(x: number): void {
    const t = this.hi + x;
    this.lo += Math.abs(this.hi) >= Math.abs(x) ? this.hi - t + x : x - t + this.hi;
    this.hi = t;
  }

  get value(): number {
    return this.hi + this.lo;
  }

  /** The sum as an unevaluated pair hi + lo with |lo| ≤ ulp(hi)/2. */
  split(): DoubleDouble {
    return renormalize(this.hi, this.lo);
  }
}

/** A number carried as hi + lo, for sums whose rounding would otherwise show. */
export type DoubleDouble = [hi: number, lo: number];

/** hi + lo rewritten so that hi is the nearest double to the pair. */
export function renormalize(hi: number, lo: number): DoubleDouble {
  const s = hi + lo;
  return [s, lo - (s - hi)];
}

/** Σx as a double-double: what the careful forms need to normalise without error. */
export function sumOf(x: ArrayLike<number>): DoubleDouble {
  const s = new Sum();
  for (let i = 0; i < x.length; i++) s.add(x[i]!);
  return s.split();
}
