// Properties of drift() and the DriftMonitor on tables of numeric and categorical
// columns, on every backend: a table against itself has no drift; the report depends on
// the current rows only through their counts (row order, chunking into updates, a
// profile saved as JSON and loaded, merging shard monitors all give the same report);
// the backends agree; { threads: 2 } above the 100,000-row threshold equals unthreaded.
import fc from 'fast-check';
import { afterAll, describe, expect } from 'vitest';
import { createDriftMonitor, dispose, drift, DriftMonitor, setBackend, type DriftOptions, type DriftReport } from '../../src/index.js';
import { THREADS_MIN } from '../../src/threads/thresholds.js';
import { rng } from '../helpers.js';
import { cutsOf } from './arbitraries.js';
import { BACKENDS, expectAgree, on, onEach, outcome } from './check.js';
import { asyncProperty, property } from './settings.js';

afterAll(() => dispose());

type Table = Record<string, (number | string | null)[]>;

const numericValue = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -100, max: 100, noNaN: true }) },
  { weight: 3, arbitrary: fc.integer({ min: -5, max: 5 }) },
  { weight: 1, arbitrary: fc.constant(NaN) },
);
const categoryValue = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('a', 'b', 'c', 'd', 'e') }, { weight: 1, arbitrary: fc.constantFrom(null, '') });

/** Column kinds, then a reference and a current table with those columns (1 … 60 rows each). */
const tables = fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }).chain((kinds) => {
  const tableOf = fc.integer({ min: 1, max: 60 }).chain((rows) =>
    fc.tuple(...kinds.map((numeric) => fc.array((numeric ? numericValue : categoryValue) as fc.Arbitrary<number | string | null>, { minLength: rows, maxLength: rows }))).map((cols) => {
      const t: Table = {};
      cols.forEach((c, i) => (t[`${kinds[i] ? 'x' : 'c'}${i}`] = c as (number | string | null)[]));
      return t;
    }),
  );
  return fc.tuple(tableOf, tableOf);
});

const options = fc.record(
  {
    bins: fc.constantFrom<DriftOptions['bins']>('doane', 'auto', 'sturges', { method: 'uniform', bins: 5 }, { method: 'quantile', bins: 4 }),
    outside: fc.constantFrom<DriftOptions['outside']>('bins', 'drop'),
    smoothing: fc.constantFrom<DriftOptions['smoothing']>(undefined, 'none'),
    measures: fc.constantFrom<DriftOptions['measures']>(undefined, ['psi', 'jsDistance', 'hellinger', 'totalVariation', 'lInfinity']),
  },
  { requiredKeys: [] },
);

/** A report's numbers in a fixed order, for the backends' comparison. */
const numbersOf = (r: DriftReport) => r.columns.flatMap((c) => [...Object.values(c.measures), ...c.reference, ...c.current]);

const rowsOf = (t: Table) => Math.max(...Object.values(t).map((c) => c.length));
const pick = (t: Table, order: number[]): Table => Object.fromEntries(Object.entries(t).map(([k, c]) => [k, order.map((i) => c[i]!)]));

