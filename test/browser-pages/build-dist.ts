// Vitest global setup for the Node project: the page tests load the built package
// (dist/index.js), so build it when it is missing or older than its sources. Running
// vitest directly (not via `npm test`) still tests what src/ says.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function mtime(p: string): number {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

export default function buildDist(): void {
  const inputs = Math.max(newest(join(root, 'src')), mtime(join(root, 'tsup.config.ts')), mtime(join(root, 'package.json')));
  if (mtime(join(root, 'dist/index.js')) >= inputs) return;
  // tsup alone: the generated sources (src/wasm/binaries.ts, src/threads/worker-source.ts)
  // come from `pretest`, and the suites in Node need them as much as dist does.
  execFileSync(join(root, 'node_modules/.bin/tsup'), { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
