// The fast passes behind KL (Σ a·log(a/b)), entropy and cross-entropy (Σ x·log y) and
// the sums JS divergence needs first. One loop serves all three; `mode` is a constant at
// every call site, so each instantiation compiles to its own branch-free loop. Each pass
// adds its sums, a scale for the rounding-error bound and validation data into the
// accumulator block; the TypeScript wrapper decides from the bound whether the result
// is certified or the careful form must run.
import {
  AT_MAX_FINITE, AT_MIN_NORMAL, A_HI, A_LO, B_HI, B_LO, BLOCK, BOUND, INF, MAX_FINITE, MIN_NORMAL, NEGATIVE,
  S_HI, S_LO, SPECIAL, flush, hsum, load1, load2, noteSigns, setSlot, slot, splat, twoSumErr,
} from './common';
import { logNormal } from './log';

export const KL: i32 = 0; // S = Σ a·log(a/b)
export const XLOGY: i32 = 1; // S = Σ x·log y
export const SUMS: i32 = 2; // sums and validation only
export const XLOGX: i32 = 3; // S = Σ x·log x (entropy): XLOGY reading one array

const NEAR_LO: f64 = 0.7071067811865476; // √2/2: the band where log1p keeps more digits
const NEAR_HI: f64 = 1.4142135623730951;

/** a·log(a/b) for a, b > 0: log1p form near ratio 1, two logs where a/b over/underflows. */
// @ts-ignore: decorator
@inline export function klTerm(a: f64, b: f64): f64 {
  const r = a / b;
  if (r >= NEAR_LO && r < NEAR_HI) return a * Math.log1p((a - b) / b);
  if (r >= MIN_NORMAL && r < Infinity) return a * Math.log(r);
  return a * (Math.log(a) - Math.log(b));
}

/** The argument whose log the term needs: a/b for KL, y for x·log y. */
// @ts-ignore: decorator
@inline function argument(mode: i32, x: f64, y: f64): f64 {
  return mode == KL ? x / y : mode == XLOGX ? x : y;
}

/** The term for a scalar pair with x > 0, y > 0, in the fast form (rounding in the bound). */
// @ts-ignore: decorator
@inline function scalarTerm(mode: i32, x: f64, y: f64): f64 {
  const u = argument(mode, x, y);
  if (u >= MIN_NORMAL && u <= MAX_FINITE) return x * Math.log(u);
  return mode == KL ? klTerm(x, y) : x * Math.log(y);
}

// @ts-ignore: decorator
@inline function vectorArgument(mode: i32, x: v128, y: v128): v128 {
  return mode == KL ? f64x2.div(x, y) : mode == XLOGX ? x : y;
}

/** u clamped into the normal range, so the log needs no special cases. */
// @ts-ignore: decorator
@inline function clamp(u: v128): v128 {
  return f64x2.pmin(splat(AT_MAX_FINITE), f64x2.pmax(splat(AT_MIN_NORMAL), u));
}

/**
 * Nonzero where the log argument had to be clamped and x is not +0: the bits of x
 * stand in for the test x > 0 (a lane with x < 0, −0 or NaN goes to the scalar fix-up
 * too, which skips it: those inputs are errors the sign check reports).
 */
// @ts-ignore: decorator
@inline function clamped(x: v128, u: v128, c: v128): v128 {
  return v128.and(x, f64x2.ne(u, c));
}

