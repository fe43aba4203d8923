// The passes of assembly/ in plain JS, over a range [from, to) of the inputs: what the JS
// engine runs, and the reference the kernels are tested against. Same sums, same forms:
// plain adds over blocks of 16 elements and compensated adds of the block sums (the
// kernels' structure and error bound, at a fraction of a per-element compensated add's
// cost). Each element is classified on its own, so the careful passes never need the
// kernels' group-wise log fallback (and report no BOUND).
import { Pass } from '../../../assembly/modes.js';
import { NEAR_S } from '../../../assembly/careful-constants.js';
import { nearJs, nearKl, numerator } from '../../numeric/careful.js';
import type { Vector } from '../../types.js';
import { SLOTS, Sums } from '../sums.js';
import { Sum } from '../../numeric/sum.js';
import { Slot } from '../../../assembly/modes.js';

const MIN_NORMAL = 2 ** -1022;
const MAX_FINITE = Number.MAX_VALUE;
const BLOCK = 16;

/** An accumulator block with each compensated sum's unevaluated pair in its slots (hi, hi + 1). */
function block(sums: [Slot, Sum][]): Float64Array {
  const out = new Float64Array(SLOTS);
  for (const [at, sum] of sums) {
    out[at] = sum.hi;
    out[at + 1] = sum.lo;
  }
  return out;
}

/** log(x/y) for x, y > 0 whose ratio may over- or underflow. */
function logQuotient(x: number, y: number): number {
  const r = x / y;
  return r >= MIN_NORMAL && r <= MAX_FINITE ? Math.log(r) : Math.log(x) - Math.log(y);
}

/**
 * The fast passes: S = Σ a·log(a/b) (FastKl), Σ a·log b (FastXlogy) or Σ a·log a
 * (FastXlogx) over a > 0, with A, B, Σ|term| and the count of a > 0 = b.
 */
export function fastPass(kind: Pass, p: Vector, q: Vector, from: number, to: number): Sums {
  const S = new Sum(), A = new Sum(), B = new Sum();
  let bound = 0;
  let inf = 0;
  let negative = false;
  const one = kind === Pass.FastXlogx;
  for (let start = from; start < to; start += BLOCK) {
    const end = Math.min(start + BLOCK, to);
    let s = 0, sa = 0, sb = 0;
    for (let i = start; i < end; i++) {
      const a = p[i]!;
      const b = one ? a : q[i]!;
      sa += a;
      sb += b;
      if (!(a >= 0 && b >= 0)) negative = true;
      if (!(a > 0) || kind === Pass.Sums) continue;
      if (b === 0) {
        inf++;
        continue;
      }
      const term = kind === Pass.FastKl ? a * logQuotient(a, b) : a * Math.log(b);
      s += term;
      bound += Math.abs(term);
    }
    S.add(s);
    A.add(sa);
    B.add(sb);
  }
  const out = block([[Slot.S_HI, S], [Slot.A_HI, A], [Slot.B_HI, one ? A : B]]);
  out[Slot.BOUND] = bound;
  out[Slot.INF] = inf;
  out[Slot.NEGATIVE] = negative ? 1 : 0;
  return new Sums(out);
}

/**
 * The careful passes (CarefulKl, CarefulJs, TotalVariation) for ρ′ = params[0] +
 * params[1] (= params[2]): the forms of assembly/careful.ts, with src/numeric/careful.ts
 * doing the arithmetic of one element.
 */
export function carefulPass(kind: Pass, p: Vector, q: Vector, from: number, to: number, params: ArrayLike<number>): Sums {
  const rh = params[0]!, rm = params[1]!, rho = params[2]!;
  const S = new Sum(), N = new Sum(), A = new Sum(), B = new Sum(), X = new Sum();
  let inf = 0;
  let far = 0;
  let negative = false;
  for (let start = from; start < to; start += BLOCK) {
    const end = Math.min(start + BLOCK, to);
    let s = 0, n = 0, sa = 0, sb = 0, sx = 0;
    for (let i = start; i < end; i++) {
      const a = p[i]!;
      const b = q[i]!;
      if (kind === Pass.CarefulKl) {
        // As the kernels: KL sums its inputs; JS and total variation have had a Sums pass.
        sa += a;
        sb += b;
        if (!(a >= 0 && b >= 0)) negative = true;
      }
      const x = a * rho;
      const near = !(Math.abs(x - b) > (x + b) * NEAR_S);
      const num = near || kind === Pass.TotalVariation ? numerator(a, b, rh, rm) : x - b;
      n += num;
      if (kind === Pass.TotalVariation) {
        s += Math.abs(num);
        sx += num < 0 ? -a : a;
        continue;
      }
      const den = x + b;
      if (near) {
        s += kind === Pass.CarefulKl ? nearKl(den, num) : nearJs(den, num);
        continue;
      }
      far++;
      if (kind === Pass.CarefulKl) {
        if (x === 0) s += b;
        else if (b === 0) inf++;
        else s += x * logQuotient(x, b) - x + b;
      } else {
        s += (x > 0 ? 2 * x * logQuotient(2 * x, den) : 0) + (b > 0 ? 2 * b * logQuotient(2 * b, den) : 0);
      }
    }
    S.add(s);
    N.add(n);
    A.add(sa);
    B.add(sb);
    X.add(sx);
  }
  const out = block([[Slot.S_HI, S], [Slot.N_HI, N], [Slot.A_HI, A], [Slot.B_HI, B], [Slot.AUX_HI, X]]);
  out[Slot.INF] = inf;
  out[Slot.FAR] = far;
  out[Slot.NEGATIVE] = negative ? 1 : 0;
  return new Sums(out);
}

/**
 * The Hellinger pass (assembly/hellinger.ts) for ρ′ = params[0] + params[1] (= params[2]):
 * S = Σ t², t = (a·ρ′ − b)/(√x + √b), x = a·ρ′; N = Σ (a·ρ′ − b); D = Σ t·√x; AUX = Σ √x·√b.
 */
export function hellingerPass(p: Vector, q: Vector, from: number, to: number, params: ArrayLike<number>): Sums {
  const rh = params[0]!, rm = params[1]!, rho = params[2]!;
  const S = new Sum(), N = new Sum(), D = new Sum(), X = new Sum();
  for (let start = from; start < to; start += BLOCK) {
    const end = Math.min(start + BLOCK, to);
    let s = 0, n = 0, d = 0, x = 0;
    for (let i = start; i < end; i++) {
      const a = p[i]!;
      const b = q[i]!;
      const num = numerator(a, b, rh, rm);
      const rx = Math.sqrt(a * rho);
      const rb = Math.sqrt(b);
      const t = num / Math.max(rx + rb, MIN_NORMAL);
      s += t * t;
      n += num;
      d += t * rx;
      x += rx * rb;
    }
    S.add(s);
    N.add(n);
    D.add(d);
    X.add(x);
  }
  return new Sums(block([[Slot.S_HI, S], [Slot.N_HI, N], [Slot.D_HI, D], [Slot.AUX_HI, X]]));
}
