// Runs a measure's plan (measure.ts) over one pair of inputs, chunk by chunk, and settles
// the result in one place, in this order:
//   1. an entry that is negative, NaN or ±∞ is an error naming it (the passes only flag);
//   2. an all-zero input is an error when normalising;
//   3. +∞ where P has mass Q lacks (KL, cross-entropy);
//   4. the first pass's result where its own bound certifies it;
//   5. else the careful pass, whose result is accurate by construction.
// rowwise and pairwise run the same plans over many pairs at once (pairs.ts).
import { Pass } from '../../assembly/modes.js';
import { CHUNK } from '../engine/chunk.js';
import type { Engine } from '../engine/seam.js';
import type { Sums } from '../engine/sums.js';
import type { Vector } from '../types.js';
import { explainInvalid, type Resolved } from '../validate.js';
import type { CarefulPlan, Measure, Plan } from './measure.js';
import { writeParams } from '../numeric/careful.js';
import { inRange, scaledNats } from './scaled.js';

/**
 * Chunks per block: a pass over more than one block sums each block on its own (from a
 * fresh accumulator) and merges the blocks' sums in order. A block is the unit threads
 * split an input into (src/threads/reduce.ts), so the merge, and the answer, is the same
 * to the bit for every thread count, and for a call without threads.
 */
export const BLOCK_CHUNKS = 4;

/** One pass a plan asks for: its kind, over chunks [c0, c1), with the careful parameters. */
export interface PassRequest {
  kind: Pass;
  c0: number;
  c1: number;
  params?: Float64Array;
}

/** A plan's steps: each yields the pass it needs next and is resumed with its sums. */
export type Steps = Generator<PassRequest, number | typeof RESCALE, Sums>;

/** Sums of a request over the inputs on one engine: block by block, merged in order. */
export function passOver(engine: Engine, p: Vector, q: Vector, { kind, c0, c1, params }: PassRequest): Sums {
  let total: Sums | undefined;
  for (const [from, to] of blocksOf(c0, c1, p.length)) {
    const s = engine.pass(kind, p, q, from, to, params);
    total = total ? total.merge(s) : s;
  }
  return total!;
}

/**
 * The element ranges of the blocks of chunks [c0, c1) of an n-element input, counted
 * from c0: the one definition every thread count cuts by (src/threads/worker.ts too).
 */
export function blocksOf(c0: number, c1: number, n: number): [number, number][] {
  const out: [number, number][] = [];
  for (let b = c0; b < c1; b += BLOCK_CHUNKS) out.push([b * CHUNK, Math.min(Math.min(b + BLOCK_CHUNKS, c1) * CHUNK, n)]);
  return out;
}

/** Runs a plan's steps on the calling thread. */
function drive(engine: Engine, p: Vector, q: Vector, steps: Steps): number | typeof RESCALE {
  let r = steps.next();
  while (!r.done) r = steps.next(passOver(engine, p, q, r.value));
  return r.value;
}

/** Runs a plan's steps with each pass answered by `run` (the worker threads). */
async function driveAsync(steps: Steps, run: (r: PassRequest) => Promise<Sums>, here: (r: PassRequest) => Sums): Promise<number | typeof RESCALE> {
  let r = steps.next();
  // A request of one block (the adaptive plans' first look at chunk 0) is answered here,
  // with no round trip: the same engine sums the same block the same way.
  while (!r.done) r = steps.next(r.value.c1 - r.value.c0 <= BLOCK_CHUNKS ? here(r.value) : await run(r.value));
  return r.value;
}

const chunksOf = (n: number): number => Math.max(1, Math.ceil(n / CHUNK));

/** What errors call the two inputs: p and q, or the rows of a bulk call ("P[3]"). */
export type Names = readonly [string, string];
const PQ: Names = ['p', 'q'];

/** What screen() returns for valid inputs on scales the passes cannot take (scaled.ts). */
export const RESCALE = 'rescale';

/**
 * Steps 1–3 on the totals of the inputs: throws for bad input, returns +∞ where due,
 * RESCALE where the totals are out of the passes' range (or overflowed: every entry is
 * finite, their sum is not), or undefined to go on. `inputs` names what the passes read
 * (p alone for entropy).
 */
