// Shared pieces of the kernels: loading two lanes of f64 or f32 input as f64x2, the
// layout of the accumulator block the JS side reads back, and compensated adds.

import { Slot } from './modes';

/**
 * Accumulator block, f64 slots at `acc` (layout in modes.ts, shared with the wrapper).
 * Kernels add into it, so one block can collect a long input that the JS side streams
 * through scratch memory chunk by chunk.
 */
export const S_HI: i32 = Slot.S_HI; // main sum, compensated: S = hi + lo
export const S_LO: i32 = Slot.S_LO;
export const A_HI: i32 = Slot.A_HI; // Σ first input
export const A_LO: i32 = Slot.A_LO;
export const B_HI: i32 = Slot.B_HI; // Σ second input
export const B_LO: i32 = Slot.B_LO;
export const BOUND: i32 = Slot.BOUND; // Σ |term|: scales the rounding-error bound
export const SPECIAL: i32 = Slot.SPECIAL; // lanes the vector loop left to the scalar pass (count)
export const INF: i32 = Slot.INF; // how many a > 0 met b = 0 (the result is +∞)
export const NEGATIVE: i32 = Slot.NEGATIVE; // 1 if some input had its sign bit set (negative, −0 or NaN)
export const N_HI: i32 = Slot.N_HI; // careful passes: Σ (a·ρ′ − b)
export const FAR: i32 = Slot.FAR; // careful passes: groups that took the far branch
export const AUX_HI: i32 = Slot.AUX_HI; // a second compensated sum, where a pass needs one
export const D_HI: i32 = Slot.D_HI; // Hellinger: Σ t·√x
export const PARAM: i32 = Slot.PARAM; // inputs from the wrapper
export const SCRATCH: i32 = Slot.SCRATCH; // two slots kernels use to pass pairs between inline helpers
export const SLOTS: i32 = Slot.COUNT;

// @ts-ignore: decorator
@inline export function slot(acc: usize, i: i32): f64 {
  return load<f64>(acc + (<usize>i << 3));
}

// @ts-ignore: decorator
@inline export function setSlot(acc: usize, i: i32, v: f64): void {
  store<f64>(acc + (<usize>i << 3), v);
}

/** Neumaier add of x into the compensated pair at slots hi, hi + 1. */
// @ts-ignore: decorator
@inline export function addTo(acc: usize, hi: i32, x: f64): void {
  const s = slot(acc, hi);
  const t = s + x;
  const c = Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
  setSlot(acc, hi, t);
  setSlot(acc, hi + 1, slot(acc, hi + 1) + c);
}

/** Two elements at p[i], p[i + 1] as f64x2, from f64 or f32 storage. */
// @ts-ignore: decorator
@inline export function load2<T>(p: usize, i: i32): v128 {
  if (sizeof<T>() == 8) return v128.load(p + (<usize>i << 3));
  return f64x2.promote_low_f32x4(v128.load64_zero(p + (<usize>i << 2)));
}

// @ts-ignore: decorator
@inline export function load1<T>(p: usize, i: i32): f64 {
  return <f64>load<T>(p + (<usize>i << alignof<T>()));
}

/**
 * Both lanes set to the f64 (or i64) stored at `at`, a `memory.data` address. V8 (Node
 * 20) does not keep vector constants in registers across a loop: it rebuilds each one
 * from immediates at every use, three or four instructions, where this is one load
 * (vmovddup). So the hot loops take their constants from static data through this.
 */
// @ts-ignore: decorator
@inline export function splat(at: usize): v128 {
  return v128.load64_splat(at);
}

/** All four lanes set to the f32 (or i32) stored at `at`: `splat` for f32x4 loops. */
// @ts-ignore: decorator
@inline export function splat32(at: usize): v128 {
  return v128.load32_splat(at);
}

/** Sum of both lanes of v. */
// @ts-ignore: decorator
@inline export function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/**
 * Compensated vector accumulation (TwoSum per lane) of a block's plain partial sum, so
 * plain adds only ever run over short blocks.
 */
// @ts-ignore: decorator
@inline export function twoSumErr(s: v128, x: v128, t: v128): v128 {
  const z = f64x2.sub(t, s);
  return f64x2.add(f64x2.sub(s, f64x2.sub(t, z)), f64x2.sub(x, z));
}

/** Adds both lanes of a compensated vector pair (hi, lo) into slots hi, hi + 1. */
// @ts-ignore: decorator
@inline export function flush(acc: usize, slotHi: i32, hi: v128, lo: v128): void {
  addTo(acc, slotHi, f64x2.extract_lane(hi, 0));
  addTo(acc, slotHi, f64x2.extract_lane(hi, 1));
  addTo(acc, slotHi, hsum(lo));
}

export const MIN_NORMAL: f64 = 2.2250738585072014e-308;
export const MAX_FINITE: f64 = 1.7976931348623157e308;
export const AT_MIN_NORMAL = memory.data<f64>([MIN_NORMAL]);
export const AT_MAX_FINITE = memory.data<f64>([MAX_FINITE]);
export const AT_TWO = memory.data<f64>([2.0]);

/**
 * Validation on the cheap: the vector loops OR every input into `signs`, so a set sign
 * bit means a negative entry (or −0, or a NaN: the wrapper re-checks in JS). NaN and ∞
 * also make the sums non-finite, which the wrapper checks.
 */
// @ts-ignore: decorator
@inline export function noteSigns(acc: usize, signs: v128): void {
  if (i64x2.bitmask(signs) != 0) setSlot(acc, NEGATIVE, 1);
}
/** Vector iterations summed plainly before a compensated add: 64 elements. */
export const BLOCK: i32 = 32;
