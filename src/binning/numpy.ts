// The few NumPy reductions the bin-width rules of np.histogram_bin_edges use, written to
// give NumPy's own doubles: its sum is pairwise (blocks of 8 accumulators up to 128
// elements, halves above), np.mean and np.std divide that by n, np.percentile
// interpolates as its 'linear' method does. Checked against NumPy on every method's
// fixtures (test/fit-bins.test.ts).
import { productError } from '../numeric/exact.js';

/** np.add.reduce of a contiguous float64 array: NumPy's pairwise summation, exactly. */
export function pairwiseSum(x: Float64Array, from = 0, n = x.length): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += x[from + i]!;
    return res;
  }
  if (n <= 128) {
    const r = [0, 1, 2, 3, 4, 5, 6, 7].map((j) => x[from + j]!);
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j]! += x[from + i + j]!;
    let res = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i++) res += x[from + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(x, from, n2) + pairwiseSum(x, from + n2, n - n2);
}

export function mean(x: Float64Array): number {
  return pairwiseSum(x) / x.length;
}

/** np.std(x): √(mean((x − mean(x))²)). */
export function std(x: Float64Array): number {
  const m = mean(x);
  const sq = x.map((v) => (v - m) * (v - m));
  return Math.sqrt(pairwiseSum(sq) / x.length);
}

/**
 * x³ correctly rounded (the product's error carried as a double-double), which is what
 * glibc's pow(x, 3) gives NumPy's np.power in all but the rarest cases; x*x*x rounds twice.
 */
export function cube(x: number): number {
  const s = x * x;
  const se = productError(x, x, s);
  const c = s * x;
  return c + (productError(s, x, c) + se * x);
}

/**
 * np.quantile(sorted, q) with method 'linear' on an ascending array: virtual index
 * (n − 1)·q, and NumPy's two-sided lerp (a + (b − a)·t below t = ½, b − (b − a)·(1 − t) from it).
 */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const vi = (n - 1) * q;
  if (vi >= n - 1) return sorted[n - 1]!;
  const lo = Math.floor(vi);
  const a = sorted[lo]!;
  const b = sorted[lo + 1]!;
  const t = vi - lo;
  const d = b - a;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}
