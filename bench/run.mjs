// `npm run bench`: tinybench timings of the kernels against naive JS loops on 1e6-element
// inputs, all in one process on the same inputs. Writes bench/results/latest.{json,md}
// with medians (ns/element) and the ratios the README quotes.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { naiveEntropy, naiveHistogram, naiveJs, naiveKl } from './baselines.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${root}dist/index.js`)) execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
const m = await import(`${root}dist/index.js`);

const N = 1_000_000;
function distribution(seed) {
  let s = seed;
  const x = Float64Array.from({ length: N }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 1) / 2 ** 32);
  const total = x.reduce((a, b) => a + b, 0);
  return x.map((v) => v / total);
}
const p64 = distribution(1);
const q64 = distribution(2);
const p32 = Float32Array.from(p64);
const q32 = Float32Array.from(q64);

m.setBackend('wasm-simd');
const inMem = (src, alloc) => {
  const a = alloc(N);
  a.array.set(src);
  return a; // read .array at each use: a later allocation may grow memory
};
const p64m = inMem(p64, m.allocF64);
const q64m = inMem(q64, m.allocF64);
const p32m = inMem(p32, m.allocF32);
const q32m = inMem(q32, m.allocF32);

// 1e7 events for the histogram case.
const EVENTS = 10_000_000;
let h = 7;
const events = Float64Array.from({ length: EVENTS }, () => ((h = (Math.imul(h, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32);

const on = (name, f) => () => {
  m.setBackend(name);
  return f();
};

const bench = new Bench({ time: 1500, warmupTime: 300 });
const tasks = {
  'kl f64: naive JS loop': () => naiveKl(p64, q64),
  'kl f64: js backend': on('js', () => m.klDivergence(p64, q64)),
  'kl f64: wasm scalar, end to end': on('wasm', () => m.klDivergence(p64, q64)),
  'kl f64: wasm-simd, end to end': on('wasm-simd', () => m.klDivergence(p64, q64)),
  'kl f64: wasm-simd, in module memory': on('wasm-simd', () => m.klDivergence(p64m.array, q64m.array)),
  'kl f32: naive JS loop': () => naiveKl(p32, q32),
  'kl f32: wasm-simd, end to end': on('wasm-simd', () => m.klDivergence(p32, q32)),
  'kl f32: wasm-simd, in module memory': on('wasm-simd', () => m.klDivergence(p32m.array, q32m.array)),
  'entropy f64: naive JS loop': () => naiveEntropy(p64),
  'entropy f64: wasm-simd, end to end': on('wasm-simd', () => m.entropy(p64)),
  'js f64: naive JS loop': () => naiveJs(p64, q64),
  'js f64: wasm-simd, end to end': on('wasm-simd', () => m.jsDivergence(p64, q64)),
  'histogram 1e7 f64, 1000 bins: naive JS loop': () => naiveHistogram(events, 1000, 0, 1),
  'histogram 1e7 f64, 1000 bins: wasm-simd, end to end': on('wasm-simd', () => m.histogram(events, { bins: 1000, range: [0, 1] })),
};
for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn);
await bench.run();
m.setBackend('auto');

const ns = {};
for (const t of bench.tasks) {
  if (t.result.state !== "completed") throw new Error(`${t.name}: ${t.result.state} ${t.result.error ?? ""}`);
  ns[t.name] = (t.result.latency.p50 * 1e6) / (t.name.startsWith('histogram') ? EVENTS : N);
}
const ratio = (base, fast) => ns[base] / ns[fast];
const ratios = {
  'kl f64 in memory vs naive': ratio('kl f64: naive JS loop', 'kl f64: wasm-simd, in module memory'),
  'kl f64 end to end vs naive': ratio('kl f64: naive JS loop', 'kl f64: wasm-simd, end to end'),
  'kl f32 in memory vs naive': ratio('kl f32: naive JS loop', 'kl f32: wasm-simd, in module memory'),
  'kl f32 end to end vs naive': ratio('kl f32: naive JS loop', 'kl f32: wasm-simd, end to end'),
  'entropy vs naive': ratio('entropy f64: naive JS loop', 'entropy f64: wasm-simd, end to end'),
  'js divergence vs naive': ratio('js f64: naive JS loop', 'js f64: wasm-simd, end to end'),
  'histogram vs naive': ratio('histogram 1e7 f64, 1000 bins: naive JS loop', 'histogram 1e7 f64, 1000 bins: wasm-simd, end to end'),
  'kl f64 wasm scalar vs naive': ratio('kl f64: naive JS loop', 'kl f64: wasm scalar, end to end'),
  'kl f64 js backend vs naive': ratio('kl f64: naive JS loop', 'kl f64: js backend'),
};

// SciPy on the same machine, in the same run, when python3 with scipy is here.
const py = spawnSync('python3', [`${root}bench/scipy_timings.py`, String(N)], { encoding: 'utf8' });
let scipyNote = '';
if (py.status === 0) {
  Object.assign(ns, JSON.parse(py.stdout));
  ratios['kl vs scipy.stats.entropy(p, q)'] = ratio('kl f64: scipy.stats.entropy(p, q)', 'kl f64: wasm-simd, end to end');
  ratios['entropy vs scipy.stats.entropy(p)'] = ratio('entropy f64: scipy.stats.entropy(p)', 'entropy f64: wasm-simd, end to end');
  ratios['js divergence vs scipy jensenshannon²'] = ratio('js f64: scipy jensenshannon (squared)', 'js f64: wasm-simd, end to end');
} else {
  scipyNote = 'SciPy skipped: python3 with scipy not found (bench/scipy_timings.py).';
  console.log(scipyNote);
}

const lines = [
  `Node ${process.version}, ${N.toLocaleString('en')} elements (histogram: 1e7 events), median of tinybench samples (${new Date().toISOString().slice(0, 10)})`,
  '',
  '| task | ns/element (median) |',
  '|---|---|',
  ...Object.entries(ns).map(([k, v]) => `| ${k} | ${v.toFixed(2)} |`),
  '',
  '| ratio | × |',
  '|---|---|',
  ...Object.entries(ratios).map(([k, v]) => `| ${k} | ${v.toFixed(2)} |`),
  ...(scipyNote ? ['', scipyNote] : []),
];
console.log(lines.join('\n'));
writeFileSync(`${root}bench/results/latest.json`, `${JSON.stringify({ node: process.version, n: N, nsPerElement: ns, ratios }, null, 2)}\n`);
writeFileSync(`${root}bench/results/latest.md`, `${lines.join('\n')}\n`);
