// Fuzz target: the CLI's JSON and NDJSON readers (src/cli/json.ts) and the sniffing that
// picks them for a file without a telling extension. The first byte chooses JSON or
// NDJSON; the rest is the file's text. Oracle: a table or a CliError (cli-oracle.ts).
import { jsonKind, parseJson, parseNdjson } from '../../../src/cli/json.js';
import { Bytes } from './bytes.js';
import { checkTable, refusedOrRead } from './cli-oracle.js';

export function fuzz(data: Uint8Array): void {
  const b = new Bytes(data);
  const how = b.byte() % 3;
  const text = Buffer.from(b.rest()).toString('utf8');
  const kind = how === 2 ? jsonKind(text) : how === 0 ? 'json' : 'ndjson';
  if (kind === undefined) return;
  const t = refusedOrRead(() => (kind === 'json' ? parseJson('fuzz', text) : parseNdjson('fuzz', text)));
  if (t) checkTable(t);
}