// @ts-ignore: decorator
@inline function pass<T>(mode: i32, p: usize, q: usize, n: i32, acc: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const n12 = n - n % 12;
    const n2 = n & ~1;
    const zero = f64x2.splat(0.0);
    let sHi = zero, sLo = zero, aHi = zero, aLo = zero, bHi = zero, bLo = zero;
    let bound = zero, special = zero, signs = zero;
    while (i < n12) {
      const end = min(i + 6 * BLOCK, n12);
      // Plain adds within a block, compensated adds of the block sums.
      let s = zero, sa = zero, sb = zero;
      for (; i < end; i += 12) {
        // Six independent streams of two lanes: enough work in flight to hide the
        // latency of the two divisions and the polynomial (measured: 2, 3, 4 and 8
        // streams are slower). One accumulator for all six: an iteration is long
        // enough to hide the add's latency, and V8 has only 16 vector registers.
        const x0 = load2<T>(p, i), x1 = load2<T>(p, i + 2), x2 = load2<T>(p, i + 4);
        const x3 = load2<T>(p, i + 6), x4 = load2<T>(p, i + 8), x5 = load2<T>(p, i + 10);
        const y0 = mode == XLOGX ? x0 : load2<T>(q, i), y1 = mode == XLOGX ? x1 : load2<T>(q, i + 2);
        const y2 = mode == XLOGX ? x2 : load2<T>(q, i + 4), y3 = mode == XLOGX ? x3 : load2<T>(q, i + 6);
        const y4 = mode == XLOGX ? x4 : load2<T>(q, i + 8), y5 = mode == XLOGX ? x5 : load2<T>(q, i + 10);
        // Sign bits of every input: a negative entry (or −0, or NaN) leaves its mark.
        const xs = v128.or(v128.or(v128.or(x0, x1), v128.or(x2, x3)), v128.or(x4, x5));
        const ys = v128.or(v128.or(v128.or(y0, y1), v128.or(y2, y3)), v128.or(y4, y5));
        signs = v128.or(signs, mode == XLOGX ? xs : v128.or(xs, ys));
        sa = f64x2.add(sa, f64x2.add(f64x2.add(f64x2.add(x0, x1), f64x2.add(x2, x3)), f64x2.add(x4, x5)));
        if (mode != XLOGX) sb = f64x2.add(sb, f64x2.add(f64x2.add(f64x2.add(y0, y1), f64x2.add(y2, y3)), f64x2.add(y4, y5)));
        if (mode != SUMS) {
          // The log's argument clamped into the normal range, so the log needs no
          // special cases: x = 0 lanes add 0·log(tiny) = 0, and lanes with x > 0 whose
          // argument was clamped (zero, subnormal, overflowed) are redone below.
          const u0 = vectorArgument(mode, x0, y0), u1 = vectorArgument(mode, x1, y1);
          const u2 = vectorArgument(mode, x2, y2), u3 = vectorArgument(mode, x3, y3);
          const u4 = vectorArgument(mode, x4, y4), u5 = vectorArgument(mode, x5, y5);
          const c0 = clamp(u0), c1 = clamp(u1), c2 = clamp(u2), c3 = clamp(u3), c4 = clamp(u4), c5 = clamp(u5);
          special = v128.or(special, v128.or(
            v128.or(v128.or(clamped(x0, u0, c0), clamped(x1, u1, c1)), v128.or(clamped(x2, u2, c2), clamped(x3, u3, c3))),
            v128.or(clamped(x4, u4, c4), clamped(x5, u5, c5)),
          ));
          const t0 = f64x2.mul(x0, logNormal(c0)), t1 = f64x2.mul(x1, logNormal(c1));
          const t2 = f64x2.mul(x2, logNormal(c2)), t3 = f64x2.mul(x3, logNormal(c3));
          const t4 = f64x2.mul(x4, logNormal(c4)), t5 = f64x2.mul(x5, logNormal(c5));
          s = f64x2.add(s, f64x2.add(f64x2.add(f64x2.add(t0, t1), f64x2.add(t2, t3)), f64x2.add(t4, t5)));
          bound = f64x2.add(bound, f64x2.add(
            f64x2.add(f64x2.add(f64x2.abs(t0), f64x2.abs(t1)), f64x2.add(f64x2.abs(t2), f64x2.abs(t3))),
            f64x2.add(f64x2.abs(t4), f64x2.abs(t5)),
          ));
        }
      }
      let t = f64x2.add(sHi, s); sLo = f64x2.add(sLo, twoSumErr(sHi, s, t)); sHi = t;
      t = f64x2.add(aHi, sa); aLo = f64x2.add(aLo, twoSumErr(aHi, sa, t)); aHi = t;
      t = f64x2.add(bHi, sb); bLo = f64x2.add(bLo, twoSumErr(bHi, sb, t)); bHi = t;
    }
    if (i < n2) {
      // What the six streams leave (up to 10 elements), one vector at a time: short
      // rows (rowwise, pairwise) would otherwise spend as long in the scalar tail.
      let s = zero, sa = zero, sb = zero;
      for (; i < n2; i += 2) {
        const x = load2<T>(p, i);
        const y = mode == XLOGX ? x : load2<T>(q, i);
        signs = v128.or(signs, mode == XLOGX ? x : v128.or(x, y));
        sa = f64x2.add(sa, x);
        if (mode != XLOGX) sb = f64x2.add(sb, y);
        if (mode != SUMS) {
          const u = vectorArgument(mode, x, y);
          const c = clamp(u);
          special = v128.or(special, clamped(x, u, c));
          const term = f64x2.mul(x, logNormal(c));
          s = f64x2.add(s, term);
          bound = f64x2.add(bound, f64x2.abs(term));
        }
      }
      let t = f64x2.add(sHi, s); sLo = f64x2.add(sLo, twoSumErr(sHi, s, t)); sHi = t;
      t = f64x2.add(aHi, sa); aLo = f64x2.add(aLo, twoSumErr(aHi, sa, t)); aHi = t;
      t = f64x2.add(bHi, sb); bLo = f64x2.add(bLo, twoSumErr(bHi, sb, t)); bHi = t;
    }
    flush(acc, S_HI, sHi, sLo);
    flush(acc, A_HI, aHi, aLo);
    flush(acc, B_HI, bHi, bLo);
    setSlot(acc, BOUND, slot(acc, BOUND) + hsum(bound));
    noteSigns(acc, signs);
    if (mode != SUMS && v128.any_true(special)) {
      // Rare: take back what the clamped lanes added and settle them in scalar code.
      let s = slot(acc, S_HI), sc = slot(acc, S_LO), b = slot(acc, BOUND);
      for (let j = 0; j < n2; j++) {
        const x = load1<T>(p, j);
        const y = mode == XLOGX ? x : load1<T>(q, j);
        const u = argument(mode, x, y);
        if (!(x > 0) || (u >= MIN_NORMAL && u <= MAX_FINITE)) continue;
        const clamped = x * Math.log(u < MIN_NORMAL || isNaN(u) ? MIN_NORMAL : MAX_FINITE);
        setSlot(acc, SPECIAL, slot(acc, SPECIAL) + 1);
        let term = -clamped;
        if (y == 0) setSlot(acc, INF, slot(acc, INF) + 1);
        else term += scalarTerm(mode, x, y);
        const t = s + term; sc += Math.abs(s) >= Math.abs(term) ? s - t + term : term - t + s; s = t;
        b += Math.abs(term);
      }
      setSlot(acc, S_HI, s); setSlot(acc, S_LO, sc); setSlot(acc, BOUND, b);
    }
  }
  scalarLoop<T>(mode, p, q, i, n, acc);
}

