// The WebAssembly backend: streams inputs through scratch memory in chunks, runs the
// fast-pass kernels, and keeps their result when its error bound certifies it. Inputs
// the kernels flag (negative, NaN, ∞, sums that overflow) and results too small to
// certify go to the JS backend, whose validation names the culprit and whose careful
// forms give every digit — so both backends answer alike by construction.
import type { Backend, BackendName, PassSums, RowBlock } from '../backend.js';
import {
  crossEntropyFromPass, entropyFromPass, jsFromPass, klFromPass,
} from '../certify.js';
import { entropyNats } from '../js/entropy.js';
import { jsBackend } from '../js/index.js';
import { jsNats, jsNormalizedCareful } from '../js/jensen-shannon.js';
import { klNormalizedCareful, klRawCareful } from '../js/kl.js';
import { sumOf } from '../js/sum.js';
import type { Rows } from '../bulk/matrix.js';
import type { Vector } from '../types.js';
import {
  A_HI, A_LO, B_HI, B_LO, PARAM, SLOTS, S_HI, S_LO, readPass, writeJsParams, type PassResult,
} from './accumulator.js';
import { CHUNK, ModuleMemory } from './memory.js';
import { jsRowsWasm, rowwiseWasm, type PairsKernel } from './pairs.js';

type Kernel = (p: number, q: number, n: number, acc: number) => void;

interface Exports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  klF64: Kernel;
  klF32: Kernel;
  xlogyF64: Kernel;
  xlogyF32: Kernel;
  xlogxF64: Kernel;
  xlogxF32: Kernel;
  sumsF64: Kernel;
  sumsF32: Kernel;
  jsF64: Kernel;
  jsF32: Kernel;
  relEntrF64: Kernel;
  relEntrF32: Kernel;
  klDivF64: Kernel;
  klDivF32: Kernel;
  klSingleF32: Kernel;
  xlogxSingleF32: Kernel;
  logF32(src: number, dst: number, n: number): void;
  logF64(src: number, dst: number, n: number): void;
  pairsF64: PairsKernel;
  pairsF32: PairsKernel;
  dotRowsF64(a: number, b: number, ra: number, rb: number, cols: number, out: number): void;
  dotRowsF32(a: number, b: number, ra: number, rb: number, cols: number, out: number): void;
}

export class WasmBackend implements Backend {
  readonly mem: ModuleMemory;
  /** The module's exports: kernels over pointers into `mem`. */
  readonly ex: Exports;

  constructor(
    readonly name: BackendName,
    instance: WebAssembly.Instance,
  ) {
    this.ex = instance.exports as unknown as Exports;
    this.mem = new ModuleMemory(this.ex.memory, this.ex.heapBase());
  }

  /** Zeroes the accumulator block; `params(f64, at)` may then write the kernel's parameters. */
  private reset(params?: (f64: Float64Array, at: number) => void): void {
    const { f64 } = this.mem.views();
    const at = this.mem.acc / 8;
    f64.fill(0, at, at + SLOTS);
    params?.(f64, at + PARAM);
  }

  private result(): PassResult {
    // Indexed in place: a subarray per call costs more than the pass on small inputs.
    return readPass(this.mem.views().f64, this.mem.acc / 8);
  }

  /**
   * Runs a two-input kernel over all of p and q: in place when both already live in
   * module memory as the same float type, else chunk by chunk through scratch.
   */
  private stream(p: Vector, q: Vector, f64k: Kernel, f32k: Kernel, out?: Float64Array): void {
    const f32 = p instanceof Float32Array && q instanceof Float32Array;
    const kernel = f32 ? f32k : f64k;
    const [slotP, slotQ, slotOut] = this.mem.slots;
    const inOut = out !== undefined && out.buffer === this.mem.memory.buffer;
    const n = p.length;
    const acc = this.mem.acc;
    // Inputs already in module memory need no chunks: one call, one scalar tail.
    const whole = this.resident(p, f32) && this.resident(q, f32) && (out === undefined || inOut);
    const step = whole ? Math.max(n, 1) : CHUNK;
    for (let off = 0; off < n; off += step) {
      const len = Math.min(step, n - off);
      const pp = this.place(p, off, len, slotP, f32);
      const qq = q === p ? pp : this.place(q, off, len, slotQ, f32);
      if (out === undefined) {
        kernel(pp, qq, len, acc);
      } else {
        const dst = inOut ? out.byteOffset + off * 8 : slotOut;
        kernel(pp, qq, dst, len);
        if (!inOut) out.set(this.mem.views().f64.subarray(slotOut / 8, slotOut / 8 + len), off);
      }
    }
  }

