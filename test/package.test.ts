// The package as a new user gets it: `npm pack`, installed from the tarball into a fresh
// project in a temporary folder. There every README code block runs as written, ESM and
// CJS load side by side, `tsc --strict` checks a typed consumer file (the return types of
// the `threads` calls among them), and `npm start` prints what the README says.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readmeBlocks, withChecks } from './readme.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let dir: string;
let app: string;
let packed: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'infodiv-package-'));
  const out = execFileSync('npm', ['pack', root, '--pack-destination', dir, '--json', '--silent'], { encoding: 'utf8' });
  const [info] = JSON.parse(out) as [{ filename: string; files: { path: string }[] }];
  packed = info.files.map((f) => f.path).sort();
  app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // A zero-dependency tarball installs without the network.
  execFileSync('npm', ['install', join(dir, info.filename), '--offline', '--no-audit', '--no-fund', '--silent'], { cwd: app });
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs a file with node in the consumer project; returns stdout, fails with stderr. */
function run(file: string, source: string): string {
  writeFileSync(join(app, file), source);
  const r = spawnSync(process.execPath, [file], { cwd: app, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${file} exited with ${r.status}:\n${r.stderr}\n--- source ---\n${source}`);
  return r.stdout;
}

describe('the packed package', () => {
  it('holds only the built code, its types, the command line, README, LICENSE and CHANGELOG, and no source maps', () => {
    // dist/ also holds the ESM build's split chunks (the worker pool loads apart, so
    // bundles that never use threads leave it out); names carry a content hash.
    const chunks = packed.filter((f) => /^dist\/[\w-]+-[A-Z0-9]{8}\.js$/.test(f));
    expect(packed.filter((f) => !chunks.includes(f))).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/index.cjs',
      'dist/index.d.cts',
      'dist/index.d.ts',
      'dist/index.js',
      'package.json',
    ]);
    expect(chunks.length).toBeGreaterThan(0);
    expect(packed.some((f) => f.endsWith('.map'))).toBe(false);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    for (const key of ['repository', 'homepage', 'bugs']) expect(pkg, key).toHaveProperty(key);
  });

  it('links the README to absolute URLs (npm shows it without the repository files)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    expect(targets.length).toBeGreaterThan(0);
    for (const t of targets) expect(t, t).toMatch(/^(https:\/\/|#)/);
    // Each repository URL names a file that exists here.
    for (const t of targets) {
      const m = /^https:\/\/(?:raw\.githubusercontent\.com\/infodiv\/infodiv\/main|github\.com\/infodiv\/infodiv\/blob\/main)\/(.+)$/.exec(t);
      if (m) expect(() => readFileSync(join(root, m[1]!)), m[1]).not.toThrow();
    }
  });

  const blocks = readmeBlocks(readFileSync(join(root, 'README.md'), 'utf8'), 'js');
  it.each(blocks.map((b, i) => [i, b.line, b] as const))('README js block %i (line %i) runs as written, with its commented values', (i, _, b) => {
    run(`readme-${i}.mjs`, withChecks(b.code));
  });

  it('loads as ESM and CJS in one program; errors from either build are instanceof the other’s classes', () => {
    const out = run(
      'dual.mjs',
      `import { createRequire } from 'node:module';
import * as esm from 'infodiv';
const cjs = createRequire(import.meta.url)('infodiv');
const fails = (f) => { try { f(); } catch (e) { return e; } throw new Error('no throw'); };
const fromEsm = fails(() => esm.klDivergence([1, -1], [1, 1]));
const fromCjs = fails(() => cjs.entropy('x'));
const checks = {
  esmInCjs: fromEsm instanceof cjs.InputRangeError,
  cjsInEsm: fromCjs instanceof esm.InputTypeError,
  native: fromEsm instanceof RangeError && fromCjs instanceof TypeError,
  notCrossed: !(fromEsm instanceof cjs.InputTypeError) && !(fromCjs instanceof esm.InputRangeError),
  plainIsNot: !(new RangeError('x') instanceof esm.InputRangeError),
  same: esm.klDivergence([0.1, 0.4, 0.5], [0.8, 0.15, 0.05]) === cjs.klDivergence([0.1, 0.4, 0.5], [0.8, 0.15, 0.05]),
};
console.log(JSON.stringify(checks));
`,
    );
    expect(JSON.parse(out)).toEqual({ esmInCjs: true, cjsInEsm: true, native: true, notCrossed: true, plainIsNot: true, same: true });
  });

  it('type-checks a strict consumer: threads calls return what they are typed as, accumulators take what their measure needs', () => {
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', types: [], lib: ['es2022', 'dom'] },
      files: ['types.mts', 'types.cts'],
    }));
    // The same file as ESM and as CJS: TypeScript resolves the package's .d.ts for one and
    // its .d.cts for the other, through the exports map.
    writeFileSync(join(app, 'types.mts'), TYPED_CONSUMER);
    writeFileSync(join(app, 'types.cts'), TYPED_CONSUMER);
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: app, encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    // The same calls at run time return what the types said.
    const out = run('types-run.mjs', `import { pairwise, rowwise, createAccumulator, klDivergence, dispose } from 'infodiv';
const rows = [[1, 2, 3], [3, 2, 1]];
const o = { threads: 2 };
const calls = {
  literal: pairwise('kl', rows, undefined, { threads: 2 }),
  wide: pairwise('kl', rows, undefined, o),
  one: rowwise('kl', [[1, 2]], [1, 1], { threads: 1 }),
  pair: klDivergence([1, 2], [2, 1], { threads: 2 }),
};
const r = Object.fromEntries(Object.entries(calls).map(([k, v]) => [k, v instanceof Promise]));
await Promise.all(Object.values(calls));
r.none = rowwise('kl', [[1, 2]], [1, 1], { base: 2 }) instanceof Float64Array;
r.undef = rowwise('kl', [[1, 2]], [1, 1], { threads: undefined }) instanceof Float64Array;
r.pairSync = typeof klDivergence([1, 2], [2, 1]) === 'number';
try { createAccumulator('kl').update([1, 2]); r.accThrows = false; } catch (e) { r.accThrows = e.name; }
await dispose();
console.log(JSON.stringify(r));
`);
    expect(JSON.parse(out)).toEqual({ literal: true, wide: true, one: true, pair: true, none: true, undef: true, pairSync: true, accThrows: 'InputTypeError' });
  });

  it('a process that made concurrent threaded calls exits by itself (idle workers never keep it alive)', () => {
    const out = run('exit.mjs', `import { pairwise } from 'infodiv';
const rows = [[1, 2, 3], [3, 2, 1], [2, 2, 2]];
const [a, b] = await Promise.all([pairwise('js', rows, undefined, { threads: 2 }), pairwise('kl', rows, undefined, { threads: 2 })]);
console.log(a.rows + b.rows);
`);
    expect(out.trim()).toBe('6'); // run() fails on its 60 s timeout if the process hangs
  });

  it('installs the infodiv command: npx runs it in the consumer project, the library found as the installed package', () => {
    writeFileSync(join(app, 'p.txt'), '0.1\n0.4\n0.5\n');
    writeFileSync(join(app, 'q.txt'), '0.8\n0.15\n0.05\n');
    const r = spawnSync('npx', ['--offline', 'infodiv', 'kl', 'p.txt', 'q.txt', '--base', '2'], { cwd: app, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(Number(r.stdout)).toBeCloseTo(1.926979047155, 12);
    // Parquet and Arrow readers are optional peers, not installed here: the CLI says what to install.
    copyFileSync(join(root, 'test/fixtures/cli/snappy.parquet'), join(app, 'x.parquet'));
    const parquet = spawnSync('npx', ['--offline', 'infodiv', 'hist', 'x.parquet', '--column', 'd', '--bins', '2'], { cwd: app, encoding: 'utf8', timeout: 60_000 });
    expect(parquet.status).toBe(2);
    expect(parquet.stderr).toBe('infodiv: x.parquet: reading Parquet needs the hyparquet package: npm install hyparquet\n');
    expect(spawnSync('npx', ['--offline', 'infodiv', '--version'], { cwd: app, encoding: 'utf8' }).stdout.trim()).toBe(
      (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version,
    );
  });

  it('npm start prints the worked example, and the JS distance with a base, not a unit', () => {
    const out = execFileSync(process.execPath, [join(root, 'scripts/demo.mjs')], { cwd: root, encoding: 'utf8' });
    for (const v of ['1.926979 bits', '2.021648 bits', '0.420201 bits', '0.648229']) expect(out).toContain(v);
    const distances = out.split('\n').filter((l) => l.startsWith('JS distance'));
    expect(distances.length).toBe(2);
    for (const l of distances) expect(l).not.toMatch(/bits|nats/);
    expect(distances[1]).toMatch(/\(base 2\)$/);
    // The densities' closed form, 0.005 nats = 0.0072135 bits (½·0.1², in base 2).
    expect(out).toMatch(/KL, densities\s+0\.00721\d* bits/);
  });
});

// Compiled twice, as ESM (types.mts) and as CJS (types.cts), against the package's own
// .d.ts and .d.cts. `Equal` fails to compile unless the two types are the same.
const TYPED_CONSUMER = `import { pairwise, rowwise, createAccumulator, klDivergence, type Options, type ThreadOptions, type PairwiseResult } from 'infodiv';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function expectType<A, B>(ok: Equal<A, B>): void { void ok; }

const rows = [[1, 2, 3], [3, 2, 1]];
const wide: Options & ThreadOptions = { threads: 2 };
const maybe = undefined as (Options & ThreadOptions) | undefined;

const sync = () => pairwise('kl', rows);
expectType<ReturnType<typeof sync>, PairwiseResult>(true);
const plain = pairwise('kl', rows, undefined, { base: 2 });
expectType<typeof plain, PairwiseResult>(true);
const threaded = pairwise('kl', rows, undefined, { threads: 2 });
expectType<typeof threaded, Promise<PairwiseResult>>(true);
const open = pairwise('kl', rows, undefined, wide);
expectType<typeof open, PairwiseResult | Promise<PairwiseResult>>(true);
const one = rowwise('kl', [[1, 2]], [1, 1], { threads: 1 });
expectType<typeof one, Promise<Float64Array>>(true);
const none = rowwise('kl', [[1, 2]], [1, 1], { threads: undefined });
expectType<typeof none, Float64Array>(true);
const either = rowwise('kl', [[1, 2]], [1, 1], maybe);
expectType<typeof either, Float64Array | Promise<Float64Array>>(true);

const kl = createAccumulator('kl');
kl.update([1, 2], [2, 1]);
// @ts-expect-error KL needs q as well as p
kl.update([1, 2]);
const h = createAccumulator('entropy');
h.update([1, 2]);
expectType<ReturnType<typeof h.result>, number>(true);

const k = klDivergence([1], [1]);
expectType<typeof k, number>(true);
const kb = klDivergence([1], [1], { base: 2 });
expectType<typeof kb, number>(true);
const kt = klDivergence([1], [1], { threads: 2 });
expectType<typeof kt, Promise<number>>(true);
const ka = klDivergence([1], [1], { threads: 'auto' });
expectType<typeof ka, Promise<number>>(true);
const kw = klDivergence([1], [1], wide);
expectType<typeof kw, number | Promise<number>>(true);
// @ts-expect-error a misspelled option is a type error too
klDivergence([1], [1], { bsae: 2 });
`;
