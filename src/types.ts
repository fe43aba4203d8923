/** Any array of numbers the library accepts as a distribution or histogram. */
export type Vector =
  | Float64Array
  | Float32Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | readonly number[];

/** A joint histogram or contingency table: row-major `data` of `rows × cols`. */
export interface Matrix {
  /** rows × cols values, row by row: cell (i, j) is data[i·cols + j]. */
  data: Vector;
  /** The number of rows. */
  rows: number;
  /** The number of columns. */
  cols: number;
}

/** The options of the reductions (`klDivergence`, `entropy`, `mutualInformation`, …). */
export interface Options {
  /** Logarithm base: e (nats) by default, 2 for bits, 10 for bans. */
  base?: number;
  /** Divide each input by its sum first (default true, as SciPy does). */
  normalize?: boolean;
  /**
   * `'single'` lets `klDivergence`, `entropy` and `crossEntropy` on Float32Array input
   * compute in f32 lanes (with f64 sums), about twice as fast on the SIMD module, when
   * the pass's own error bound shows the result within 1e-6 relative of the double
   * answer; otherwise, and everywhere else, the double computation runs. Default
   * `'double'`: within 1e-13.
   */
  precision?: 'double' | 'single';
}
