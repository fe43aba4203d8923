// Two histograms as shares p̂ = p/Σp and q̂ = q/Σq, read one bin at a time, with the one
// quantity the drift distances cannot afford to round: the difference p̂ᵢ − q̂ᵢ. Rounding
// p̂ᵢ and q̂ᵢ first costs an absolute error of ε·p̂ᵢ in their difference, which is all of
// it when the two shares agree to 1e-15. Here each share is a double-double (the
// division's remainder restored through numeric/exact.ts, the totals themselves
// double-doubles), so the difference is accurate to a few ulps of itself.
import { InputRangeError } from '../errors.js';
import { productError } from '../numeric/exact.js';
import { crossDifference, estimate, exactSum, scaleExpansion, type Expansion } from '../numeric/expansion.js';
import { logRatio } from '../numeric/ratio.js';
import { Sum, sumOf, type DoubleDouble } from '../numeric/sum.js';
import type { Vector } from '../types.js';
import { explainInvalid, firstInvalid } from '../validate.js';

/** Totals above this are scaled down (by 2^-64, exactly) inside share(), so the splitting in productError cannot overflow. */
const LARGE = 2 ** 990;

export class Shares {
  readonly n: number;
  /** The values (scaled by a power of two where their total is near overflow). */
  readonly p: Float64Array;
  readonly q: Float64Array;
  /** Σp and Σq ([1, 0] when the values are taken as the shares). */
  private readonly A: DoubleDouble;
  private readonly B: DoubleDouble;

  /** The shares are of totals (normalize: true), not the values themselves. */
  private readonly normalized: boolean;
  /** Σp and Σq exactly, when a difference needs them. */
  private exact: [Expansion, Expansion] | undefined;

  /** `normalize: false` takes p and q as the shares themselves. */
  constructor(p: Vector, q: Vector, normalize: boolean, names: readonly [string, string] = ['p', 'q']) {
    this.normalized = normalize;
    for (const [x, name] of [[p, names[0]], [q, names[1]]] as const) {
      if (firstInvalid(x) >= 0 || (normalize && x.every((v) => v === 0))) explainInvalid(x, name, normalize);
    }
    this.n = p.length;
    [this.p, this.A] = totalled(p, normalize, names[0]);
    [this.q, this.B] = totalled(q, normalize, names[1]);
  }

  sp(i: number): number {
    return this.p[i]! / this.A[0];
  }

  sq(i: number): number {
    return this.q[i]! / this.B[0];
  }

  /**
   * p̂ᵢ − q̂ᵢ, accurate to a few ulps of itself however much cancels. The double-double
   * shares hold each share to ~2^-104 of itself; where the two agree closer than 2^-56
   * that is not enough (shares within 1e-99 of each other, as a bin of 3.4e99 in totals
   * that differ by 1), and the difference is formed exactly, a·B − b·A over the exact
   * totals (numeric/expansion.ts).
   */
  diff(i: number): number {
    const [ph, pl] = share(this.p[i]!, this.A);
    const [qh, ql] = share(this.q[i]!, this.B);
    const d = ph - qh + (pl - ql);
    const m = Math.max(ph, qh);
    if (!this.normalized || !(Math.abs(d) < 2 ** -56 * m) || !(m >= 2 ** -900)) return d;
    return this.exactDiff(i);
  }

  /** (a·B − b·A)/(A·B) with A, B the exact totals, each side scaled to a total in [1, 2) first. */
  private exactDiff(i: number): number {
    this.exact ??= [exactSum(this.p), exactSum(this.q)];
    const [A, B] = this.exact;
    const kA = Math.floor(Math.log2(this.A[0]));
    const kB = Math.floor(Math.log2(this.B[0]));
    const As = scaleExpansion(A, -kA);
    const Bs = scaleExpansion(B, -kB);
    const D = crossDifference(times2(this.p[i]!, -kA), Bs, times2(this.q[i]!, -kB), As);
    return D / (estimate(As) * estimate(Bs));
  }

