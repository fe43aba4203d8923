// drift() and createDriftMonitor against NumPy and mpmath (scripts/fixtures/drift_tables.py):
// Doane bins on the reference, the current counted into them with the outside bins, PSI,
// JS distance and Hellinger per column (exact, and with the default smoothing). Then what
// a monitor promises: chunks, shards, profiles, bad tables, empty and constant columns.
import { describe, expect, it } from 'vitest';
import { binCounts, Bins, createDriftMonitor, drift, DriftMonitor, InputRangeError, InputTypeError, type Table } from '../src/index.js';
import fixture from './fixtures/drift-tables.json' with { type: 'json' };
import { sample, type Spec } from './fixtures/samples.js';
import { BACKENDS, expectClose, num, rng, withBackend } from './helpers.js';

type Col = (typeof fixture.cases)[number]['columns'][number] & { edges?: number[]; categories?: string[] };
const cols = fixture.cases[0]!.columns as Col[];

function values(spec: Spec, transform: string, kind: string): Float64Array | string[] {
  const x = sample(spec);
  if (kind === 'categorical') return Array.from(x, (v) => `c${v}`);
  return transform === 'shift' ? x.map((v) => v + 0.125) : transform === 'scale' ? x.map((v) => v * 1.5) : x;
}

const reference: Record<string, Float64Array | string[]> = {};
const current: Record<string, Float64Array | string[]> = {};
for (const c of cols) {
  reference[c.name] = values(c.reference, 'none', c.kind);
  current[c.name] = values(c.current, c.transform, c.kind);
}

describe('drift equals NumPy binning and mpmath distances', () => {
  it.each([['exact', 'none'], ['default smoothing', undefined]] as const)('%s', (_, smoothing) => {
    const report = drift(reference, current, smoothing ? { smoothing } : {});
    expect(report.columns.map((c) => c.column)).toEqual(cols.map((c) => c.name));
    for (const [i, c] of cols.entries()) {
      const got = report.columns[i]!;
      expect(got.kind).toBe(c.kind);
      if (c.edges) expect(got.bins).toEqual({ method: 'doane', edges: c.edges });
      else expect(got.bins).toEqual({ categories: c.categories });
      expect(Array.from(got.reference)).toEqual(c.referenceCounts);
      expect(Array.from(got.current)).toEqual(c.currentCounts);
      expect([got.missing.reference, got.missing.current]).toEqual(c.missing);
      const want = (smoothing ? c.expected : c.smoothed) as Record<string, number | string>;
      // Numeric columns: PSI, JS distance, Hellinger; categorical: PSI, JS distance and the χ² p-value.
      const measures = c.kind === 'numeric' ? (['psi', 'jsDistance', 'hellinger'] as const) : (['psi', 'jsDistance', 'chiSquare'] as const);
      expect(Object.keys(got.measures)).toEqual([...measures]);
      for (const m of measures) {
        expectClose(got.measures[m]!, num(want[m]!), m === 'chiSquare' ? 1e-10 : 1e-12, 1e-300, `${c.name} ${m}`);
      }
      expect(got.smoothing === undefined).toBe(smoothing === 'none');
    }
    expect(report.summary.columns).toBe(cols.length);
    expect(report.summary.drifted).toBe(report.columns.filter((c) => c.drifted).length);
  });

  it('severity follows the thresholds: presets, and the user’s own', () => {
    const r = drift(reference, current);
    const by = Object.fromEntries(r.columns.map((c) => [c.column, c]));
    expect(by.same!.severity).toBe('none');
    expect(by.wider!.severity).toBe('major'); // PSI 0.46 ≥ 0.25
    expect(by.shifted!.severity).toBe('none'); // PSI 0.08, JS 0.099, Hellinger 0.0996: just under every preset
    const strict = drift(reference, current, { thresholds: { psi: { moderate: 0.05 } } });
    expect(strict.columns.find((c) => c.column === 'shifted')!.severity).toBe('moderate');
  });
});

