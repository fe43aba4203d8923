import type { RowBlock } from '../backend.js';
import type { Vector } from '../types.js';
import { diffOfProducts, exactRange } from './exact.js';
import { f } from './series.js';
import { Sum, type DoubleDouble } from './sum.js';

/**
 * Jensen–Shannon divergence in nats, as ¼·Σ s·f(t) with s = p̂ + q̂, t = (p̂ − q̂)/s.
 * Every term is ≥ 0, so the result never goes negative and nearly identical inputs keep
 * their digits. NaN if p or q sums to 0 with normalize.
 */
export function jsNats(p: Vector, q: Vector, normalize: boolean): number {
  const sum = new Sum();
  if (!normalize) {
    for (let i = 0; i < p.length; i++) {
      const a = p[i]!;
      const b = q[i]!;
      const s = a + b;
      if (s > 0) sum.add(s * f((a - b) / s));
    }
    return sum.value / 4;
  }
  const A = new Sum();
  const B = new Sum();
  for (let i = 0; i < p.length; i++) {
    A.add(p[i]!);
    B.add(q[i]!);
  }
  return jsNormalizedCareful(p, q, A.split(), B.split());
}

/**
 * The normalised sum, with A and B as double-doubles (as in klNormalizedCareful, a
 * common rounding of B/A would otherwise leave an error of its square).
 */
export function jsNormalizedCareful(p: Vector, q: Vector, [sa, saLo]: DoubleDouble, [sb, sbLo]: DoubleDouble): number {
  if (sa === 0 || sb === 0) return NaN;
  // p̂ − q̂ ∝ a·B − b·A; one exact power of two keeps those products finite.
  const scale = 2 ** -Math.floor(Math.log2(Math.max(sa, sb)));
  const As = sa * scale;
  const Bs = sb * scale;
  const AsLo = saLo * scale;
  const BsLo = sbLo * scale;
  const sum = new Sum();
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    const b = q[i]!;
    if (a === 0 && b === 0) continue;
    const x = a * Bs;
    const y = b * As;
    if (!(x + y > 0)) continue; // both underflowed: a weight below 2^-1074 of the total
    const close = x < 2 * y && y < 2 * x && exactRange(a, Bs, b, As);
    const diff = close ? diffOfProducts(a, Bs, b, As) + (a * BsLo - b * AsLo) : x - y;
    const t = diff / (x + y);
    sum.add((a / sa + b / sb) * f(t));
  }
  return sum.value / 4;
}

/** The JS backend's jsRows: the careful form on every pair, sums computed once per row. */
export function jsRowsJs(P: RowBlock, Q: RowBlock, normalize: boolean, firstRow: number | undefined, out: Float64Array): void {
  const k = P.cols;
  for (let i = 0; i < P.rows; i++) {
    const p = P.data.subarray(i * k, (i + 1) * k);
    for (let j = firstRow === undefined ? 0 : firstRow + i; j < Q.rows; j++) {
      const q = Q.data.subarray(j * k, (j + 1) * k);
      out[i * Q.rows + j] = normalize ? jsNormalizedCareful(p, q, P.sums[i]!, Q.sums[j]!) : jsNats(p, q, false);
    }
  }
}
