// Equal-width histograms with NumPy's bin assignment. With f = (x − lo)·scale, a
// value lies in bin floor(f) unless rounding could put it on the other side of an
// edge; there NumPy's rule decides, against the edges its linspace produces (edge
// k = k·step + lo). The TypeScript side sends only ranges where rounding moves f
// and the edges by less than tiny/2 of a bin, tiny ≤ 2^-10 (else it bins in JS), so:
//   - if f is at least `tiny` away from both ends of its bin, floor(f) is the bin;
//   - otherwise the nearest edge j = round(f) is the only one in doubt, and the bin
//     is j − 1 if x < edge j, else j (clamped to the last bin, which holds hi).
// That is NumPy's answer: one guess within a bin, one step of correction.
//
// Groups of lanes take the cheap first test together and fall back to the edge test
// only when some lane fails it. Data that sits on edges (integers on whole-number
// bins) or outside the range fails it all the time; after a run of such groups the
// loop settles every group for a while without testing, then tests again.
//
// Counts are i64 cells (an integer add: no float constant to rematerialise), then
// eight dump cells that collect what falls outside [lo, hi]: each lane position has
// its own, so a run of outsiders does not serialise on one address.
import { load1, load2 } from './common';

/** Adding 2^52 to a small whole f64 leaves the integer in the low mantissa bits. */
const MAGIC: f64 = 4503599627370496.0;
const MAGIC_BITS: i64 = 0x4330000000000000;
const DUMPS: i32 = 8;
/** The bits of +0.0 and −0.0 (the sign bit alone). */
const POS_ZERO: i64 = 0;
const NEG_ZERO: i64 = <i64>1 << 63;
/** Failed groups in a row before the loop stops testing, and for how many groups. */
const STREAK: i32 = 16;
const UNTESTED: i32 = 256;

// @ts-ignore: decorator
@inline function bump(counts: usize, cell: i32): void {
  const p = counts + (<usize>cell << 3);
  store<i64>(p, load<i64>(p) + 1);
}

/** Bumps the cells of both lanes, given as f64 + MAGIC bit patterns. */
// @ts-ignore: decorator
@inline function bump2(counts: usize, bits: v128): void {
  bump(counts, i32x4.extract_lane(bits, 0));
  bump(counts, i32x4.extract_lane(bits, 2));
}

/** floor(f) clamped to [0, last]; NaN lanes become 0 (pmax keeps its first operand). */
// @ts-ignore: decorator
@inline function floor2(f: v128, last: v128): v128 {
  return f64x2.pmin(last, f64x2.pmax(f64x2.splat(0), f64x2.floor(f)));
}

/** Lanes whose fraction f − k is at least tiny from 0 and 1 (window = ½ − tiny; NaN fails). */
// @ts-ignore: decorator
@inline function clear2(f: v128, k: v128, window: v128): v128 {
  return f64x2.le(f64x2.abs(f64x2.sub(f64x2.sub(f, k), f64x2.splat(0.5))), window);
}

/** Lanes with lo ≤ x ≤ hi (NaN fails). */
// @ts-ignore: decorator
@inline function inside2(x: v128, lo: v128, hi: v128): v128 {
  return v128.and(f64x2.ge(x, lo), f64x2.le(x, hi));
}

/** round(f) clamped to [0, last]: the only edge in doubt; NaN lanes become 0. */
// @ts-ignore: decorator
@inline function nearest2(f: v128, last: v128): v128 {
  return f64x2.pmin(last, f64x2.pmax(f64x2.splat(0), f64x2.nearest(f)));
}

/** Lanes (all ones) where x is below edge j. */
// @ts-ignore: decorator
@inline function below2(x: v128, j: v128, lo: v128, step: v128): v128 {
  return f64x2.lt(x, f64x2.add(f64x2.mul(j, step), lo));
}

/** The bins of both lanes by the edge test, as cell bits; outsiders get the dump's. */
// @ts-ignore: decorator
@inline function settleBits(x: v128, f: v128, lo: v128, hi: v128, step: v128, last: v128, dump: v128): v128 {
  const j = nearest2(f, last);
  // j + MAGIC is j in the low bits; adding the all-ones mask subtracts one.
  const bits = i64x2.add(f64x2.add(j, f64x2.splat(MAGIC)), below2(x, j, lo, step));
  return v128.bitselect(bits, dump, inside2(x, lo, hi));
}

/** The bins of both lanes by the edge test, as f64; NaN outside [lo, hi]. */
// @ts-ignore: decorator
@inline function settle2(x: v128, f: v128, lo: v128, hi: v128, step: v128, last: v128): v128 {
  const j = nearest2(f, last);
  const k = f64x2.sub(j, v128.and(below2(x, j, lo, step), f64x2.splat(1)));
  return v128.bitselect(k, f64x2.splat(NaN), inside2(x, lo, hi));
}

