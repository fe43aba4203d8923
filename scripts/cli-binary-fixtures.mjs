// test/fixtures/cli/*.parquet, *.arrow, *.arrows: small Parquet files written by DuckDB and
// Arrow IPC written by apache-arrow, for the CLI's binary readers (src/cli/formats/,
// test/cli-formats.test.ts), with the values they hold in binary_values.json, taken from
// the source data below (not from any reader). Then the .npz fixtures
// (scripts/cli-npz-fixtures.py, NumPy's own np.savez). Run: node scripts/cli-binary-fixtures.mjs
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import * as A from 'apache-arrow';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test', 'fixtures', 'cli');

// Five rows, a null in every column; values chosen to show what each type keeps: an int64
// past 2^32, int32's extremes, a float32 that is not its double (0.1), non-ASCII text and
// an empty string (a value, not a null).
const rows = 5;
const source = {
  d: { duck: 'DOUBLE', arrow: new A.Float64(), values: [0.1, -2.5, null, 1e300, 3] },
  i64: { duck: 'BIGINT', arrow: new A.Int64(), values: [5_000_000_000n, -3n, null, 0n, 42n] },
  i32: { duck: 'INTEGER', arrow: new A.Int32(), values: [7, null, -2147483648, 2147483647, 0] },
  f32: { duck: 'FLOAT', arrow: new A.Float32(), values: [0.1, 1.25, -0.75, null, 3.5] },
  b: { duck: 'BOOLEAN', arrow: new A.Bool(), values: [true, false, null, true, false] },
  s: { duck: 'VARCHAR', arrow: new A.Utf8(), values: ['a', 'b', null, 'é ü', ''] },
};
// Parquet only: a decimal (DuckDB stores DECIMAL(9,2) as INT32 with a scale).
const decimal = { duck: 'DECIMAL(9,2)', values: ['1.25', null, '-3.50', '100.01', '0.00'] };
// Arrow only: a dictionary-encoded text column (what pandas categoricals become).
const dictionary = { arrow: new A.Dictionary(new A.Utf8(), new A.Int32()), values: ['x', 'y', 'x', null, 'y'] };

/** What a reader must give: numbers (null where NaN is expected) or text (null where missing). */
const asNumbers = (values, f = Number) => ({ numbers: values.map((v) => (v === null ? null : typeof v === 'boolean' ? +v : f(v))) });
const asStrings = (values) => ({ strings: values });
const expected = {
  d: asNumbers(source.d.values),
  i64: asNumbers(source.i64.values),
  i32: asNumbers(source.i32.values),
  f32: asNumbers(source.f32.values, Math.fround), // stored as float32
  b: asNumbers(source.b.values),
  s: asStrings(source.s.values),
};

// Parquet, via DuckDB: one thread, so the row order and the file are the same each run.
const sql = (v) => (v === null ? 'NULL' : typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v));
const parquetCols = { ...source, dec: decimal };
const select = Array.from({ length: rows }, (_, i) =>
  `SELECT ${i} AS _row, ${Object.entries(parquetCols).map(([k, c]) => `(${sql(c.values[i])})::${c.duck} AS ${k}`).join(', ')}`,
).join(' UNION ALL ');
const db = await DuckDBInstance.create(':memory:', { threads: '1' });
const conn = await db.connect();
const parquet = { 'snappy.parquet': 'snappy', 'uncompressed.parquet': 'uncompressed', 'gzip.parquet': 'gzip', 'zstd.parquet': 'zstd' };
for (const [name, codec] of Object.entries(parquet)) {
  const path = join(out, name);
  rmSync(path, { force: true });
  await conn.run(`COPY (SELECT * EXCLUDE (_row) FROM (${select}) ORDER BY _row) TO '${path}' (FORMAT parquet, COMPRESSION ${codec})`);
}
conn.closeSync();

// Arrow IPC, via apache-arrow: the same columns (the dictionary one instead of the decimal).
const vectors = Object.fromEntries(
  [...Object.entries(source), ['cat', dictionary]].map(([k, c]) => [k, A.vectorFromArray(c.values, c.arrow)]),
);
const table = new A.Table(vectors);
writeFileSync(join(out, 'table.arrow'), A.tableToIPC(table, 'file'));
writeFileSync(join(out, 'table.arrows'), A.tableToIPC(table, 'stream'));

const values = {
  parquet: { rows, columns: { ...expected, dec: asNumbers(decimal.values) } },
  arrow: { rows, columns: { ...expected, cat: asStrings(dictionary.values) } },
};
writeFileSync(join(out, 'binary_values.json'), JSON.stringify(values, null, 1) + '\n');

execFileSync('python3', ['-B', join(root, 'scripts', 'cli-npz-fixtures.py')], { stdio: 'inherit' });