/** The scalar loop: the tail of the vector loop, and all of it in the scalar build. */
// @ts-ignore: decorator
@inline export function scalarLoop<T>(mode: i32, p: usize, q: usize, from: i32, n: i32, acc: usize): void {
  let s = slot(acc, S_HI), sc = slot(acc, S_LO);
  let a1 = slot(acc, A_HI), ac = slot(acc, A_LO);
  let b1 = slot(acc, B_HI), bc = slot(acc, B_LO);
  let bound = slot(acc, BOUND), infs = slot(acc, INF);
  let bad = false;
  for (let i = from; i < n; i++) {
    const x = load1<T>(p, i);
    const y = mode == XLOGX ? x : load1<T>(q, i);
    bad = bad || !(x >= 0) || !(y >= 0);
    let t = a1 + x; ac += Math.abs(a1) >= Math.abs(x) ? a1 - t + x : x - t + a1; a1 = t;
    if (mode != XLOGX) {
      t = b1 + y; bc += Math.abs(b1) >= Math.abs(y) ? b1 - t + y : y - t + b1; b1 = t;
    }
    if (mode == SUMS || !(x > 0)) continue;
    if (y == 0) {
      infs += 1;
      continue;
    }
    const term = scalarTerm(mode, x, y);
    t = s + term; sc += Math.abs(s) >= Math.abs(term) ? s - t + term : term - t + s; s = t;
    bound += Math.abs(term);
  }
  setSlot(acc, S_HI, s); setSlot(acc, S_LO, sc);
  setSlot(acc, A_HI, a1); setSlot(acc, A_LO, ac);
  setSlot(acc, B_HI, b1); setSlot(acc, B_LO, bc);
  setSlot(acc, BOUND, bound); setSlot(acc, INF, infs);
  if (bad) setSlot(acc, NEGATIVE, 1);
}

export function klPass<T>(p: usize, q: usize, n: i32, acc: usize): void { pass<T>(KL, p, q, n, acc); }
export function xlogyPass<T>(x: usize, y: usize, n: i32, acc: usize): void { pass<T>(XLOGY, x, y, n, acc); }
export function sumsPass<T>(p: usize, q: usize, n: i32, acc: usize): void { pass<T>(SUMS, p, q, n, acc); }
export function xlogxPass<T>(x: usize, n: i32, acc: usize): void { pass<T>(XLOGX, x, x, n, acc); }
