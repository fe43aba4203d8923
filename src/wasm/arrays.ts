// Arrays that live inside module memory, so calls on them skip the copy into scratch.
import { activeBackend } from '../backend.js';
import { WasmBackend } from './backend.js';
import type { ModuleMemory } from './memory.js';

type FloatArray = Float64Array | Float32Array;
type FloatCtor<T extends FloatArray> = { new (buffer: ArrayBuffer, at: number, n: number): T; BYTES_PER_ELEMENT: number };

/**
 * A typed array placed in the WebAssembly module's memory (or, when the JS backend is
 * active, an ordinary one). Lifetime rules:
 * - read `.array` each time you need it: growing module memory (a later `allocF64` /
 *   `allocF32`, or a histogram or bulk call that needs working space) detaches views
 *   taken before, and `.array` rebuilds it;
 * - call `free()` when done; the array must not be used after that;
 * - it serves the backend that was active when it was allocated; under another backend
 *   it still works, through the ordinary copying path.
 */
export class ModuleArray<T extends FloatArray> {
  private view: T;
  private freed = false;

  constructor(
    private readonly mem: ModuleMemory | undefined,
    private readonly at: number,
    readonly length: number,
    private readonly Ctor: FloatCtor<T>,
  ) {
    this.view = mem ? this.build() : new Ctor(new ArrayBuffer(length * Ctor.BYTES_PER_ELEMENT), 0, length);
  }

  private build(): T {
    return new this.Ctor(this.mem!.memory.buffer as ArrayBuffer, this.at, this.length);
  }

  get array(): T {
    if (this.freed) throw new Error('infodiv: this ModuleArray was freed');
    if (this.mem && this.view.buffer !== this.mem.memory.buffer) this.view = this.build();
    return this.view;
  }

  free(): void {
    if (this.freed) return;
    this.freed = true;
    this.mem?.release(this.at, this.length * this.Ctor.BYTES_PER_ELEMENT);
  }
}

function allocate<T extends FloatArray>(n: number, Ctor: FloatCtor<T>): ModuleArray<T> {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`length must be a non-negative integer, got ${n}`);
  const b = activeBackend();
  const mem = b instanceof WasmBackend ? b.mem : undefined;
  const at = mem ? mem.allocate(n * Ctor.BYTES_PER_ELEMENT) : 0;
  const arr = new ModuleArray(mem, at, n, Ctor);
  arr.array.fill(0); // freed blocks are reused as they were left
  return arr;
}

/**
 * A Float64Array of `n` zeros inside module memory: fill `.array` once, then pass
 * `.array` to any function as often as you like without it being copied.
 * @example const p = allocF64(1e6); p.array.set(counts); klDivergence(p.array, q.array); p.free();
 */
export function allocF64(n: number): ModuleArray<Float64Array> {
  return allocate(n, Float64Array);
}

/** As `allocF64`, for float32 data (computed in f64 all the same). */
export function allocF32(n: number): ModuleArray<Float32Array> {
  return allocate(n, Float32Array);
}
