// The ratios the README quotes, from a run's cases: infodiv against the naive loop, the
// JS peers and SciPy at 1e6 elements (in --quick, at the largest size that ran).
import { caseName, FLOOR_MEASURES, FLOORS, GRID, nearName, ROW_DRIFT, scenarioLength } from './plan.mjs';
import { scipyCall } from './scipy.mjs';

/** The Node cases of the size grid (the scenarios have sizes of their own). */
const gridCases = (cases) => cases.filter((c) => c.env === 'node' && GRID[c.measure]);

/** The headline size: 1e6, or the largest size of a smaller run. */
export const headlineSize = (cases) => Math.min(1e6, Math.max(...gridCases(cases).map((c) => c.len)));

/** The size a scenario ran at in this run (its shape differs in --quick). */
const scenarioSize = (cases, measure) => cases.find((c) => c.env === 'node' && c.measure === measure)?.len ?? scenarioLength(measure);

const at = (measure, len, dtype, contender, mode) => caseName({ measure, len, dtype, contender, mode });

/**
 * Each row: what is timed, against what, and the two case names. `len` defaults to the
 * headline size; histogram uses its largest (1e7 events), mathjs its largest (1e5).
 */
function rows(H, sizes, cases) {
  const largest = (max) => Math.max(...sizes.filter((s) => s <= max));
  const simd = (measure, mode = 'e2e', dtype = 'f64', len = H) => at(measure, len, dtype, 'wasm-simd', mode);
  const naive = (measure, dtype = 'f64', len = H) => at(measure, len, dtype, 'naive');
  const scipy = (measure, contender, len = H) => ({ env: 'python', name: at(measure, len, 'f64', contender), call: scipyCall(measure, contender) });
  const E = largest(1e7);
  const M = largest(1e5);
  const vsNaive = [
    ['KL, f64, in module memory', simd('kl', 'mem'), naive('kl')],
    ['KL, f64, end to end', simd('kl'), naive('kl')],
    ['KL, f32, in module memory', simd('kl', 'mem', 'f32'), naive('kl', 'f32'), 'naive JS loop (f32)'],
    ['KL, f32, end to end', simd('kl', 'e2e', 'f32'), naive('kl', 'f32'), 'naive JS loop (f32)'],
    ["KL, f32, `precision: 'single'`, in module memory", simd('kl', 'mem-single', 'f32'), naive('kl', 'f32'), 'naive JS loop (f32)'],
    ["KL, f32, `precision: 'single'`, end to end", simd('kl', 'e2e-single', 'f32'), naive('kl', 'f32'), 'naive JS loop (f32)'],
    ['entropy, f64, in module memory', simd('entropy', 'mem'), naive('entropy')],
    ['entropy, f64, end to end', simd('entropy'), naive('entropy')],
    ["entropy, f32, `precision: 'single'`, end to end", simd('entropy', 'e2e-single', 'f32'), naive('entropy', 'f32'), 'naive JS loop (f32)'],
    ['JS divergence, f64, in module memory', simd('js', 'mem'), naive('js')],
    ['JS divergence, f64, end to end', simd('js'), naive('js')],
    [`histogram, ${E.toExponential(0).replace('+', '')} samples → 1000 bins, in module memory`, simd('histogram', 'mem', 'f64', E), naive('histogram', 'f64', E)],
    [`histogram, ${E.toExponential(0).replace('+', '')} samples → 1000 bins`, simd('histogram', 'e2e', 'f64', E), naive('histogram', 'f64', E)],
    ['KL, f64, scalar `wasm` backend, end to end', at('kl', H, 'f64', 'wasm', 'e2e'), naive('kl')],
    ['KL, f64, `js` backend', at('kl', H, 'f64', 'js', 'e2e'), naive('kl')],
    ['total variation, f64, end to end', simd('totalVariation'), naive('totalVariation')],
    ...nearRows(cases, simd, naive),
  ].map(([label, fast, base, vs = 'naive JS loop']) => ({ label, vs, fast: { env: 'node', name: fast }, base: { env: 'node', name: base } }));
  const vsPeers = [
    ['KL, f64, end to end', simd('kl'), at('kl', H, 'f64', 'ml-distance'), 'ml-distance `kullbackLeibler`'],
    ['JS divergence, f64, end to end', simd('js'), at('js', H, 'f64', 'ml-distance'), 'ml-distance `jensenShannon`'],
    [`KL, f64, end to end, at ${M.toExponential(0).replace('+', '')}`, simd('kl', 'e2e', 'f64', M), at('kl', M, 'f64', 'mathjs'), 'mathjs `kldivergence` (plain arrays)'],
  ].map(([label, fast, base, vs]) => ({ label, vs, fast: { env: 'node', name: fast }, base: { env: 'node', name: base } }));
  const vsScipy = [
    ['KL, f64, end to end', simd('kl'), scipy('kl', 'scipy-entropy')],
    ['KL, f64, end to end', simd('kl'), scipy('kl', 'scipy-rel_entr')],
    ['entropy, f64, end to end', simd('entropy'), scipy('entropy', 'scipy-entropy')],
    ['JS divergence, f64, end to end', simd('js'), scipy('js', 'scipy-jensenshannon')],
    ['JS distance, f64, end to end', simd('jsDistance'), scipy('jsDistance', 'scipy-jensenshannon')],
    ['relEntr (elementwise), f64, end to end', simd('relEntr'), scipy('relEntr', 'scipy-rel_entr')],
    ['pairwise JS distance, f64', simd('pairwise-jsDistance'), scipy('pairwise-jsDistance', 'scipy-cdist')],
    [`histogram, ${E.toExponential(0).replace('+', '')} samples → 1000 bins`, simd('histogram', 'e2e', 'f64', E), scipy('histogram', 'numpy-histogram', E)],
  ].map(([label, fast, base]) => ({ label, vs: `\`${base.call}\``, fast: { env: 'node', name: fast }, base }));
  return [...vsNaive, ...vsPeers, ...vsScipy];
}

