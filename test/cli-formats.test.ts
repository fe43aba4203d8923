// The CLI's binary readers (src/cli/formats/), called directly on fixtures made by the
// formats' own writers (scripts/cli-binary-fixtures.mjs: NumPy, DuckDB, apache-arrow):
// every value against what the generator wrote down from its source data, and each error.
// Node only: it reads files and loads packages at run time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';
import * as A from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { CliError, type Table } from '../src/cli/table.js';
import { parseNpy } from '../src/cli/formats/npy.js';
import { readArrow } from '../src/cli/formats/arrow.js';
import { load } from '../src/cli/formats/load.js';
import { crc32Table, readNpz } from '../src/cli/formats/npz.js';
import { readParquet } from '../src/cli/formats/parquet.js';

const dir = fileURLToPath(new URL('fixtures/cli/', import.meta.url));
const bytes = (name: string) => new Uint8Array(readFileSync(join(dir, name)));
const json = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
type Spec = { numbers: (number | null)[] } | { strings: (string | null)[] };

/** Every column, in order, holds exactly the expected numbers (NaN for null) or text. */
function expectTable(t: Table, rows: number, columns: Record<string, Spec>) {
  expect(t.rows).toBe(rows);
  expect(t.columns.map((c) => c.name)).toEqual(Object.keys(columns));
  for (const c of t.columns) {
    const spec = columns[c.name]!;
    expect(t.lines).toBeUndefined();
    if ('numbers' in spec) {
      expect(c.numeric, c.name).toBe(true);
      expect(c.cells).toBeUndefined();
      expect(Array.from(c.values), c.name).toEqual(spec.numbers.map((v) => v ?? NaN));
    } else {
      expect(c.numeric, c.name).toBe(false);
      expect(c.cells, c.name).toEqual(spec.strings);
    }
  }
}

/** The CliError a call throws (sync or async), to check its message. */
async function error(f: () => unknown): Promise<string> {
  try {
    await f();
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    return (e as Error).message;
  }
  throw new Error('no error thrown');
}

describe('readNpz', () => {
  const values = json('npz_values.json') as Record<string, Record<string, number[]>>;
  it.each(Object.keys(values))('reads %s (1-D: name, 2-D: name.1, name.2)', (name) => {
    const t = readNpz(name, bytes(name), parseNpy);
    expect(t.file).toBe(name);
    expectTable(t, 3, Object.fromEntries(Object.entries(values[name]!).map(([k, v]) => [k, { numbers: v }])));
  });

  it.each([
    ['not_zip.npz', 'not_zip.npz: not a .npz archive (no zip end-of-central-directory record)'],
    ['not_npy.npz', 'not_npy.npz: entry notes.txt is not a .npy array (an .npz holds only .npy entries)'],
    ['encrypted.npz', 'encrypted.npz: entry p.npy is encrypted; encrypted archives are not read'],
    ['bzip2.npz', 'bzip2.npz: entry p.npy uses bzip2; only stored (np.savez) and deflated (np.savez_compressed) entries are read'],
    ['bad_crc.npz', 'bad_crc.npz: entry p.npy: CRC-32 mismatch (the archive is damaged)'],
    ['ragged.npz', "ragged.npz: array q has 2 rows where p has 3; a table's columns must have one length"],
  ])('%s: an error naming the file', async (name, message) => {
    expect(await error(() => readNpz(name, bytes(name), parseNpy))).toBe(message);
  });

  it('its own CRC-32 (for Node before 20.15, which has no zlib.crc32) is the standard one', () => {
    expect(crc32Table(Buffer.from('123456789'))).toBe(0xcbf43926); // the CRC-32 check value
    const z = zlib as { crc32?: (d: Uint8Array) => number };
    if (z.crc32) for (const name of Object.keys(values)) expect(crc32Table(bytes(name))).toBe(z.crc32(bytes(name)));
  });
});

describe('readParquet', () => {
  const { rows, columns } = json('binary_values.json').parquet;
  it.each(['uncompressed.parquet', 'snappy.parquet', 'gzip.parquet'])('reads %s: numbers (NaN for null) and text', async (name) => {
    expectTable(await readParquet(name, bytes(name)), rows, columns);
  });

  // hyparquet has no zstd of its own: node:zlib gives it from Node 22.15, hyparquet-compressors otherwise.
  const zstd = typeof (zlib as { zstdDecompressSync?: unknown }).zstdDecompressSync === 'function';
  it(zstd ? 'reads zstd.parquet (node:zlib zstd)' : 'zstd.parquet: names the codec and the package to install', async () => {
    const compressors = await import('hyparquet-compressors' as string).then(() => true, () => false);
    if (zstd || compressors) expectTable(await readParquet('zstd.parquet', bytes('zstd.parquet')), rows, columns);
    else expect(await error(() => readParquet('zstd.parquet', bytes('zstd.parquet')))).toBe(
      'zstd.parquet: compressed with ZSTD, which hyparquet does not decompress by itself: npm install hyparquet-compressors',
    );
  });

  it('a file that is not Parquet: an error naming the file', async () => {
    expect(await error(() => readParquet('x.parquet', bytes('arrays.npz')))).toMatch(/^x\.parquet: not a Parquet file \(/);
  });
});

describe('readArrow', () => {
  const { rows, columns } = json('binary_values.json').arrow;
  it.each(['table.arrow', 'table.arrows'])('reads %s (IPC file and stream): numbers, dictionary and utf8 text', async (name) => {
    expectTable(await readArrow(name, bytes(name)), rows, columns);
  });

  it('an empty file, and one that is not Arrow: errors naming the file', async () => {
    expect(await error(() => readArrow('e.arrow', new Uint8Array(0)))).toBe('e.arrow: the file is empty');
    expect(await error(() => readArrow('x.arrow', bytes('arrays.npz')))).toMatch(/^x\.arrow: not an Arrow IPC file or stream \(/);
  });

  it('LZ4-compressed data (pyarrow Feather default): names the codec and how to save it', async () => {
    // apache-arrow writes compressed IPC only through a registered encoder; there is no LZ4
    // here, so a stand-in whose output is shorter than the buffers (a frame header only)
    // makes the writer mark them compressed. The reader must fail before decoding them.
    A.compressionRegistry.set(A.CompressionType.LZ4_FRAME, { encode: () => Uint8Array.of(0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82) });
    const table = new A.Table({ x: A.vectorFromArray(Float64Array.from({ length: 64 }, (_, i) => i)) });
    const ipc = A.tableToIPC(table, 'stream', A.CompressionType.LZ4_FRAME);
    expect(await error(() => readArrow('lz4.arrows', ipc))).toBe(
      "lz4.arrows: the data is LZ4_FRAME-compressed, which is not read; save it uncompressed (pyarrow: write_feather(df, path, compression='uncompressed'))",
    );
  });
});

describe('load', () => {
  it('a package that is not installed: the CliError that says what to install', async () => {
    expect(await error(() => load('infodiv-no-such-package', 'f.x: reading X needs the infodiv-no-such-package package: npm install infodiv-no-such-package'))).toBe(
      'f.x: reading X needs the infodiv-no-such-package package: npm install infodiv-no-such-package',
    );
  });
  it('an installed one: the module itself', async () => {
    expect((await load<typeof import('hyparquet')>('hyparquet', 'unused')).parquetRead).toBeTypeOf('function');
  });
});
