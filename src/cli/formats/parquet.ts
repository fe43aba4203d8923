// Apache Parquet files, read with hyparquet (loaded only here: see load.ts). Numeric
// columns (integers, floats, doubles, booleans, decimals) become numbers, NaN where null;
// the others text, null where null.
import * as zlib from 'node:zlib';
import { CliError, type Table } from '../table.js';
import { makeColumn } from './column.js';
import { load } from './load.js';

type Hyparquet = typeof import('hyparquet');
type Compressors = import('hyparquet').Compressors;
type CompressionCodec = import('hyparquet').CompressionCodec;
type SchemaElement = import('hyparquet').SchemaElement;

const NUMERIC_TYPES = new Set(['BOOLEAN', 'INT32', 'INT64', 'FLOAT', 'DOUBLE']);

/** Does hyparquet decode this top-level leaf to numbers (not dates, times or text)? */
function isNumeric(el: SchemaElement): boolean {
  if (el.converted_type === 'DECIMAL' || el.logical_type?.type === 'DECIMAL' || el.logical_type?.type === 'FLOAT16') return true;
  if (!el.type || !NUMERIC_TYPES.has(el.type) || el.repetition_type === 'REPEATED') return false;
  const ct = el.converted_type;
  const lt = el.logical_type?.type;
  return (!ct || /^U?INT_\d+$/.test(ct)) && (!lt || lt === 'INTEGER');
}

/**
 * Decompressors beyond hyparquet's own (uncompressed, snappy): gzip and brotli from
 * node:zlib, zstd from node:zlib where Node has it (22.15+); for the rest (LZ4, LZO, or
 * zstd on older Node) hyparquet-compressors when installed.
 */
async function compressorsFor(file: string, codecs: Set<CompressionCodec>): Promise<Compressors> {
  const z = zlib as { zstdDecompressSync?: (b: Uint8Array) => Buffer };
  const own: Compressors = {
    GZIP: (b) => zlib.unzipSync(b), // gzip per the spec; unzip also takes the zlib framing some writers used
    BROTLI: (b) => zlib.brotliDecompressSync(b),
    ...(z.zstdDecompressSync ? { ZSTD: (b: Uint8Array) => z.zstdDecompressSync!(b) } : {}),
  };
  const missing = [...codecs].filter((c) => c !== 'UNCOMPRESSED' && c !== 'SNAPPY' && !own[c]);
  if (missing.length === 0) return own;
  const names = missing.join(', ');
  const extra = await load<{ compressors: Compressors }>(
    'hyparquet-compressors',
    `${file}: compressed with ${names}, which hyparquet does not decompress by itself: npm install hyparquet-compressors`,
  );
  return { ...extra.compressors, ...own };
}

/** A Parquet file as a table: one column per top-level field. */
export async function readParquet(file: string, bytes: Uint8Array): Promise<Table> {
  const hp = await load<Hyparquet>('hyparquet', `${file}: reading Parquet needs the hyparquet package: npm install hyparquet`);
  // hyparquet reads an ArrayBuffer (or an async one): this file's bytes, copied out of any pool.
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let metadata;
  try {
    metadata = hp.parquetMetadata(buffer);
  } catch (e) {
    throw new CliError(`${file}: not a Parquet file (${(e as Error).message})`);
  }
  const codecs = new Set(metadata.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec ?? 'UNCOMPRESSED')));
  const compressors = await compressorsFor(file, codecs);
  const fields = hp.parquetSchema(metadata).children;
  const rows = Number(metadata.num_rows);
  const data = new Map(fields.map((f) => [f.element.name, new Array<unknown>(rows).fill(null)]));
  try {
    // onChunk gives each top-level column (structs and lists assembled) a row group at a time.
    await hp.parquetRead({
      file: buffer,
      metadata,
      compressors,
      onChunk: ({ columnName, columnData, rowStart }) => {
        const out = data.get(columnName)!;
        for (let i = 0; i < columnData.length; i++) out[rowStart + i] = columnData[i];
      },
    });
  } catch (e) {
    throw new CliError(`${file}: ${(e as Error).message}`);
  }
  const columns = fields.map((f) => makeColumn(f.element.name, data.get(f.element.name)!, f.children.length === 0 && isNumeric(f.element)));
  return { file, columns, rows, firstRow: 0 };
}
