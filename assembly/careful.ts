// The careful passes: KL, Jensen–Shannon and total variation in forms that are accurate
// by construction, for the inputs the fast passes cannot certify (nearly identical P and
// Q, above all). None of them cancels:
//
// With x = a·ρ′ (ρ′ ≈ B/A, any close value) and s = (x − b)/(x + b):
//   kl_div(x, b) = x·log(x/b) − x + b = (x + b)·s²·(1 + s(1 + s)·P(s²)),  P(z) = Σ zᵏ/(2k+3)
//   φ(x, b) = x·log(2x/(x+b)) + b·log(2b/(x+b)) = ½(x + b)·s²·F(s²),     F(z) = Σ zᵏ/((k+1)(2k+1))
// Both are ≥ 0 term by term, and where |s| ≤ S0 they need no logarithm: one division and
// a short polynomial. Elsewhere ("far" lanes, a ratio beyond [0.78, 1.29]) the log forms
// lose at most a few bits to cancellation. s needs x − b to full relative precision, so
// the numerator is formed exactly: ρ′ is two 27-bit parts and a is split in two (Veltkamp),
// which makes every partial product exact and a·ρh − b exact by Sterbenz.
//
// The passes also return N = Σ (a·ρ′ − b): the wrapper then corrects exactly for ρ′ not
// being B/A (src/measures/), so ρ′ may come from sums that are only good to a few ulps.
import { Pass } from './modes';
import {
  AT_MAX_FINITE, AT_MIN_NORMAL, AT_TWO, AUX_HI, A_HI, B_HI, BLOCK, BOUND, hsum, FAR, INF, MAX_FINITE, MIN_NORMAL, NEGATIVE, N_HI, PARAM, S_HI,
  SPECIAL, addTo, flush, load1, load2, noteSigns, setSlot, slot, splat, twoSumErr,
} from './common';
import { logNormal } from './log';
import { JS_F0, JS_F1, JS_F2, JS_F3, JS_F4, KL_P0, KL_P1, KL_P2, KL_P3, KL_P4, NEAR_S, SPLIT } from './careful-constants';

const AT_S0 = memory.data<f64>([NEAR_S]);
const AT_SPLIT = memory.data<f64>([SPLIT]);
const AT_ONE = memory.data<f64>([1.0]);
/** The sign bit, for both lanes through `splat`. */
const AT_SIGN = memory.data<i64>([0x8000000000000000]);
const AT_P = memory.data<f64>([KL_P0, KL_P1, KL_P2, KL_P3, KL_P4]);
const AT_F = memory.data<f64>([JS_F0, JS_F1, JS_F2, JS_F3, JS_F4]);

// @ts-ignore: decorator
@inline function coef(table: usize, k: i32): v128 {
  return splat(table + (<usize>k << 3));
}

/** A degree-4 table at z by Estrin's scheme: the loop is bound by this chain's latency. */
// @ts-ignore: decorator
@inline function poly4(table: usize, z: v128): v128 {
  const z2 = f64x2.mul(z, z);
  const p01 = f64x2.add(coef(table, 0), f64x2.mul(z, coef(table, 1)));
  const p23 = f64x2.add(coef(table, 2), f64x2.mul(z, coef(table, 3)));
  return f64x2.add(p01, f64x2.mul(z2, f64x2.add(p23, f64x2.mul(z2, coef(table, 4)))));
}

// @ts-ignore: decorator
@inline function poly4s(table: usize, z: f64): f64 {
  const z2 = z * z;
  return (load<f64>(table) + z * load<f64>(table, 8)) + z2 * ((load<f64>(table, 16) + z * load<f64>(table, 24)) + z2 * load<f64>(table, 32));
}

/**
 * a·ρ′ − b with ρ′ = rh + rm (each of at most 27 significant bits) and a split into
 * ah + al (26 and 27 bits): the four partial products are exact, ah·rh − b is exact
 * where the two are within a factor of two (every near lane), and the adds that follow
 * round only the result. Far lanes get an ordinary rounded value, which is all they need.
 */
// @ts-ignore: decorator
@inline export function numerator(a: v128, b: v128, rh: v128, rm: v128): v128 {
  const c = f64x2.mul(a, splat(AT_SPLIT));
  const ah = f64x2.sub(c, f64x2.sub(c, a));
  const al = f64x2.sub(a, ah);
  const t = f64x2.add(f64x2.sub(f64x2.mul(ah, rh), b), f64x2.mul(al, rh));
  return f64x2.add(t, f64x2.add(f64x2.mul(ah, rm), f64x2.mul(al, rm)));
}

