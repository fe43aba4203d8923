// Cases over raw samples: histograms, fitted bins and their counts, rebinning, the
// Wasserstein distance, the KS test, and drift (one-shot and through a monitor).
import * as o from '../oracle.mjs';
import { corrupt, expect, expectArrays, expectClose } from '../check.mjs';

// Second samples are n/2 … n long: no input exceeds n elements, so the max-size pass
// (every case at n = 1e6) reaches the high-water mark of module memory.

const countsEqual = (what, got, want) => expectArrays(what, got, want, 0, 0);

/** The bad inputs of a one-sample function f(values): NaN is counted, not refused, here. */
const SAMPLE_BAD = ['empty', 'type'];

function histogramCase() {
  return {
    name: 'histogram',
    threads: true,
    badKinds: SAMPLE_BAD,
    async run(c) {
      const [v] = c.inputs.many([['v', c.n]], c.kind);
      const bins = c.rng.int(1, 1000);
      const opts = { bins };
      if (c.rng.chance(0.5)) opts.range = [-1, 1.5];
      if (c.threaded) opts.threads = 2;
      const [lo, hi] = opts.range ?? o.finiteRange(v);
      const want = c.check && lo < hi ? o.countOn(v, o.linspace(lo, hi, bins)) : undefined;
      const h = await c.lib.histogram(v, opts);
      if (!want) return false;
      expectArrays(`histogram edges bins=${bins}`, h.edges, o.linspace(lo, hi, bins), 0, 0);
      countsEqual(`histogram counts n=${c.n} bins=${bins}`, h.counts, want.counts);
      expect('histogram outside', h.outside === want.below + want.above + want.nan, `${h.outside}`);
      return true;
    },
    bad(c, what) {
      const [v] = c.inputs.many([['v', c.n]], c.kind);
      const bad = corrupt(c.rng, what, v, v);
      return { call: () => c.lib.histogram(bad.p, c.threaded ? { bins: 10, threads: 2 } : { bins: 10 }) };
    },
  };
}

function histogramsCase() {
  return {
    name: 'histograms',
    threads: true,
    badKinds: SAMPLE_BAD,
    async run(c) {
      const m = Math.max(1, Math.round(c.n * (0.5 + 0.5 * c.rng.next())));
      const [a, b] = c.inputs.many([['v', c.n], ['w', m]], c.kind);
      const bins = c.rng.int(1, 500);
      const [lo, hi] = o.finiteRange(a, b);
      const want = c.check && lo < hi ? [o.countOn(a, o.linspace(lo, hi, bins)), o.countOn(b, o.linspace(lo, hi, bins))] : undefined;
      const h = await c.lib.histograms(a, b, c.threaded ? { bins, threads: 2 } : { bins });
      if (!want) return false;
      countsEqual(`histograms p n=${c.n}`, h.p, want[0].counts);
      countsEqual(`histograms q n=${m}`, h.q, want[1].counts);
      return true;
    },
    bad(c, what) {
      const [a] = c.inputs.many([['v', c.n]], c.kind);
      const bad = corrupt(c.rng, what, a, a);
      return { call: () => c.lib.histograms(bad.p, a, c.threaded ? { bins: 10, threads: 2 } : { bins: 10 }) };
    },
  };
}

function histogram2dCase() {
  return {
    name: 'histogram2d',
    badKinds: ['mismatch', 'empty', 'type'],
    run(c) {
      const [x, y] = c.inputs.many([['v', c.n], ['w', c.n]], c.kind);
      const bx = c.rng.int(1, 64), by = c.rng.int(1, 64);
      const range = [[-2, 2], [-2, 2.5]];
      const h = c.lib.histogram2d(x, y, { bins: [bx, by], range });
      if (!c.check) return false;
      const ex = o.linspace(-2, 2, bx), ey = o.linspace(-2, 2.5, by);
      const want = new Float64Array(bx * by);
      let outside = 0;
      for (let i = 0; i < x.length; i++) {
        const ix = o.binOf(x[i], ex), iy = o.binOf(y[i], ey);
        if (ix < 0 || iy < 0) outside++;
        else want[ix * by + iy]++;
      }
      countsEqual(`histogram2d ${bx}×${by} n=${c.n}`, h.counts.data, want);
      expect('histogram2d outside', h.outside === outside, `${h.outside} vs ${outside}`);
      return true;
    },
    bad(c, what) {
      const [x, y] = c.inputs.many([['v', c.n], ['w', c.n]], c.kind);
      const bad = corrupt(c.rng, what, x, y);
      return { call: () => c.lib.histogram2d(bad.p, bad.q, { bins: 8 }) };
    },
  };
}

const FIT_METHODS = ['uniform', 'quantile', 'auto', 'doane', 'sturges', 'fd', 'scott', 'sqrt'];

