// `node bench/runtimes.mjs [--quick] [--rounds N] [--out DIR] [--node PATH]… [--majors 20,22,24] [--no-chromium] [--no-build] [--dist DIR]`:
// the headline's KL, entropy and JS divergence at 1e6 elements (f64; infodiv in module
// memory and end to end, the naive loop, the memory floor of bench/floor.mjs) on several
// Node binaries and in headless Chromium, in one invocation, so that their columns are of
// one commit, one build and one stretch of time on this shared machine.
//
// Node binaries: each --node PATH; else the one running this script, `node` on PATH,
// those in INFODIV_BENCH_NODES (colon-separated), /tmp/nodes/*/package/bin/node and
// .cache/runtimes/node-*/package/bin/node (scripts/runtimes.mjs), one per version, of the
// major versions --majors names (default 20, 22, 24: the LTS lines). Each runtime runs in
// a fresh process (this script with --child, under that binary; Chromium: a fresh page),
// with the same runner, inputs, answer checks and budgets as `npm run bench`. --rounds N
// (default 3) repeats the whole set, the runtimes' order rotating every round; ratios are
// formed within a round. Writes DIR/runtimes.json (default bench/results, --quick:
// bench/results/quick) and, when DIR holds a main run's latest.json, redraws its REPORT.md,
// whose headline section then carries these columns (bench/runtimes-report.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { root } from '../scripts/ensure-built.mjs';
import { snapshotDist } from './dist.mjs';
import { nodeFloor } from './floor-binary.mjs';
import { budgetFor } from './plan.mjs';
import { progressLine, runCases, sink } from './runner.mjs';
import { runtimeCases, runtimeLines } from './runtimes-report.mjs';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    out: { type: 'string' },
    node: { type: 'string', multiple: true },
    'no-chromium': { type: 'boolean', default: false },
    majors: { type: 'string', default: '20,22,24' },
    child: { type: 'string' },
    dist: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});

/** The fields of a result the summary needs (latest.json keeps the rest for the main run). */
const KEEP = ['name', 'env', 'measure', 'contender', 'mode', 'dtype', 'len', 'status', 'nsPerElement', 'p75NsPerElement', 'samples', 'reps', 'offBy', 'message'];
const trim = (r) => Object.fromEntries(KEEP.filter((k) => r[k] !== undefined).map((k) => [k, r[k]]));

if (args.child) {
  // One runtime's share of a round: the cases given, printed as one JSON line at the end.
  const { cases, quick, entry } = JSON.parse(args.child);
  const m = await import(pathToFileURL(entry).href);
  const { floor } = await nodeFloor(entry);
  const results = await runCases(cases, { m, floor, quick, sampleMs: 0.1 }, { onResult: (r) => console.error(`  ${progressLine(r, 0, 0).replace('[0/0] ', '')}`) });
  console.log(JSON.stringify({ results: results.map(trim), sink: sink.value }));
  process.exit(0);
}

const quick = args.quick;
const rounds = Math.max(1, Number.parseInt(args.rounds ?? '3', 10) || 1);
const folder = args.out ?? `${root}bench/results${quick ? '/quick' : ''}`;
const len = quick ? 1e4 : 1e6;
const started = performance.now();

const { revision } = await import('./revision.mjs');
const rev = revision(); // the tree dist/ is built from, taken before any build
// Every round of every runtime times one copy of the build (bench/dist.mjs): dist/, built
// first if stale unless --no-build, or --dist DIR.
const dist = snapshotDist({ build: !args['no-build'] });
const { floor, bytes: floorBytes, why: noFloor } = await nodeFloor(dist.entry);
if (noFloor) console.log(`memory floor unavailable (${noFloor}): its cases will show as errors`);

