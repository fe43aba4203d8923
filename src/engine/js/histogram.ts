// Histogram counting in plain JS: the JS engine's count, and the only path for ranges
// so narrow (bins a few ulps wide) that the kernels' fast guess could miss by more than
// one bin. Bin assignment is NumPy's, step by step.
import { guessable, type Axis } from '../../binning/axis.js';
import type { Vector } from '../../types.js';

/**
 * floor((x − lo)·scale) when that is at least tiny from both ends of a bin (so no
 * rounding can move x across an edge), else −1. Most values pass this test without
 * touching the edges, which is what makes the loops below fast.
 */
function clearBin(x: number, lo: number, scale: number, last: number, tiny: number): number {
  const f = (x - lo) * scale;
  const k = Math.floor(f);
  const r = f - k;
  return r >= tiny && r <= 1 - tiny && k >= 0 && k <= last ? k : -1;
}

/**
 * The bin of x, or −1 outside [lo, hi] (NaN and ±∞ included), for a guessable axis:
 * the guess is then within a bin of the answer, and NumPy's one correction step
 * gives what both np.histogram and np.searchsorted (np.histogram2d) give.
 */
function edgeBin(x: number, lo: number, hi: number, scale: number, e: Float64Array, last: number): number {
  if (!(x >= lo && x <= hi)) return -1;
  let k = Math.floor((x - lo) * scale);
  if (k > last) k = last;
  if (x < e[k]!) k--;
  else if (k !== last && x >= e[k + 1]!) k++;
  return k;
}

/**
 * The bin of x, or −1 outside [lo, hi], on any axis. With `search`, np.histogram2d's
 * answer: searchsorted(edges, x, 'right') − 1, that is the last edge ≤ x, with hi in the
 * last bin. Without it, np.histogram's, from its own guess and its single correction step.
 */
function binOf(x: number, a: Axis, search: boolean): number {
  const last = a.bins - 1;
  if (guessable(a)) return edgeBin(x, a.lo, a.hi, a.scale, a.edges, last);
  if (!(x >= a.lo && x <= a.hi)) return -1;
  const e = a.edges;
  if (search) return searchBin(x, a.hi, e, last);
  let k = Math.min(Math.trunc(((x - a.lo) / (a.hi - a.lo)) * a.bins), last);
  if (x < e[k]!) k--;
  else if (k !== last && x >= e[k + 1]!) k++;
  return k;
}

/**
 * The last k ≤ last with e[k] ≤ x, for lo ≤ x ≤ hi; hi itself goes to the last bin (as
 * np.histogram2d's on_edge step puts it). A binary search: histogram2d accepts edges that
 * repeat (bins narrower than an ulp, even hi − lo = 0), where a walk from a guess could
 * cross millions of equal edges. e[0..last] = k·step + lo never decreases; e[bins] = hi
 * may sit below the edges before it, so it is left out and hi is placed by hand.
 */
function searchBin(x: number, hi: number, e: Float64Array, last: number): number {
  if (x === hi) return last;
  let k = 0;
  let top = last;
  while (k < top) {
    const mid = (k + top + 1) >>> 1;
    if (e[mid]! <= x) k = mid;
    else top = mid - 1;
  }
  return k;
}

/** Adds the histogram of `values` into counts; returns how many fell outside. */
export function countJs(values: Vector, a: Axis, counts: Float64Array): number {
  let outside = 0;
  if (guessable(a)) {
    // The axis in locals: this loop is the JS backend's whole cost.
    const { lo, hi, scale, edges, tiny } = a;
    const last = a.bins - 1;
    for (let i = 0; i < values.length; i++) {
      const x = values[i]!;
      let k = clearBin(x, lo, scale, last, tiny);
      if (k < 0) k = edgeBin(x, lo, hi, scale, edges, last);
      if (k < 0) outside++;
      else counts[k]!++;
    }
  } else {
    for (let i = 0; i < values.length; i++) {
      const k = binOf(values[i]!, a, false);
      if (k < 0) outside++;
      else counts[k]!++;
    }
  }
  return outside;
}

/** Row-major bx × by counts of the pairs (x[i], y[i]); returns how many pairs fell outside. */
export function count2dJs(x: Vector, y: Vector, ax: Axis, ay: Axis, counts: Float64Array): number {
  let outside = 0;
  const cols = ay.bins;
  if (guessable(ax) && guessable(ay)) {
    const { lo: xlo, hi: xhi, scale: xscale, edges: xe } = ax;
    const { lo: ylo, hi: yhi, scale: yscale, edges: ye } = ay;
    const xlast = ax.bins - 1;
    const ylast = cols - 1;
    const tiny = Math.max(ax.tiny, ay.tiny);
    for (let i = 0; i < x.length; i++) {
      let kx = clearBin(x[i]!, xlo, xscale, xlast, tiny);
      if (kx < 0) kx = edgeBin(x[i]!, xlo, xhi, xscale, xe, xlast);
      let ky = clearBin(y[i]!, ylo, yscale, ylast, tiny);
      if (ky < 0) ky = edgeBin(y[i]!, ylo, yhi, yscale, ye, ylast);
      if (kx < 0 || ky < 0) outside++;
      else counts[kx * cols + ky]!++;
    }
  } else {
    for (let i = 0; i < x.length; i++) {
      const kx = binOf(x[i]!, ax, true);
      const ky = binOf(y[i]!, ay, true);
      if (kx < 0 || ky < 0) outside++;
      else counts[kx * cols + ky]!++;
    }
  }
  return outside;
}

/**
 * [min, max] of the finite entries, with IEEE-754 minimum and maximum on zeros (as
 * Math.min and Math.max): max(−0, +0) = +0 and min(−0, +0) = −0, whatever the order of
 * the data; [+∞, −∞] if there are none. The sign shows: a zero max is the last edge of
 * a default-range histogram, and every backend must give the same one.
 */
export function finiteRangeJs(values: Vector): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (Math.abs(x) < Infinity) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  // The compares keep whichever zero came first. Only a min of +0 or a max of −0 can
  // be wrong, and only the other zero can change it: look for it then, and only then.
  if (Object.is(lo, 0) || Object.is(hi, -0)) {
    for (let i = 0; i < values.length; i++) {
      const x = values[i]!;
      if (x === 0) {
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
    }
  }
  return [lo, hi];
}
