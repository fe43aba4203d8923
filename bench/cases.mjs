// What each case of bench/plan.mjs means: its inputs, the call it times, and the answer
// that call must give before it is timed. Runs in Node and in the Chromium page.
import { exactSum } from './floor.mjs';
import { events, HISTOGRAM_BINS, jointShape, matrices, nearlyIdentical, pairwiseRows, ROW_LENGTH, rowwiseRows, vectors } from './inputs.mjs';
import { peersOf } from './peers.mjs';
import { NEAR_DELTAS, NEAR_MEASURES, nearName, ROW_DRIFT } from './plan.mjs';

export const LIBRARY_BACKENDS = ['wasm-simd', 'wasm', 'js'];

const vector = (s, dtype) => ({ p: s.vec.p[dtype], q: s.vec.q[dtype] });
const rowPair = (s, dtype) => ({ P: s.rows.P[dtype], Q: s.rows.Q[dtype] });
const pairPair = (s, dtype) => ({ P: s.pairs.P[dtype], Q: s.pairs.Q[dtype] });

/**
 * Per measure: `inputs(size, dtype, case)`, the library `call(m, inputs, options)`, how
 * its result becomes the answer that is checked, how answers compare, and how many
 * elements one call processes (ns/element divides by this). `requires(m)` says why a
 * built package cannot run the measure yet (undefined when it can).
 */
export const MEASURES = {
  kl: { inputs: vector, call: (m, { p, q }, o) => m.klDivergence(p, q, o) },
  entropy: { inputs: vector, call: (m, { p }, o) => m.entropy(p, o) },
  crossEntropy: { inputs: vector, call: (m, { p, q }, o) => m.crossEntropy(p, q, o) },
  js: { inputs: vector, call: (m, { p, q }, o) => m.jsDivergence(p, q, o) },
  jsDistance: { inputs: vector, call: (m, { p, q }, o) => m.jsDistance(p, q, o) },
  relEntr: {
    // Every contender writes into an output array made once, so no case times allocation.
    inputs: (s, dtype) => ({ ...vector(s, dtype), out: s.out }),
    call: (m, { p, q, out }) => m.relEntr(p, q, out),
    compare: 'norm',
  },
  mi: {
    inputs: (s, dtype) => ({ joint: { data: s.vec.p[dtype], ...jointShape(s.len) } }),
    call: (m, { joint }) => m.mutualInformation(joint),
  },
  'rowwise-kl': { inputs: rowPair, call: (m, { P, Q }, o) => m.rowwise('kl', P, Q, o), compare: 'each', elements: (len) => rowwiseRows(len) * ROW_LENGTH },
  'rowwise-js': { inputs: rowPair, call: (m, { P, Q }, o) => m.rowwise('js', P, Q, o), compare: 'each', elements: (len) => rowwiseRows(len) * ROW_LENGTH },
  'pairwise-kl': {
    inputs: pairPair,
    call: (m, { P, Q }, o) => m.pairwise('kl', P, Q, o),
    answer: (r) => r.data,
    compare: 'each',
    elements: (len) => pairwiseRows(len) ** 2 * ROW_LENGTH,
  },
  'pairwise-jsDistance': {
    inputs: pairPair,
    call: (m, { P, Q }, o) => m.pairwise('jsDistance', P, Q, o),
    answer: (r) => r.data,
    compare: 'each',
    elements: (len) => pairwiseRows(len) ** 2 * ROW_LENGTH,
  },
  histogram: {
    inputs: (s, dtype) => ({ values: s.events[dtype], bins: HISTOGRAM_BINS }),
    call: (m, { values, bins }) => m.histogram(values, { bins, range: [0, 1] }),
    answer: (r) => r.counts,
    compare: 'counts',
  },
  totalVariation: {
    inputs: vector,
    call: (m, { p, q }, o) => m.totalVariation(p, q, o),
    requires: (m) => (typeof m.totalVariation === 'function' ? undefined : 'the built package does not export totalVariation yet'),
  },
  'rowwise-totalVariation': {
    inputs: rowPair,
    call: (m, { P, Q }, o) => m.rowwise('totalVariation', P, Q, o),
    compare: 'each',
    elements: (len) => rowwiseRows(len) * ROW_LENGTH,
    requires: bulkMeasureMissing('totalVariation'),
  },
  // The memory floor (bench/floor.mjs): no library call; the answer is [Σp, Σq] (or [Σp]),
  // checked against compensated sums of the same values.
  sums: { inputs: vector, floor: true, exact: ({ p, q }) => [exactSum(p), exactSum(q)], compare: 'each' },
  sum: { inputs: (s, dtype) => ({ p: s.vec.p[dtype] }), floor: true, exact: ({ p }) => [exactSum(p)], compare: 'each' },
  // `Math.log` alone (Σ log pᵢ in a JS loop): bench/runtimes.mjs's probe of what the naive
  // loops spend their time on, checked against a compensated sum of the same logs.
  log: { inputs: (s, dtype) => ({ p: s.vec.p[dtype] }), exact: ({ p }) => exactSum(Float64Array.from(p, Math.log)) },
};