describe('the categorical χ² measure tests the counts, not the smoothed shares', () => {
  const rep = (n: Record<string, number>) => Object.entries(n).flatMap(([k, c]) => Array<string>(c).fill(k));
  it.each([['default smoothing', {}], ['epsilon 0.01', { smoothing: { epsilon: 0.01 } }], ['none', { smoothing: 'none' }]] as const)(
    'the empty other bucket is left out whatever the smoothing (%s): scipy.stats.chisquare of the counts',
    (_, opts) => {
      const t = { c: ['a'] };
      // Against itself: one bin holds everything, nothing to test, p = 1.
      expect(drift(t, t, opts).columns[0]!.measures.chiSquare).toBe(1);
      const ref = { c: rep({ a: 30, b: 20, c: 10 }) };
      // chisquare([25, 25, 10], [30, 20, 10] / 60 · 60).pvalue over 3 bins (the 4th, other, empty in both).
      expectClose(drift(ref, { c: rep({ a: 25, b: 25, c: 10 }) }, opts).columns[0]!.measures.chiSquare!, 0.35286608145884896, 1e-12);
      // A category the reference never had: expected count 0 in 'other', statistic ∞, p 0 (SciPy's too).
      expect(drift(ref, { c: rep({ a: 25, b: 25, c: 9, d: 1 }) }, opts).columns[0]!.measures.chiSquare).toBe(0);
    },
  );
});