function binsCase() {
  return {
    name: 'fitBins+binCounts',
    // No values is not bad input for binCounts: all zeros, as np.histogram([], bins).
    badKinds: ['type'],
    run(c) {
      const n = Math.max(2, c.n);
      const [ref, cur] = c.inputs.many([['v', n], ['w', n]], c.kind);
      const method = c.rng.pick(FIT_METHODS);
      const k = c.rng.int(1, 200);
      const bins = c.lib.fitBins(ref, method === 'uniform' || method === 'quantile' ? { method, bins: k } : { method });
      const got = c.lib.binCounts(cur, bins);
      if (!c.check) return false;
      const e = bins.edges;
      for (let i = 1; i < e.length; i++) expect(`fitBins ${method}: edges increase`, e[i] > e[i - 1], `[${i - 1}] ${e[i - 1]} ≥ ${e[i]}`);
      const [lo, hi] = o.finiteRange(ref);
      if (lo < hi) {
        expect(`fitBins ${method}: edges span the reference`, e[0] <= lo && e[e.length - 1] >= hi, `${e[0]}…${e[e.length - 1]} vs ${lo}…${hi}`);
        if (method === 'uniform') expectArrays('fitBins uniform edges', e, o.linspace(lo, hi, k), 1e-14, 1e-14);
      }
      const want = o.countOn(cur, e);
      countsEqual(`binCounts n=${n} ${method}`, got.counts, want.counts);
      expect('binCounts below/above/nan', got.below === want.below && got.above === want.above && got.nan === want.nan,
        `${got.below}/${got.above}/${got.nan} vs ${want.below}/${want.above}/${want.nan}`);
      return true;
    },
    bad(c, what) {
      const [ref] = c.inputs.many([['v', Math.max(2, c.n)]], c.kind);
      const bins = c.lib.fitBins(ref, { bins: 4 });
      const bad = corrupt(c.rng, what, ref, ref);
      return { call: () => c.lib.binCounts(bad.p, bins) };
    },
  };
}

function rebinCase() {
  return {
    name: 'rebin',
    badKinds: ['nan', 'negative', 'type'],
    run(c) {
      const [p] = c.inputs.many([['p', c.n]], c.kind);
      const from = o.linspace(0, 1, c.n);
      const m = c.rng.int(1, 200);
      const to = o.linspace(-0.1, 0.9, m);
      const r = c.lib.rebin(p, from, to);
      if (!c.check) return false;
      // Mass is conserved; what lies above 0.9 is exactly the part of the old bins past it.
      let total = 0, moved = r.below + r.above, above = 0;
      for (let i = 0; i < c.n; i++) {
        total += p[i];
        if (from[i + 1] > 0.9) above += (p[i] * (from[i + 1] - Math.max(0.9, from[i]))) / (from[i + 1] - from[i]);
      }
      for (const x of r.counts) moved += x;
      expectClose(`rebin n=${c.n} → ${m}: mass`, moved, total, 1e-9);
      expectClose(`rebin n=${c.n} → ${m}: above`, r.above, above, 1e-9, 1e-9);
      expect('rebin below', r.below === 0, `${r.below}`);
      return true;
    },
    bad(c, what) {
      const [p] = c.inputs.many([['p', c.n]], c.kind);
      const bad = corrupt(c.rng, what, p, p);
      return { call: () => c.lib.rebin(bad.p, o.linspace(0, 1, c.n), [0, 1]) };
    },
  };
}

function twoSampleCase(name, call, compare, bad) {
  return {
    name,
    badKinds: bad,
    indexed: true,
    run(c) {
      const m = Math.max(1, Math.round(c.n * (0.5 + 0.5 * c.rng.next())));
      const [a, b] = c.inputs.many([['v', c.n], ['w', m]], c.kind);
      const got = call(c.lib, a, b);
      if (!c.check) return false;
      compare(`${name} ${c.n}/${m}`, got, a, b);
      return true;
    },
    bad(c, what) {
      const [a, b] = c.inputs.many([['v', c.n], ['w', c.n]], c.kind);
      const x = corrupt(c.rng, what, a, b);
      return { index: x.index, argument: name === 'ksTest' ? 'a' : 'u', call: () => call(c.lib, x.p, x.q) };
    },
  };
}

function histogramWassersteinCase() {
  return {
    name: 'histogramWasserstein',
    badKinds: ['nan', 'negative', 'mismatch', 'type'],
    indexed: true,
    run(c) {
      const [p, q] = c.inputs.many([['p', c.n], ['q', c.n]], c.kind);
      const edges = o.linspace(-1, 3, c.n);
      const got = c.lib.histogramWasserstein(p, q, edges);
      if (!c.check) return false;
      expectClose(`histogramWasserstein n=${c.n}`, got, o.histogramWasserstein(p, q, edges), 1e-8, 1e-12);
      return true;
    },
    bad(c, what) {
      const [p, q] = c.inputs.many([['p', c.n], ['q', c.n]], c.kind);
      const x = corrupt(c.rng, what, p, q);
      return { index: x.index, argument: 'p', call: () => c.lib.histogramWasserstein(x.p, x.q, o.linspace(-1, 3, c.n)) };
    },
  };
}