/** Why rowwise(measure) cannot run on a two-entry matrix, if it cannot (an older build). */
function bulkMeasureMissing(measure) {
  const tiny = { data: Float64Array.of(0.5, 0.5), rows: 1, cols: 2 };
  return (m) => {
    try {
      m.rowwise(measure, tiny, tiny);
      return undefined;
    } catch (e) {
      return `rowwise() does not take '${measure}' yet (${e.message})`;
    }
  };
}

/** The reason each measure of `measures` cannot run on `m`, for those that cannot. */
export function unavailable(m, measures) {
  const out = new Map();
  for (const measure of measures) {
    const why = MEASURES[measure].requires?.(m);
    if (why) out.set(measure, why);
  }
  return out;
}

// The scenarios of bench/plan.mjs (SCENARIOS): the same calls on other inputs. `peers`
// names the measure whose peers they borrow; `near` marks inputs on which a naive loop
// may lose its digits to cancellation (see prepare).

/** The nearly identical pair of a scenario's shape (f64 only: the exact sums need it). */
const nearPair = (s, { shape: { rows, cols } }, delta) =>
  s.shared(`near:${rows}x${cols}:${delta}`, () => {
    const { P, Q } = nearlyIdentical(rows, cols, delta);
    return { P: { data: P, rows, cols }, Q: { data: Q, rows, cols } };
  });

for (const measure of NEAR_MEASURES) {
  for (const delta of NEAR_DELTAS) {
    const inputs =
      measure === 'entropy'
        ? (s, _, c) => ({ p: nearPair(s, c, delta).Q.data }) // the perturbed one
        : (s, _, c) => ({ p: nearPair(s, c, delta).P.data, q: nearPair(s, c, delta).Q.data });
    MEASURES[nearName(measure, delta)] = { ...MEASURES[measure], inputs, peers: measure, near: true };
  }
}

for (const measure of ['rowwise-kl', 'rowwise-js']) {
  const { call, compare } = MEASURES[measure];
  MEASURES[nearName(measure, ROW_DRIFT)] = { inputs: (s, _, c) => nearPair(s, c, ROW_DRIFT), call, compare, peers: measure, near: true };
}

for (const measure of ['kl', 'crossEntropy']) {
  MEASURES[`pairwise-${measure}-raw`] = {
    inputs: (s, dtype, { shape: { rows, cols } }) => {
      const { P, Q } = s.shared(`pairs:${rows}x${cols}`, () => matrices(rows, cols));
      return { P: P[dtype], Q: Q[dtype] };
    },
    call: (m, { P, Q }, o) => m.pairwise(measure, P, Q, { ...o, normalize: false }),
    normalize: false, // the call always passes it, so there is one reference
    answer: (r) => r.data,
    compare: 'each',
    peers: `pairwise-${measure}`,
  };
}

export const elementsOf = (measure, len) => MEASURES[measure].elements?.(len) ?? len;