/** Node binaries to run: given, or found; one per version, oldest first. */
function nodeBinaries() {
  const found = args.node?.length ? [...args.node] : [process.execPath];
  if (!args.node?.length) {
    for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir && existsSync(join(dir, 'node'))) found.push(join(dir, 'node'));
    found.push(...(process.env.INFODIV_BENCH_NODES ?? '').split(':').filter(Boolean));
    for (const dir of ['/tmp/nodes', join(root, '.cache', 'runtimes')]) {
      if (!existsSync(dir)) continue;
      for (const d of readdirSync(dir)) {
        const bin = join(dir, d, 'package', 'bin', 'node');
        if (d.startsWith('node') && existsSync(bin)) found.push(bin);
      }
    }
  }
  const majors = new Set(args.majors.split(',').map((x) => Number.parseInt(x, 10)));
  const byVersion = new Map();
  for (const bin of found) {
    const r = spawnSync(bin, ['-p', 'JSON.stringify([process.version, process.versions.v8])'], { encoding: 'utf8' });
    if (r.status !== 0) {
      console.log(`skipping ${bin}: it did not run (${r.error?.message ?? r.stderr.trim()})`);
      continue;
    }
    const [version, v8] = JSON.parse(r.stdout);
    if (!args.node?.length && !majors.has(Number.parseInt(version.slice(1), 10))) continue;
    if (!byVersion.has(version)) byVersion.set(version, { bin, version, v8 });
  }
  const major = (v) => Number.parseInt(v.slice(1), 10);
  return [...byVersion.values()].sort((a, b) => major(a.version) - major(b.version) || a.version.localeCompare(b.version));
}

const runtimes = nodeBinaries().map((n) => ({ id: `node${Number.parseInt(n.version.slice(1), 10)}`, label: `Node ${n.version.slice(1)}`, engine: `V8 ${n.v8}`, kind: 'node', bin: n.bin }));
const { chromiumAvailable, runInChromium } = await import('./browser.mjs');
if (!args['no-chromium'] && chromiumAvailable()) runtimes.push({ id: 'chromium', label: 'Chromium', kind: 'chromium' });
console.log(`infodiv bench on each runtime${quick ? ' (quick)' : ''}: ${runtimes.map((r) => r.label).join(', ')}; ${rounds} rounds at ${len} elements`);

function runNode(rt, cases) {
  return new Promise((resolve, reject) => {
    const child = spawn(rt.bin, [join(root, 'bench', 'runtimes.mjs'), '--child', JSON.stringify({ cases, quick, entry: dist.entry })], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => {
      err += d;
      process.stdout.write(d);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1);
      if (code === 0 && last) resolve(JSON.parse(last));
      else reject(new Error(`${rt.label} exited with ${code}: ${err.trim().split('\n').slice(-3).join(' / ')}`));
    });
  });
}

const results = Object.fromEntries(runtimes.map((r) => [r.id, []]));
const sinks = Object.fromEntries(runtimes.map((r) => [r.id, 0]));
const notes = [];
for (let round = 0; round < rounds; round++) {
  const order = runtimes.map((_, k) => runtimes[(k + round) % runtimes.length]);
  for (const rt of order) {
    console.log(`round ${round + 1}/${rounds}: ${rt.label}`);
    try {
      if (rt.kind === 'node') {
        const out = await runNode(rt, runtimeCases('node', len));
        results[rt.id][round] = out.results;
        sinks[rt.id] += out.sink;
      } else {
        const out = await runInChromium(runtimeCases('chromium', len), {
          quick,
          onResult: (r) => console.log(`  ${progressLine(r, 0, 0).replace('[0/0] chromium ', '')}`),
          floor: floor && { bytes: floorBytes, source: floor.source },
          dist: dist.folder,
        });
        results[rt.id][round] = out.results.map(trim);
        sinks[rt.id] += out.sink;
        rt.label = `Chromium ${out.version.split('.')[0]}`;
        rt.engine = `${out.version}${out.crossOriginIsolated ? '' : ', page not cross-origin isolated'}`;
      }
    } catch (e) {
      notes.push(`round ${round + 1}, ${rt.label}: ${e.message}`);
      console.log(`  ${rt.label} did not finish: ${e.message}`);
      results[rt.id][round] = [];
    }
  }
}

const data = {
  revision: rev?.label,
  dist: dist.hash,
  date: new Date().toISOString(),
  durationS: (performance.now() - started) / 1000,
  quick,
  rounds,
  len,
  budget: budgetFor(len, { quick }),
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length },
  floor: floor?.source,
  runtimes: runtimes.map(({ kind, ...r }) => r),
  notes,
  sink: sinks,
  results,
};
mkdirSync(folder, { recursive: true });
writeFileSync(`${folder}/runtimes.json`, `${JSON.stringify(data, null, 1)}\n`);
console.log(`\n${runtimeLines(data).join('\n')}\n`);
const main = `${folder}/latest.json`;
if (existsSync(main)) {
  const { writeReport } = await import('./report.mjs');
  writeReport(folder, JSON.parse(readFileSync(main, 'utf8')));
  console.log(`Wrote ${folder}/runtimes.json and redrew ${folder}/REPORT.md.`);
} else {
  console.log(`Wrote ${folder}/runtimes.json (no latest.json there, so no REPORT.md to redraw).`);
}
