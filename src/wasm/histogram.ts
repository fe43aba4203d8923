// Histograms on the WebAssembly backend. Inputs stream through the backend's scratch
// slots in chunks (or are read in place when they already live in module memory), so
// module memory grows with the number of bins only, never with the input. The
// kernels count into i64 cells followed by eight dump cells for values outside the
// range (see assembly/histogram.ts); everything is released before returning.
import type { Axis } from '../js/histogram.js';
import type { Vector } from '../types.js';
import type { WasmBackend } from './backend.js';
import { CHUNK } from './memory.js';

type Count1 = (values: number, n: number, counts: number, lo: number, hi: number, scale: number, step: number, bins: number, tiny: number) => void;
type Count2 = (
  xs: number, ys: number, n: number, counts: number,
  xlo: number, xhi: number, xscale: number, xstep: number, xbins: number,
  ylo: number, yhi: number, yscale: number, ystep: number, ybins: number, tiny: number,
) => void;
type Range = (values: number, n: number, out: number) => void;

interface HistogramExports {
  histogramF64: Count1;
  histogramF32: Count1;
  histogram2dF64: Count2;
  histogram2dF32: Count2;
  finiteRangeF64: Range;
  finiteRangeF32: Range;
}

const DUMPS = 8;

const kernels = (b: WasmBackend) => b.ex as unknown as HistogramExports;

/** Runs `body` with zeroed count cells in module memory; returns them as f64 and the outsiders. */
function withCells(b: WasmBackend, cells: number, body: (at: number) => void): { counts: Float64Array; outside: number } {
  const bytes = (cells + DUMPS) * 8;
  const at = b.mem.allocate(bytes);
  try {
    b.mem.views().f64.fill(0, at / 8, at / 8 + cells + DUMPS);
    body(at);
    // i64 halves, low first; exact while a count stays below 2^53.
    const u32 = new Uint32Array(b.mem.memory.buffer, at, 2 * (cells + DUMPS));
    const counts = new Float64Array(cells);
    for (let i = 0; i < cells; i++) counts[i] = u32[2 * i]! + u32[2 * i + 1]! * 4294967296;
    let outside = 0;
    for (let i = cells; i < cells + DUMPS; i++) outside += u32[2 * i]! + u32[2 * i + 1]! * 4294967296;
    return { counts, outside };
  } finally {
    b.mem.release(at, bytes);
  }
}

/** `input` gives the values (through `pin`: allocating the counts may grow memory). */
export function countWasm(b: WasmBackend, input: () => Vector, a: Axis): { counts: Float64Array; outside: number } {
  const f32 = input() instanceof Float32Array;
  const kernel = f32 ? kernels(b).histogramF32 : kernels(b).histogramF64;
  const slot = b.mem.slots[0];
  // One input only: all three scratch slots (contiguous) serve as one chunk, a third of
  // the calls and copies' setup for the same memory.
  const chunk = 3 * CHUNK;
  return withCells(b, a.bins, (at) => {
    const values = input();
    for (let off = 0; off < values.length; off += chunk) {
      const len = Math.min(chunk, values.length - off);
      kernel(b.place(values, off, len, slot, f32), len, at, a.lo, a.hi, a.scale, a.step, a.bins, a.tiny);
    }
  });
}

export function count2dWasm(
  b: WasmBackend, inputX: () => Vector, inputY: () => Vector, ax: Axis, ay: Axis,
): { counts: Float64Array; outside: number } {
  // One kernel reads both inputs, so they share a float type: f32 only when both are.
  const f32 = inputX() instanceof Float32Array && inputY() instanceof Float32Array;
  const kernel = f32 ? kernels(b).histogram2dF32 : kernels(b).histogram2dF64;
  const [slotX, slotY] = b.mem.slots;
  const tiny = Math.max(ax.tiny, ay.tiny);
  return withCells(b, ax.bins * ay.bins, (at) => {
    const x = inputX();
    const y = inputY();
    for (let off = 0; off < x.length; off += CHUNK) {
      const len = Math.min(CHUNK, x.length - off);
      const xs = b.place(x, off, len, slotX, f32);
      const ys = b.place(y, off, len, slotY, f32);
      kernel(xs, ys, len, at, ax.lo, ax.hi, ax.scale, ax.step, ax.bins, ay.lo, ay.hi, ay.scale, ay.step, ay.bins, tiny);
    }
  });
}

/** [min, max] of the finite entries; [+∞, −∞] if there are none. */
export function finiteRangeWasm(b: WasmBackend, values: Vector): [number, number] {
  const f32 = values instanceof Float32Array;
  const kernel = f32 ? kernels(b).finiteRangeF32 : kernels(b).finiteRangeF64;
  // The accumulator block is free between passes; its first two slots carry min, max.
  const out = b.mem.acc;
  const f64 = b.mem.views().f64;
  f64[out / 8] = Infinity;
  f64[out / 8 + 1] = -Infinity;
  for (let off = 0; off < values.length; off += CHUNK) {
    const len = Math.min(CHUNK, values.length - off);
    kernel(b.place(values, off, len, b.mem.slots[0], f32), len, out);
  }
  const views = b.mem.views().f64;
  return [views[out / 8]!, views[out / 8 + 1]!];
}