// @ts-ignore: decorator
@inline export function numeratorScalar(a: f64, b: f64, rh: f64, rm: f64): f64 {
  const c = a * SPLIT;
  const ah = c - (c - a);
  const al = a - ah;
  return (ah * rh - b + al * rh) + (ah * rm + al * rm);
}

/** kl_div(x, b) in the near form, from den = x + b and s. */
// @ts-ignore: decorator
@inline function nearKl(den: v128, s: v128): v128 {
  const z = f64x2.mul(s, s);
  const q = f64x2.add(splat(AT_ONE), f64x2.mul(f64x2.mul(s, f64x2.add(splat(AT_ONE), s)), poly4(AT_P, z)));
  return f64x2.mul(f64x2.mul(den, z), q);
}

/** 2·φ(x, b) in the near form. */
// @ts-ignore: decorator
@inline function nearJs(den: v128, s: v128): v128 {
  const z = f64x2.mul(s, s);
  return f64x2.mul(f64x2.mul(den, z), poly4(AT_F, z));
}

/** u clamped into the normal range, so the log needs no special cases. */
// @ts-ignore: decorator
@inline function clamp(u: v128): v128 {
  return f64x2.pmin(splat(AT_MAX_FINITE), f64x2.pmax(splat(AT_MIN_NORMAL), u));
}

/**
 * The far (log) forms. KL takes r = x/b; JS takes v = 2x/den and u = 2b/den (v + u = 2,
 * so neither exceeds 2 and a clamp from below is enough). farArg gives r, or 2/den.
 * Arguments are clamped into the normal range so the log needs no special cases, and the
 * lanes where clamping changed an argument that matters are special: x > 0 with r out of
 * range for KL (b = 0 < a makes it infinite); for JS, x and b both > 0 with v or u below
 * MIN_NORMAL (0 included). The loop leaves their terms out; the scalar fix-up settles them.
 */
// @ts-ignore: decorator
@inline function farArg(mode: i32, x: v128, b: v128, den: v128): v128 {
  return mode == Pass.CarefulKl ? f64x2.div(x, b) : f64x2.div(splat(AT_TWO), f64x2.pmax(den, splat(AT_MIN_NORMAL)));
}

/**
 * The far form from x, b and their arguments: KL x·log(x/b) − x + b from r (x = 0 adds
 * b); JS 2·φ = 2(x·log v + b·log u) from v and u (v = 0 adds 0). For KL pass r for both.
 * The caller computes the arguments once (binaryen does not fold a product repeated
 * across inlined helpers).
 */
// @ts-ignore: decorator
@inline function farOf(mode: i32, x: v128, b: v128, v: v128, u: v128): v128 {
  if (mode == Pass.CarefulKl) return f64x2.add(f64x2.sub(f64x2.mul(x, logNormal(clamp(v))), x), b);
  const lo = splat(AT_MIN_NORMAL);
  const t = f64x2.add(f64x2.mul(x, logNormal(f64x2.pmax(lo, v))), f64x2.mul(b, logNormal(f64x2.pmax(lo, u))));
  return f64x2.add(t, t);
}

// @ts-ignore: decorator
@inline function farSpecial(mode: i32, x: v128, b: v128, v: v128, u: v128): v128 {
  const zero = f64x2.splat(0.0);
  if (mode == Pass.CarefulKl) return v128.and(f64x2.ne(v, clamp(v)), f64x2.gt(x, zero));
  return v128.and(f64x2.lt(f64x2.pmin(v, u), splat(AT_MIN_NORMAL)), f64x2.gt(f64x2.pmin(x, b), zero));
}

/**
 * Lanes outside the near band, without a division: |x − b| > S0·(x + b), which is
 * x/b ∉ [15/17, 17/15]. a = b = 0 lands inside (0 > 0 fails); a > 0 = b and a = 0 < b
 * land outside. `diff` = x − b, `den` = x + b.
 */
// @ts-ignore: decorator
@inline function farLanes(diff: v128, den: v128): v128 {
  return f64x2.gt(f64x2.abs(diff), f64x2.mul(den, splat(AT_S0)));
}

