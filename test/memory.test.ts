// Module memory stays bounded: inputs stream through fixed scratch, so neither many
// calls nor huge inputs grow it; arrays allocated in module memory skip the copy.
import { describe, expect, it } from 'vitest';
import {
  allocF64,
  crossEntropy,
  entropy,
  histogram,
  histogram2d,
  histograms,
  pairwise,
  jsDivergence,
  klDiv,
  klDivergence,
  setBackend,
} from '../src/index.js';
import { wasmEngine as wasmBackend } from '../src/engine/wasm/index.js';
import { expectClose } from './helpers.js';

function counts(n: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 20) + 1);
}

describe.each(['wasm', 'wasm-simd'] as const)('memory on %s', (name) => {
  const flavor = name === 'wasm' ? 'scalar' : 'simd';

  it('10,000 calls on 1e5-element inputs leave memory size unchanged after the first', () => {
    setBackend(name);
    try {
      const memory = wasmBackend(flavor)!.mem.memory;
      const p = counts(100_000, 1);
      const q = counts(100_000, 2);
      const out = new Float64Array(p.length);
      const first = klDivergence(p, q);
      const size = memory.buffer.byteLength;
      const calls = name === 'wasm' ? 2_000 : 10_000; // the scalar module is slower; same point
      for (let i = 0; i < calls; i++) {
        switch (i % 4) {
          case 0: expect(klDivergence(p, q)).toBe(first); break;
          case 1: entropy(q); break;
          case 2: jsDivergence(p, q); break;
          default: klDiv(p, q, out);
        }
      }
      expect(memory.buffer.byteLength).toBe(size);
      expect(size).toBeLessThan(2 * 1024 * 1024);
    } finally {
      setBackend('auto');
    }
  }, 120_000);
});

describe('large inputs and zero-copy arrays', () => {
  it('a 1e8-element input works with memory staying at a few MB', () => {
    setBackend('wasm-simd');
    try {
      const n = 100_000_000;
      const p = new Float32Array(n);
      const q = new Float32Array(n);
      // A period-8 pattern: the answer is the KL of one period.
      const pat = [1, 2, 3, 4, 5, 6, 7, 8];
      const qat = [8, 7, 6, 5, 4, 3, 2, 1];
      for (let i = 0; i < n; i++) {
        p[i] = pat[i & 7]!;
        q[i] = qat[i & 7]!;
      }
      const one = klDivergence(pat, qat);
      expectClose(klDivergence(p, q), one, 1e-13);
      expect(wasmBackend('simd')!.mem.memory.buffer.byteLength).toBeLessThan(2 * 1024 * 1024);
    } finally {
      setBackend('auto');
    }
  }, 120_000);

  it('arrays allocated in module memory give the same answers without a copy, and survive growth', () => {
    setBackend('wasm-simd');
    try {
      const p = allocF64(50_000);
      const q = allocF64(50_000);
      p.array.set(counts(50_000, 3));
      q.array.set(counts(50_000, 4));
      const copyP = Float64Array.from(p.array);
      const copyQ = Float64Array.from(q.array);
      expect(p.array.buffer).toBe(wasmBackend('simd')!.mem.memory.buffer);
      const inPlace = klDivergence(p.array, q.array);
      expectClose(inPlace, klDivergence(copyP, copyQ), 1e-15);
      // In module memory the whole input goes to one kernel call (no chunks): the same
      // answers as through scratch, for every kind of pass and an output in place too.
      expectClose(entropy(p.array), entropy(copyP), 1e-15);
      expectClose(jsDivergence(p.array, q.array), jsDivergence(copyP, copyQ), 1e-15);
      expectClose(crossEntropy(p.array, q.array), crossEntropy(copyP, copyQ), 1e-15);
      const out = allocF64(50_000);
      klDiv(p.array, q.array, out.array);
      expect(Array.from(out.array)).toEqual(Array.from(klDiv(copyP, copyQ)));
      out.free();
      // A big allocation grows memory; the earlier arrays' views are rebuilt on access.
      const big = allocF64(2_000_000);
      expect(p.array.length).toBe(50_000);
      expect(Array.from(p.array.subarray(0, 5))).toEqual(Array.from(copyP.subarray(0, 5)));
      expectClose(klDivergence(p.array, q.array), inPlace, 1e-15);
      big.free();
      p.free();
      q.free();
      expect(() => p.array).toThrow(/freed/);
      // Freed space is reused (and zeroed) by the next allocation.
      const again = allocF64(50_000);
      expect(again.array.every((x) => x === 0)).toBe(true);
      again.free();
    } finally {
      setBackend('auto');
    }
  });

  it('histograms and bulk calls on allocF64 inputs are right even when their working space grows memory', () => {
    // Found by the benchmark: counting cells were allocated after the input was looked
    // up, the allocation grew memory, and the caller's view read as empty (zero counts).
    setBackend('wasm-simd');
    const arrays: ReturnType<typeof allocF64>[] = [];
    try {
      const memory = wasmBackend('simd')!.mem.memory;
      const values = allocF64(10_000);
      const other = allocF64(10_000);
      arrays.push(values, other);
      let s = 9;
      values.array.set(Float64Array.from({ length: 10_000 }, () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32));
      other.array.set(values.array.map((v) => 1 - v));
      const plain = Float64Array.from(values.array);
      const plainOther = Float64Array.from(other.array);
      // Enough bins that the counts cannot fit in memory as it is: the call must grow it.
      const bins = Math.ceil(memory.buffer.byteLength / 8) + 1000;
      const before = memory.buffer.byteLength;
      const h = histogram(values.array, { bins, range: [0, 1] });
      expect(memory.buffer.byteLength).toBeGreaterThan(before);
      expect(Array.from(h.counts)).toEqual(Array.from(histogram(plain, { bins, range: [0, 1] }).counts));
      expect(h.counts.reduce((a, b) => a + b, 0)).toBe(10_000);

      const grow = () => Math.ceil(memory.buffer.byteLength / 8) + 1000;
      const pair = histograms(values.array, other.array, { bins: grow(), range: [0, 1] });
      expect(pair.q.reduce((a, b) => a + b, 0)).toBe(10_000); // b was detached by a's counts
      const n2 = Math.ceil(Math.sqrt(grow()));
      const joint = histogram2d(values.array, other.array, { bins: [n2, n2], range: [[0, 1], [0, 1]] });
      expect(joint.counts.data.reduce((a, b) => a + b, 0)).toBe(10_000);

      // Pairwise KL keeps log Q in module memory: make it larger than memory is now.
      const cols = 100;
      const rows = Math.ceil(memory.buffer.byteLength / (8 * cols)) + 10;
      const P = allocF64(3 * cols);
      arrays.push(P);
      P.array.set(plain.subarray(0, 3 * cols));
      const Pplain = Float64Array.from(P.array);
      const Q = Float64Array.from({ length: rows * cols }, (_, i) => plainOther[i % 10_000]! + 1e-3);
      const got = pairwise('kl', { data: P.array, rows: 3, cols }, { data: Q, rows, cols });
      const want = pairwise('kl', { data: Pplain, rows: 3, cols }, { data: Q, rows, cols });
      expect(Array.from(got.data)).toEqual(Array.from(want.data));
    } finally {
      for (const a of arrays) a.free();
      setBackend('auto');
    }
  });
});
