// `npm run bench:drift`: the drift monitor's main job. A 100,000-row reference of C f64
// columns, fitted once (Doane bins per column); then R current rows generated and fed in
// chunks, never held whole, split over T worker threads that each count their shard
// (DriftMonitor.fromProfile → update → profile) and are merged here; PSI, JS distance and
// Hellinger per column at the end. Default: the job, 3,000,000 × 1,000, 2 threads.
//
// Reported apart: the time to generate the data (in the workers, between updates), the
// time spent counting (update), merging and the measures (result). Beside it, in the same
// run: a plain JS binary-search binning loop on one thread over a slice of the same
// data, and NumPy (np.histogram with the fitted edges, then PSI per column, as Evidently
// computes it) on a 300,000 × 100 slice when python3 with numpy is there.
// Writes bench/results/drift.md (not with --quick). A benchmark, never a test.
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { barChart } from './svg.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

/** Column c of rows [from, from + n): a shifted, scaled Irwin–Hall sample from an LCG, deterministic per (c, row). */
function column(c, from, n, drifted) {
  const out = new Float64Array(n);
  const shift = drifted && c % 10 === 0 ? 0.3 : 0; // every tenth column drifts
  for (let i = 0; i < n; i++) {
    let s = (Math.imul(from + i + 1, 2654435761) ^ Math.imul(c + 1, 40503)) >>> 0;
    let x = 0;
    for (let k = 0; k < 3; k++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      x += s / 4294967296;
    }
    out[i] = (x - 1.5) * (1 + (c % 7) * 0.1) + shift;
  }
  return out;
}

/**
 * The plain JS loop the bench compares with: a binary search per value for the bin of
 * the last edge ≤ it (the last edge in the last bin), values outside in a cell before
 * and one after.
 */
function plainBinarySearch(x, e) {
  const k = e.length - 1;
  const counts = new Float64Array(k + 2);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v !== v) continue;
    if (v < e[0]) counts[0]++;
    else if (v > e[k]) counts[k + 1]++;
    else if (v === e[k]) counts[k]++;
    else {
      let a = 0;
      let b = k;
      while (b - a > 1) {
        const mid = (a + b) >>> 1;
        if (e[mid] <= v) a = mid;
        else b = mid;
      }
      counts[a + 1]++;
    }
  }
  return counts;
}

function table(cols, from, n, drifted) {
  const t = {};
  for (let c = 0; c < cols; c++) t[`f${c}`] = column(c, from, n, drifted);
  return t;
}

