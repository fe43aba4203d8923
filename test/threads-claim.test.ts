// `{ threads }` on one large pair in shared module memory (src/threads/claim.ts): the
// calling thread and the workers take blocks from per-thread segments, staging inputs
// that are not in module memory as they go. Whatever the inputs' kind (allocF64 arrays,
// plain typed arrays, number[], f32, one of each), the thread count and who ends up
// summing which block, the answer is the call without threads, to the bit. In the page
// project (not cross-origin isolated) module memory is not shared and the same cases
// run the copying path (reduce.ts); isolated pages: test/browser-pages/pages.test.ts.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { allocF32, allocF64, dispose, entropy, jsDivergence, klDivergence, setBackend, totalVariation } from '../src/index.js';
import { activeEngine } from '../src/engine/registry.js';
import type { Vector } from '../src/types.js';
import { rng } from './helpers.js';
import { assumeCores } from '../src/threads/pool.js';
import { AUTO_MIN, partsFor, THREADS_MIN } from '../src/threads/thresholds.js';
import { CONTROL_I32, steal, takeFront, windowOf } from '../src/threads/windows.js';

/** Is module memory shared here? Node always; pages only when cross-origin isolated. */
const SHARED_HERE =
  typeof SharedArrayBuffer === 'function' && (typeof process === 'object' || (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true);

afterEach(() => {
  assumeCores(undefined);
  setBackend('auto');
});
afterAll(() => dispose());

function pair(n: number, seed: number, near: boolean): [Float64Array, Float64Array] {
  const r = rng(seed);
  const p = Float64Array.from({ length: n }, () => (r() < 0.03 ? 0 : r()));
  p[0] = 0.25;
  const q = near ? p.map((x) => x * (1 + 1e-9 * (r() - 0.5))) : Float64Array.from({ length: n }, () => r() + 1e-3);
  return [p, q];
}

describe('the claim windows (windows.ts)', () => {
  it('the owner takes from the front, a thief the last staged block of another segment, each block once', () => {
    // Segments [0, 3) and [3, 7) of blocks ending every 10 elements.
    const ends = Array.from({ length: 7 }, (_, b) => 10 * (b + 1));
    // Atomics work on ordinary buffers too (all but wait): the page project has no SharedArrayBuffer.
    const control = new Int32Array(new ArrayBuffer(2 * CONTROL_I32 * 4));
    control[0] = windowOf(0, 3) | 0;
    control[CONTROL_I32] = windowOf(3, 7) | 0;
    control[CONTROL_I32 + 1] = 50; // segment 1 staged up to element 50: blocks 3 and 4
    expect(steal(control, 2, 0, ends)).toBe(-1); // block 6 ends at 70 > 50: not staged
    control[CONTROL_I32 + 1] = 70;
    expect(steal(control, 2, 0, ends)).toBe(6);
    expect(takeFront(control, 1)).toBe(3);
    expect(takeFront(control, 0)).toBe(0);
    expect(steal(control, 2, 0, ends)).toBe(5);
    expect(steal(control, 2, 0, ends)).toBe(4);
    expect(steal(control, 2, 0, ends)).toBe(-1);
    expect(takeFront(control, 1)).toBe(-1);
    // Segment 0 is staged to 0 (read as given by its owner): nothing there to steal.
    expect(steal(control, 2, 1, ends)).toBe(-1);
    expect([takeFront(control, 0), takeFront(control, 0), takeFront(control, 0)]).toEqual([1, 2, -1]);
  });
});

describe.each(['wasm-simd', 'wasm'] as const)('threads in shared module memory, %s', (backend) => {
  it('module memory is shared in Node (and isolated pages), so threaded calls take the in-place path', () => {
    setBackend(backend);
    expect(activeEngine().shared !== undefined).toBe(SHARED_HERE);
  });

  it.each([2, 3, 4])('threads: %i on every kind of input equals the call without threads, to the bit', async (threads) => {
    setBackend(backend);
    assumeCores(threads); // more threads than this machine's cores: segments for 3 and 4
    const n = 16320 * 4 * 7 + 4321;
    for (const near of [false, true]) {
      const [p, q] = pair(n, threads * 2 + (near ? 1 : 0), near);
      const P = allocF64(n);
      const Q = allocF64(n);
      const P32 = allocF32(n);
      try {
        P.array.set(p);
        Q.array.set(q);
        P32.array.set(p);
        const q32 = Float32Array.from(q);
        const kinds: [string, Vector, Vector][] = [
          ['allocF64 pair', P.array, Q.array],
          ['plain pair', p, q],
          ['allocF64 and plain', P.array, q],
          ['number[] and allocF64', Array.from(p), Q.array],
          ['f32 in memory and plain f32', P32.array, q32],
        ];
        for (const [label, a, b] of kinds) {
          for (const normalize of [true, false]) {
            const o = { normalize };
            const cases: [string, () => number, () => Promise<number>][] = [
              ['kl', () => klDivergence(a, b, o), () => klDivergence(a, b, { ...o, threads })],
              ['js', () => jsDivergence(a, b, o), () => jsDivergence(a, b, { ...o, threads })],
              ['tv', () => totalVariation(a, b, o), () => totalVariation(a, b, { ...o, threads })],
              ['entropy', () => entropy(a, o), () => entropy(a, { ...o, threads })],
              ['kl(p, p)', () => klDivergence(a, a, o), () => klDivergence(a, a, { ...o, threads })],
            ];
            for (const [name, one, many] of cases) {
              const want = one();
              const got = await many();
              expect(Object.is(got, want), `${name}, ${label}, near=${near}, normalize=${normalize}: ${got} vs ${want}`).toBe(true);
            }
          }
        }
      } finally {
        P.free();
        Q.free();
        P32.free();
      }
    }
  });

  it('calls running at the same time each get their own answer', async () => {
    setBackend(backend);
    const [p, q] = pair(400_001, 17, false);
    const [r, s] = pair(300_007, 18, true);
    const want = [klDivergence(p, q), jsDivergence(r, s), klDivergence(r, s)];
    const got = await Promise.all([klDivergence(p, q, { threads: 2 }), jsDivergence(r, s, { threads: 2 }), klDivergence(r, s, { threads: 2 })]);
    expect(got).toEqual(want);
  });

  it('bad input found by a threaded pass rejects with the typed error, and the next call works', async () => {
    setBackend(backend);
    const [p, q] = pair(500_000, 19, false);
    const P = allocF64(p.length);
    try {
      P.array.set(p);
      P.array[444_444] = NaN;
      await expect(klDivergence(P.array, q, { threads: 2 })).rejects.toMatchObject({ name: 'InputRangeError', argument: 'p', index: 444_444 });
      P.array[444_444] = 0.5;
      expect(await klDivergence(P.array, q, { threads: 2 })).toBe(klDivergence(P.array, q));
    } finally {
      P.free();
    }
  });
});

describe.runIf(SHARED_HERE)('module memory shared with the workers', () => {
  it('an allocF64 view read before memory grew is still read in place, and right', () => {
    setBackend('wasm-simd');
    const mem = activeEngine().shared!;
    const [p, q] = pair(100_000, 23, false);
    const P = allocF64(p.length);
    P.array.set(p);
    const early = P.array;
    const want = klDivergence(p, q);
    // Grow memory past its current size: a shared memory's earlier buffer stays valid.
    const big = allocF64(mem.memory.buffer.byteLength / 8 + 1);
    try {
      expect(early.buffer).not.toBe(mem.memory.buffer);
      expect(mem.holds(early)).toBe(true);
      expect(klDivergence(early, q)).toBe(want);
      expect(Array.from(early.subarray(0, 3))).toEqual(Array.from(p.subarray(0, 3)));
    } finally {
      big.free();
      P.free();
    }
  });
});

describe("threads: 'auto'", () => {
  it('uses the cores for reductions from AUTO_MIN elements where module memory is shared, whatever the inputs', () => {
    const plain = new Float64Array(1);
    expect(partsFor('auto', AUTO_MIN, [plain, plain], true)).toBe(Infinity);
    expect(partsFor('auto', AUTO_MIN - 1, [plain, plain], true)).toBe(1);
    // Without shared module memory plain inputs would be copied for the workers: one thread.
    expect(partsFor('auto', AUTO_MIN, [plain, plain], false)).toBe(1);
    if (SHARED_HERE) {
      const shared = new Float64Array(new SharedArrayBuffer(8));
      expect(partsFor('auto', AUTO_MIN, [shared, shared], false)).toBe(Infinity);
    }
    // An explicit count is followed from THREADS_MIN.
    expect(partsFor(3, THREADS_MIN, [plain], false)).toBe(3);
    expect(partsFor(3, THREADS_MIN - 1, [plain], true)).toBe(1);
  });
});

describe('threads on 1e7 elements', () => {
  it('KL, JS and entropy on a 1e7-element pair equal the call without threads for 2–4 threads, to the bit', async () => {
    setBackend('wasm-simd');
    const n = 10_000_000;
    const [p, q] = pair(n, 29, false);
    const near = p.map((x, i) => x * (1 + 1e-9 * ((i % 5) - 2)));
    const want = [klDivergence(p, q), klDivergence(p, near), jsDivergence(p, near), entropy(p)];
    for (const threads of [2, 3, 4]) {
      assumeCores(threads);
      const got = [
        await klDivergence(p, q, { threads }),
        await klDivergence(p, near, { threads }),
        await jsDivergence(p, near, { threads }),
        await entropy(p, { threads }),
      ];
      expect(got.map((g, i) => Object.is(g, want[i])), `threads ${threads}: ${got} vs ${want}`).toEqual([true, true, true, true]);
    }
  });
});
