// latest.json → REPORT.md and its SVG charts, in the same folder. Run by bench/run.mjs
// after a run; `node bench/report.mjs [folder]` redraws from an existing latest.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatError, formatNs } from './runner.mjs';
import { BROWSER_MEASURES, FLOOR_MEASURES, FLOORS, GRID, NEAR_DELTAS, NEAR_MEASURES, ROW_DRIFT, SCENARIOS, sizeLabel } from './plan.mjs';
import { scipyCall } from './scipy.mjs';
import { barChart, lineChart } from './svg.mjs';
import { floorOf, floorsAt, headline, headlineSize, speedups, timesFloor } from './headline.mjs';
import { runtimeLines } from './runtimes-report.mjs';

const COLORS = {
  'wasm-simd:mem': '#08519c',
  'wasm-simd:e2e': '#4292c6',
  'wasm:mem': '#006d2c',
  'wasm:e2e': '#41ab5d',
  'js:e2e': '#fd8d3c',
  naive: '#252525',
  'ml-distance': '#a50f15',
  mathjs: '#ae017e',
  'floor:mem': '#969696',
};
const SCIPY_COLORS = ['#6a51a3', '#9e9ac8'];

const MEASURE_TITLES = {
  kl: 'KL divergence (klDivergence)',
  entropy: 'entropy',
  crossEntropy: 'cross-entropy (crossEntropy)',
  js: 'Jensen–Shannon divergence (jsDivergence)',
  jsDistance: 'Jensen–Shannon distance (jsDistance)',
  relEntr: 'elementwise relative entropy (relEntr)',
  mi: 'mutual information (mutualInformation)',
  'rowwise-kl': "rowwise('kl', P, Q)",
  'rowwise-js': "rowwise('js', P, Q)",
  'pairwise-kl': "pairwise('kl', P, Q)",
  'pairwise-jsDistance': "pairwise('jsDistance', P, Q)",
  histogram: 'histogram (1000 bins)',
  totalVariation: 'total variation (totalVariation)',
  'rowwise-totalVariation': "rowwise('totalVariation', P, Q)",
  sums: 'memory floor, two arrays: Σp and Σq in one SIMD pass (the engine\'s sums pass, in module memory)',
  sum: 'memory floor, one array: Σp in one SIMD pass (the engine\'s sums pass, in module memory)',
};

/** What a floor reads, for labels. */
const FLOOR_READS = { sums: 'Σp, Σq', sum: 'Σp' };

const seriesKey = (r) => (r.mode ? `${r.contender}:${r.mode}` : r.contender);

function seriesLabel(measure, r) {
  const names = {
    'wasm-simd:mem': 'wasm-simd, in module memory',
    'wasm-simd:e2e': 'wasm-simd, end to end',
    'wasm-simd:mem-single': "wasm-simd, `precision: 'single'`, in module memory",
    'wasm-simd:e2e-single': "wasm-simd, `precision: 'single'`, end to end",
    'wasm:mem': 'wasm (scalar), in module memory',
    'wasm:e2e': 'wasm (scalar), end to end',
    'js:e2e': 'js backend',
    naive: 'naive JS loop',
    'floor:mem': `memory floor (${FLOOR_READS[measure] ?? 'sums'}: one SIMD pass, module memory)`,
  };
  return names[seriesKey(r)] ?? scipyCall(measure, r.contender) ?? r.contender;
}

const cell = (r) => {
  if (!r) return '';
  if (r.status === 'ok') return formatNs(r.nsPerElement);
  return r.status === 'wrong' ? '✗ wrong' : '! error';
};

