import { A_HI, A_LO, B_HI, B_LO, BLOCK, NEGATIVE, flush, load1, load2, noteSigns, setSlot, slot, twoSumErr } from './common';

/** Σp and Σq, compensated, with the sign-bit check: the first pass of normalised JS. */
export function sumsPass<T>(p: usize, q: usize, n: i32, acc: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const n4 = n & ~3;
    const zero = f64x2.splat(0.0);
    let aHi = zero, aLo = zero, bHi = zero, bLo = zero, signs = zero;
    while (i < n4) {
      const end = min(i + 4 * BLOCK, n4);
      let sa = zero, sb = zero;
      for (; i < end; i += 4) {
        const x0 = load2<T>(p, i);
        const y0 = load2<T>(q, i);
        const x1 = load2<T>(p, i + 2);
        const y1 = load2<T>(q, i + 2);
        signs = v128.or(signs, v128.or(v128.or(x0, y0), v128.or(x1, y1)));
        sa = f64x2.add(sa, f64x2.add(x0, x1));
        sb = f64x2.add(sb, f64x2.add(y0, y1));
      }
      let t = f64x2.add(aHi, sa); aLo = f64x2.add(aLo, twoSumErr(aHi, sa, t)); aHi = t;
      t = f64x2.add(bHi, sb); bLo = f64x2.add(bLo, twoSumErr(bHi, sb, t)); bHi = t;
    }
    flush(acc, A_HI, aHi, aLo);
    flush(acc, B_HI, bHi, bLo);
    noteSigns(acc, signs);
  }
  let a1 = slot(acc, A_HI), ac = slot(acc, A_LO);
  let b1 = slot(acc, B_HI), bc = slot(acc, B_LO);
  let bad = false;
  for (; i < n; i++) {
    const a = load1<T>(p, i);
    const b = load1<T>(q, i);
    bad = bad || !(a >= 0) || !(b >= 0);
    let t = a1 + a; ac += Math.abs(a1) >= Math.abs(a) ? a1 - t + a : a - t + a1; a1 = t;
    t = b1 + b; bc += Math.abs(b1) >= Math.abs(b) ? b1 - t + b : b - t + b1; b1 = t;
  }
  setSlot(acc, A_HI, a1); setSlot(acc, A_LO, ac);
  setSlot(acc, B_HI, b1); setSlot(acc, B_LO, bc);
  if (bad) setSlot(acc, NEGATIVE, 1);
}