export function screen(m: Measure, s: Sums, p: Vector, q: Vector, o: Resolved, names: Names = PQ, scaled = false): number | typeof RESCALE | undefined {
  const two = m.inputs === 2;
  const A = s.A;
  const B = s.B;
  if (s.negative || !s.finite || (o.normalize && (A === 0 || (two && B === 0)))) {
    explainInvalid(p, names[0], o.normalize);
    if (two) explainInvalid(q, names[1], o.normalize);
  }
  if (m.infiniteOnSupport && s.inf > 0) return Infinity;
  if (!scaled && !inRange(m, s, o)) return RESCALE;
  return undefined;
}

/** A careful plan's value, with its one strict rerun when the first answer asks for it. */
/** The careful pass's parameters from the totals of a first look at the data. */
function paramsOf(c: CarefulPlan, first: Sums, strict: boolean): { params: Float64Array; rho: number } {
  const params = new Float64Array(4);
  const rho = writeParams(params, 0, first.A, first.B, c.reference === 'one', strict);
  return { params, rho };
}

function* carefulValue(
  m: Measure, plan: Plan, p: Vector, q: Vector, o: Resolved, ref: Sums, names: Names, scaled: boolean, totals?: Sums,
): Steps {
  const careful = plan.careful!;
  const chunks = chunksOf(p.length);
  const { params, rho } = paramsOf(careful, ref, false);
  const s = yield { kind: careful.pass, c0: 0, c1: chunks, params };
  // A 'careful' plan's pass leaves the totals to its first pass; KL's sums its inputs.
  const t = totals ?? s;
  const bad = screen(m, t, p, q, o, names, scaled);
  if (bad !== undefined) return bad;
  const v = careful.value(s, t, rho, o, false);
  if (v !== undefined) return v;
  const strict = paramsOf(careful, t, true);
  const again = yield { kind: careful.pass, c0: 0, c1: chunks, params: strict.params };
  const t2 = totals ?? again;
  if (careful.exact) return careful.value(again, t2, strict.rho, o, false) ?? careful.exact(p, q);
  return careful.value(again, t2, strict.rho, o, true)!;
}

/** The measure of p and q in nats, on `engine`. Shapes are validated by the caller. */
export function natsOf(m: Measure, engine: Engine, p: Vector, q: Vector, o: Resolved, names: Names = PQ): number {
  const v = drive(engine, p, q, settle(m, engine, p, q, o, names, false));
  if (v === RESCALE) return rescaled(m, engine, p, q, o, names);
  return nearUnderflow(m, v, p, q, o) ? rescaled(m, engine, p, q, o, names, true) : v;
}

/**
 * natsOf with the passes of more than one block run by `run` (on worker threads), the
 * rest here: the same steps, the same blocks, so the same answer to the bit.
 */
export async function natsOfAsync(m: Measure, engine: Engine, p: Vector, q: Vector, o: Resolved, run: (r: PassRequest) => Promise<Sums>): Promise<number> {
  const v = await driveAsync(settle(m, engine, p, q, o, PQ, false), run, (r) => passOver(engine, p, q, r));
  // Inputs that need rescaling are rare: they settle here, on this thread.
  if (v === RESCALE) return rescaled(m, engine, p, q, o, PQ);
  return nearUnderflow(m, v, p, q, o) ? rescaled(m, engine, p, q, o, PQ, true) : v;
}

/** Valid inputs on scales the passes cannot take: powers of two bring them in (scaled.ts). */
function rescaled(m: Measure, engine: Engine, p: Vector, q: Vector, o: Resolved, names: Names, upOnly = false): number {
  return scaledNats(m, engine, p, q, o, (m2, e, ps, qs, o2) => drive(e, ps, qs, settle(m2, e, ps, qs, o2, names, true)) as number, upOnly);
}

/** The careful measures, whose passes form products a·ρ′ and near-form quotients of the entries. */
const CAREFUL = new Set<Measure['name']>(['kl', 'jsDivergence', 'jsDistance', 'totalVariation']);
/**
 * What one element's intermediates in the subnormals may cost, absolute, in the inputs'
 * units: a product a·ρ′ that rounds there (a unit of 2^-1074 or two, times a log factor
 * below 1500 for KL), or a near form whose x + b is below 2^-1022 (the kernels' quotient
 * s is then formed against 2^-1022: up to (x + b)/256). 2^-1021 covers both.
 */
const SUBNORMAL_LOSS = 2 ** -1021;