/** Rows of one measure's table: one per series and dtype, sizes across. */
function measureTable(measure, cases, sizes) {
  const rows = new Map();
  for (const r of cases.filter((c) => c.measure === measure && c.env !== 'chromium')) {
    const key = `${seriesKey(r)}|${r.dtype}`;
    if (!rows.has(key)) rows.set(key, { label: `${seriesLabel(measure, r)}, ${r.dtype}`, bySize: {} });
    rows.get(key).bySize[r.len] = r;
  }
  const lines = [`| ns/element | ${sizes.map(sizeLabel).join(' | ')} |`, `|---|${sizes.map(() => '---:').join('|')}|`];
  for (const row of rows.values()) lines.push(`| ${row.label} | ${sizes.map((s) => cell(row.bySize[s])).join(' | ')} |`);
  // The memory floor of the same inputs, and each library row as a multiple of it.
  const floorMeasure = FLOORS[measure];
  if (!floorMeasure) return lines.join('\n');
  const library = [...rows.values()].filter((row) => Object.values(row.bySize).some((r) => LIBRARY.includes(r.contender)));
  const floorRows = new Map();
  for (const row of library) {
    for (const r of Object.values(row.bySize)) {
      const f = floorOf(cases, r);
      if (!f) continue;
      if (!floorRows.has(f.dtype)) floorRows.set(f.dtype, { label: `${seriesLabel(floorMeasure, f)}, ${f.dtype}`, bySize: {} });
      floorRows.get(f.dtype).bySize[f.len] = f;
    }
  }
  if (!floorRows.size) return lines.join('\n');
  for (const row of floorRows.values()) lines.push(`| ${row.label} | ${sizes.map((s) => cell(row.bySize[s])).join(' | ')} |`);
  lines.push(`| **× floor** (ns/element ÷ the floor's, same size and dtype) | ${sizes.map(() => '').join(' | ')} |`);
  for (const row of library) lines.push(`| ${row.label} | ${sizes.map((s) => times(timesFloor(cases, row.bySize[s]), 1)).join(' | ')} |`);
  return lines.join('\n');
}

const LIBRARY = ['wasm-simd', 'wasm', 'js'];

function measureChart(measure, cases) {
  const f64 = cases.filter((c) => c.measure === measure && c.env !== 'chromium' && c.dtype === 'f64');
  const keys = [...new Set(f64.map(seriesKey))];
  let scipyIndex = 0;
  const series = keys.map((key) => {
    const rs = f64.filter((r) => seriesKey(r) === key);
    const color = COLORS[key] ?? SCIPY_COLORS[scipyIndex++ % SCIPY_COLORS.length];
    const points = rs.filter((r) => r.status === 'ok').map((r) => [r.elements, r.nsPerElement]);
    return { label: seriesLabel(measure, rs[0]), color, dashed: rs[0].env === 'python', points };
  });
  // The memory floor of the same inputs, as a dotted grey line under the others.
  const floorMeasure = FLOORS[measure];
  const floors = cases.filter((c) => c.measure === floorMeasure && c.env === 'node' && c.dtype === 'f64' && c.status === 'ok');
  if (floors.length) {
    series.push({ label: `memory floor (${FLOOR_READS[floorMeasure]})`, color: COLORS['floor:mem'], dashed: true, points: floors.map((r) => [r.elements, r.nsPerElement]) });
  }
  return lineChart({ title: `${MEASURE_TITLES[measure]}: ns/element, f64, Node`, xLabel: 'elements per call', yLabel: 'ns / element (median)', series });
}

function browserChart(measure, cases) {
  const series = [];
  for (const env of ['node', 'chromium']) {
    const rs = cases.filter((c) => c.measure === measure && c.env === env && c.dtype === 'f64');
    for (const key of [...new Set(rs.map(seriesKey))]) {
      const mine = rs.filter((r) => seriesKey(r) === key && r.status === 'ok' && cases.some((c) => c.env === 'chromium' && c.name === r.name));
      series.push({
        label: `${seriesLabel(measure, mine[0] ?? rs.find((r) => seriesKey(r) === key))} (${env === 'node' ? 'Node' : 'Chromium'})`,
        color: COLORS[key] ?? '#777',
        dashed: env === 'chromium',
        points: mine.map((r) => [r.elements, r.nsPerElement]),
      });
    }
  }
  return lineChart({ title: `${MEASURE_TITLES[measure]}: Node (solid) and Chromium (dashed), f64`, xLabel: 'elements per call', yLabel: 'ns / element (median)', series });
}