describe('drift monitors', () => {
  const half = (t: Record<string, Float64Array | string[]>, part: 0 | 1) =>
    Object.fromEntries(Object.entries(t).map(([k, v]) => [k, part ? v.slice(v.length >> 1) : v.slice(0, v.length >> 1)])) as Table;

  it('chunks, shards merged, and a profile reloaded all give the one-shot result', () => {
    const once = drift(reference, current).columns.map((c) => c.measures);
    const m = createDriftMonitor(reference).update(half(current, 0)).update(half(current, 1));
    expect(m.result().columns.map((c) => c.measures)).toEqual(once);
    const a = createDriftMonitor(reference).update(half(current, 0));
    const b = createDriftMonitor(reference).update(half(current, 1));
    expect(a.merge(b).result().columns.map((c) => c.measures)).toEqual(once);
    const profile = JSON.stringify(createDriftMonitor(reference).profile());
    const loaded = DriftMonitor.fromProfile(profile).update(current);
    expect(loaded.result().columns.map((c) => c.measures)).toEqual(once);
    expect(loaded.reset().result().columns.every((c) => c.status === 'current empty')).toBe(true);
  });

  it('empty and all-NaN current columns are reported as such, never as NaN; a constant reference works', () => {
    const r = drift({ a: [1, 2, 3], b: [5, 5, 5], c: ['x', 'y'] }, { a: [NaN, NaN], b: [5, 5, 6], c: [] });
    const [a, b, c] = r.columns;
    expect(a!.status).toBe('current empty');
    expect(a!.measures).toEqual({});
    expect(a!.missing.current).toBe(2);
    expect(b!.status).toBe('ok');
    expect(b!.bins).toEqual({ method: 'doane', edges: [4.5, 5.5] });
    expect(b!.outside).toEqual({ below: 0, above: 1 });
    expect(Object.values(b!.measures).every(Number.isFinite)).toBe(true);
    expect(c!.status).toBe('current empty');
    expect(JSON.stringify(r)).not.toContain('NaN');
  });

  // A soak finding: update() refused a chunk of no rows ('values is empty', from the
  // equal-width kernel under binCounts) while the accumulators take an empty update; and
  // drift() refused an empty numeric current column the README reports as 'current empty'.
  it('a chunk of no rows counts nothing: the same result and profile as without it; an empty numeric column is current empty', () => {
    const ref = { x: [1, 2, 3, 4, 5, 6, 7, 8], q: [1, 2, 3, 5, 8, 13, 21, 34], c: ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'c'] };
    const cur = { x: [2, 3, 9], q: [4, 30, 40], c: ['a', 'd', 'b'] };
    const none = { x: new Float64Array(0), q: [], c: [] };
    const opts = { bins: { method: 'quantile', bins: 3 } } as const;
    for (const backend of BACKENDS) {
      withBackend(backend, () => {
        const want = createDriftMonitor(ref).update(cur);
        const got = createDriftMonitor(ref).update(none).update(cur).update(none);
        expect(got.result(), backend).toEqual(want.result());
        expect(got.profile()).toEqual(want.profile());
        // Quantile (uneven) bins count through the edge kernels: the same there.
        expect(createDriftMonitor(ref, opts).update(none).update(cur).result()).toEqual(createDriftMonitor(ref, opts).update(cur).result());
        const empty = drift(ref, none).columns;
        expect(empty.map((c) => c.status)).toEqual(['current empty', 'current empty', 'current empty']);
        expect(empty.every((c) => c.rows.current === 0 && Array.from(c.current).every((v) => v === 0))).toBe(true);
        // Every monitored column must still be there: a chunk lacking one is refused, naming it.
        expect(() => createDriftMonitor(ref).update({ x: [], q: [] })).toThrow(/column "c" is not in the current data/);
      });
    }
  });

  it('an Arrow-like table is read through schema.fields and getChild', () => {
    const arrow = (t: Record<string, ArrayLike<unknown>>): Table => ({
      schema: { fields: Object.keys(t).map((name) => ({ name })) },
      getChild: (name: string) => {
        const v = t[name]!;
        const withNulls = Array.from(v);
        return { length: v.length, nullCount: withNulls.filter((x) => x === null).length, toArray: () => v, [Symbol.iterator]: () => withNulls[Symbol.iterator]() };
      },
    });
    const want = drift(reference, current).columns.map((c) => c.measures);
    expect(drift(arrow(reference), arrow(current)).columns.map((c) => c.measures)).toEqual(want);
    const r = drift(arrow({ x: [1, null, 3, 4] }), { x: [1, 2, 3, 4] });
    expect(r.columns[0]!.missing.reference).toBe(1);
  });

  it('bad tables are typed errors naming the column and row; the monitor is unchanged after', () => {
    expect(() => drift({ a: [1, 2] }, { b: [1, 2] })).toThrow(/column "a" is not in the current data/);
    expect(() => drift({ a: [1, 2] }, { a: [1, 2] }, { columns: ['z'] })).toThrow(InputRangeError);
    const m = createDriftMonitor({ a: [1, 2, 3] });
    try {
      m.update({ a: [1, 'two', 3] as never });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputTypeError);
      expect(e).toMatchObject({ argument: 'current.a', index: 1 });
    }
    expect(m.result().columns[0]!.rows.current).toBe(0);
    expect(() => drift({ a: [1] }, { a: [1] }, { measures: ['nope' as never] })).toThrow(/options.measures/);
    expect(() => drift({ a: [1] }, { a: [1] }, { thresholds: { psi: { severe: 1 } as never } })).toThrow(/moderate and major/);
    expect(() => drift([1, 2] as never, { a: [1] })).toThrow(/object of named columns/);
    expect(() => createDriftMonitor({ a: [1, 2] }).merge(createDriftMonitor({ a: [1, 5] }))).toThrow(/same profile/);
    expect(drift({ a: [1, 2] }, { a: [1, 2] }).columns[0]!.severity).toBe('none');
  });
});

