// The memory floor: the physical limit of reading a case's inputs once, in module memory,
// with SIMD. It is the library's own sums pass — assembly/fast.ts `sumsPass`, `Pass.Sums`
// of assembly/modes.ts, the pass JS divergence runs first for Σp and Σq: six streams of
// f64x2 (or f32 widened) loads, plain adds within blocks of 64 elements, compensated adds
// of the block sums, and the sign check; no logarithm — taken from the same SIMD binary
// the built package runs (bench/floor-binary.mjs finds it in dist/), in an instance of its
// own, over copies of the case's arrays placed in that instance's memory once per size.
// No export of the package reaches the pass, so the bench calls the module's `passF64` /
// `passF32(kind, p, q, n, acc)` itself, as src/engine/wasm/engine.ts does. Runs in Node
// and in the Chromium page alike.

// assembly/modes.ts: Pass.Sums and the accumulator block's slots (f64 indices).
const PASS_SUMS = 3;
const SLOT = { S_HI: 0, A_HI: 2, A_LO: 3, B_HI: 4, B_LO: 5, BOUND: 6, NEGATIVE: 9, COUNT: 24 };
const ACC_BYTES = 256;
const ALIGN = 64;
const PAGE = 65536;
const align = (x) => Math.ceil(x / ALIGN) * ALIGN;

/**
 * The floor over an instance of the SIMD binary. `runner(size, p, q)` places p (and q) in
 * module memory — once per size: a new size starts the heap again, as the runner drops
 * the previous size's inputs before it makes the next — and returns a function of no
 * arguments that runs one sums pass and returns [Σp, Σq]. Without q it returns [Σp]: the
 * same pass with p's two halves as its two streams, so that every element is loaded once
 * (the floor of one-input measures; q = p would load each twice). The answer array is
 * made once per runner, so a call allocates nothing.
 */
export function makeFloor(instance, source) {
  const ex = instance.exports;
  for (const name of ['memory', 'heapBase', 'passF64', 'passF32']) {
    if (!(name in ex)) throw new Error(`the SIMD module has no export '${name}'`);
  }
  const acc = align(ex.heapBase());
  const heap = acc + ACC_BYTES;
  let top = heap;
  let held;
  let copies = new Map();
  let block;
  const slots = () => {
    if (block?.buffer !== ex.memory.buffer) block = new Float64Array(ex.memory.buffer, acc, SLOT.COUNT);
    return block;
  };
  const place = (size, x) => {
    if (held !== size) [held, copies, top] = [size, new Map(), heap];
    if (!copies.has(x)) {
      const at = top;
      top = align(at + x.byteLength);
      const missing = top - ex.memory.buffer.byteLength;
      if (missing > 0) ex.memory.grow(Math.ceil(missing / PAGE));
      new x.constructor(ex.memory.buffer, at, x.length).set(x);
      copies.set(x, at);
    }
    return copies.get(x);
  };
  return {
    /** Where the binary came from (for the report). */
    source,
    runner(size, p, q) {
      const kernel = p instanceof Float32Array ? ex.passF32 : ex.passF64;
      const pAt = place(size, p);
      // One input: its halves [0, h) and [h, 2h), and an odd length's last entry in JS.
      const n = q ? p.length : p.length >> 1;
      const qAt = q ? place(size, q) : pAt + n * p.BYTES_PER_ELEMENT;
      const tail = !q && p.length % 2 ? p[p.length - 1] : 0;
      const out = new Float64Array(q ? 2 : 1);
      return () => {
        const f = slots();
        f.fill(0);
        kernel(PASS_SUMS, pAt, qAt, n, acc);
        // The sums pass computes no main sum and no bound: a pass that took logs would.
        if (f[SLOT.S_HI] !== 0 || f[SLOT.BOUND] !== 0) throw new Error('the floor ran some other pass than Sums');
        if (f[SLOT.NEGATIVE] !== 0) throw new Error('the floor saw a negative entry');
        if (q) {
          out[0] = f[SLOT.A_HI] + f[SLOT.A_LO];
          out[1] = f[SLOT.B_HI] + f[SLOT.B_LO];
        } else {
          out[0] = f[SLOT.A_HI] + f[SLOT.B_HI] + (f[SLOT.A_LO] + f[SLOT.B_LO] + tail);
        }
        return out;
      };
    },
  };
}

/** Σ x, compensated (Neumaier): the reference the floor's answer is checked against. */
export function exactSum(x) {
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

/** The floor from the binary's bytes, compiled asynchronously (the page must: Chromium refuses large synchronous compiles). */
export async function floorFromBytes(bytes, source) {
  // The module imports its memory (scripts/build-wasm.mjs): an ordinary one, of the one
  // page its static data needs (more would be accepted too), grown as the floor places arrays.
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536 });
  const { instance } = await WebAssembly.instantiate(bytes, { env: { memory } });
  return makeFloor(instance, source);
}
