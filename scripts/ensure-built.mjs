// Builds dist/ (npm run build) when it is missing or older than src/ or assembly/: the
// demo scripts run the built package, and a fresh clone has none.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const built = join(root, 'dist', 'index.js');

function newest(dir) {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true }).reduce((t, e) => {
    const p = join(dir, e.name);
    return Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);
}

/** Builds if stale; with `keepOld`, a failed build falls back to an existing dist/. */
export function ensureBuilt({ keepOld = false } = {}) {
  const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'assembly')));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log('building infodiv (dist/ is missing or older than src/ or assembly/)…');
  try {
    execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
  } catch (e) {
    // A half-edited source tree should not stop the demo when an older build exists.
    if (!keepOld || !existsSync(built)) throw e;
    console.warn('build failed; using the existing dist/ instead');
  }
}