describe('binCounts', () => {
  it('no values: all zeros, as np.histogram([], bins), equal-width and uneven edges, every backend', () => {
    for (const backend of BACKENDS) {
      withBackend(backend, () => {
        for (const edges of [[0, 1, 2, 3], [0, 1, 5]]) {
          const c = binCounts([], new Bins(Float64Array.from(edges), 'edges'), { outside: 'error' });
          expect({ counts: Array.from(c.counts), below: c.below, above: c.above, nan: c.nan }, `${edges} on ${backend}`).toEqual({ counts: Array(edges.length - 1).fill(0), below: 0, above: 0, nan: 0 });
        }
      });
    }
  });

  it('non-uniform edges count as np.histogram with array bins (last edge ≤ x; the last edge in the last bin), below, above and NaN apart', async () => {
    const { binCounts, fitBins } = await import('../src/index.js');
    const edges = [-1, 0, 0.5, 2, 10];
    const values = [-5, -1, -0.5, 0, 0.25, 0.5, 1.999, 2, 9.99, 10, 11, NaN, -Infinity, Infinity];
    const c = binCounts(values, fitBins([], { edges }));
    expect(Array.from(c.counts)).toEqual([2, 2, 2, 3]);
    expect([c.below, c.above, c.nan]).toEqual([2, 2, 1]);
    // Against a brute-force rule on many values and skewed edges (the grid's rounding never matters).
    const skewed = Float64Array.from({ length: 301 }, (_, i) => (i / 300) ** 3 * 1e3);
    const xs = Float64Array.from({ length: 100_000 }, (_, i) => ((i * 7919) % 100_003) / 100);
    const got = binCounts(xs, fitBins([], { edges: skewed })).counts;
    const want = new Float64Array(300);
    for (const x of xs) {
      if (!(x >= 0 && x <= 1e3)) continue;
      let b = 299;
      while (skewed[b]! > x) b--;
      want[b]!++;
    }
    expect(Array.from(got)).toEqual(Array.from(want));
    expect(() => binCounts([1, 20], fitBins([], { edges }), { outside: 'error' })).toThrow(/values\[1\] is 20/);
  });

  it('every backend counts non-uniform edges alike: f64 and f32, every tail length, values on the edges, across chunks', async () => {
    const { binCounts, fitBins } = await import('../src/index.js');
    const next = rng(11);
    const edges = Float64Array.from({ length: 1001 }, (_, i) => Math.sinh((i - 500) / 100));
    const bins = fitBins([], { edges });
    /** The rule itself: the last edge ≤ x, the last edge in the last bin. */
    const brute = (xs: ArrayLike<number>) => {
      const counts = new Float64Array(1000);
      let [below, above, nan] = [0, 0, 0];
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i]!;
        if (x !== x) nan++;
        else if (x < edges[0]!) below++;
        else if (x > edges[1000]!) above++;
        else {
          let lo = 0;
          let hi = 999;
          while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (edges[mid]! <= x) lo = mid;
            else hi = mid - 1;
          }
          counts[lo]!++;
        }
      }
      return { counts: Array.from(counts), below, above, nan };
    };
    for (const n of [1, 2, 3, 5, 17, 1000, 400_001]) {
      const xs = Float64Array.from({ length: n }, (_, i) => {
        const r = next();
        if (i % 97 === 5) return edges[Math.floor(r * 1001)]!; // exactly on an edge (the last one too)
        if (i % 211 === 7) return [NaN, Infinity, -Infinity, -200, 200][i % 5]!;
        return Math.sinh((r - 0.5) * 11);
      });
      for (const input of [xs, Float32Array.from(xs)]) {
        const want = brute(input);
        for (const b of BACKENDS) {
          withBackend(b, () => {
            const got = binCounts(input, bins);
            expect({ counts: Array.from(got.counts), below: got.below, above: got.above, nan: got.nan }, `${b}, n ${n}, ${input.constructor.name}`).toEqual(want);
          });
        }
      }
    }
  });
});

describe('rebin', () => {
  it('spreads each bin uniformly over its width (TFDV), mass past the new edges apart, total kept', async () => {
    const { rebin } = await import('../src/index.js');
    expect(rebin([4, 4], [0, 1, 2], [0, 0.5, 2])).toEqual({ counts: Float64Array.from([2, 6]), below: 0, above: 0 });
    const r = rebin([10, 20, 30], [0, 1, 2, 3], [0.5, 1.5, 2.25]);
    // [0.5, 1.5): half of bin 0 and half of bin 1; [1.5, 2.25): half of bin 1 and a quarter of bin 2.
    expect(Array.from(r.counts)).toEqual([15, 17.5]);
    expect([r.below, r.above]).toEqual([5, 22.5]);
    expect(r.counts[0]! + r.counts[1]! + r.below + r.above).toBe(60);
    expect(() => rebin([1, 2], [0, 1], [0, 1])).toThrow(/needs 3/);
    expect(() => rebin([1], [1, 0], [0, 1])).toThrow(/^fromEdges\[1\] is 0, not above fromEdges\[0\] = 1; edges must increase$/);
  });
});

