// The CLI's tables: named columns read from a file, whole or a chunk of rows at a time.
// Each column holds its cells as numbers (NaN where missing or not a number) and, where
// some cell is text, the text too; `numeric` says whether every cell present is a number.
// Missing cells (empty, NA, NaN, null) stay missing, never 0.

export class CliError extends Error {}

export interface Column {
  name: string;
  /** The cells as numbers: NaN where missing, and where a cell is not a number. */
  values: Float64Array;
  /** The cells as text (null where missing): present where some cell is not a number, or where a reader was asked to keep it. */
  cells?: (string | null)[];
  /** Every cell present is a number. */
  numeric: boolean;
}

export interface Table {
  file: string;
  columns: Column[];
  rows: number;
  /** Text files: the 1-based line of each row (errors name lines; binary files name rows)... */
  lines?: Int32Array;
  /** ...or, where the rows are on consecutive lines, the first one's. */
  firstLine?: number;
  /** The 0-based index of this table's first row in its file (a chunk of a streamed file). */
  firstRow: number;
}

/** Cells that mean "no value" (besides the empty cell). */
export const MISSING = new Set(['NA', 'N/A', 'NaN', 'nan', 'null', 'NULL']);
const INFINITY = /^[-+]?inf(inity)?$/i;

/**
 * A trimmed cell's number; NaN where it is missing or text (isMissing tells which). A
 * number is tried first: it is nearly every cell, and the streamed reader's hot path.
 */
export function cellNumber(s: string): number {
  if (s.length === 0) return NaN;
  const v = +s;
  if (v === v) return v;
  return INFINITY.test(s) ? (s.charCodeAt(0) === 45 ? -Infinity : Infinity) : NaN;
}

/** Is a trimmed cell missing? */
export const isMissing = (s: string) => s.length === 0 || MISSING.has(s);

/** Is a trimmed cell a number or missing (not text)? */
export const isNumberOrMissing = (s: string) => {
  const v = cellNumber(s);
  return v === v || isMissing(s);
};

/** A column from text cells (null where missing): its numbers, and the text when some cell is not a number. */
export function columnOfCells(name: string, cells: (string | null)[]): Column {
  const values = new Float64Array(cells.length);
  let numeric = true;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]?.trim() ?? null;
    const v = c === null ? NaN : cellNumber(c);
    values[i] = v;
    if (v === v) continue;
    if (c === null || isMissing(c)) cells[i] = null;
    else numeric = false;
  }
  return numeric ? { name, values, numeric } : { name, values, cells, numeric };
}

/** Where row i of a table is, for errors: its line in a text file, its row in a binary one. */
export function where(t: Table, i: number): string {
  if (t.lines) return `line ${t.lines[i]}`;
  return t.firstLine !== undefined ? `line ${t.firstLine + i}` : `row ${t.firstRow + i + 1}`;
}

/** A column's numbers (NaN where missing), or an error naming the file, line and column of the first cell that is not one. */
export function numbers(t: Table, col: Column): Float64Array {
  if (col.numeric) return col.values;
  const i = col.cells!.findIndex((c, k) => c !== null && col.values[k] !== col.values[k]);
  throw new CliError(`${t.file}: ${where(t, i)}, column ${col.name}: "${col.cells![i]}" is not a number`);
}

/** A column's text (numbers as written where the file had text; null where missing). */
export function texts(col: Column): (string | null)[] {
  return col.cells ?? Array.from(col.values, (v) => (v === v ? String(v) : null));
}

/** The columns named (by name or 1-based index), or all of them. */
export function pick(t: Pick<Table, 'file' | 'columns'>, names: string[] | undefined): Column[] {
  if (!names) return t.columns;
  return names.map((n) => {
    const col = t.columns.find((c) => c.name === n) ?? (/^\d+$/.test(n) ? t.columns[Number(n) - 1] : undefined);
    if (!col) throw new CliError(`${t.file}: no column ${n} (columns: ${t.columns.map((c) => c.name).join(', ')})`);
    return col;
  });
}

/** Typed arrays end to end, in one allocation. */
function joined<T extends Float64Array | Int32Array>(parts: T[], make: new (n: number) => T): T {
  if (parts.length === 1) return parts[0]!;
  const out = new make(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The chunks of one file as one table, each column's numbers joined once at the end.
 * A column's text is kept once some cell of it is text. Where that first happens after
 * an earlier chunk held only numbers, that chunk's text is rebuilt from its numbers
 * ("01" reads back as "1"): the price of not holding every numeric cell as a string.
 */
export async function concat(chunks: AsyncIterable<Table>): Promise<Table> {
  const all: Table[] = [];
  for await (const t of chunks) all.push(t);
  const first = all[0];
  if (!first) throw new Error('a reader gave no chunk');
  if (all.length === 1) return first;
  const columns = first.columns.map((c, j): Column => {
    const values = joined(all.map((t) => t.columns[j]!.values), Float64Array);
    if (all.every((t) => t.columns[j]!.numeric && !t.columns[j]!.cells)) return { name: c.name, values, numeric: true };
    const cells = all.flatMap((t) => texts(t.columns[j]!));
    return { name: c.name, values, cells, numeric: all.every((t) => t.columns[j]!.numeric) };
  });
  const rows = all.reduce((n, t) => n + t.rows, 0);
  // Lines: the first one where every chunk's rows follow on from the last's; else each row's.
  const consecutive = all.every((t, i) => t.firstLine !== undefined && (i === 0 || t.rows === 0 || t.firstLine === lastLine(all[i - 1]!) + 1));
  const where = first.lines || first.firstLine !== undefined ? (consecutive ? { firstLine: first.firstLine } : { lines: joined(all.map(lineNumbers), Int32Array) }) : {};
  return { file: first.file, columns, rows, ...where, firstRow: 0 };
}

const lastLine = (t: Table) => (t.lines ? t.lines[t.rows - 1]! : t.firstLine! + t.rows - 1);
const lineNumbers = (t: Table) => t.lines ?? Int32Array.from({ length: t.rows }, (_, i) => t.firstLine! + i);
