// `{ threads }` on one large pair: the plan (src/measures/settle.ts) runs here, and each
// pass it asks for is cut into its blocks, shared out to the workers in contiguous runs
// and merged back in order. A call without threads sums the very same blocks and merges
// them in the same order, so every thread count gives the same answer, to the bit.
import { CHUNK } from '../engine/chunk.js';
import type { Axis } from '../binning/axis.js';
import type { Counted, Engine } from '../engine/seam.js';
import { SLOTS, Sums } from '../engine/sums.js';
import type { Measure } from '../measures/measure.js';
import { BLOCK_CHUNKS, natsOfAsync, type PassRequest } from '../measures/settle.js';
import type { Vector } from '../types.js';
import type { Resolved } from '../validate.js';
import type { ModuleMemory } from '../engine/wasm/memory.js';
import { claimOnWorkers } from './claim.js';
import { canShareMemory } from '../engine/wasm/loader.js';
import { runPassTasks } from './pool.js';
import type { CountTask, ElementwiseTask, PassTask } from './task.js';

type Float = Float64Array | Float32Array;

/** SharedArrayBuffer is not even defined in pages that are not cross-origin isolated. */
const isShared = (b: ArrayBufferLike): boolean => typeof SharedArrayBuffer === 'function' && b instanceof SharedArrayBuffer;

/**
 * Shared buffers kept between calls, one per input: a fresh SharedArrayBuffer is zeroed
 * page by page by the system, which costs more than the copy into it. dispose() drops them.
 */
const cache: (SharedArrayBuffer | undefined)[] = [undefined, undefined];
/** Calls now using a cached buffer: a concurrent call gets a fresh one. */
let inUse = false;

export function dropSharedCopies(): void {
  cache[0] = cache[1] = undefined;
}

/** The input as workers will read it: in place if shared already, else copied into shared memory once per call. */
function forWorkers(x: Vector, slot: 0 | 1, reuse: boolean): Float {
  const f32 = x instanceof Float32Array;
  if ((x instanceof Float64Array || f32) && isShared(x.buffer)) return x;
  if (!canShareMemory) return f32 || x instanceof Float64Array ? x : Float64Array.from(x);
  const bytes = x.length * (f32 ? 4 : 8);
  let buffer = reuse ? cache[slot] : undefined;
  if (!buffer || buffer.byteLength < bytes) {
    buffer = new SharedArrayBuffer(bytes);
    if (reuse) cache[slot] = buffer;
  }
  const out = f32 ? new Float32Array(buffer, 0, x.length) : new Float64Array(buffer, 0, x.length);
  out.set(x);
  return out;
}

/**
 * Runs `body` with `share`, which puts an input where workers can read it: the cached
 * shared buffers unless a concurrent call holds them, released when `body` settles.
 */
async function sharing<T>(body: (share: (x: Vector, slot: 0 | 1) => Float) => Promise<T>): Promise<T> {
  const reuse = !inUse;
  inUse = true;
  try {
    return await body((x, slot) => forWorkers(x, slot, reuse));
  } finally {
    if (reuse) inUse = false;
  }
}

/**
 * What a task gets of an input for elements [from, to): the whole shared buffer (offset
 * 0: it is read in place), else a copy of the range (a view of a plain buffer would be
 * posted whole).
 */
function rangeOf(x: Float, from: number, to: number): { data: Float; offset: number } {
  return isShared(x.buffer) ? { data: x, offset: 0 } : { data: x.slice(from, to), offset: from };
}

/** Can claim.ts stage the inputs not already in module memory there (one block for all: the cautious reading)? */
function stagingFits(mem: ModuleMemory, p: Vector, q: Vector): boolean {
  const bytes = (x: Vector) => (mem.holds(x) ? 0 : x.length * (x instanceof Float32Array ? 4 : 8));
  return mem.fits(bytes(p) + (q === p ? 0 : bytes(q)));
}

