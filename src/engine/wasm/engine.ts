// The WebAssembly engine: runs the kernels over inputs streamed through scratch memory
// in chunks (or read in place when they already live in module memory), and reads back
// their accumulator blocks. It decides nothing about what the sums mean.
import { FIRST_F64_ONLY, Pass, Slot } from '../../../assembly/modes.js';
import type { Axis } from '../../binning/axis.js';
import type { EdgeGrid } from '../../binning/grid.js';
import type { Vector } from '../../types.js';
import type { Counted, EdgeCounted, Elementwise, Engine, EngineName, PairsJob, Rows } from '../seam.js';
import { PARAMS } from '../seam.js';
import { SLOTS as BLOCK, Sums } from '../sums.js';
import { CHUNK, ModuleMemory } from './memory.js';
import type { KernelModule } from './module.js';

const SLOTS = Slot.COUNT;
/**
 * An input of `pairs` up to this size is copied into module memory once per call; a
 * larger one is gathered batch by batch (memory grows to what it holds, for good).
 */
const HOLD_BYTES = 8 << 20;
/**
 * The rows of the right-hand matrix dotRows keeps in module memory at once. Set for
 * tests (test/limits.test.ts) by dotRowsBlockForTests, to cross the block boundary on
 * small inputs.
 */
let dotBlockBytes = 256 << 20;

/** For tests: the bytes of b per dotRows block (undefined: the default). Not part of the API. */
export function dotRowsBlockForTests(bytes: number | undefined): void {
  dotBlockBytes = bytes ?? 256 << 20;
}

/** Does the module have an f32 instantiation of this pass? Else f32 input is widened. */
const hasF32 = (kind: Pass): boolean => kind < FIRST_F64_ONLY;

interface Held {
  at: number;
  bytes: number;
}

/** Rows lo … of a matrix at byte offset base of module memory. */
interface Placed {
  base: number;
  lo: number;
}
/** Count cells end with eight dump cells for values outside the range (assembly/histogram.ts). */
const DUMPS = 8;

type FloatView = Float64Array | Float32Array;

export class WasmEngine implements Engine {
  readonly mem: ModuleMemory;
  readonly shared?: ModuleMemory;
  /** f32 lanes exist in the SIMD module only; the scalar one leaves this undefined. */
  readonly single?: Engine['single'];

  /** `region`: an instance on a worker over the caller's shared memory (memory.ts). */
  constructor(
    readonly name: EngineName,
    readonly ex: KernelModule,
    region?: number,
  ) {
    this.mem = new ModuleMemory(ex.memory, ex.heapBase(), region);
    if (this.mem.shared && region === undefined) this.shared = this.mem;
    if (name === 'wasm-simd') this.single = (kind, p, q) => this.singlePass(kind, p, q);
  }

  /** Zeroes the accumulator block and writes the pass's parameters. */
  private reset(params?: ArrayLike<number>): void {
    const { f64 } = this.mem.views();
    const at = this.mem.acc / 8;
    f64.fill(0, at, at + SLOTS);
    if (params) for (let k = 0; k < params.length; k++) f64[at + Slot.PARAM + k] = params[k]!;
  }

  private block(): Sums {
    const at = this.mem.acc / 8;
    return new Sums(this.mem.views().f64.slice(at, at + BLOCK));
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
    if (this.resident(x, f32)) return (x as FloatView).byteOffset + off * (f32 ? 4 : 8);
    this.copy(x, off, len, slot, f32);
    return slot;
  }

  /** Copies x[off, off + len) to byte offset `slot`, as f64 (or f32). */
  private copy(x: Vector, off: number, len: number, slot: number, f32: boolean): void {
    const views = this.mem.views();
    const view = f32 ? views.f32 : views.f64;
    const at = slot / (f32 ? 4 : 8);
    if (Array.isArray(x)) {
      for (let i = 0; i < len; i++) view[at + i] = x[off + i]!;
    } else if (off === 0 && len === x.length) {
      view.set(x as FloatView, at);
    } else {
      view.set((x as FloatView).subarray(off, off + len), at);
    }
  }

  pass(kind: Pass, p: Vector, q: Vector, from: number, to: number, params?: ArrayLike<number>): Sums {
    const one = kind === Pass.FastXlogx;
    const f32 = hasF32(kind) && p instanceof Float32Array && (one || q instanceof Float32Array);
    const kernel = f32 ? this.ex.passF32 : this.ex.passF64;
    const [slotP, slotQ] = this.mem.slots;
    const acc = this.mem.acc;
    this.reset(params);
    // Chunk by chunk even where the inputs are in module memory (read in place, then):
    // the kernels fold their lanes into the block at the end of each call, so the same
    // calls give the same bits wherever the input lives, and on whichever thread.
    for (let off = from; off < to; off += CHUNK) {
      const len = Math.min(CHUNK, to - off);
      const pp = this.place(p, off, len, slotP, f32);
      const qq = one || q === p ? pp : this.place(q, off, len, slotQ, f32);
      kernel(kind, pp, qq, len, acc);
    }
    return this.block();
  }

