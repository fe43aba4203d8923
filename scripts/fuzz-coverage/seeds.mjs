// Seed inputs for a target whose committed corpus is empty (the first run): small valid
// files of each shape, so the fuzzer starts from inputs that get past the first checks.
// Each target's first bytes are its choices (see test/coverage-fuzz/targets/*.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const b = (...parts) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

function npyHeader(descr, shape) {
  let h = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  h += ' '.repeat(63 - ((10 + h.length) % 64)) + '\n';
  const len = Buffer.alloc(2);
  len.writeUInt16LE(h.length);
  return Buffer.concat([Buffer.from('\x93NUMPY\x01\x00', 'latin1'), len, Buffer.from(h, 'latin1')]);
}

export function seeds(target, root) {
  if (target === 'text') {
    // ext (csv, tsv, txt, none), header rule (auto, yes, no), piece size - 1, then the file.
    return [
      b([0, 0, 3], 'a,b\n1,2\n3,4\n'),
      b([1, 0, 0], 'x\ty\n1\t2\n\n3\t4\n'),
      b([2, 2, 5], '1\n2.5\nNA\n\n-inf\n'),
      b([3, 0, 7], '\ufeffa;b\r\n1;2\r\n'),
      b([0, 1, 2], 'keep,n\n"x, y",1\n"multi\nline",2\n'),
      b([0, 0, 15], 'a,b\n1,text\n01,2\n'),
    ];
  }
  if (target === 'json') {
    return [b([0], '[1, 2, null, 3.5]'), b([0], '[[1, 2], [3, 4]]'), b([0], '[{"a": 1, "b": "x"}, {"a": 2}]'), b([0], '{"a": [1, 2], "b": [3, 4]}'), b([1], '{"a": 1}\n{"a": 2}\n'), b([2], ' [1e308, -0]')];
  }
  if (target === 'binary') {
    const dir = join(root, 'test', 'fixtures', 'cli');
    const files = readdirSync(dir).filter((f) => /\.(npy|npz)$/.test(f)).sort();
    return [
      ...files.map((f) => b([f.endsWith('.npz') ? 1 : 0], readFileSync(join(dir, f)))),
      b([0], npyHeader('<f8', '(2,)'), new Uint8Array(16)),
      b([0], npyHeader('<i8', '(1, 2)'), new Uint8Array(16)),
      b([0], npyHeader('|b1', '(3,)'), [1, 0, 1]),
    ];
  }
  // validation: backend, function, then its arguments (any bytes decode to some call).
  return Array.from({ length: 19 }, (_, f) => b([f % 4, f, 0, 4, 1, 2, 3, 4, 3, 4, 4, 3, 2, 1]));
}
