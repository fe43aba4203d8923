// fitBins against np.histogram_bin_edges (every width rule) and np.quantile (scripts/fixtures/fit_bins.py),
// on deterministic samples rebuilt here bit for bit: ties, constants, heavy tails, tiny and huge
// scales, NaN, n from 1 to 1e6, with and without a range.
import { describe, expect, it } from 'vitest';
import { Bins, fitBins, InputRangeError, type BinMethod } from '../src/index.js';
import { pairwiseSum } from '../src/binning/numpy.js';
import fixture from './fixtures/fit-bins.json' with { type: 'json' };

import { sample, type Spec } from './fixtures/samples.js';

const samples = new Map<string, Float64Array>();
const sampleOf = (s: Spec) => {
  const key = `${s.kind}/${s.n}/${s.seed}`;
  if (!samples.has(key)) samples.set(key, sample(s));
  return samples.get(key)!;
};

type Case = (typeof fixture.cases)[number] & { error?: string; edges?: number[] | null; n_bins?: number; edges_sum?: number; bins?: number };

describe('fitBins equals NumPy', () => {
  it.each((fixture.cases as Case[]).map((c) => [c.id, c] as const))('%s', (_, c) => {
    const x = sampleOf(c.sample);
    const options = { method: c.method as BinMethod, ...(c.range ? { range: c.range as [number, number] } : {}), ...(c.bins ? { bins: c.bins } : {}) };
    if (c.error !== undefined) {
      expect(() => fitBins(x, options)).toThrow(InputRangeError);
      return;
    }
    if (c.n_bins !== undefined && c.n_bins > 2 ** 26) {
      // NumPy builds 2e8 edges here; fitBins refuses more than 2^26 bins, and says so.
      expect(() => fitBins(x, options)).toThrow(/at most 2\^26/);
      return;
    }
    const bins = fitBins(x, options);
    if (c.n_bins === 0) {
      // NumPy's variance overflowed (values near 2^900): its width is ∞, its edges a lone
      // [lo]. fitBins applies the rule to the values scaled by a power of two instead.
      expect(bins.bins).toBeGreaterThanOrEqual(1);
      expect(bins.edges[0]).toBe(c.edges![0]);
      return;
    }
    if (c.edges) expect(Array.from(bins.edges)).toEqual(c.edges);
    else {
      expect(bins.bins).toBe(c.n_bins);
      expect(pairwiseSum(bins.edges)).toBe(c.edges_sum);
    }
  });
});

describe('fitBins: the rest of the contract', () => {
  it('uniform bins, explicit edges, JSON round trip', () => {
    const b = fitBins([1, 2, 2, 3, 7], { bins: 3 });
    expect(Array.from(b.edges)).toEqual([1, 3, 5, 7]);
    expect(b.method).toBe('uniform');
    expect(b.uniform).toBe(true);
    const e = fitBins([], { edges: [0, 1, 10] });
    expect(e.uniform).toBe(false);
    const back = Bins.fromJSON(JSON.stringify(e));
    expect(Array.from(back.edges)).toEqual([0, 1, 10]);
    expect(back.method).toBe('edges');
    expect(JSON.parse(JSON.stringify(fitBins([1, 2, 3], { method: 'sqrt' })))).toEqual({ method: 'sqrt', edges: [1, 2, 3] });
  });

  it('bad input: typed errors naming the option', () => {
    expect(() => fitBins([1, 2], { method: 'nope' as never })).toThrow(/options.method/);
    expect(() => fitBins([1, 2], { bins: 0 })).toThrow(/options.bins/);
    expect(() => fitBins([1, 2], { edges: [0, 0, 1] })).toThrow(/must increase/);
    expect(() => fitBins([1, 2], { range: [2, 1] })).toThrow(/options.range/);
    expect(() => fitBins([NaN], { method: 'quantile', bins: 4 })).toThrow(/no finite values/);
    expect(() => fitBins([1, 2], { bin: 3 } as never)).toThrow(/not an option/);
    expect(fitBins([NaN, 1, 2, Infinity]).edges[0]).toBe(1);
  });
});

describe('a −0 edge (found by the drift property suite)', () => {
  it('is held as +0, so a JSON round trip gives the same bins bit for bit', () => {
    const bins = fitBins([-1, -0, 0, -5e-324, -0, 2], { method: 'quantile', bins: 4 });
    const back = Bins.fromJSON(JSON.stringify(bins));
    expect(Array.from(back.edges)).toEqual(Array.from(bins.edges)); // toEqual tells −0 from +0
    expect(Array.from(bins.edges).some((e) => Object.is(e, -0))).toBe(false);
    expect(back.uniform).toBe(bins.uniform);
    const given = new Bins(Float64Array.from([-1, -0, 1]), 'edges');
    expect(Object.is(given.edges[1], 0)).toBe(true);
    expect(given.uniform).toBe(true); // linspace(−1, 1, 2) has +0 in the middle: the same boundary either way
  });
});
