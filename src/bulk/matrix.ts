// Matrices of histograms: one distribution per row, row-major, as the bulk functions
// take them. Rows are handed out as views, never copies.
import { InputRangeError, InputTypeError } from '../errors.js';
import type { Matrix, Vector } from '../types.js';
import { asMatrix, asVector } from '../validate.js';

export interface Rows {
  data: Float64Array | Float32Array;
  rows: number;
  cols: number;
}

/** A matrix argument, with number[] or integer data widened to f64 once. */
export function asRows(x: unknown, name: string): Rows {
  const m = asMatrix(x, name);
  const data = m.data instanceof Float64Array || m.data instanceof Float32Array ? m.data : Float64Array.from(m.data);
  return { data, rows: m.rows, cols: m.cols };
}

/** A single vector (to broadcast) or a matrix, told apart by shape. */
export function asRowsOrVector(x: unknown, name: string): Rows {
  if (ArrayBuffer.isView(x) || (Array.isArray(x) && x.length > 0 && typeof x[0] === 'number')) {
    const v = asVector(x, name);
    const data = v instanceof Float64Array || v instanceof Float32Array ? v : Float64Array.from(v);
    return { data, rows: 1, cols: v.length };
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

/**
 * Runs a single-pair call for rows i of P and j of Q, renaming its errors from p and q
 * to the rows they came from ("P[3] sums to 0", "Q[7][2] is NaN").
 */
export function forRows<T>(i: number, j: number, f: () => T, qName = 'Q'): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof InputRangeError || e instanceof InputTypeError)) throw e;
    const rename = (s: string) => s.replace(/\bp\b/g, `P[${i}]`).replace(/\bq\b/g, `${qName}[${j}]`);
    const Ctor = e instanceof InputRangeError ? InputRangeError : InputTypeError;
    throw new Ctor(rename(e.message), rename(e.argument), e.index);
  }
}

export type { Matrix, Vector };
