// The edges of what inputs can be (issue 16), always on and fast, in Node and Chromium:
// inputs in a SharedArrayBuffer, views at odd offsets, detached / shrunk / freed buffers,
// Float32Array subnormals against exact references, and the limits of module memory
// (wasm32: 4 GiB) at a size any run can afford. test/limits-big.test.ts runs the real
// sizes (3e8 elements, 1e6 × 1e3 matrices) when INFODIV_LIMITS_BIG=1.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  allocF32,
  allocF64,
  bhattacharyya,
  binCounts,
  categorical,
  chi2Contingency,
  chiSquare,
  cramersV,
  createAccumulator,
  createDriftMonitor,
  crossEntropy,
  dirichlet,
  dispose,
  drift,
  entropy,
  entropyFromSamples,
  entropyRate,
  fitBins,
  fitCategories,
  gaussianMixture,
  gTest,
  hellinger,
  histogram,
  histogram2d,
  histograms,
  histogramWasserstein,
  InputRangeError,
  InputTypeError,
  jsDistance,
  jsDivergence,
  klDiv,
  klDivergence,
  klFromSamples,
  klRate,
  ksTest,
  lInfinity,
  multivariateNormal,
  mutualInformation,
  normal,
  pairwise,
  psi,
  rebin,
  relEntr,
  renyiDivergence,
  rowwise,
  setBackend,
  totalVariation,
  wasserstein,
  bhattacharyyaCoefficient,
  type Vector,
} from '../src/index.js';
import { CHUNK } from '../src/engine/chunk.js';
import { dotRowsBlockForTests } from '../src/engine/wasm/engine.js';
import { wasmEngine } from '../src/engine/wasm/index.js';
import { MAX_MEMORY_BYTES } from '../src/engine/wasm/memory.js';
import { assumeCores } from '../src/threads/pool.js';
import subnormal from './fixtures/limits/subnormal.json' with { type: 'json' };
import { RAW_ABS, ref, Tally } from './fuzz/check.js';
import { BACKENDS, expectClose } from './helpers.js';

const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';
/** SharedArrayBuffer exists in Node, and in pages only when cross-origin isolated. */
const SHARED = typeof SharedArrayBuffer === 'function' && (isNode || (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true);
const TWO = { threads: 2 } as const;
/** Past THREADS_MIN (src/threads/thresholds.ts): `{ threads: 2 }` really uses a worker. */
const THREADED_N = 200_003;

afterEach(() => {
  setBackend('auto');
  assumeCores(undefined);
});
afterAll(() => dispose());

/** Positive whole-number counts (exact in f32 too), reproducible. */
function counts(n: number, seed: number): Float64Array {
  let s = seed >>> 0 || 1;
  return Float64Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 22) + 1);
}

type Float = Float64Array | Float32Array;

/** ES2024's resizable ArrayBuffer (Node 20+, Chromium), beyond this project's TypeScript lib. */
type Resizable = ArrayBuffer & { resize(bytes: number): void };
const resizable = (bytes: number, max: number): Resizable =>
  new (ArrayBuffer as unknown as new (bytes: number, o: { maxByteLength: number }) => Resizable)(bytes, { maxByteLength: max });
type Ctor = Float64ArrayConstructor | Float32ArrayConstructor;

/** `values` as a view at element offset `at` of a fresh buffer (shared or not) with room after. */
function placed(values: ArrayLike<number>, Type: Ctor, at: number, shared = false): Float {
  const bytes = (values.length + at + 3) * Type.BYTES_PER_ELEMENT;
  const buffer: ArrayBuffer = shared ? (new SharedArrayBuffer(bytes) as unknown as ArrayBuffer) : new ArrayBuffer(bytes);
  const view = new Type(buffer, at * Type.BYTES_PER_ELEMENT, values.length);
  view.set(values);
  return view;
}