  /** Does x live in module memory as the float type the kernel reads? */
  private resident(x: Vector, f32: boolean): boolean {
    return this.mem.holds(x) && (x instanceof Float32Array) === f32;
  }

  /**
   * The byte offset where a kernel finds x[off, off + len) as f64 (or f32): in place when
   * x already lives in module memory as that type, else copied into the scratch `slot`.
   */
  place(x: Vector, off: number, len: number, slot: number, f32: boolean): number {
    if (this.resident(x, f32)) return (x as Float64Array).byteOffset + off * (f32 ? 4 : 8);
    const views = this.mem.views();
    const view = f32 ? views.f32 : views.f64;
    const at = slot / (f32 ? 4 : 8);
    if (Array.isArray(x)) {
      for (let i = 0; i < len; i++) view[at + i] = x[off + i]!;
    } else if (off === 0 && len === x.length) {
      view.set(x as Float64Array, at);
    } else {
      view.set((x as Float64Array).subarray(off, off + len), at);
    }
    return slot;
  }

  private pass(p: Vector, q: Vector, f64k: Kernel, f32k: Kernel, params?: (f64: Float64Array, at: number) => void): PassResult {
    this.reset(params);
    this.stream(p, q, f64k, f32k);
    return this.result();
  }

  relEntr(p: Vector, q: Vector, out: Float64Array): void {
    this.stream(p, q, this.ex.relEntrF64, this.ex.relEntrF32, out);
  }

  klDiv(p: Vector, q: Vector, out: Float64Array): void {
    this.stream(p, q, this.ex.klDivF64, this.ex.klDivF32, out);
  }

  /**
   * The single-precision pass over Float32Array input, when asked for: its result if
   * the pass had no special lanes and its bound certifies it, else undefined (the
   * double pass then runs, and settles zeros, ∞ and bad entries as always).
   */
  private single(p: Vector, q: Vector, kernel: Kernel, certify: (r: PassResult) => number | undefined): number | undefined {
    // The scalar module has no f32 lanes: its pass would be the double one, certified less tightly.
    if (this.name !== 'wasm-simd' || !(p instanceof Float32Array && q instanceof Float32Array)) return undefined;
    const r = this.pass(p, q, kernel, kernel);
    if (r.suspect || r.special || r.infinite || !(r.A > 0)) return undefined;
    return certify(r);
  }

  kl(p: Vector, q: Vector, normalize: boolean, single = false): number {
    const fast = single ? this.single(p, q, this.ex.klSingleF32, (r) => klFromPass(r, normalize, true)) : undefined;
    if (fast !== undefined) return fast;
    const r = this.pass(p, q, this.ex.klF64, this.ex.klF32);
    if (r.suspect) return jsBackend.kl(p, q, normalize);
    if (normalize && (r.A === 0 || r.B === 0)) return NaN;
    if (r.infinite) return Infinity;
    return (
      klFromPass(r, normalize) ??
      (normalize ? klNormalizedCareful(p, q, sumOf(p), sumOf(q)) : klRawCareful(p, q))
    );
  }

  entropy(p: Vector, normalize: boolean, single = false): number {
    const fast = single ? this.single(p, p, this.ex.xlogxSingleF32, (r) => entropyFromPass(r, normalize, true)) : undefined;
    if (fast !== undefined) return fast;
    const r = this.pass(p, p, this.ex.xlogxF64, this.ex.xlogxF32);
    if (r.suspect) return jsBackend.entropy(p, normalize);
    if (!normalize) return 0 - r.S; // the same direct sum the JS backend computes (0 − 0 = +0)
    if (r.A === 0) return NaN;
    return entropyFromPass(r) ?? entropyNats(p, normalize);
  }

