// Arrays that live inside the active engine's memory, so calls on them skip the copy into
// scratch. On an engine without such memory (JS), they are ordinary typed arrays.
import { InputRangeError, InputTypeError } from '../../errors.js';
import { describe } from '../../validate.js';
import { activeEngine } from '../registry.js';

/**
 * The element types a ModuleArray holds.
 * @inline
 */
type FloatArray = Float64Array | Float32Array;
type FloatCtor<T extends FloatArray> = { new (buffer: ArrayBuffer, at: number, n: number): T; BYTES_PER_ELEMENT: number };
type Block = { buffer: () => ArrayBuffer; at: number; free(): void };

/**
 * A typed array placed in the WebAssembly module's memory (or, when the JS backend is
 * active, an ordinary one). Lifetime rules:
 * - read `.array` each time you need it: growing module memory (a later `allocF64` /
 *   `allocF32`, or a histogram or bulk call that needs working space) detaches views
 *   taken before, and `.array` rebuilds it; a detached view passed to any function is an
 *   `InputTypeError` that says so;
 * - call `free()` when done; the array must not be used after that;
 * - it serves the backend that was active when it was allocated; under another backend
 *   it still works, through the ordinary copying path.
 *
 * `allocF64` and `allocF32` make them.
 * @hideconstructor
 */
export class ModuleArray<T extends FloatArray> {
  private view: T;
  private freed = false;

  constructor(
    private readonly block: Block | undefined,
    /** The number of elements. */
    readonly length: number,
    private readonly Ctor: FloatCtor<T>,
  ) {
    this.view = block ? this.build() : new Ctor(ordinaryBuffer(length * Ctor.BYTES_PER_ELEMENT), 0, length);
  }

  private build(): T {
    return new this.Ctor(this.block!.buffer(), this.block!.at, this.length);
  }

  /** The array, rebuilt when module memory grew; an InputTypeError after `free()`. */
  get array(): T {
    if (this.freed) throw new InputTypeError('this ModuleArray was freed; allocate a new one (allocF64/allocF32)', 'array');
    if (this.block && this.view.buffer !== this.block.buffer()) this.view = this.build();
    return this.view;
  }

  /** Returns the memory to the module; calling it again does nothing. */
  free(): void {
    if (this.freed) return;
    this.freed = true;
    this.block?.free();
  }
}

/** An ArrayBuffer of `bytes` (JS backend), or the typed error when the platform cannot give one. */
function ordinaryBuffer(bytes: number): ArrayBuffer {
  try {
    return new ArrayBuffer(bytes);
  } catch (e) {
    if (e instanceof RangeError) throw new InputRangeError(`length: ${bytes} bytes cannot be allocated here (${e.message})`, 'length');
    throw e;
  }
}

function allocate<T extends FloatArray>(n: number, Ctor: FloatCtor<T>): ModuleArray<T> {
  if (typeof n !== 'number') {
    throw new InputTypeError(`length is ${describe(n)}; it must be a number (a whole number ≥ 0)`, 'length');
  }
  if (!Number.isInteger(n) || n < 0) {
    throw new InputRangeError(`length is ${describe(n)}; it must be a whole number ≥ 0`, 'length');
  }
  const block = activeEngine().allocate?.(n * Ctor.BYTES_PER_ELEMENT);
  const arr = new ModuleArray(block, n, Ctor);
  arr.array.fill(0); // freed blocks are reused as they were left
  return arr;
}

/**
 * A Float64Array of `n` zeros inside module memory: fill `.array` once, then pass
 * `.array` to any function as often as you like without it being copied. A length that
 * is not a number is an InputTypeError; one that is not a whole number ≥ 0, or one the
 * platform cannot allocate, an InputRangeError.
 * @example
 * ```ts
 * import { allocF64, klDivergence } from 'infodiv';
 * const p = allocF64(3);
 * const q = allocF64(3);
 * p.array.set([0.1, 0.4, 0.5]);
 * q.array.set([0.8, 0.15, 0.05]);
 * klDivergence(p.array, q.array, { base: 2 }); // 1.926979
 * p.free();
 * q.free();
 * ```
 */
export function allocF64(n: number): ModuleArray<Float64Array> {
  return allocate(n, Float64Array);
}

/** As `allocF64`, for float32 data (computed in f64 all the same). */
export function allocF32(n: number): ModuleArray<Float32Array> {
  return allocate(n, Float32Array);
}