/** Every vector function's answer on (p, q), as numbers and arrays, for exact comparison. */
function answers(p: Float, q: Float): unknown[] {
  const cols = 7;
  const rows = Math.floor(p.length / cols);
  const P = { data: p.subarray(0, rows * cols), rows, cols };
  const Q = { data: q.subarray(0, rows * cols), rows, cols };
  const few = { data: p.subarray(0, Math.min(rows, 4) * cols), rows: Math.min(rows, 4), cols };
  return [
    klDivergence(p, q),
    jsDivergence(p, q),
    jsDistance(p, q),
    entropy(p),
    crossEntropy(p, q),
    totalVariation(p, q),
    hellinger(p, q),
    klDivergence(p, q, { normalize: false }),
    klDivergence(p, q, { precision: 'single' }),
    Array.from(relEntr(p, q)),
    Array.from(klDiv(p, q)),
    rows ? Array.from(rowwise('kl', P, Q)) : [],
    rows ? Array.from(rowwise('js', P, q.subarray(0, cols))) : [],
    rows ? Array.from(pairwise('kl', few, Q).data) : [],
    rows ? Array.from(pairwise('totalVariation', few).data) : [],
    Array.from(histogram(p, { bins: 16 }).counts),
  ];
}

/** The threaded calls' answers, which must equal the same calls without threads. */
async function threadedAnswers(p: Float, q: Float, threads?: typeof TWO): Promise<unknown[]> {
  return [
    await klDivergence(p, q, threads),
    await jsDivergence(p, q, threads),
    await entropy(p, threads),
    await totalVariation(p, q, threads),
    Array.from(await relEntr(p, q, undefined, threads)),
    Array.from((await histogram(p, { bins: 32, ...threads })).counts),
    Array.from(await rowwise('kl', { data: p.subarray(0, 1000 * 9), rows: 1000, cols: 9 }, q.subarray(0, 9), threads)),
  ];
}