/** The scalar first test: f − k at least tiny from 0 and 1, and k a bin. */
// @ts-ignore: decorator
@inline function clear1(f: f64, k: f64, tiny: f64, last: f64): bool {
  const r = f - k;
  return (r >= tiny) & (r <= 1 - tiny) & (k >= 0) & (k <= last);
}

/** The scalar edge test: the bin of x as f64, NaN outside [lo, hi]. */
// @ts-ignore: decorator
@inline function settle1(x: f64, f: f64, lo: f64, hi: f64, step: f64, last: f64): f64 {
  // Selects, not branches: on data that sits on edges the outcomes are coin flips.
  let j = nearest<f64>(f);
  j = select(last, j, j > last);
  j = select(j - 1, j, x < j * step + lo);
  return select(j, NaN, (x >= lo) & (x <= hi));
}

// @ts-ignore: decorator
@inline function cell1(c: f64, dump: i32): i32 {
  return c == c ? <i32>reinterpret<i64>(c + MAGIC) : dump;
}

// @ts-ignore: decorator
@inline function count1<T>(
  values: usize, n: i32, counts: usize,
  lo: f64, hi: f64, scale: f64, step: f64, bins: i32, tiny: f64,
): void {
  // An int-to-float conversion, wherever V8 places it, is cheap; the reverse is not.
  const cells = bins, last = <f64>(bins - 1), window = 0.5 - tiny;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vlo = f64x2.splat(lo), vscale = f64x2.splat(scale), vlast = f64x2.splat(last);
    const vwindow = f64x2.splat(window), magic = f64x2.splat(MAGIC);
    const d = <f64>cells + MAGIC;
    let streak = 0, untested = 0;
    for (; i + 8 <= n; i += 8) {
      if (untested == 0) {
        const f0 = f64x2.mul(f64x2.sub(load2<T>(values, i), vlo), vscale);
        const f1 = f64x2.mul(f64x2.sub(load2<T>(values, i + 2), vlo), vscale);
        const f2 = f64x2.mul(f64x2.sub(load2<T>(values, i + 4), vlo), vscale);
        const f3 = f64x2.mul(f64x2.sub(load2<T>(values, i + 6), vlo), vscale);
        const k0 = floor2(f0, vlast), k1 = floor2(f1, vlast), k2 = floor2(f2, vlast), k3 = floor2(f3, vlast);
        const clear = v128.and(
          v128.and(clear2(f0, k0, vwindow), clear2(f1, k1, vwindow)),
          v128.and(clear2(f2, k2, vwindow), clear2(f3, k3, vwindow)),
        );
        if (i64x2.bitmask(clear) == 3) {
          bump2(counts, f64x2.add(k0, magic));
          bump2(counts, f64x2.add(k1, magic));
          bump2(counts, f64x2.add(k2, magic));
          bump2(counts, f64x2.add(k3, magic));
          streak = 0;
          continue;
        }
        if (++streak == STREAK) {
          untested = UNTESTED;
          streak = 0;
        }
      } else {
        untested--;
      }
      // Reloaded rather than kept: fewer live registers on the path above.
      const vhi = f64x2.splat(hi), vstep = f64x2.splat(step);
      const x0 = load2<T>(values, i), x1 = load2<T>(values, i + 2);
      const x2 = load2<T>(values, i + 4), x3 = load2<T>(values, i + 6);
      const f0 = f64x2.mul(f64x2.sub(x0, vlo), vscale), f1 = f64x2.mul(f64x2.sub(x1, vlo), vscale);
      const f2 = f64x2.mul(f64x2.sub(x2, vlo), vscale), f3 = f64x2.mul(f64x2.sub(x3, vlo), vscale);
      bump2(counts, settleBits(x0, f0, vlo, vhi, vstep, vlast, f64x2(d, d + 1)));
      bump2(counts, settleBits(x1, f1, vlo, vhi, vstep, vlast, f64x2(d + 2, d + 3)));
      bump2(counts, settleBits(x2, f2, vlo, vhi, vstep, vlast, f64x2(d + 4, d + 5)));
      bump2(counts, settleBits(x3, f3, vlo, vhi, vstep, vlast, f64x2(d + 6, d + 7)));
    }
  }
  for (; i < n; i++) {
    const x = load1<T>(values, i);
    const f = (x - lo) * scale;
    const k = Math.floor(f);
    // k + MAGIC has bits MAGIC_BITS + k exactly when 0 ≤ k < 2^52: one unsigned
    // compare checks that k is a bin.
    const bits = reinterpret<i64>(k + MAGIC) - MAGIC_BITS;
    if ((Math.abs(f - k - 0.5) <= window) & (<u64>bits < <u64>cells)) {
      bump(counts, <i32>bits);
    } else {
      bump(counts, cell1(settle1(x, f, lo, hi, step, last), cells + (i & (DUMPS - 1))));
    }
  }
}

