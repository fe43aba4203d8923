// The two per-element functions whose direct forms cancel near t = 0, with Taylor series
// there. Both are ≥ 0, so sums of their terms never cancel.

/** Below this |t| the series are used; the direct forms lose at most ~20× ε just above it. */
const SERIES_LIMIT = 0.1;

// h(t) = Σ_{n≥2} (−1)^n t^n / (n(n−1)); 17 terms reach 1e-19 relative at |t| = 0.1.
const H_COEFFS = Array.from({ length: 17 }, (_, k) => {
  const n = k + 2;
  return (n % 2 === 0 ? 1 : -1) / (n * (n - 1));
});

/**
 * h(t) = (1+t)·log1p(t) − t, the KL term per unit of q: q·h(p/q − 1) = p·log(p/q) − p + q.
 * h(−1) = 1 (the limit, where p = 0).
 */
export function h(t: number): number {
  if (Math.abs(t) < SERIES_LIMIT) {
    let acc = 0;
    for (let k = H_COEFFS.length - 1; k >= 0; k--) acc = acc * t + H_COEFFS[k]!;
    return acc * t * t;
  }
  if (t <= -1) return 1;
  return (1 + t) * Math.log1p(t) - t;
}

// f(t) = Σ_{k≥1} t^(2k) / (k(2k−1)); 9 terms reach 1e-19 relative at |t| = 0.1.
const F_COEFFS = Array.from({ length: 9 }, (_, j) => {
  const k = j + 1;
  return 1 / (k * (2 * k - 1));
});

/**
 * f(t) = (1+t)·log1p(t) + (1−t)·log1p(−t), the Jensen–Shannon term: with s = p + q and
 * t = (p − q)/s, p·log(2p/s) + q·log(2q/s) = (s/2)·f(t). f(±1) = 2·log 2 (one side zero);
 * rounding can push |t| past 1, so it is clamped.
 */
export function f(t: number): number {
  const a = Math.abs(t);
  if (a < SERIES_LIMIT) {
    const u = t * t;
    let acc = 0;
    for (let k = F_COEFFS.length - 1; k >= 0; k--) acc = acc * u + F_COEFFS[k]!;
    return acc * u;
  }
  if (a >= 1) return 2 * Math.LN2;
  return (1 + a) * Math.log1p(a) + (1 - a) * Math.log1p(-a);
}

/** eˣ − 1 − x, by its series where the two cancel. */
export function expm1MinusX(x: number): number {
  if (Math.abs(x) < 0.2) {
    let term = x;
    let sum = 0;
    for (let k = 2; k < 30; k++) {
      term *= x / k;
      sum += term;
      if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
    }
    return sum;
  }
  return Math.expm1(x) - x;
}

