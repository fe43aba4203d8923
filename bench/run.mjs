// `npm run bench`: every measure at sizes 1e2…1e7, f64 and f32, on each backend, in
// module memory and end to end, against the naive JS loop, ml-distance, mathjs and
// SciPy (when python3 has it), in Node and in headless Chromium. Writes
// bench/results/latest.json and REPORT.md with SVG charts (bench/report.mjs).
// `npm run bench -- --quick`: the same grid at small sizes with tiny budgets, written to
// bench/results/quick/ so that it never overwrites the committed report.
// Beside them, the memory floor (bench/floor.mjs): the engine's sums pass over the same
// arrays, which every infodiv figure is also shown against ("× floor"). The headline on
// Node 20, 22, 24 and Chromium side by side: `node bench/runtimes.mjs` (its results go
// into the same report).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { pathToFileURL } from 'node:url';
import { root } from '../scripts/ensure-built.mjs';
import { snapshotDist } from './dist.mjs';
import { chromiumAvailable, runInChromium } from './browser.mjs';
import { nodeFloor } from './floor-binary.mjs';
import { headline } from './headline.mjs';
import { unavailable } from './cases.mjs';
import { budgetFor, casesFor, GRID, sizeLabel } from './plan.mjs';
import { headlineTable, writeReport } from './report.mjs';
import { revision } from './revision.mjs';
import { progressLine, runCases, sink } from './runner.mjs';
import { scipyAvailable, scipyStage } from './scipy.mjs';

const quick = process.argv.includes('--quick');
// `--out DIR` writes the results there instead (a second runtime's run beside the committed one).
const outAt = process.argv.indexOf('--out');
const folder = outAt > 0 ? process.argv[outAt + 1] : `${root}bench/results${quick ? '/quick' : ''}`;
const started = performance.now();

// The commit of the tree dist/ is (re)built from, taken before the build.
const rev = revision();
// A half-edited source tree must not stop a bench run when a build exists (it builds if
// stale, else keeps the old build). The run then times its own copy of the build
// (bench/dist.mjs): `--no-build` copies dist/ as it is, `--dist DIR` copies DIR.
const dist = snapshotDist({ build: !process.argv.includes('--no-build') });
const m = await import(pathToFileURL(dist.entry).href);
const mathjs = await import('mathjs');

const notes = [];
const note = (s) => {
  notes.push(s);
  console.log(s);
};

// Measures the built package cannot run yet (totalVariation, while it is being added)
// are left out with a note rather than failing as library errors.
const planned = casesFor('node', { quick });
const missing = unavailable(m, new Set(planned.map((c) => c.measure)));
for (const [measure, why] of missing) note(`${measure} skipped: ${why}; its cases are left out of this run.`);
// The memory floor runs the SIMD binary of the build; without one its cases are left out.
const { floor, bytes: floorBytes, why: noFloor } = await nodeFloor(dist.entry);
if (noFloor) note(`Memory floor skipped: ${noFloor}; there is no "× floor" column.`);
const kept = (c) => !missing.has(c.measure) && (floor || c.contender !== 'floor');
const nodeCases = planned.filter(kept);
const scipyVersions = scipyAvailable();
const pythonCases = scipyVersions ? casesFor('python', { quick }) : [];
if (!scipyVersions) note('SciPy skipped: python3 with numpy and scipy was not found, so there is no SciPy column.');
const browserCases = chromiumAvailable() ? casesFor('chromium', { quick }).filter(kept) : [];
if (!browserCases.length) note('Chromium skipped: /usr/bin/chromium was not found, so there is no browser column.');

const total = nodeCases.length + pythonCases.length + browserCases.length;
let done = 0;
const show = (r) => console.log(progressLine(r, ++done, total));
console.log(`infodiv bench${quick ? ' (quick)' : ''}: ${total} cases — ${nodeCases.length} Node, ${pythonCases.length} SciPy, ${browserCases.length} Chromium`);

const scipy = pythonCases.length ? scipyStage(pythonCases, { quick }) : undefined;
// The temporary input files (up to ~0.5 GB in a full run) go, however the run ends.
process.on('exit', () => scipy?.discard());
process.on('SIGINT', () => process.exit(130));
const cases = await runCases(nodeCases, { m, mathjs, floor, quick, sampleMs: 0.1 }, {
  onResult: show,
  beforeFree: (size) => scipy?.prepare(size, m),
});
const sinks = { node: sink.value };

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGB: Math.round(totalmem() / 2 ** 30),
  os: `${platform()} ${release()}`,
  node: process.version,
  v8: process.versions.v8,
  quick,
  revision: rev?.label,
  dist: dist.hash,
  floor: floor?.source,
};

if (scipy) {
  const out = await scipy.run(done + 1, total);
  done += out.results.length;
  cases.push(...out.results);
  Object.assign(machine, out.versions);
  sinks.python = out.sink;
}

let crossOriginIsolated;
if (browserCases.length) {
  try {
    const out = await runInChromium(browserCases, { quick, onResult: show, floor: floor && { bytes: floorBytes, source: floor.source }, dist: dist.folder });
    cases.push(...out.results);
    machine.chromium = out.version;
    sinks.chromium = out.sink;
    crossOriginIsolated = out.crossOriginIsolated;
  } catch (e) {
    note(`Chromium column failed: ${e.message}`);
  }
}

machine.date = new Date().toISOString();
machine.durationS = (performance.now() - started) / 1000;
// The grid's sizes head the report's tables; budgets cover the scenarios' sizes too.
const sizes = [...new Set(nodeCases.filter((c) => GRID[c.measure]).map((c) => c.len))];
const budgetSizes = [...new Set(nodeCases.map((c) => c.len))].sort((a, b) => a - b);
const data = {
  machine,
  notes,
  sizes,
  browserSizes: [...new Set(browserCases.map((c) => c.len))],
  budgets: Object.fromEntries(budgetSizes.map((s) => [sizeLabel(s), budgetFor(s, { quick })])),
  crossOriginIsolated,
  headline: headline(cases),
  sink: sinks,
  cases,
};
mkdirSync(folder, { recursive: true });
writeFileSync(`${folder}/latest.json`, `${JSON.stringify(data, null, 1)}\n`);
const charts = writeReport(folder, data);

const failed = cases.filter((c) => c.status !== 'ok');
console.log(`\n${headlineTable(data.headline)}\n`);
console.log(`${cases.length} cases, ${failed.length} failed, in ${Math.round(machine.durationS)} s.`);
for (const c of failed) console.log(`  failed: ${c.env} ${c.name} (${c.status})`);
console.log(`Wrote ${folder}/latest.json, REPORT.md and ${charts.length} charts.`);