  /** ln(p̂ᵢ/q̂ᵢ) for p̂ᵢ, q̂ᵢ > 0: through the exact difference where they are close, else in logs (no underflow). */
  logRatio(i: number): number {
    const a = this.sp(i);
    const b = this.sq(i);
    if (a > 0.5 * b && a < 2 * b && b > 0) return Math.log1p(this.diff(i) / b);
    return logRatio(this.p[i]!, this.q[i]!) + logRatio(this.B[0], this.A[0]);
  }

  /** ln p̂ᵢ for p̂ᵢ > 0, without underflow. */
  logP(i: number): number {
    return Math.log(this.p[i]!) - Math.log(this.A[0]);
  }

  logQ(i: number): number {
    return Math.log(this.q[i]!) - Math.log(this.B[0]);
  }

  /**
   * Σ√(p̂ᵢq̂ᵢ) as `sum`·e^`logScale`, from the values' roots (each ≤ 2^512, so their
   * products cannot overflow), the totals applied in logs: the shares of inputs that
   * span hundreds of binades would underflow where these do not. Only if every product
   * is subnormal are the inputs scaled to a largest entry near 1 first.
   */
  rootSum(): { sum: number; logScale: number } {
    const scaledBy = (ep: number, eq: number) => {
      const [fp, fq] = [2 ** -ep, 2 ** -eq];
      const sum = new Sum();
      for (let i = 0; i < this.n; i++) sum.add(Math.sqrt(this.p[i]! * fp) * Math.sqrt(this.q[i]! * fq));
      return { sum: sum.value, logScale: ((ep + eq) * Math.LN2 - Math.log(this.A[0]) - Math.log(this.B[0])) / 2 };
    };
    const plain = scaledBy(0, 0);
    return plain.sum === 0 || plain.sum >= 2 ** -900 ? plain : scaledBy(binade(this.p), binade(this.q));
  }
}

/** x·2^k, in two steps where 2^k alone is not a double. */
const times2 = (x: number, k: number) => x * 2 ** Math.trunc(k / 2) * 2 ** (k - Math.trunc(k / 2));

/** ⌊log₂ max x⌋ (0 for an all-zero x), kept where 2^-e is a normal double. */
function binade(x: Float64Array): number {
  let max = 0;
  for (let i = 0; i < x.length; i++) if (x[i]! > max) max = x[i]!;
  return max > 0 ? Math.max(-1022, Math.min(1023, Math.floor(Math.log2(max)))) : 0;
}

/** x/T as a double-double: the quotient, and the remainder of the division divided by T. */
function share(x: number, [th, tl]: DoubleDouble): DoubleDouble {
  const h = x / th;
  // A total of exactly 1 (`normalize: false`): the share is x itself, exactly (and x may
  // be past where the splitting below works: 1.8e308 made it NaN).
  if (x === 0 || !(h >= 2 ** -1000) || (th === 1 && tl === 0)) return [h, 0];
  // The splitting in productError needs T < 2^995; x ≥ h·T stays far from underflow.
  if (th > LARGE) [x, th, tl] = [x * 2 ** -64, th * 2 ** -64, tl * 2 ** -64];
  const prod = h * th;
  // x − h·T = (x − prod) − productError − h·tl; x − prod is exact (they agree to an ulp).
  return [h, (x - prod - productError(h, th, prod) - h * tl) / th];
}

function totalled(x: Vector, normalize: boolean, name: string): [Float64Array, DoubleDouble] {
  let v = Float64Array.from(x);
  if (!normalize) return [v, [1, 0]];
  let total = sumOf(v);
  // Finite entries whose total overflows: scaled down by 2^-64 (no share changes).
  if (total[0] === Infinity) {
    v = v.map((a) => a * 2 ** -64);
    total = sumOf(v);
  }
  if (!Number.isFinite(total[0])) throw new InputRangeError(`the total of ${name} overflows`, name);
  // A total below 2^-900: the values scaled up to a total near 1 (exact, and no share
  // changes), since the Dekker splitting in share() loses the low bits of products with
  // so small a total (Bhattacharyya of inputs scaled by 2^-1011 was 2.5e-12 off).
  if (total[0] > 0 && total[0] < 2 ** -900) {
    const k = -Math.floor(Math.log2(total[0]));
    v = v.map((a) => times2(a, k));
    total = sumOf(v);
  }
  return [v, total];
}