  crossEntropy(p: Vector, q: Vector, normalize: boolean, single = false): number {
    if (normalize && !single) {
      // One pass of Σ p·log q when its bound certifies log B − S/A; else H + KL below.
      const r = this.pass(p, q, this.ex.xlogyF64, this.ex.xlogyF32);
      if (r.suspect) return jsBackend.crossEntropy(p, q, normalize);
      if (r.A === 0 || r.B === 0) return NaN;
      if (r.infinite) return Infinity;
      const h = crossEntropyFromPass(r);
      if (h !== undefined) return h;
    }
    if (normalize) {
      // Both parts are ≥ 0, so each within 1e-6 keeps the sum within 1e-6.
      const h = this.entropy(p, true, single);
      const kl = this.kl(p, q, true, single);
      return h + kl;
    }
    const r = this.pass(p, q, this.ex.xlogyF64, this.ex.xlogyF32);
    if (r.suspect) return jsBackend.crossEntropy(p, q, normalize);
    return r.infinite ? Infinity : 0 - r.S;
  }

  js(p: Vector, q: Vector, normalize: boolean): number {
    const sums = this.pass(p, q, this.ex.sumsF64, this.ex.sumsF32);
    if (sums.suspect) return jsBackend.js(p, q, normalize);
    const { A, B } = sums;
    if (normalize && (A === 0 || B === 0)) return NaN;
    const r = this.pass(p, q, this.ex.jsF64, this.ex.jsF32, (f64, at) => writeJsParams(f64, at, A, B, normalize));
    return (
      jsFromPass(r) ??
      (normalize ? jsNormalizedCareful(p, q, sumOf(p), sumOf(q)) : jsNats(p, q, false))
    );
  }

  dotRows(a: Float64Array | Float32Array, ra: number, b: Float64Array, rb: number, cols: number, out: Float64Array): void {
    const f32 = a instanceof Float32Array;
    const size = f32 ? 4 : 8;
    // b stays in module memory for the whole product; a and out go through in row
    // chunks of about 128 KiB, so memory grows with b only.
    const chunk = Math.max(1, Math.floor(CHUNK / cols));
    const mem = this.mem;
    const bAt = mem.allocate(rb * cols * 8);
    const aAt = mem.allocate(chunk * cols * size);
    const outAt = mem.allocate(chunk * rb * 8);
    try {
      mem.views().f64.set(b.subarray(0, rb * cols), bAt / 8);
      const kernel = f32 ? this.ex.dotRowsF32 : this.ex.dotRowsF64;
      for (let i = 0; i < ra; i += chunk) {
        const n = Math.min(chunk, ra - i);
        const views = mem.views();
        (f32 ? views.f32 : views.f64).set(a.subarray(i * cols, (i + n) * cols), aAt / size);
        kernel(aAt, bAt, n, rb, cols, outAt);
        out.set(mem.views().f64.subarray(outAt / 8, outAt / 8 + n * rb), i * rb);
      }
    } finally {
      mem.release(bAt, rb * cols * 8);
      mem.release(aAt, chunk * cols * size);
      mem.release(outAt, chunk * rb * 8);
    }
  }

  jsRows(P: RowBlock, Q: RowBlock, normalize: boolean, firstRow: number | undefined, out: Float64Array): void {
    jsRowsWasm(this, P, Q, normalize, firstRow, out);
  }

  rowwise(kind: 'kl' | 'js', P: Rows, Q: Rows, normalize: boolean): Float64Array | undefined {
    return rowwiseWasm(this, kind, P, Q, normalize);
  }

  fastPass(kind: 'kl' | 'xlogx', p: Vector, q: Vector): PassSums {
    const [f64k, f32k] = kind === 'kl' ? [this.ex.klF64, this.ex.klF32] : [this.ex.xlogxF64, this.ex.xlogxF32];
    const r = this.pass(p, kind === 'kl' ? q : p, f64k, f32k);
    const acc = this.mem.views().f64.subarray(this.mem.acc / 8, this.mem.acc / 8 + SLOTS);
    return {
      S: [acc[S_HI]!, acc[S_LO]!],
      A: [acc[A_HI]!, acc[A_LO]!],
      B: [acc[B_HI]!, acc[B_LO]!],
      bound: r.bound,
      infinite: r.infinite,
      suspect: r.suspect,
    };
  }

  /** The module's elementwise log, for tests of the vector log itself. */
  logF64(src: number, dst: number, n: number): void {
    this.ex.logF64(src, dst, n);
  }

  logF32(src: number, dst: number, n: number): void {
    this.ex.logF32(src, dst, n);
  }

  // Contingency tables are small next to the vectors above; the JS backend's pass over
  // them is not where time goes.
  mi = jsBackend.mi;
}
