// precision: 'single' — the f32-lane passes for Float32Array input, where the engine has
// them (the SIMD module). A pass that needed any special lane, met a zero in Q, or saw
// a bad entry gives up: the double plan then runs and settles everything as usual.
import type { Pass } from '../../assembly/modes.js';
import type { Engine } from '../engine/seam.js';
import type { Sums } from '../engine/sums.js';
import type { FastPass } from '../numeric/certify.js';
import type { Vector } from '../types.js';

/**
 * Absolute error per element from f32 underflow: a term a·log(a/b) that lands below
 * 2^-126 keeps only whole multiples of 2^-149, and so can each of the two f32 adds that
 * join four terms; each rounding is off by at most half of that, so 2^-149 per element
 * covers all three with room. (The relative bound alone would let p = [1, 3]·8·2^-149
 * against q = [3, 1]·8·2^-149 through 9% wrong.)
 */
const UNDERFLOW_PER_ELEMENT = 2 ** -148;

/** Inputs longer than this are tried on their head first (see singlePass). */
const HEAD = 16320;

/**
 * The f32 pass's sums with the absolute underflow budget as `floor`, or undefined when
 * there is no such pass, it gave up, or `certify` rejects the head: for inputs longer
 * than two heads the first HEAD elements go first, and when their own result already
 * fails the single-precision bound (nearly identical P and Q, typically) the whole
 * input is left to the double plan, instead of paying for a wasted f32 pass first.
 */
export function singlePass(
  engine: Engine,
  kind: Pass.FastKl | Pass.FastXlogx,
  p: Vector,
  q: Vector,
  certify: (s: FastPass) => number | undefined,
): FastPass | undefined {
  const single = engine.single;
  if (!single || !(p instanceof Float32Array && q instanceof Float32Array)) return undefined;
  const n = p.length;
  const run = (from: number, to: number): Sums | undefined => {
    const s = single(kind, p.subarray(from, to), q === p ? p.subarray(from, to) : q.subarray(from, to));
    return s.negative || s.special > 0 || s.inf > 0 || !s.finite ? undefined : s;
  };
  let s: Sums | undefined;
  if (n > 2 * HEAD) {
    const head = run(0, HEAD);
    if (head === undefined || !(head.A > 0) || certify(withFloor(head, HEAD)) === undefined) return undefined;
    const rest = run(HEAD, n);
    s = rest && head.copy().merge(rest);
  } else {
    s = run(0, n);
  }
  return s && s.finite && s.A > 0 ? withFloor(s, n) : undefined;
}

function withFloor(s: Sums, n: number): FastPass {
  return { S: s.S, A: s.A, B: s.B, bound: s.bound, floor: n * UNDERFLOW_PER_ELEMENT };
}