function browserTable(cases) {
  const chromium = cases.filter((c) => c.env === 'chromium');
  const sizes = [...new Set(chromium.map((c) => c.len))].sort((a, b) => a - b);
  const rows = new Map();
  for (const r of chromium) {
    const key = `${r.measure}|${seriesKey(r)}|${r.dtype}`;
    if (!rows.has(key)) rows.set(key, { label: `${r.measure}: ${seriesLabel(r.measure, r)}, ${r.dtype}`, bySize: {} });
    const node = cases.find((c) => c.env === 'node' && c.name === r.name);
    rows.get(key).bySize[r.len] = `${cell(node) || '—'} · ${cell(r)}`;
  }
  const lines = [`| ns/element, Node · Chromium | ${sizes.map(sizeLabel).join(' | ')} |`, `|---|${sizes.map(() => '---:').join('|')}|`];
  for (const row of rows.values()) lines.push(`| ${row.label} | ${sizes.map((s) => row.bySize[s] ?? '').join(' | ')} |`);
  return lines.join('\n');
}

/** "5.9×" for a ratio, "—" for none. */
export const times = (x, digits = 2) => (Number.isFinite(x) ? `${x.toFixed(x >= 100 ? 0 : digits)}×` : '—');

/**
 * The headline table in Markdown (also printed at the end of a run and quoted in README).
 * "× floor": infodiv's ns/element ÷ the memory floor's on the same inputs (bench/floor.mjs).
 */
export function headlineTable(rows) {
  const lines = ['| infodiv (wasm-simd) | against | infodiv ns/elem | other ns/elem | speed-up | × floor |', '|---|---|---:|---:|---:|---:|'];
  for (const h of rows) {
    const ratio = Number.isFinite(h.ratio) ? `**${h.ratio.toFixed(2)}×**` : h.missing;
    const vs = h.baseOffBy === undefined ? h.vs : `${h.vs} (its answer off by ${formatError(h.baseOffBy)})`;
    lines.push(`| ${h.label} | ${vs} | ${formatNs(h.fastNs)} | ${formatNs(h.baseNs)} | ${ratio} | ${times(h.timesFloor, 1)} |`);
  }
  return lines.join('\n');
}

/** The floor's own figures at the headline size, under the headline table. */
function floorLines(cases) {
  const H = headlineSize(cases);
  const floors = floorsAt(cases, H);
  if (!floors.length) return ['The memory floor did not run, so there is no "× floor" figure (see the notes above).'];
  const at = (measure, dtype) => floors.find((f) => f.measure === measure && f.dtype === dtype);
  const one = (measure) =>
    ['f64', 'f32']
      .map((d) => at(measure, d) && `${d} ${formatNs(at(measure, d).nsPerElement)} (p75 ${formatNs(at(measure, d).p75NsPerElement)})`)
      .filter(Boolean)
      .join(', ');
  const largest = cases
    .filter((c) => c.env === 'node' && c.measure === 'sums' && c.dtype === 'f64' && c.status === 'ok' && c.len > H)
    .sort((a, b) => b.len - a.len)[0];
  const bytes = (n) => (n >= 2 ** 20 ? `${+(n / 2 ** 20).toPrecision(3)} MiB` : `${+(n / 2 ** 10).toPrecision(3)} KiB`);
  return [
    `**× floor** is infodiv's ns/element ÷ the **memory floor**'s on the same inputs: the engine's own sums pass (\`Pass.Sums\`, no logarithm) reading the same arrays once, with SIMD, in module memory — the physical limit of reading the inputs. At ${sizeLabel(H)} elements it takes, in ns/element: reading p and q (Σp, Σq; the floor of KL, JS divergence and the other two-input measures) ${one('sums')}; reading p alone (Σp; the floor of entropy) ${one('sum')}. The inputs of one call are ${bytes(H * 16)} here (f64, p and q)${largest ? `; at ${sizeLabel(largest.len)} (${bytes(largest.len * 16)}) the f64 floor of p and q is ${formatNs(largest.nsPerElement)} ns/element` : ''}: where the inputs outgrow the last-level cache the floor is the memory's bandwidth (per-size tables below). End-to-end rows are divided by the same in-memory floor: their copy into scratch is part of what they pay.`,
  ];
}