// @ts-ignore: decorator
@inline function count2<T>(
  xs: usize, ys: usize, n: i32, counts: usize,
  xlo: f64, xhi: f64, xscale: f64, xstep: f64, xbins: i32,
  ylo: f64, yhi: f64, yscale: f64, ystep: f64, ybins: i32, tiny: f64,
): void {
  const cells = xbins * ybins, cols = <f64>ybins;
  const xlast = <f64>(xbins - 1), ylast = <f64>(ybins - 1);
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vxlo = f64x2.splat(xlo), vxscale = f64x2.splat(xscale), vxlast = f64x2.splat(xlast);
    const vylo = f64x2.splat(ylo), vyscale = f64x2.splat(yscale), vylast = f64x2.splat(ylast);
    const window = f64x2.splat(0.5 - tiny), vcols = f64x2.splat(cols), magic = f64x2.splat(MAGIC);
    for (; i + 4 <= n; i += 4) {
      const x0 = load2<T>(xs, i), x1 = load2<T>(xs, i + 2);
      const y0 = load2<T>(ys, i), y1 = load2<T>(ys, i + 2);
      const fx0 = f64x2.mul(f64x2.sub(x0, vxlo), vxscale), fx1 = f64x2.mul(f64x2.sub(x1, vxlo), vxscale);
      const fy0 = f64x2.mul(f64x2.sub(y0, vylo), vyscale), fy1 = f64x2.mul(f64x2.sub(y1, vylo), vyscale);
      let kx0 = floor2(fx0, vxlast), kx1 = floor2(fx1, vxlast);
      let ky0 = floor2(fy0, vylast), ky1 = floor2(fy1, vylast);
      const clear = v128.and(
        v128.and(clear2(fx0, kx0, window), clear2(fx1, kx1, window)),
        v128.and(clear2(fy0, ky0, window), clear2(fy1, ky1, window)),
      );
      // Exact in f64 (cells < 2^31); a NaN on either axis makes the pair's cell NaN.
      let c0: v128, c1: v128;
      if (i64x2.bitmask(clear) == 3) {
        c0 = f64x2.add(f64x2.mul(kx0, vcols), ky0);
        c1 = f64x2.add(f64x2.mul(kx1, vcols), ky1);
      } else {
        const vxhi = f64x2.splat(xhi), vxstep = f64x2.splat(xstep);
        const vyhi = f64x2.splat(yhi), vystep = f64x2.splat(ystep), d = <f64>cells;
        kx0 = settle2(x0, fx0, vxlo, vxhi, vxstep, vxlast);
        kx1 = settle2(x1, fx1, vxlo, vxhi, vxstep, vxlast);
        ky0 = settle2(y0, fy0, vylo, vyhi, vystep, vylast);
        ky1 = settle2(y1, fy1, vylo, vyhi, vystep, vylast);
        c0 = f64x2.add(f64x2.mul(kx0, vcols), ky0);
        c1 = f64x2.add(f64x2.mul(kx1, vcols), ky1);
        c0 = v128.bitselect(c0, f64x2(d, d + 1), f64x2.eq(c0, c0));
        c1 = v128.bitselect(c1, f64x2(d + 2, d + 3), f64x2.eq(c1, c1));
      }
      bump2(counts, f64x2.add(c0, magic));
      bump2(counts, f64x2.add(c1, magic));
    }
  }
  for (; i < n; i++) {
    const x = load1<T>(xs, i), y = load1<T>(ys, i);
    const fx = (x - xlo) * xscale, fy = (y - ylo) * yscale;
    let kx = Math.floor(fx), ky = Math.floor(fy);
    if (!clear1(fx, kx, tiny, xlast)) kx = settle1(x, fx, xlo, xhi, xstep, xlast);
    if (!clear1(fy, ky, tiny, ylast)) ky = settle1(y, fy, ylo, yhi, ystep, ylast);
    bump(counts, cell1(kx * cols + ky, cells + (i & (DUMPS - 1))));
  }
}