/** The measure (nats) of one validated pair, each pass cut into `parts` on `workers` workers. */
export function reduceOnWorkers(m: Measure, engine: Engine, p: Vector, q: Vector, o: Resolved, parts: number, workers: number): Promise<number> {
  // Module memory shared with the workers: this thread works too, and nothing is cut up
  // front; unless staging the inputs there would pass wasm32's 4 GiB (two f64 inputs of
  // 2.7e8 elements): then they go to the workers as shared buffers, as on the JS engine.
  if (engine.shared && stagingFits(engine.shared, p, q)) return claimOnWorkers(m, engine as Engine & { shared: ModuleMemory }, p, q, o, workers - 1);
  const n = p.length;
  return sharing((share) => {
    const P = share(p, 0);
    const Q = q === p ? undefined : share(q, 1);
    const run = async ({ kind, c0, c1, params }: PassRequest): Promise<Sums> => {
      const blocks = Math.ceil((c1 - c0) / BLOCK_CHUNKS);
      const cuts = Math.min(parts, blocks);
      const tasks: PassTask[] = [];
      for (let k = 0; k < cuts; k++) {
        // Contiguous runs of whole blocks, as equal as they can be.
        const b0 = c0 + Math.floor((k * blocks) / cuts) * BLOCK_CHUNKS;
        const b1 = Math.min(c1, c0 + Math.floor(((k + 1) * blocks) / cuts) * BLOCK_CHUNKS);
        const lo = b0 * CHUNK;
        const hi = Math.min(b1 * CHUNK, n);
        const pr = rangeOf(P, lo, hi);
        const qr = Q && rangeOf(Q, lo, hi).data;
        tasks.push({ kind: 'pass', pass: kind, p: pr.data, q: qr, offset: pr.offset, n, c0: b0, c1: b1, params, engine: engine.name });
      }
      const replies = await runPassTasks(tasks, workers);
      let total: Sums | undefined;
      for (const r of replies) {
        for (let at = 0; at < r.length; at += SLOTS) {
          const s = new Sums(r, at);
          total = total ? total.merge(s) : s;
        }
      }
      return total!;
    };
    return natsOfAsync(m, engine, p, q, o, run);
  });
}

/**
 * relEntr / klDiv of one validated pair into `out`, in `parts` ranges cut at chunk
 * boundaries (where the call without threads cuts too: every element meets the same
 * vector lanes) on up to `workers` workers.
 */
export async function elementwiseOnWorkers(
  which: 'relEntr' | 'klDiv', engine: Engine, p: Vector, q: Vector, out: Float64Array, parts: number, workers: number,
): Promise<void> {
  const n = p.length;
  const chunks = Math.ceil(n / CHUNK);
  const cuts = Math.min(parts, chunks);
  await sharing(async (share) => {
    const P = share(p, 0);
    const Q = share(q, 1);
    const tasks: ElementwiseTask[] = [];
    for (let k = 0; k < cuts; k++) {
      const from = Math.floor((k * chunks) / cuts) * CHUNK;
      const to = Math.min(n, Math.floor(((k + 1) * chunks) / cuts) * CHUNK);
      const pr = rangeOf(P, from, to);
      tasks.push({ kind: 'elementwise', which, engine: engine.name, from, to, offset: pr.offset, p: pr.data, q: rangeOf(Q, from, to).data });
    }
    const replies = await runPassTasks(tasks, workers);
    replies.forEach((r, k) => out.set(r, tasks[k]!.from));
  });
}

/** A histogram's counts, its values cut into `parts` ranges on up to `workers` workers; sums of whole numbers, exact. */
export function countOnWorkers(engine: Engine, values: Vector, axis: Axis, parts: number, workers: number): Promise<Counted> {
  const n = values.length;
  const cuts = Math.min(parts, Math.ceil(n / CHUNK));
  return sharing(async (share) => {
    const V = share(values, 0);
    const tasks: CountTask[] = [];
    for (let k = 0; k < cuts; k++) {
      const from = Math.floor((k * n) / cuts);
      const to = Math.floor(((k + 1) * n) / cuts);
      const { data, offset } = rangeOf(V, from, to);
      tasks.push({ kind: 'count', values: data.subarray(from - offset, to - offset), axis, engine: engine.name });
    }
    const replies = await runPassTasks(tasks, workers);
    const counts = new Float64Array(axis.bins);
    let outside = 0;
    for (const r of replies) {
      for (let i = 0; i < axis.bins; i++) counts[i]! += r[i]!;
      outside += r[axis.bins]!;
    }
    return { counts, outside };
  });
}