function speedupChart(data) {
  const { size, groups } = speedups(data.cases);
  return barChart({
    title: `Speed-up of infodiv (wasm-simd, end to end, f64) at ${sizeLabel(size)} elements, Node`,
    xLabel: 'times faster (log scale; left of 1× is slower)',
    legend: [
      { label: 'over the naive JS loop', color: '#4292c6' },
      { label: 'over SciPy (its fastest route)', color: '#6a51a3' },
    ],
    groups: groups.map((g) => ({
      label: g.measure,
      bars: [
        { label: 'naive', value: g.vsNaive, color: '#4292c6' },
        { label: 'SciPy', value: g.vsScipy, color: '#6a51a3' },
      ],
    })),
  });
}

function machineLines(mc) {
  return [
    `- **Machine:** ${mc.cpu}, ${mc.cores} logical cores, ${mc.memoryGB} GB RAM, ${mc.os}`,
    `- **Node:** ${mc.node}${mc.v8 ? ` (V8 ${mc.v8})` : ''} · **Chromium:** ${mc.chromium ?? 'not run'} · **Python:** ${mc.python ?? 'not run'}${mc.numpy ? ` (NumPy ${mc.numpy}, SciPy ${mc.scipy})` : ''}`,
    ...(mc.revision ? [`- **Commit:** ${mc.revision} (dist/ built from that tree${mc.dist ? `; build hash ${mc.dist}, sha256 over dist/'s files, of the copy the run timed` : ''})`] : []),
    `- **Date:** ${mc.date} · **run took** ${Math.round(mc.durationS)} s · ${mc.quick ? '**quick mode** (`--quick`: tiny budgets, numbers not meaningful)' : 'full run'}`,
  ];
}

function gridLines(data) {
  const count = (env) => data.cases.filter((c) => c.env === env).length;
  const rows = Object.entries(GRID).map(([measure, rs]) => {
    const who = rs.map((r) => `${r.mode ? `${r.contender}:${r.mode}` : r.contender} (${r.dtypes.join(', ')}${r.maxLen < Infinity ? `, ≤ ${sizeLabel(r.maxLen)}` : ''})`);
    return `| ${measure} | ${who.join('; ')} |`;
  });
  return [
    `This run: ${count('node')} cases in Node, ${count('python')} in Python, ${count('chromium')} in Chromium, at sizes ${data.sizes.map(sizeLabel).join(', ')} (Chromium: ${data.browserSizes.map(sizeLabel).join(', ') || 'not run'}).`,
    '',
    '| measure | contenders (dtypes) at every size |',
    '|---|---|',
    ...rows,
    '',
    'Not in the grid, on purpose:',
    '- the scalar `wasm` module runs end to end and on f64 only, except KL (also in memory, and f32): it is the fallback for browsers without SIMD, and KL shows its kernel against the SIMD one;',
    '- in-memory (`mem`) cases exist only where the API reads module memory in place (the vector measures and `histogram`); `rowwise`, `pairwise` and `mutualInformation` copy their input themselves, so they are end to end only;',
    "- `mutualInformation` runs on the JS backend under every backend (src/wasm/backend.ts): its `wasm-simd` row is what callers get by default; the scalar module is not timed;",
    '- peers run on f64 inputs (the naive loop on f32 too, for KL); SciPy has no f32 cases (NumPy would compute in f32, a different answer); `mathjs` only up to 1e5 (it takes plain arrays through generic matrix code); SciPy has no cross-entropy, mutual-information or pairwise-KL function to time (`cdist` has no KL);',
    `- Chromium runs ${BROWSER_MEASURES.join(', ')} at ${data.browserSizes.map(sizeLabel).join(', ') || '—'}, without mathjs and SciPy, to keep a full run short;`,
    '- threads (`{ threads: n }`) and the 1000×1000×1000 pairwise figures: `npm run bench:bulk` (bench/results/bulk.md);',
    '- `totalVariation` is left out, with a note at the top, when the built package does not have it yet;',
    '- `sums` and `sum` are the memory floor (see the method), not library calls: they run in module memory only, and stand beside the measures that read as many arrays of the same length (`× floor` rows in the per-size tables).',
    '',
    `Besides the grid, at one shape each (Node, f64): ${Object.keys(SCENARIOS).map((s) => `\`${s}\``).join(', ')} — see "Nearly identical inputs" below.`,
  ];
}

/** "1e6" for a vector, "2000 × 50" for rows, "300 × 300 × 1000" for pairwise. */
function shapeLabel(measure, shape) {
  if (!shape) return '';
  if (SCENARIOS[measure].pairwise) return `${shape.rows} × ${shape.rows} × ${shape.cols}`;
  return shape.rows === 1 ? sizeLabel(shape.cols) : `${shape.rows} × ${shape.cols}`;
}

/**
 * The scenarios' table: per case, wasm-simd end to end against the naive loop (the
 * ratio), the other backends, and how far the naive loop's answer is from the exact one.
 */
function scenarioTable(cases) {
  const lines = [
    '| case | shape | infodiv ns/el (wasm-simd, e2e) | naive ns/el | speed-up (naive ÷ infodiv) | naive loop off by | wasm-simd, mem | wasm, e2e | js, e2e |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const measure of Object.keys(SCENARIOS)) {
    const mine = cases.filter((c) => c.env === 'node' && c.measure === measure);
    if (!mine.length) continue;
    const of = (contender, mode) => mine.find((c) => c.contender === contender && c.mode === mode);
    const [simd, naive] = [of('wasm-simd', 'e2e'), of('naive')];
    const ratio = simd?.status === 'ok' && naive?.status === 'ok' ? `${(naive.nsPerElement / simd.nsPerElement).toFixed(2)}×` : '—';
    const offBy = naive?.status === 'ok' ? `${formatError(naive.offBy)}${naive.inexact ? ' ⚠' : ''}` : cell(naive);
    const name = mine[0].name.split(':len=')[0];
    lines.push(
      `| \`${name}\` | ${shapeLabel(measure, mine[0].shape)} | ${cell(simd)} | ${cell(naive)} | ${ratio} | ${offBy} | ${cell(of('wasm-simd', 'mem')) || '—'} | ${cell(of('wasm', 'e2e'))} | ${cell(of('js', 'e2e'))} |`,
    );
  }
  return lines.join('\n');
}

