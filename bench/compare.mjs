// `node bench/compare.mjs --before DIR --after DIR [--quick] [--rounds N] [--instances K]
// [--only TEXT] [--out FILE]`: two builds of infodiv (each DIR holds dist/index.js, or is
// the dist/ folder itself) loaded side by side in one process and timed on the headline
// cases, interleaved, so that the noise of a shared machine falls on both alike. Prints
// a Markdown table of ns/element before and after, the ratio after ÷ before and its
// spread over rounds; --only keeps the cases whose name contains TEXT; --out writes the
// table to FILE. Runs under any Node ≥ 18 (e.g. a Node 24 binary).
//
// Each build is loaded K times (default 2) as separate module instances, and the rounds
// rotate over them. Comparing one build with itself showed why: over a long run, one
// instance of a build can drift 5–8% from another on some memory-bound cases, steadily
// (the same cases with the same sign, run after run, with wasm tier-up off as well; not
// in short runs). Rotating spreads that over both builds' rounds, and the gap between a
// build's own instances is reported per case as the noise floor of its ratio.
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { distance, elementsOf, libraryRun, MEASURES, pick, sizeInputs, TOLERANCE } from './cases.mjs';
import { caseName, NEAR_DELTAS, NEAR_MEASURES, nearName, ROW_DRIFT, SCENARIOS, scenarioLength } from './plan.mjs';
import { formatNs } from './runner.mjs';

/** Two builds of one commit agree to the last bits; 1e-12 leaves room for a changed sum order. */
const SAME_ANSWER = 1e-12;

/**
 * The smallest difference called "faster" or "slower": self-comparisons on 2 shared
 * cores put per-case medians within ±2% of 1.00, with the quartiles sometimes clear of 1.
 */
const RESOLUTION = 0.02;

/**
 * Time budgets. A round times one batch of each build, back to back, the build that goes
 * first alternating; a batch is enough calls to last `sampleMs`. 24 rounds at 1e6 keep
 * the median and quartiles of the per-round ratio steady on 2 shared, noisy cores, and
 * give each pair of instances both orders equally often (24 = 2 orders × 2 instances × 6).
 */
const BUDGET = { full: { rounds: 24, sampleMs: 20, warmupMs: 200 }, quick: { rounds: 4, sampleMs: 2, warmupMs: 10 } };

const sink = { value: 0 };

