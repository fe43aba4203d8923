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
  data: Vector;
  rows: number;
  cols: number;
}

export interface Options {
  /** Logarithm base: e (nats) by default, 2 for bits, 10 for bans. */
  base?: number;
  /** Divide each input by its sum first (default true, as SciPy does). */
  normalize?: boolean;
}