describe('drift on a real Apache Arrow table (apache-arrow, a dev dependency only)', () => {
  it('reads columns through the Table API, nulls as missing, and equals the same columns as arrays', async () => {
    const arrow = await import('apache-arrow');
    const ref = arrow.tableFromArrays({ latency: reference.same as Float64Array, colour: reference.colour as string[] });
    const cur = arrow.tableFromArrays({ latency: current.same as Float64Array, colour: current.colour as string[] });
    const want = drift({ latency: reference.same!, colour: reference.colour! }, { latency: current.same!, colour: current.colour! });
    const got = drift(ref, cur);
    expect(got.columns.map((c) => c.measures)).toEqual(want.columns.map((c) => c.measures));
    const withNulls = new arrow.Table({ x: arrow.vectorFromArray([1, null, 3, 4], new arrow.Float64()) });
    expect(drift(withNulls, { x: [1, 2, 3, 4] }).columns[0]!.missing.reference).toBe(1);
  });
});

describe('drift with threads', () => {
  it('counts shards of the current rows on workers: the same report as one thread; errors name the row of the whole table', async () => {
    const { assumeCores } = await import('../src/threads/pool.js');
    const { dispose } = await import('../src/index.js');
    const n = 250_001;
    const big = {
      x: Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 3 + (i % 7)),
      c: Array.from({ length: n }, (_, i) => ['a', 'b', 'c', 'd'][(i * i) % 4]!),
      m: Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : i % 13)),
    };
    const ref = { x: big.x.slice(0, 100_000).map((v) => v * 0.9), c: big.c.slice(0, 100_000).reverse(), m: big.m.slice(0, 100_000) };
    const want = drift(ref, big);
    try {
      for (const threads of [2, 3]) {
        assumeCores(threads);
        const got = drift(ref, big, { threads });
        expect(got).toBeInstanceOf(Promise);
        expect(await got).toEqual(want);
      }
      const bad = { ...big, m: [...big.m] as unknown[] };
      bad.m[200_000] = 'oops';
      await expect(drift(ref, bad as never, { threads: 2 })).rejects.toMatchObject({ name: 'InputTypeError', argument: 'current.m', index: 200_000 });
      // Small tables run here, and still give a Promise.
      expect(await drift(ref, { x: big.x.slice(0, 10), c: big.c.slice(0, 10), m: big.m.slice(0, 10) }, { threads: 2 })).toEqual(
        drift(ref, { x: big.x.slice(0, 10), c: big.c.slice(0, 10), m: big.m.slice(0, 10) }),
      );
    } finally {
      assumeCores(undefined);
      await dispose();
    }
  });
});

