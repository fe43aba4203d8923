// Bugs the properties of binning/tests/drift/continuous found (issue 16), each kept as a
// test of its fix (they were `it.fails` while open, with a KNOWN BUG guard in the property).
import { describe, expect, it } from 'vitest';
import { bernoulli, binCounts, Bins, drift, fitBins, InputRangeError, klBetween } from '../../src/index.js';
import { BACKENDS, on } from './check.js';

describe('bugs found by the properties, fixed', () => {
  // binning.test.ts, fitBins: quantile bins of a constant reference are v ± 0.5, which
  // rounds back to v once |v| ≥ 2^52: Bins with edges [v, v], where the width rules throw
  // an InputRangeError ("edges would repeat") for the same reference.
  // Not a bug (the lead's call, NumPy parity): test/fixtures/fit-bins.json (from NumPy,
  // huge-n1-quantile*) expects exactly these edges. What had to be fixed was their use:
  // binCounts took [v, v] for equal-width bins and threw "options.range … lo must be below
  // hi", and Bins.fromJSON (so DriftMonitor.fromProfile) refused the edges fitBins made.
  it('fitBins quantile of a constant reference |v| ≥ 2^52: edges [v, v], one bin that counts v as np.histogram does (every backend)', () => {
    const v = 8982170226163406;
    for (const name of BACKENDS) {
      on(name, () => {
        const bins = fitBins([v, v], { method: 'quantile', bins: 1 });
        expect(Array.from(bins.edges)).toEqual([v, v]);
        const three = binCounts([v, v, v], bins);
        expect({ counts: Array.from(three.counts), below: three.below, above: three.above, nan: three.nan }, name).toEqual({ counts: [3], below: 0, above: 0, nan: 0 });
        // np.histogram([v, v, v, v + 2, v - 2], bins=[v, v]) is [3]; the rest apart.
        const c = binCounts([v, v, v, v + 2, v - 2, NaN], bins);
        expect({ counts: Array.from(c.counts), below: c.below, above: c.above, nan: c.nan }, name).toEqual({ counts: [3], below: 1, above: 1, nan: 1 });
        const copy = Bins.fromJSON(JSON.stringify(bins));
        expect(Array.from(copy.edges)).toEqual([v, v]);
        // Edges given outright must still increase: the point bin is only fitBins's own.
        expect(() => Bins.fromJSON({ method: 'edges', edges: [v, v] })).toThrow(InputRangeError);
        expect(() => Bins.fromJSON({ method: 'quantile', edges: [1, 1] })).toThrow(InputRangeError);
      });
    }
  });

  // binning.test.ts, fitBins: 'uniform' bins are not checked either: 6 bins of the
  // default range v ± 0.5 at v = 2^50 − 0.1 are narrower than the doubles there (spacing
  // 0.25), so edges repeat; the width rules refuse this ("edges would repeat").
  // Fixed: fitBins checks the 'uniform' edges increase, as the width rules' (src/binning/fit.ts).
  it('fitBins uniform bins narrower than the doubles of their range: increasing edges or an InputRangeError', () => {
    let edges: Float64Array | undefined;
    try {
      edges = fitBins([1125899906842623.9], { method: 'uniform', bins: 6 }).edges;
    } catch (e) {
      expect(e).toBeInstanceOf(InputRangeError);
      return;
    }
    for (let i = 1; i < edges.length; i++) expect(edges[i]! > edges[i - 1]!, `edges ${edges}`).toBe(true);
  });

  // drift.test.ts: the categorical χ² measure (monitor.ts) means to leave out bins empty
  // on both sides, but tested the smoothed reference shares, so with the default smoothing
  // an empty 'other' bucket stayed in: a column against itself got χ² > 0 and p = 0.992.
  // Fixed: the χ² measure tests the raw counts (monitor.ts), and the fixture script with it
  // (scripts/fixtures/drift_tables.py: the 'colour' smoothed p-value 0.709 → 0.602, SciPy's
  // chisquare of the counts).
  it('drift of a categorical column against itself has χ² p-value 1 (default smoothing)', () => {
    const t = { c: ['a'] };
    expect(drift(t, t).columns[0]!.measures.chiSquare).toBe(1);
  });

  // continuous.test.ts: kl.ts's Bernoulli form took each side as q·h((p − q)/q); with q
  // subnormal, h(p/q − 1) ≈ (p/q)·ln(p/q) overflowed (p/q = 2.5e305 here) and q·∞ = ∞, though the KL is finite.
  // Fixed: past p/q = 2^52 each side is x·ln(x/y) − (x − y), ln x − ln y where x/y overflows (kl.ts).
  it('klBetween of Bernoullis with a subnormal q is finite (p·(ln p − ln q) + (1 − p)·log1p(−p) ≈ 8.869e-16)', () => {
    const p = 1.2630038065783518e-18;
    const q = 5e-324;
    // The two terms in doubles (q's complement is exactly 1); no cancellation between them.
    const want = p * (Math.log(p) - Math.log(q)) + (1 - p) * Math.log1p(-p);
    expect(Math.abs(klBetween(bernoulli(p), bernoulli(q)) - want)).toBeLessThanOrEqual(1e-12 * want);
  });

  // The same form with p = 8.881784197001252e-16 gave NaN, not even ∞ (the ≥ 0 property).
  it('klBetween of Bernoullis with a subnormal q is a number ≥ 0', () => {
    expect(klBetween(bernoulli(8.881784197001252e-16), bernoulli(5e-324))).toBeGreaterThanOrEqual(0);
  });

  // drift.test.ts (backends disagreed): quantile edges [0, 5e-324, 1.5e-323] are uneven, so
  // binCounts uses the edge grid (grid.ts), whose scale cells/(hi − lo) is ∞ over a
  // subnormal span; the js engine's countEdges then dropped the zeros and wrote
  // counts[NaN]. The wasm engines counted [3, 1] (nan 1), as np.histogram with these edges.
  // Fixed: where the grid's scale is not finite and > 0, the js engine binary-searches the
  // edges (src/engine/js/edges.ts); the same holds for edges wider than the largest double
  // (hi − lo = ∞, scale 0, (x − lo)·scale = ∞·0 = NaN at x near hi).
  it('binCounts on uneven edges spanning subnormals, or wider than the largest double, keeps every value (every backend)', () => {
    const bins = fitBins([0, 0, 0, 1.5e-323], { method: 'quantile', bins: 4 });
    expect(Array.from(bins.edges)).toEqual([0, 5e-324, 1.5e-323]); // np.quantile's, ties merged
    // [values, edges, np.histogram(values, edges) with NaN and outsiders counted apart]
    const cases: [number[], Float64Array, { counts: number[]; below: number; above: number; nan: number }][] = [
      [[0, 0, NaN, 0, 1.5e-323], bins.edges, { counts: [3, 1], below: 0, above: 0, nan: 1 }],
      [[0, 0, 0, 1.5e-323, 5e-324, 1e-323, -5e-324, 2e-323], bins.edges, { counts: [3, 3], below: 1, above: 1, nan: 0 }],
      [[-1.7e308, -2, -1, -0.5, 0, 1, 1e308, 1.7e308], Float64Array.of(-1.7e308, -1, 0, 1.7e308), { counts: [2, 2, 4], below: 0, above: 0, nan: 0 }],
    ];
    for (const name of BACKENDS) {
      on(name, () => {
        for (const [values, edges, want] of cases) {
          const c = binCounts(values, new Bins(edges, 'quantile'));
          expect({ counts: Array.from(c.counts), below: c.below, above: c.above, nan: c.nan }, `${edges} on ${name}`).toEqual(want);
        }
      });
    }
  });
});