// @ts-ignore: decorator
@inline function farScalar(x: f64, b: f64): bool {
  return Math.abs(x - b) > (x + b) * NEAR_S;
}

/** One vector's near-form term (s from the exact numerator). */
// @ts-ignore: decorator
@inline function nearOf(mode: i32, den: v128, num: v128): v128 {
  const s = f64x2.div(num, f64x2.pmax(den, splat(AT_MIN_NORMAL)));
  return mode == Pass.CarefulKl ? nearKl(den, s) : nearJs(den, s);
}

/**
 * One vector's log-loop term from its far arguments v, u (see farOf) and special lanes
 * sp (left to the scalar fix-up, zeroed here).
 */
// @ts-ignore: decorator
@inline function logTerm(mode: i32, b: v128, x: v128, v: v128, u: v128, sp: v128): v128 {
  return v128.andnot(farOf(mode, x, b, v, u), sp);
}

/** Σ sign(a·ρ′ − b)·a, total variation's first-order correction (see the wrapper). */
// @ts-ignore: decorator
@inline function signedA(a: v128, num: v128): v128 {
  return v128.or(a, v128.and(num, splat(AT_SIGN)));
}

/**
 * Far lanes of the near loop: those outside the band, but for KL not a = 0, whose near
 * form is exact (it gives b).
 */
// @ts-ignore: decorator
@inline function nearLoopFar(mode: i32, a: v128, x: v128, b: v128, den: v128): v128 {
  const far = farLanes(f64x2.sub(x, b), den);
  return mode == Pass.CarefulKl ? v128.and(far, f64x2.gt(a, f64x2.splat(0.0))) : far;
}

// @ts-ignore: decorator
@inline function nearLoopFarScalar(mode: i32, a: f64, x: f64, b: f64): bool {
  return farScalar(x, b) && (mode != Pass.CarefulKl || a > 0);
}

/** Elements per block: the unit the pass picks its loop for, and redoes. */
const SPAN: i32 = 128;
/** Far lanes a near block settles in scalar code before it is redone in the log loop instead. */
const FEW: i32 = 4;

/**
 * The careful passes. Each block of SPAN elements runs one of two loops:
 *   - the near loop (four streams): the polynomial forms; the far lanes are left out and,
 *     when there are at most FEW of them, settled exactly in scalar code;
 *   - the log loop (two streams): the log forms for every lane (the near lanes' loss goes
 *     into BOUND), special lanes set aside for the scalar fix-up.
 * A block starts in the loop the previous block ended in. A near block with more than
 * FEW far lanes is redone in the log loop; a log block without a far lane sends the next
 * block back to the near loop. So nearly identical inputs never pay for logs, far-apart
 * ones never for the polynomial, and a few far lanes among near ones (sparse zeros) stay
 * exact. The strict pass (PARAM + 3) runs only the near loop, every far lane in scalar
 * code: exact for every lane, and fast wherever most lanes are near.
 */
