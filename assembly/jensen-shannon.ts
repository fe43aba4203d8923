// Jensen–Shannon fast pass over inputs already validated and summed (sumsPass).
// With v = p̂/m and u = q̂/m (m = (p̂ + q̂)/2, so v + u = 2), the divergence is
// ¼·Σ w·(v·log v + u·log u), w = p̂ + q̂. v and u come from a·B and b·A so that one
// division serves both.
import { BLOCK, BOUND, MIN_NORMAL, PARAM, SCRATCH, S_HI, S_LO, SPECIAL, addTo, flush, hsum, load1, load2, setSlot, slot, twoSumErr } from './common';
import { logNormal } from './log';

/** v·log v + u·log u for one element, and its scale |v·log v| + |u·log u|, into out. */
// @ts-ignore: decorator
@inline function jsParts(a: f64, b: f64, As: f64, Bs: f64, out: usize): void {
  const x = a * Bs;
  const y = b * As;
  const inv = 2.0 / (x + y);
  const fv = x > 0 ? x * inv * Math.log(x * inv) : 0;
  const fu = y > 0 ? y * inv * Math.log(y * inv) : 0;
  store<f64>(out, fv + fu);
  store<f64>(out, Math.abs(fv) + Math.abs(fu), 8);
}

// @ts-ignore: decorator
@inline function clampedLogTimes(v: v128, lo: v128): v128 {
  return f64x2.mul(v, logNormal(f64x2.pmax(lo, v)));
}

export function jsPass<T>(p: usize, q: usize, n: i32, acc: usize): void {
  const invA = slot(acc, PARAM), invB = slot(acc, PARAM + 1);
  const As = slot(acc, PARAM + 2), Bs = slot(acc, PARAM + 3);
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const n2 = n & ~1;
    const zero = f64x2.splat(0.0);
    const lo = f64x2.splat(MIN_NORMAL);
    const vA = f64x2.splat(As), vB = f64x2.splat(Bs), vIA = f64x2.splat(invA), vIB = f64x2.splat(invB);
    let sHi = zero, sLo = zero, bound = zero, special = zero;
    while (i < n2) {
      const end = min(i + 2 * BLOCK, n2);
      let s = zero;
      for (; i < end; i += 2) {
        const a = load2<T>(p, i);
        const b = load2<T>(q, i);
        const x = f64x2.mul(a, vB);
        const y = f64x2.mul(b, vA);
        const sum = f64x2.add(x, y);
        const live = f64x2.gt(sum, zero);
        const inv = f64x2.div(f64x2.splat(2.0), sum);
        // Dead lanes (a = b = 0) would be 0·∞: zero them. v or u in (0, MIN_NORMAL) are
        // clamped for the log and redone in scalar code below.
        const v = v128.and(f64x2.mul(x, inv), live);
        const u = v128.and(f64x2.mul(y, inv), live);
        special = v128.or(special, v128.or(
          v128.and(f64x2.gt(v, zero), f64x2.lt(v, lo)),
          v128.and(f64x2.gt(u, zero), f64x2.lt(u, lo)),
        ));
        const fv = clampedLogTimes(v, lo);
        const fu = clampedLogTimes(u, lo);
        const w = f64x2.add(f64x2.mul(a, vIA), f64x2.mul(b, vIB));
        s = f64x2.add(s, f64x2.mul(w, f64x2.add(fv, fu)));
        bound = f64x2.add(bound, f64x2.mul(w, f64x2.add(f64x2.abs(fv), f64x2.abs(fu))));
      }
      const t = f64x2.add(sHi, s); sLo = f64x2.add(sLo, twoSumErr(sHi, s, t)); sHi = t;
    }
    flush(acc, S_HI, sHi, sLo);
    setSlot(acc, BOUND, slot(acc, BOUND) + hsum(bound));
    if (v128.any_true(special)) {
      for (let j = 0; j < n2; j++) {
        const a = load1<T>(p, j);
        const b = load1<T>(q, j);
        const x = a * Bs, y = b * As;
        const inv = 2.0 / (x + y);
        const v = x * inv, u = y * inv;
        if (!((v > 0 && v < MIN_NORMAL) || (u > 0 && u < MIN_NORMAL))) continue;
        const w = a * invA + b * invB;
        const clamped = w * (v * Math.log(Math.max(v, MIN_NORMAL)) + u * Math.log(Math.max(u, MIN_NORMAL)));
        jsParts(a, b, As, Bs, acc + (SCRATCH << 3));
        addTo(acc, S_HI, w * slot(acc, SCRATCH) - clamped);
        setSlot(acc, SPECIAL, slot(acc, SPECIAL) + 1);
      }
    }
  }
  let s = slot(acc, S_HI), sc = slot(acc, S_LO), bound = slot(acc, BOUND);
  const parts = acc + (SCRATCH << 3);
  for (; i < n; i++) {
    const a = load1<T>(p, i);
    const b = load1<T>(q, i);
    jsParts(a, b, As, Bs, parts);
    const w = a * invA + b * invB;
    const term = w * slot(acc, SCRATCH);
    const t = s + term; sc += Math.abs(s) >= Math.abs(term) ? s - t + term : term - t + s; s = t;
    bound += w * slot(acc, SCRATCH + 1);
  }
  setSlot(acc, S_HI, s); setSlot(acc, S_LO, sc); setSlot(acc, BOUND, bound);
}
