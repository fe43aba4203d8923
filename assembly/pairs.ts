// Many short pairs in one call. rowwise and pairwise otherwise pay, per pair, a JS→WASM
// call, an accumulator reset and a read-back, which on 100-bin rows cost as much as the
// pass itself. Pair j reads k elements at p + pAt[j] and q + qAt[j] (element offsets,
// i32: rows of a matrix placed once, so a row met by many pairs is copied once), takes
// its own parameters from params + j·PARAMS, runs the same pass a single-pair call runs,
// and leaves its accumulator block at out + j·SLOTS for the wrapper to read.
import { PARAM, SLOTS, setSlot, slot } from './common';
import { runPass } from './passes';

/** Parameters per pair, copied into the block's PARAM slots before its pass. */
const PARAMS: i32 = 4;

export function pairsPass<T>(
  kind: i32, p: usize, q: usize, pairs: i32, k: i32, pAt: usize, qAt: usize,
  params: usize, out: usize, acc: usize,
): void {
  for (let j = 0; j < pairs; j++) {
    for (let s = 0; s < SLOTS; s++) setSlot(acc, s, 0);
    if (params != 0) {
      for (let s = 0; s < PARAMS; s++) setSlot(acc, PARAM + s, load<f64>(params + (<usize>(PARAMS * j + s) << 3)));
    }
    const pp = p + (<usize>load<i32>(pAt + (<usize>j << 2)) << alignof<T>());
    const qq = q + (<usize>load<i32>(qAt + (<usize>j << 2)) << alignof<T>());
    runPass<T>(kind, pp, qq, k, acc);
    const to = out + (<usize>(j * SLOTS) << 3);
    for (let s = 0; s < SLOTS; s++) store<f64>(to + (<usize>s << 3), slot(acc, s));
  }
}