// @ts-ignore: decorator
@inline function carefulPass<T>(mode: i32, p: usize, q: usize, n: i32, acc: usize): void {
  const rhS = slot(acc, PARAM), rmS = slot(acc, PARAM + 1), rhoS = slot(acc, PARAM + 2);
  const strict = slot(acc, PARAM + 3) != 0;
  const kl = mode == Pass.CarefulKl;
  const tv = mode == Pass.TotalVariation;
  let i = 0;
  const n2 = n & ~1;
  if (ASC_FEATURE_SIMD) {
    const rh = f64x2.splat(rhS), rm = f64x2.splat(rmS), rho = f64x2.splat(rhoS);
    const zero = f64x2.splat(0.0);
    let sHi = zero, sLo = zero, nHi = zero, nLo = zero, aHi = zero, aLo = zero, bHi = zero, bLo = zero;
    let xHi = zero, xLo = zero, signs = zero, bound = zero;
    let farBlocks = 0;
    // The first loop is the one the first group of lanes asks for: a function of the data
    // alone, so a pair's result never depends on what ran before it.
    let near = true;
    for (let j = 0; j < min(8, n2); j += 2) {
      const a = load2<T>(p, j), b = load2<T>(q, j);
      const x = f64x2.mul(a, rho);
      if (v128.any_true(nearLoopFar(mode, a, x, b, f64x2.add(x, b)))) near = false;
    }
    while (i < n2) {
      const start = i;
      const end = min(i + SPAN, n2);
      let sb = zero, nb = zero, ab = zero, bb = zero, xb = zero, lb = zero;
      if (tv) {
        for (; i < end; i += 2) {
          const a = load2<T>(p, i), b = load2<T>(q, i);
          const nv = numerator(a, b, rh, rm);
          nb = f64x2.add(nb, nv);
          sb = f64x2.add(sb, f64x2.abs(nv));
          xb = f64x2.add(xb, signedA(a, nv));
        }
      } else {
        if (near || strict) {
          // Far lanes counted per lane: a mask is −1 where set, so subtracting it counts.
          let count = zero;
          for (; i + 8 <= end; i += 8) {
            const a0 = load2<T>(p, i), a1 = load2<T>(p, i + 2), a2 = load2<T>(p, i + 4), a3 = load2<T>(p, i + 6);
            const b0 = load2<T>(q, i), b1 = load2<T>(q, i + 2), b2 = load2<T>(q, i + 4), b3 = load2<T>(q, i + 6);
            if (kl) {
              // KL starts without a pass over the totals: its own, and the sign check.
              signs = v128.or(signs, v128.or(v128.or(v128.or(a0, a1), v128.or(a2, a3)), v128.or(v128.or(b0, b1), v128.or(b2, b3))));
              ab = f64x2.add(ab, f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3)));
              bb = f64x2.add(bb, f64x2.add(f64x2.add(b0, b1), f64x2.add(b2, b3)));
            }
            const x0 = f64x2.mul(a0, rho), x1 = f64x2.mul(a1, rho), x2 = f64x2.mul(a2, rho), x3 = f64x2.mul(a3, rho);
            const d0 = f64x2.add(x0, b0), d1 = f64x2.add(x1, b1), d2 = f64x2.add(x2, b2), d3 = f64x2.add(x3, b3);
            const f0 = nearLoopFar(mode, a0, x0, b0, d0), f1 = nearLoopFar(mode, a1, x1, b1, d1);
            const f2 = nearLoopFar(mode, a2, x2, b2, d2), f3 = nearLoopFar(mode, a3, x3, b3, d3);
            count = i64x2.sub(i64x2.sub(count, i64x2.add(f0, f1)), i64x2.add(f2, f3));
            const n0 = numerator(a0, b0, rh, rm), n1 = numerator(a1, b1, rh, rm);
            const n2_ = numerator(a2, b2, rh, rm), n3 = numerator(a3, b3, rh, rm);
            nb = f64x2.add(nb, f64x2.add(f64x2.add(n0, n1), f64x2.add(n2_, n3)));
            sb = f64x2.add(sb, f64x2.add(
              f64x2.add(v128.andnot(nearOf(mode, d0, n0), f0), v128.andnot(nearOf(mode, d1, n1), f1)),
              f64x2.add(v128.andnot(nearOf(mode, d2, n2_), f2), v128.andnot(nearOf(mode, d3, n3), f3)),
            ));
          }
          for (; i < end; i += 2) {
            const a = load2<T>(p, i), b = load2<T>(q, i);
            if (kl) {
              signs = v128.or(signs, v128.or(a, b));
              ab = f64x2.add(ab, a);
              bb = f64x2.add(bb, b);
            }
            const x = f64x2.mul(a, rho);
            const d = f64x2.add(x, b);
            const f = nearLoopFar(mode, a, x, b, d);
            count = i64x2.sub(count, f);
            const nv = numerator(a, b, rh, rm);
            nb = f64x2.add(nb, nv);
            sb = f64x2.add(sb, v128.andnot(nearOf(mode, d, nv), f));
          }
          const far = <i32>(i64x2.extract_lane(count, 0) + i64x2.extract_lane(count, 1));
          if (far > 0 && (strict || far <= FEW)) {
            // The block's few far lanes, exactly, in scalar code (the vector loop's test).
            for (let j = start; j < end; j++) {
              const a = load1<T>(p, j), b = load1<T>(q, j);
              const x = a * rhoS;
              if (!nearLoopFarScalar(mode, a, x, b)) continue;
              if (kl && b == 0) setSlot(acc, INF, slot(acc, INF) + 1);
              else addTo(acc, S_HI, kl ? scalarFarKl(x, b) : scalarFarJs(x, b));
            }
          } else if (far > 0) {
            // Too many far lanes: this block again, in the log loop, and the next ones there.
            near = false;
            i = start;
            sb = zero;
            nb = zero;
            ab = zero;
            bb = zero;
          }
        }
        if (!near && !strict) {
          farBlocks++;
          let seen = zero, special = zero;
          for (; i + 4 <= end; i += 4) {
            const a0 = load2<T>(p, i), a1 = load2<T>(p, i + 2);
            const b0 = load2<T>(q, i), b1 = load2<T>(q, i + 2);
            if (kl) {
              signs = v128.or(signs, v128.or(v128.or(a0, a1), v128.or(b0, b1)));
              ab = f64x2.add(ab, f64x2.add(a0, a1));
              bb = f64x2.add(bb, f64x2.add(b0, b1));
            }
            const x0 = f64x2.mul(a0, rho), x1 = f64x2.mul(a1, rho);
            const d0 = f64x2.add(x0, b0), d1 = f64x2.add(x1, b1);
            const e0 = f64x2.sub(x0, b0), e1 = f64x2.sub(x1, b1);
            const f0 = farLanes(e0, d0), f1 = farLanes(e1, d1);
            seen = v128.or(seen, v128.or(f0, f1));
            const g0 = farArg(mode, x0, b0, d0), g1 = farArg(mode, x1, b1, d1);
            const v0 = kl ? g0 : f64x2.mul(x0, g0), u0 = kl ? g0 : f64x2.mul(b0, g0);
            const v1 = kl ? g1 : f64x2.mul(x1, g1), u1 = kl ? g1 : f64x2.mul(b1, g1);
            const sp0 = farSpecial(mode, x0, b0, v0, u0), sp1 = farSpecial(mode, x1, b1, v1, u1);
            // Rounded numerators: N is only read where it is small next to the result,
            // and a block here has far lanes.
            nb = f64x2.add(nb, f64x2.add(e0, e1));
            sb = f64x2.add(sb, f64x2.add(logTerm(mode, b0, x0, v0, u0, sp0), logTerm(mode, b1, x1, v1, u1, sp1)));
            special = v128.or(special, v128.or(sp0, sp1));
            lb = f64x2.add(lb, f64x2.add(v128.andnot(d0, f0), v128.andnot(d1, f1)));
          }
          for (; i < end; i += 2) {
            const a = load2<T>(p, i), b = load2<T>(q, i);
            if (kl) {
              signs = v128.or(signs, v128.or(a, b));
              ab = f64x2.add(ab, a);
              bb = f64x2.add(bb, b);
            }
            const x = f64x2.mul(a, rho);
            const d = f64x2.add(x, b);
            const e = f64x2.sub(x, b);
            const f = farLanes(e, d);
            seen = v128.or(seen, f);
            const g = farArg(mode, x, b, d);
            const v = kl ? g : f64x2.mul(x, g), u = kl ? g : f64x2.mul(b, g);
            const sp = farSpecial(mode, x, b, v, u);
            nb = f64x2.add(nb, e);
            sb = f64x2.add(sb, logTerm(mode, b, x, v, u, sp));
            special = v128.or(special, sp);
            lb = f64x2.add(lb, v128.andnot(d, f));
          }
          // A block of near lanes only: back to the near loop.
          if (!v128.any_true(seen)) near = true;
          if (v128.any_true(special)) {
            // Rare: the lanes this block set aside (ratios beyond the normal range),
            // settled one by one with the loop's own test in the same arithmetic. Only
            // this block: a near block's far lanes were settled there already.
            for (let j = start; j < end; j++) {
              const a = load1<T>(p, j), b = load1<T>(q, j);
              const x = a * rhoS;
              if (!farScalar(x, b) || !logSpecialScalar(mode, x, b)) continue;
              setSlot(acc, SPECIAL, slot(acc, SPECIAL) + 1);
              if (kl && b == 0) setSlot(acc, INF, slot(acc, INF) + 1);
              else addTo(acc, S_HI, kl ? scalarFarKl(x, b) : scalarFarJs(x, b));
            }
          }
        }
      }
      let t = f64x2.add(sHi, sb); sLo = f64x2.add(sLo, twoSumErr(sHi, sb, t)); sHi = t;
      t = f64x2.add(nHi, nb); nLo = f64x2.add(nLo, twoSumErr(nHi, nb, t)); nHi = t;
      t = f64x2.add(aHi, ab); aLo = f64x2.add(aLo, twoSumErr(aHi, ab, t)); aHi = t;
      t = f64x2.add(bHi, bb); bLo = f64x2.add(bLo, twoSumErr(bHi, bb, t)); bHi = t;
      bound = f64x2.add(bound, lb);
      if (tv) { t = f64x2.add(xHi, xb); xLo = f64x2.add(xLo, twoSumErr(xHi, xb, t)); xHi = t; }
    }
    flush(acc, S_HI, sHi, sLo);
    flush(acc, N_HI, nHi, nLo);
    flush(acc, A_HI, aHi, aLo);
    flush(acc, B_HI, bHi, bLo);
    if (tv) flush(acc, AUX_HI, xHi, xLo);
    noteSigns(acc, signs);
    setSlot(acc, FAR, slot(acc, FAR) + <f64>farBlocks);
    setSlot(acc, BOUND, slot(acc, BOUND) + hsum(bound));
  }
  // The last element, and all of them in the scalar build.
  for (; i < n; i++) {
    const a = load1<T>(p, i), b = load1<T>(q, i);
    if (kl) {
      if (!(a >= 0) || !(b >= 0)) setSlot(acc, NEGATIVE, 1);
      addTo(acc, A_HI, a);
      addTo(acc, B_HI, b);
    }
    const x = a * rhoS;
    const num = numeratorScalar(a, b, rhS, rmS);
    addTo(acc, N_HI, num);
    if (tv) {
      addTo(acc, S_HI, Math.abs(num));
      addTo(acc, AUX_HI, num < 0 ? -a : a);
      continue;
    }
    if (!nearLoopFarScalar(mode, a, x, b)) {
      const den = x + b;
      const s = num / max(den, MIN_NORMAL);
      const z = s * s;
      addTo(acc, S_HI, kl ? den * z * (1.0 + s * (1.0 + s) * poly4s(AT_P, z)) : den * z * poly4s(AT_F, z));
    } else if (kl && b == 0) {
      setSlot(acc, INF, slot(acc, INF) + 1);
    } else {
      addTo(acc, S_HI, kl ? scalarFarKl(x, b) : scalarFarJs(x, b));
    }
  }
}

