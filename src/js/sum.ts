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
  split(): [number, number] {
    const hi = this.hi + this.lo;
    return [hi, this.lo - (hi - this.hi)];
  }
}
