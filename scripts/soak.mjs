// `npm run soak`: 1e6 mixed calls over the public API of the built package (every
// measure, every backend, every input kind, sizes 1 … 1e6, about 1% bad input), answers
// checked against independent references, memory sampled, 1,000 worker pools made and
// disposed; fails (exit 1) on a wrong answer, a bad input let through, memory growing
// after warm-up, a thread or handle left over, or a process that does not end by itself.
// Writes bench/results/soak.md (bench/results/quick/soak.md with --quick).
//
//   node scripts/soak.mjs [--quick] [--calls N] [--cycles N] [--seed S]
//
// --quick (CI): 10,000 calls and 50 pool cycles. This file re-runs itself under
// --expose-gc (heap is measured after a forced GC) and checks that the child ends on
// its own; the child's own watchdog, unref'd, reports a hang instead of waiting forever.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name} takes a whole number, got ${args[i + 1]}`);
  return v;
};

const quick = flag('--quick');
const calls = value('--calls', quick ? 10_000 : 1_000_000);
const cycles = value('--cycles', quick ? 50 : 1000);
const seed = value('--seed', Math.floor(Math.random() * 2 ** 32)) >>> 0;
const out = join(root, 'bench/results', quick ? 'quick/soak.md' : 'soak.md');

if (typeof globalThis.gc !== 'function') {
  // The parent: run the soak in a child with --expose-gc, and give up on a child that
  // hangs mid-run (the child's watchdog covers a hang after the work is done).
  const limit = (quick ? 300 : 6 * 3600) * 1000;
  const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...args, '--seed', String(seed)], { stdio: 'inherit' });
  const timer = setTimeout(() => {
    console.error(`soak: no end after ${limit / 1000} s; killing it`);
    child.kill('SIGKILL');
  }, limit);
  child.on('exit', (code, signal) => {
    clearTimeout(timer);
    process.exitCode = code ?? 1;
    if (signal) console.error(`soak: child ended by ${signal}`);
  });
} else {
  console.log(`soak: seed ${seed}, ${calls} calls, ${cycles} pool cycles${quick ? ' (quick)' : ''}, Node ${process.versions.node}`);
  const lib = await import(pathToFileURL(join(root, 'dist/index.js')).href);
  const { soak } = await import('./soak/run.mjs');
  const { markdown } = await import('./soak/report.mjs');
  const result = await soak({ lib, calls, cycles, seed, quick, out });
  const failed = result.checks.some((c) => !c.ok);

  const write = (exit) => {
    const md = markdown(result, exit);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, md);
    return md;
  };
  // Nothing should keep the loop alive now: beforeExit comes once it is empty. If it
  // does not within 10 s, something of ours is still open.
  const watchdog = setTimeout(() => {
    write(`**hung**: still alive 10 s after the work, resources: ${process.getActiveResourcesInfo().join(', ')}`);
    console.error(`soak: the process did not end on its own; open: ${process.getActiveResourcesInfo().join(', ')}`);
    process.exit(1);
  }, 10_000);
  watchdog.unref();
  process.once('beforeExit', () => {
    const md = write('on its own (the event loop emptied; no process.exit)');
    console.log(`\n${md.split('\n## How the calls')[0]}`);
    console.log(`written: ${out.slice(root.length)}`);
    process.exitCode = failed ? 1 : 0;
  });
}
