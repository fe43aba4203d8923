// The demo page: wires inputs → infodiv → table and charts. Every measure comes from the
// built package (../dist/index.js); this file only parses, formats and draws.
import * as infodiv from '../dist/index.js';
import { parseHistogram } from './parse.js';
import { randomPair } from './random.js';
import { drawChart, drawRace } from './chart.js';

const $ = (id) => document.getElementById(id);

const EXAMPLE = { p: [0.1, 0.4, 0.5], q: [0.8, 0.15, 0.05], labels: ['red', 'green', 'blue'] };

// Row order = the brief's: each measure with both directions where it has two.
const MEASURES = [
  ['kl-pq', 'KL(P‖Q)', (p, q, o) => infodiv.klDivergence(p, q, o)],
  ['kl-qp', 'KL(Q‖P)', (p, q, o) => infodiv.klDivergence(q, p, o)],
  ['js-div', 'JS divergence', (p, q, o) => infodiv.jsDivergence(p, q, o)],
  ['js-dist', 'JS distance', (p, q, o) => infodiv.jsDistance(p, q, o), 'distance'],
  ['h-p', 'H(P)', (p, q, o) => infodiv.entropy(p, o)],
  ['h-q', 'H(Q)', (p, q, o) => infodiv.entropy(q, o)],
  ['h-pq', 'H(P, Q)', (p, q, o) => infodiv.crossEntropy(p, q, o)],
  ['h-qp', 'H(Q, P)', (p, q, o) => infodiv.crossEntropy(q, p, o)],
];

/** The data last computed on: what the unit switch and the race reuse. */
let current = null;
/** Labels for the bins of the data in the text areas (example or random), if any. */
let labels = EXAMPLE.labels;

const unit = () => document.querySelector('input[name="unit"]:checked').value;

export function format(x) {
  if (x === Infinity) return '∞';
  return Number.isFinite(x) ? x.toFixed(6) : String(x);
}

function unitLabel(kind) {
  const u = unit();
  // JS distance is √(JS divergence): a metric, in "√bits" strictly; naming the base is clearer.
  if (kind === 'distance') return u === 'bits' ? 'base 2' : 'base e';
  return u;
}

function showErrors(messages) {
  for (const k of ['p', 'q', 'result']) $(`${k}-error`).textContent = messages[k] ?? '';
  $('result-note').textContent = ''; // compute() sets it again when it applies
  $('p').toggleAttribute('aria-invalid', Boolean(messages.p));
  $('q').toggleAttribute('aria-invalid', Boolean(messages.q));
}

function renderTable(values, failure) {
  const body = $('results').tBodies[0];
  body.replaceChildren(
    ...MEASURES.map(([id, name, , kind]) => {
      const tr = document.createElement('tr');
      tr.dataset.measure = id;
      const v = values?.[id];
      // A failed computation still fills the table, with a dash, never an empty result.
      const text = v === undefined ? '—' : typeof v === 'string' ? v : format(v);
      tr.innerHTML = '<th scope="row"></th><td class="num"></td><td class="unit"></td>';
      tr.children[0].textContent = name;
      tr.children[1].textContent = text;
      tr.children[2].textContent = failure ? '' : unitLabel(kind);
      return tr;
    }),
  );
}

/** Parses both text areas; shape errors are attached to the box they came from. */
function readInputs() {
  const out = {};
  const errors = {};
  for (const k of ['p', 'q']) {
    try {
      out[k] = parseHistogram($(k).value);
    } catch (e) {
      errors[k] = e.message;
    }
  }
  return { ...out, errors };
}

function compute(data) {
  $('backend').textContent = infodiv.backend();
  const { p, q } = data;
  const opts = { base: unit() === 'bits' ? 2 : Math.E };
  // KL(P‖Q) first: it validates both inputs under their own names (err.argument 'p'/'q'),
  // so its message belongs next to that box; the swapped calls would call Q "p".
  try {
    infodiv.klDivergence(p, q, opts);
  } catch (e) {
    const where = e.argument === 'q' ? 'q' : 'p';
    showErrors({ [where]: e.message, result: `No result: ${e.message}` });
    renderTable(null, true);
    document.body.dataset.state = 'error';
    return;
  }
  const values = {};
  for (const [id, , f] of MEASURES) {
    try {
      values[id] = f(p, q, opts);
    } catch (e) {
      values[id] = e.message;
    }
  }
  showErrors({});
  current = data;
  renderTable(values, false);
  // ∞ is the right answer, not a failure: say why, so it does not read as a bug.
  $('result-note').textContent = Object.values(values).includes(Infinity)
    ? '∞: some bin has probability in one distribution and none in the other (KL and cross-entropy are infinite there; JS stays finite).'
    : '';
  const kind = drawChart($('chart'), p, q, labels);
  $('chart-caption').textContent = `${p.length.toLocaleString('en')} bins, ${kind === 'bars' ? 'grouped bars' : 'lines (averaged per pixel column)'}; bars/points are probabilities (each input normalised)`;
  document.body.dataset.state = 'done';
}

/** The text areas' contents when they were last filled from `current` (example/random). */
let filled = null;

