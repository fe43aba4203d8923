// Module memory, owned from the TypeScript side: a fixed accumulator block and scratch
// region that inputs stream through, then a small heap for arrays users place in module
// memory to skip the copy. `ensure` is the only place memory grows, and every view is
// rebuilt through `views()` after it, since a grow detaches the old buffer (an ordinary
// memory) or leaves it short (a shared one).
//
// A shared memory is also read by instances on worker threads (src/threads/worker.ts).
// Each has its own accumulator block and scratch slots, a `region` the calling thread
// allocated for it on its heap, and no heap of its own: all allocation stays here.

import { InputRangeError } from '../../errors.js';
import { CHUNK } from '../chunk.js';

export { CHUNK };
const SLOT_BYTES = CHUNK * 8;
const ACC_BYTES = 256;
const ALIGN = 64;
const PAGE = 65536;
/** The most a module memory can hold: wasm32's 65536 pages (asconfig.json's maximum), 4 GiB. */
export const MAX_MEMORY_BYTES = 65536 * PAGE;

const align = (x: number) => Math.ceil(x / ALIGN) * ALIGN;

/** Bytes of one instance's accumulator block and scratch slots. */
export const REGION_BYTES = ACC_BYTES + 3 * SLOT_BYTES;

/** Every module memory in use, so that inputs living in any of them can be recognised. */
const memories = new Set<ModuleMemory>();

type FloatView = Float64Array | Float32Array;

/**
 * Growing a memory detaches every view of it, the caller's `allocF64` arrays included,
 * and a detached view reads as empty. Operations that allocate working space while
 * holding such an input take it through `pin` first: the returned function gives a
 * live view of the same elements after any growth (and any other input unchanged).
 */
export function pin<T>(x: T): () => T {
  for (const m of memories) {
    if (!m.holds(x)) continue;
    const view: FloatView = x;
    const { byteOffset, length } = view;
    const Ctor = view instanceof Float32Array ? Float32Array : Float64Array;
    return () => (view.buffer === m.memory.buffer ? x : (new Ctor(m.memory.buffer, byteOffset, length) as T));
  }
  return () => x;
}

/**
 * Does `x` lie, even in part, in a block of module memory that was freed and not
 * allocated again (a view kept from an `allocF64` array after its `free()`)?
 */
export function inFreedMemory(x: unknown): boolean {
  for (const m of memories) if (m.holds(x) && m.freed(x.byteOffset, x.byteLength)) return true;
  return false;
}

/** Does `x` live in some module's memory (where an allocation could detach it)? */
export function inModuleMemory(x: unknown): x is FloatView {
  for (const m of memories) if (m.holds(x)) return true;
  return false;
}

export class ModuleMemory {
  /** Byte offset of the accumulator block (see assembly/common.ts). */
  readonly acc: number;
  /** Byte offsets of the three scratch slots: first input, second input, output. */
  readonly slots: readonly [number, number, number];
  private top: number;
  private free: [number, number][] = []; // [offset, bytes] of freed heap blocks
  private buffer: ArrayBuffer | undefined;
  private f64 = new Float64Array(0);
  private f32 = new Float32Array(0);
  private i32 = new Int32Array(0);

  /** Is this memory shared (its buffer a SharedArrayBuffer other threads can read)? */
  readonly shared: boolean;
  /** An instance on a worker: its accumulator and slots live at `region`, it has no heap. */
  private readonly guest: boolean;

  /** Lays out a memory from the module's heap base, or (a worker's) at a given `region`. */
  constructor(
    readonly memory: WebAssembly.Memory,
    heapBase: number,
    region?: number,
  ) {
    this.guest = region !== undefined;
    this.acc = region ?? align(heapBase);
    const s0 = this.acc + ACC_BYTES;
    this.slots = [s0, s0 + SLOT_BYTES, s0 + 2 * SLOT_BYTES];
    this.top = s0 + 3 * SLOT_BYTES;
    this.shared = typeof SharedArrayBuffer === 'function' && memory.buffer instanceof SharedArrayBuffer;
    this.ensure(this.top);
    memories.add(this);
  }

  /**
   * A shared memory's earlier buffers: growing it leaves views on them valid (they see
   * the memory as long as it was then), so an allocF64 view read before a growth is
   * still read in place, not copied.
   */
  private readonly earlier = new WeakSet<ArrayBufferLike>();

