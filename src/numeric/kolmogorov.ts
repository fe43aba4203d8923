// The distribution of the two-sided Kolmogorov–Smirnov statistic D_n of n samples
// (SciPy's kstwo), for ksTest's asymptotic p-values. Its survival function follows the
// regimes of Simard & L'Ecuyer (2011), as SciPy's does, so that the two agree where the
// regime is itself an approximation (Pelz–Good, and 2× the one-sided tail):
//   t = n·x ≤ 1                      Ruben–Gambino, exact: 1 − n!/nⁿ·(2t − 1)ⁿ
//   t ≥ n − 1                        exact: 2(1 − x)ⁿ
//   x ≥ ½                            exact: 2·P(D⁺ ≥ x), the two tails being disjoint
//   n ≤ 140:   n·x² ≤ 4              Durbin's matrix (Marsaglia–Tsang–Wang), exact
//              else                  2·P(D⁺ ≥ x) (Miller)
//   n > 140:   n·x² ≥ 2.2            2·P(D⁺ ≥ x) (Miller)
//              n ≤ 1e5, n·x^1.5 ≤ 1.4  Durbin's matrix
//              else                  Pelz–Good's asymptotic series for the CDF
// (Simard & L'Ecuyer use Pomeranz's recursion for n ≤ 140 and 0.754693 < n·x² ≤ 4;
// Durbin's matrix is exact there too, and small at those sizes.)
// The one-sided tail P(D⁺ ≥ x) is the Smirnov–Birnbaum–Tingey sum, each term taken in
// logs with Stirling's n·ln n parts cancelled by hand (smirnovTerm), so it keeps ~1e-13
// relative accuracy for n up to 1e6 and more.
import { lnFactorialRemainder, stirling } from './gamma.js';
import { Sum } from './sum.js';

const LN_SQRT_2PI = 0.9189385332046728;

/**
 * ln of the j-th term C(n, j)·x·(x + j/n)^(j−1)·(1 − x − j/n)^(n−j), 1 ≤ j < n − t,
 * t = n·x. With ln k! = (k + ½)ln k − k + ½ln 2π + δ(k) the powers of n cancel, leaving
 * j·log1p(t/j) + (n − j)·log1p(−t/(n − j)) (each of size t, their sum of size t²/j):
 * the absolute error is ~ε·t instead of the ε·n·ln n of ln C(n, j) from ln Γ.
 */
function smirnovTerm(n: number, x: number, t: number, j: number): number {
  const m = n - j;
  return (
    Math.log(x) +
    Math.log(n) -
    Math.log(t + j) +
    0.5 * Math.log(n / j / m) -
    LN_SQRT_2PI +
    j * Math.log1p(t / j) +
    m * Math.log1p(-t / m) +
    lnFactorialRemainder(n) -
    lnFactorialRemainder(j) -
    lnFactorialRemainder(m)
  );
}

/** P(D⁺_n ≥ x), the one-sided Kolmogorov–Smirnov tail (SciPy's special.smirnov). */
export function smirnovSurvival(n: number, x: number): number {
  if (!(x > 0)) return 1;
  if (x >= 1) return 0;
  const t = n * x;
  // j = 0: (1 − x)ⁿ; the last j is below n − t (its factor (1 − x − j/n) is > 0).
  const sum = new Sum();
  sum.add(Math.exp(n * Math.log1p(-x)));
  const last = Math.ceil(n - t) - 1;
  for (let j = 1; j <= last; j++) sum.add(Math.exp(smirnovTerm(n, x, t, j)));
  return Math.min(1, sum.value);
}

/** P(D_n ≥ x) for n samples (SciPy's kstwo.sf). */
export function kolmogorovSurvival(n: number, x: number): number {
  if (!(x > 0)) return 1;
  if (x >= 1) return 0;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    // n!/nⁿ·(2t − 1)ⁿ, a product of n factors (i/n)(2t − 1), each ≤ 1.
    let cdf = 1;
    if (n <= 140) for (let i = 1; i <= n; i++) cdf *= (i / n) * (2 * t - 1);
    else cdf = Math.exp(Math.log(n) / 2 - n + LN_SQRT_2PI + stirling(n) + n * Math.log(2 * t - 1));
    return clip(1 - cdf);
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  const twoTails = () => clip(2 * smirnovSurvival(n, x));
  if (x >= 0.5) return twoTails();
  const nx2 = t * x;
  if (n <= 140) return nx2 <= 4 ? clip(1 - durbin(n, x)) : twoTails();
  if (nx2 >= 2.2) return twoTails();
  const cdf = n <= 100000 && n * x ** 1.5 <= 1.4 ? durbin(n, x) : pelzGood(n, x);
  return clip(1 - cdf);
}

function clip(p: number): number {
  return Math.min(1, Math.max(0, p));
}

const SCALE_BITS = 128;
const SCALE = 2 ** SCALE_BITS;

/** a·2^e without overflowing on the way (e may be far outside ±1023). */
function ldexp(a: number, e: number): number {
  while (e > 1000) {
    a *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    a *= 2 ** -1000;
    e += 1000;
  }
  return a * 2 ** e;
}

/** a·b for m×m row-major matrices. */
function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array<ArrayBuffer> {
  const c = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) c[i * m + j]! += aik * b[k * m + j]!;
    }
  }
  return c;
}

/** Scales a non-negative matrix down by 2^128 while its largest entry exceeds that; returns the powers removed. */
function rescale(a: Float64Array): number {
  let max = 0;
  for (const v of a) max = Math.max(max, v);
  let e = 0;
  while (max > SCALE) {
    for (let i = 0; i < a.length; i++) a[i]! /= SCALE;
    max /= SCALE;
    e += SCALE_BITS;
  }
  return e;
}

