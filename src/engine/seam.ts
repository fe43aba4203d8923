// The seam between the measures and the code that runs over the data. It is cut per
// pass, not per measure: an engine runs a pass (a kind from assembly/modes.ts) over a
// range of one or two inputs and returns its sums; the measures (src/measures/) decide
// what the sums mean. Three engines implement it: WebAssembly with SIMD, WebAssembly
// without, and plain JS. A pass never throws for bad entries: it reports them
// (`negative`, non-finite totals) and the caller finds the culprit.
import type { Pass } from '../../assembly/modes.js';
import type { ModuleMemory } from './wasm/memory.js';
import type { Axis } from '../binning/axis.js';
import type { EdgeGrid } from '../binning/grid.js';
import type { Vector } from '../types.js';
import type { Sums } from './sums.js';

/** A backend: the SIMD WebAssembly kernels, the scalar WebAssembly ones, or plain JS. */
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
  const pRows = new Int32Array(to - from);
  for (let j = 0; j < pRows.length; j++) pRows[j] = from + j;
  const qRows = Q.rows === 1 ? new Int32Array(to - from) : pRows;
  return { P, Q, pRows, qRows };
}

/**
 * Pairs (P[i], Q[j]) for rows i in [i0, i1) of P, row by row, and j from 0 (or, for the
 * upper triangle of P against itself, from firstRow + i) to the end of Q.
 */
export function blockOfPairs(P: Rows, i0: number, i1: number, Q: Rows, firstRow?: number): PairsJob {
  const n = Q.rows;
  const start = (i: number) => (firstRow === undefined ? 0 : firstRow + i);
  let count = 0;
  for (let i = i0; i < i1; i++) count += n - start(i);
  const pRows = new Int32Array(count);
  const qRows = new Int32Array(count);
  let t = 0;
  for (let i = i0; i < i1; i++) {
    for (let j = start(i); j < n; j++, t++) {
      pRows[t] = i;
      qRows[t] = j;
    }
  }
  return { P, Q, pRows, qRows };
}

/** The pairs of `job` at the given positions, with their parameters. */
export function subset(job: PairsJob, at: ArrayLike<number>, params?: Float64Array): PairsJob {
  const pRows = new Int32Array(at.length);
  const qRows = new Int32Array(at.length);
  for (let k = 0; k < at.length; k++) {
    pRows[k] = job.pRows[at[k]!]!;
    qRows[k] = job.qRows[at[k]!]!;
  }
  return { P: job.P, Q: job.Q, pRows, qRows, params };
}

/** Parameters per pass (slots PARAM … PARAM + 3). */
export const PARAMS = 4;

export type Elementwise = 'relEntr' | 'klDiv';

/** Histogram counts and how many values fell outside the range (NaN and ±∞ included). */
export interface Counted {
  counts: Float64Array;
  outside: number;
}

/** Counts into arbitrary edges, with the values below, above and NaN apart. */
export interface EdgeCounted {
  counts: Float64Array;
  below: number;
  above: number;
  nan: number;
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
  /** Counts into arbitrary increasing edges (binning/grid.ts): quantile bins, edges given outright. */
  countEdges(values: () => Vector, grid: EdgeGrid): EdgeCounted;
  /** [min, max] of the finite entries; [+∞, −∞] if there are none. */
  finiteRange(values: Vector): [number, number];
  /** A typed array in this engine's memory (zero-copy input), where it has one. */
  allocate?(bytes: number): { buffer: () => ArrayBuffer; at: number; free(): void };
  /**
   * This engine's module memory, where it is shared with worker threads (they run the
   * same passes on it in place: src/threads/claim.ts); undefined elsewhere.
   */
  readonly shared?: ModuleMemory;
}
