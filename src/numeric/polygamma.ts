// ψ = (ln Γ)′ and its derivatives ψ⁽ⁿ⁾ for x > 0, and the second-order remainder
// lnΓ(y) − lnΓ(x) − (y − x)·ψ(x) that the closed-form KL of gamma and beta
// distributions is made of: with nearly equal parameters its three terms cancel to
// O((y − x)²), so it is summed as its Taylor series in the polygammas there.
//
// Each ψ⁽ⁿ⁾ is shifted up by its recurrence to x ≥ SHIFT, then taken from its asymptotic
// series (Bernoulli numbers); the shift's terms are all of one sign for n ≥ 1.
import { lnGamma } from './gamma.js';

const SHIFT = 16;
/** B₂ₖ, k = 1 … 10. */
const BERNOULLI = [1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510, 43867 / 798, -174611 / 330];

/** ψ(x) for x > 0. */
export function digamma(x: number): number {
  let shift = 0;
  while (x < SHIFT) {
    shift += 1 / x;
    x += 1;
  }
  // ψ(x) ~ ln x − 1/(2x) − Σ B₂ₖ/(2k·x^2k).
  const r2 = 1 / (x * x);
  let sum = 0;
  let p = r2;
  for (let k = 1; k <= 8; k++) {
    sum += BERNOULLI[k - 1]! / (2 * k) * p;
    p *= r2;
  }
  return Math.log(x) - 0.5 / x - sum - shift;
}

/** (n − 1)! … as a running product: n! for whole n ≥ 0. */
function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/** ψ⁽ⁿ⁾(x) for whole n ≥ 1 and x > 0 (trigamma for n = 1). */
export function polygamma(n: number, x: number): number {
  const sign = n % 2 === 1 ? 1 : -1; // (−1)^(n+1)
  const nf = factorial(n);
  let shift = 0;
  while (x < SHIFT) {
    shift += nf / x ** (n + 1);
    x += 1;
  }
  // (−1)^(n+1)·ψ⁽ⁿ⁾(x) ~ (n − 1)!/xⁿ + n!/(2x^(n+1)) + Σ B₂ₖ·(2k + n − 1)!/((2k)!·x^(2k+n)).
  let sum = factorial(n - 1) / x ** n + nf / (2 * x ** (n + 1));
  let c = nf; // (2k + n − 1)!/(2k)!, updated per k
  for (let k = 1; k <= 10; k++) {
    c = k === 1 ? factorial(n + 1) / 2 : (c * (2 * k + n - 1) * (2 * k + n - 2)) / ((2 * k) * (2 * k - 1));
    const term = (BERNOULLI[k - 1]! * c) / x ** (2 * k + n);
    sum += term;
    if (Math.abs(term) < 1e-18 * Math.abs(sum)) break;
  }
  return sign * (sum + shift);
}

/**
 * lnΓ(y) − lnΓ(x) − (y − x)·ψ(x) ≥ 0 for x, y > 0 (ln Γ is convex). Where |y − x| is
 * below a tenth of x, Σₖ≥₂ ψ⁽ᵏ⁻¹⁾(x)·δᵏ/k! (radius x: the pole at 0), whose terms
 * shrink by at least 10× each; elsewhere the three terms, which then do not cancel badly.
 * `d` is y − x when the caller has it more exactly than the subtraction (a sum of differences).
 */
export function lnGammaRemainder(x: number, y: number, d = y - x): number {
  if (d === 0) return 0;
  if (Math.abs(d) >= 0.1 * x) return lnGamma(y) - lnGamma(x) - d * digamma(x);
  let sum = 0;
  let power = d; // δᵏ/k!
  for (let k = 2; k <= 40; k++) {
    power *= d / k;
    const term = polygamma(k - 1, x) * power;
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}