describe('drift and the monitor', () => {
  property('a table against itself: every measure 0 (χ² p-value 1), severity none, nothing drifted', 150, [tables, options], ([ref], opts) => {
    for (const name of BACKENDS) {
      on(name, () => {
        const r = outcome(() => drift(ref, ref, opts));
        // A numeric column with no finite value (all NaN) has no bins to fit: the one documented refusal.
        if (!r.ok) {
          expect(r.name, r.error).toMatch(/^Input(Range|Type)Error$/);
          expect(r.argument, r.error).toMatch(/^(reference|options)/);
          return;
        }
        for (const c of r.value.columns) {
          if (c.status !== 'ok') continue;
          for (const [m, v] of Object.entries(c.measures)) {
            if (m === 'chiSquare') expect(v, `${c.column} ${m} p-value on ${name}`).toBe(1);
            else expect(Math.abs(v), `${c.column} ${m} on ${name}`).toBeLessThanOrEqual(1e-15);
          }
          expect(c.severity, `${c.column} on ${name}`).toBe('none');
          expect(c.drifted).toBe(false);
          expect(Array.from(c.current)).toEqual(Array.from(c.reference));
        }
        expect(r.value.summary.drifted).toBe(0);
        expect(r.value.summary.share).toBe(0);
      });
    }
  });

  property('current only through its counts: row order, chunked updates, JSON profile, merged shards give the same report; backends agree', 150, [tables, options, fc.integer({ min: 0, max: 2 ** 30 })], ([ref, cur], opts, seed) => {
    const rows = rowsOf(cur);
    const order = fc.sample(fc.shuffledSubarray([...Array(rows).keys()], { minLength: rows, maxLength: rows }), { seed, numRuns: 1 })[0]!;
    const cuts = fc.sample(cutsOf(rows), { seed: seed + 1, numRuns: 1 })[0]!;
    const results = onEach(() => {
      const want = drift(ref, cur, opts);
      expect(drift(ref, pick(cur, order), opts), 'rows of current permuted').toEqual(want);
      const m = createDriftMonitor(ref, opts);
      cuts.slice(1).forEach((c, i) => m.update(pick(cur, [...Array(c - cuts[i]!).keys()].map((k) => k + cuts[i]!))));
      expect(m.result(), `updates in chunks at ${cuts}`).toEqual(want);
      const copy = DriftMonitor.fromProfile(JSON.parse(JSON.stringify(m.profile())));
      expect(copy.result(), 'the monitor loaded from its JSON profile').toEqual(want);
      // Shards: each a monitor of its part, merged into an empty one.
      const merged = createDriftMonitor(ref, opts);
      cuts.slice(1).forEach((c, i) => merged.merge(createDriftMonitor(ref, opts).update(pick(cur, [...Array(c - cuts[i]!).keys()].map((k) => k + cuts[i]!)))));
      expect(merged.result(), 'merged shard monitors').toEqual(want);
      return want;
    });
    for (const [name, r] of results) if (!r.ok) expect(r.name, `${name}: ${r.error}`).toMatch(/^Input(Range|Type)Error$/);
    // The counts are exact on every backend; the measures are the engine's reductions.
    expectAgree(results, { rel: 1e-12, abs: 1e-15 }, 'drift report', numbersOf);
  });

  // Above THREADS_MIN current rows, drift cuts them into shards counted on the workers.
  asyncProperty('drift with { threads: 2 } on 100,000+ current rows equals the unthreaded report', 2, [fc.integer({ min: 1, max: 2 ** 30 }), options], async (seed, opts) => {
    const r = rng(seed);
    const n = THREADS_MIN + (seed % 500);
    const ref = { x: Array.from({ length: 2000 }, () => r() * 10), c: Array.from({ length: 2000 }, () => 'abc'[Math.floor(r() * 3)]!) };
    const cur = { x: Float64Array.from({ length: n }, (_, i) => (i % 1009 === 0 ? NaN : r() * 12 - 1)), c: Array.from({ length: n }, () => 'abcd'[Math.floor(r() * 3.2)]!) };
    for (const name of BACKENDS) {
      setBackend(name);
      try {
        const want = drift(ref, cur, opts);
        const got = await drift(ref, cur, { ...opts, threads: 2 });
        expect(got, `threads 2 on ${name}`).toEqual(want);
      } finally {
        setBackend('auto');
      }
    }
  });
});

describe('bad input: a typed error naming the argument, and the next call works', () => {
  const bad = fc.constantFrom<[string, () => unknown, RegExp]>(
    ['drift column missing from current', () => drift({ x: [1, 2] }, { y: [1, 2] }), /^current/],
    ['drift unknown option', () => drift({ x: [1, 2] }, { x: [1] }, { nope: 1 } as never), /^options/],
    ['drift unknown measure', () => drift({ x: [1, 2] }, { x: [1] }, { measures: ['nope' as never] }), /^options\.measures/],
    ['drift bad outside', () => drift({ x: [1, 2] }, { x: [1] }, { outside: 'x' as never }), /^options\.outside/],
    ['drift columns not in reference', () => drift({ x: [1, 2] }, { x: [1] }, { columns: ['z'] }), /^(options\.columns|reference)/],
    ['drift reference not a table', () => drift(5 as never, { x: [1] }), /^reference/],
    ['fromProfile of something else', () => DriftMonitor.fromProfile('{"format":"x"}'), /^profile$/],
    ['update with an object value', () => createDriftMonitor({ c: ['a'] }).update({ c: [{}] as never }), /^current|^chunk/],
  );
  property('each bad call throws InputTypeError/InputRangeError naming its argument; drift works after', 40, [bad, fc.constantFrom(...BACKENDS)], ([what, call, argument], name) => {
    on(name, () => {
      const r = outcome(call);
      expect(r.ok, `${what} must throw`).toBe(false);
      if (r.ok) return;
      expect(['InputTypeError', 'InputRangeError'], `${what}: ${r.error}`).toContain(r.name);
      expect(r.argument, `${what}: ${r.error}`).toMatch(argument);
      expect(drift({ x: [1, 2, 3, 4] }, { x: [3, 4, 5, 6] }).columns[0]!.outside?.above).toBe(2);
    });
  });
});
