// The commit a run measured: `git rev-parse --short HEAD`, and whether the library's
// sources (src/, assembly/) had uncommitted changes then (a run builds dist/ from the
// working tree, so those changes are in what it timed). Undefined outside a git checkout.
import { execFileSync } from 'node:child_process';
import { root } from '../scripts/ensure-built.mjs';

const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

/** { commit, dirty: [paths], label: "96c8490" or "96c8490 with uncommitted changes (src/a.ts, …)" }. */
export function revision() {
  try {
    const commit = git('rev-parse', '--short', 'HEAD').trim();
    const dirty = git('status', '--porcelain', '--', 'src', 'assembly')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(3));
    const shown = dirty.length > 3 ? `${dirty.slice(0, 3).join(', ')}, and ${dirty.length - 3} more` : dirty.join(', ');
    return { commit, dirty, label: dirty.length ? `${commit} with uncommitted changes (${shown})` : commit };
  } catch {
    return undefined;
  }
}
