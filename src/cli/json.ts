// JSON (an array of numbers, of rows or of objects; or an object of columns) and NDJSON
// (one JSON value a line), read whole: JSON has no rows to cut at, and NDJSON files are
// in practice small enough (the streamed formats are CSV, TSV and plain numbers).
import { CliError, columnOfCells, type Table } from './table.js';

function fromRows(file: string, rows: unknown[][], header: string[] | undefined): Table {
  const width = header?.length ?? rows[0]?.length ?? 0;
  rows.forEach((r, i) => {
    if (r.length !== width) throw new CliError(`${file}: row ${i + 1}: ${r.length} fields where the ${header ? 'header has' : 'first row has'} ${width} (a ragged row)`);
  });
  const names = header ?? Array.from({ length: width }, (_, j) => String(j + 1));
  const columns = names.map((name, j) => columnOfCells(name, rows.map((r) => (r[j] === null || r[j] === undefined ? null : String(r[j])))));
  return { file, columns, rows: rows.length, firstRow: 0 };
}

function fromValue(file: string, data: unknown): Table {
  if (Array.isArray(data)) {
    if (data.length === 0) throw new CliError(`${file}: an empty array`);
    if (data.every((x) => typeof x === 'number' || x === null)) return fromRows(file, data.map((x) => [x]), ['value']);
    if (data.every(Array.isArray)) return fromRows(file, data as unknown[][], undefined);
    if (data.every((x) => typeof x === 'object' && x !== null)) {
      const names = [...new Set(data.flatMap((o) => Object.keys(o as object)))];
      return fromRows(file, data.map((o) => names.map((n) => (o as Record<string, unknown>)[n] ?? null)), names);
    }
  } else if (typeof data === 'object' && data !== null) {
    const cols = Object.entries(data as Record<string, unknown>);
    if (cols.every(([, v]) => Array.isArray(v))) {
      const n = (cols[0]?.[1] as unknown[] | undefined)?.length ?? 0;
      for (const [k, v] of cols) if ((v as unknown[]).length !== n) throw new CliError(`${file}: column ${k} has ${(v as unknown[]).length} values where ${cols[0]![0]} has ${n}`);
      return fromRows(file, Array.from({ length: n }, (_, i) => cols.map(([, v]) => (v as unknown[])[i])), cols.map(([k]) => k));
    }
  }
  throw new CliError(`${file}: JSON must be an array of numbers, of rows or of objects, or an object of columns`);
}

export function parseJson(file: string, text: string): Table {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  return fromValue(file, data);
}

export function parseNdjson(file: string, text: string): Table {
  const rows: unknown[] = [];
  text.split('\n').forEach((l, i) => {
    if (l.trim() === '') return;
    try {
      rows.push(JSON.parse(l));
    } catch {
      throw new CliError(`${file}: line ${i + 1}: not valid JSON`);
    }
  });
  return fromValue(file, rows);
}

/** Does text with no telling extension look like JSON (an array, or one object) or NDJSON (objects a line)? */
export function jsonKind(start: string): 'json' | 'ndjson' | undefined {
  if (/^\s*\[/.test(start)) return 'json';
  if (/^\s*\{/.test(start)) return /\}\s*\r?\n\s*\{/.test(start) ? 'ndjson' : 'json';
  return undefined;
}