/**
 * Is v (in range, not rescaled) too close to what intermediates in the subnormals may
 * cost to keep the promise (1e-12 relative, a few units of 2^-1074)? That cost is
 * SUBNORMAL_LOSS per element, over min(1, A, B) for normalised values (shares are the
 * entries over their totals: totals of 2^-20 make a loss in the entries 2^20 units in the
 * result; TV of a pair with B = 3.8e-6 came out 2.5 times its exact 6.5e-319, and 0 for
 * 1.2e-269 with B = 1.8e-55). Such results run again on copies whose totals are brought
 * up to 2^190 (exact), where every share down to 2^-1074 is a normal double. Identical P
 * and Q are exactly 0 (KL, JS, TV): they never pay for the copies.
 */
function nearUnderflow(m: Measure, v: number, p: Vector, q: Vector, o: Resolved): boolean {
  if (!CAREFUL.has(m.name) || !Number.isFinite(v)) return false;
  const n = p.length;
  // In range, min(1, A, B) ≥ 2^-200: most results are far above this at once.
  if (!(Math.abs(v) < 1e12 * n * SUBNORMAL_LOSS * 2 ** 200)) return false;
  let same = true;
  for (let i = 0; i < n && same; i++) same = p[i] === q[i];
  if (same) return false;
  let A = 0;
  let B = 0;
  let minP = Infinity;
  let minQ = Infinity;
  for (let i = 0; i < n; i++) {
    const a = p[i]!;
    const b = q[i]!;
    A += a;
    B += b;
    if (a > 0 && a < minP) minP = a;
    if (b > 0 && b < minQ) minQ = b;
  }
  // No intermediate reaches the subnormals when every entry, and every a·ρ′ (ρ′ ≈ B/A),
  // stays well above them: then nothing was lost (P proportional to Q, KL exactly 0, is
  // the common case here, and must not pay for the copies: 2P against P took 40×).
  const rho = o.normalize ? B / A : 1;
  if (Math.min(minP * Math.min(1, rho), minQ) >= 2 ** -1000) return false;
  const scale = o.normalize ? Math.min(1, A, B) : 1;
  return Math.abs(v) < (1e12 * n * SUBNORMAL_LOSS) / scale;
}

/** The plan over p and q; RESCALE (never when `scaled`) for totals out of the passes' range. */
function* settle(m: Measure, engine: Engine, p: Vector, q: Vector, o: Resolved, names: Names, scaled: boolean): Steps {
  const plan = m.plan(o);
  if (o.single && plan.single) {
    const v = plan.single(engine, p, q, o);
    if (v !== undefined) return v;
  }
  const chunks = chunksOf(p.length);
  if (plan.kind === 'careful') {
    // The careful pass starts from the ratio of the totals, which must be right to a few
    // ulps (its correction is second order in the error): the totals of everything.
    const first = yield { kind: plan.first, c0: 0, c1: chunks };
    const bad = screen(m, first, p, q, o, names, scaled);
    if (bad !== undefined) return bad;
    return yield* carefulValue(m, plan, p, q, o, first, names, scaled, first);
  }
  if (plan.kind === 'fast') {
    const s = yield { kind: plan.first, c0: 0, c1: chunks };
    const bad = screen(m, s, p, q, o, names, scaled);
    if (bad !== undefined) return bad;
    return plan.certify!(s, o) ?? plan.fallback!(engine, p, q, o);
  }
  // Adaptive: the first pass on the first chunk. If that alone cannot certify itself (P
  // and Q nearly identical there), nearly identical inputs usually stay so: everything
  // goes to the careful pass, and the fast pass is not wasted on the rest.
  const head = yield { kind: plan.first, c0: 0, c1: 1 };
  if (head.inf === 0 && !head.negative && head.finite && head.A > 0 && head.B > 0 && plan.certify!(head, o) === undefined) {
    if (chunks === 1) {
      const bad = screen(m, head, p, q, o, names, scaled);
      if (bad !== undefined) return bad;
    }
    return yield* carefulValue(m, plan, p, q, o, head, names, scaled);
  }
  const total = chunks === 1 ? head : head.copy().merge(yield { kind: plan.first, c0: 1, c1: chunks });
  const bad = screen(m, total, p, q, o, names, scaled);
  if (bad !== undefined) return bad;
  return plan.certify!(total, o) ?? (yield* carefulValue(m, plan, p, q, o, total, names, scaled));
}
