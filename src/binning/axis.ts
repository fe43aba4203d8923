// One axis of equal-width bins, as NumPy's np.histogram builds it: the edges and the
// precomputed numbers every counting loop (JS and WebAssembly) needs.

/** One axis of equal-width bins, with everything the counting loops need precomputed. */
export interface Axis {
  lo: number;
  hi: number;
  bins: number;
  /** np.linspace(lo, hi, bins + 1). */
  edges: Float64Array;
  /** (hi − lo) / bins, as linspace computes it: edge k is k·step + lo (where step > 0). */
  step: number;
  /** bins / (hi − lo): the multiply that replaces NumPy's divide in the first guess. */
  scale: number;
  /**
   * Rounding moves the guess and the edges by less than tiny/2 of a bin, tiny ≤ 2^-10;
   * NaN where no such bound holds (bins a few ulps wide, subnormal widths, edges that
   * repeat, which only histogram2d accepts): then NumPy's own rule runs, in JS.
   */
  tiny: number;
}

/** Is floor((x − lo)·scale) within a bin of the answer (so the kernels may run)? */
export function guessable(a: Axis): boolean {
  return a.tiny < 1;
}

/**
 * np.linspace(lo, hi, bins + 1): k·step + lo, with the last edge exactly hi. Where the
 * step underflows to 0 (a subnormal hi − lo over many bins, or hi = lo), NumPy computes
 * (k / bins)·(hi − lo) + lo instead (its gh-5437 branch), and so does this; such edges
 * repeat, and only histogram2d accepts them.
 */
export function linspace(lo: number, hi: number, bins: number): Float64Array {
  const width = hi - lo;
  const step = width / bins;
  const edges = new Float64Array(bins + 1);
  if (step === 0) for (let k = 0; k < bins; k++) edges[k] = (k / bins) * width + lo;
  else for (let k = 0; k < bins; k++) edges[k] = k * step + lo;
  edges[bins] = hi;
  return edges;
}