/**
 * Headline rows of the scenarios: nearly identical inputs (where the naive loop's answer
 * may be off, which the table then says), rowwise on drifting rows, pairwise raw.
 */
function nearRows(cases, simd, naive) {
  const row = (label, measure) => {
    const len = scenarioSize(cases, measure);
    return [label, simd(measure, 'e2e', 'f64', len), naive(measure, 'f64', len)];
  };
  const drift = `${ROW_DRIFT * 100}% drift`;
  return [
    row('KL, nearly identical (δ = 1e-5), f64, end to end', nearName('kl', 1e-5)),
    row('KL, nearly identical (δ = 1e-10), f64, end to end', nearName('kl', 1e-10)),
    row('JS divergence, nearly identical (δ = 1e-5), f64, end to end', nearName('js', 1e-5)),
    row(`rowwise KL, rows of 50 with ${drift}, f64`, nearName('rowwise-kl', ROW_DRIFT)),
    row(`rowwise JS divergence, rows of 50 with ${drift}, f64`, nearName('rowwise-js', ROW_DRIFT)),
    row('pairwise KL, `normalize: false`, f64', 'pairwise-kl-raw'),
    row('pairwise cross-entropy, `normalize: false`, f64', 'pairwise-crossEntropy-raw'),
  ];
}

const find = (cases, { env, name }) => cases.find((c) => c.env === env && c.name === name);

/** The floor measure of a case's measure (a scenario on vectors borrows its measure's). */
export const floorMeasureOf = (measure) => FLOORS[measure.split('-near')[0]];

/**
 * The floor case of case `c` in `cases`: the same env, length and dtype, reading as many
 * arrays; undefined when the measure has none or it did not run (or not 'ok').
 */
export function floorOf(cases, c) {
  const measure = c && floorMeasureOf(c.measure);
  if (!measure) return undefined;
  const name = caseName({ measure, len: c.len, dtype: c.dtype, contender: 'floor', mode: 'mem' });
  const f = find(cases, { env: c.env, name });
  return f?.status === 'ok' ? f : undefined;
}

/** c's ns/element ÷ its floor's ("× floor"), or undefined. */
export function timesFloor(cases, c) {
  const f = floorOf(cases, c);
  return c?.status === 'ok' && f ? c.nsPerElement / f.nsPerElement : undefined;
}

/** The floor cases at the headline size, Node: [{ measure, dtype, nsPerElement, p75NsPerElement }]. */
export function floorsAt(cases, len = headlineSize(cases)) {
  return cases
    .filter((c) => c.env === 'node' && FLOOR_MEASURES.includes(c.measure) && c.len === len && c.status === 'ok')
    .map(({ measure, dtype, nsPerElement, p75NsPerElement }) => ({ measure, dtype, nsPerElement, p75NsPerElement }));
}

/** The headline rows with their medians and ratio (or why a ratio is missing). */
export function headline(cases) {
  const sizes = [...new Set(gridCases(cases).map((c) => c.len))];
  return rows(headlineSize(cases), sizes, cases).map((row) => {
    const fast = find(cases, row.fast);
    const base = find(cases, row.base);
    const ok = fast?.status === 'ok' && base?.status === 'ok';
    const floor = floorOf(cases, fast);
    const why = !fast || !base ? 'not in this run' : `${fast.status !== 'ok' ? fast.status : base.status} case`;
    return {
      label: row.label,
      vs: row.vs,
      fast: row.fast.name,
      base: `${row.base.env === 'python' ? 'python ' : ''}${row.base.name}`,
      fastNs: fast?.nsPerElement,
      baseNs: base?.nsPerElement,
      ratio: ok ? base.nsPerElement / fast.nsPerElement : undefined,
      // How far above the memory floor (bench/floor.mjs) of the same inputs.
      floorNs: floor?.nsPerElement,
      timesFloor: timesFloor(cases, fast),
      // The other side answered, but off by more than a peer may be (cancellation).
      ...(base?.inexact ? { baseOffBy: base.offBy } : {}),
      ...(ok ? {} : { missing: why }),
    };
  });
}

/**
 * Per measure at the headline size: how many times faster wasm-simd (end to end, f64) is
 * than the naive loop, and than SciPy's fastest route for that measure.
 */
export function speedups(cases) {
  const H = headlineSize(cases);
  const ok = (c) => c?.status === 'ok';
  const groups = Object.keys(GRID).filter((m) => !FLOOR_MEASURES.includes(m)).map((measure) => {
    const mine = find(cases, { env: 'node', name: at(measure, H, 'f64', 'wasm-simd', 'e2e') });
    const naive = find(cases, { env: 'node', name: at(measure, H, 'f64', 'naive') });
    const scipy = cases.filter((c) => c.env === 'python' && c.measure === measure && c.len === H && ok(c));
    const fastestScipy = scipy.length ? Math.min(...scipy.map((c) => c.nsPerElement)) : undefined;
    return {
      measure,
      vsNaive: ok(mine) && ok(naive) ? naive.nsPerElement / mine.nsPerElement : undefined,
      vsScipy: ok(mine) && fastestScipy ? fastestScipy / mine.nsPerElement : undefined,
    };
  });
  return { size: H, groups };
}
