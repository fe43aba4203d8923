import type { Engine } from '../engine/seam.js';
import type { Vector } from '../types.js';
import { loadPool } from './dispose.js';

/**
 * Inputs shorter than THREADS_MIN run on the calling thread whatever `threads` asks (the
 * call still returns a Promise). `threads: 'auto'` uses every core only where that was
 * measured to pay (bench/results/threads.md, Node 24, 2 cores), from AUTO_MIN elements:
 * - a reduction (KL, entropy, JS, …) on an engine whose module memory the workers share
 *   (claim.ts), whatever the inputs: at 1e6, 1.2–1.7× (allocF64 inputs 1.2–1.4×, plain
 *   ones 1.45–1.7×, far apart or nearly identical); below it a worker's wake-up (up to
 *   ~1 ms on this shared machine) eats the gain;
 * - otherwise, inputs already in a SharedArrayBuffer (KL 1.2–1.5×, JS 1.7–1.8× at
 *   1e6–1e7). Other inputs are copied for the workers, which costs about what the second
 *   core saves, so 'auto' keeps them on one thread; an explicit count still uses the workers.
 */
export const THREADS_MIN = 100_000;
export const AUTO_MIN = 1_000_000;

const isShared = (x: Vector): boolean =>
  typeof SharedArrayBuffer === 'function' && ArrayBuffer.isView(x) && x.buffer instanceof SharedArrayBuffer;

/**
 * How many parts a call with `{ threads: requested }` on inputs of length n is cut into
 * (1: here). `inPlace`: the engine the call runs on shares module memory with the workers.
 */
export function partsFor(requested: number | 'auto', n: number, inputs: Vector[], inPlace = false): number {
  if (requested === 'auto') return n >= AUTO_MIN && (inPlace || inputs.every(isShared)) ? Infinity : 1;
  return n >= THREADS_MIN ? requested : 1;
}

/**
 * Where a threaded call on inputs of length n runs: the pool, how many parts to cut the
 * input into and on how many workers (capped at the cores), or undefined for the calling
 * thread. Parts may exceed workers (a part waits for a free one): the cut never changes
 * the answer, and tests see it. `engine`: given for the reductions, which run in place
 * where it shares module memory with the workers.
 */
export async function workersFor(
  requested: number | 'auto', n: number, inputs: Vector[], engine?: Engine,
): Promise<{ pool: Awaited<ReturnType<typeof loadPool>>; parts: number; workers: number } | undefined> {
  const wanted = partsFor(requested, n, inputs, engine?.shared !== undefined);
  if (wanted <= 1) return undefined;
  const pool = await loadPool();
  const workers = await pool.availableThreads(wanted);
  return workers <= 1 ? undefined : { pool, parts: Number.isFinite(wanted) ? wanted : workers, workers };
}
