import type { Matrix } from '../types.js';
import { diffOfProducts } from '../numeric/exact.js';
import { CERTIFY, EPS } from '../numeric/certify.js';
import { logRatio } from '../numeric/ratio.js';
import { h } from '../numeric/series.js';
import { Sum } from '../numeric/sum.js';

/**
 * I(X;Y) in nats = KL(joint ‖ product of marginals). Like KL, a fast pass certified by its
 * own error bound, else the careful Σ q̂·h(t) form with t from an exact n·N − r·c.
 * NaN if the table sums to 0.
 */
export function miNats({ data, rows, cols }: Matrix): number {
  const rowSums = new Float64Array(rows);
  const colSums = Array.from({ length: cols }, () => new Sum());
  const total = new Sum();
  for (let i = 0; i < rows; i++) {
    const row = new Sum();
    for (let j = 0; j < cols; j++) {
      const n = data[i * cols + j]!;
      row.add(n);
      colSums[j]!.add(n);
    }
    rowSums[i] = row.value;
    total.add(row.value);
  }
  const N = total.value;
  if (N === 0) return NaN;
  const c = Float64Array.from(colSums, (s) => s.value);
  const w = c.map((cj) => N / cj);

  const S = new Sum();
  let bound = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const n = data[i * cols + j]!;
      if (n === 0) continue;
      const L = Math.log((n / rowSums[i]!) * w[j]!);
      S.add(n * L);
      bound += n * (1 + Math.abs(L));
    }
  }
  const fast = S.value / N;
  if (fast < Infinity && fast > CERTIFY * EPS * ((3 * bound) / N + 1)) return fast;

  // t needs n·N − r·c exactly; one power of two brings N near 1 so the products of the
  // scaled counts cannot overflow (entries below 2^-1022·N underflow, and contribute
  // nothing measurable).
  const k = 2 ** -Math.floor(Math.log2(N));
  const Nk = N * k;
  const sum = new Sum();
  for (let i = 0; i < rows; i++) {
    const r = rowSums[i]!;
    if (r === 0) continue;
    for (let j = 0; j < cols; j++) {
      if (c[j] === 0) continue;
      const n = data[i * cols + j]!;
      const qh = (r / N) * (c[j]! / N);
      if (n === 0) {
        sum.add(qh);
        continue;
      }
      const ratio = (n / r) * w[j]!;
      if (ratio > 0.25 && ratio < 4) {
        const rk = r * k;
        const ck = c[j]! * k;
        sum.add(qh * h(diffOfProducts(n * k, Nk, rk, ck) / (rk * ck)));
      } else {
        const ph = n / N;
        sum.add(ph * logRatio(n * w[j]!, r) - ph + qh);
      }
    }
  }
  return sum.value;
}
