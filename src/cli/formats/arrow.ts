// Arrow IPC files (.arrow, Feather v2 .feather) and streams (.arrows, .ipc), read with
// apache-arrow (loaded only here: see load.ts). Numeric columns (integers, floats,
// booleans, decimals) become numbers, NaN where null; the others text, null where null.
import * as zlib from 'node:zlib';
import { CliError, type Table } from '../table.js';
import { makeColumn, toNumber } from './column.js';
import { load } from './load.js';

type Arrow = typeof import('apache-arrow');

/**
 * Buffer compression: Feather v2 files from pyarrow are LZ4-compressed by default, and
 * apache-arrow decompresses only with a codec registered in its (global) registry. Zstd
 * comes from node:zlib where Node has it (22.15+); for a codec that is still missing, a
 * decoder that fails naming it, instead of apache-arrow's "codec not found". Codecs
 * already registered (by whoever embeds this) are kept.
 */
function registerCodecs(file: string, arrow: Arrow): void {
  const { compressionRegistry: registry, CompressionType } = arrow;
  const zstd = (zlib as { zstdDecompressSync?: (b: Uint8Array) => Buffer }).zstdDecompressSync;
  for (const type of [CompressionType.LZ4_FRAME, CompressionType.ZSTD]) {
    const codec = registry.get(type);
    if (codec?.decode) continue;
    const decode =
      type === CompressionType.ZSTD && zstd
        ? (b: Uint8Array) => new Uint8Array(zstd(b))
        : () => {
            const how = type === CompressionType.ZSTD ? ' (Node 22.15 and later read it)' : '';
            throw new CliError(`${file}: the data is ${CompressionType[type]}-compressed, which is not read${how}; save it uncompressed (pyarrow: write_feather(df, path, compression='uncompressed'))`);
          };
    registry.set(type, { ...codec, decode });
  }
}

/** An Arrow IPC file or stream as a table: one column per top-level field. */
export async function readArrow(file: string, bytes: Uint8Array): Promise<Table> {
  const arrow = await load<Arrow>('apache-arrow', `${file}: reading Arrow needs the apache-arrow package: npm install apache-arrow`);
  const { Type, tableFromIPC, util } = arrow;
  // apache-arrow reads no bytes at all as an empty table; say what is wrong instead.
  if (bytes.length === 0) throw new CliError(`${file}: the file is empty`);
  registerCodecs(file, arrow);
  let table;
  try {
    table = tableFromIPC(bytes);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${file}: not an Arrow IPC file or stream (${(e as Error).message})`);
  }
  if (table.schema.fields.length === 0) throw new CliError(`${file}: an Arrow table with no columns`);
  const columns = table.schema.fields.map((field, j) => {
    const vector = table.getChildAt(j)!;
    const type = field.type;
    const values = [...vector] as unknown[];
    if (type.typeId === Type.Decimal) {
      // Decimals come as unscaled big numbers (Uint32 words); scale them here.
      return makeColumn(field.name, values.map((v) => (v == null ? NaN : util.bigNumToNumber(v as Parameters<typeof util.bigNumToNumber>[0], type.scale))), true);
    }
    if (type.typeId === Type.Date || type.typeId === Type.Timestamp) {
      // Milliseconds since the epoch, as text (ISO 8601) like Parquet's dates.
      return makeColumn(field.name, values.map((v) => (v == null ? null : new Date(toNumber(v)))), false);
    }
    const numeric = type.typeId === Type.Int || type.typeId === Type.Float || type.typeId === Type.Bool;
    return makeColumn(field.name, values, numeric);
  });
  return { file, columns, rows: table.numRows, firstRow: 0 };
}
