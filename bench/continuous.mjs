// `npm run bench:continuous`: klFromSamples on 1-D samples, 1e6 against 1e6, k = 1
// (target ≤ 2 s), and 3-D, 1e5 against 1e5, k = 5 (≤ 5 s), each beside the same estimator in Python (SciPy cKDTree) on the same
// samples, timed in the same run. Medians of 5 rounds, spread given. Writes
// bench/results/continuous.md (not with --quick). A benchmark, never a test.
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${root}dist/index.js`)) execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
const m = await import(`${root}dist/index.js`);
const quick = process.argv.includes('--quick');
const N = quick ? 100_000 : 1_000_000;
const ROUNDS = 5;

/** Times klFromSamples(x, y, { k }) here and the cKDTree reference on the same samples. */
function run(label, x, y, k, dim, exact) {
  const times = [];
  let est;
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    est = m.klFromSamples(x, y, { k }).estimate;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const ours = times[ROUNDS >> 1];
  let python = 'python3 with scipy not found';
  try {
    const dir = mkdtempSync(join(os.tmpdir(), 'infodiv-continuous-'));
    writeFileSync(join(dir, 'x.f64'), x.data ?? x);
    writeFileSync(join(dir, 'y.f64'), y.data ?? y);
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ k, rounds: ROUNDS, dim }));
    const out = JSON.parse(execFileSync(process.env.PYTHON ?? 'python3', [join(root, 'bench/continuous.py'), dir], { encoding: 'utf8' }));
    rmSync(dir, { recursive: true, force: true });
    python = `${out.ms.toFixed(0)} ms (${out.spread.map((v) => v.toFixed(0)).join('–')}) | ${out.estimate.toPrecision(10)} | **${(out.ms / ours).toFixed(2)}×**`;
  } catch (e) {
    python = `failed: ${e.message.split('\n')[0]} | | `;
  }
  return `| ${label} | **${ours.toFixed(0)} ms** (${times[0].toFixed(0)}–${times.at(-1).toFixed(0)}) | ${est.toPrecision(10)} | ${python} | ${exact.toPrecision(10)} |`;
}

const p1 = m.normal(0, 1);
const q1 = m.normal(0.5, 1.2);
const row1 = run(`1-D, ${N.toLocaleString('en')} × ${N.toLocaleString('en')}, k = 1 (target ≤ 2 s)`, p1.sample(N, { seed: 1 }), q1.sample(N, { seed: 2 }), 1, 1, m.klBetween(p1, q1));
const N3 = quick ? 10_000 : 100_000;
const p3 = m.multivariateNormal([0, 0, 0], [[1, 0.2, 0], [0.2, 1, 0.1], [0, 0.1, 1]]);
const q3 = m.multivariateNormal([0.5, 0, -0.3], [[1.5, 0, 0], [0, 1, 0.3], [0, 0.3, 2]]);
const row3 = run(`3-D, ${N3.toLocaleString('en')} × ${N3.toLocaleString('en')}, k = 5 (target ≤ 5 s)`, p3.sample(N3, { seed: 1 }), q3.sample(N3, { seed: 2 }), 5, 3, m.klBetween(p3, q3));
const md = `# continuous: k-NN KL from samples

\`npm run bench:continuous\`, ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism?.() ?? os.cpus().length} cores, ${new Date().toISOString().slice(0, 10)}.
klFromSamples(x, y, { k }) (Wang–Kulkarni–Verdú), one thread, median of ${ROUNDS} (spread); beside it the same estimator with
SciPy's cKDTree on the same samples (bench/continuous.py), timed the same way. 1-D: N(0, 1) against N(0.5, 1.2²), sorted
samples; 3-D: two correlated normals, a k-d tree.

| samples | infodiv | estimate | SciPy cKDTree | estimate | SciPy ÷ infodiv | closed form |
|---|---:|---:|---:|---:|---:|---:|
${row1}
${row3}
`;
console.log(md);
if (!quick) writeFileSync(`${root}bench/results/continuous.md`, md);
