// The opt-in single-precision passes (`precision: 'single'`) for Float32Array input:
// KL and Σ x·log x computed in f32x4 lanes, four elements per instruction instead of
// two, with every sum in f64. The pass still reports Σ|term| as its error scale, so the
// wrapper keeps the result only when the bound shows it within 1e-6 of the double
// answer; otherwise (and whenever a lane needed special handling) the double pass runs.
import {
  A_HI, A_LO, B_HI, B_LO, BLOCK, BOUND, S_HI, S_LO, SPECIAL,
  flush, load2, noteSigns, setSlot, slot, splat32, twoSumErr,
} from './common';
import { KL, XLOGX, scalarLoop } from './fast';

// fdlibm's logf: x = 2^k·(1 + f), 1 + f in [√2/2, √2), s = f/(2 + f),
// log(1 + f) = f − f²/2 + s·(f²/2 + R(s²)); within 1 ulp of the f32 logarithm.
const LN2_HI: f32 = reinterpret<f32>(0x3f317180); // 6.9313812256e-01
const LN2_LO: f32 = reinterpret<f32>(0x3717f7d1); // 9.0580006145e-06
const LG1: f32 = reinterpret<f32>(0x3f2aaaaa); // 0.66666662693
const LG2: f32 = reinterpret<f32>(0x3eccce13); // 0.40000972152
const LG3: f32 = reinterpret<f32>(0x3e91e9ee); // 0.28498786688
const LG4: f32 = reinterpret<f32>(0x3e789e26); // 0.24279078841
const SQRT_HALF_BITS: i32 = 0x3f3504f3;
const SHIFT_BITS: i32 = 0x3f800000 - SQRT_HALF_BITS; // moves the exponent step to √2/2
const MIN_NORMAL32: f32 = reinterpret<f32>(0x00800000);
const MAX_FINITE32: f32 = reinterpret<f32>(0x7f7fffff);

// The loops' copies, as splat loads from static data: see `splat` in common.ts.
const AT_HALF = memory.data<f32>([0.5]);
const AT_ONE = memory.data<f32>([1]);
const AT_TWO = memory.data<f32>([2]);
const AT_BIAS = memory.data<f32>([127]);
const AT_LG1 = memory.data<f32>([LG1]);
const AT_LG2 = memory.data<f32>([LG2]);
const AT_LG3 = memory.data<f32>([LG3]);
const AT_LG4 = memory.data<f32>([LG4]);
const AT_LN2_HI = memory.data<f32>([LN2_HI]);
const AT_LN2_LO = memory.data<f32>([LN2_LO]);
const AT_MIN_NORMAL = memory.data<f32>([MIN_NORMAL32]);
const AT_MAX_FINITE = memory.data<f32>([MAX_FINITE32]);
const AT_SHIFT = memory.data<i32>([SHIFT_BITS]);
const AT_MANTISSA = memory.data<i32>([0x007fffff]);
const AT_SQRT_HALF = memory.data<i32>([SQRT_HALF_BITS]);

/** log x on f32x4 lanes that are normal, positive and finite. */
// @ts-ignore: decorator
@inline export function logNormal32(x: v128): v128 {
  const hx = i32x4.add(x, splat32(AT_SHIFT));
  const k = f32x4.sub(f32x4.convert_i32x4_s(i32x4.shr_s(hx, 23)), splat32(AT_BIAS));
  const m = i32x4.add(v128.and(hx, splat32(AT_MANTISSA)), splat32(AT_SQRT_HALF));
  const f = f32x4.sub(m, splat32(AT_ONE));
  const hfsq = f32x4.mul(splat32(AT_HALF), f32x4.mul(f, f));
  const s = f32x4.div(f, f32x4.add(splat32(AT_TWO), f));
  const z = f32x4.mul(s, s);
  const w = f32x4.mul(z, z);
  const t1 = f32x4.mul(w, f32x4.add(splat32(AT_LG2), f32x4.mul(w, splat32(AT_LG4))));
  const t2 = f32x4.mul(z, f32x4.add(splat32(AT_LG1), f32x4.mul(w, splat32(AT_LG3))));
  const R = f32x4.add(t2, t1);
  const lo = f32x4.add(f32x4.mul(s, f32x4.add(hfsq, R)), f32x4.mul(k, splat32(AT_LN2_LO)));
  return f32x4.add(f32x4.add(f32x4.sub(lo, hfsq), f), f32x4.mul(k, splat32(AT_LN2_HI)));
}

/** Both halves of f32x4 lanes, promoted and added as f64x2. */
// @ts-ignore: decorator
@inline function widenSum(v: v128): v128 {
  return f64x2.add(f64x2.promote_low_f32x4(v), f64x2.promote_low_f32x4(f32x4.shuffle(v, v, 2, 3, 0, 1)));
}

/** The log's argument: a/b for KL, x for Σ x·log x. */
// @ts-ignore: decorator
@inline function argument(mode: i32, x: v128, y: v128): v128 {
  return mode == KL ? f32x4.div(x, y) : x;
}

/** u clamped into the normal range, so the log needs no special cases. */
// @ts-ignore: decorator
@inline function clamp(u: v128): v128 {
  return f32x4.pmin(splat32(AT_MAX_FINITE), f32x4.pmax(splat32(AT_MIN_NORMAL), u));
}

/** Lanes with x > 0 whose argument had to be clamped (b = 0, or a ratio out of f32 range). */
// @ts-ignore: decorator
@inline function clamped(x: v128, u: v128, c: v128): v128 {
  return v128.and(f32x4.ne(u, c), f32x4.gt(x, f32x4.splat(0)));
}

