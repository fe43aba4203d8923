// `npm start`: the measures on built-in data — the classic worked example, then a pair of
// histograms of 1,000,000 simulated events each. Builds the package first if needed.
import { built, ensureBuilt } from './ensure-built.mjs';

ensureBuilt();
const m = await import(built);
const fmt = (x) => x.toFixed(6).padStart(10);

console.log(`infodiv demo — backend: ${m.backend()}\n`);
console.log('Worked example: P = [0.10, 0.40, 0.50], Q = [0.80, 0.15, 0.05]');
const P = [0.1, 0.4, 0.5];
const Q = [0.8, 0.15, 0.05];
// Divergences and entropies are information, in bits (base 2) or nats (base e); the JS
// distance is the square root of one, a metric with no unit: only its base is named.
const rows = [
  ['KL(P‖Q)', (o) => m.klDivergence(P, Q, o)],
  ['KL(Q‖P)', (o) => m.klDivergence(Q, P, o)],
  ['JS divergence', (o) => m.jsDivergence(P, Q, o)],
  ['JS distance', (o) => m.jsDistance(P, Q, o), true],
  ['H(P)', (o) => m.entropy(P, o)],
  ['H(P, Q)', (o) => m.crossEntropy(P, Q, o)],
];
console.log(`${''.padEnd(16)}${'base 2'.padStart(10)}${''.padEnd(6)}${'base e'.padStart(10)}`);
for (const [label, f, distance] of rows) {
  const [u2, ue] = distance ? ['', ''] : [' bits', ' nats'];
  console.log(`${label.padEnd(16)}${fmt(f({ base: 2 }))}${u2.padEnd(6)}${fmt(f())}${ue}`);
}

// Two samples of 1e6 events: a normal distribution and the same shifted by 0.1σ,
// binned over [-5, 5) into 200 bins. Seeded so every run prints the same numbers.
function normalSampler(seed) {
  let s = seed >>> 0;
  const uniform = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}
const EVENTS = 1_000_000;
const BINS = 200;
function sample(shift, seed) {
  const draw = normalSampler(seed);
  return Float64Array.from({ length: EVENTS }, () => draw() + shift);
}
// One set of edges for both samples (histograms() picks it), as divergences need.
const { p: a, q: b, outside } = m.histograms(sample(0, 1), sample(0.1, 2), { bins: BINS, range: [-5, 5] });
// A bin empty in the baseline but not in the comparison makes KL infinite; a tiny
// pseudo-count is the usual remedy in drift monitoring.
const smooth = (h) => Float64Array.from(h, (c) => c + 0.5);

console.log(`\nHistograms of ${EVENTS.toLocaleString('en')} events each, ${BINS} bins over [-5, 5]: N(0,1) vs N(0.1,1) (outside: ${outside.join(', ')})`);
const t0 = performance.now();
const results = [
  ['KL(A‖B)', m.klDivergence(smooth(a), smooth(b), { base: 2 }), 'bits'],
  ['KL(B‖A)', m.klDivergence(smooth(b), smooth(a), { base: 2 }), 'bits'],
  ['JS divergence', m.jsDivergence(a, b, { base: 2 }), 'bits'],
  ['JS distance', m.jsDistance(a, b, { base: 2 }), '(base 2)'],
  ['H(A)', m.entropy(a, { base: 2 }), 'bits'],
  ['H(A, B)', m.crossEntropy(smooth(a), smooth(b), { base: 2 }), 'bits'],
];
const ms = performance.now() - t0;
for (const [label, v, unit] of results) console.log(`${label.padEnd(16)}${fmt(v)} ${unit}`);
// The densities themselves have a closed form: what the histograms estimate.
const exact = m.klBetween(m.normal(0, 1), m.normal(0.1, 1), { base: 2 });
console.log(`${'KL, densities'.padEnd(16)}${fmt(exact)} bits (klBetween(normal(0, 1), normal(0.1, 1)), closed form)`);
console.log(`\nall measures on the histograms: ${ms.toFixed(2)} ms`);
console.log('\nFrom the command line: npx infodiv kl p.txt q.txt --base 2, or npx infodiv drift reference.csv current.csv --report drift.html (npx infodiv --help)');
