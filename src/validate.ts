import { InputRangeError, InputTypeError } from './errors.js';
import { inFreedMemory } from './engine/wasm/memory.js';
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

/**
 * Is this buffer detached (transferred, or a module-memory view from before the memory
 * grew)? A detached view reads as empty, so only empty views need the test. Node 20 has
 * no `ArrayBuffer.prototype.detached`; constructing a view of a detached buffer throws.
 */
export function isDetached(buffer: ArrayBufferLike): boolean {
  if (buffer.byteLength !== 0) return false;
  const flag = (buffer as { detached?: boolean }).detached;
  if (typeof flag === 'boolean') return flag;
  try {
    new Uint8Array(buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

/** %TypedArray%.prototype.keys: it validates its receiver, throwing for a detached or out-of-bounds view. */
const keysOf = Object.getPrototypeOf(Uint8Array.prototype).keys as (this: ArrayBufferView) => unknown;

/**
 * Is `x` a fixed-length view beyond the end of its resizable ArrayBuffer (the buffer was
 * shrunk under it)? Such a view reads as empty, as a detached one does.
 */
function outOfBounds(x: ArrayBufferView): boolean {
  if ((x.buffer as { resizable?: boolean }).resizable !== true) return false;
  try {
    keysOf.call(x);
    return false;
  } catch {
    return true;
  }
}

/**
 * Throws if the typed array `x` cannot be read as the caller meant it: a view of a
 * detached buffer or beyond the end of a shrunk resizable one (both read as empty), or a
 * view of module memory freed since (a freed allocF64/allocF32 array, which any later
 * allocation may overwrite).
 */
export function requireAttached(x: ArrayBufferView, name: string): void {
  if (x.byteLength === 0) {
    if (isDetached(x.buffer)) {
      throw new InputTypeError(
        `${name} is a view of a detached ArrayBuffer (transferred, or an allocF64/allocF32 view taken before module memory grew: read .array again)`,
        name,
      );
    }
    if (outOfBounds(x)) {
      throw new InputTypeError(
        `${name} is out of bounds: its resizable ArrayBuffer was shrunk below the view's end (a length-tracking view, new Float64Array(buffer), follows the buffer's length)`,
        name,
      );
    }
  }
  if (inFreedMemory(x)) {
    throw new InputTypeError(`${name} is a view of an allocF64/allocF32 array that was freed; it must not be used after free()`, name);
  }
}

/** Accepts a typed array of numbers or a number[]; anything else is a TypeError. */
export function asVector(x: unknown, name: string): Vector {
  if (isNumericTypedArray(x)) {
    requireAttached(x as ArrayBufferView, name);
    return x;
  }
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

/** "an" before a vowel sound, as far as class names go. */
function article(word: string): string {
  return /^[AEIOUaeiou]/.test(word) ? 'an' : 'a';
}

/**
 * A value as an error message shows it: what it is, so that a string "2" never reads
 * as the number 2 ("the string "2"", "the boolean true", "an ArrayBuffer", "undefined").
 */
export function describe(v: unknown): string {
  switch (typeof v) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return `the string ${JSON.stringify(v)}`;
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'boolean':
      return `the boolean ${v}`;
    case 'bigint':
      return `the bigint ${v}n`;
    case 'symbol':
      return `a symbol (${String(v.description)})`;
    case 'function':
      return 'a function';
  }
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  const name = (Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null)?.constructor?.name;
  if (!name || name === 'Object') return 'a plain object';
  return `${article(name)} ${name}`;
}

/** Edit distance (insertions, deletions, substitutions, swaps of neighbours). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The valid key nearest to `key`, if it is near enough to be a likely misspelling. */
function closest(key: string, valid: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const v of valid) {
    const d = distance(key, v);
    if (d < bestD) [best, bestD] = [v, d];
  }
  return bestD <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/**
 * Rejects keys of an options object that the function does not take: in plain JS a
 * misspelled `{ bsae: 2 }` would otherwise be ignored and the default used silently.
 */
export function requireKnownKeys(opts: object, valid: readonly string[], where = 'options'): void {
  for (const key of Object.keys(opts)) {
    if (valid.includes(key)) continue;
    const near = closest(key, valid);
    throw new InputTypeError(
      `${where}.${key} is not an option here${near ? `; did you mean ${where}.${near}?` : ''} (valid: ${valid.join(', ')})`,
      `${where}.${key}`,
    );
  }
}

/** The keys of `Options`: every reduction takes these. */
export const REDUCTION_KEYS = ['base', 'normalize', 'precision'] as const;

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

/**
 * Checks and resolves the options every reduction takes. `valid`: the keys this
 * function accepts (a bulk function adds `threads`, an accumulator `totals`).
 */
export function resolveOptions(opts: Options | undefined, valid: readonly string[] = REDUCTION_KEYS): Resolved {
  if (opts === undefined) return { logBase: 1, normalize: true, single: false };
  if (opts === null || typeof opts !== 'object') {
    throw new InputTypeError(`options must be an object, got ${describe(opts)}`, 'options');
  }
  requireKnownKeys(opts, valid);
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
    // describe(), not String(): a value's own toString may throw (a detached typed array's does).
    if (typeof m[key] !== 'number') throw new InputTypeError(`${name}.${key} must be a positive integer, got ${describe(m[key])}`, `${name}.${key}`);
    if (!Number.isInteger(m[key]) || m[key] < 1) {
      throw new InputRangeError(`${name}.${key} is ${describe(m[key])}; it must be a positive integer`, `${name}.${key}`);
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

/**
 * Throws an InputRangeError naming `argument` if a Float64Array of `entries` cannot be
 * had here: past the platform's typed-array length (2^32 elements on Node 20), or more
 * than it can allocate. Called before a result that size is needed, so that a too-large
 * request is a typed error up front, not a bare RangeError from deep inside the call.
 * The probe is never written, so it costs no memory. The platform's error is the `cause`.
 */
export function requireAllocatable(entries: number, argument: string, what: string): void {
  try {
    void new Float64Array(entries);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const err = new InputRangeError(
      `${what} would have ${entries.toExponential(3)} entries (${((entries * 8) / 2 ** 30).toFixed(1)} GiB as Float64Array), more than this platform can allocate`,
      argument,
    );
    // The platform's own words differ between engines ("Invalid typed array length: …" on
    // Node 20, "Array buffer allocation failed" on Node 24): kept as the cause.
    Object.defineProperty(err, 'cause', { value: e, configurable: true, writable: true });
    throw err;
  }
}