  pairs(kind: Pass, job: PairsJob): Float64Array {
    const { P, Q, pRows, qRows, params } = job;
    const count = pRows.length;
    const k = P.cols;
    const f32 = hasF32(kind) && P.data instanceof Float32Array && Q.data instanceof Float32Array;
    const kernel = f32 ? this.ex.pairsF32 : this.ex.pairsF64;
    const [slotP, slotQ, slotOut] = this.mem.slots;
    const out = new Float64Array(count * SLOTS);
    // Slot 2 holds a batch's blocks, then its parameters, then its row offsets (i32).
    let batch = Math.floor(CHUNK / (SLOTS + PARAMS + 1));
    const held: Held[] = [];
    try {
      const p = count ? this.hold(P, pRows, f32, held) : undefined;
      const q = count ? this.hold(Q, qRows, f32, held) : undefined;
      if (p === undefined || q === undefined) batch = Math.min(batch, Math.max(1, Math.floor(CHUNK / k)));
      const paramsAt = slotOut + batch * SLOTS * 8;
      const pAt = paramsAt + batch * PARAMS * 8;
      const qAt = pAt + batch * 4;
      for (let j0 = 0; j0 < count; j0 += batch) {
        const n = Math.min(batch, count - j0);
        const pBase = this.rowOffsets(P, pRows, j0, n, p, slotP, pAt, f32);
        const qBase = this.rowOffsets(Q, qRows, j0, n, q, slotQ, qAt, f32);
        const { f64 } = this.mem.views();
        if (params) f64.set(params.subarray(j0 * PARAMS, (j0 + n) * PARAMS), paramsAt / 8);
        kernel(kind, pBase, qBase, n, k, pAt, qAt, params ? paramsAt : 0, slotOut, this.mem.acc);
        out.set(f64.subarray(slotOut / 8, slotOut / 8 + n * SLOTS), j0 * SLOTS);
      }
    } finally {
      for (const h of held) this.mem.release(h.at, h.bytes);
    }
    return out;
  }

  /**
   * Where the kernels find every row of m the pairs read, at once: in place when m lives
   * in module memory, or rows lo … hi copied there once when the pairs read each row of
   * that span twice or more on average (pairwise) and it is small enough to keep.
   * Undefined: the rows are gathered batch by batch into scratch instead, which for rows
   * read once (rowwise) is faster: the copy and the kernel both stay in cache.
   */
  private hold(m: Rows, rows: Int32Array, f32: boolean, held: Held[]): Placed | undefined {
    if (this.resident(m.data, f32)) return { base: m.data.byteOffset, lo: 0 };
    let lo = rows[0]!;
    let hi = lo;
    for (let j = 1; j < rows.length; j++) {
      const r = rows[j]!;
      if (r < lo) lo = r;
      else if (r > hi) hi = r;
    }
    const span = hi - lo + 1;
    const bytes = span * m.cols * (f32 ? 4 : 8);
    if (2 * span > rows.length || bytes > HOLD_BYTES) return undefined;
    const at = this.mem.allocate(bytes);
    held.push({ at, bytes });
    this.copy(m.data, lo * m.cols, span * m.cols, at, f32);
    return { base: at, lo };
  }

  /**
   * Writes the element offsets of rows[j0 … j0 + n) of m to `offsets` (i32) and returns
   * the base they are relative to: the held rows, or scratch `slot` with the rows
   * gathered there (a run of consecutive rows, or one row repeated, in one copy).
   */
  private rowOffsets(m: Rows, rows: Int32Array, j0: number, n: number, placed: Placed | undefined, slot: number, offsets: number, f32: boolean): number {
    const k = m.cols;
    const i32 = this.mem.views().i32;
    const at = offsets / 4;
    if (placed !== undefined) {
      for (let j = 0; j < n; j++) i32[at + j] = (rows[j0 + j]! - placed.lo) * k;
      return placed.base;
    }
    const first = rows[j0]!;
    let same = true;
    let run = true;
    for (let j = 1; j < n; j++) {
      same &&= rows[j0 + j] === first;
      run &&= rows[j0 + j] === first + j;
    }
    if (same || run) {
      this.copy(m.data, first * k, same ? k : n * k, slot, f32);
      for (let j = 0; j < n; j++) i32[at + j] = same ? 0 : j * k;
      return slot;
    }
    const size = f32 ? 4 : 8;
    for (let j = 0; j < n; j++) {
      this.copy(m.data, rows[j0 + j]! * k, k, slot + j * k * size, f32);
      i32[at + j] = j * k;
    }
    return slot;
  }

