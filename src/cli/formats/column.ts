// Turning a binary format's decoded values into a `Column`: numbers (NaN where missing)
// for numeric columns, text (null where missing) for the others.
import type { Column } from '../table.js';

/** A decoded value as a number: bigint and boolean converted, null/undefined as NaN. */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v); // beyond 2^53 this rounds, as NumPy's float64 would
  if (typeof v === 'boolean') return v ? 1 : 0;
  return NaN;
}

/** A decoded value as text: dates as ISO 8601, bytes as hex, nested values as JSON. */
export function toCell(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  if (typeof v === 'object') return JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x));
  return String(v);
}

/** A column from values in row order; binary formats have no lines (errors say "row N"). */
export function makeColumn(name: string, values: ArrayLike<unknown>, numeric: boolean): Column {
  return numeric
    ? { name, values: Float64Array.from({ length: values.length }, (_, i) => toNumber(values[i])), numeric: true }
    : { name, values: new Float64Array(values.length).fill(NaN), cells: Array.from({ length: values.length }, (_, i) => toCell(values[i])), numeric: false };
}
