// `npm run bench:threads`: `{ threads }` on one large pair. KL (f64, far apart and nearly
// identical) and JS divergence at 1e5 … 1e7 elements, on 1 thread and on 2, three ways:
// inputs in module memory (allocF64: read in place by every thread), plain Float64Arrays
// (staged into module memory for the workers as the pass runs), and inputs already in a
// SharedArrayBuffer (staged the same way). Beside them, the machine's own two-thread
// ceiling (bench/ceiling.mjs: the bare kernel on two halves at once), in the same rounds.
// Interleaved rounds, median and quartiles of each, ratios within one run.
// Writes bench/results/threads.md. A benchmark, never a test: the machine is shared.
import { execSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${root}dist/index.js`)) execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
const m = await import(`${root}dist/index.js`);
const { ceiling } = await import('./ceiling.mjs');

const quick = process.argv.includes('--quick');
const SIZES = quick ? [1e5, 1e6] : [1e5, 4e5, 1e6, 1e7];

function inputs(n, near) {
  let s = 12345;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 1) / 2 ** 32;
  const p = Float64Array.from({ length: n }, r);
  const q = near ? p.map((x) => x * (1 + 1e-9 * (r() - 0.5))) : Float64Array.from({ length: n }, r);
  return [p, q];
}

function shared(x) {
  const out = new Float64Array(new SharedArrayBuffer(x.byteLength));
  out.set(x);
  return out;
}

/** Rounds of every variant interleaved; per variant the sorted times (ms). */
async function time(variants, rounds) {
  const times = variants.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let v = 0; v < variants.length; v++) {
      const t = performance.now();
      await variants[v]();
      times[v].push(performance.now() - t);
    }
  }
  return times.map((ts) => ts.sort((a, b) => a - b));
}

const q = (ts, f) => ts[Math.min(ts.length - 1, Math.floor(f * ts.length))];
const fmt = (ts) => `${q(ts, 0.5).toFixed(2)} (${q(ts, 0.25).toFixed(2)}–${q(ts, 0.75).toFixed(2)})`;

const bare = await ceiling(`${root}dist/index.js`, Math.max(...SIZES));
if (bare.why) console.log(`no two-thread ceiling: ${bare.why}`);
const rows = [];
for (const [name, f, near] of [
  ['KL', m.klDivergence, false],
  ['KL, nearly identical', m.klDivergence, true],
  ['JS divergence', m.jsDivergence, false],
]) {
  for (const n of SIZES) {
    const [p, qv] = inputs(n, near);
    const pm = m.allocF64(n);
    const qm = m.allocF64(n);
    pm.array.set(p);
    qm.array.set(qv);
    const sp = shared(p);
    const sq = shared(qv);
    for (const t of [1, 2]) await f(p, qv, { threads: t }); // workers started, code warm
    bare.place?.(p, qv);
    const rounds = n >= 1e7 ? 15 : n >= 1e6 ? 25 : 61;
    const [mem1, mem2, e2e1, e2e2, sh1, sh2, c1, c2] = await time([
      () => f(pm.array, qm.array),
      () => f(pm.array, qm.array, { threads: 2 }),
      () => f(p, qv),
      () => f(p, qv, { threads: 2 }),
      () => f(sp, sq),
      () => f(sp, sq, { threads: 2 }),
      () => bare.one?.(),
      () => bare.two?.(),
    ], quick ? 5 : rounds);
    pm.free();
    qm.free();
    const x = (a, b) => `${(q(a, 0.5) / q(b, 0.5)).toFixed(2)}×`;
    const cell = bare.why ? '— | — | —' : `${fmt(c1)} | ${fmt(c2)} | ${x(c1, c2)}`;
    rows.push(`| ${name} | ${n.toExponential(0)} | ${fmt(mem1)} | ${fmt(mem2)} | **${x(mem1, mem2)}** | ${fmt(e2e1)} | ${fmt(e2e2)} | **${x(e2e1, e2e2)}** | ${fmt(sh1)} | ${fmt(sh2)} | **${x(sh1, sh2)}** | ${cell} |`);
    console.log(rows.at(-1));
  }
}
await m.dispose();
await bare.close?.();

const md = `# { threads } on one large pair

\`npm run bench:threads\`, ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism?.() ?? os.cpus().length} cores, ${new Date().toISOString().slice(0, 10)}.
Median ms (quartiles) over interleaved rounds; × = 1 thread / 2 threads, same run. Inputs: uniform
random (far apart), or q = p·(1 + 1e-9·u) (nearly identical: the careful pass).

Module memory is shared with the workers (Node): with \`threads: 2\` the calling thread and one
worker each sum a contiguous segment of every pass's blocks in place, then take what is left of
the other's (src/threads/claim.ts).

- **in module memory**: allocF64 arrays, read in place by both threads.
- **plain** (end to end): ordinary Float64Arrays. The calling thread stages the worker's segment into
  module memory block by block as the pass runs, and sums its own, smaller, segment from the input.
- **shared**: inputs in a SharedArrayBuffer (not module memory): staged the same way.
- **ceiling**: this machine's two-thread scaling in the same rounds: the bare KL kernel over the far
  apart pair, one thread over all of it against two threads over a half each (bench/ceiling.mjs).
  Where it is below 2×, the machine (shared, another tenant on the memory bus) caps the library too.

| measure | n | in memory, 1 | 2 threads | × | plain, 1 | 2 threads | × | shared, 1 | 2 threads | × | ceiling, 1 | 2 halves | × |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}
`;
if (!quick) writeFileSync(`${root}bench/results/threads.md`, md);
console.log(quick ? md : `wrote bench/results/threads.md`);