function scenarioLines(data) {
  const ran = data.cases.some((c) => SCENARIOS[c.measure]);
  if (!ran) return ['No scenario ran.'];
  const deltas = NEAR_DELTAS.map((d) => d.toExponential()).join(', ');
  return [
    `\`<measure>-near<δ>\`: ${NEAR_MEASURES.join(', ')} on q = p·(1 + δ·u), u pseudo-random in [−1, 1], δ = ${deltas} (entropy: of that q); \`rowwise-*-near${ROW_DRIFT.toExponential()}\`: rows of 50 that drift by ${ROW_DRIFT * 100}%. p and q both sum to exactly 1 (integers over a power of two), so their divergence is ≈ δ²·Var(u)/2 (KL) while each term is ≈ δ: the terms cancel, and the naive loop's rounding (≈ 1e-16 absolute) can outweigh the answer. \`pairwise-*-raw\`: \`pairwise(measure, P, Q, { normalize: false })\` on ordinary distributions.`,
    '',
    'The library must still be within 1e-11 of the exact answer here. A naive loop off by more than 1e-9 relative, but within 1e-12 absolute of the exact answer, is what cancellation does to a correct loop: it is timed, and marked ⚠ with its relative error.',
    '',
    scenarioTable(data.cases),
  ];
}

