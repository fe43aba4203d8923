// Reading the CLI's inputs: a file (or `-`, stdin) as tables of rows. CSV, TSV and plain
// numbers stream in chunks (text.ts), with a progress line on a terminal; JSON, NDJSON
// (json.ts) and the binary formats (formats/: .npy, .npz, Parquet, Arrow IPC) are read
// whole. The format comes from the first bytes where they tell (binary magic numbers),
// else from the extension, else from the text itself.
import { createReadStream, statSync } from 'node:fs';
import { readArrow } from './formats/arrow.js';
import { parseNpy } from './formats/npy.js';
import { readNpz } from './formats/npz.js';
import { readParquet } from './formats/parquet.js';
import { jsonKind, parseJson, parseNdjson } from './json.js';
import { Progress } from './progress.js';
import { CliError, concat, type Table } from './table.js';
import { TextReader } from './text.js';

export { CliError, numbers, pick, texts, where, type Column, type Table } from './table.js';

export interface ReadOptions {
  /** --no-header: false; otherwise each file's own rule. */
  header?: boolean;
  /** Columns whose text must be kept (categorical columns of a drift reference). */
  keepText?: (name: string) => boolean;
}

/** Streams of 4 MiB: large enough that per-chunk work is noise, small enough to bound memory. */
const CHUNK = 1 << 22;

async function* bytesOf(file: string): AsyncGenerator<Buffer> {
  const stream = file === '-' ? process.stdin : createReadStream(file, { highWaterMark: CHUNK });
  try {
    for await (const b of stream) yield b as Buffer;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : (e as Error).message}`);
  }
}

const MAGIC: [string, string][] = [
  ['\x93NUMPY', 'npy'],
  ['PK\x03\x04', 'npz'],
  ['PK\x05\x06', 'npz'],
  ['PAR1', 'parquet'],
  ['ARROW1', 'arrow'],
  ['\xff\xff\xff\xff', 'arrow'], // an Arrow IPC stream's first message
];
const BINARY = new Set(['npy', 'npz', 'parquet', 'arrow', 'feather', 'arrows', 'ipc']);

async function whole(file: string, head: Buffer, rest: AsyncGenerator<Buffer>): Promise<Buffer> {
  const parts = [head];
  for await (const b of rest) parts.push(b);
  return Buffer.concat(parts);
}

async function readBinary(file: string, kind: string, bytes: Buffer): Promise<Table> {
  if (kind === 'npy') return parseNpy(file, bytes);
  if (kind === 'npz') return readNpz(file, bytes, parseNpy);
  if (kind === 'parquet') return readParquet(file, bytes);
  return readArrow(file, bytes);
}

/**
 * A file's rows, a chunk at a time (one chunk for the formats read whole). Every chunk
 * has the same columns; an empty file is an error.
 */
export async function* readChunks(file: string, opts: ReadOptions = {}): AsyncGenerator<Table> {
  const source = bytesOf(file);
  const first = await source.next();
  const head = first.done ? Buffer.alloc(0) : first.value;
  const ext = file === '-' ? '' : (file.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '');
  const magic = MAGIC.find(([m]) => head.subarray(0, m.length).toString('latin1') === m)?.[1];
  if (magic || BINARY.has(ext)) {
    const bytes = await whole(file, head, source);
    if (bytes.length === 0) throw new CliError(`${file}: the file is empty`);
    yield await readBinary(file, magic ?? (ext === 'feather' || ext === 'arrows' || ext === 'ipc' ? 'arrow' : ext), bytes);
    return;
  }
  const json = ext === 'json' ? 'json' : ext === 'ndjson' || ext === 'jsonl' ? 'ndjson' : ext === 'csv' || ext === 'tsv' ? undefined : jsonKind(head.toString('utf8', 0, 1 << 16));
  if (json) {
    const text = (await whole(file, head, source)).toString('utf8');
    if (text.trim() === '') throw new CliError(`${file}: the file is empty`);
    yield json === 'json' ? parseJson(file, text) : parseNdjson(file, text);
    return;
  }
  const reader = new TextReader(file, { header: opts.header, ext, keepText: opts.keepText });
  let size: number | undefined;
  try {
    size = file === '-' ? undefined : statSync(file).size;
  } catch {
    size = undefined;
  }
  const progress = new Progress(file === '-' ? 'stdin' : file, size);
  let any = false;
  try {
    let piece: Buffer | undefined = first.done ? undefined : head;
    for (;;) {
      const next = piece === undefined ? undefined : await source.next();
      const end = next === undefined || next.done === true;
      const t = reader.push(piece, end);
      progress.add(piece?.length ?? 0, t?.rows ?? 0);
      if (t && (t.rows > 0 || !any)) {
        any = true;
        yield t;
      }
      if (end) break;
      piece = next!.value as Buffer;
    }
  } finally {
    progress.done();
  }
  if (!any) throw new CliError(`${file}: the file is empty`);
}

/** A whole file as one table. */
export function readTable(file: string, opts: ReadOptions = {}): Promise<Table> {
  return concat(readChunks(file, opts));
}
