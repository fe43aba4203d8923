// NumPy .npy files: format versions 1–3, little-endian (or single-byte) floats, integers
// and booleans, C order; 1-D gives one column, 2-D a column per axis-1 index.
import { CliError, type Table } from '../table.js';

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
export function parseNpy(file: string, bytes: Buffer): Table {
  if (bytes.subarray(0, 6).toString('latin1') !== NPY_MAGIC) throw new CliError(`${file}: not a .npy file (no NUMPY magic)`);
  const major = bytes[6]!;
  if (major < 1 || major > 3) throw new CliError(`${file}: .npy format version ${major} is not read (1–3 are)`);
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenBytes) throw new CliError(`${file}: a .npy file cut short in its header`);
  const headerLen = lenBytes === 2 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = 8 + lenBytes;
  const header = bytes.subarray(start, start + headerLen).toString('latin1');
  const descr = /'descr':\s*'([<>|=])([a-z]\d+)'/.exec(header);
  const fortran = /'fortran_order':\s*True/.test(header);
  const dims = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1]?.split(',').map((x) => x.trim()).filter(Boolean);
  // Each dimension a count (digits only): "nan", "-1" or "1.5" would make no sense of the data.
  const shape = dims?.every((d) => /^\d+$/.test(d)) ? dims.map(Number) : undefined;
  if (!descr || !shape) throw new CliError(`${file}: a .npy header this reader does not understand: ${header.trim()}`);
  if (descr[1] === '>') throw new CliError(`${file}: big-endian data (${descr[1]}${descr[2]}) is not read; save it little-endian`);
  const type = NPY_TYPES[descr[2]!];
  if (!type) throw new CliError(`${file}: dtype ${descr[2]} is not read (floats, integers and booleans are)`);
  if (fortran) throw new CliError(`${file}: Fortran-ordered data is not read; save it in C order (np.ascontiguousarray)`);
  if (shape.length > 2) throw new CliError(`${file}: ${shape.length}-D arrays are not read (1-D or 2-D)`);
  const [rows, cols] = [shape[0] ?? 1, shape[1] ?? 1];
  const [size, read] = type;
  const body = start + headerLen;
  // An empty array (0 rows) passes the length check below with any number of columns: bound them by the file's size.
  if (cols > bytes.length) throw new CliError(`${file}: a shape of ${shape.join('×')} has more columns than the file has bytes`);
  if (bytes.length < body + rows * cols * size) throw new CliError(`${file}: the data is shorter than its shape (${shape.join('×')}) says`);
  const view = new DataView(bytes.buffer, bytes.byteOffset + body, rows * cols * size);
  const names = shape.length === 1 ? ['value'] : Array.from({ length: cols }, (_, j) => String(j + 1));
  const columns = names.map((name, j) => {
    const values = new Float64Array(rows);
    for (let i = 0; i < rows; i++) values[i] = read(view, (i * cols + j) * size);
    return { name, values, numeric: true };
  });
  return { file, columns, rows, firstRow: 0 };
}
