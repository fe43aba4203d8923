// Many short pairs in one call. rowwise and pairwise otherwise pay, per pair, a JS→WASM
// call, an accumulator reset and a read-back, which on 100-bin rows cost as much as the
// pass itself. Pair j reads p + j·pStride and q + j·qStride elements (a stride of 0
// repeats a row: broadcast), runs the same pass the single-pair functions run, and
// leaves its accumulator in out[j·PAIR_OUT …] for the wrapper to certify.
import { PARAM, SLOTS, setSlot, slot } from './common';
import { jsPass } from './jensen-shannon';
import { klPass, sumsPass } from './kl';

export const KL_PAIRS: i32 = 0;
export const SUMS_PAIRS: i32 = 1;
export const JS_PAIRS: i32 = 2;

/** Slots copied out per pair: the whole accumulator block (assembly/common.ts layout). */
const PAIR_OUT: i32 = SLOTS;

// @ts-ignore: decorator
@inline export function pairsPass<T>(
  kind: i32, p: usize, q: usize, pairs: i32, k: i32, pStride: i32, qStride: i32,
  params: usize, out: usize, acc: usize,
): void {
  for (let j = 0; j < pairs; j++) {
    for (let s = 0; s < SLOTS; s++) setSlot(acc, s, 0);
    // JS divergence: each pair's own 1/A, 1/B, A·2^-e, B·2^-e.
    if (kind == JS_PAIRS) {
      for (let s = 0; s < 4; s++) setSlot(acc, PARAM + s, load<f64>(params + (<usize>(4 * j + s) << 3)));
    }
    const pp = p + (<usize>j * <usize>pStride << alignof<T>());
    const qq = q + (<usize>j * <usize>qStride << alignof<T>());
    if (kind == KL_PAIRS) klPass<T>(pp, qq, k, acc);
    else if (kind == SUMS_PAIRS) sumsPass<T>(pp, qq, k, acc);
    else jsPass<T>(pp, qq, k, acc);
    const to = out + (<usize>(j * PAIR_OUT) << 3);
    for (let s = 0; s < SLOTS; s++) store<f64>(to + (<usize>s << 3), slot(acc, s));
  }
}
