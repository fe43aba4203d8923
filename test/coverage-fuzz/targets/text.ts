// Fuzz target: the CLI's streamed CSV/TSV/plain-numbers reader (src/cli/text.ts). The
// first bytes choose the extension, the --no-header rule and where the bytes are cut into
// pieces (the reader must carry partial lines, quotes and UTF-8 sequences across them);
// the rest is the file. Oracle: tables or a CliError (cli-oracle.ts); and, for a file
// without quotes (every piece on the fast path), the same rows, names and numbers
// whatever the pieces, as when read in one piece.
import { TextReader } from '../../../src/cli/text.js';
import type { Table } from '../../../src/cli/table.js';
import { Bytes } from './bytes.js';
import { checkTable, Finding, refusedOrRead } from './cli-oracle.js';

const EXTS = ['csv', 'tsv', 'txt', ''];
const HEADERS = [undefined, true, false];

function read(file: Uint8Array, ext: string, header: boolean | undefined, cuts: number[]): Table[] {
  const reader = new TextReader('fuzz', { ext, header, keepText: (n) => n === 'keep' });
  const tables: Table[] = [];
  let at = 0;
  for (const cut of [...cuts, file.length]) {
    const end = cut >= file.length;
    const t = reader.push(Buffer.from(file.subarray(at, Math.min(cut, file.length))), end);
    if (t) {
      checkTable(t);
      tables.push(t);
    }
    if (end) break;
    at = cut;
  }
  return tables;
}

/** The rows, names and numbers of a file's tables joined, to compare two readings. */
function summary(tables: Table[]): string {
  const names = tables[0]?.columns.map((c) => c.name) ?? [];
  const cols = names.map((_, j) => tables.flatMap((t) => Array.from(t.columns[j]!.values, (v) => (Object.is(v, -0) ? '-0' : String(v)))));
  return JSON.stringify({ rows: tables.reduce((n, t) => n + t.rows, 0), names, cols });
}

export function fuzz(data: Uint8Array): void {
  const b = new Bytes(data);
  const ext = b.pick(EXTS);
  const header = b.pick(HEADERS);
  const step = 1 + (b.byte() % 16);
  const file = b.rest();
  const cuts: number[] = [];
  for (let c = step; c < file.length; c += step) cuts.push(c);
  const pieces = refusedOrRead(() => read(file, ext, header, cuts));
  if (file.includes(0x22)) return; // quotes: a piece with one goes through csv-parse, by design
  const whole = refusedOrRead(() => read(file, ext, header, []));
  if ((pieces === undefined) !== (whole === undefined)) throw new Finding(`read in pieces of ${step} bytes ${pieces ? 'succeeds' : 'fails'}, in one piece ${whole ? 'succeeds' : 'fails'}`);
  if (pieces && whole && summary(pieces) !== summary(whole)) throw new Finding(`pieces of ${step} bytes read ${summary(pieces)}, one piece ${summary(whole)}`);
}