/** The log loop's special test for one lane (farSpecial in scalar arithmetic). */
// @ts-ignore: decorator
@inline function logSpecialScalar(mode: i32, x: f64, b: f64): bool {
  if (mode == Pass.CarefulKl) {
    const r = x / b;
    return x > 0 && !(r >= MIN_NORMAL && r <= MAX_FINITE);
  }
  const g = 2.0 / max(x + b, MIN_NORMAL);
  return min(x * g, b * g) < MIN_NORMAL && min(x, b) > 0;
}

/** log(x/y) for x, y > 0 whose ratio may over- or underflow. */
// @ts-ignore: decorator
@inline function logQuotient(x: f64, y: f64): f64 {
  const r = x / y;
  return r >= MIN_NORMAL && r <= MAX_FINITE ? Math.log(r) : Math.log(x) - Math.log(y);
}

/** kl_div(x, b) for one far lane, b > 0, with logs that cannot over- or underflow. */
// @ts-ignore: decorator
@inline function scalarFarKl(x: f64, b: f64): f64 {
  if (x == 0) return b;
  return x * logQuotient(x, b) - x + b;
}

/** 2·φ(x, b) for one far lane: 2x·log(2x/den) + 2b·log(2b/den), den = x + b; 2·ln 2·(x + b) where one is 0. */
// @ts-ignore: decorator
@inline function scalarFarJs(x: f64, b: f64): f64 {
  if (x == 0 || b == 0) return (x + b) * (2.0 * LN2);
  const den = x + b;
  return (x + x) * logQuotient(x + x, den) + (b + b) * logQuotient(b + b, den);
}

const LN2: f64 = 0.6931471805599453;

export function carefulKlPass<T>(p: usize, q: usize, n: i32, acc: usize): void { carefulPass<T>(Pass.CarefulKl, p, q, n, acc); }
export function carefulJsPass<T>(p: usize, q: usize, n: i32, acc: usize): void { carefulPass<T>(Pass.CarefulJs, p, q, n, acc); }
export function totalVariationPass<T>(p: usize, q: usize, n: i32, acc: usize): void { carefulPass<T>(Pass.TotalVariation, p, q, n, acc); }