describe.each(BACKENDS)('SharedArrayBuffer inputs on %s', (name) => {
  const T = [Float64Array, Float32Array] as const;
  if (SHARED) {
    it.each(T.map((t) => [t.name, t] as const))('%s in a SharedArrayBuffer: the same values as in an ArrayBuffer', (_, Type) => {
      setBackend(name);
      for (const n of [1, 5, 48, 1001, CHUNK + 37]) {
        const p = Type.from(counts(n, 1));
        const q = Type.from(counts(n, 2));
        expect(answers(placed(p, Type, 0, true), placed(q, Type, 0, true)), `n ${n}`).toEqual(answers(p, q));
        // A view at an odd offset of a shared buffer, too.
        expect(answers(placed(p, Type, 3, true), placed(q, Type, 1, true)), `n ${n}, offsets 3, 1`).toEqual(answers(p, q));
      }
    });

    it.each(T.map((t) => [t.name, t] as const))('%s in a SharedArrayBuffer with { threads: 2 }: the same values as without threads', async (_, Type) => {
      setBackend(name);
      assumeCores(2);
      const p = Type.from(counts(THREADED_N, 3));
      const q = Type.from(counts(THREADED_N, 4));
      const want = await threadedAnswers(p, q);
      expect(await threadedAnswers(placed(p, Type, 0, true), placed(q, Type, 0, true), TWO)).toEqual(want);
      expect(await threadedAnswers(placed(p, Type, 1, true), placed(q, Type, 3, true), TWO)).toEqual(want);
    });
  } else {
    it('a page that is not cross-origin isolated has no SharedArrayBuffer, and { threads: 2 } copies', async () => {
      // Vitest's browser server sends no COOP/COEP headers, so its pages are not isolated.
      expect(typeof SharedArrayBuffer).toBe('undefined');
      expect((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated).toBe(false);
      setBackend(name);
      assumeCores(2);
      const p = counts(THREADED_N, 3);
      const q = counts(THREADED_N, 4);
      expect(await threadedAnswers(p, q, TWO)).toEqual(await threadedAnswers(p, q));
    });
  }
});

describe.each(BACKENDS)('views at odd offsets on %s', (name) => {
  // Lengths below, at and past every vector width (2 to 16 lanes), and past a chunk.
  const LENGTHS = [1, 3, 7, 13, 47, 1001, CHUNK + 5, 2 * CHUNK + 11];

  it('Float64Array at byte offsets 8 and 24 (not 16-aligned) of an ArrayBuffer: the same values as a copy', () => {
    setBackend(name);
    for (const n of LENGTHS) {
      const p = counts(n, 5);
      const q = counts(n, 6);
      const want = answers(p, q);
      for (const at of [1, 3]) {
        const pv = placed(p, Float64Array, at);
        expect(pv.byteOffset % 16).toBe(8);
        expect(answers(pv, placed(q, Float64Array, at === 1 ? 3 : 1)), `n ${n}, element offset ${at}`).toEqual(want);
      }
    }
  });

  it('Float32Array at element offsets 1, 2, 3: the same values as a copy', () => {
    setBackend(name);
    for (const n of LENGTHS) {
      const p = Float32Array.from(counts(n, 7));
      const q = Float32Array.from(counts(n, 8));
      const want = answers(p, q);
      for (const at of [1, 2, 3]) expect(answers(placed(p, Float32Array, at), placed(q, Float32Array, 4 - at)), `n ${n}, offset ${at}`).toEqual(want);
    }
  });

  it('allocF64/allocF32 subarrays at odd offsets, read in place from module memory: the same values as a copy', () => {
    setBackend(name);
    const n = CHUNK + 21;
    for (const [alloc, Type] of [[allocF64, Float64Array], [allocF32, Float32Array]] as const) {
      const a = alloc(n + 4);
      const b = alloc(n + 4);
      try {
        const p = Type.from(counts(n, 9));
        const q = Type.from(counts(n, 10));
        const want = answers(p, q);
        for (const at of [1, 2, 3]) {
          a.array.set(p, at);
          b.array.set(q, 4 - at);
          // Taken after the writes: answers() grows no memory that would detach them first.
          const got = answers(a.array.subarray(at, at + n), b.array.subarray(4 - at, 4 - at + n));
          expect(got, `${Type.name} at ${at}`).toEqual(want);
        }
      } finally {
        a.free();
        b.free();
      }
    }
  });

  it('odd offsets with { threads: 2 }: the same values as without threads', async () => {
    setBackend(name);
    assumeCores(2);
    const p = counts(THREADED_N, 11);
    const q = counts(THREADED_N, 12);
    const want = await threadedAnswers(p, q);
    expect(await threadedAnswers(placed(p, Float64Array, 1), placed(q, Float64Array, 3), TWO)).toEqual(want);
    const p32 = Float32Array.from(p);
    const q32 = Float32Array.from(q);
    const want32 = await threadedAnswers(p32, q32);
    expect(await threadedAnswers(placed(p32, Float32Array, 1), placed(q32, Float32Array, 2), TWO)).toEqual(want32);
    // In module memory at an odd offset: the workers read it in place where memory is shared.
    const a = allocF32(THREADED_N + 3);
    try {
      a.array.set(p32, 3);
      expect(await klDivergence(a.array.subarray(3), q32, TWO)).toBe(want32[0]);
    } finally {
      a.free();
    }
  });
});

// ---- Buffers that cannot be read: detached, shrunk under a view, freed ----

type Bad = 'detached' | 'shrunk' | 'freed';
const MESSAGE: Record<Bad, RegExp> = {
  detached: /is a view of a detached ArrayBuffer/,
  shrunk: /is out of bounds: its resizable ArrayBuffer was shrunk/,
  freed: /allocF64\/allocF32 array that was freed/,
};

/** A Float64Array that held `values` and can no longer be read as them. */
function unreadable(kind: Bad, values: number[]): Float64Array {
  if (kind === 'detached') {
    const a = new Float64Array(values);
    structuredClone(a.buffer, { transfer: [a.buffer] });
    return a;
  }
  if (kind === 'shrunk') {
    const buffer = resizable(values.length * 8, 1024);
    const a = new Float64Array(buffer, 0, values.length);
    a.set(values);
    buffer.resize(0);
    return a;
  }
  const m = allocF64(values.length);
  m.array.set(values);
  const view = m.array;
  m.free();
  return view;
}

const V = [1, 2, 3, 4];
const M2 = (data: Float64Array) => ({ data, rows: 2, cols: 2 });
const ok = () => Float64Array.from(V);

/**
 * Every public function that takes numbers in arrays, with an unreadable array in each
 * argument position: [what, call, the argument the error must name].
 */
function entryPoints(bad: () => Float64Array): [string, () => unknown, string][] {
  const edges = [0, 1, 2, 3, 4];
  return [
    ['klDivergence p', () => klDivergence(bad(), V), 'p'],
    ['klDivergence q', () => klDivergence(V, bad()), 'q'],
    ['jsDivergence', () => jsDivergence(bad(), V), 'p'],
    ['jsDistance', () => jsDistance(V, bad()), 'q'],
    ['entropy', () => entropy(bad()), 'p'],
    ['crossEntropy', () => crossEntropy(bad(), V), 'p'],
    ['totalVariation', () => totalVariation(bad(), V), 'p'],
    ['relEntr', () => relEntr(bad(), V), 'p'],
    ['klDiv out', () => klDiv(V, V, bad()), 'out'],
    ['klDivergence threads', () => klDivergence(bad(), V, TWO), 'p'],
    ['psi', () => psi(bad(), V), 'p'],
    ['hellinger', () => hellinger(V, bad()), 'q'],
    ['bhattacharyya', () => bhattacharyya(bad(), V), 'p'],
    ['bhattacharyyaCoefficient', () => bhattacharyyaCoefficient(bad(), V), 'p'],
    ['lInfinity', () => lInfinity(bad(), V), 'p'],
    ['renyiDivergence', () => renyiDivergence(bad(), V, { alpha: 2 }), 'p'],
    ['mutualInformation', () => mutualInformation(M2(bad())), 'joint.data'],
    ['rowwise P', () => rowwise('kl', M2(bad()), [1, 2]), 'P.data'],
    ['rowwise Q', () => rowwise('kl', M2(ok()), bad()), 'Q'],
    ['pairwise', () => pairwise('js', M2(ok()), M2(bad())), 'Q.data'],
    ['pairwise rows', () => pairwise('js', [bad(), V]), 'P[0]'],
    ['createAccumulator', () => createAccumulator('kl').update(bad(), V), 'p'],
    ['histogram', () => histogram(bad(), { bins: 2 }), 'values'],
    ['histograms', () => histograms(V, bad(), { bins: 2 }), 'b'],
    ['histogram2d', () => histogram2d(bad(), V, { bins: 2 }), 'x'],
    ['binCounts', () => binCounts(bad(), fitBins(V, { bins: 2 })), 'values'],
    ['rebin', () => rebin(bad(), edges, edges), 'counts'],
    ['fitBins', () => fitBins(bad()), 'reference'],
    ['wasserstein', () => wasserstein(bad(), V), 'u'],
    ['histogramWasserstein', () => histogramWasserstein(V, V, bad()), 'edges'],
    ['chiSquare', () => chiSquare(bad()), 'observed'],
    ['gTest', () => gTest(V, bad()), 'expected'],
    ['chi2Contingency', () => chi2Contingency(M2(bad())), 'table.data'],
    ['cramersV', () => cramersV(M2(bad())), 'table.data'],
    ['ksTest', () => ksTest(bad(), V), 'a'],
    ['categorical', () => categorical(bad()), 'probs'],
    ['dirichlet', () => dirichlet(bad()), 'alpha'],
    ['dirichlet logPdf', () => dirichlet([1, 1, 1, 1]).logPdf(bad()), 'x'],
    ['multivariateNormal cov', () => multivariateNormal([0, 0], M2(bad())), 'cov.data'],
    ['multivariateNormal logPdf', () => multivariateNormal([0, 0], [[1, 0], [0, 1]]).logPdf(bad()), 'x'],
    ['gaussianMixture', () => gaussianMixture(bad(), [normal(0, 1), normal(1, 1), normal(2, 1), normal(3, 1)]), 'weights'],
    ['klRate', () => klRate(M2(bad()), [[0.5, 0.5], [0.5, 0.5]]), 'P.data'],
    ['entropyRate', () => entropyRate(M2(bad())), 'P.data'],
    ['entropyFromSamples', () => entropyFromSamples(bad()), 'x'],
    ['klFromSamples', () => klFromSamples(V, bad()), 'y'],
    ['drift reference', () => drift({ x: bad() }, { x: V }), 'reference.x'],
    ['drift current', () => drift({ x: V }, { x: bad() }), 'current.x'],
    ['createDriftMonitor', () => createDriftMonitor({ x: bad() }), 'reference.x'],
    ['DriftMonitor.update', () => createDriftMonitor({ x: V }).update({ x: bad() }), 'current.x'],
    ['fitCategories', () => fitCategories(bad()), 'reference'],
  ];
}

/** The error `call` throws (or its Promise rejects with); undefined if it returns. */
async function errorOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
    return undefined;
  } catch (e) {
    return e;
  }
}

