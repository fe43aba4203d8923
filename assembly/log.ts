// Natural logarithm on f64x2 lanes. WebAssembly SIMD has no log instruction, so this is
// the classic fdlibm reduction and polynomial, within 1 ulp: x = 2^k·(1 + f) with
// 1 + f in [√2/2, √2), s = f/(2 + f), log(1 + f) = f − f²/2 + s·(f²/2 + R(s²)).
// The hot loops call logCore with lanes already known to be normal, positive and finite;
// `vlog` below adds the special cases (0, subnormal, ∞, NaN, negative) for callers
// that cannot promise that.
import { AT_TWO, splat } from './common';

// ln 2 split so that k·LN2_HI is exact for every exponent k.
const LN2_HI: f64 = reinterpret<f64>(0x3fe62e42fee00000); // 6.93147180369123816490e-01
const LN2_LO: f64 = reinterpret<f64>(0x3dea39ef35793c76); // 1.90821492927058770002e-10
// Minimax coefficients of R(z) ≈ (log((1+s)/(1−s)) − 2s)/s on z = s² (fdlibm e_log.c).
const LG1: f64 = reinterpret<f64>(0x3fe5555555555593); // 6.666666666666735130e-01
const LG2: f64 = reinterpret<f64>(0x3fd999999997fa04); // 3.999999999940941908e-01
const LG3: f64 = reinterpret<f64>(0x3fd2492494229359); // 2.857142874366239149e-01
const LG4: f64 = reinterpret<f64>(0x3fcc71c51d8e78af); // 2.222219843214978396e-01
const LG5: f64 = reinterpret<f64>(0x3fc7466496cb03de); // 1.818357216161805012e-01
const LG6: f64 = reinterpret<f64>(0x3fc39a09d078c69f); // 1.531383769920937332e-01
const LG7: f64 = reinterpret<f64>(0x3fc2f112df3e5244); // 1.479819860511658591e-01

// Adding this to the bits of x moves the mantissa boundary from 1 to √2/2, so that the
// exponent field then holds k for 1 + f in [√2/2, √2). 0x3fe6a09e… is √2/2's top bits.
const SHIFT_BITS: i64 = 0x00095f6200000000; // (0x3ff00000 − 0x3fe6a09e) << 32
const SQRT_HALF_BITS: i64 = 0x3fe6a09e00000000;
const MANTISSA: i64 = 0x000fffffffffffff;
// 2^52 + biased exponent, as bits: subtracting 2^52 + 1023 then gives the exponent as
// f64, exactly (there is no i64x2 → f64x2 conversion).
const MAGIC_BITS: i64 = 0x4330000000000000;
const TWO52: f64 = 4503599627370496.0;

// The hot loops' copies of these, as splat loads from static data: see `splat` in common.ts.
const AT_HALF = memory.data<f64>([0.5]);
const AT_ONE = memory.data<f64>([1.0]);
const AT_LG = memory.data<f64>([LG1, LG2, LG3, LG4, LG5, LG6, LG7]);
const AT_LN2_HI = memory.data<f64>([LN2_HI]);
const AT_LN2_LO = memory.data<f64>([LN2_LO]);
const AT_EXPONENT_BIAS = memory.data<f64>([TWO52 + 1023.0]);
const AT_SHIFT = memory.data<i64>([SHIFT_BITS]);
const AT_SQRT_HALF = memory.data<i64>([SQRT_HALF_BITS]);
const AT_MANTISSA = memory.data<i64>([MANTISSA]);
const AT_MAGIC = memory.data<i64>([MAGIC_BITS]);

/** LGn as lanes. */
// @ts-ignore: decorator
@inline function lg(n: i32): v128 {
  return splat(AT_LG + (<usize>(n - 1) << 3));
}

