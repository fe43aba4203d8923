// The module's exports: every kernel for f64 and f32 input. Built twice from this one
// source (see asconfig.json): with SIMD, and scalar-only for engines without it.
// Pointers and lengths in, results in the accumulator block (layout in modes.ts).
import { runPass } from './passes';
import { pairsPass } from './pairs';
import { klDivKernel, relEntrKernel } from './elementwise';
import { vlog } from './log';
import { dotRows } from './dot';
import { klSinglePass, xlogxSinglePass } from './single';
import { Pass } from './modes';

/** One pass of `kind` (modes.ts `Pass`) over n elements of p and q. */
export function passF64(kind: i32, p: usize, q: usize, n: i32, acc: usize): void { runPass<f64>(kind, p, q, n, acc); }
export function passF32(kind: i32, p: usize, q: usize, n: i32, acc: usize): void { runPass<f32>(kind, p, q, n, acc); }

/** `pairs` passes of `kind` over rows at the element offsets pAt[j], qAt[j]: see pairs.ts. */
export function pairsF64(kind: i32, p: usize, q: usize, pairs: i32, k: i32, pAt: usize, qAt: usize, params: usize, out: usize, acc: usize): void {
  pairsPass<f64>(kind, p, q, pairs, k, pAt, qAt, params, out, acc);
}
export function pairsF32(kind: i32, p: usize, q: usize, pairs: i32, k: i32, pAt: usize, qAt: usize, params: usize, out: usize, acc: usize): void {
  pairsPass<f32>(kind, p, q, pairs, k, pAt, qAt, params, out, acc);
}

/** Opt-in single precision (f32 lanes, f64 sums) for Float32Array input: FastKl or FastXlogx. */
export function singleF32(kind: i32, p: usize, q: usize, n: i32, acc: usize): void {
  if (kind == Pass.FastKl) klSinglePass(p, q, n, acc);
  else xlogxSinglePass(p, n, acc);
}

// Elementwise kernels for f32 too: widening f32 input while copying it into scratch
// cost them 5% end to end (bench/compare.mjs, Node 24), for 0.9 KB of the gzipped binary.
export function relEntrF64(p: usize, q: usize, out: usize, n: i32): void { relEntrKernel<f64>(p, q, out, n); }
export function klDivF64(p: usize, q: usize, out: usize, n: i32): void { klDivKernel<f64>(p, q, out, n); }
export function relEntrF32(p: usize, q: usize, out: usize, n: i32): void { relEntrKernel<f32>(p, q, out, n); }
export function klDivF32(p: usize, q: usize, out: usize, n: i32): void { klDivKernel<f32>(p, q, out, n); }

/** First byte the kernels' own data does not use: the JS side owns memory from here. */
export function heapBase(): usize { return __heap_base; }

/** Natural log of n f64 values, elementwise: exposes the vector log to its ulp test. */
export function logF64(src: usize, dst: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 2 <= n; i += 2) v128.store(dst + (<usize>i << 3), vlog(v128.load(src + (<usize>i << 3))));
  }
  for (; i < n; i++) store<f64>(dst + (<usize>i << 3), Math.log(load<f64>(src + (<usize>i << 3))));
}
export { logF32 } from './single';

/**
 * out[i·rb + j] = Σ_k a[i][k]·b[j][k] over f64 rows (f32 rows of a are widened as the
 * engine copies them in: each row is reused rb times, so the widening is noise).
 */
export function dotRowsF64(a: usize, b: usize, ra: i32, rb: i32, cols: i32, out: usize): void { dotRows<f64>(a, b, ra, rb, cols, out); }
export { histogramF64, histogramF32, histogram2dF64, histogram2dF32, finiteRangeF64, finiteRangeF32 } from './histogram';
export { edgeCountsF64, edgeCountsF32 } from './edges';
