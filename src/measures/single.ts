// precision: 'single' — the f32-lane passes for Float32Array input, where the engine has
// them (the SIMD module). A pass that needed any special lane, met a zero in Q, or saw
// a bad entry gives up: the double plan then runs and settles everything as usual.
import type { Pass } from '../../assembly/modes.js';
import type { Engine } from '../engine/seam.js';
import type { Sums } from '../engine/sums.js';
import type { Vector } from '../types.js';

export function singlePass(engine: Engine, kind: Pass.FastKl | Pass.FastXlogx, p: Vector, q: Vector): Sums | undefined {
  if (!engine.single || !(p instanceof Float32Array && q instanceof Float32Array)) return undefined;
  const s = engine.single(kind, p, q);
  if (s.negative || s.special > 0 || s.inf > 0 || !s.finite || !(s.A > 0)) return undefined;
  return s;
}
