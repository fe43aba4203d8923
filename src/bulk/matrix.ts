// Matrices of histograms: one distribution per row, row-major, as the bulk functions
// take them. Rows are handed out as views, never copies.
import type { Rows } from '../engine/seam.js';
import { inModuleMemory } from '../engine/wasm/memory.js';
import { InputRangeError } from '../errors.js';
import type { Matrix, Vector } from '../types.js';
import { asMatrix, asVector } from '../validate.js';

export type { Rows };

/**
 * A matrix argument, with number[] or integer data widened to f64 once. Data in module
 * memory (allocF64) is copied out: the bulk functions allocate working space there, and
 * growing it would detach the caller's view while rows of it are still in use.
 */
export function asRows(x: unknown, name: string): Rows {
  const m = asMatrix(x, name);
  return { data: ownData(m.data), rows: m.rows, cols: m.cols };
}

function ownData(v: Vector): Float64Array | Float32Array {
  if (inModuleMemory(v)) return v.slice();
  return v instanceof Float64Array || v instanceof Float32Array ? v : Float64Array.from(v);
}

/** A single vector (to broadcast) or a matrix, told apart by shape. */
export function asRowsOrVector(x: unknown, name: string): Rows {
  if (ArrayBuffer.isView(x) || (Array.isArray(x) && x.length > 0 && typeof x[0] === 'number')) {
    const v = asVector(x, name);
    return { data: ownData(v), rows: 1, cols: v.length };
  }
  return asRows(x, name);
}

/** Rows [from, to) as a matrix of their own (a view). */
export function slice(m: Rows, from: number, to: number): Rows {
  return { data: m.data.subarray(from * m.cols, to * m.cols), rows: to - from, cols: m.cols };
}

export function row(m: Rows, i: number): Float64Array | Float32Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

export function requireSameCols(P: Rows, Q: Rows): void {
  if (P.cols !== Q.cols) {
    throw new InputRangeError(`P and Q rows differ in length (${P.cols} vs ${Q.cols} events)`, 'Q');
  }
}

/** What errors call row i of P and row j of Q (or of P, when P is compared with itself). */
export function rowNames(i: number, j: number, qName = 'Q'): readonly [string, string] {
  return [`P[${i}]`, `${qName}[${j}]`];
}

export type { Matrix, Vector };
