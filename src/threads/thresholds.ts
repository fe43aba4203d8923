import type { Vector } from '../types.js';

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
