// The Hellinger pass: the squared Hellinger distance and the Bhattacharyya coefficient of
// two inputs in a form that does not cancel when P ≈ Q. With x = a·ρ′ (ρ′ ≈ B/A) each
// term is t² with t = √x − √b written as (a·ρ′ − b)/(√x + √b): the numerator formed
// exactly (careful.ts, numerator), so t keeps its digits where √x and √b agree to all of
// theirs, where 1 − Σ√(p̂q̂) would keep none. Every term is ≥ 0.
//
// The sums: S = Σ t², N = Σ (a·ρ′ − b), D = Σ t·√x (ρ′ times dS/dρ′), AUX = Σ √x·√b.
// The wrapper (src/measures/hellinger.ts) corrects S to the exact ρ = B/A to first order
// with N and D, as the other careful passes do with N. The JS twin is hellingerPass in
// src/engine/js/passes.ts. f64 only (modes.ts, FIRST_F64_ONLY); no logarithm, no branch.
import { AUX_HI, BLOCK, D_HI, MIN_NORMAL, N_HI, PARAM, S_HI, addTo, flush, slot, twoSumErr } from './common';
import { numerator, numeratorScalar } from './careful';

export function hellingerPass(p: usize, q: usize, n: i32, acc: usize): void {
  const rhS = slot(acc, PARAM), rmS = slot(acc, PARAM + 1), rhoS = slot(acc, PARAM + 2);
  let i = 0;
  const n2 = n & ~1;
  if (ASC_FEATURE_SIMD) {
    const rh = f64x2.splat(rhS), rm = f64x2.splat(rmS), rho = f64x2.splat(rhoS);
    const zero = f64x2.splat(0.0);
    const tiny = f64x2.splat(MIN_NORMAL);
    let sHi = zero, sLo = zero, nHi = zero, nLo = zero, dHi = zero, dLo = zero, xHi = zero, xLo = zero;
    while (i < n2) {
      const end = min(i + 2 * BLOCK, n2);
      let sb = zero, nb = zero, db = zero, xb = zero;
      for (; i < end; i += 2) {
        const a = v128.load(p + (<usize>i << 3)), b = v128.load(q + (<usize>i << 3));
        const nv = numerator(a, b, rh, rm);
        const rx = f64x2.sqrt(f64x2.mul(a, rho)), rb = f64x2.sqrt(b);
        // a = b = 0 gives 0/tiny = 0: the lane adds nothing.
        const t = f64x2.div(nv, f64x2.max(f64x2.add(rx, rb), tiny));
        sb = f64x2.add(sb, f64x2.mul(t, t));
        nb = f64x2.add(nb, nv);
        db = f64x2.add(db, f64x2.mul(t, rx));
        xb = f64x2.add(xb, f64x2.mul(rx, rb));
      }
      let u = f64x2.add(sHi, sb); sLo = f64x2.add(sLo, twoSumErr(sHi, sb, u)); sHi = u;
      u = f64x2.add(nHi, nb); nLo = f64x2.add(nLo, twoSumErr(nHi, nb, u)); nHi = u;
      u = f64x2.add(dHi, db); dLo = f64x2.add(dLo, twoSumErr(dHi, db, u)); dHi = u;
      u = f64x2.add(xHi, xb); xLo = f64x2.add(xLo, twoSumErr(xHi, xb, u)); xHi = u;
    }
    flush(acc, S_HI, sHi, sLo);
    flush(acc, N_HI, nHi, nLo);
    flush(acc, D_HI, dHi, dLo);
    flush(acc, AUX_HI, xHi, xLo);
  }
  // The last element, and all of them in the scalar build.
  for (; i < n; i++) {
    const a = load<f64>(p + (<usize>i << 3)), b = load<f64>(q + (<usize>i << 3));
    const nv = numeratorScalar(a, b, rhS, rmS);
    const rx = Math.sqrt(a * rhoS), rb = Math.sqrt(b);
    const t = nv / max(rx + rb, MIN_NORMAL);
    addTo(acc, S_HI, t * t);
    addTo(acc, N_HI, nv);
    addTo(acc, D_HI, t * rx);
    addTo(acc, AUX_HI, rx * rb);
  }
}
