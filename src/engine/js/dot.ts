/**
 * out[i·rb + j] = Σ_k a[i][k]·b[j][k] over row-major a (ra rows) and b (rb rows): the
 * matrix product behind pairwise KL. Plain adds inside blocks of 64, compensated adds of
 * the block sums, as in the WASM kernel (assembly/dot.ts), so both meet one error bound.
 */
export function dotRowsJs(
  a: ArrayLike<number>,
  ra: number,
  b: ArrayLike<number>,
  rb: number,
  cols: number,
  out: Float64Array,
): void {
  for (let i = 0; i < ra; i++) {
    const ai = i * cols;
    for (let j = 0; j < rb; j++) {
      const bj = j * cols;
      let hi = 0;
      let lo = 0;
      for (let k = 0; k < cols; k += 64) {
        const end = Math.min(k + 64, cols);
        let s = 0;
        for (let m = k; m < end; m++) s += a[ai + m]! * b[bj + m]!;
        const t = hi + s;
        lo += Math.abs(hi) >= Math.abs(s) ? hi - t + s : s - t + hi;
        hi = t;
      }
      out[i * rb + j] = hi + lo;
    }
  }
}