  private singlePass(kind: Pass.FastKl | Pass.FastXlogx, p: Float32Array, q: Float32Array): Sums {
    const [slotP, slotQ] = this.mem.slots;
    this.reset();
    for (let off = 0; off < p.length; off += CHUNK) {
      const len = Math.min(CHUNK, p.length - off);
      const pp = this.place(p, off, len, slotP, true);
      const qq = q === p ? pp : this.place(q, off, len, slotQ, true);
      this.ex.singleF32(kind, pp, qq, len, this.mem.acc);
    }
    return this.block();
  }

  elementwise(kind: Elementwise, p: Vector, q: Vector, out: Float64Array): void {
    const f32 = p instanceof Float32Array && q instanceof Float32Array;
    const kernel = kind === 'relEntr' ? (f32 ? this.ex.relEntrF32 : this.ex.relEntrF64) : f32 ? this.ex.klDivF32 : this.ex.klDivF64;
    const [slotP, slotQ, slotOut] = this.mem.slots;
    const inOut = out.buffer === this.mem.memory.buffer;
    const whole = this.resident(p, f32) && this.resident(q, f32) && inOut;
    const n = p.length;
    const step = whole ? Math.max(n, 1) : CHUNK;
    for (let off = 0; off < n; off += step) {
      const len = Math.min(step, n - off);
      const pp = this.place(p, off, len, slotP, f32);
      const qq = q === p ? pp : this.place(q, off, len, slotQ, f32);
      const dst = inOut ? out.byteOffset + off * 8 : slotOut;
      kernel(pp, qq, dst, len);
      if (!inOut) out.set(this.mem.views().f64.subarray(slotOut / 8, slotOut / 8 + len), off);
    }
  }

  dotRows(a: FloatView, ra: number, b: Float64Array, rb: number, cols: number, out: Float64Array): void {
    // f64 kernel only (assembly/index.ts): f32 rows of a are widened as they are copied.
    const size = 8;
    // Rows of b stay in module memory for a whole pass over a, up to dotBlockBytes of them
    // at a time (b may be larger than wasm32's 4 GiB); a and out go through in row chunks
    // of about 128 KiB. Each product entry is one kernel sum over one row pair, so the
    // blocks of b change no bit of the result.
    const chunk = Math.max(1, Math.floor(CHUNK / cols));
    const bRows = Math.max(1, Math.min(rb, Math.floor(dotBlockBytes / (cols * 8))));
    const mem = this.mem;
    // Each block is released however the call ends, a refused later allocation included.
    const held: Held[] = [];
    const take = (bytes: number, argument: string) => {
      const at = mem.allocate(bytes, argument);
      held.push({ at, bytes });
      return at;
    };
    try {
      const bAt = take(bRows * cols * 8, 'Q');
      const aAt = take(chunk * cols * size, 'P');
      const outAt = take(chunk * bRows * 8, 'Q');
      for (let j = 0; j < rb; j += bRows) {
        const m = Math.min(bRows, rb - j);
        mem.views().f64.set(b.subarray(j * cols, (j + m) * cols), bAt / 8);
        for (let i = 0; i < ra; i += chunk) {
          const n = Math.min(chunk, ra - i);
          mem.views().f64.set(a.subarray(i * cols, (i + n) * cols), aAt / size);
          this.ex.dotRowsF64(aAt, bAt, n, m, cols, outAt);
          const f64 = mem.views().f64;
          if (m === rb) out.set(f64.subarray(outAt / 8, outAt / 8 + n * rb), i * rb);
          else for (let r = 0; r < n; r++) out.set(f64.subarray(outAt / 8 + r * m, outAt / 8 + (r + 1) * m), (i + r) * rb + j);
        }
      }
    } finally {
      for (const h of held) mem.release(h.at, h.bytes);
    }
  }

  /** Runs `body` with zeroed count cells in module memory; returns them as f64 and the outsiders. */
  private withCells(cells: number, body: (at: number) => void): Counted {
    const bytes = (cells + DUMPS) * 8;
    const at = this.mem.allocate(bytes);
    try {
      this.mem.views().f64.fill(0, at / 8, at / 8 + cells + DUMPS);
      body(at);
      // i64 halves, low first; exact while a count stays below 2^53.
      const u32 = new Uint32Array(this.mem.memory.buffer, at, 2 * (cells + DUMPS));
      const counts = new Float64Array(cells);
      for (let i = 0; i < cells; i++) counts[i] = u32[2 * i]! + u32[2 * i + 1]! * 4294967296;
      let outside = 0;
      for (let i = cells; i < cells + DUMPS; i++) outside += u32[2 * i]! + u32[2 * i + 1]! * 4294967296;
      return { counts, outside };
    } finally {
      this.mem.release(at, bytes);
    }
  }