const METHOD = [
  '- **ns/element** = median time of one call ÷ elements processed by that call. p75 and sample counts are in latest.json.',
  '- **Timing:** tinybench 6 per case: warm-up, then samples until both the time budget and the minimum sample count are met (budgets below). Each sample is a batch of calls lasting at least 0.1 ms (Node, Python) or 1 ms (Chromium, whose cross-origin-isolated timer is 5 µs coarse); the batch time ÷ calls is one sample. SciPy is timed by bench/scipy.py with the same budgets, batching and percentile rule (linear interpolation).',
  '- **Inputs:** made once per size from fixed seeds (bench/inputs.mjs): integer counts 1…2^20 divided by their exact sum, so the values are the same bits in Node, in the page, and in the files handed to SciPy; every entry > 0. f32 inputs are the nearest f32 of the f64 ones. The same arrays go to every contender.',
  '- **Checked before timed:** every contender\'s answer is compared with the reference — the library\'s JS backend on the same (f64 or f32) values, normalising or not as that contender does — before it is timed. Allowed: 1e-11 relative for the library\'s backends, 1e-9 for peers (naive sums), equal counts for histograms; on nearly identical inputs a naive loop may also be within 1e-12 absolute (flagged ⚠, see that section). A case off by more is reported as **✗ wrong** and not timed.',
  "- **Memory floor** (bench/floor.mjs): what reading a case's inputs once costs, the limit no kernel over them can beat. It is the library's own sums pass (`Pass.Sums` of assembly/modes.ts, `sumsPass` in assembly/fast.ts: Σp and Σq with the sign check, six streams of two-lane SIMD loads, plain adds within blocks of 64 elements and compensated adds of the block sums; no logarithm), run from the same SIMD binary the built package runs (found inlined in dist/index.js) in an instance of its own, over copies of the same arrays placed in that instance's memory, f64 and f32 (`passF32` widens f32 lanes as it loads them). `sums` reads p and q, the floor of the two-input measures; `sum` runs the same pass over p alone, its two halves as the pass's two streams (every element loaded once), the floor of entropy, mutual information and histogram (one array of the same length and dtype). Its answer, [Σp, Σq], is checked against compensated sums of the same values (within 1e-11) before it is timed, like every contender's. **× floor** = a case's ns/element ÷ its floor's at the same size and dtype, both from this run. No package export reaches the pass, so the bench calls the module's `passF64`/`passF32` itself, as src/engine/wasm/engine.ts does.",
  '- **Nothing optimised away:** every answer is folded into a sink whose total is written to latest.json.',
  '- **`mem`** (kernel only): inputs in module memory (`allocF64`/`allocF32`, `.array` read at each call); **`e2e`**: ordinary typed arrays, copied through scratch memory (the JS backend and the peers read them directly). `relEntr` contenders all write into an output array made once (in module memory for `mem`).',
  '- **Elements:** vectors: their length. `rowwise`: rows of 100 entries, len/100 rows. `pairwise`: P and Q of r rows of 100 with r = round(√(len/100)) (1e6 → 100×100 pairs), elements = r²·100 entry pairs visited (9.99e6 for "1e7"). `mutualInformation`: a table of len cells, 10^⌊log10(len)/2⌋ rows. `histogram`: len samples into 1000 bins over [0, 1].',
];