  /**
   * Grows memory to at least `bytes`. Past wasm32's 4 GiB, or where the platform refuses
   * to grow, an InputRangeError naming `argument` (the input that needs the space) and
   * the `request` that did not fit, not WebAssembly's bare RangeError from inside a call.
   */
  ensure(bytes: number, argument = 'input', request = bytes): void {
    const missing = bytes - this.memory.buffer.byteLength;
    if (missing <= 0) return;
    const refused = (why: string) =>
      new InputRangeError(
        `${argument} is too large for WebAssembly memory: this call needs ${gib(request)} more of it, ${why} (setBackend('js') computes without module memory)`,
        argument,
      );
    if (bytes > MAX_MEMORY_BYTES) throw refused(`past wasm32's limit of 4 GiB`);
    const before = this.memory.buffer;
    try {
      this.memory.grow(Math.ceil(missing / PAGE));
    } catch (e) {
      if (e instanceof RangeError) throw refused(`and the platform refused to grow it (${e.message})`);
      throw e;
    }
    if (this.shared) this.earlier.add(before);
  }

  /** The end of the heap: every allocation so far lies below it (for tests of what calls leave allocated). */
  get heapTop(): number {
    return this.top;
  }

  /** Could `allocate(bytes)` succeed without passing wasm32's 4 GiB? */
  fits(bytes: number): boolean {
    const size = align(Math.max(bytes, 1));
    return this.free.some(([, b]) => b >= size) || this.top + size <= MAX_MEMORY_BYTES;
  }

  /**
   * Does [at, at + bytes) overlap a freed heap block? An empty range reads nothing, so
   * it never does, even at the very start of a free block (an empty view at the end of a
   * live array sits exactly there when the block after it is free).
   */
  freed(at: number, bytes: number): boolean {
    if (bytes === 0) return false;
    return this.free.some(([f, b]) => at < f + b && f < at + bytes);
  }

  views(): { f64: Float64Array; f32: Float32Array; i32: Int32Array } {
    if (this.buffer !== this.memory.buffer) {
      this.buffer = this.memory.buffer as ArrayBuffer;
      this.f64 = new Float64Array(this.buffer);
      this.f32 = new Float32Array(this.buffer);
      this.i32 = new Int32Array(this.buffer);
    }
    return { f64: this.f64, f32: this.f32, i32: this.i32 };
  }

  /** Does `x` live in this module's memory (so kernels can read it in place)? */
  holds(x: unknown): x is Float64Array | Float32Array {
    return (x instanceof Float64Array || x instanceof Float32Array) && (x.buffer === this.memory.buffer || this.earlier.has(x.buffer));
  }

  /** First-fit heap allocation of `bytes`, 64-byte aligned; may grow memory (`argument`: whose space it is, for the error). */
  allocate(bytes: number, argument?: string): number {
    if (this.guest) throw new Error('infodiv: a worker instance on shared memory has no heap of its own');
    const size = align(Math.max(bytes, 1));
    const i = this.free.findIndex(([, b]) => b >= size);
    if (i >= 0) {
      const [at, b] = this.free[i]!;
      if (b === size) this.free.splice(i, 1);
      else this.free[i] = [at + size, b - size];
      return at;
    }
    // Past every free block: from the top, starting inside the free block that ends at
    // the top, if one does, so that memory grows by the shortfall only (not the whole
    // request) and the next such request finds the same space again.
    const last = this.free[this.free.length - 1];
    const at = last !== undefined && last[0] + last[1] === this.top ? last[0] : this.top;
    this.ensure(at + size, argument, size);
    if (at !== this.top) this.free.pop();
    this.top = at + size;
    return at;
  }

  release(at: number, bytes: number): void {
    this.free.push([at, align(Math.max(bytes, 1))]);
    this.free.sort((a, b) => a[0] - b[0]);
    // Merge neighbours so freed space can serve larger requests again.
    for (let i = this.free.length - 1; i > 0; i--) {
      const prev = this.free[i - 1]!;
      const cur = this.free[i]!;
      if (prev[0] + prev[1] === cur[0]) {
        prev[1] += cur[1];
        this.free.splice(i, 1);
      }
    }
  }
}

/** Bytes as GiB (or MiB), for error messages. */
function gib(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
