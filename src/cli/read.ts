// Reading the CLI's inputs into named columns: CSV and TSV (csv-parse, bundled into the
// CLI only), JSON (an array of numbers, of rows, of objects; or an object of columns),
// NDJSON, plain numbers one per line, and `-` for stdin. Missing cells (empty, NA, NaN,
// null) are kept as missing, never read as 0; a cell that is not a number in a column
// that must be numeric is an error naming the file, line and column.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export class CliError extends Error {}

export interface Column {
  name: string;
  /** Cells as given (strings), null where missing (empty for binary columns, which have `values`). */
  cells: (string | null)[];
  /** Binary inputs (.npy): the numbers themselves, NaN where missing. */
  values?: Float64Array;
  /** The 1-based line of each cell in its file (for errors). */
  lines: number[];
}

export interface Table {
  file: string;
  columns: Column[];
  rows: number;
}

const MISSING = new Set(['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL']);

function readBytes(file: string): Buffer {
  try {
    return file === '-' ? readFileSync(0) : readFileSync(file);
  } catch (e) {
    throw new CliError(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

const NPY_MAGIC = '\x93NUMPY';
/** NumPy dtypes read (little-endian, or single bytes): element size and reader. */
const NPY_TYPES: Record<string, [number, (v: DataView, at: number) => number]> = {
  f8: [8, (v, at) => v.getFloat64(at, true)],
  f4: [4, (v, at) => v.getFloat32(at, true)],
  i1: [1, (v, at) => v.getInt8(at)],
  u1: [1, (v, at) => v.getUint8(at)],
  b1: [1, (v, at) => v.getUint8(at)],
  i2: [2, (v, at) => v.getInt16(at, true)],
  u2: [2, (v, at) => v.getUint16(at, true)],
  i4: [4, (v, at) => v.getInt32(at, true)],
  u4: [4, (v, at) => v.getUint32(at, true)],
  i8: [8, (v, at) => Number(v.getBigInt64(at, true))],
  u8: [8, (v, at) => Number(v.getBigUint64(at, true))],
};

/** A NumPy .npy file (format versions 1–3, C order; 1-D: one column, 2-D: a column per axis-1 index). */
function parseNpy(file: string, bytes: Buffer): Table {
  if (bytes.subarray(0, 6).toString('latin1') !== NPY_MAGIC) throw new CliError(`${file}: not a .npy file (no NUMPY magic)`);
  const major = bytes[6]!;
  const lenBytes = major === 1 ? 2 : 4;
  const headerLen = lenBytes === 2 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = 8 + lenBytes;
  const header = bytes.subarray(start, start + headerLen).toString('latin1');
  const descr = /'descr':\s*'([<>|=])([a-z]\d+)'/.exec(header);
  const fortran = /'fortran_order':\s*True/.test(header);
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1]?.split(',').map((x) => x.trim()).filter(Boolean).map(Number);
  if (!descr || !shape) throw new CliError(`${file}: a .npy header this reader does not understand: ${header.trim()}`);
  if (descr[1] === '>') throw new CliError(`${file}: big-endian data (${descr[1]}${descr[2]}) is not read; save it little-endian`);
  const type = NPY_TYPES[descr[2]!];
  if (!type) throw new CliError(`${file}: dtype ${descr[2]} is not read (floats, integers and booleans are)`);
  if (fortran) throw new CliError(`${file}: Fortran-ordered data is not read; save it in C order (np.ascontiguousarray)`);
  if (shape.length > 2) throw new CliError(`${file}: ${shape.length}-D arrays are not read (1-D or 2-D)`);
  const [rows, cols] = [shape[0] ?? 1, shape[1] ?? 1];
  const [size, read] = type;
  const body = start + headerLen;
  if (bytes.length < body + rows * cols * size) throw new CliError(`${file}: the data is shorter than its shape (${shape.join('×')}) says`);
  const view = new DataView(bytes.buffer, bytes.byteOffset + body, rows * cols * size);
  const names = shape.length === 1 ? ['value'] : Array.from({ length: cols }, (_, j) => String(j + 1));
  const columns = names.map((name, j) => {
    const values = new Float64Array(rows);
    for (let i = 0; i < rows; i++) values[i] = read(view, (i * cols + j) * size);
    return { name, cells: [], values, lines: [] };
  });
  return { file, columns, rows };
}

function readText(file: string): string {
  return readBytes(file).toString('utf8');
}

const isNumber = (s: string) => s.trim() !== '' && Number.isFinite(Number(s.trim())) || /^\s*[-+]?(inf|infinity)\s*$/i.test(s);

function fromRows(file: string, rows: unknown[][], header: string[] | undefined, firstLine: number): Table {
  const width = header?.length ?? rows[0]?.length ?? 0;
  rows.forEach((r, i) => {
    if (r.length !== width) throw new CliError(`${file}: line ${firstLine + i}: ${r.length} fields where the ${header ? 'header has' : 'first row has'} ${width} (a ragged row)`);
  });
  const names = header ?? Array.from({ length: width }, (_, j) => String(j + 1));
  const columns = names.map((name, j) => ({
    name,
    cells: rows.map((r) => {
      const v = r[j];
      if (v === null || v === undefined) return null;
      const s = String(v);
      return MISSING.has(s.trim()) ? null : s;
    }),
    lines: rows.map((_, i) => firstLine + i),
  }));
  return { file, columns, rows: rows.length };
}

function parseJson(file: string, text: string): Table {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  if (Array.isArray(data)) {
    if (data.length === 0) throw new CliError(`${file}: an empty array`);
    if (data.every((x) => typeof x === 'number' || x === null)) return fromRows(file, data.map((x) => [x]), ['value'], 1);
    if (data.every(Array.isArray)) return fromRows(file, data as unknown[][], undefined, 1);
    if (data.every((x) => typeof x === 'object' && x !== null)) {
      const names = [...new Set(data.flatMap((o) => Object.keys(o as object)))];
      return fromRows(file, data.map((o) => names.map((n) => (o as Record<string, unknown>)[n] ?? null)), names, 1);
    }
  } else if (typeof data === 'object' && data !== null) {
    const cols = Object.entries(data as Record<string, unknown>);
    if (cols.every(([, v]) => Array.isArray(v))) {
      const n = (cols[0]?.[1] as unknown[] | undefined)?.length ?? 0;
      for (const [k, v] of cols) if ((v as unknown[]).length !== n) throw new CliError(`${file}: column ${k} has ${(v as unknown[]).length} values where ${cols[0]![0]} has ${n}`);
      return fromRows(file, Array.from({ length: n }, (_, i) => cols.map(([, v]) => (v as unknown[])[i])), cols.map(([k]) => k), 1);
    }
  }
  throw new CliError(`${file}: JSON must be an array of numbers, of rows or of objects, or an object of columns`);
}

function parseNdjson(file: string, text: string): Table {
  const lines = text.split('\n');
  const rows: unknown[] = [];
  lines.forEach((l, i) => {
    if (l.trim() === '') return;
    try {
      rows.push(JSON.parse(l));
    } catch {
      throw new CliError(`${file}: line ${i + 1}: not valid JSON`);
    }
  });
  return parseJson(file, JSON.stringify(rows));
}

/** A file as a table, its format from the extension (or, for plain text and stdin, its content). */
export function readTable(file: string, opts: { header?: boolean } = {}): Table {
  if (file.toLowerCase().endsWith('.npy')) return parseNpy(file, readBytes(file));
  if (file.toLowerCase().endsWith('.npz')) throw new CliError(`${file}: .npz archives are not read yet; save each array with np.save`);
  const text = readText(file);
  if (text.trim() === '') throw new CliError(`${file}: the file is empty`);
  const ext = file.toLowerCase().match(/\.([a-z]+)$/)?.[1] ?? '';
  if (ext === 'json' || (ext === '' && /^\s*[[{]/.test(text) && !text.includes('\n{'))) return parseJson(file, text);
  if (ext === 'ndjson' || ext === 'jsonl' || (ext === '' && /^\s*\{/.test(text))) return parseNdjson(file, text);
  const lines = text.split(/\r?\n/);
  if (ext !== 'csv' && ext !== 'tsv' && lines.every((l) => l.trim() === '' || isNumber(l) || MISSING.has(l.trim()))) {
    // Plain numbers, one per line.
    const kept = lines.map((l, i) => [l, i + 1] as const).filter(([l], i) => !(l.trim() === '' && i === lines.length - 1));
    return { file, columns: [{ name: 'value', cells: kept.map(([l]) => (MISSING.has(l.trim()) ? null : l.trim())), lines: kept.map(([, i]) => i) }], rows: kept.length };
  }
  const first = lines[0] ?? '';
  // Tab for .tsv (or a first line with tabs); semicolons where the first line has them and no comma.
  const delimiter = ext === 'tsv' || (ext !== 'csv' && first.includes('\t')) ? '\t' : first.includes(';') && !first.includes(',') ? ';' : ',';
  let rows: string[][];
  try {
    rows = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as string[][];
  } catch (e) {
    throw new CliError(`${file}: ${(e as Error).message}`);
  }
  if (delimiter === ';' && rows.some((r) => r.some((c) => /^[-+]?\d+,\d+$/.test(c)))) {
    throw new CliError(`${file}: numbers with a comma decimal separator ("1,5") are not read; write them with a point ("1.5")`);
  }
  // As xsv and csvkit: the first row is the header, unless it is all numbers (or --no-header).
  const header = opts.header ?? !rows[0]!.every((c) => isNumber(c) || MISSING.has(c));
  return header ? fromRows(file, rows.slice(1), rows[0], 2) : fromRows(file, rows, undefined, 1);
}

/** A column's cells as numbers (NaN where missing), or an error naming the file, line and column of the first that is not one. */
export function numbers(table: Table, col: Column): Float64Array {
  if (col.values) return col.values;
  return Float64Array.from(col.cells, (c, i) => {
    if (c === null) return NaN;
    const t = c.trim();
    if (/^[-+]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
    const v = Number(t);
    if (t === '' || !Number.isFinite(v)) throw new CliError(`${table.file}: line ${col.lines[i]}, column ${col.name}: "${c}" is not a number`);
    return v;
  });
}

/** Is every non-missing cell a number? */
export function isNumeric(col: Column): boolean {
  return col.values !== undefined || col.cells.every((c) => c === null || isNumber(c));
}

/** The columns named (by name or 1-based index), or all of them. */
export function pick(table: Table, names: string[] | undefined): Column[] {
  if (!names) return table.columns;
  return names.map((n) => {
    const byName = table.columns.find((c) => c.name === n);
    const byIndex = /^\d+$/.test(n) ? table.columns[Number(n) - 1] : undefined;
    const col = byName ?? byIndex;
    if (!col) throw new CliError(`${table.file}: no column ${n} (columns: ${table.columns.map((c) => c.name).join(', ')})`);
    return col;
  });
}
