// Input data for the soak: master arrays of the largest size, made once, that calls take
// windows of at random offsets, in every kind the library accepts: Float64Array,
// Float32Array, Int32Array (counts), plain arrays, and arrays in module memory
// (allocF64 / allocF32, freed after each call).
import { MAX_SIZE } from './rng.mjs';

export const KINDS = ['f64', 'f32', 'i32', 'array', 'module64', 'module32'];
/** Kinds for sample-based estimators, where integer ties would make the estimate undefined. */
export const FLOAT_KINDS = ['f64', 'f32', 'array', 'module64', 'module32'];

/**
 * p, q: weights in [0.05, 1) (strictly positive, so every measure is finite), as counts
 * 1 … 1000 for Int32Array; v, w: samples, v ~ N(0, 1) and w ~ N(0.3, 1.2²), as
 * round(100·x) for Int32Array (ties on purpose).
 */
export function masters(rng) {
  const f64 = {};
  f64.p = Float64Array.from({ length: MAX_SIZE }, () => 0.05 + 0.95 * rng.next());
  f64.q = Float64Array.from({ length: MAX_SIZE }, () => 0.05 + 0.95 * rng.next());
  f64.v = Float64Array.from({ length: MAX_SIZE }, () => rng.normal());
  f64.w = Float64Array.from({ length: MAX_SIZE }, () => 0.3 + 1.2 * rng.normal());
  const f32 = {}, i32 = {};
  for (const k of Object.keys(f64)) {
    f32[k] = Float32Array.from(f64[k]);
    i32[k] = k === 'p' || k === 'q' ? Int32Array.from(f64[k], (x) => Math.ceil(x * 1000)) : Int32Array.from(f64[k], (x) => Math.round(x * 100));
  }
  return { f64, f32, i32 };
}

/** Per call: hands out windows of the masters in one kind, and frees what it allocated. */
export class Inputs {
  constructor(lib, data, rng) {
    this.lib = lib;
    this.data = data;
    this.rng = rng;
    this.held = [];
  }

  /** A window of n elements of master `which` ('p', 'q', 'v', 'w') as `kind`. */
  take(which, n, kind) {
    const at = this.rng.int(0, MAX_SIZE - n);
    const src = kind === 'f32' || kind === 'module32' ? this.data.f32[which] : kind === 'i32' ? this.data.i32[which] : this.data.f64[which];
    const window = src.subarray(at, at + n);
    switch (kind) {
      case 'f64': case 'f32': case 'i32': return window;
      case 'array': return Array.from(window);
      case 'module64': case 'module32': {
        const m = kind === 'module64' ? this.lib.allocF64(n) : this.lib.allocF32(n);
        this.held.push(m);
        m.array.set(window);
        return m;
      }
      default: throw new Error(`unknown kind ${kind}`);
    }
  }

  /**
   * Every input the call needs, allocated first and only then read as arrays: a later
   * allocation may grow module memory and detach the views of the earlier ones.
   */
  many(specs, kind) {
    const taken = specs.map(([which, n]) => this.take(which, n, kind));
    return taken.map((x) => (x instanceof this.lib.ModuleArray ? x.array : x));
  }

  release() {
    for (const m of this.held) m.free();
    this.held.length = 0;
  }
}
