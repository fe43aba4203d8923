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
export function matrices(rows) {
  const make = (seed) => {
    const { f64, f32 } = both(distributions(seed, rows, ROW_LENGTH));
    return { f64: { data: f64, rows, cols: ROW_LENGTH }, f32: { data: f32, rows, cols: ROW_LENGTH } };
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
