// `npm run bench:continuous`: klFromSamples on 1-D samples, 1e6 against 1e6, k = 1
// (target ≤ 2 s), beside the same estimator in Python (SciPy cKDTree) on the same
// samples, timed in the same run. Medians of 5 rounds, spread given. Writes
// bench/results/continuous.md (not with --quick). A benchmark, never a test.
// (3-D samples, the second target, are not supported yet.)
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
const K = 1;
const ROUNDS = 5;

const p = m.normal(0, 1);
const q = m.normal(0.5, 1.2);
const x = p.sample(N, { seed: 1 });
const y = q.sample(N, { seed: 2 });
const times = [];
let est;
for (let r = 0; r < ROUNDS; r++) {
  const t = performance.now();
  est = m.klFromSamples(x, y, { k: K }).estimate;
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const ours = times[ROUNDS >> 1];

let python = 'python3 with scipy not found';
let ratio;
try {
  const dir = mkdtempSync(join(os.tmpdir(), 'infodiv-continuous-'));
  writeFileSync(join(dir, 'x.f64'), x);
  writeFileSync(join(dir, 'y.f64'), y);
  writeFileSync(join(dir, 'meta.json'), JSON.stringify({ k: K, rounds: ROUNDS }));
  const out = JSON.parse(execFileSync(process.env.PYTHON ?? 'python3', [join(root, 'bench/continuous.py'), dir], { encoding: 'utf8' }));
  rmSync(dir, { recursive: true, force: true });
  ratio = out.ms / ours;
  python = `SciPy ${out.scipy} cKDTree, the same estimator on the same samples: ${out.ms.toFixed(0)} ms (${out.spread.map((v) => v.toFixed(0)).join('–')}), estimate ${out.estimate.toPrecision(10)}; infodiv **${ratio.toFixed(2)}×** faster`;
} catch (e) {
  python = `the Python reference failed: ${e.message.split('\n')[0]}`;
}

const md = `# continuous: k-NN KL from samples

\`npm run bench:continuous\`, ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism?.() ?? os.cpus().length} cores, ${new Date().toISOString().slice(0, 10)}.
x: ${N.toLocaleString('en')} draws of N(0, 1), y: ${N.toLocaleString('en')} of N(0.5, 1.2²) (seeds 1, 2), k = ${K}, one thread, median of ${ROUNDS}.

| | |
|---|---:|
| \`klFromSamples(x, y)\` (sort, then neighbour walks) | **${ours.toFixed(0)} ms** (${times[0].toFixed(0)}–${times.at(-1).toFixed(0)}) |
| estimate / closed form | ${est.toPrecision(10)} / ${m.klBetween(p, q).toPrecision(10)} |

${python}.

Not measured: 3-D samples (klFromSamples takes 1-D samples only so far).
`;
console.log(md);
if (!quick) writeFileSync(`${root}bench/results/continuous.md`, md);
