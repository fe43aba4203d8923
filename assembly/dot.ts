// Row-by-row dot products, the inner loop of pairwise KL as a matrix product:
// out[i·rb + j] = Σ_k a[i][k]·b[j][k]. Plain adds inside blocks of 64 elements,
// compensated adds of the block sums, so the error stays within ~40 ε of Σ|a·b|.
import { load1, load2, twoSumErr, hsum } from './common';

// @ts-ignore: decorator
@inline function dot<T>(a: usize, b: usize, cols: i32): f64 {
  let k = 0;
  let tail = 0.0;
  if (ASC_FEATURE_SIMD) {
    const zero = f64x2.splat(0.0);
    let hi = zero, lo = zero;
    const n8 = cols & ~7;
    while (k < n8) {
      const end = min(k + 64, n8);
      let s0 = zero, s1 = zero, s2 = zero, s3 = zero;
      for (; k < end; k += 8) {
        s0 = f64x2.add(s0, f64x2.mul(load2<T>(a, k), v128.load(b + (<usize>k << 3))));
        s1 = f64x2.add(s1, f64x2.mul(load2<T>(a, k + 2), v128.load(b + (<usize>k << 3), 16)));
        s2 = f64x2.add(s2, f64x2.mul(load2<T>(a, k + 4), v128.load(b + (<usize>k << 3), 32)));
        s3 = f64x2.add(s3, f64x2.mul(load2<T>(a, k + 6), v128.load(b + (<usize>k << 3), 48)));
      }
      const s = f64x2.add(f64x2.add(s0, s1), f64x2.add(s2, s3));
      const t = f64x2.add(hi, s);
      lo = f64x2.add(lo, twoSumErr(hi, s, t));
      hi = t;
    }
    tail = hsum(lo);
    const h0 = f64x2.extract_lane(hi, 0), h1 = f64x2.extract_lane(hi, 1);
    const h = h0 + h1;
    tail += Math.abs(h0) >= Math.abs(h1) ? h0 - h + h1 : h1 - h + h0;
    tail += h;
  }
  // Scalar: the tail, and everything in the scalar build (compensated per element).
  let s = tail, c = 0.0;
  for (; k < cols; k++) {
    const x = load1<T>(a, k) * load<f64>(b + (<usize>k << 3));
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

export function dotRows<T>(a: usize, b: usize, ra: i32, rb: i32, cols: i32, out: usize): void {
  const rowA = <usize>cols << alignof<T>();
  const rowB = <usize>cols << 3;
  for (let i = 0; i < ra; i++) {
    for (let j = 0; j < rb; j++) {
      store<f64>(out + ((<usize>i * rb + j) << 3), dot<T>(a + <usize>i * rowA, b + <usize>j * rowB, cols));
    }
  }
}
