// What `npm run bench` times: the grid of measure × size × dtype × contender, the time
// budgets, and the smaller grids of --quick and of the Chromium column. Cases are plain
// data (sent to the page and to bench/scipy.py); bench/cases.mjs gives them meaning.

export const SIZES = [1e2, 1e3, 1e4, 1e5, 1e6, 1e7];
export const QUICK_SIZES = [1e2, 1e4];
export const BROWSER_SIZES = [1e3, 1e4, 1e5, 1e6];
export const QUICK_BROWSER_SIZES = [1e4];
/** The measures the Chromium column covers (a subset, to keep a full run short). */
export const BROWSER_MEASURES = ['kl', 'entropy', 'js', 'histogram', 'sums', 'sum'];

const BOTH = ['f64', 'f32'];
const F64 = ['f64'];
const F32 = ['f32'];
const lib = (contender, mode, dtypes) => ({ contender, mode, dtypes });
const peer = (contender, dtypes = F64, maxLen = Infinity) => ({ contender, dtypes, maxLen });
const scipy = (contender) => ({ contender, dtypes: F64, env: 'python' });

/** The library on every backend: in module memory and end to end, f64 and f32. */
const LIBRARY = [lib('wasm-simd', 'mem', BOTH), lib('wasm-simd', 'e2e', BOTH), lib('wasm', 'e2e', F64), lib('js', 'e2e', F64)];
/** The bulk functions copy their rows into module memory themselves: end to end only. */
const BULK = [lib('wasm-simd', 'e2e', BOTH), lib('wasm', 'e2e', F64), lib('js', 'e2e', F64)];

/**
 * Rows of the grid per measure, each run at every size. The scalar WASM module gets the
 * in-memory and f32 rows for KL only (the kernel-against-kernel comparison with SIMD);
 * peers run on f64 (the naive loop on f32 too, for KL).
 */
export const GRID = {
  kl: [
    lib('wasm-simd', 'mem', BOTH),
    lib('wasm-simd', 'e2e', BOTH),
    // The opt-in f32 lanes for Float32Array input (within 1e-6 of double, else double).
    lib('wasm-simd', 'mem-single', F32),
    lib('wasm-simd', 'e2e-single', F32),
    lib('wasm', 'mem', F64),
    lib('wasm', 'e2e', BOTH),
    lib('js', 'e2e', BOTH),
    peer('naive', BOTH),
    peer('ml-distance'),
    peer('mathjs', F64, 1e5), // plain arrays through generic matrix code: slow
    scipy('scipy-rel_entr'),
    scipy('scipy-entropy'),
  ],
  entropy: [...LIBRARY, lib('wasm-simd', 'e2e-single', F32), peer('naive', BOTH), scipy('scipy-entropy')],
  crossEntropy: [...LIBRARY, peer('naive')],
  js: [...LIBRARY, peer('naive'), peer('ml-distance'), scipy('scipy-jensenshannon')],
  jsDistance: [...LIBRARY, peer('naive'), scipy('scipy-jensenshannon')],
  relEntr: [...LIBRARY, peer('naive'), scipy('scipy-rel_entr')],
  // mutualInformation runs on the JS backend whatever is active (src/wasm/backend.ts): the
  // wasm-simd row shows what a caller gets by default, the js row that it is the same.
  mi: [lib('wasm-simd', 'e2e', BOTH), lib('js', 'e2e', F64), peer('naive')],
  'rowwise-kl': [...BULK, peer('naive'), scipy('scipy-rel_entr')],
  'rowwise-js': [...BULK, peer('naive'), scipy('scipy-jensenshannon')],
  'pairwise-kl': [...BULK, peer('naive')],
  'pairwise-jsDistance': [...BULK, peer('naive'), scipy('scipy-cdist')],
  histogram: [...LIBRARY, peer('naive'), scipy('numpy-histogram')],
  // totalVariation is new: its cases are left out, with a note, when the dist lacks it.
  totalVariation: [...LIBRARY, peer('naive')],
  'rowwise-totalVariation': [...BULK, peer('naive')],
  // The memory floor (bench/floor.mjs): the engine's sums pass over the same arrays in
  // module memory, the physical limit of reading them once. `sums` reads p and q (the
  // floor of the two-input measures), `sum` reads p alone (entropy, mutual information,
  // histogram: one array of the same length and dtype, so the same bytes).
  sums: [lib('floor', 'mem', BOTH)],
  sum: [lib('floor', 'mem', BOTH)],
};

/**
 * The floor of each measure: the floor case reading as many arrays of the same length and
 * dtype as one call of the measure reads. "× floor" = the case's ns/element ÷ its floor's.
 */
export const FLOORS = {
  kl: 'sums',
  crossEntropy: 'sums',
  js: 'sums',
  jsDistance: 'sums',
  relEntr: 'sums',
  totalVariation: 'sums',
  entropy: 'sum',
  mi: 'sum',
  histogram: 'sum',
};
/** Measures that are floors themselves (no speed-up bars, no "× floor" rows). */
export const FLOOR_MEASURES = ['sums', 'sum'];

/** Perturbations of the nearly identical cases: q = p·(1 + δ·u), u in [−1, 1]. */
export const NEAR_DELTAS = [1e-2, 1e-5, 1e-10];
/** The measures timed on nearly identical inputs (entropy: of the perturbed q). */
export const NEAR_MEASURES = ['kl', 'js', 'entropy', 'crossEntropy'];
/** The drift of the rowwise nearly identical rows. */
export const ROW_DRIFT = 0.05;

/** 1e-5 → "1e-5", 0.05 → "5e-2": the δ in a case name. */
export const deltaLabel = (delta) => delta.toExponential();
export const nearName = (measure, delta) => `${measure}-near${deltaLabel(delta)}`;

