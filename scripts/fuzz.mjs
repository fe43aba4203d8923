#!/usr/bin/env node
// npm run fuzz [-- --seed S] [-- --runs N]: the property suite (test/properties/) in
// Node, through vitest, with a random seed (or S) and N cases in total (default 100,000;
// `npm test` runs 3,000 from a fixed seed). On failure it prints the seed and the command
// that replays it; fast-check's counterexample and path are in vitest's output above.
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function parse(argv) {
  const o = { seed: undefined, runs: 100_000, extra: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i] ?? '';
      if (!/^\d+$/.test(v) || Number(v) < 1) throw new Error(`${a} needs a whole number ≥ 1, got ${JSON.stringify(v)}`);
      return Number(v);
    };
    if (a === '--seed') o.seed = value();
    else if (a === '--runs') o.runs = value();
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run fuzz [-- --seed S] [--runs N] [vitest filters, e.g. test/properties/bulk.test.ts]');
      process.exit(0);
    } else o.extra.push(a);
  }
  return o;
}

let opts;
try {
  opts = parse(process.argv.slice(2));
} catch (e) {
  console.error(`fuzz: ${e.message}`);
  process.exit(2);
}
const seed = opts.seed ?? randomInt(1, 2 ** 31 - 1);
const files = opts.extra.length ? opts.extra : ['test/properties/'];
console.log(`fuzz: seed ${seed}, ${opts.runs} cases (each on every backend), ${files.join(' ')}`);

const started = performance.now();
const child = spawn('npx', ['vitest', 'run', '--project', 'node', ...files], {
  cwd: root,
  env: { ...process.env, INFODIV_FUZZ_SEED: String(seed), INFODIV_FUZZ_RUNS: String(opts.runs), INFODIV_FUZZ_REPORT: '1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let cases = 0;
let tail = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  // Count the per-file tallies settings.ts prints ("[infodiv-properties] cases=N seed=S").
  const text = tail + chunk.toString();
  for (const m of text.matchAll(/\[infodiv-properties\] cases=(\d+)/g)) cases += Number(m[1]);
  tail = text.slice(-200).replace(/[^]*\n/, '');
});
child.on('close', (code) => {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const replay = `npm run fuzz -- --seed ${seed} --runs ${opts.runs}`;
  if (code === 0) {
    console.log(`fuzz: passed, ${cases} cases in ${seconds} s (seed ${seed}; replay: ${replay})`);
  } else {
    console.error(`fuzz: FAILED (exit ${code}) after ${seconds} s with seed ${seed}.`);
    console.error(`  fast-check's counterexample, its own seed and path are in the output above.`);
    console.error(`  Replay: ${replay}`);
  }
  process.exit(code ?? 1);
});
