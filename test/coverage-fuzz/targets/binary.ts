// Fuzz target: the CLI's NumPy readers (src/cli/formats/npy.ts, npz.ts). The first byte
// chooses .npy or .npz; the rest is the file. Seeds are the committed fixtures
// (test/fixtures/cli/*.npy, *.npz) and headers of each dtype. Oracle: a table or a
// CliError (cli-oracle.ts), never another exception, never a hang or a huge allocation.
import { parseNpy } from '../../../src/cli/formats/npy.js';
import { readNpz } from '../../../src/cli/formats/npz.js';
import { Bytes } from './bytes.js';
import { checkTable, refusedOrRead } from './cli-oracle.js';

export function fuzz(data: Uint8Array): void {
  const b = new Bytes(data);
  const npz = b.byte() % 2 === 1;
  const file = Buffer.from(b.rest());
  const t = refusedOrRead(() => (npz ? readNpz('fuzz', file, parseNpy) : parseNpy('fuzz', file)));
  if (t) checkTable(t);
}