/**
 * Allowed differences from the reference (the library's JS backend on the same inputs,
 * f32 values included): the backends agree to a few ulps of their 1e-12 guarantee;
 * peers sum naively (n·ε relative, n ≤ 1e7); counts must be equal; `precision:
 * 'single'` promises 1e-6 relative. `rounding` is absolute, for peers on nearly identical
 * inputs only: there a naive loop's error is about ε per unit of probability mass
 * (≈1e-16 on inputs that sum to 1) whatever the answer, while the answer is ≈δ², so its
 * relative error can be anything. Within 1e-12 it is doing what its formula says (wrong
 * inputs would be off by the size of a divergence, 1e-5 … 1): it is timed, and its
 * relative error recorded as `offBy` with `inexact: true`.
 */
export const TOLERANCE = { library: 1e-11, peer: 1e-9, counts: 0, single: 1e-6, rounding: 1e-12 };

/**
 * The inputs of one size, made on first use and dropped by `free()`; `inModule` keeps
 * copies in a backend's module memory for the 'mem' cases (per instance of the package:
 * bench/compare.mjs loads several), `references` the answers.
 */
export function sizeInputs(len) {
  const made = {};
  const once = (key, make) => (made[key] ??= make());
  const modules = new Map();
  return {
    len,
    /** Inputs of a scenario, made on first use under `key`. */
    shared: once,
    get vec() {
      return once('vec', () => vectors(len));
    },
    get rows() {
      return once('rows', () => matrices(rowwiseRows(len)));
    },
    get pairs() {
      return once('pairs', () => matrices(pairwiseRows(len)));
    },
    get events() {
      return once('events', () => events(len));
    },
    get plain() {
      return once('plain', () => ({ p: Array.from(this.vec.p.f64), q: Array.from(this.vec.q.f64) }));
    },
    get out() {
      return once('out', () => new Float64Array(len));
    },
    references: new Map(),
    /** `x` copied into the module memory of `m`'s active backend (call setBackend first). */
    inModule(m, backend, x) {
      if (!modules.has(m)) modules.set(m, new Map());
      const byBackend = modules.get(m);
      if (!byBackend.has(backend)) byBackend.set(backend, new Map());
      const copies = byBackend.get(backend);
      if (!copies.has(x)) {
        const a = x instanceof Float32Array ? m.allocF32(x.length) : m.allocF64(x.length);
        a.array.set(x);
        copies.set(x, a);
      }
      return copies.get(x);
    },
    free() {
      for (const byBackend of modules.values()) for (const copies of byBackend.values()) for (const a of copies.values()) a.free();
      modules.clear();
    },
  };
}

/**
 * The inputs of a 'mem' case: each typed array swapped for its copy in module memory,
 * read through `.array` at every call (a later allocation may grow memory and detach
 * an older view).
 */