/**
 * Drift on one numeric column, binned on given edges with smoothing off, so that the
 * oracle can count: the reported distributions are the counts (outside bins first and
 * last), and each measure is the oracle's formula on them.
 */
function driftSetup(c) {
  const m = Math.max(1, Math.round(c.n * (0.5 + 0.5 * c.rng.next())));
  const [ref, cur] = c.inputs.many([['v', c.n], ['w', m]], c.kind);
  const edges = Array.from(o.linspace(-2, 2, c.rng.int(1, 50)));
  return { ref, cur, m, opts: { bins: { method: 'edges', edges }, smoothing: 'none' }, edges };
}

function driftCounts(values, edges) {
  const r = o.countOn(values, Float64Array.from(edges));
  return Float64Array.from([r.below, ...r.counts, r.above]);
}

function checkDriftColumn(what, col, ref, cur, edges) {
  const wantRef = driftCounts(ref, edges), wantCur = driftCounts(cur, edges);
  countsEqual(`${what} reference counts`, col.reference, wantRef);
  countsEqual(`${what} current counts`, col.current, wantCur);
  for (const [name, value] of Object.entries(col.measures)) {
    // Bins empty on both sides carry no mass; the oracle's formulas skip them alike.
    expectClose(`${what} ${name}`, value, o.byName[name](wantRef, wantCur), 1e-9, o.absTolerance(name));
  }
}

function driftCase() {
  return {
    name: 'drift',
    threads: true,
    // An empty current column is reported as 'current empty', not refused.
    badKinds: ['type'],
    async run(c) {
      const { ref, cur, opts, edges, m } = driftSetup(c);
      const report = await c.lib.drift({ x: ref }, { x: cur }, c.threaded ? { ...opts, threads: 2 } : opts);
      if (!c.check) return false;
      checkDriftColumn(`drift n=${c.n}/${m}`, report.columns[0], ref, cur, edges);
      return true;
    },
    bad(c, what) {
      const { ref, cur, opts } = driftSetup(c);
      const x = corrupt(c.rng, what, cur, cur);
      return { call: () => c.lib.drift({ x: ref }, { x: x.p }, c.threaded ? { ...opts, threads: 2 } : opts) };
    },
  };
}

function monitorCase() {
  return {
    name: 'driftMonitor',
    // An update with no rows counts nothing (as an accumulator's does): not bad input.
    badKinds: ['type'],
    run(c) {
      const { ref, cur, opts, edges, m } = driftSetup(c);
      let mon = c.lib.createDriftMonitor({ x: ref }, opts);
      // Two chunks.
      const cut = cur.length > 1 ? c.rng.int(1, cur.length - 1) : cur.length;
      mon.update({ x: cur.slice(0, cut) });
      if (cut < cur.length) mon.update({ x: cur.slice(cut) });
      if (c.rng.chance(0.2)) mon = c.lib.DriftMonitor.fromProfile(JSON.stringify(mon.profile()));
      const report = mon.result();
      if (!c.check) return false;
      checkDriftColumn(`monitor n=${c.n}/${m} cut ${cut}`, report.columns[0], ref, cur, edges);
      return true;
    },
    bad(c, what) {
      const { ref, cur, opts } = driftSetup(c);
      const mon = c.lib.createDriftMonitor({ x: ref }, opts);
      const x = corrupt(c.rng, what, cur, cur);
      return { call: () => mon.update({ x: x.p }).result() };
    },
  };
}

export const sampleCases = [
  histogramCase(),
  histogramsCase(),
  histogram2dCase(),
  binsCase(),
  rebinCase(),
  twoSampleCase('wasserstein', (m, a, b) => m.wasserstein(a, b), (what, got, a, b) => expectClose(what, got, o.wasserstein(a, b), 1e-8, 1e-12), ['nan', 'empty', 'type']),
  twoSampleCase('ksTest', (m, a, b) => m.ksTest(a, b), (what, got, a, b) => {
    expectClose(`${what} statistic`, got.statistic, o.ksStatistic(a, b), 1e-12, 1e-15);
    expect(`${what} p-value in [0, 1]`, got.pValue >= 0 && got.pValue <= 1, `${got.pValue}`);
  }, ['nan', 'empty', 'type']),
  histogramWassersteinCase(),
  driftCase(),
  monitorCase(),
];
