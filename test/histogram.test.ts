// histogram, histograms and histogram2d: NumPy parity on committed fixtures
// (scripts/histogram-fixtures.py), agreement with a plain edge-by-edge count on data
// that sits on and around every edge, input types, errors, and bounded module memory.
import { describe, expect, it } from 'vitest';
import { histogram, histogram2d, histograms } from '../src/binning/histogram.js';
import { allocF32, allocF64, InputRangeError, InputTypeError, mutualInformation, type Vector } from '../src/index.js';
import { activeEngine } from '../src/engine/registry.js';
import { wasmEngine as wasmBackend } from '../src/engine/wasm/index.js';
import fixtures from './fixtures/histogram.json' with { type: 'json' };
import { BACKENDS, num, withBackend } from './helpers.js';

/** What `call` throws (undefined when it returns). */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (e) {
    return e;
  }
  return undefined;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The double next to x towards +∞ (up) or −∞. */
function next(x: number, up: boolean): number {
  if (x === 0) return up ? Number.MIN_VALUE : -Number.MIN_VALUE;
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  v.setBigInt64(0, v.getBigInt64(0) + ((x > 0) === up ? 1n : -1n));
  return v.getFloat64(0);
}

/** Largest k with edges[k] ≤ x (the last bin also holds its right edge); −1 outside. */
function bin(x: number, edges: Float64Array): number {
  const bins = edges.length - 1;
  if (!(x >= edges[0]! && x <= edges[bins]!)) return -1;
  let lo = 0;
  let hi = bins - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function reference(values: ArrayLike<number>, edges: Float64Array): { counts: number[]; outside: number } {
  const counts = new Array<number>(edges.length - 1).fill(0);
  let outside = 0;
  for (let i = 0; i < values.length; i++) {
    const k = bin(values[i]!, edges);
    if (k < 0) outside++;
    else counts[k]!++;
  }
  return { counts, outside };
}

function reference2d(x: ArrayLike<number>, y: ArrayLike<number>, xe: Float64Array, ye: Float64Array) {
  const cols = ye.length - 1;
  const counts = new Array<number>((xe.length - 1) * cols).fill(0);
  let outside = 0;
  for (let i = 0; i < x.length; i++) {
    const kx = bin(x[i]!, xe);
    const ky = bin(y[i]!, ye);
    if (kx < 0 || ky < 0) outside++;
    else counts[kx * cols + ky]!++;
  }
  return { counts, outside };
}

const linspace = (lo: number, hi: number, bins: number) =>
  Float64Array.from({ length: bins + 1 }, (_, k) => (k === bins ? hi : k * ((hi - lo) / bins) + lo));

/**
 * n values: uniform in and a little beyond [lo, hi], every edge and its neighbours
 * (lo and hi included), NaN and ±∞, shuffled.
 */
function awkward(n: number, lo: number, hi: number, bins: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  const special: number[] = [NaN, Infinity, -Infinity, next(lo, false), next(hi, true)];
  for (const e of linspace(lo, hi, bins)) special.push(e, next(e, false), next(e, true));
  const out = new Float64Array(n);
  const width = hi - lo;
  for (let i = 0; i < n; i++) {
    out[i] = rand() < 0.3 ? special[Math.floor(rand() * special.length)]! : lo - 0.1 * width + 1.2 * width * rand();
  }
  return out;
}

const asArray = (x: ArrayLike<number>) => Array.from(x);
const stored = (xs: (number | string)[]) => Float64Array.from(xs, num);

function typed(values: Float64Array, dtype: string): Vector {
  if (dtype === 'f32') return Float32Array.from(values);
  if (dtype === 'i32') return Int32Array.from(values);
  return values;
}

describe.each(BACKENDS)('histograms on %s', (name) => {
  const on = (body: () => void) => () => withBackend(name, body);

  describe('NumPy parity (committed fixtures)', () => {
    it.each(fixtures.histogram.map((c) => [c.id, c] as const))('np.histogram: %s', (_, c) =>
      withBackend(name, () => {
        const values = typed(stored(c.values), c.dtype);
        const range = c.range ? ([num(c.range[0]!), num(c.range[1]!)] as [number, number]) : undefined;
        const h = histogram(values, { bins: c.bins, range });
        expect(asArray(h.counts)).toEqual(c.counts);
        expect(asArray(h.edges)).toEqual(asArray(stored(c.edges)));
        expect(h.outside).toBe(c.outside);
      }),
    );

    it.each(fixtures.histograms.map((c) => [c.id, c] as const))('shared range: %s', (_, c) =>
      withBackend(name, () => {
        const h = histograms(stored(c.a), stored(c.b), { bins: c.bins });
        expect(asArray(h.p)).toEqual(c.p);
        expect(asArray(h.q)).toEqual(c.q);
        expect(asArray(h.edges)).toEqual(asArray(stored(c.edges)));
        expect(h.outside).toEqual([0, 0]);
      }),
    );

    it.each(fixtures.histogram2d.map((c) => [c.id, c] as const))('np.histogram2d: %s', (_, c) =>
      withBackend(name, () => {
        const bins = c.bins as number | [number, number];
        const range = c.range?.map((r) => [num(r[0]!), num(r[1]!)]) as [[number, number], [number, number]] | undefined;
        const h = histogram2d(stored(c.x), stored(c.y), { bins, range });
        expect(asArray(h.counts.data)).toEqual(c.counts);
        expect([h.counts.rows, h.counts.cols]).toEqual([c.rows, c.cols]);
        expect(asArray(h.xEdges)).toEqual(asArray(stored(c.xEdges)));
        expect(asArray(h.yEdges)).toEqual(asArray(stored(c.yEdges)));
        expect(h.outside).toBe(c.outside);
      }),
    );
  });

  describe('against an edge-by-edge count', () => {
    const setups: [number, number, number][] = [
      [0, 1, 1000],
      [-3.7, 12.1, 17],
      [0.1, 0.7, 3],
      [-1e-3, 2e-3, 64],
      [1e6, 1e6 + 1, 999],
      [-5, 5, 1],
    ];
    it.each(setups)('[%d, %d] in %d bins, 40,003 values on and around every edge', (lo, hi, bins) =>
      withBackend(name, () => {
        const values = awkward(40_003, lo, hi, bins, bins);
        const h = histogram(values, { bins, range: [lo, hi] });
        expect(asArray(h.edges)).toEqual(asArray(linspace(lo, hi, bins)));
        const want = reference(values, h.edges);
        expect(asArray(h.counts)).toEqual(want.counts);
        expect(h.outside).toBe(want.outside);
      }),
    );

    it('default range is [min, max] of the finite values; NaN and ±∞ are counted outside', on(() => {
      const values = [3, NaN, -2, Infinity, 7, 7, -Infinity, 0.5];
      const h = histogram(values, { bins: 3 });
      expect(asArray(h.edges)).toEqual([-2, 1, 4, 7]);
      expect(asArray(h.counts)).toEqual([2, 1, 2]);
      expect(h.outside).toBe(3);
    }));

    it('a single distinct value gets the range [v − 0.5, v + 0.5], as in NumPy', on(() => {
      const h = histogram(new Float64Array(9).fill(4), { bins: 2 });
      expect(asArray(h.edges)).toEqual([3.5, 4, 4.5]);
      expect(asArray(h.counts)).toEqual([0, 9]);
    }));

    it('float32 input bins by its exact value; integer arrays and number[] like Float64Array', on(() => {
      const rand = mulberry32(7);
      const f32 = Float32Array.from({ length: 20_001 }, () => (rand() - 0.3) * 50);
      const opts = { bins: 25, range: [-10, 30] as [number, number] };
      const want = histogram(Float64Array.from(f32), opts);
      const got = histogram(f32, opts);
      expect(asArray(got.counts)).toEqual(asArray(want.counts));
      expect(got.outside).toBe(want.outside);
      const ints = Array.from({ length: 5_003 }, () => Math.floor(rand() * 200));
      const iopts = { bins: 10, range: [0, 200] as [number, number] };
      const wantInts = histogram(Float64Array.from(ints), iopts);
      for (const Ctor of [Int16Array, Uint16Array, Int32Array, Uint32Array, Uint8Array, Uint8ClampedArray]) {
        const h = histogram(Ctor.from(ints), iopts);
        expect(asArray(h.counts), Ctor.name).toEqual(asArray(wantInts.counts));
      }
      expect(asArray(histogram(ints, iopts).counts)).toEqual(asArray(wantInts.counts));
      const signed = histogram(Int8Array.from(ints, (v) => v - 100), { bins: 8 });
      expect(asArray(signed.counts)).toEqual(reference(Int8Array.from(ints, (v) => v - 100), signed.edges).counts);
    }));

    it('integer data on integer-wide bins (every value on an edge)', on(() => {
      const rand = mulberry32(11);
      const dice = Int32Array.from({ length: 30_000 }, () => 1 + Math.floor(rand() * 6));
      const h = histogram(dice, { bins: 5 });
      expect(asArray(h.edges)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(asArray(h.counts)).toEqual(reference(dice, h.edges).counts);
      expect(h.counts[4]).toBe(dice.filter((d) => d >= 5).length);
    }));

    it('2-D: pairs on and around every edge of both axes, mixed float types', on(() => {
      const x = awkward(30_001, -2, 3, 13, 5);
      const y = awkward(30_001, 0.1, 0.7, 6, 6);
      const range: [[number, number], [number, number]] = [[-2, 3], [0.1, 0.7]];
      const h = histogram2d(x, y, { bins: [13, 6], range });
      const want = reference2d(x, y, h.xEdges, h.yEdges);
      expect(asArray(h.counts.data)).toEqual(want.counts);
      expect(h.outside).toBe(want.outside);
      const x32 = Float32Array.from(x);
      const y32 = Float32Array.from(y);
      for (const [a, b] of [[x32, y32], [x32, y], [Array.from(x), y32]] as [Vector, Vector][]) {
        const g = histogram2d(a, b, { bins: [13, 6], range });
        const w = reference2d(a, b, h.xEdges, h.yEdges);
        expect(asArray(g.counts.data)).toEqual(w.counts);
        expect(g.outside).toBe(w.outside);
      }
    }));

    it('2-D default ranges per axis, one bins number for both', on(() => {
      const h = histogram2d([0, 1, 2, 3, NaN], [10, 10, 20, 20, 15], { bins: 2 });
      expect(asArray(h.xEdges)).toEqual([0, 1.5, 3]);
      expect(asArray(h.yEdges)).toEqual([10, 15, 20]);
      expect(asArray(h.counts.data)).toEqual([2, 0, 0, 2]);
      expect(h.outside).toBe(1);
    }));

    it('shared range over both samples; equals histogram() with that range', on(() => {
      const rand = mulberry32(3);
      const a = Float64Array.from({ length: 10_000 }, () => rand() * 4);
      const b = Float64Array.from({ length: 7_000 }, () => 2 + rand() * 5);
      b[5] = NaN;
      const h = histograms(a, b, { bins: 40 });
      const lo = Math.min(...a), hi = Math.max(...Array.from(b).filter(Number.isFinite));
      expect(h.edges[0]).toBe(lo);
      expect(h.edges[40]).toBe(hi);
      expect(asArray(h.p)).toEqual(asArray(histogram(a, { bins: 40, range: [lo, hi] }).counts));
      expect(asArray(h.q)).toEqual(asArray(histogram(b, { bins: 40, range: [lo, hi] }).counts));
      expect(h.outside).toEqual([0, 1]);
      const r = histograms(a, b, { bins: 4, range: [0, 4] });
      expect(r.outside[1]).toBe(Array.from(b).filter((v) => !(v >= 0 && v <= 4)).length);
    }));

    it('histogram2d counts feed mutualInformation', on(() => {
      const rand = mulberry32(9);
      const x = Float64Array.from({ length: 50_000 }, () => rand());
      const y = Float64Array.from(x, (v) => v + 0.05 * rand());
      const joint = histogram2d(x, y, { bins: 10 }).counts;
      const mi = mutualInformation(joint, { base: 2 });
      expect(mi).toBeGreaterThan(2);
      expect(mi).toBeLessThan(Math.log2(10));
      const rows = Array.from({ length: 10 }, (_, i) => Array.from(joint.data.subarray(i * 10, i * 10 + 10)));
      expect(mutualInformation(rows, { base: 2 })).toBe(mi);
    }));
  });

  describe('signed zeros, repeated edges, too many bins (issue examples)', () => {
    const engine = () => activeEngine();
    const range = (xs: ArrayLike<number>) => engine().finiteRange(xs as Vector).map((v) => (Object.is(v, -0) ? '-0' : String(v)));

    it('a zero max is +0 if the data holds +0 (IEEE-754 maximum), whatever the order', on(() => {
      // NumPy gives [-1, -0.5, 0]; its sign follows its loop, ours is Math.max's.
      const h = histogram([-1, -0, 0], { bins: 2 });
      expect(asArray(h.edges)).toEqual([-1, -0.5, 0]);
      expect(Object.is(h.edges[2], 0)).toBe(true);
      expect(asArray(h.counts)).toEqual([1, 2]);
      for (const values of [[-1, -0, 0, -0], [-1, 0, -0], [0, -0, -1], [-0, -0, -0, -0, 0, -1], [-0, -1, -0, -0, -0, -0, -0, 0, -0]]) {
        const e = histogram(values, { bins: 2 }).edges;
        expect(Object.is(e[2], 0), values.map(String).join()).toBe(true);
      }
      // Only −0 at the max: the last edge is −0, as in NumPy.
      expect(Object.is(histogram([-1, -0, -0.5], { bins: 2 }).edges[2], -0)).toBe(true);
      // histogram2d and histograms take their ranges the same way.
      const joint = histogram2d([-0, -1, 0, -0, -0], [-0, 0, -2, -0, -0], { bins: 3 });
      expect(Object.is(joint.xEdges[3], 0) && Object.is(joint.yEdges[3], 0)).toBe(true);
      expect(Object.is(histograms([-1, -0], [-0, 0, -0], { bins: 2 }).edges[2], 0)).toBe(true);
      expect(Object.is(histograms([-1, -0], [-0, -0.5], { bins: 2 }).edges[2], -0)).toBe(true);
    }));

    it('finiteRange: IEEE-754 min and max on zeros, across SIMD lanes, chunks and float types', on(() => {
      expect(range([0, -0, 1])).toEqual(['-0', '1']);
      expect(range([-0, 0, 1])).toEqual(['-0', '1']);
      expect(range([1, 0, 0, 0, 0, 0, 0, -0, NaN])).toEqual(['-0', '1']);
      expect(range([0, 0, 0])).toEqual(['0', '0']);
      expect(range([-0, -0, -0, -0, -0])).toEqual(['-0', '-0']);
      expect(range([-0, 0, Infinity, -Infinity])).toEqual(['-0', '0']);
      expect(range([-1, -0, -0, -0, -0, -0, 0, -Infinity])).toEqual(['-1', '0']);
      // The deciding zero in a later chunk than the first one met.
      for (const n of [40_003, 70_001]) {
        const low = new Float64Array(n).fill(-1);
        low[5] = -0;
        low[n - 2] = 0;
        expect(range(low), `${n}`).toEqual(['-1', '0']);
        low[5] = 0;
        low[n - 2] = -0;
        expect(range(low), `${n}`).toEqual(['-1', '0']);
        const high = new Float64Array(n).fill(1);
        high[3] = 0;
        high[n - 1] = -0;
        expect(range(high), `${n}`).toEqual(['-0', '1']);
        expect(range(Float32Array.from(high)), `${n} f32`).toEqual(['-0', '1']);
        expect(range(Array.from(high)), `${n} number[]`).toEqual(['-0', '1']);
        high[n - 1] = 0;
        expect(range(high), `${n}`).toEqual(['0', '1']);
      }
    }));

    it('histogram2d counts on repeated edges as np.histogram2d does; histogram refuses them', on(() => {
      const one = 1 + 2 ** -52;
      const h = histogram2d([1, one], [0, 2], { bins: [2, 1], range: [[1, one], [0, 2]] });
      expect(asArray(h.counts.data)).toEqual([0, 2]); // NumPy: [[0], [2]]
      expect(asArray(h.xEdges)).toEqual([1, 1, one]);
      expect(asArray(h.yEdges)).toEqual([0, 2]);
      expect(h.outside).toBe(0);
      // Default ranges: a single 1e17 gives edges [1e17, 1e17, 1e17] on y; y = hi is in the last bin.
      const single = histogram2d([1], [1e17], { bins: 2 });
      expect(asArray(single.yEdges)).toEqual([1e17, 1e17, 1e17]);
      expect(asArray(single.counts.data)).toEqual([0, 0, 0, 1]);
      // A step that underflows to 0: NumPy's edges are (k / bins)·(hi − lo) + lo.
      const sub = histogram2d([-0, 5e-324, 0], [0, 0, 1], { bins: [4, 1], range: [[0, 5e-324], [0, 1]] });
      expect(asArray(sub.xEdges)).toEqual([0, 0, 0, 5e-324, 5e-324]);
      expect(asArray(sub.counts.data)).toEqual([0, 0, 2, 1]);
      const error = thrown(() => histogram([1, one], { bins: 2, range: [1, one] }));
      expect(error).toBeInstanceOf(InputRangeError);
      expect((error as InputRangeError).argument).toBe('options.range');
      expect((error as Error).message).toMatch(/Too many bins for data range/);
    }));

    it('too many bins for a default range blames the data and names the value', on(() => {
      const cases: [() => unknown, string, RegExp][] = [
        [() => histogram([1e17], { bins: 4 }), 'values', /values has the single finite value 100000000000000000.*pass options\.range/],
        [() => histogram([1e17, 1e17, NaN], { bins: 2 }), 'values', /single finite value 100000000000000000/],
        [() => histogram([1, 1 + 2 ** -52], { bins: 3 }), 'values', /values spans only \[1, 1\.0000000000000002\].*pass options\.range/],
        [() => histograms([1e17], [1e17], { bins: 4 }), 'a', /a and b have the single finite value 100000000000000000/],
        [() => histograms([1e17], [1e17, 1e17 + 16], { bins: 4 }), 'b', /^b spans only/],
      ];
      for (const [call, argument, message] of cases) {
        const error = thrown(call);
        expect(error).toBeInstanceOf(InputRangeError);
        expect((error as InputRangeError).argument).toBe(argument);
        expect((error as Error).message).toMatch(message);
        expect((error as Error).message).toMatch(/Too many bins for data range/);
      }
    }));
  });

  describe('errors', () => {
    const cases: [string, () => unknown, typeof InputRangeError | typeof InputTypeError, string][] = [
      ['bins 0', () => histogram([1, 2], { bins: 0 }), InputRangeError, 'options.bins'],
      ['bins 2.5', () => histogram([1, 2], { bins: 2.5 }), InputRangeError, 'options.bins'],
      ['bins "4"', () => histogram([1, 2], { bins: '4' as unknown as number }), InputTypeError, 'options.bins'],
      ['bins missing', () => histogram([1, 2], {} as { bins: number }), InputTypeError, 'options.bins'],
      ['no options', () => histogram([1, 2], undefined as unknown as { bins: number }), InputTypeError, 'options'],
      ['range lo = hi', () => histogram([1, 2], { bins: 2, range: [1, 1] }), InputRangeError, 'options.range'],
      ['range lo > hi', () => histogram([1, 2], { bins: 2, range: [3, 1] }), InputRangeError, 'options.range'],
      ['range NaN', () => histogram([1, 2], { bins: 2, range: [NaN, 1] }), InputRangeError, 'options.range'],
      ['range ∞', () => histogram([1, 2], { bins: 2, range: [0, Infinity] }), InputRangeError, 'options.range'],
      ['range not a pair', () => histogram([1, 2], { bins: 2, range: [0] as unknown as [number, number] }), InputTypeError, 'options.range'],
      ['range too wide', () => histogram([1, 2], { bins: 2, range: [-1e308, 1e308] }), InputRangeError, 'options.range'],
      // The explicit range is what is too narrow for that many bins (np.histogram: "Too many bins for data range").
      ['too many bins', () => histogram([1, 2], { bins: 10, range: [1, 1 + 2 ** -50] }), InputRangeError, 'options.range'],
      ['data range too narrow', () => histogram([1, 1 + 2 ** -52, 1], { bins: 2 }), InputRangeError, 'values'],
      ['data range too wide', () => histogram([-1e308, 1e308], { bins: 2 }), InputRangeError, 'values'],
      ['shared: b alone too narrow', () => histograms([1e17], [1e17, 1e17 + 16], { bins: 4 }), InputRangeError, 'b'],
      ['2-D data range too wide', () => histogram2d([0, 1], [-1e308, 1e308], { bins: 2 }), InputRangeError, 'y'],
      ['empty values', () => histogram([], { bins: 2 }), InputRangeError, 'values'],
      ['no finite values', () => histogram([NaN, Infinity], { bins: 2 }), InputRangeError, 'values'],
      ['values not an array', () => histogram('1,2' as unknown as number[], { bins: 2 }), InputTypeError, 'values'],
      ['values with a string', () => histogram([1, '2'] as unknown as number[], { bins: 2 }), InputTypeError, 'values'],
      ['2-D length mismatch', () => histogram2d([1, 2], [1], { bins: 2 }), InputRangeError, 'y'],
      ['2-D bins [2]', () => histogram2d([1, 2], [1, 2], { bins: [2] as unknown as number }), InputTypeError, 'options.bins'],
      ['2-D bins [2, 0]', () => histogram2d([1, 2], [1, 2], { bins: [2, 0] }), InputRangeError, 'options.bins'],
      ['2-D too many cells', () => histogram2d([1, 2], [1, 2], { bins: [2 ** 14, 2 ** 13] }), InputRangeError, 'options.bins'],
      ['2-D range flat', () => histogram2d([1, 2], [1, 2], { bins: 2, range: [0, 1] as never }), InputTypeError, 'options.range'],
      ['2-D y range reversed', () => histogram2d([1, 2], [1, 2], { bins: 2, range: [[0, 1], [1, 0]] }), InputRangeError, 'options.range'],
      ['2-D x not an array', () => histogram2d(null as unknown as number[], [1], { bins: 2 }), InputTypeError, 'x'],
      ['shared: b empty', () => histograms([1, 2], [], { bins: 2 }), InputRangeError, 'b'],
      ['shared: nothing finite', () => histograms([NaN], [Infinity], { bins: 2 }), InputRangeError, 'a'],
    ];
    it.each(cases)('%s', (_, call, Ctor, argument) =>
      withBackend(name, () => {
        const error = thrown(call);
        expect(error).toBeInstanceOf(Ctor);
        expect((error as InputRangeError).argument).toBe(argument);
        // Nothing is left behind: the next call works.
        expect(asArray(histogram([0, 1, 2], { bins: 2 }).counts)).toEqual([1, 2]);
      }),
    );
  });
});

describe.each(['wasm', 'wasm-simd'] as const)('module memory on %s', (name) => {
  const flavor = name === 'wasm' ? 'scalar' : 'simd';

  it('1e6-element inputs leave memory size unchanged after the first call', () =>
    withBackend(name, () => {
      const memory = wasmBackend(flavor)!.mem.memory;
      const rand = mulberry32(1);
      const x = Float64Array.from({ length: 1_000_000 }, () => rand());
      const y = Float32Array.from(x, (v) => v * v);
      const first = histogram(x, { bins: 1000 });
      const size = memory.buffer.byteLength;
      for (let i = 0; i < 5; i++) {
        expect(asArray(histogram(x, { bins: 1000 }).counts)).toEqual(asArray(first.counts));
        histogram(y, { bins: 500, range: [0, 1] });
        histogram2d(x, y, { bins: [30, 20] });
        histograms(x, y, { bins: 64 });
      }
      expect(memory.buffer.byteLength).toBe(size);
      expect(size).toBeLessThan(2 * 1024 * 1024);
    }),
  );

  it('arrays in module memory are binned in place, with the same counts', () =>
    withBackend(name, () => {
      const rand = mulberry32(2);
      const data = Float64Array.from({ length: 50_001 }, () => rand() * 10 - 1);
      const want = histogram(data, { bins: 33, range: [0, 8] });
      const a = allocF64(data.length);
      const b = allocF32(data.length);
      try {
        a.array.set(data);
        b.array.set(data);
        const got = histogram(a.array, { bins: 33, range: [0, 8] });
        expect(asArray(got.counts)).toEqual(asArray(want.counts));
        expect(got.outside).toBe(want.outside);
        const got32 = histogram(b.array, { bins: 33, range: [0, 8] });
        expect(asArray(got32.counts)).toEqual(asArray(histogram(Float32Array.from(data), { bins: 33, range: [0, 8] }).counts));
        const joint = histogram2d(a.array, b.array, { bins: 7 });
        expect(asArray(joint.counts.data)).toEqual(reference2d(data, Float32Array.from(data), joint.xEdges, joint.yEdges).counts);
      } finally {
        a.free();
        b.free();
      }
    }),
  );
});