/**
 * P(D_n < x) by Durbin's matrix: with n·x = k − h (k whole, 0 ≤ h < 1) and H the
 * (2k − 1)-square matrix of Marsaglia, Tsang & Wang (2003), it is n!/nⁿ·(Hⁿ)[k−1][k−1].
 * Hⁿ by squaring, its scale kept apart as a power of two. Every entry of H is ≥ 0.
 */
function durbin(n: number, x: number): number {
  const k = Math.ceil(n * x);
  const h = k - n * x;
  const m = 2 * k - 1;
  const H = new Float64Array(m * m);
  // H[i][j] = 1/(i − j + 1)! on and below the superdiagonal …
  const inverseFactorial = new Float64Array(m + 1);
  inverseFactorial[0] = 1;
  for (let i = 1; i <= m; i++) inverseFactorial[i] = inverseFactorial[i - 1]! / i;
  for (let i = 0; i < m; i++) for (let j = 0; j <= Math.min(m - 1, i + 1); j++) H[i * m + j] = inverseFactorial[i - j + 1]!;
  // … except the first column and the last row, (1 − h^(i+1))/(i + 1)! and its mirror,
  // whose shared corner is (1 − 2hᵐ + max(0, 2h − 1)ᵐ)/m!.
  for (let i = 0; i < m; i++) {
    const v = (1 - h ** (i + 1)) * inverseFactorial[i + 1]!;
    H[i * m] = v;
    H[(m - 1) * m + (m - 1 - i)] = v;
  }
  H[(m - 1) * m] = (1 - 2 * h ** m + Math.max(0, 2 * h - 1) ** m) * inverseFactorial[m]!;

  let power: Float64Array<ArrayBuffer> | undefined;
  let powerExp = 0;
  let base: Float64Array<ArrayBuffer> = H;
  let baseExp = 0;
  for (let e = n; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) {
      power = power ? multiply(power, base, m) : Float64Array.from(base);
      powerExp += baseExp;
      powerExp += rescale(power);
    }
    if (e > 1) {
      base = multiply(base, base, m);
      baseExp = 2 * baseExp + rescale(base);
    }
  }
  let p = power![(k - 1) * m + (k - 1)]!;
  let exp = powerExp;
  // × n!/nⁿ, one factor i/n at a time, rescaled before it could underflow.
  for (let i = 1; i <= n; i++) {
    p = (p * i) / n;
    if (p < 1 / SCALE) {
      p *= SCALE;
      exp -= SCALE_BITS;
    }
  }
  return ldexp(p, exp);
}

/**
 * Pelz & Good's (1976) asymptotic series for P(D_n ≤ x), z = x√n:
 * K₀(z) + K₁(z)/√n + K₂(z)/n + K₃(z)/n^1.5, each Kᵢ in its theta-function form for
 * small z (sums over odd m of polynomials in m² times q^(m²), q = exp(−π²/8z²), and
 * for K₂, K₃ a second sum over all k of q'^(k²), q' = exp(−π²/2z²)).
 */
function pelzGood(n: number, x: number): number {
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const logQ = -(Math.PI ** 2) / 8 / z2;
  if (logQ < -708) return 0;
  const pi2 = Math.PI ** 2;
  const pi4 = pi2 * pi2;
  const pi6 = pi4 * pi2;
  const terms = Math.ceil((16 * z) / Math.PI);
  // Σ over odd m = 2k − 1 of c(m)·q^(m²), by Horner in q^(8k) from the largest k.
  const k0 = [0, 0, 0, 0];
  const q = Math.exp(logQ);
  for (let k = terms; k >= 1; k--) {
    const m2 = (2 * k - 1) ** 2;
    const m4 = m2 * m2;
    const step = q ** (8 * k);
    const c = [
      1,
      -z2 + (pi2 / 4) * m2,
      6 * z6 + 2 * z4 + ((2 * z4 - 5 * z2) * pi2 * m2) / 4 + (pi4 * (1 - 2 * z2) * m4) / 16,
      -30 * z6 - 90 * z4 * z4 + (pi2 * (135 * z4 - 96 * z6) * m2) / 4 + (pi4 * (212 * z4 - 60 * z2) * m4) / 16 + (pi6 * (5 - 30 * z2) * m4 * m2) / 64,
    ];
    for (let i = 0; i < 4; i++) k0[i] = k0[i]! * step + c[i]!;
  }
  const root2pi = Math.sqrt(2 * Math.PI);
  const denominators = [z, 6 * z4, 72 * z4 * z2 * z, 6480 * z6 * z4];
  const K = k0.map((s, i) => (s * q * root2pi) / denominators[i]!);
  // The second sums, over k = 1 … terms of k²·q'^(k²) and (3z² − π²k²)·k²·q'^(k²).
  const q2 = Math.exp(-pi2 / 2 / z2);
  let s2 = 0;
  let s3 = 0;
  for (let k = terms; k >= 1; k--) {
    const w = k * k * q2 ** (k * k);
    s2 += w;
    s3 += (3 * z2 - pi2 * k * k) * w;
  }
  K[2]! += (s2 * pi2 * root2pi) / (-36 * z2 * z);
  K[3]! += (s3 * pi2 * root2pi) / (216 * z6);
  return K[0]! + K[1]! / Math.sqrt(n) + K[2]! / n + K[3]! / (n * Math.sqrt(n));
}