  count(input: () => Vector, a: Axis): Counted {
    const f32 = input() instanceof Float32Array;
    const kernel = f32 ? this.ex.histogramF32 : this.ex.histogramF64;
    const slot = this.mem.slots[0];
    // One input only: all three scratch slots (contiguous) serve as one chunk, a third of
    // the calls and copies' setup for the same memory.
    const chunk = 3 * CHUNK;
    return this.withCells(a.bins, (at) => {
      const values = input();
      for (let off = 0; off < values.length; off += chunk) {
        const len = Math.min(chunk, values.length - off);
        kernel(this.place(values, off, len, slot, f32), len, at, a.lo, a.hi, a.scale, a.step, a.bins, a.tiny);
      }
    });
  }

  count2d(inputX: () => Vector, inputY: () => Vector, ax: Axis, ay: Axis): Counted {
    // One kernel reads both inputs, so they share a float type: f32 only when both are.
    const f32 = inputX() instanceof Float32Array && inputY() instanceof Float32Array;
    const kernel = f32 ? this.ex.histogram2dF32 : this.ex.histogram2dF64;
    const [slotX, slotY] = this.mem.slots;
    const tiny = Math.max(ax.tiny, ay.tiny);
    return this.withCells(ax.bins * ay.bins, (at) => {
      const x = inputX();
      const y = inputY();
      for (let off = 0; off < x.length; off += CHUNK) {
        const len = Math.min(CHUNK, x.length - off);
        const xs = this.place(x, off, len, slotX, f32);
        const ys = this.place(y, off, len, slotY, f32);
        kernel(xs, ys, len, at, ax.lo, ax.hi, ax.scale, ax.step, ax.bins, ay.lo, ay.hi, ay.scale, ay.step, ay.bins, tiny);
      }
    });
  }

  countEdges(input: () => Vector, g: EdgeGrid): EdgeCounted {
    const f32 = input() instanceof Float32Array;
    const kernel = f32 ? this.ex.edgeCountsF32 : this.ex.edgeCountsF64;
    const slot = this.mem.slots[0];
    const chunk = 3 * CHUNK;
    // The edges and the grid go to module memory once per call, next to the cells.
    const edgeBytes = 8 * (g.bins + 1);
    const gridBytes = 4 * (g.cells + 1);
    const at = this.mem.allocate(edgeBytes + gridBytes);
    try {
      const views = this.mem.views();
      views.f64.set(g.edges, at / 8);
      new Int32Array(this.mem.memory.buffer, at + edgeBytes, g.cells + 1).set(g.grid);
      const { counts, outside } = this.withCells(g.bins + 3, (cells) => {
        const values = input();
        for (let off = 0; off < values.length; off += chunk) {
          const len = Math.min(chunk, values.length - off);
          kernel(this.place(values, off, len, slot, f32), len, at, g.bins, at + edgeBytes, g.cells, g.scale, cells);
        }
      });
      void outside; // no dump cells are written: the last three cells count the outsiders
      return { counts: counts.slice(0, g.bins), below: counts[g.bins]!, above: counts[g.bins + 1]!, nan: counts[g.bins + 2]! };
    } finally {
      this.mem.release(at, edgeBytes + gridBytes);
    }
  }

  finiteRange(values: Vector): [number, number] {
    const f32 = values instanceof Float32Array;
    const kernel = f32 ? this.ex.finiteRangeF32 : this.ex.finiteRangeF64;
    // The accumulator block is free between passes; its first two slots carry min, max.
    const out = this.mem.acc;
    const f64 = this.mem.views().f64;
    f64[out / 8] = Infinity;
    f64[out / 8 + 1] = -Infinity;
    for (let off = 0; off < values.length; off += CHUNK) {
      const len = Math.min(CHUNK, values.length - off);
      kernel(this.place(values, off, len, this.mem.slots[0], f32), len, out);
    }
    const views = this.mem.views().f64;
    return [views[out / 8]!, views[out / 8 + 1]!];
  }

  allocate(bytes: number): { buffer: () => ArrayBuffer; at: number; free(): void } {
    const mem = this.mem;
    const at = mem.allocate(bytes, 'length');
    return { buffer: () => mem.memory.buffer as ArrayBuffer, at, free: () => mem.release(at, bytes) };
  }

  /** The module's elementwise logs, for tests of the vector logs themselves. */
  logF64(src: number, dst: number, n: number): void {
    this.ex.logF64(src, dst, n);
  }

  logF32(src: number, dst: number, n: number): void {
    this.ex.logF32(src, dst, n);
  }
}
