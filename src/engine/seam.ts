// The seam between the measures and the code that runs over the data. It is cut per
// pass, not per measure: an engine runs a pass (a kind from assembly/modes.ts) over a
// range of one or two inputs and returns its sums; the measures (src/measures/) decide
// what the sums mean. Three engines implement it: WebAssembly with SIMD, WebAssembly
// without, and plain JS. A pass never throws for bad entries: it reports them
// (`negative`, non-finite totals) and the caller finds the culprit.
import type { Pass } from '../../assembly/modes.js';
import type { Axis } from '../binning/axis.js';
import type { Vector } from '../types.js';
import type { Sums } from './sums.js';

export type EngineName = 'wasm-simd' | 'wasm' | 'js';

/** Rows of a matrix, row-major, as the bulk functions hold them. */
export interface Rows {
  data: Float64Array | Float32Array;
  rows: number;
  cols: number;
}

/**
 * Many pairs of rows: pair j reads row pRows[j] of P and row qRows[j] of Q. `params`
 * holds PARAMS values per pair, written to the pass's parameter slots before its pass.
 */
export interface PairsJob {
  P: Rows;
  Q: Rows;
  pRows: Int32Array;
  qRows: Int32Array;
  params?: Float64Array;
}

/** Pairs (P[i], Q[i]) for i in [from, to), or (P[i], Q[0]) when Q is one row. */
export function alongRows(P: Rows, Q: Rows, from: number, to: number): PairsJob {
  const pRows = new Int32Array(to - from).map((_, j) => from + j);
  const qRows = Q.rows === 1 ? new Int32Array(to - from) : pRows;
  return { P, Q, pRows, qRows };
}

/** Pairs (P[i], Q[j]) for j in [j0, Q.rows): one row against many. */
export function againstRows(P: Rows, i: number, Q: Rows, j0: number): PairsJob {
  const qRows = new Int32Array(Q.rows - j0).map((_, j) => j0 + j);
  return { P, Q, pRows: new Int32Array(qRows.length).fill(i), qRows };
}

/** The pairs of `job` at the given positions, with their parameters. */
export function subset(job: PairsJob, at: ArrayLike<number>, params?: Float64Array): PairsJob {
  const pick = (rows: Int32Array) => Int32Array.from({ length: at.length }, (_, k) => rows[at[k]!]!);
  return { P: job.P, Q: job.Q, pRows: pick(job.pRows), qRows: pick(job.qRows), params };
}

/** Parameters per pass (slots PARAM … PARAM + 3). */
export const PARAMS = 4;

export type Elementwise = 'relEntr' | 'klDiv';

/** Histogram counts and how many values fell outside the range (NaN and ±∞ included). */
export interface Counted {
  counts: Float64Array;
  outside: number;
}

export interface Engine {
  readonly name: EngineName;
  /** One pass over [from, to) of p and q (q is ignored by one-input passes). */
  pass(kind: Pass, p: Vector, q: Vector, from: number, to: number, params?: ArrayLike<number>): Sums;
  /** The same pass over many pairs of rows; SLOTS (assembly/modes.ts) values per pair. */
  pairs(kind: Pass, job: PairsJob): Float64Array;
  /**
   * The single-precision pass (`precision: 'single'`) over Float32Array inputs, where
   * this engine has f32 lanes; undefined where it has none.
   */
  single?(kind: Pass.FastKl | Pass.FastXlogx, p: Float32Array, q: Float32Array): Sums;
  elementwise(kind: Elementwise, p: Vector, q: Vector, out: Float64Array): void;
  /** out[i·rb + j] = Σ_k a[i][k]·b[j][k] (row-major), with compensated block sums. */
  dotRows(a: Float64Array | Float32Array, ra: number, b: Float64Array, rb: number, cols: number, out: Float64Array): void;
  /** `values` gives the input each time it is called (see pin() in wasm/memory.ts). */
  count(values: () => Vector, axis: Axis): Counted;
  count2d(x: () => Vector, y: () => Vector, ax: Axis, ay: Axis): Counted;
  /** [min, max] of the finite entries; [+∞, −∞] if there are none. */
  finiteRange(values: Vector): [number, number];
  /** A typed array in this engine's memory (zero-copy input), where it has one. */
  allocate?(bytes: number): { buffer: () => ArrayBuffer; at: number; free(): void };
}
