// scipy.special.rel_entr and kl_div element by element, f64 output. Edge cases are
// selected with masks; only lanes with an over- or underflowing ratio take a scalar path.
import { MAX_FINITE, MIN_NORMAL, load1, load2 } from './common';
import { logRatio } from './log';
import { klTerm } from './fast';

// h(t) = (1+t)·log1p(t) − t = Σ_{n≥2} (−1)^n tⁿ/(n(n−1)), used for |t| < 0.1 where the
// closed form cancels; 17 terms reach 1e-19 relative there.
const H_TERMS = 17;
const H_COEFFS = memory.data<f64>([
  1.0 / 2, -1.0 / 6, 1.0 / 12, -1.0 / 20, 1.0 / 30, -1.0 / 42, 1.0 / 56, -1.0 / 72, 1.0 / 90,
  -1.0 / 110, 1.0 / 132, -1.0 / 156, 1.0 / 182, -1.0 / 210, 1.0 / 240, -1.0 / 272, 1.0 / 306,
]);
const SERIES_LIMIT: f64 = 0.1;

// @ts-ignore: decorator
@inline function hSeries(t: f64): f64 {
  let acc = 0.0;
  for (let k = H_TERMS - 1; k >= 0; k--) acc = acc * t + load<f64>(H_COEFFS + (<usize>k << 3));
  return acc * t * t;
}

// @ts-ignore: decorator
@inline function hSeriesV(t: v128): v128 {
  let acc = f64x2.splat(0.0);
  for (let k = H_TERMS - 1; k >= 0; k--) {
    acc = f64x2.add(f64x2.mul(acc, t), v128.load64_splat(H_COEFFS + (<usize>k << 3)));
  }
  return f64x2.mul(acc, f64x2.mul(t, t));
}

export function relEntrAt(x: f64, y: f64): f64 {
  if (isNaN(x) || isNaN(y)) return NaN;
  if (x > 0 && y > 0) return klTerm(x, y);
  if (x == 0 && y >= 0) return 0;
  return Infinity;
}

export function klDivAt(x: f64, y: f64): f64 {
  if (isNaN(x) || isNaN(y)) return NaN;
  if (x > 0 && y > 0) {
    const t = (x - y) / y;
    if (Math.abs(t) < SERIES_LIMIT) return y * hSeries(t);
    const v = klTerm(x, y) - x + y;
    // x·log(x/y) alone can overflow where the whole does not (x near 1.8e308, x/y ≥ 4).
    if (v != Infinity) return v; // NaN stays: kl_div(∞, y) is NaN in SciPy
    const r = x / y; // ≥ 4 here
    return x * ((r < Infinity ? Math.log(r) : Math.log(x) - Math.log(y)) - 1) + y;
  }
  if (x == 0 && y >= 0) return y;
  return Infinity;
}

/**
 * The value for lanes outside the x > 0, y > 0, normal-ratio case: `zeroCase` where
 * x = 0 ≤ y, NaN if either is NaN, else +∞ (negative entries, x > 0 = y).
 */
// @ts-ignore: decorator
@inline function edge(x: v128, y: v128, zeroCase: v128): v128 {
  const zero = f64x2.splat(0.0);
  const isZero = v128.and(f64x2.eq(x, zero), f64x2.ge(y, zero));
  const nan = v128.or(f64x2.ne(x, x), f64x2.ne(y, y));
  return v128.bitselect(f64x2.splat(NaN), v128.bitselect(zeroCase, f64x2.splat(Infinity), isZero), nan);
}

/** rel_entr (or kl_div) of two lanes, right wherever the ratio x/y is normal and finite. */
// @ts-ignore: decorator
@inline function value2(x: v128, y: v128, kl: bool): v128 {
  const zero = f64x2.splat(0.0);
  const one = f64x2.splat(1.0);
  const both = v128.and(f64x2.gt(x, zero), f64x2.gt(y, zero));
  const r = f64x2.div(x, y);
  const normal = v128.and(f64x2.ge(r, f64x2.splat(MIN_NORMAL)), f64x2.le(r, f64x2.splat(MAX_FINITE)));
  const ok = v128.and(both, normal);
  const L = logRatio(v128.bitselect(x, one, ok), v128.bitselect(y, one, ok), v128.bitselect(r, one, ok));
  let value = f64x2.mul(x, L);
  if (kl) {
    const t = f64x2.div(f64x2.sub(x, y), y);
    const small = f64x2.lt(f64x2.abs(t), f64x2.splat(SERIES_LIMIT));
    const whole = f64x2.add(f64x2.sub(value, x), y);
    // x·L alone can overflow where the whole does not (x near 1.8e308, x/y ≥ 4).
    const over = f64x2.eq(whole, f64x2.splat(Infinity));
    value = v128.any_true(over) ? v128.bitselect(f64x2.add(f64x2.mul(x, f64x2.sub(L, one)), y), whole, over) : whole;
    // The 17-term series only where some lane needs it (ratios within 10% of 1).
    if (v128.any_true(small)) value = v128.bitselect(f64x2.mul(y, hSeriesV(t)), value, small);
  }
  return v128.bitselect(value, edge(x, y, kl ? y : zero), ok);
}

/** Lanes with x, y > 0 whose ratio over- or underflows: value2 is wrong there. */
// @ts-ignore: decorator
@inline function outOfRange2(x: v128, y: v128): v128 {
  const zero = f64x2.splat(0.0);
  const r = f64x2.div(x, y);
  const normal = v128.and(f64x2.ge(r, f64x2.splat(MIN_NORMAL)), f64x2.le(r, f64x2.splat(MAX_FINITE)));
  return v128.andnot(v128.and(f64x2.gt(x, zero), f64x2.gt(y, zero)), normal);
}

// @ts-ignore: decorator
@inline function elementwise<T>(p: usize, q: usize, out: usize, n: i32, kl: bool): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    // Two independent streams of two lanes: one alone waits on the divisions' latency.
    for (; i + 4 <= n; i += 4) {
      const x0 = load2<T>(p, i), y0 = load2<T>(q, i);
      const x1 = load2<T>(p, i + 2), y1 = load2<T>(q, i + 2);
      v128.store(out + (<usize>i << 3), value2(x0, y0, kl));
      v128.store(out + (<usize>(i + 2) << 3), value2(x1, y1, kl));
      if (v128.any_true(v128.or(outOfRange2(x0, y0), outOfRange2(x1, y1)))) {
        // Rare: an over- or underflowing ratio. These four elements in scalar code.
        for (let j = i; j < i + 4; j++) {
          const a = load1<T>(p, j), b = load1<T>(q, j);
          store<f64>(out + (<usize>j << 3), kl ? klDivAt(a, b) : relEntrAt(a, b));
        }
      }
    }
  }
  for (; i < n; i++) {
    const a = load1<T>(p, i), b = load1<T>(q, i);
    store<f64>(out + (<usize>i << 3), kl ? klDivAt(a, b) : relEntrAt(a, b));
  }
}

export function relEntrKernel<T>(p: usize, q: usize, out: usize, n: i32): void {
  elementwise<T>(p, q, out, n, false);
}

export function klDivKernel<T>(p: usize, q: usize, out: usize, n: i32): void {
  elementwise<T>(p, q, out, n, true);
}
