// The claim windows of a pass run in shared module memory (claim.ts): the pass's blocks
// are cut into one contiguous segment per thread, and each segment's still unclaimed
// blocks [front, back) are one i32 (front in the low half, back in the high half, block
// indices < 65536: a 4 GiB memory holds fewer), next to how far its elements are staged.
// The owner takes blocks from the front; a thread out of work takes the last staged
// block of another segment. Contiguous segments are measured to matter: two threads
// summing alternate blocks of the same arrays ran at 0.65× the speed of two halves
// (Node 24, 2 cores), so blocks change hands only at the end of a pass.

/** i32 per segment in the control area: the window, and the staged end (an element index). */
export const CONTROL_I32 = 2;

export const windowOf = (front: number, back: number): number => (front | (back << 16)) >>> 0;

/** The next block at the front of segment k's window, or −1 when it is empty. */
export function takeFront(control: Int32Array, k: number): number {
  for (;;) {
    const w = Atomics.load(control, k * CONTROL_I32);
    const front = w & 0xffff;
    const back = w >>> 16;
    if (front >= back) return -1;
    if (Atomics.compareExchange(control, k * CONTROL_I32, w, windowOf(front + 1, back) | 0) === w) return front;
  }
}

/**
 * The last block of some other segment than `self` whose elements are staged (it ends at
 * or before `ends[block]` ≤ that segment's staged end), or −1 when there is none.
 */
export function steal(control: Int32Array, segments: number, self: number, ends: ArrayLike<number>): number {
  for (let k = 0; k < segments; k++) {
    if (k === self) continue;
    for (;;) {
      const w = Atomics.load(control, k * CONTROL_I32);
      const front = w & 0xffff;
      const back = w >>> 16;
      if (front >= back || ends[back - 1]! > Atomics.load(control, k * CONTROL_I32 + 1)) break;
      if (Atomics.compareExchange(control, k * CONTROL_I32, w, windowOf(front, back - 1) | 0) === w) return back - 1;
    }
  }
  return -1;
}

/** Waits until segment k's elements are staged up to `to`. */
export function awaitStaged(control: Int32Array, k: number, to: number): void {
  const at = k * CONTROL_I32 + 1;
  for (let staged = Atomics.load(control, at); staged < to; staged = Atomics.load(control, at)) Atomics.wait(control, at, staged);
}