function parseCommandLine() {
  const { values } = parseArgs({
    options: {
      before: { type: 'string' },
      after: { type: 'string' },
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      instances: { type: 'string', default: '2' },
      only: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.before || !values.after) {
    console.log('usage: node bench/compare.mjs --before DIR --after DIR [--quick] [--rounds N] [--instances K] [--only TEXT] [--out FILE]');
    process.exit(values.help ? 0 : 2);
  }
  const budget = { ...BUDGET[values.quick ? 'quick' : 'full'] };
  if (values.rounds) budget.rounds = Math.max(1, Number.parseInt(values.rounds, 10) || 1);
  const instances = Math.max(1, Number.parseInt(values.instances, 10) || 1);
  return { before: values.before, after: values.after, quick: values.quick, instances, only: values.only, out: values.out, budget };
}

/** DIR/dist/index.js, or DIR/index.js when DIR is a dist folder. */
function entryOf(dir) {
  for (const file of [resolve(dir, 'dist/index.js'), resolve(dir, 'index.js')]) if (existsSync(file)) return file;
  throw new Error(`${dir}: no dist/index.js (build it with npm run build)`);
}

/**
 * Loads each build `count` times, each load its own module instance: each from its own
 * copy of the build's folder (a query string on the entry is not enough once the build
 * is split into chunks: they would resolve to one shared module record, so share the
 * loaded WebAssembly, memory and active backend). The loads go before, after, after, before, …
 * so that neither build's instances are always the later-loaded ones of a pair (in
 * long runs the later-loaded ones were seen to drift). Returns the two sides, each
 * { label, file, instances: [m, …] }.
 */
async function loadSides(dirs, count) {
  const sides = ['before', 'after'].map((label) => ({ label, file: entryOf(dirs[label]), instances: [] }));
  for (let k = 0; k < count; k++) {
    for (const side of k % 2 === 0 ? sides : [...sides].reverse()) {
      const copy = mkdtempSync(join(tmpdir(), `infodiv-compare-${side.label}-${k}-`));
      cpSync(dirname(side.file), copy, { recursive: true });
      const m = await import(pathToFileURL(join(copy, basename(side.file))).href);
      await m.ready;
      side.instances[k] = m;
    }
  }
  return sides;
}

/** Refuses instances that would share module memory (so share state). */
function assertSeparateMemory(sides) {
  const all = sides.flatMap((s) => s.instances);
  const views = all.map((m) => {
    m.setBackend('wasm-simd');
    return m.allocF64(1);
  });
  const buffers = new Set(views.map((v) => v.array.buffer));
  for (const v of views) v.free();
  for (const m of all) m.setBackend('auto');
  if (buffers.size !== all.length) throw new Error('two instances share one module memory: they are not separate instances');
}

/**
 * The cases: the headline ones at 1e6 (1e4 in --quick) on wasm-simd — every vector
 * measure f64 end to end and in module memory and f32 end to end, KL under `precision:
 * 'single'`, histogram of 10·len samples, rowwise (len/100 rows of 100) and pairwise
 * (√(len/100) rows a side) — and the nearly identical cases of bench/plan.mjs.
 */
function compareCases(quick) {
  const len = quick ? 1e4 : 1e6;
  const simd = (measure, dtype, mode, at = len, shape) => ({ measure, len: at, dtype, contender: 'wasm-simd', mode, ...(shape ? { shape } : {}) });
  const cases = [];
  for (const measure of ['kl', 'entropy', 'crossEntropy', 'js', 'jsDistance', 'relEntr', 'totalVariation']) {
    cases.push(simd(measure, 'f64', 'e2e'), simd(measure, 'f64', 'mem'), simd(measure, 'f32', 'e2e'));
  }
  cases.push(simd('kl', 'f32', 'e2e-single'), simd('kl', 'f32', 'mem-single'));
  cases.push(simd('histogram', 'f64', 'e2e', len * 10));
  for (const measure of ['rowwise-kl', 'rowwise-js', 'pairwise-kl', 'pairwise-jsDistance']) cases.push(simd(measure, 'f64', 'e2e'));
  for (const measure of NEAR_MEASURES) {
    for (const delta of NEAR_DELTAS) {
      for (const mode of ['e2e', 'mem']) cases.push(simd(nearName(measure, delta), 'f64', mode, len, { rows: 1, cols: len }));
    }
  }
  for (const measure of ['rowwise-kl', 'rowwise-js']) {
    const name = nearName(measure, ROW_DRIFT);
    cases.push(simd(name, 'f64', 'e2e', scenarioLength(name, { quick }), quick ? SCENARIOS[name].quickShape : SCENARIOS[name].shape));
  }
  // Stable: by size, so one size's inputs are held at a time.
  return cases.map((c) => ({ ...c, env: 'node', name: caseName(c) })).sort((a, b) => a.len - b.len);
}

/** An answer that later calls cannot overwrite (relEntr writes into one shared array). */
const snapshot = (answer) => (ArrayBuffer.isView(answer) ? answer.slice() : answer);

/** How far apart the answers may be: 1e-12, but what the library promises under 'single'. */
function allowedDifference(c) {
  if (MEASURES[c.measure].compare === 'counts') return 0;
  return c.mode.endsWith('-single') ? TOLERANCE.single : SAME_ANSWER;
}

/** Milliseconds for `calls` calls of `run`. */
function timeBatch(run, calls) {
  const start = performance.now();
  for (let i = 0; i < calls; i++) sink.value += pick(run());
  return performance.now() - start;
}

/** Calls every instance in turn, the order reversed each pass, until each had `warmupMs`. */
function warmUp(runs, warmupMs) {
  const spent = runs.map(() => 0);
  for (let n = 0; n < 2 || spent.some((t) => t < warmupMs); n++) {
    const order = n % 2 === 0 ? [...runs.keys()] : [...runs.keys()].reverse();
    for (const i of order) spent[i] += timeBatch(runs[i], 1);
  }
}

/** Calls a batch makes: enough that the slowest instance's batch lasts `sampleMs`; the same for all. */
function callsPerBatch(runs, sampleMs) {
  const slowest = Math.max(...runs.map((run) => Math.min(timeBatch(run, 1), timeBatch(run, 1))));
  return Math.max(1, Math.ceil(sampleMs / Math.max(slowest, 1e-3)));
}

/**
 * `rounds` rounds of one batch per build: round r pairs instance k = ⌊r/2⌋ mod K of each
 * build, and the build that goes first alternates (ABBA…), so neither always runs on the
 * caches the other left. `runs[build][k]`. Returns the per-round ratios after ÷ before
 * and the batch times per build and instance.
 */
function interleave(runs, calls, rounds) {
  const K = runs[0].length;
  const times = runs.map((instances) => instances.map(() => []));
  const ratios = [];
  for (let r = 0; r < rounds; r++) {
    const k = Math.floor(r / 2) % K;
    const order = r % 2 === 0 ? [0, 1] : [1, 0];
    const t = [];
    for (const b of order) t[b] = timeBatch(runs[b][k], calls);
    times[0][k].push(t[0]);
    times[1][k].push(t[1]);
    ratios.push(t[1] / t[0]);
  }
  return { times, ratios };
}

/** The q-quantile of `xs`, linearly interpolated. */
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}

/**
 * The noise floor of a ratio: how far apart one build's own instances ran, as the ratio
 * of their median batch times − 1 (the larger of the two builds'); 0 with one instance.
 */
function instanceGap(times) {
  let gap = 0;
  for (const instances of times) {
    const medians = instances.filter((t) => t.length).map((t) => quantile(t, 0.5));
    gap = Math.max(gap, Math.max(...medians) / Math.min(...medians) - 1);
  }
  return gap;
}

/** Why a side cannot run a case's measure, if it cannot (an older build without totalVariation). */
function missingIn(sides, c) {
  for (const { label, instances } of sides) {
    const why = MEASURES[c.measure].requires?.(instances[0]);
    if (why) return `${label}: ${why}`;
  }
  return undefined;
}

/**
 * The largest difference of any instance's answer from the first before-instance's (the
 * instances of one build must agree too); Infinity when an answer is missing.
 */
function answerDifference(c, runs) {
  const answers = runs.flat().map((run) => snapshot(run()));
  return Math.max(...answers.map((a) => distance(a, answers[0], MEASURES[c.measure].compare)));
}

/** Checks, then times one case on both builds; the record for the table. */
function compareCase(c, sides, size, budget) {
  const missing = missingIn(sides, c);
  if (missing) return { ...c, status: 'skipped', message: missing };
  const runs = sides.map(({ instances }) => instances.map((m) => libraryRun(m, c, size)));
  const differ = answerDifference(c, runs);
  const allowed = allowedDifference(c);
  if (!(differ <= allowed)) return { ...c, status: 'differ', differ, allowed };
  warmUp(runs.flat(), budget.warmupMs);
  const calls = callsPerBatch(runs.flat(), budget.sampleMs);
  const { times, ratios } = interleave(runs, calls, budget.rounds);
  const nsPerElement = (ms) => (ms * 1e6) / calls / elementsOf(c.measure, c.len);
  return {
    ...c,
    status: 'ok',
    differ,
    calls,
    beforeNs: nsPerElement(quantile(times[0].flat(), 0.5)),
    afterNs: nsPerElement(quantile(times[1].flat(), 0.5)),
    ratio: quantile(ratios, 0.5),
    ratioP25: quantile(ratios, 0.25),
    ratioP75: quantile(ratios, 0.75),
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
    instanceGap: instanceGap(times),
  };
}

/**
 * Runs the cases in size order, one size's inputs at a time; `onResult` after each.
 * Module-memory copies are freed after every case, so that each case makes its own, in
 * every instance alike, and memory stays small however many instances there are.
 */
function compareAll(cases, sides, budget, onResult) {
  const results = [];
  let size;
  for (const c of cases) {
    if (size?.len !== c.len) size = sizeInputs(c.len);
    let r;
    try {
      r = compareCase(c, sides, size, budget);
    } catch (e) {
      r = { ...c, status: 'error', message: String(e?.message ?? e) };
    } finally {
      size.free();
      for (const { instances } of sides) for (const m of instances) m.setBackend('auto');
    }
    results.push(r);
    onResult(r);
  }
  return results;
}

/**
 * "faster" / "slower" when the middle half of the per-round ratios is clear of 1 and the
 * ratio is further from 1 than both RESOLUTION and the gap between a build's own instances.
 */
function verdict(r) {
  const floor = Math.max(RESOLUTION, r.instanceGap);
  if (r.ratioP75 < 1 && 1 - r.ratio > floor) return 'faster';
  if (r.ratioP25 > 1 && r.ratio - 1 > floor) return 'slower';
  return '≈';
}

const ratioText = (x) => x.toFixed(2);
const percent = (x) => `${(x * 100).toFixed(1)}%`;
const differText = (x) => (x === 0 ? '0' : x.toExponential(1));

function progressLine(r, index, total) {
  const head = `[${index}/${total}] ${r.name}`;
  if (r.status !== 'ok') return `${head}  ${r.status.toUpperCase()}: ${r.message ?? `answers differ by ${differText(r.differ)} (allowed ${r.allowed})`}`;
  const spread = `${ratioText(r.ratioP25)}–${ratioText(r.ratioP75)}`;
  return `${head}  ${formatNs(r.beforeNs)} → ${formatNs(r.afterNs)} ns/elem  ×${ratioText(r.ratio)} (${spread}; instances ${percent(r.instanceGap)} apart)`;
}

function table(results) {
  const lines = [
    '| case | before ns/el | after ns/el | after ÷ before | per-round ratio p25–p75 | min–max | | instance gap | answers differ by |',
    '|---|---:|---:|---:|---:|---:|---|---:|---:|',
  ];
  for (const r of results) {
    if (r.status === 'ok') {
      const spread = `${ratioText(r.ratioP25)}–${ratioText(r.ratioP75)}`;
      const range = `${ratioText(r.ratioMin)}–${ratioText(r.ratioMax)}`;
      lines.push(
        `| \`${r.name}\` | ${formatNs(r.beforeNs)} | ${formatNs(r.afterNs)} | **${ratioText(r.ratio)}** | ${spread} | ${range} | ${verdict(r)} | ${percent(r.instanceGap)} | ${differText(r.differ)} |`,
      );
    } else {
      const why = r.status === 'differ' ? `answers differ by ${differText(r.differ)} (allowed ${r.allowed}): not timed` : `${r.status}: ${r.message}`;
      lines.push(`| \`${r.name}\` | | | | | | ${why} | | |`);
    }
  }
  return lines.join('\n');
}

function header(sides, args, seconds) {
  const { budget, quick, instances } = args;
  const same = sides[0].file === sides[1].file ? ' (the same build as before: a self-comparison)' : '';
  return [
    `# infodiv: after ÷ before${quick ? ' (quick)' : ''}`,
    '',
    ...(quick ? ['> Quick mode: small sizes, few short rounds: a check that both builds load, agree and run, not a measurement.', ''] : []),
    `- **before:** ${sides[0].file}`,
    `- **after:** ${sides[1].file}${same}`,
    `- **Node** ${process.version} (${process.execPath}) · ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores · ${new Date().toISOString()} · took ${Math.round(seconds)} s`,
    `- **Method:** each build loaded ${instances}× as separate module instances (own module memory; loaded before, after, after, before, …). Each case checked first: every instance's answer within ${SAME_ANSWER} of the first one's (${TOLERANCE.single} under \`precision: 'single'\`, the library's promise there; equal counts for histograms). Then warm-up, and ${budget.rounds} rounds of one batch per build (≥ ${budget.sampleMs} ms, the same number of calls for all), rotating over the instances, which build goes first alternating.`,
    `- **Reading it:** ns/el = median batch ÷ calls ÷ elements. after ÷ before = median of the per-round ratios (< 1: after is faster), with their quartiles and range. *Instance gap*: how far apart one build's own instances ran (the larger of the two builds), the noise floor: "faster"/"slower" only when the quartiles are clear of 1 and the ratio is further from 1 than that and than ${RESOLUTION * 100}%.`,
    '',
    '',
  ].join('\n');
}

async function main() {
  const args = parseCommandLine();
  const started = performance.now();
  const sides = await loadSides(args, args.instances);
  assertSeparateMemory(sides);
  const cases = compareCases(args.quick).filter((c) => !args.only || c.name.includes(args.only));
  console.log(`infodiv compare${args.quick ? ' (quick)' : ''}: ${cases.length} cases, ${args.budget.rounds} rounds each, ${args.instances} instances a build, Node ${process.version}`);
  let done = 0;
  const results = compareAll(cases, sides, args.budget, (r) => console.log(progressLine(r, ++done, cases.length)));
  const md = `${header(sides, args, (performance.now() - started) / 1000)}${table(results)}\n\nSink: ${sink.value}\n`;
  console.log(`\n${md}`);
  if (args.out) {
    writeFileSync(args.out, md);
    console.log(`Wrote ${args.out}`);
  }
  if (results.some((r) => r.status === 'differ' || r.status === 'error')) process.exitCode = 1;
}

await main();