export function inModuleMemory(m, backend, size, inputs) {
  const out = {};
  for (const [key, value] of Object.entries(inputs)) {
    if (ArrayBuffer.isView(value)) {
      const copy = size.inModule(m, backend, value);
      Object.defineProperty(out, key, { get: () => copy.array, enumerable: true });
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** The reference answer: the JS backend on the same inputs, with or without normalising. */
export function reference(m, size, c, normalize) {
  normalize = MEASURES[c.measure].normalize ?? normalize;
  const key = `${c.measure}:${c.dtype}:${normalize}`;
  if (!size.references.has(key)) {
    const def = MEASURES[c.measure];
    m.setBackend('js');
    const r = def.call(m, def.inputs(size, c.dtype, c), { normalize });
    const answer = def.answer ? def.answer(r) : r;
    size.references.set(key, ArrayBuffer.isView(answer) ? answer.slice() : answer);
  }
  return size.references.get(key);
}

/**
 * A case ready to time: `run()` makes one call and returns its answer; `expected` and
 * `tolerance` are what the answer is checked against, `slack` (when set) the absolute
 * error a naive loop is excused on nearly identical inputs. Sets the case's backend.
 */
export function prepare(c, size, { m, mathjs, floor }) {
  const def = MEASURES[c.measure];
  if (c.contender === 'floor') {
    if (!floor) throw new Error('no floor module here (bench/floor-binary.mjs found no SIMD binary)');
    const { p, q } = def.inputs(size, c.dtype, c);
    const key = `${c.measure}:${c.dtype}:exact`;
    if (!size.references.has(key)) size.references.set(key, def.exact({ p, q }));
    return { run: floor.runner(size, p, q), expected: size.references.get(key), tolerance: TOLERANCE.library };
  }
  if (LIBRARY_BACKENDS.includes(c.contender)) {
    const expected = reference(m, size, c, true);
    const tolerance = c.mode.endsWith('-single') ? TOLERANCE.single : toleranceFor(def, 'library');
    return { run: libraryRun(m, c, size), expected, tolerance };
  }
  const inputs = def.inputs(size, c.dtype, c);
  const peer = peersOf(def.peers ?? c.measure, { mathjs })[c.contender];
  if (!peer) throw new Error(`no peer '${c.contender}' for ${c.measure} here`);
  const exactKey = `${c.measure}:${c.dtype}:exact`;
  if (def.exact && !size.references.has(exactKey)) size.references.set(exactKey, def.exact(inputs));
  const expected = def.exact ? size.references.get(exactKey) : reference(m, size, c, peer.normalize);
  m.setBackend('auto');
  const slack = def.near ? TOLERANCE.rounding : undefined;
  return { run: peer.call(inputs, c.dtype, size), expected, tolerance: toleranceFor(def, 'peer'), slack };
}

/**
 * The call a library case times, as a function of no arguments returning the answer.
 * Modes: 'mem' / 'e2e', and with '-single' the same under { precision: 'single' }. Sets
 * `m`'s backend to the case's (each instance of the package has its own).
 */
export function libraryRun(m, c, size) {
  const def = MEASURES[c.measure];
  const inputs = def.inputs(size, c.dtype, c);
  m.setBackend(c.contender);
  const args = c.mode.startsWith('mem') ? inModuleMemory(m, c.contender, size, inputs) : inputs;
  const opts = c.mode.endsWith('-single') ? { precision: 'single' } : undefined;
  const answer = def.answer ?? ((r) => r);
  return () => answer(def.call(m, args, opts));
}

const toleranceFor = (def, who) => (def.compare === 'counts' ? TOLERANCE.counts : TOLERANCE[who]);

/**
 * How far `got` is from `want`, in the measure's sense: relative for numbers, largest
 * relative difference per entry ('each'), largest difference over the largest entry
 * ('norm', for elementwise outputs with entries near 0), or the share of counts that
 * differ ('counts'). Infinity when the shapes differ or a value is missing.
 */
export function distance(got, want, compare = 'scalar') {
  if (typeof want === 'number') {
    if (typeof got !== 'number' || Number.isNaN(got)) return Infinity;
    return got === want ? 0 : Math.abs(got - want) / Math.abs(want);
  }
  if (!got || got.length !== want.length) return Infinity;
  let worst = 0;
  let scale = 0;
  let total = 0;
  for (let i = 0; i < want.length; i++) {
    const d = Math.abs(got[i] - want[i]);
    if (Number.isNaN(d)) return Infinity;
    if (compare === 'each') worst = Math.max(worst, d === 0 ? 0 : d / Math.abs(want[i]));
    else worst = compare === 'counts' ? worst + d : Math.max(worst, d);
    scale = Math.max(scale, Math.abs(want[i]));
    total += want[i];
  }
  if (compare === 'norm') return worst === 0 ? 0 : worst / scale;
  if (compare === 'counts') return worst === 0 ? 0 : worst / total;
  return worst;
}

/** The largest absolute difference between two answers (numbers or arrays of equal length). */
export function absoluteDistance(got, want) {
  if (typeof want === 'number') return typeof got === 'number' ? Math.abs(got - want) : Infinity;
  if (!got || got.length !== want.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
  return Number.isNaN(worst) ? Infinity : worst;
}

/** A number from an answer, so that nothing a call returns goes unused. */
export const pick = (answer) => (typeof answer === 'number' ? answer : answer[answer.length >> 1]);