const NEAR_VECTOR = [lib('wasm-simd', 'mem', F64), lib('wasm-simd', 'e2e', F64), lib('wasm', 'e2e', F64), lib('js', 'e2e', F64), peer('naive')];
const NEAR_BULK = [lib('wasm-simd', 'e2e', F64), lib('wasm', 'e2e', F64), lib('js', 'e2e', F64), peer('naive')];

/**
 * Cases of one fixed shape each, outside the size grid but in the same run and report:
 * `shape` ({ rows, cols }) in a full run, `quickShape` in --quick. Vectors are one row;
 * the case's len is the elements one call visits (rows·cols, pairwise rows²·cols).
 */
export const SCENARIOS = {
  ...Object.fromEntries(
    NEAR_MEASURES.flatMap((measure) =>
      NEAR_DELTAS.map((delta) => [nearName(measure, delta), { rows: NEAR_VECTOR, shape: { rows: 1, cols: 1e6 }, quickShape: { rows: 1, cols: 1e4 } }]),
    ),
  ),
  [nearName('rowwise-kl', ROW_DRIFT)]: { rows: NEAR_BULK, shape: { rows: 2000, cols: 50 }, quickShape: { rows: 200, cols: 50 } },
  [nearName('rowwise-js', ROW_DRIFT)]: { rows: NEAR_BULK, shape: { rows: 2000, cols: 50 }, quickShape: { rows: 200, cols: 50 } },
  // `raw`: { normalize: false }, which takes the pair-by-pair route rather than the
  // normalised KL's matrix product; 9e7 element pairs a call (the naive loop: ~1 s).
  'pairwise-kl-raw': { rows: NEAR_BULK, shape: { rows: 300, cols: 1000 }, quickShape: { rows: 30, cols: 100 }, pairwise: true },
  'pairwise-crossEntropy-raw': { rows: NEAR_BULK, shape: { rows: 300, cols: 1000 }, quickShape: { rows: 30, cols: 100 }, pairwise: true },
};

/** Elements one call of a scenario visits (pairwise: every row of P against every row of Q). */
export function scenarioLength(measure, { quick = false } = {}) {
  const { shape, quickShape, pairwise } = SCENARIOS[measure];
  const { rows, cols } = quick ? quickShape : shape;
  return (pairwise ? rows * rows : rows) * cols;
}

/** 1e6 → "1e6", 9e7 → "9e7", 2.5e4 → "2.5e4". */
export function sizeLabel(len) {
  let e = Math.round(Math.log10(len));
  if (10 ** e > len) e -= 1;
  return `${+(len / 10 ** e).toPrecision(3)}e${e}`;
}

export function caseName({ measure, len, dtype, contender, mode }) {
  return `${measure}:len=${sizeLabel(len)}:${dtype}:${contender}${mode ? `:${mode}` : ''}`;
}

/**
 * The cases of one environment ('node', 'python' or 'chromium'), ordered by size so that
 * a run holds the inputs of one size at a time. The scenarios run in Node only.
 */
export function casesFor(env, { quick = false } = {}) {
  const grid = gridCasesFor(env, { quick });
  if (env !== 'node') return grid;
  // A stable sort keeps the grid's order within a size and puts scenarios after it.
  return [...grid, ...scenarioCases(env, { quick })].sort((a, b) => a.len - b.len);
}

function scenarioCases(env, { quick }) {
  const out = [];
  for (const [measure, s] of Object.entries(SCENARIOS)) {
    const shape = quick ? s.quickShape : s.shape;
    const len = scenarioLength(measure, { quick });
    for (const row of s.rows) {
      for (const dtype of row.dtypes) {
        const c = { env, measure, len, dtype, contender: row.contender, ...(row.mode ? { mode: row.mode } : {}), shape };
        out.push({ ...c, name: caseName(c) });
      }
    }
  }
  return out;
}

function gridCasesFor(env, { quick }) {
  const browser = env === 'chromium';
  const sizes = browser ? (quick ? QUICK_BROWSER_SIZES : BROWSER_SIZES) : quick ? QUICK_SIZES : SIZES;
  const out = [];
  for (const len of sizes) {
    for (const [measure, rows] of Object.entries(GRID)) {
      if (browser && !BROWSER_MEASURES.includes(measure)) continue;
      for (const row of rows) {
        if ((row.env ?? 'node') !== (browser ? 'node' : env)) continue;
        if (len > (row.maxLen ?? Infinity)) continue;
        if (browser && row.contender === 'mathjs') continue; // Node-only peer
        for (const dtype of row.dtypes) {
          const c = { env, measure, len, dtype, contender: row.contender, ...(row.mode ? { mode: row.mode } : {}) };
          out.push({ ...c, name: caseName(c) });
        }
      }
    }
  }
  return out;
}

/**
 * tinybench budgets per size: run for `time` ms and at least `iterations` samples, after
 * `warmupTime` ms and `warmupIterations` of warm-up. The largest inputs take 10–500 ms a
 * call, so there the minimum count decides.
 */
export function budgetFor(len, { quick = false } = {}) {
  if (quick) return { time: 8, iterations: 3, warmupTime: 2, warmupIterations: 1 };
  if (len >= 1e7) return { time: 1500, iterations: 6, warmupTime: 150, warmupIterations: 1 };
  if (len >= 1e6) return { time: 1000, iterations: 10, warmupTime: 150, warmupIterations: 2 };
  if (len >= 1e5) return { time: 500, iterations: 10, warmupTime: 80, warmupIterations: 2 };
  return { time: 250, iterations: 10, warmupTime: 50, warmupIterations: 2 };
}
