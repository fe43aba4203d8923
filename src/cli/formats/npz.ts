// NumPy .npz archives: a zip of .npy entries, stored (np.savez, method 0) or deflated
// (np.savez_compressed, method 8). Read from the zip's central directory (the local
// headers' sizes may be placeholders), with zip64 sizes and offsets, as np.savez writes
// them for large arrays. Each entry's bytes go to the given .npy parser.
import * as zlib from 'node:zlib';
import { CliError, type Column, type Table } from '../table.js';

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;
const METHODS: Record<number, string> = { 12: 'bzip2', 14: 'LZMA', 93: 'Zstandard', 95: 'xz', 98: 'PPMd' };

// zlib.crc32 is in Node 20.15+ and 22.2+; the package supports Node 20.0 on, so older
// 20.x get the same CRC-32 (IEEE, reflected 0xEDB88320) from a 256-entry table.
let table: Uint32Array | undefined;
/** CRC-32 by table, for Node without zlib.crc32 (exported to test it on any Node). */
export function crc32Table(data: Uint8Array): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
    return n;
  });
  let c = MAX32;
  for (const b of data) c = table[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ MAX32) >>> 0;
}
const crc32 = (zlib as { crc32?: (d: Uint8Array) => number }).crc32 ?? crc32Table;

/** A .npz archive as a table: entry `name.npy` 1-D gives column `name`, 2-D `name.1`, `name.2`, … */
export function readNpz(file: string, bytes: Uint8Array, parseNpy: (file: string, bytes: Buffer) => Table): Table {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (why: string): never => {
    throw new CliError(`${file}: ${why}`);
  };
  const u64 = (at: number) => {
    const v = buf.readBigUInt64LE(at);
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? fail('a zip64 size or offset too large to read') : Number(v);
  };
  // The end-of-central-directory record: the last PK\5\6 (a comment of up to 64 KiB may follow it).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail('not a .npz archive (no zip end-of-central-directory record)');
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) fail('a multi-part (split) zip is not read');
  let count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  // Zip64: a locator just before the record points at the zip64 end record, whose counts
  // and offsets are the real ones (the 32-bit fields then read 0xFFFF/0xFFFFFFFF).
  if (eocd >= 20 && buf.readUInt32LE(eocd - 20) === EOCD64_LOCATOR) {
    const at = u64(eocd - 12);
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== EOCD64) fail('a zip64 end record that is missing or damaged');
    count = u64(at + 32);
    offset = u64(at + 48);
  } else if (count === 0xffff || offset === MAX32) fail('a zip64 archive without its zip64 end record');

  const columns: Column[] = [];
  let rows: number | undefined;
  let first = '';
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) fail('a damaged zip central directory');
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    let packed = buf.readUInt32LE(at + 20);
    let size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const entryEnd = at + 46 + nameLen + extraLen + buf.readUInt16LE(at + 32);
    if (entryEnd > buf.length) fail('a damaged zip central directory (an entry runs past the end)');
    let local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString(flags & 0x800 ? 'utf8' : 'latin1');
    // The zip64 extra field (id 1) holds, in this order, each of the three that read 0xFFFFFFFF.
    const extraEnd = at + 46 + nameLen + extraLen;
    for (let e = at + 46 + nameLen; e + 4 <= extraEnd; e += 4 + buf.readUInt16LE(e + 2)) {
      if (buf.readUInt16LE(e) !== 1) continue;
      let f = e + 4;
      const fieldEnd = Math.min(f + buf.readUInt16LE(e + 2), extraEnd);
      const next = () => (f + 8 > fieldEnd ? fail(`a zip64 extra field too short for its sizes`) : u64((f += 8) - 8));
      if (size === MAX32) size = next();
      if (packed === MAX32) packed = next();
      if (local === MAX32) local = next();
    }
    at = entryEnd;
    if (name.endsWith('/')) continue; // a folder entry holds no array
    if (!name.endsWith('.npy')) fail(`entry ${name} is not a .npy array (an .npz holds only .npy entries)`);
    if (flags & 1) fail(`entry ${name} is encrypted; encrypted archives are not read`);
    if (method !== 0 && method !== 8) fail(`entry ${name} uses ${METHODS[method] ?? `compression method ${method}`}; only stored (np.savez) and deflated (np.savez_compressed) entries are read`);
    // The data follows the local header, whose name and extra field may differ in length.
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) fail(`entry ${name}: a damaged local header`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + packed > buf.length) fail(`entry ${name}: the archive is shorter than the entry (truncated?)`);
    const raw = buf.subarray(start, start + packed);
    let data: Buffer;
    try {
      // maxOutputLength: a damaged size (or a zip bomb) fails here rather than filling memory.
      data = method === 0 ? raw : zlib.inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) });
    } catch (e) {
      return fail(`entry ${name}: damaged deflate data (${(e as Error).message})`);
    }
    if (data.length !== size) fail(`entry ${name}: ${data.length} bytes where the archive says ${size}`);
    if (crc32(data) !== crc) fail(`entry ${name}: CRC-32 mismatch (the archive is damaged)`);
    const key = name.slice(0, -4);
    const table = parseNpy(`${file}: ${name}`, data);
    if (rows !== undefined && table.rows !== rows) fail(`array ${key} has ${table.rows} rows where ${first} has ${rows}; a table's columns must have one length`);
    rows ??= table.rows;
    first ||= key;
    // parseNpy names a 1-D array's column "value" and a 2-D array's "1", "2", …
    for (const c of table.columns) columns.push({ ...c, name: table.columns.length === 1 && c.name === 'value' ? key : `${key}.${c.name}` });
  }
  if (columns.length === 0) fail('an empty .npz archive (no arrays)');
  return { file, columns, rows: rows ?? 0, firstRow: 0 };
}
