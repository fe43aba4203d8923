// The tables drift() takes: an object of named columns (typed arrays, number[] with
// null for missing, string[]), or an Apache Arrow Table, duck-typed (schema.fields and
// getChild(name)) so that Arrow stays the caller's dependency, not this package's.
import { InputRangeError, InputTypeError } from '../errors.js';
import { describe, requireAttached } from '../validate.js';
import { isMissing } from './categories.js';

/**
 * One column of a table: numbers (a typed array, or number[] with null, undefined or
 * NaN for missing), or strings (then categorical; '' is missing). Integers may come as
 * BigInt (a BigInt64Array or BigUint64Array, as Arrow's int64 columns give, or bigint
 * entries): each must be a value a double holds exactly, else an InputRangeError.
 */
export type Column = ArrayLike<number> | BigInt64Array | BigUint64Array | readonly (string | number | bigint | null | undefined)[];
/** What `drift()` and `DriftMonitor` take: an object of named columns, or an Apache Arrow Table. */
export type Table = Readonly<Record<string, Column>> | ArrowTableLike;

/** What drift() reads of an Arrow Table. */
export interface ArrowTableLike {
  /** The table's schema. */
  schema: {
    /** The columns, in order; only their names are read. */
    fields: readonly {
      /** The column's name. */
      name: string;
    }[];
  };
  /** The column called `name` (a Vector of Arrow), or null. */
  getChild(name: string): {
    /** The number of rows. */
    length: number;
    /** The number of nulls; when > 0 the values are read by iterating, not from `toArray()`. */
    nullCount?: number;
    /** The values as an array (a null reads as 0 here, hence `nullCount`). */
    toArray(): ArrayLike<unknown>;
    /** The values one by one, null for missing. */
    [Symbol.iterator](): Iterator<unknown>;
  } | null;
}

const isArrow = (t: unknown): t is ArrowTableLike =>
  typeof t === 'object' && t !== null && typeof (t as ArrowTableLike).getChild === 'function' && Array.isArray((t as ArrowTableLike).schema?.fields);

/** The columns of a table by name, in its order. `role` names it in errors ('reference', 'current'). */
export function columnsOf(t: unknown, role: string): Map<string, ArrayLike<unknown>> {
  const out = new Map<string, ArrayLike<unknown>>();
  if (isArrow(t)) {
    for (const { name } of t.schema.fields) {
      const child = t.getChild(name)!;
      // toArray() gives the values buffer, where a null reads as 0; iterate where there are nulls.
      out.set(name, child.nullCount ? Array.from(child as Iterable<unknown>) : child.toArray());
    }
    return out;
  }
  if (t === null || typeof t !== 'object' || Array.isArray(t) || ArrayBuffer.isView(t)) {
    throw new InputTypeError(`${role} must be an object of named columns or an Arrow Table, got ${describe(t)}`, role);
  }
  for (const [name, col] of Object.entries(t as Record<string, unknown>)) {
    if (!Array.isArray(col) && !(ArrayBuffer.isView(col) && !(col instanceof DataView))) {
      throw new InputTypeError(`${role}.${name} must be an array or a typed array, got ${describe(col)}`, `${role}.${name}`);
    }
    if (ArrayBuffer.isView(col)) requireAttached(col, `${role}.${name}`);
    out.set(name, col as ArrayLike<unknown>);
  }
  return out;
}

/** 'categorical' if any value of the column is a string, else 'numeric'. */
export function kindOf(col: ArrayLike<unknown>): 'numeric' | 'categorical' {
  if (ArrayBuffer.isView(col)) return 'numeric';
  for (let i = 0; i < col.length; i++) if (typeof col[i] === 'string' && col[i] !== '') return 'categorical';
  return 'numeric';
}

/**
 * A numeric column's values as f64 (missing as NaN); a string in it is an error naming the
 * column and row. Integers given as BigInt (a BigInt64Array, or Arrow's int64 columns,
 * whose toArray() is one) are taken where a double holds them exactly, |v| ≤ 2^53 or a
 * multiple of a large enough power of 2; a value a double would round is an
 * InputRangeError naming column and row, since a rounded value can land in the wrong bin.
 * `offset`: the row of col[0] in the whole table, for error messages (a worker's shard
 * starts past 0).
 */
export function numericValues(col: ArrayLike<unknown>, name: string, offset = 0): Float64Array {
  if (col instanceof Float64Array) return col;
  const big = col instanceof BigInt64Array || col instanceof BigUint64Array;
  if (ArrayBuffer.isView(col) && !big) return Float64Array.from(col as ArrayLike<number>);
  const out = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (typeof v === 'number') out[i] = v;
    else if (typeof v === 'bigint') out[i] = exactNumber(v, name, i + offset);
    else if (isMissing(v)) out[i] = NaN;
    else throw new InputTypeError(`${name}[${i + offset}] is ${describe(v)} in a numeric column`, name, i + offset);
  }
  return out;
}

function exactNumber(v: bigint, name: string, row: number): number {
  const x = Number(v);
  if (!Number.isFinite(x) || BigInt(x) !== v) throw new InputRangeError(`${name}[${row}] is ${v}n, which a double cannot hold exactly (it would be ${x})`, name, row);
  return x;
}

/**
 * The columns to compare: `wanted` (options.columns, unchecked caller input), or every
 * column of the reference; each must be in both tables. A bad entry of options.columns is
 * blamed on options.columns and its index; a column missing from the current table, on
 * current.<name>.
 */
export function selected(ref: Map<string, unknown>, cur: Map<string, unknown> | undefined, wanted: unknown): string[] {
  if (wanted !== undefined && !Array.isArray(wanted)) {
    throw new InputTypeError(`options.columns must be an array of column names, got ${describe(wanted)}`, 'options.columns');
  }
  const names: string[] = [];
  if (wanted === undefined) names.push(...ref.keys());
  else {
    // A for loop, not for-of: a sparse array's holes are entries too, and undefined is not a name.
    for (let i = 0; i < wanted.length; i++) {
      const name: unknown = wanted[i];
      if (typeof name !== 'string') throw new InputTypeError(`options.columns[${i}] is ${describe(name)}; column names are strings`, 'options.columns', i);
      if (!ref.has(name)) throw new InputRangeError(`options.columns[${i}]: column ${JSON.stringify(name)} is not in the reference`, 'options.columns', i);
      names.push(name);
    }
  }
  if (names.length === 0) throw new InputRangeError('there are no columns to compare', 'options.columns');
  if (cur) {
    for (const name of names) {
      if (!cur.has(name)) throw new InputRangeError(`column ${JSON.stringify(name)} is not in the current data`, `current.${name}`);
    }
  }
  return names;
}