/** The per-runtime run (bench/runtimes.mjs) beside a report, when there is one. */
function runtimesIn(folder) {
  const file = `${folder}/runtimes.json`;
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

export function writeReport(folder, data) {
  data = { ...data, runtimes: runtimesIn(folder) };
  const measures = Object.keys(GRID).filter((m) => data.cases.some((c) => c.measure === m));
  const svgs = { 'speedup.svg': speedupChart(data) };
  for (const m of measures) svgs[`ns-${m}.svg`] = measureChart(m, data.cases);
  const browserMeasures = BROWSER_MEASURES.filter((m) => data.cases.some((c) => c.env === 'chromium' && c.measure === m));
  for (const m of browserMeasures) svgs[`chromium-${m}.svg`] = browserChart(m, data.cases);
  for (const [name, svg] of Object.entries(svgs)) writeFileSync(`${folder}/${name}`, svg);

  const failed = data.cases.filter((c) => c.status !== 'ok');
  const b = data.budgets;
  const md = [
    '# infodiv benchmark report',
    '',
    `Written by \`npm run bench${data.machine.quick ? ' -- --quick' : ''}\` (bench/run.mjs); redraw with \`node bench/report.mjs\`.`,
    '',
    ...machineLines(data.machine),
    ...(data.notes.length ? ['', ...data.notes.map((n) => `> ${n}`)] : []),
    '',
    `## Headline: speed-ups at ${sizeLabel(headlineSize(data.cases))} elements`,
    '',
    headlineTable(headline(data.cases)),
    '',
    ...floorLines(data.cases),
    '',
    '![speed-up per measure](speedup.svg)',
    '',
    ...runtimeLines(data.runtimes, data),
    '',
    '## How the numbers are made',
    '',
    ...METHOD,
    '',
    '| size | time budget | min samples | warm-up |',
    '|---|---:|---:|---|',
    ...Object.entries(b).map(([s, x]) => `| ${s} | ${x.time} ms | ${x.iterations} | ${x.warmupTime} ms, ≥ ${x.warmupIterations} calls |`),
    '',
    '## What the grid holds',
    '',
    ...gridLines(data),
    '',
    '## ns/element by size (Node; SciPy dashed)',
    '',
    ...measures.flatMap((m) => [`### ${MEASURE_TITLES[m]}`, '', `![${m}](ns-${m}.svg)`, '', measureTable(m, data.cases, data.sizes), '']),
    '## Nearly identical inputs, drifting rows and raw pairwise (Node)',
    '',
    ...scenarioLines(data),
    '',
    '## Node and Chromium',
    '',
    browserMeasures.length
      ? `The same backends and inputs in headless Chromium ${data.machine.chromium} (page cross-origin isolated: ${data.crossOriginIsolated ? 'yes' : 'no'}).`
      : 'Chromium was not run.',
    '',
    ...browserMeasures.map((m) => `![${m} in Chromium](chromium-${m}.svg)\n`),
    ...(browserMeasures.length ? [browserTable(data.cases), ''] : []),
    '## Failed cases',
    '',
    ...(failed.length
      ? failed.map((c) => `- ${c.env} \`${c.name}\`: ${c.status === 'wrong' ? `answer off by ${Number.isFinite(c.offBy) ? c.offBy.toExponential(2) : '∞ (missing, NaN or misshapen)'} (allowed ${c.tolerance})` : c.message}`)
      : ['None: every contender gave the reference answer within its tolerance.']),
    '',
    `Sink (sum of every answer, so no call could be skipped): ${JSON.stringify(data.sink)}`,
    '',
  ];
  writeFileSync(`${folder}/REPORT.md`, md.join('\n'));
  return Object.keys(svgs);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const folder = process.argv[2] ?? fileURLToPath(new URL('results', import.meta.url));
  const data = JSON.parse(readFileSync(`${folder}/latest.json`, 'utf8'));
  const files = writeReport(folder, data);
  console.log(`wrote ${folder}/REPORT.md and ${files.length} charts`);
}