if (!isMainThread) {
  const m = await import(`${root}dist/index.js`);
  const { profile, cols, from, to, chunk } = workerData;
  const monitor = m.DriftMonitor.fromProfile(profile);
  let generate = 0;
  let count = 0;
  for (let r = from; r < to; r += chunk) {
    const t0 = performance.now();
    const t = table(cols, r, Math.min(chunk, to - r), true);
    const t1 = performance.now();
    monitor.update(t);
    count += performance.now() - t1;
    generate += t1 - t0;
  }
  parentPort.postMessage({ profile: monitor.profile(), generate, count });
} else {
  if (!existsSync(`${root}dist/index.js`)) execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
  const m = await import(`${root}dist/index.js`);
  const quick = process.argv.includes('--quick');
  const ROWS = arg('rows', quick ? 300_000 : 3_000_000);
  const COLS = arg('cols', quick ? 100 : 1000);
  const THREADS = arg('threads', 2);
  const CHUNK = arg('chunk', 10_000);
  const REF_ROWS = 100_000;

  // The reference too is never held whole: fitted 100 columns at a time, the profiles'
  // columns joined (a profile is per column).
  let tRefGen = 0;
  let tFit = 0;
  let profile;
  for (let c0 = 0; c0 < COLS; c0 += 100) {
    const t0 = performance.now();
    const part = {};
    for (let c = c0; c < Math.min(COLS, c0 + 100); c++) part[`f${c}`] = column(c, 0, REF_ROWS, false);
    const t1 = performance.now();
    const p = m.createDriftMonitor(part).profile();
    tFit += performance.now() - t1;
    tRefGen += t1 - t0;
    if (profile) profile.columns.push(...p.columns);
    else profile = p;
  }

  // Shards of whole chunks, one per thread.
  const chunks = Math.ceil(ROWS / CHUNK);
  const t2 = performance.now();
  const shards = await Promise.all(
    Array.from({ length: THREADS }, (_, k) => {
      const from = Math.floor((k * chunks) / THREADS) * CHUNK;
      const to = Math.min(ROWS, Math.floor(((k + 1) * chunks) / THREADS) * CHUNK);
      return new Promise((resolve, reject) => {
        const w = new Worker(fileURLToPath(import.meta.url), { workerData: { profile, cols: COLS, from, to, chunk: CHUNK } });
        w.once('message', resolve);
        w.once('error', reject);
      });
    }),
  );
  const tShards = performance.now() - t2;
  const t3 = performance.now();
  const total = m.DriftMonitor.fromProfile(shards[0].profile);
  for (const s of shards.slice(1)) total.merge(m.DriftMonitor.fromProfile(s.profile));
  const tMerge = performance.now() - t3;
  const t4 = performance.now();
  const report = total.result();
  const tResult = performance.now() - t4;
  const rss = process.resourceUsage().maxRSS / 1024; // MiB (maxRSS is in KiB)

  const generate = Math.max(...shards.map((s) => s.generate));
  const count = Math.max(...shards.map((s) => s.count));
  const values = ROWS * COLS;
  // The job's wall time without the data generation: fitting, the shards' counting, merging, measures.
  const wallNoGen = tFit + tShards - generate + tMerge + tResult;
  const drifted = report.columns.filter((c) => c.drifted).length;

  // Baseline: a plain binary-search binning loop, one thread, over a slice of the same data.
  const sliceRows = Math.min(ROWS, 100_000);
  const sliceCols = Math.min(COLS, 100);
  const slice = table(sliceCols, 0, sliceRows, true);
  const edges = Array.from({ length: sliceCols }, (_, c) => Float64Array.from(profile.columns[c].bins.edges));
  const tb = performance.now();
  for (let c = 0; c < sliceCols; c++) plainBinarySearch(slice[`f${c}`], edges[c]);
  const baselineNs = ((performance.now() - tb) * 1e6) / (sliceRows * sliceCols);
  const ts = performance.now();
  const mSlice = m.DriftMonitor.fromProfile({ ...profile, columns: profile.columns.slice(0, sliceCols) });
  mSlice.update(slice);
  const oursNs = ((performance.now() - ts) * 1e6) / (sliceRows * sliceCols);

  // binCounts of 1e7 values into 1,000 quantile edges against a plain binary-search loop.
  const qValues = column(3, 0, quick ? 1_000_000 : 10_000_000, true);
  const qBins = m.fitBins(qValues.subarray(0, 100_000), { method: 'quantile', bins: 1000 });
  const qe = qBins.edges;
  const qk = qe.length - 1;
  const plainSearch = () => plainBinarySearch(qValues, qe).subarray(1, qk + 1);
  const timeMedian = (f, rounds = 5) => {
    const ts = [];
    for (let r = 0; r < rounds; r++) {
      const t = performance.now();
      f();
      ts.push(performance.now() - t);
    }
    return ts.sort((a, b) => a - b)[rounds >> 1];
  };
  const want = plainSearch();
  const gotQ = m.binCounts(qValues, qBins).counts;
  if (!gotQ.every((x, i) => x === want[i])) throw new Error('binCounts and the plain loop disagree');
  const tPlain = timeMedian(plainSearch);
  const tOurs = timeMedian(() => m.binCounts(qValues, qBins));

  // NumPy on a 300k × 100 slice (the data written once as a raw f64 file).
  let numpy = 'python3 with numpy not found';
  let numpyRatio;
  const py = process.env.PYTHON ?? 'python3';
  try {
    execFileSync(py, ['-c', 'import numpy'], { stdio: 'ignore' });
    const dir = mkdtempSync(join(os.tmpdir(), 'infodiv-drift-'));
    const rows = Math.min(ROWS, 300_000);
    const cols = Math.min(COLS, 100);
    const cur = table(cols, 0, rows, true);
    const buf = new Float64Array(rows * cols);
    for (let c = 0; c < cols; c++) buf.set(cur[`f${c}`], c * rows);
    writeFileSync(join(dir, 'current.f64'), buf);
    writeFileSync(join(dir, 'profile.json'), JSON.stringify({ rows, cols, columns: profile.columns.slice(0, cols).map((c) => ({ edges: c.bins.edges, reference: c.reference.counts })) }));
    const out = JSON.parse(execFileSync(py, [join(root, 'bench/drift.py'), dir], { encoding: 'utf8' }));
    rmSync(dir, { recursive: true, force: true });
    const t5 = performance.now();
    const mm = m.DriftMonitor.fromProfile({ ...profile, columns: profile.columns.slice(0, cols) });
    mm.update(cur);
    mm.result();
    const oursMs = performance.now() - t5;
    numpyRatio = out.ms / oursMs;
    numpy = `NumPy ${out.numpy}, np.histogram with the fitted edges + PSI per column (Evidently's way), ${rows.toLocaleString('en')} × ${cols} (one thread): ${out.ms.toFixed(0)} ms; infodiv, the same slice on one thread: ${oursMs.toFixed(0)} ms (**${(out.ms / oursMs).toFixed(2)}×**)`;
  } catch (e) {
    numpy = `NumPy comparison failed: ${e.message.split('\n')[0]}`;
  }

  const md = `# drift: the monitor's main job

\`npm run bench:drift\`, ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism?.() ?? os.cpus().length} cores, ${new Date().toISOString().slice(0, 10)}.
${ROWS.toLocaleString('en')} current rows × ${COLS.toLocaleString('en')} f64 columns (every tenth shifted by 0.3), generated in
chunks of ${CHUNK.toLocaleString('en')} rows and never held whole, against a ${REF_ROWS.toLocaleString('en')}-row reference fitted once (Doane bins,
outside bins, default smoothing), PSI, JS distance and Hellinger per column; ${THREADS} worker thread(s), each counting its
shard from the reference's profile, merged at the end. One run.

| | |
|---|---:|
| reference: generate / fit | ${tRefGen.toFixed(0)} ms / ${tFit.toFixed(0)} ms |
| current: generate (slowest worker, reported apart) | ${(generate / 1000).toFixed(1)} s |
| current: count into the bins (slowest worker) | ${(count / 1000).toFixed(1)} s |
| merge ${THREADS} shards / measures for ${COLS} columns | ${tMerge.toFixed(0)} ms / ${tResult.toFixed(0)} ms |
| **wall, fit to report, without generating** | **${(wallNoGen / 1000).toFixed(1)} s** (${(values / (wallNoGen / 1000) / 1e6).toFixed(0)} M values/s, ${(ROWS / (wallNoGen / 1000)).toLocaleString('en', { maximumFractionDigits: 0 })} rows/s) |
| wall, all (generating included) | ${((tRefGen + tFit + tShards + tMerge + tResult) / 1000).toFixed(1)} s |
| peak RSS (process and workers) | ${rss.toFixed(0)} MiB |
| columns drifted | ${drifted} of ${COLS} |

Binning per value, one thread, ${sliceRows.toLocaleString('en')} × ${sliceCols} slice of the same data: infodiv's update ${oursNs.toFixed(2)} ns,
a plain JS binary-search loop over the same edges ${baselineNs.toFixed(2)} ns (**${(baselineNs / oursNs).toFixed(2)}×**); at that rate the whole
job's ${(values / 1e9).toFixed(1)}e9 values would take the loop ${((baselineNs * values) / 1e9).toFixed(0)} s on one thread (extrapolated from the slice, not run).

\`binCounts\` of ${qValues.length.toExponential(0)} values into ${qk} quantile edges, one thread, median of 5: ${tOurs.toFixed(0)} ms against ${tPlain.toFixed(0)} ms for a plain JS
binary-search loop (**${(tPlain / tOurs).toFixed(2)}×**, the same counts).

${numpy}.
`;
  // The speed-ups above as one chart (bench/svg.mjs): each against its baseline, same run.
  const blue = '#3b6fb6';
  const svg = barChart({
    title: `bench:drift, ${process.version}: infodiv against the baselines (one thread, same run)`,
    xLabel: 'speed-up (baseline time ÷ infodiv time)',
    legend: [{ label: 'infodiv', color: blue }],
    groups: [
      { label: 'binning, monitor update', bars: [{ label: 'plain JS binary search', value: baselineNs / oursNs, color: blue }] },
      { label: 'binCounts, 1,000 quantile edges', bars: [{ label: 'plain JS binary search', value: tPlain / tOurs, color: blue }] },
      { label: 'update + PSI, vs NumPy', bars: [{ label: 'NumPy np.histogram + PSI', value: numpyRatio, color: blue }] },
    ],
  });
  const chart = `\n![speed-ups of bench:drift](drift.svg)\n\nThe bars: the binning against the plain binary-search loop (slice above), \`binCounts\` against it (1e7 values), and the NumPy slice, each a ratio of times from this run.\n`;
  console.log(md);
  if (!quick && !process.argv.includes('--rows')) {
    writeFileSync(`${root}bench/results/drift.md`, md + chart);
    writeFileSync(`${root}bench/results/drift.svg`, svg);
  }
}
