// The oracle of the file-reader targets: a reader either returns a table or throws the
// CLI's CliError (which main.ts prints as one line and exits 1); any other exception
// would reach the user as a stack trace, so it is a finding.
import { CliError, type Table } from '../../../src/cli/table.js';
import { Finding } from './finding.js';

export { Finding };

/** Runs `read`; a CliError is an accepted refusal (undefined), anything else is rethrown. */
export function refusedOrRead<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (e) {
    if (e instanceof CliError) return undefined;
    throw e;
  }
}

/** What every table must be: columns of `rows` values each, text where a column is not numeric. */
export function checkTable(t: Table): void {
  for (const c of t.columns) {
    if (c.values.length !== t.rows) throw new Finding(`column ${c.name}: ${c.values.length} values in a table of ${t.rows} rows`);
    if (!c.numeric && (!c.cells || c.cells.length !== t.rows)) throw new Finding(`column ${c.name} is not numeric but has ${c.cells?.length} cells for ${t.rows} rows`);
  }
}