// Found by the coverage-guided fuzzer (test/coverage-fuzz/crashes/validation/): options of
// the wrong type reached the code unchecked and threw JavaScript's own TypeError.
describe('drift options and columns of unusual types (coverage-fuzz findings)', () => {
  const t = { x: [1, 2, 3, 4], y: [4, 3, 2, 1] };
  const thrown = (f: () => unknown): unknown => {
    try {
      f();
    } catch (e) {
      return e;
    }
    return expect.unreachable('no error');
  };

  it('options.columns: not an array, a non-string entry, an unknown name', () => {
    for (const bad of [5, true, 'x', null, {}]) {
      const e = thrown(() => drift(t, t, { columns: bad as never }));
      expect(e).toBeInstanceOf(InputTypeError);
      expect(e).toMatchObject({ argument: 'options.columns' });
    }
    const e0 = thrown(() => drift(t, t, { columns: [0] as never }));
    expect(e0).toBeInstanceOf(InputTypeError);
    expect(e0).toMatchObject({ argument: 'options.columns', index: 0, message: 'options.columns[0] is 0; column names are strings' });
    const hole = thrown(() => drift(t, t, { columns: ['x', , 'y'] as never })); // a sparse array's hole is undefined
    expect(hole).toMatchObject({ name: 'InputTypeError', argument: 'options.columns', index: 1 });
    const unknown = thrown(() => drift(t, t, { columns: ['y', 'z'] }));
    expect(unknown).toBeInstanceOf(InputRangeError);
    expect(unknown).toMatchObject({ argument: 'options.columns', index: 1 });
    expect((unknown as Error).message).toMatch(/options.columns\[1\]: column "z" is not in the reference/);
    const missing = thrown(() => drift(t, { x: [1] }));
    expect(missing).toMatchObject({ name: 'InputRangeError', argument: 'current.y' });
    expect(drift(t, t, { columns: ['y'] }).columns.map((c) => c.column)).toEqual(['y']);
  });

  it('options.measures and options.thresholds of the wrong type are InputTypeErrors naming them', () => {
    for (const bad of [null, 5, 'psi', true]) {
      const e = thrown(() => drift(t, t, { measures: bad as never }));
      expect(e).toBeInstanceOf(InputTypeError);
      expect(e).toMatchObject({ argument: 'options.measures' });
    }
    expect(thrown(() => drift(t, t, { measures: { numerc: ['psi'] } as never }))).toMatchObject({ name: 'InputTypeError', argument: 'options.measures.numerc' });
    expect(thrown(() => drift(t, t, { measures: { numeric: null } as never }))).toMatchObject({ name: 'InputTypeError', argument: 'options.measures.numeric' });
    expect(thrown(() => drift(t, t, { measures: ['psi', 7] as never }))).toMatchObject({ name: 'InputRangeError', argument: 'options.measures', index: 1 });
    expect(thrown(() => drift(t, t, { thresholds: 5 as never }))).toMatchObject({ name: 'InputTypeError', argument: 'options.thresholds' });
    expect(thrown(() => drift(t, t, { thresholds: { psi: 0.2 } as never }))).toMatchObject({ name: 'InputTypeError', argument: 'options.thresholds.psi' });
    // The per-kind form still works, the other kind keeping its defaults.
    const r = drift(t, t, { measures: { numeric: ['totalVariation'] } });
    expect(Object.keys(r.columns[0]!.measures)).toEqual(['totalVariation']);
  });

  it('BigInt columns: exactly representable values are taken as the same doubles; others name column and row', () => {
    const ref = { x: [1, 2, 3, 4, 10, 11] };
    const cur = { x: [3, 4, 5, 6, 7, 8] };
    const want = drift(ref, cur);
    expect(drift({ x: BigInt64Array.from(ref.x.map(BigInt)) }, { x: BigUint64Array.from(cur.x.map(BigInt)) })).toEqual(want);
    expect(drift({ x: ref.x.map(BigInt) as never }, cur)).toEqual(want);
    // 2^60 is a double exactly; 2^53 + 1 is not (it would round to 2^53 and could change bins).
    expect(drift({ x: BigInt64Array.of(0n, 2n ** 60n) }, { x: [0, 2 ** 60] }).columns[0]!.measures).toEqual(drift({ x: [0, 2 ** 60] }, { x: [0, 2 ** 60] }).columns[0]!.measures);
    const e = thrown(() => drift({ x: [1, 2] }, { x: BigInt64Array.of(1n, 2n ** 53n + 1n) }));
    expect(e).toBeInstanceOf(InputRangeError);
    expect(e).toMatchObject({ argument: 'current.x', index: 1 });
    // The fuzzer's input: a BigInt64Array of zeros against numbers.
    expect(drift({ x: new BigInt64Array(3) }, { x: [1, 2, 3] }).columns[0]!.rows).toEqual({ reference: 3, current: 3 });
  });
});
