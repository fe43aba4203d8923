// The engines' `pairs` places rows three ways (held once in module memory, gathered as a
// run, gathered one by one) and batches pairs; whichever it takes, a pair's block must be
// the one a single `pass` over the same two rows gives, to the last bit.
import { describe, expect, it } from 'vitest';
import '../src/index.js'; // the package entry provides the inlined binaries to the loader
import { Pass, Slot } from '../assembly/modes.js';
import { jsEngine } from '../src/engine/js/index.js';
import { alongRows, blockOfPairs, subset, type Engine, type PairsJob, type Rows } from '../src/engine/seam.js';
import { wasmEngine } from '../src/engine/wasm/index.js';

function matrix(rows: number, cols: number, seed: number): Rows {
  let s = seed;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = s % 7 === 0 ? 0 : s / 2 ** 32;
  }
  return { data, rows, cols };
}

/** Every pair's block from `pairs` against one `pass` per pair. */
function expectPairsMatchPasses(engine: Engine, kind: Pass, job: PairsJob): void {
  const blocks = engine.pairs(kind, job);
  const { P, Q, pRows, qRows, params } = job;
  expect(blocks.length).toBe(pRows.length * Slot.COUNT);
  for (let j = 0; j < pRows.length; j++) {
    const p = P.data.subarray(pRows[j]! * P.cols, (pRows[j]! + 1) * P.cols);
    const q = Q.data.subarray(qRows[j]! * Q.cols, (qRows[j]! + 1) * Q.cols);
    const one = new Float64Array(Slot.COUNT);
    engine.pass(kind, p, q, 0, P.cols, params?.subarray(4 * j, 4 * j + 4)).into(one, 0);
    const got = blocks.subarray(j * Slot.COUNT, (j + 1) * Slot.COUNT);
    // Parameter slots are the inputs, not results: compare the sums and counts.
    expect(Array.from(got.subarray(0, Slot.PARAM)), `pair ${j}`).toEqual(Array.from(one.subarray(0, Slot.PARAM)));
  }
}

const ENGINES: [string, Engine | undefined][] = [
  ['wasm-simd', wasmEngine('simd')],
  ['wasm', wasmEngine('scalar')],
  ['js', jsEngine],
];

describe.each(ENGINES)('%s engine: pairs equals one pass per pair', (_name, engine) => {
  const P = matrix(7, 37, 1);
  const Q = matrix(11, 37, 2);
  it('rows along (a run: gathered in batches) and broadcast against one row', () => {
    expectPairsMatchPasses(engine!, Pass.FastKl, alongRows(P, matrix(7, 37, 3), 0, 7));
    expectPairsMatchPasses(engine!, Pass.FastKl, alongRows(P, matrix(1, 37, 3), 2, 7));
  });
  it('a block of rows against all of Q (held once), and its upper triangle', () => {
    expectPairsMatchPasses(engine!, Pass.Sums, blockOfPairs(P, 0, 7, Q));
    expectPairsMatchPasses(engine!, Pass.FastKl, blockOfPairs(P, 1, 5, P, 0));
  });
  it('scattered pairs with parameters (gathered one by one)', () => {
    const job = blockOfPairs(P, 0, 7, Q);
    const at = [3, 60, 5, 41, 17];
    const params = new Float64Array(at.length * 4).map((_, k) => (k % 4 === 3 ? 0 : 1 + k / 64));
    expectPairsMatchPasses(engine!, Pass.CarefulJs, subset(job, at, params));
  });
  it('a Q too large to hold (> 8 MB) is gathered per batch, past one batch of pairs', () => {
    const big = matrix(1100, 1000, 4); // 8.8 MB
    const job = blockOfPairs(matrix(1, 1000, 5), 0, 1, big);
    expectPairsMatchPasses(engine!, Pass.FastKl, job);
  });
});
