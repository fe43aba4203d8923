#!/usr/bin/env node
// npm run fuzz:coverage [-- --seconds N | --quick] [--target NAME]... [--parallel N]
//
// Coverage-guided fuzzing (Jazzer.js: libFuzzer driving instrumented JS) of the input
// validation and the CLI's file readers: the targets in test/coverage-fuzz/targets/,
// bundled by esbuild into .cache/fuzz/build/ so that Jazzer instruments our code (our
// bundle only: packages stay external, in node_modules, uninstrumented). Each target
// starts from its committed corpus (test/coverage-fuzz/corpus/<target>/); a finding is
// written to test/coverage-fuzz/crashes/<target>/ and fails the run. A full run (not
// --quick) then merges the new inputs into the committed corpus with libFuzzer's
// -merge=1, keeping only inputs that add coverage. --quick (CI) runs a fixed number of
// inputs per target from a fixed seed (so a CI run is repeatable: the same code and
// corpus take the same path), about 10 s each here, and leaves the corpus as it is. test/coverage-fuzz/replay.test.ts replays every
// corpus and crash file through the same oracle in `npm test`, without Jazzer.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { addonEnv } from './fuzz-coverage/addon.mjs';
import { seeds } from './fuzz-coverage/seeds.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGETS = ['validation', 'text', 'json', 'binary'];
const cache = join(root, '.cache', 'fuzz');
const fuzzDir = join(root, 'test', 'coverage-fuzz');

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '300' },
    quick: { type: 'boolean', default: false },
    target: { type: 'string', multiple: true },
    parallel: { type: 'string', default: '1' },
  },
});
const seconds = args.quick ? 60 : Number(args.seconds);
/** --quick: inputs per target, about 10 s each at the rates measured here (2 cores). */
const QUICK_RUNS = { validation: 60_000, text: 20_000, json: 200_000, binary: 200_000 };
const QUICK_SEED = 20261202;
const targets = args.target ?? TARGETS;
for (const t of targets) if (!TARGETS.includes(t)) throw new Error(`fuzz:coverage: no target ${t} (targets: ${TARGETS.join(', ')})`);

const env = { ...process.env, ...addonEnv(cache) };
const jazzer = join(dirname(createRequire(import.meta.url).resolve('@jazzer.js/core/package.json')), 'dist', 'cli.js');
const buildDir = join(cache, 'build');

await build({
  entryPoints: Object.fromEntries(targets.map((t) => [t, join(fuzzDir, 'targets', `${t}.ts`)])),
  outdir: buildDir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  packages: 'external', // csv-parse & co. stay in node_modules, which Jazzer does not instrument
  logLevel: 'warning',
});

const files = (dir) => readdirSync(dir).filter((f) => !f.startsWith('.'));

/** libFuzzer through Jazzer.js on one target's bundle; its stderr. */
function libFuzzer(target, fuzzerArgs, opts = {}) {
  const r = (opts.spawn ?? spawnSync)(process.execPath, [
    jazzer, join(buildDir, `${target}.cjs`), '--sync', `--includes=${buildDir}`,
    // Our targets touch no files, processes or prototypes: the bug detectors would only slow them.
    '--disableBugDetectors=.*', '--timeout=10000', '--', ...fuzzerArgs,
  ], { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  return r;
}

/** The counters of the last status line ("#N ... cov: X ft: Y corp: A/B exec/s: E"). */
function lastStatus(stderr) {
  const lines = stderr.split('\n').filter((l) => /^#\d+\s/.test(l));
  const last = lines.at(-1) ?? '';
  const m = (re) => last.match(re)?.[1];
  const execs = stderr.match(/stat::number_of_executed_units:\s*(\d+)/)?.[1];
  return { execs: Number(execs ?? m(/^#(\d+)/) ?? 0), cov: m(/cov: (\d+)/), ft: m(/ft: (\d+)/), corp: m(/corp: (\S+)/), rate: stderr.match(/stat::average_exec_per_sec:\s*(\d+)/)?.[1] };
}

function run(target) {
  const corpus = join(fuzzDir, 'corpus', target);
  const crashes = join(fuzzDir, 'crashes', target);
  const work = join(cache, 'work', target);
  mkdirSync(corpus, { recursive: true });
  mkdirSync(crashes, { recursive: true });
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  if (files(corpus).length === 0) seeds(target, root).forEach((s, i) => writeFileSync(join(corpus, `seed-${i}`), s));
  const before = new Set(files(crashes));
  const started = Date.now();
  // New inputs go to `work` (libFuzzer writes to its first corpus directory); the committed corpus seeds it.
  const budget = args.quick ? [`-runs=${QUICK_RUNS[target]}`, `-seed=${QUICK_SEED}`] : [];
  const r = libFuzzer(target, [work, corpus, `-max_total_time=${seconds}`, ...budget, '-max_len=4096', `-artifact_prefix=${crashes}/`, '-print_final_stats=1']);
  const s = lastStatus(r.stderr);
  const found = files(crashes).filter((f) => !before.has(f));
  const line = `${target}: ${((Date.now() - started) / 1000).toFixed(0)} s, ${s.execs} runs (${s.rate ?? '?'}/s), cov ${s.cov} ft ${s.ft}, corpus ${s.corp}`;
  if (r.status !== 0 || found.length > 0) {
    console.log(`${line}: FINDING (exit ${r.status}) ${found.map((f) => join('test/coverage-fuzz/crashes', target, f)).join(' ')}`);
    console.log(r.stderr.split('\n').filter((l) => !/^#\d+\s/.test(l)).slice(-40).join('\n'));
    return false;
  }
  if (!args.quick) {
    // Keep only what adds coverage: merge the committed corpus and the new inputs into an empty directory, which replaces the corpus.
    const merged = join(cache, 'merged', target);
    rmSync(merged, { recursive: true, force: true });
    mkdirSync(merged, { recursive: true });
    const m = libFuzzer(target, ['-merge=1', merged, corpus, work]);
    if (m.status !== 0) throw new Error(`fuzz:coverage: merging ${target}'s corpus failed:\n${m.stderr.slice(-3000)}`);
    rmSync(corpus, { recursive: true });
    renameSync(merged, corpus);
  }
  console.log(`${line}; committed corpus now ${files(corpus).length} files`);
  return true;
}

// Targets in parallel (--parallel N) share the cores; each is one process.
let ok = true;
const queue = [...targets];
const width = Math.max(1, Number(args.parallel));
if (width === 1) {
  for (const t of queue) ok = run(t) && ok;
} else {
  // Each target in its own copy of this script, so their libFuzzer runs overlap.
  const self = fileURLToPath(import.meta.url);
  const running = new Set();
  const start = (t) => new Promise((resolve) => {
    const child = spawn(process.execPath, [self, '--seconds', String(seconds), ...(args.quick ? ['--quick'] : []), '--target', t], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code === 0));
  });
  while (queue.length > 0 || running.size > 0) {
    while (running.size < width && queue.length > 0) {
      const p = start(queue.shift()).then((r) => {
        ok = r && ok;
        running.delete(p);
      });
      running.add(p);
    }
    await Promise.race(running);
  }
}
if (!ok) {
  console.log('fuzz:coverage: findings above; each input is in test/coverage-fuzz/crashes/<target>/ (replayed by test/coverage-fuzz/replay.test.ts)');
  process.exit(1);
}