// @ts-ignore: decorator
@inline function load4(p: usize, i: i32): v128 {
  return v128.load(p + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline function passSingle(mode: i32, p: usize, q: usize, n: i32, acc: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const n16 = n & ~15;
    const zero = f64x2.splat(0.0);
    let sHi = zero, sLo = zero, aHi = zero, aLo = zero, bHi = zero, bLo = zero;
    let bound = zero, signs = zero, special = zero;
    while (i < n16) {
      const end = min(i + 8 * BLOCK, n16);
      let s = zero, sa = zero, sb = zero, b32 = f32x4.splat(0);
      for (; i < end; i += 16) {
        const x0 = load4(p, i), x1 = load4(p, i + 4), x2 = load4(p, i + 8), x3 = load4(p, i + 12);
        const y0 = mode == XLOGX ? x0 : load4(q, i), y1 = mode == XLOGX ? x1 : load4(q, i + 4);
        const y2 = mode == XLOGX ? x2 : load4(q, i + 8), y3 = mode == XLOGX ? x3 : load4(q, i + 12);
        const xs = v128.or(v128.or(x0, x1), v128.or(x2, x3));
        signs = v128.or(signs, mode == XLOGX ? xs : v128.or(xs, v128.or(v128.or(y0, y1), v128.or(y2, y3))));
        // The input sums exactly as f64: the normalisation must not lose f32 digits.
        sa = f64x2.add(sa, f64x2.add(
          f64x2.add(f64x2.add(load2<f32>(p, i), load2<f32>(p, i + 2)), f64x2.add(load2<f32>(p, i + 4), load2<f32>(p, i + 6))),
          f64x2.add(f64x2.add(load2<f32>(p, i + 8), load2<f32>(p, i + 10)), f64x2.add(load2<f32>(p, i + 12), load2<f32>(p, i + 14))),
        ));
        if (mode != XLOGX) {
          sb = f64x2.add(sb, f64x2.add(
            f64x2.add(f64x2.add(load2<f32>(q, i), load2<f32>(q, i + 2)), f64x2.add(load2<f32>(q, i + 4), load2<f32>(q, i + 6))),
            f64x2.add(f64x2.add(load2<f32>(q, i + 8), load2<f32>(q, i + 10)), f64x2.add(load2<f32>(q, i + 12), load2<f32>(q, i + 14))),
          ));
        }
        const u0 = argument(mode, x0, y0), u1 = argument(mode, x1, y1);
        const u2 = argument(mode, x2, y2), u3 = argument(mode, x3, y3);
        const c0 = clamp(u0), c1 = clamp(u1), c2 = clamp(u2), c3 = clamp(u3);
        special = v128.or(special, v128.or(
          v128.or(clamped(x0, u0, c0), clamped(x1, u1, c1)),
          v128.or(clamped(x2, u2, c2), clamped(x3, u3, c3)),
        ));
        const t0 = f32x4.mul(x0, logNormal32(c0)), t1 = f32x4.mul(x1, logNormal32(c1));
        const t2 = f32x4.mul(x2, logNormal32(c2)), t3 = f32x4.mul(x3, logNormal32(c3));
        // Four terms per lane meet in f32 (two roundings, inside the bound), then f64.
        s = f64x2.add(s, widenSum(f32x4.add(f32x4.add(t0, t1), f32x4.add(t2, t3))));
        b32 = f32x4.add(b32, f32x4.add(
          f32x4.add(f32x4.abs(t0), f32x4.abs(t1)),
          f32x4.add(f32x4.abs(t2), f32x4.abs(t3)),
        ));
      }
      bound = f64x2.add(bound, widenSum(b32));
      let t = f64x2.add(sHi, s); sLo = f64x2.add(sLo, twoSumErr(sHi, s, t)); sHi = t;
      t = f64x2.add(aHi, sa); aLo = f64x2.add(aLo, twoSumErr(aHi, sa, t)); aHi = t;
      t = f64x2.add(bHi, sb); bLo = f64x2.add(bLo, twoSumErr(bHi, sb, t)); bHi = t;
    }
    flush(acc, S_HI, sHi, sLo);
    flush(acc, A_HI, aHi, aLo);
    flush(acc, B_HI, bHi, bLo);
    // The f32 sum of |terms| is only a scale: a few ulps of it do not matter (1.01).
    setSlot(acc, BOUND, slot(acc, BOUND) + 1.01 * (f64x2.extract_lane(bound, 0) + f64x2.extract_lane(bound, 1)));
    noteSigns(acc, signs);
    // A clamped lane's term is wrong: the wrapper then runs the double pass instead.
    if (v128.any_true(special)) setSlot(acc, SPECIAL, 1);
  }
  // The tail (and the whole input in the scalar build) in double precision.
  scalarLoop<f32>(mode, p, q, i, n, acc);
}

export function klSinglePass(p: usize, q: usize, n: i32, acc: usize): void { passSingle(KL, p, q, n, acc); }
export function xlogxSinglePass(x: usize, n: i32, acc: usize): void { passSingle(XLOGX, x, x, n, acc); }

/** Natural log of n f32 values, elementwise: exposes the f32 vector log to its ulp test. */
export function logF32(src: usize, dst: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), logNormal32(v128.load(src + (<usize>i << 2))));
  }
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), <f32>Math.log(<f64>load<f32>(src + (<usize>i << 2))));
}