/**
 * Folds the finite values' min and max into out[0], out[1]. x + 0·x is x when x is
 * finite and NaN for NaN and ±∞, and pmin/pmax keep their first operand when the
 * second is NaN: so non-finite values drop out without a compare or a select.
 *
 * Zeros follow IEEE-754 minimum and maximum (as Math.min, Math.max and f64.min/max):
 * min(−0, +0) = −0, max(−0, +0) = +0, whatever the order of the data, identical to the
 * JS engine. A zero max is the last edge of a default-range histogram, so its sign shows.
 * The loops keep whichever zero they met first (pmin/pmax and the compares keep the
 * accumulator on a tie), so a min of +0 or a max of −0 may be wrong, and only the other
 * zero can change it: then, and only then, the chunk is searched for it (data whose
 * extreme is a zero pays a second, vector pass). The accumulators start from out[], so
 * earlier chunks take part.
 */
// @ts-ignore: decorator
@inline function finiteRange<T>(values: usize, n: i32, out: usize): void {
  let lo = load<f64>(out), hi = load<f64>(out, 8);
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const zero = f64x2.splat(0);
    let lo0 = f64x2.splat(lo), hi0 = f64x2.splat(hi), lo1 = lo0, hi1 = hi0;
    for (; i + 4 <= n; i += 4) {
      let x0 = load2<T>(values, i), x1 = load2<T>(values, i + 2);
      x0 = f64x2.add(x0, f64x2.mul(x0, zero));
      x1 = f64x2.add(x1, f64x2.mul(x1, zero));
      lo0 = f64x2.pmin(lo0, x0);
      hi0 = f64x2.pmax(hi0, x0);
      lo1 = f64x2.pmin(lo1, x1);
      hi1 = f64x2.pmax(hi1, x1);
    }
    lo0 = f64x2.pmin(lo0, lo1);
    hi0 = f64x2.pmax(hi0, hi1);
    lo = min(f64x2.extract_lane(lo0, 0), f64x2.extract_lane(lo0, 1));
    hi = max(f64x2.extract_lane(hi0, 0), f64x2.extract_lane(hi0, 1));
  }
  for (; i < n; i++) {
    const x = load1<T>(values, i);
    if (x < lo && x > -Infinity) lo = x;
    if (x > hi && x < Infinity) hi = x;
  }
  if (reinterpret<i64>(lo) == POS_ZERO && holds<T>(values, n, NEG_ZERO)) lo = -0.0;
  if (reinterpret<i64>(hi) == NEG_ZERO && holds<T>(values, n, POS_ZERO)) hi = 0.0;
  store<f64>(out, lo);
  store<f64>(out, hi, 8);
}

/** Does values[0..n) hold a double with exactly these bits (one of the zeros)? */
// @ts-ignore: decorator
@inline function holds<T>(values: usize, n: i32, bits: i64): bool {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const b = i64x2.splat(bits);
    for (; i + 4 <= n; i += 4) {
      const hit = v128.or(i64x2.eq(load2<T>(values, i), b), i64x2.eq(load2<T>(values, i + 2), b));
      if (v128.any_true(hit)) return true;
    }
  }
  for (; i < n; i++) {
    if (reinterpret<i64>(load1<T>(values, i)) == bits) return true;
  }
  return false;
}

export function histogramF64(values: usize, n: i32, counts: usize, lo: f64, hi: f64, scale: f64, step: f64, bins: i32, tiny: f64): void {
  count1<f64>(values, n, counts, lo, hi, scale, step, bins, tiny);
}
export function histogramF32(values: usize, n: i32, counts: usize, lo: f64, hi: f64, scale: f64, step: f64, bins: i32, tiny: f64): void {
  count1<f32>(values, n, counts, lo, hi, scale, step, bins, tiny);
}
export function histogram2dF64(
  xs: usize, ys: usize, n: i32, counts: usize,
  xlo: f64, xhi: f64, xscale: f64, xstep: f64, xbins: i32,
  ylo: f64, yhi: f64, yscale: f64, ystep: f64, ybins: i32, tiny: f64,
): void {
  count2<f64>(xs, ys, n, counts, xlo, xhi, xscale, xstep, xbins, ylo, yhi, yscale, ystep, ybins, tiny);
}
export function histogram2dF32(
  xs: usize, ys: usize, n: i32, counts: usize,
  xlo: f64, xhi: f64, xscale: f64, xstep: f64, xbins: i32,
  ylo: f64, yhi: f64, yscale: f64, ystep: f64, ybins: i32, tiny: f64,
): void {
  count2<f32>(xs, ys, n, counts, xlo, xhi, xscale, xstep, xbins, ylo, yhi, yscale, ystep, ybins, tiny);
}
export function finiteRangeF64(values: usize, n: i32, out: usize): void { finiteRange<f64>(values, n, out); }
export function finiteRangeF32(values: usize, n: i32, out: usize): void { finiteRange<f32>(values, n, out); }
