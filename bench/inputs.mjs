// The benchmark inputs: made once per size from fixed seeds, identical for every
// contender in Node and in the Chromium page (this file runs in both), and written to
// files for SciPy. Every value is an integer count divided by the count's exact sum, so
// the arrays do not depend on summation order, and every entry is > 0, so each peer's
// formula (some have no case for 0) is defined everywhere.

/** Bins of the histogram case and the columns of the rowwise and pairwise matrices. */
export const HISTOGRAM_BINS = 1000;
export const ROW_LENGTH = 100;

/** A counter-based 32-bit hash (xorshift-multiply): value i of stream `seed`. */
function draw(seed, i) {
  let x = (Math.imul(seed, 0x9e3779b9) + i) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * `rows` distributions of `cols` entries in one row-major Float64Array: counts 1…2^20
 * (sums < 2^44, so exact in f64), each row divided by its own sum.
 */
function distributions(seed, rows, cols) {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let i = r * cols; i < (r + 1) * cols; i++) {
      out[i] = (draw(seed, i) >>> 12) + 1;
      sum += out[i];
    }
    for (let i = r * cols; i < (r + 1) * cols; i++) out[i] /= sum;
  }
  return out;
}

const both = (f64) => ({ f64, f32: Float32Array.from(f64) });

/** P and Q of `len` entries each, as f64 and as their nearest f32 values. */
export function vectors(len) {
  return { p: both(distributions(1, 1, len)), q: both(distributions(2, 1, len)) };
}

/** Row count of a rowwise case: `len` elements in rows of ROW_LENGTH (at least one row). */
export const rowwiseRows = (len) => Math.max(1, Math.round(len / ROW_LENGTH));

/**
 * Row count of a pairwise case: every row of P meets every row of Q, so the work is
 * rows² · ROW_LENGTH element pairs; `len` names that work, rounded to whole rows.
 */
export const pairwiseRows = (len) => Math.max(1, Math.round(Math.sqrt(len / ROW_LENGTH)));

/** P and Q as matrices of distributions (one per row), f64 and f32. */
export function matrices(rows, cols = ROW_LENGTH) {
  const make = (seed) => {
    const { f64, f32 } = both(distributions(seed, rows, cols));
    return { f64: { data: f64, rows, cols }, f32: { data: f32, rows, cols } };
  };
  return { P: make(3), Q: make(4) };
}

/**
 * The shape of the mutual-information table of `len` cells: 10^⌊e/2⌋ rows (1e2 → 10×10,
 * 1e3 → 10×100, 1e7 → 1000×10000). The table is the vector P of that length.
 */
export function jointShape(len) {
  const rows = 10 ** Math.floor(Math.log10(len) / 2);
  return { rows, cols: Math.round(len / rows) };
}

/** `len` samples, uniform on (0, 1), for the histogram case (bins over [0, 1]). */
export function events(len) {
  const f64 = new Float64Array(len);
  for (let i = 0; i < len; i++) f64[i] = (draw(5, i) + 0.5) / 2 ** 32;
  return both(f64);
}

// Nearly identical pairs: q = p·(1 + δ·u) with u pseudo-random in [−1, 1]. On such inputs
// the terms of KL and JS nearly cancel (the divergence is ≈ δ²·Var(u)/2, the terms ≈ δ),
// which is where a naive loop loses its digits. Both p and q are made to sum to exactly
// 1: every entry is an integer over one power of two (so exact in f64) and the integers
// of a row add up to that power. Otherwise the rounding of an ordinary normalisation
// (Σq = 1 ± 1e-16) would outweigh a divergence of 1e-21 (δ = 1e-10), and the answers
// with and without `normalize` would be different numbers.

/** u_i in [−1, 1] of stream `seed`. */
const signed = (seed, i) => (draw(seed, i) / 2 ** 32) * 2 - 1;

/**
 * Σ of whole numbers < 2^53, exactly: split at 2^26 so that both partial sums stay exact
 * in f64 for up to 2^26 entries (a BigInt per entry would be ten times slower).
 */
function exactSum(integers) {
  let high = 0;
  let low = 0;
  for (const x of integers) {
    const h = Math.floor(x / 2 ** 26);
    high += h;
    low += x - h * 2 ** 26;
  }
  return BigInt(high) * 2n ** 26n + BigInt(low);
}

/**
 * `integers` (whole numbers < 2^53, in a Float64Array) nudged by ±1 until they add up to
 * `total` (a BigInt). The nudges go to the largest entries (≥ half the largest), where ±1
 * is at most 2^-51 of the entry: far below any δ timed here.
 */
function settleSum(integers, total) {
  const largest = integers.reduce((a, b) => Math.max(a, b), 0);
  let residual = Number(total - exactSum(integers)); // a few units per entry at most
  const step = Math.sign(residual);
  while (residual !== 0) {
    for (let i = 0; i < integers.length && residual !== 0; i++) {
      if (integers[i] < largest / 2) continue;
      integers[i] += step;
      residual -= step;
    }
  }
}

/**
 * One row: `p` (a distribution) rewritten as integers a_i over 2^K and its perturbed
 * twin b_i ≈ a_i·(1 + δ·u_i), both summing to exactly 2^K, written to `outP` and `outQ`
 * as a_i / 2^K and b_i / 2^K. u is centred (its p-weighted mean taken out) so that the
 * perturbation itself keeps the sum; what is left is rounding, settled by settleSum.
 */
function nearRow(p, delta, seed, offset, outP, outQ) {
  let largest = 0;
  for (const x of p) largest = Math.max(largest, x);
  const K = 52 - Math.ceil(Math.log2(largest)); // a_i ≤ 2^52, b_i < 2^53
  const scale = 2 ** K;
  const n = p.length;
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.round(p[i] * scale);
  settleSum(a, 1n << BigInt(K));
  const u = new Float64Array(n);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    u[i] = signed(seed, offset + i);
    mean += (a[i] / scale) * u[i];
  }
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = Math.round(a[i] * (1 + delta * (u[i] - mean)));
  settleSum(b, 1n << BigInt(K));
  for (let i = 0; i < n; i++) {
    outP[i] = a[i] / scale;
    outQ[i] = b[i] / scale;
  }
}

/**
 * `rows` pairs of nearly identical distributions of `cols` entries, row-major, each row
 * of P and of Q summing to exactly 1 (f64 only: in f32 the sums would not hold).
 */
export function nearlyIdentical(rows, cols, delta) {
  const base = distributions(6, rows, cols);
  const P = new Float64Array(rows * cols);
  const Q = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const at = (x) => x.subarray(r * cols, (r + 1) * cols);
    nearRow(at(base), delta, 7, r * cols, at(P), at(Q));
  }
  return { P, Q };
}
