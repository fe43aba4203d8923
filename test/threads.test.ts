// Bulk calls split across worker threads give exactly the single-thread answers, report
// errors with the right row, and leave nothing running after dispose().
import { afterAll, describe, expect, it } from 'vitest';
import { dispose, InputRangeError, pairwise, rowwise, type Measure } from '../src/index.js';

function histograms(rows: number, cols: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: rows * cols }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 22) + (s & 7 ? 1 : 0));
}

afterAll(() => dispose());

describe('threads', () => {
  const cols = 53;
  const P = { data: histograms(9, cols, 1), rows: 9, cols };
  const Q = { data: histograms(7, cols, 2), rows: 7, cols };

  it.each(['kl', 'js', 'jsDistance', 'crossEntropy'] as Measure[])('pairwise %s on 2 threads equals 1 thread, bit for bit', async (measure) => {
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
  });

  it('a bad row in the second worker’s share is named by its global index', async () => {
    const data = histograms(9, cols, 4);
    data.fill(0, 7 * cols, 8 * cols); // row 7 sums to 0
    await expect(pairwise('js', { data, rows: 9, cols }, Q, { threads: 2 })).rejects.toThrow(/P\[7\] sums to 0/);
    await expect(rowwise('kl', { data, rows: 9, cols }, Q.data.subarray(0, cols), { threads: 2 })).rejects.toBeInstanceOf(InputRangeError);
  });
});