/** log(1 + f) + k·ln 2 for f in [√2/2 − 1, √2 − 1], f exact; k as f64 lanes. */
// @ts-ignore: decorator
@inline export function logCore(f: v128, k: v128): v128 {
  const hfsq = f64x2.mul(splat(AT_HALF), f64x2.mul(f, f));
  const s = f64x2.div(f, f64x2.add(splat(AT_TWO), f));
  const z = f64x2.mul(s, s);
  const w = f64x2.mul(z, z);
  const t1 = f64x2.mul(w, f64x2.add(lg(2), f64x2.mul(w, f64x2.add(lg(4), f64x2.mul(w, lg(6))))));
  const t2 = f64x2.mul(z, f64x2.add(lg(1), f64x2.mul(w, f64x2.add(lg(3), f64x2.mul(w, f64x2.add(lg(5), f64x2.mul(w, lg(7))))))));
  const R = f64x2.add(t2, t1);
  // s·(hfsq + R) + k·ln2_lo − hfsq + f + k·ln2_hi, in the order that keeps the error < 1 ulp.
  const lo = f64x2.add(f64x2.mul(s, f64x2.add(hfsq, R)), f64x2.mul(k, splat(AT_LN2_LO)));
  return f64x2.add(f64x2.add(f64x2.sub(lo, hfsq), f), f64x2.mul(k, splat(AT_LN2_HI)));
}

/** The shifted bits of normal positive finite lanes x: see SHIFT_BITS. */
// @ts-ignore: decorator
@inline function shifted(x: v128): v128 {
  return i64x2.add(x, splat(AT_SHIFT));
}

/** k of x = 2^k·(1 + f), as f64 lanes, from the shifted bits. */
// @ts-ignore: decorator
@inline function exponentOf(hx: v128): v128 {
  return f64x2.sub(v128.or(i64x2.shr_u(hx, 52), splat(AT_MAGIC)), splat(AT_EXPONENT_BIAS));
}

/** f of x = 2^k·(1 + f), 1 + f in [√2/2, √2), from the shifted bits. */
// @ts-ignore: decorator
@inline function fractionOf(hx: v128): v128 {
  const m = i64x2.add(v128.and(hx, splat(AT_MANTISSA)), splat(AT_SQRT_HALF));
  return f64x2.sub(m, splat(AT_ONE));
}

/** Splits normal positive finite lanes x into (f, k) and returns log x. */
// @ts-ignore: decorator
@inline export function logNormal(x: v128): v128 {
  const hx = shifted(x);
  return logCore(fractionOf(hx), exponentOf(hx));
}

const NEAR_LO: f64 = 0.7071067811865476; // √2/2
const NEAR_HI: f64 = 1.4142135623730951; // √2

/**
 * log(x/y) for lanes whose ratio is normal and finite. Within [√2/2, √2) the reduced
 * argument is taken as (x − y)/y, which is exact-ish where x/y − 1 would have lost the
 * digits of a ratio near 1: the log1p form, for free.
 */
// @ts-ignore: decorator
@inline export function logRatio(x: v128, y: v128, r: v128): v128 {
  const near = v128.and(f64x2.ge(r, f64x2.splat(NEAR_LO)), f64x2.lt(r, f64x2.splat(NEAR_HI)));
  const hx = shifted(r);
  const fNear = f64x2.div(f64x2.sub(x, y), y);
  return logCore(v128.bitselect(fNear, fractionOf(hx), near), v128.andnot(exponentOf(hx), near));
}

const MIN_NORMAL: f64 = 2.2250738585072014e-308;
const TWO54: f64 = 18014398509481984.0;

/** log x on any lanes: subnormals rescaled, and log 0 = −∞, log ∞ = ∞, log(<0 or NaN) = NaN. */
// @ts-ignore: decorator
@inline export function vlog(x: v128): v128 {
  const sub = f64x2.lt(x, f64x2.splat(MIN_NORMAL));
  const xs = v128.bitselect(f64x2.mul(x, f64x2.splat(TWO54)), x, sub);
  const y = f64x2.sub(logNormal(xs), v128.and(f64x2.splat(54.0 * LN2_HI + 54.0 * LN2_LO), sub));
  let out = v128.bitselect(f64x2.splat(-Infinity), y, f64x2.eq(x, f64x2.splat(0.0)));
  out = v128.bitselect(f64x2.splat(Infinity), out, f64x2.eq(x, f64x2.splat(Infinity)));
  const bad = v128.not(f64x2.ge(x, f64x2.splat(0.0)));
  return v128.bitselect(f64x2.splat(NaN), out, bad);
}