function computeFromText() {
  // Untouched text (e.g. the placeholder for a huge random histogram) means the data behind it.
  if (filled && current && $('p').value === filled.p && $('q').value === filled.q) return compute(current);
  const { p, q, errors } = readInputs();
  if (errors.p || errors.q) {
    showErrors({ ...errors, result: `No result: ${errors.p ?? errors.q}` });
    renderTable(null, true);
    document.body.dataset.state = 'error';
    return;
  }
  compute({ p, q });
}

function loadExample() {
  labels = EXAMPLE.labels;
  $('p').value = EXAMPLE.p.join(', ');
  $('q').value = EXAMPLE.q.join(', ');
  filled = { p: $('p').value, q: $('q').value };
  compute({ p: EXAMPLE.p, q: EXAMPLE.q });
}

async function loadRandom() {
  const n = Math.min(1e7, Math.max(1, Math.floor(Number($('n').value) || 0)));
  const b = Math.min(1e5, Math.max(1, Math.floor(Number($('b').value) || 0)));
  $('random').disabled = true;
  $('result-error').textContent = `simulating ${n.toLocaleString('en')} events per histogram…`;
  // Let the status paint before the (up to a second or two of) simulation blocks the thread.
  await new Promise((r) => setTimeout(r, 30));
  try {
    const data = randomPair(n, b);
    labels = data.labels;
    // Large histograms would make the text areas sluggish: show the counts, but
    // compute on the typed arrays directly.
    $('p').value = b <= 2000 ? Array.from(data.p).join(', ') : `(${b} bins: too many to show; edit to replace)`;
    $('q').value = b <= 2000 ? Array.from(data.q).join(', ') : `(${b} bins: too many to show; edit to replace)`;
    filled = { p: $('p').value, q: $('q').value };
    compute({ p: data.p, q: data.q });
  } finally {
    $('random').disabled = false;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Times KL(P‖Q) on each backend: enough calls per run to outlast the timer's resolution. */
async function race() {
  if (!current) return;
  await infodiv.ready; // before it resolves, only the JS backend exists
  const { p, q } = current;
  const n = p.length;
  $('race').disabled = true;
  $('race-status').textContent = 'racing…';
  await new Promise((r) => setTimeout(r, 30));
  const rows = [];
  try {
    // Browsers coarsen performance.now() (~0.1 ms here), so one run is as many calls as
    // fit in ≥ 15 ms, the clock read only every ~1e4 elements (reading it per call would
    // time the clock on small inputs). Returns ns per element.
    const opts = { base: 2 };
    const chunk = Math.max(1, Math.floor(1e4 / n));
    const run = () => {
      let calls = 0;
      const t0 = performance.now();
      let t = t0;
      while (t - t0 < 15) {
        for (let i = 0; i < chunk; i++) infodiv.klDivergence(p, q, opts);
        calls += chunk;
        t = performance.now();
      }
      return ((t - t0) * 1e6) / (calls * n);
    };
    for (const name of ['wasm-simd', 'js']) {
      try {
        infodiv.setBackend(name);
      } catch (e) {
        rows.push({ name, value: NaN, error: e.message });
        continue;
      }
      run(); // warm-up (JIT, first-call setup)
      const runs = Array.from({ length: 7 }, run);
      rows.push({ name, value: median(runs) });
    }
  } finally {
    infodiv.setBackend('auto');
    $('backend').textContent = infodiv.backend();
    $('race').disabled = false;
  }
  const ok = rows.filter((r) => Number.isFinite(r.value));
  drawRace($('race-chart'), ok, 'ns/elem');
  const failed = rows.filter((r) => !Number.isFinite(r.value)).map((r) => `${r.name}: ${r.error}`);
  $('race-status').textContent = `KL(P‖Q), ${n.toLocaleString('en')} elements, median of 7 runs${n < 1000 ? ' (so few elements time the call, not the kernel: try Random with many bins)' : ''}${failed.length ? ` — ${failed.join('; ')}` : ''}`;
  document.body.dataset.race = 'done';
}

$('example').addEventListener('click', loadExample);
$('compute').addEventListener('click', computeFromText);
$('random').addEventListener('click', loadRandom);
$('race').addEventListener('click', race);
// The unit switch recomputes on the data already shown (the text may be a placeholder).
for (const r of document.querySelectorAll('input[name="unit"]')) r.addEventListener('change', () => {
    // In an error state the text is what the user means: recompute it (and re-show the error).
    if (document.body.dataset.state === 'error' || !current) computeFromText();
    else compute(current);
  });
// A file's text goes into its box, then computes like pasted text (errors included).
for (const k of ['p', 'q']) {
  $(`${k}-file`).addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    $(k).value = await file.text();
    labels = null;
    computeFromText();
  });
}
// Typing new numbers means the old bin labels no longer apply.
for (const k of ['p', 'q']) $(k).addEventListener('input', () => { labels = null; });

loadExample(); // answers at once on the JS backend while the kernels compile…
infodiv.ready.then(() => {
  // …then again on the backend that will answer from now on.
  if (current && document.body.dataset.state === 'done') compute(current);
  document.body.dataset.ready = 'true';
});