describe.each(BACKENDS)('unreadable buffers on %s', (name) => {
  const kinds: Bad[] = name === 'js' ? ['detached', 'shrunk'] : ['detached', 'shrunk', 'freed'];
  it.each(kinds)('a %s array is an InputTypeError naming the argument, in every function; the next call works', async (kind) => {
    setBackend(name);
    const wrong: string[] = [];
    for (const [what, call, argument] of entryPoints(() => unreadable(kind, V))) {
      const e = await errorOf(call);
      const named = e instanceof InputTypeError && e.argument === argument && MESSAGE[kind].test(e.message);
      if (!named) wrong.push(`${what}: ${e === undefined ? 'returned' : `${(e as Error).name} (${(e as { argument?: string }).argument}): ${(e as Error).message}`}`);
    }
    expect(wrong).toEqual([]);
    expect(klDivergence(V, [4, 3, 2, 1])).toBe(klDivergence(ok(), Float64Array.from([4, 3, 2, 1])));
  });

  it('a length-tracking view follows its resizable buffer: shrunk, it is just shorter', () => {
    setBackend(name);
    const buffer = resizable(64, 64);
    const p = new Float64Array(buffer);
    p.set([1, 2, 3, 4, 5, 6, 7, 8]);
    buffer.resize(32);
    expect(p.length).toBe(4);
    expect(entropy(p)).toBe(entropy([1, 2, 3, 4]));
  });
});

