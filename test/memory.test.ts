// Module memory stays bounded: inputs stream through fixed scratch, so neither many
// calls nor huge inputs grow it; arrays allocated in module memory skip the copy.
import { describe, expect, it } from 'vitest';
import {
  allocF64,
  crossEntropy,
  InputRangeError,
  InputTypeError,
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
import { MAX_MEMORY_BYTES } from '../src/engine/wasm/memory.js';
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

describe('pairwise on allocF64 row arrays (the soak\'s "Q[1] sums to 0")', () => {
  // The soak found pairwise('crossEntropy') refusing Q[1] as summing to 0, for P one row
  // and Q eight rows in allocF64 arrays passed as row views. The cause was the soak's
  // input (an input longer than its master array left Q's rows 1 … 7 as allocF64's
  // zeros: the error was right), but a stale view could have done the same: these pin
  // down that one cannot. The reference is the same call on plain copies, taken while
  // the views were live, and a plain-loop cross-entropy.
  const cols = 50_000;
  const crossRef = (p: ArrayLike<number>, q: ArrayLike<number>) => {
    let sp = 0;
    let sq = 0;
    for (let i = 0; i < p.length; i++) [sp, sq] = [sp + p[i]!, sq + q[i]!];
    let h = 0;
    for (let i = 0; i < p.length; i++) h -= (p[i]! / sp) * Math.log(q[i]! / sq);
    return h;
  };

  it.each(['wasm', 'wasm-simd'] as const)('on %s: after full-size calls and freed blocks reused, the right answer; views from before a growth read as they were (shared memory) or are refused as detached, never as zeros', (name) => {
    setBackend(name);
    const memory = wasmBackend(name === 'wasm' ? 'scalar' : 'simd')!.mem.memory;
    const arrays: ReturnType<typeof allocF64>[] = [];
    try {
      // Earlier full-size calls: their blocks freed, so P and Q reuse them (as left).
      for (let k = 0; k < 2; k++) {
        const a = allocF64(8 * cols);
        const b = allocF64(8 * cols);
        a.array.set(counts(8 * cols, 20 + k));
        b.array.set(counts(8 * cols, 30 + k));
        pairwise('kl', { data: a.array, rows: 8, cols }, { data: b.array, rows: 8, cols });
        b.free();
        a.free();
      }
      const P = allocF64(cols);
      const Q = allocF64(8 * cols);
      arrays.push(P, Q);
      P.array.set(counts(cols, 5));
      Q.array.set(counts(8 * cols, 6));
      const plainP = Float64Array.from(P.array);
      const plainQ = Float64Array.from(Q.array);
      const rowsOf = (x: Float64Array, r: number) => Array.from({ length: r }, (_, i) => x.subarray(i * cols, (i + 1) * cols));
      const want = pairwise('crossEntropy', rowsOf(plainP, 1), rowsOf(plainQ, 8));
      const got = pairwise('crossEntropy', rowsOf(P.array, 1), rowsOf(Q.array, 8));
      expect(Array.from(got.data)).toEqual(Array.from(want.data));
      for (let j = 0; j < 8; j++) expectClose(got.data[j]!, crossRef(plainP, plainQ.subarray(j * cols, (j + 1) * cols)), 1e-12);

      // Views taken, then module memory grown under them before the call.
      const pRows = rowsOf(P.array, 1);
      const qRows = rowsOf(Q.array, 8);
      const before = memory.buffer.byteLength;
      const grow = allocF64(before / 8);
      arrays.push(grow);
      expect(memory.buffer.byteLength).toBeGreaterThan(before);
      if (typeof SharedArrayBuffer === 'function' && memory.buffer instanceof SharedArrayBuffer) {
        // A shared memory's earlier buffer stays valid, as long as it was: the old views
        // still read the same elements.
        expect(pRows[0]!.buffer).not.toBe(memory.buffer);
        expect(Array.from(pairwise('crossEntropy', pRows, qRows).data)).toEqual(Array.from(want.data));
      } else {
        const e = (() => {
          try {
            pairwise('crossEntropy', pRows, qRows);
          } catch (err) {
            return err;
          }
        })();
        expect(e).toBeInstanceOf(InputTypeError);
        expect(e).not.toBeInstanceOf(InputRangeError);
        expect((e as InputTypeError).argument).toBe('P[0]');
        expect((e as Error).message).toMatch(/detached/);
      }
      // Read again through .array, the same answer as before.
      expect(Array.from(pairwise('crossEntropy', rowsOf(P.array, 1), rowsOf(Q.array, 8)).data)).toEqual(Array.from(want.data));
      // The error is right when a row really is all zeros.
      Q.array.fill(0, cols, 2 * cols);
      expect(() => pairwise('crossEntropy', rowsOf(P.array, 1), rowsOf(Q.array, 8))).toThrow(/^Q\[1\] sums to 0/);
    } finally {
      for (const a of arrays) a.free();
      setBackend('auto');
    }
  });
});

describe.each(['wasm', 'wasm-simd'] as const)('the module heap on %s', (name) => {
  const PAGE = 65536;
  const engineOf = () => wasmBackend(name === 'wasm' ? 'scalar' : 'simd')!;

  it('a request no free block holds starts in the free block at the top: memory grows by the shortfall, not the whole request', () => {
    const mem = engineOf().mem;
    // Larger than memory is now, so larger than any free block: each is taken at the top.
    const big = () => mem.memory.buffer.byteLength + PAGE;
    const aBytes = big();
    const a = mem.allocate(aBytes);
    const bBytes = big();
    const b = mem.allocate(bBytes);
    mem.release(b, bBytes); // now the free block [b, top)
    expect(mem.heapTop).toBe(b + bBytes);
    const size = mem.memory.buffer.byteLength;
    const cBytes = bBytes + 3 * PAGE;
    const c = mem.allocate(cBytes);
    try {
      expect(c).toBe(b);
      expect(mem.heapTop).toBe(b + cBytes);
      // b + bBytes was within memory: at most the 3 pages past it (a 4th for rounding).
      expect(mem.memory.buffer.byteLength - size).toBeLessThanOrEqual(4 * PAGE);
    } finally {
      mem.release(c, cBytes);
      mem.release(a, aBytes);
    }
    // Freed, the same request is served from the same place, with no growth.
    const grown = mem.memory.buffer.byteLength;
    const again = mem.allocate(cBytes);
    expect(mem.memory.buffer.byteLength).toBe(grown);
    mem.release(again, cBytes);
  });

  it('pairwise KL refused for want of module memory half-way through its working space leaves none of it allocated', () => {
    setBackend(name);
    const mem = engineOf().mem;
    // One row each of k > CHUNK columns: the product stages Q's logs (8k bytes), then P's
    // row (8k bytes). Room is left for the first only, so the second is refused.
    const k = 2 ** 17;
    const bytes = 8 * k;
    const P = { data: counts(k, 40), rows: 1, cols: k };
    const Q = { data: counts(k, 41), rows: 1, cols: k };
    const want = pairwise('kl', P, Q).data[0]!;
    const start = mem.heapTop;
    const hogs: [number, number][] = [];
    const room = bytes + bytes / 2;
    const top = MAX_MEMORY_BYTES - room - mem.heapTop;
    hogs.push([mem.allocate(top), top]);
    while (mem.fits(bytes)) hogs.push([mem.allocate(bytes), bytes]);
    // The last hog came from the top (every free block was taken first): given back, it
    // is the one place a block of `bytes` fits.
    const [lastAt, lastBytes] = hogs.pop()!;
    mem.release(lastAt, lastBytes);
    expect(mem.fits(bytes)).toBe(true);
    expect(mem.heapTop + bytes).toBeGreaterThan(MAX_MEMORY_BYTES);
    try {
      const e = (() => {
        try {
          pairwise('kl', P, Q);
        } catch (err) {
          return err;
        }
      })();
      expect(e).toBeInstanceOf(InputRangeError);
      expect((e as InputRangeError).argument).toBe('P');
    } finally {
      for (const [at, b] of hogs) mem.release(at, b);
    }
    // Everything above where the heap ended before is free again, as one block: a request
    // for all of it fits (past the top, nothing would: the top is by 4 GiB now).
    const span = mem.heapTop - start;
    expect(mem.heapTop + span).toBeGreaterThan(MAX_MEMORY_BYTES);
    expect(mem.fits(span)).toBe(true);
    // … up to the top itself, where the first block of working space was (the leak).
    expect(mem.freed(mem.heapTop - 64, 64)).toBe(true);
    expect(pairwise('kl', P, Q).data[0]).toBe(want);
    setBackend('auto');
  });
});
