// The build a bench run times, fixed for the whole run. dist/ is shared with everyone
// working in this tree, and an `npm run build` elsewhere rewrites it in place: a run that
// imported dist/ at its start but served it to Chromium (or to a child process) later
// would time two builds. So a run copies the build into a temporary folder of its own
// once, at its start, and everything in the run — Node's import, the memory floor's
// binary, the Chromium page, bench/runtimes.mjs's child processes — reads that copy.
// `--dist DIR` names the build to copy (default: dist/, built first if stale unless
// `--no-build`); the copy's hash goes into the report, so two runs can be seen to have
// timed the same build.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureBuilt, root } from '../scripts/ensure-built.mjs';

/** --dist DIR of this process's command line, if given. */
export function distArgument(argv = process.argv) {
  const at = argv.indexOf('--dist');
  return at > 0 && argv[at + 1] ? resolve(argv[at + 1]) : undefined;
}

/** sha256 (12 hex digits) over a build folder's files, by name: the same value, the same build. */
export function hashOf(folder) {
  const h = createHash('sha256');
  for (const name of readdirSync(folder).sort()) {
    h.update(name);
    h.update(readFileSync(join(folder, name)));
  }
  return h.digest('hex').slice(0, 12);
}

/**
 * The run's own copy of the build: { folder, entry, hash }. Builds dist/ first when it is
 * stale (unless `build` is false or --dist is given); removed when the process exits.
 */
export function snapshotDist({ build = true, from = distArgument() } = {}) {
  if (!from && build) ensureBuilt({ keepOld: true });
  const source = from ?? join(root, 'dist');
  if (!existsSync(join(source, 'index.js'))) throw new Error(`${source}: no index.js (build with npm run build)`);
  const folder = mkdtempSync(join(tmpdir(), 'infodiv-bench-dist-'));
  cpSync(source, folder, { recursive: true });
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  return { folder, entry: join(folder, 'index.js'), hash: hashOf(folder), source };
}