describe('freed ModuleArrays', () => {
  it.each(BACKENDS)('on %s, .array after free() is an InputTypeError; a view kept from before is refused while its block is free', (name) => {
    setBackend(name);
    const m = allocF64(4);
    m.array.set(V);
    const kept = m.array;
    m.free();
    const e = (() => {
      try {
        return m.array;
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(InputTypeError);
    expect((e as InputTypeError).argument).toBe('array');
    if (name === 'js') {
      // No module memory: the view is an ordinary array nothing else will reuse.
      expect(entropy(kept)).toBe(entropy(V));
    } else {
      expect(() => entropy(kept)).toThrow(MESSAGE.freed);
      // Allocated again, the block is live: the kept view now aliases the new array.
      const again = allocF64(4);
      again.array.set([4, 3, 2, 1]);
      expect(entropy(kept)).toBe(entropy([4, 3, 2, 1]));
      again.free();
    }
  });
});

describe('empty views next to freed module memory', () => {
  /** KL in nats of p against q, normalised, by a plain loop. */
  const klRef = (p: ArrayLike<number>, q: ArrayLike<number>) => {
    let sp = 0;
    let sq = 0;
    for (let i = 0; i < p.length; i++) [sp, sq] = [sp + p[i]!, sq + q[i]!];
    let kl = 0;
    for (let i = 0; i < p.length; i++) kl += (p[i]! / sp) * Math.log(p[i]! / sp / (q[i]! / sq));
    return kl;
  };

  // Found by the soak: the freed check counted an empty range as one byte, so an empty
  // view at the end of a live array, where the next (freed) block starts, was refused.
  it.each(BACKENDS)('on %s, an empty view at the end of a live allocF64 array, the block after it freed, reads as empty', (name) => {
    setBackend(name);
    const a = allocF64(16);
    const b = allocF64(16);
    const c = allocF32(16);
    const d = allocF32(16);
    try {
      a.array.set(Array.from({ length: 16 }, (_, i) => i + 1));
      c.array.set(Array.from({ length: 16 }, (_, i) => 16 - i));
      b.free();
      d.free();
      const p = a.array;
      const q = Float64Array.from(c.array);
      const endP = p.subarray(16);
      const endQ = c.array.subarray(16);
      expect(endP.length).toBe(0);
      const streamed = createAccumulator('kl').update(p, q).update(endP, endQ).update(p.subarray(0, 0), endQ).result();
      expectClose(streamed, klRef(p, q), 1e-14);
      expect(streamed).toBe(createAccumulator('kl').update(p, q).result());
      // Where an empty input is refused, it is refused as empty, not as freed.
      for (const call of [() => entropy(endP), () => klDivergence(endP, endQ)]) {
        const e = (() => {
          try {
            call();
          } catch (err) {
            return err;
          }
        })();
        expect(e).toBeInstanceOf(InputRangeError);
        expect((e as Error).message).toMatch(/is empty/);
      }
      // The freed block itself is still refused, from its first element.
      if (name !== 'js') expect(() => entropy(new Float64Array(p.buffer, p.byteOffset + p.byteLength, 1))).toThrow(MESSAGE.freed);
    } finally {
      a.free();
      c.free();
    }
  });
});

describe('allocF64 / allocF32 lengths', () => {
  it.each(BACKENDS)('on %s, a length that is no number is an InputTypeError naming length; a number that is no whole number ≥ 0 an InputRangeError', (name) => {
    setBackend(name);
    for (const alloc of [allocF64, allocF32]) {
      for (const n of ['abc', '4', null, undefined, 4n, [4], {}, true]) {
        const e = (() => {
          try {
            alloc(n as unknown as number).free();
          } catch (err) {
            return err;
          }
        })();
        expect(e, String(n)).toBeInstanceOf(InputTypeError);
        expect((e as InputTypeError).argument).toBe('length');
      }
      for (const n of [-1, 1.5, NaN, Infinity, -0.5]) {
        const e = (() => {
          try {
            alloc(n).free();
          } catch (err) {
            return err;
          }
        })();
        expect(e, String(n)).toBeInstanceOf(InputRangeError);
        expect((e as InputRangeError).argument).toBe('length');
      }
      const ok = alloc(3);
      expect(ok.array.length).toBe(3);
      ok.free();
    }
  });
});

// ---- Float32Array subnormals, against exact references (scripts/limits-subnormal.py) ----

interface SubnormalCase {
  id: string;
  n: number;
  p: number[];
  q: number[];
  expected: Record<string, string>;
}

describe('Float32Array subnormals (1e-45 … 1.17e-38) against exact references', () => {
  const unit = 2 ** subnormal.unitExponent;
  const cases = (subnormal.cases as SubnormalCase[]).map((c) => ({
    c,
    p: Float32Array.from(c.p, (m) => m * unit),
    q: Float32Array.from(c.q, (m) => m * unit),
  }));

  it('the inputs are the float32 values the fixture describes (no rounding on the way in)', () => {
    for (const { c, p, q } of cases) {
      c.p.forEach((m, i) => expect(p[i]! / unit, c.id).toBe(m));
      c.q.forEach((m, i) => expect(q[i]! / unit, c.id).toBe(m));
    }
    expect(cases.some(({ p }) => p.some((x) => x === 2 ** -149))).toBe(true);
  });

  it.each(BACKENDS)('%s: KL, entropy, cross-entropy, JS, TV, raw KL, rowwise and pairwise; precision single', (name) => {
    setBackend(name);
    const tally = new Tally();
    const single = { precision: 'single' } as const;
    for (const { c, p, q } of cases) {
      const e = (k: string) => ref(c.expected[k]!);
      const at = c.id;
      const row = (x: Float32Array) => ({ data: x, rows: 1, cols: x.length });
      tally.check(`kl ${name}`, at, () => klDivergence(p, q), e('kl'), { nonNegative: true });
      tally.check(`entropy ${name}`, at, () => entropy(p), e('entropyP'), { nonNegative: true });
      tally.check(`crossEntropy ${name}`, at, () => crossEntropy(p, q), e('crossEntropy'), { nonNegative: true });
      tally.check(`js ${name}`, at, () => jsDivergence(p, q), e('js'), { nonNegative: true });
      tally.check(`tv ${name}`, at, () => totalVariation(p, q), e('tv'), { nonNegative: true });
      tally.check(`raw kl ${name}`, at, () => klDivergence(p, q, { normalize: false }), e('rawKl'), { scale: Number(c.expected.rawKlScale) });
      tally.check(`rowwise kl ${name}`, at, () => rowwise('kl', row(p), q)[0]!, e('kl'), { nonNegative: true });
      tally.check(`rowwise js ${name}`, at, () => rowwise('js', row(p), q)[0]!, e('js'), { nonNegative: true });
      tally.check(`pairwise kl ${name}`, at, () => pairwise('kl', row(p), row(q)).data[0]!, e('kl'), { nonNegative: true });
      tally.check(`pairwise crossEntropy ${name}`, at, () => pairwise('crossEntropy', row(p), row(q)).data[0]!, e('crossEntropy'), { nonNegative: true });
      // 'single': 1e-6 where the engine has f32 lanes (wasm-simd), else the double answer.
      const rel = name === 'wasm-simd' ? 1e-6 : undefined;
      tally.check(`kl single ${name}`, at, () => klDivergence(p, q, single), e('kl'), { nonNegative: true, rel });
      tally.check(`entropy single ${name}`, at, () => entropy(p, single), e('entropyP'), { nonNegative: true, rel });
      tally.check(`crossEntropy single ${name}`, at, () => crossEntropy(p, q, single), e('crossEntropy'), { nonNegative: true, rel });
      if (name !== 'wasm-simd') expect(klDivergence(p, q, single)).toBe(klDivergence(p, q));
    }
    tally.assertClean();
    expect(RAW_ABS).toBeGreaterThan(0);
  });
});

// ---- Module memory's limits, at a size every run affords ----

/** KL(P‖Q) of inputs made of whole periods of `a` against `b`: the period's KL, by hand. */
function periodKl(a: number[], b: number[]): number {
  const A = a.reduce((s, x) => s + x, 0);
  const B = b.reduce((s, x) => s + x, 0);
  return a.reduce((s, x, i) => s + (x / A) * Math.log((x / A) / (b[i]! / B)), 0);
}

function periodic(a: number[], periods: number, Type: Ctor): Float {
  const out = new Type(a.length * periods);
  for (let i = 0; i < out.length; i++) out[i] = a[i % a.length]!;
  return out;
}

describe('chunked through module memory', () => {
  const A = [1, 2, 3, 4, 5, 6, 7, 8];
  const B = [8, 7, 6, 5, 4, 3, 2, 1];
  // 40,001 periods: 320,008 elements, 19.6 chunks, no multiple of any block.
  const periods = 40_001;

  it.each(BACKENDS)('on %s, an input of many chunks gives the period\'s KL, with and without threads, memory unchanged', async (name) => {
    setBackend(name);
    assumeCores(2);
    const want = periodKl(A, B);
    for (const Type of [Float64Array, Float32Array]) {
      const p = periodic(A, periods, Type);
      const q = periodic(B, periods, Type);
      const mem = name === 'js' ? undefined : wasmEngine(name === 'wasm' ? 'scalar' : 'simd')!.mem.memory;
      klDivergence(p.subarray(0, 8), q.subarray(0, 8));
      const before = mem?.buffer.byteLength;
      expectClose(klDivergence(p, q), want, 1e-13);
      expect(mem?.buffer.byteLength).toBe(before); // streamed through fixed scratch: no growth
      expectClose(await klDivergence(p, q, TWO), want, 1e-13);
      expect(await jsDivergence(p, q, TWO)).toBe(jsDivergence(p, q));
    }
  });

  it.each(['wasm', 'wasm-simd'] as const)(
    'on %s, with module memory full to 4 GiB: calls still answer, { threads: 2 } included, and an allocF64 past it is an InputRangeError',
    async (name) => {
      setBackend(name);
      assumeCores(2);
      const engine = wasmEngine(name === 'wasm' ? 'scalar' : 'simd')!;
      const p = periodic(A, periods, Float64Array);
      const q = periodic(B, periods, Float64Array);
      const want = klDivergence(p, q);
      // Take all but 1 MiB of what wasm32 can address, and every freed block large
      // enough to stage an input in. The pages are never touched, so the process's
      // memory does not grow; the module's memory stays this size after.
      const staging = p.byteLength;
      const hogs: [number, number][] = [];
      const top = MAX_MEMORY_BYTES - 2 ** 20 - engine.mem.memory.buffer.byteLength;
      hogs.push([engine.mem.allocate(top), top]);
      while (engine.mem.fits(staging)) hogs.push([engine.mem.allocate(staging), staging]);
      try {
        expect(klDivergence(p, q)).toBe(want);
        // Staging the inputs for the workers no longer fits: the call must still answer.
        expect(await klDivergence(p, q, TWO)).toBe(want);
        expect(await jsDivergence(p, q, TWO)).toBe(jsDivergence(p, q));
        const e = await errorOf(() => allocF64(2 ** 20));
        expect(e).toBeInstanceOf(InputRangeError);
        expect((e as InputRangeError).argument).toBe('length');
        expect((e as Error).message).toBe("length is too large for WebAssembly memory: this call needs 8.0 MiB more of it, past wasm32's limit of 4 GiB (setBackend('js') computes without module memory)");
        expect(klDivergence(p, q)).toBe(want); // the next call works
      } finally {
        for (const [at, bytes] of hogs) engine.mem.release(at, bytes);
      }
    },
  );

  it('a pairwise result no platform can allocate is an InputRangeError naming P, up front', async () => {
    // 2^21 rows against themselves: 4.4e12 entries, 35 TB (Node 20 stops at 2^32 entries,
    // Node 24 and Chromium at what the system will allocate). The input itself is 16 MB.
    const P = { data: new Float64Array(2 ** 21).fill(1), rows: 2 ** 21, cols: 1 };
    for (const call of [() => pairwise('js', P), () => pairwise('kl', P, undefined, TWO)]) {
      const e = await errorOf(call);
      expect(e).toBeInstanceOf(InputRangeError);
      expect((e as InputRangeError).argument).toBe('P');
      expect((e as Error).message).toBe("pairwise's 2097152 × 2097152 result would have 4.398e+12 entries (32768.0 GiB as Float64Array), more than this platform can allocate");
      expect((e as Error).cause).toBeInstanceOf(RangeError);
    }
  });

  it.each(BACKENDS)('on %s, pairwise with Q in blocks of module memory (as for a Q past 4 GiB): the same bits as in one block', (name) => {
    setBackend(name);
    const cols = 37;
    const P = { data: counts(9 * cols, 13), rows: 9, cols };
    const Q = { data: Float32Array.from(counts(301 * cols, 14)), rows: 301, cols };
    const whole = [pairwise('kl', P, Q).data, pairwise('crossEntropy', P, Q).data];
    try {
      dotRowsBlockForTests(5 * cols * 8); // 5 rows of Q per block: 61 blocks, the last of 1
      expect([pairwise('kl', P, Q).data, pairwise('crossEntropy', P, Q).data]).toEqual(whole);
    } finally {
      dotRowsBlockForTests(undefined);
    }
    // And against the single-pair function, an independent path.
    for (const [i, j] of [[0, 0], [8, 300], [4, 150]] as const) {
      expectClose(whole[0]![i * 301 + j]!, klDivergence(P.data.subarray(i * cols, (i + 1) * cols), Q.data.subarray(j * cols, (j + 1) * cols)), 1e-12);
    }
  });
});

export type { Vector };
