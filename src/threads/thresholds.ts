import type { Vector } from '../types.js';
import { loadPool } from './dispose.js';

/**
 * Inputs shorter than THREADS_MIN run on the calling thread whatever `threads` asks (the
 * call still returns a Promise). `threads: 'auto'` uses every core only where that was
 * measured to pay (bench/results/threads.md, Node 24, 2 cores): inputs already in a
 * SharedArrayBuffer, from AUTO_MIN elements (KL 1.2–1.5×, JS 1.7–1.8× at 1e6–1e7). For
 * other inputs the copy into shared memory costs about what the second core saves, so
 * 'auto' keeps them on one thread; an explicit count still uses the workers.
 */
export const THREADS_MIN = 100_000;
export const AUTO_MIN = 1_000_000;

const isShared = (x: Vector): boolean =>
  typeof SharedArrayBuffer === 'function' && ArrayBuffer.isView(x) && x.buffer instanceof SharedArrayBuffer;

/** How many parts a call with `{ threads: requested }` on inputs of length n is cut into (1: here). */
export function partsFor(requested: number | 'auto', n: number, ...inputs: Vector[]): number {
  if (requested === 'auto') return n >= AUTO_MIN && inputs.every(isShared) ? Infinity : 1;
  return n >= THREADS_MIN ? requested : 1;
}

/**
 * Where a threaded call on inputs of length n runs: the pool, how many parts to cut the
 * input into and on how many workers (capped at the cores), or undefined for the calling
 * thread. Parts may exceed workers (a part waits for a free one): the cut never changes
 * the answer, and tests see it.
 */
export async function workersFor(
  requested: number | 'auto', n: number, ...inputs: Vector[]
): Promise<{ pool: Awaited<ReturnType<typeof loadPool>>; parts: number; workers: number } | undefined> {
  const wanted = partsFor(requested, n, ...inputs);
  if (wanted <= 1) return undefined;
  const pool = await loadPool();
  const workers = await pool.availableThreads(wanted);
  return workers <= 1 ? undefined : { pool, parts: Number.isFinite(wanted) ? wanted : workers, workers };
}
