import { InputRangeError, InputTypeError } from './errors.js';
import type { Matrix, Options, Vector } from './types.js';

const NUMERIC_ARRAYS = [
  Float64Array,
  Float32Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
];

function isNumericTypedArray(x: unknown): x is Vector {
  return NUMERIC_ARRAYS.some((ctor) => x instanceof ctor);
}

/** Accepts a typed array of numbers or a number[]; anything else is a TypeError. */
export function asVector(x: unknown, name: string): Vector {
  if (isNumericTypedArray(x)) return x;
  if (Array.isArray(x)) {
    // Checked here, once, so the kernels may assume every entry is a number.
    for (let i = 0; i < x.length; i++) {
      if (typeof x[i] !== 'number') {
        throw new InputTypeError(
          `${name}[${i}] is ${describe(x[i])}, expected a number`,
          name,
          i,
        );
      }
    }
    return x as number[];
  }
  throw new InputTypeError(
    `${name} must be a Float64Array, Float32Array, integer typed array or number[], got ${describe(x)}`,
    name,
  );
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return `a ${(v as object).constructor?.name ?? 'object'}`;
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  return `${typeof v} ${String(v)}`;
}

export function requireNonEmpty(x: Vector, name: string): void {
  if (x.length === 0) throw new InputRangeError(`${name} is empty`, name);
}

export function requireSameLength(p: Vector, q: Vector, pName = 'p', qName = 'q'): void {
  if (p.length !== q.length) {
    throw new InputRangeError(
      `${pName} and ${qName} differ in length (${p.length} vs ${q.length})`,
      qName,
    );
  }
}

/** Index of the first entry that is not a finite number ≥ 0, or -1. */
export function firstInvalid(x: Vector): number {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    // One comparison pair rejects NaN (all comparisons false), negatives and +∞.
    if (!(v >= 0 && v < Infinity)) return i;
  }
  return -1;
}

/**
 * Throws the error that explains why a reduction refused `x`; returns quietly if `x` is
 * acceptable. Only called after a backend reported bad input, so its cost is off the
 * fast path.
 */
export function explainInvalid(x: Vector, name: string, normalize: boolean): void {
  const i = firstInvalid(x);
  if (i >= 0) {
    const v = x[i]!;
    const what = Number.isNaN(v) ? 'NaN' : v < 0 ? `negative (${v})` : `${v}`;
    throw new InputRangeError(
      `${name}[${i}] is ${what}; entries must be finite and ≥ 0`,
      name,
      i,
    );
  }
  if (normalize && allZero(x)) {
    throw new InputRangeError(
      `${name} sums to 0 and cannot be normalised (pass normalize: false to use raw values)`,
      name,
    );
  }
}

function allZero(x: Vector): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) return false;
  return true;
}

export interface Resolved {
  /** ln(base): results in nats are divided by it. */
  logBase: number;
  normalize: boolean;
  /** `precision: 'single'` was asked for. */
  single: boolean;
}

export function resolveOptions(opts: Options | undefined): Resolved {
  if (opts === undefined) return { logBase: 1, normalize: true, single: false };
  if (opts === null || typeof opts !== 'object') {
    throw new InputTypeError(`options must be an object, got ${describe(opts)}`, 'options');
  }
  const { base, normalize = true, precision = 'double' } = opts;
  if (typeof normalize !== 'boolean') {
    throw new InputTypeError(
      `options.normalize must be a boolean, got ${describe(normalize)}`,
      'options.normalize',
    );
  }
  if (precision !== 'double' && precision !== 'single') {
    const Err = typeof precision === 'string' ? InputRangeError : InputTypeError;
    throw new Err(`options.precision must be 'double' or 'single', got ${describe(precision)}`, 'options.precision');
  }
  const single = precision === 'single';
  if (base === undefined) return { logBase: 1, normalize, single };
  if (typeof base !== 'number') {
    throw new InputTypeError(`options.base must be a number, got ${describe(base)}`, 'options.base');
  }
  if (!(base > 0 && base < Infinity) || base === 1) {
    throw new InputRangeError(
      `options.base is ${base}; it must be finite, > 0 and ≠ 1`,
      'options.base',
    );
  }
  return { logBase: base === Math.E ? 1 : Math.log(base), normalize, single };
}

/** A contingency table as `{ data, rows, cols }` or as an array of equal-length rows. */
export function asMatrix(x: unknown, name: string): Matrix {
  if (Array.isArray(x) && (x.length === 0 || typeof x[0] !== 'number')) {
    return fromRows(x, name);
  }
  if (x === null || typeof x !== 'object' || !('data' in x)) {
    throw new InputTypeError(
      `${name} must be { data, rows, cols } or an array of rows, got ${describe(x)}`,
      name,
    );
  }
  const m = x as Matrix;
  const data = asVector(m.data, `${name}.data`);
  for (const key of ['rows', 'cols'] as const) {
    if (!Number.isInteger(m[key]) || m[key] < 1) {
      throw new InputRangeError(
        `${name}.${key} is ${String(m[key])}; it must be a positive integer`,
        `${name}.${key}`,
      );
    }
  }
  if (data.length !== m.rows * m.cols) {
    throw new InputRangeError(
      `${name}.data has ${data.length} entries but rows × cols = ${m.rows * m.cols}`,
      `${name}.data`,
    );
  }
  return { data, rows: m.rows, cols: m.cols };
}

function fromRows(rows: unknown[], name: string): Matrix {
  if (rows.length === 0) throw new InputRangeError(`${name} has no rows`, name);
  const first = asVector(rows[0], `${name}[0]`);
  const cols = first.length;
  if (cols === 0) throw new InputRangeError(`${name}[0] is empty`, `${name}[0]`, 0);
  const data = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => {
    const r = asVector(row, `${name}[${i}]`);
    if (r.length !== cols) {
      throw new InputRangeError(
        `${name}[${i}] has ${r.length} entries, row 0 has ${cols}`,
        `${name}[${i}]`,
        i,
      );
    }
    data.set(r, i * cols);
  });
  return { data, rows: rows.length, cols };
}
