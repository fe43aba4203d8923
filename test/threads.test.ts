// Bulk calls split across worker threads give exactly the single-thread answers, report
// errors with the right row, and leave nothing running after dispose().
import { afterAll, describe, expect, it } from 'vitest';
import { dispose, InputRangeError, InputTypeError, pairwise, rowwise, setBackend, type Measure } from '../src/index.js';
import { availableThreads } from '../src/threads/pool.js';

function histograms(rows: number, cols: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: rows * cols }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 22) + (s & 7 ? 1 : 0));
}

afterAll(() => dispose());

describe('threads', () => {
  const cols = 53;
  const P = { data: histograms(9, cols, 1), rows: 9, cols };
  const Q = { data: histograms(7, cols, 2), rows: 7, cols };

  it.each(['kl', 'js', 'jsDistance', 'crossEntropy', 'hellinger', 'bhattacharyya', 'psi'] as Measure[])('pairwise %s on 2 threads equals 1 thread, bit for bit', async (measure) => {
    const one = pairwise(measure, P, Q, { base: 2 });
    const two = await pairwise(measure, P, Q, { base: 2, threads: 2 });
    expect(Array.from(two.data)).toEqual(Array.from(one.data));
    const selfOne = pairwise(measure, P);
    const selfTwo = await pairwise(measure, P, undefined, { threads: 2 });
    expect(Array.from(selfTwo.data)).toEqual(Array.from(selfOne.data));
  });

  it('rowwise on 2 threads equals 1 thread, with broadcast too', async () => {
    const Q9 = { data: histograms(9, cols, 3), rows: 9, cols };
    expect(Array.from(await rowwise('js', P, Q9, { threads: 2 }))).toEqual(Array.from(rowwise('js', P, Q9)));
    const v = Q.data.subarray(0, cols);
    expect(Array.from(await rowwise('kl', P, v, { threads: 3 }))).toEqual(Array.from(rowwise('kl', P, v)));
    for (const m of ['psi', 'hellinger'] as Measure[]) {
      expect(Array.from(await rowwise(m, P, Q9, { threads: 2 })), m).toEqual(Array.from(rowwise(m, P, Q9)));
      expect(Array.from(await rowwise(m, P, v, { threads: 2 })), `${m} broadcast`).toEqual(Array.from(rowwise(m, P, v)));
    }
  });

  it('workers run on the engine this thread runs on, a forced one included', async () => {
    // The engines round differently on these rows, so equal bits mean the same engine.
    const byEngine = new Map<string, number[]>();
    for (const name of ['wasm-simd', 'js'] as const) {
      setBackend(name);
      try {
        const one = Array.from(pairwise('jsDistance', P, Q).data);
        expect(Array.from((await pairwise('jsDistance', P, Q, { threads: 2 })).data), name).toEqual(one);
        byEngine.set(name, one);
      } finally {
        setBackend('auto');
      }
    }
    expect(byEngine.get('js')).not.toEqual(byEngine.get('wasm-simd'));
  });

  it('a bad row in the second worker’s share is named by its global index', async () => {
    const data = histograms(9, cols, 4);
    data.fill(0, 7 * cols, 8 * cols); // row 7 sums to 0
    await expect(pairwise('js', { data, rows: 9, cols }, Q, { threads: 2 })).rejects.toThrow(/P\[7\] sums to 0/);
    await expect(rowwise('kl', { data, rows: 9, cols }, Q.data.subarray(0, cols), { threads: 2 })).rejects.toBeInstanceOf(InputRangeError);
  });
});

describe('the threads option', () => {
  const cols = 11;
  const P = { data: histograms(4, cols, 5), rows: 4, cols };

  it('always gives a Promise when given, threads: 1 included, with the synchronous answer', async () => {
    const one = rowwise('kl', [[1, 2]], [1, 1], { threads: 1 });
    expect(one).toBeInstanceOf(Promise);
    expect(Array.from(await one)).toEqual(Array.from(rowwise('kl', [[1, 2]], [1, 1])));
    const matrix = pairwise('js', P, undefined, { threads: 1 });
    expect(matrix).toBeInstanceOf(Promise);
    expect(Array.from((await matrix).data)).toEqual(Array.from(pairwise('js', P).data));
    expect(rowwise('kl', [[1, 2]], [1, 1], { threads: undefined })).toBeInstanceOf(Float64Array);
  });

  it.each([
    [0, InputRangeError, /options\.threads is 0; it must be a whole number ≥ 1/],
    [-1, InputRangeError, /options\.threads is -1;/],
    [1.5, InputRangeError, /options\.threads is 1\.5;/],
    [NaN, InputRangeError, /options\.threads is NaN;/],
    ['2', InputTypeError, /options\.threads must be a whole number ≥ 1 or 'auto', got the string "2"/],
  ] as const)('rejects threads: %s with a typed error naming it', async (threads, type, message) => {
    for (const call of [() => pairwise('kl', P, undefined, { threads } as never), () => rowwise('kl', P, P, { threads } as never)]) {
      const r = call();
      expect(r).toBeInstanceOf(Promise);
      await expect(r).rejects.toBeInstanceOf(type);
      await expect(r).rejects.toThrow(message);
      await expect(r).rejects.toHaveProperty('argument', 'options.threads');
    }
    expect(pairwise('kl', P).rows).toBe(4); // and the next call works
  });

  it('caps the thread count at the cores this machine has', async () => {
    const cores = await availableThreads(Number.MAX_SAFE_INTEGER);
    expect(cores).toBeGreaterThanOrEqual(1);
    expect(await availableThreads(64)).toBe(Math.min(64, cores));
    expect(await availableThreads(1)).toBe(1);
    // 64 threads on a small matrix: the answer of one, from at most `cores` workers.
    expect(Array.from((await pairwise('js', P, undefined, { threads: 64 })).data)).toEqual(Array.from(pairwise('js', P).data));
  });

  it('concurrent calls each resolve to the one-thread answer; dispose() meanwhile never leaves one hanging', async () => {
    const want = Array.from(pairwise('kl', P).data);
    const calls = [pairwise('kl', P, undefined, { threads: 2 }), pairwise('kl', P, undefined, { threads: 2 }), pairwise('kl', P, undefined, { threads: 2 })];
    await dispose();
    const settled = await Promise.allSettled(calls);
    for (const s of settled) {
      if (s.status === 'fulfilled') expect(Array.from(s.value.data)).toEqual(want);
      else expect(String(s.reason)).toMatch(/dispose\(\) ended the worker threads/);
    }
    expect(Array.from((await pairwise('kl', P, undefined, { threads: 2 })).data)).toEqual(want);
  });
});
