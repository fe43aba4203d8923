// `npm run bench:bulk`: the bulk figures — pairwise KL and JS distance on 1,000 × 1,000
// histograms of 1,000 bins against a naive JS double loop, and a JS-divergence matrix on
// 1 and 2 threads. Each case is long (seconds), so it is timed over a few runs and the
// median reported, rather than through tinybench. Writes bench/results/bulk.md.
import { execSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { naiveJs, naiveKl } from './baselines.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${root}dist/index.js`)) execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
const m = await import(`${root}dist/index.js`);

const quick = process.argv.includes('--quick');
const N = quick ? 200 : 1000;
const K = 1000;
const THREAD_ROWS = quick ? 300 : 2000;

function matrix(rows, seed) {
  let s = seed;
  const data = Float64Array.from({ length: rows * K }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 1) / 2 ** 32);
  for (let i = 0; i < rows; i++) {
    const r = data.subarray(i * K, (i + 1) * K);
    const t = r.reduce((a, b) => a + b, 0);
    for (let k = 0; k < K; k++) r[k] /= t;
  }
  return { data, rows, cols: K };
}

async function median(runs, f) {
  const ts = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    await f();
    ts.push(performance.now() - t);
  }
  return ts.sort((a, b) => a - b)[runs >> 1];
}

function naivePairwise(P, Q, f) {
  const out = new Float64Array(P.rows * Q.rows);
  for (let i = 0; i < P.rows; i++) {
    const p = P.data.subarray(i * K, (i + 1) * K);
    for (let j = 0; j < Q.rows; j++) out[i * Q.rows + j] = f(p, Q.data.subarray(j * K, (j + 1) * K));
  }
  return out;
}

const P = matrix(N, 1);
const Q = matrix(N, 2);
m.setBackend('wasm-simd');
const rows = [];
const runs = quick ? 3 : 1; // the naive 1000² loops take 12–30 s each
const naiveKlMs = await median(runs, () => naivePairwise(P, Q, naiveKl));
const klMs = await median(3, () => m.pairwise('kl', P, Q));
rows.push([`pairwise KL, ${N}×${N}×${K}`, naiveKlMs, klMs]);
const naiveJsMs = await median(runs, () => naivePairwise(P, Q, (p, q) => Math.sqrt(naiveJs(p, q))));
const jsMs = await median(runs, () => m.pairwise('jsDistance', P, Q));
rows.push([`pairwise JS distance, ${N}×${N}×${K}`, naiveJsMs, jsMs]);

const T = matrix(THREAD_ROWS, 3);
const T2 = matrix(THREAD_ROWS, 4);
await m.pairwise('js', { data: T.data.subarray(0, 4 * K), rows: 4, cols: K }, T2, { threads: 2 }); // start the workers
const one = await median(1, () => m.pairwise('js', T, T2));
const two = await median(1, () => m.pairwise('js', T, T2, { threads: 2 }));
await m.dispose();

const lines = [
  `Node ${process.version}, wasm-simd, ${new Date().toISOString().slice(0, 10)}${quick ? ' (quick)' : ''}`,
  '',
  '| case | naive JS loop (ms) | infodiv (ms) | × |',
  '|---|---|---|---|',
  ...rows.map(([c, a, b]) => `| ${c} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(a / b).toFixed(1)} |`),
  '',
  '| JS-divergence matrix | 1 thread (ms) | 2 threads (ms) | × |',
  '|---|---|---|---|',
  `| ${THREAD_ROWS}×${THREAD_ROWS}×${K} | ${one.toFixed(0)} | ${two.toFixed(0)} | ${(one / two).toFixed(2)} |`,
];
console.log(lines.join('\n'));
writeFileSync(`${root}bench/results/bulk${quick ? '-quick' : ''}.md`, `${lines.join('\n')}\n`);
