// Row-wise and pairwise passes on the WebAssembly backend: many row pairs per kernel call
// (assembly/pairs.ts) instead of one call per pair, which on short rows costs as much as
// the pass. Each pair gets exactly the pass and the certification the single-pair
// functions give it, so results are the same bit for bit. Row-wise, pairs that need
// more (a bad entry to name, a zero sum, a result the bound cannot certify) come back as
// NaN for the caller to send down the single-pair path; pairwise JS settles them here.
import type { Rows } from '../bulk/matrix.js';
import type { RowBlock } from '../backend.js';
import { jsFromPass, klFromPass } from '../certify.js';
import { jsNats, jsNormalizedCareful } from '../js/jensen-shannon.js';
import type { WasmBackend } from './backend.js';
import { readPass, SLOTS, writeJsParams, type PassResult } from './accumulator.js';
import { CHUNK } from './memory.js';

export type PairsKernel = (
  kind: number, p: number, q: number, pairs: number, k: number,
  pStride: number, qStride: number, params: number, out: number, acc: number,
) => void;

const KL = 0, SUMS = 1, JS = 2;

/**
 * KL(P[i]‖Q[i]) or JS(P[i], Q[i]) in nats for every row (Q of one row: broadcast), NaN
 * where the single-pair path must decide; undefined when rows do not fit in scratch.
 */
export function rowwiseWasm(b: WasmBackend, kind: 'kl' | 'js', P: Rows, Q: Rows, normalize: boolean): Float64Array | undefined {
  const k = P.cols;
  if (k === 0 || k > CHUNK) return undefined;
  const f32 = P.data instanceof Float32Array && Q.data instanceof Float32Array;
  const kernel = f32 ? b.ex.pairsF32 : b.ex.pairsF64;
  const broadcast = Q.rows === 1;
  const [slotP, slotQ, slotOut] = b.mem.slots;
  // Slot 2 holds each pair's accumulator block (16 f64), then its JS parameters (4).
  const chunk = Math.max(1, Math.min(Math.floor(CHUNK / k), Math.floor(CHUNK / (SLOTS + 4))));
  const paramsAt = slotOut + chunk * SLOTS * 8;
  const acc = b.mem.acc;
  const out = new Float64Array(P.rows);
  for (let r0 = 0; r0 < P.rows; r0 += chunk) {
    const n = Math.min(chunk, P.rows - r0);
    const pAt = b.place(P.data, r0 * k, n * k, slotP, f32);
    const qAt = broadcast ? b.place(Q.data, 0, k, slotQ, f32) : b.place(Q.data, r0 * k, n * k, slotQ, f32);
    const qStride = broadcast ? 0 : k;
    if (kind === 'kl') {
      kernel(KL, pAt, qAt, n, k, k, qStride, 0, slotOut, acc);
      const f64 = b.mem.views().f64;
      for (let j = 0; j < n; j++) out[r0 + j] = settleKl(readPass(f64, slotOut / 8 + j * SLOTS), normalize);
      continue;
    }
    kernel(SUMS, pAt, qAt, n, k, k, qStride, 0, slotOut, acc);
    let f64 = b.mem.views().f64;
    const usable: boolean[] = [];
    for (let j = 0; j < n; j++) {
      const { A, B, suspect } = readPass(f64, slotOut / 8 + j * SLOTS);
      usable[j] = !suspect && (!normalize || (A > 0 && B > 0));
      // As WasmBackend.js (unusable pairs get placeholder parameters and are sent back).
      writeJsParams(f64, paramsAt / 8 + 4 * j, usable[j] ? A : 1, usable[j] ? B : 1, normalize);
    }
    kernel(JS, pAt, qAt, n, k, k, qStride, paramsAt, slotOut, acc);
    f64 = b.mem.views().f64;
    for (let j = 0; j < n; j++) {
      out[r0 + j] = usable[j] ? (jsFromPass(readPass(f64, slotOut / 8 + j * SLOTS)) ?? NaN) : NaN;
    }
  }
  return out;
}

/** The decisions of WasmBackend.kl, with NaN for "ask the single-pair path". */
function settleKl(r: PassResult, normalize: boolean): number {
  if (r.suspect || (normalize && (r.A === 0 || r.B === 0))) return NaN;
  if (r.infinite) return Infinity;
  return klFromPass(r, normalize) ?? NaN;
}

/**
 * WasmBackend.jsRows: JS divergence (nats) of rows of P against rows of Q. Q stays in
 * module memory; each row of P is copied once, then paired with all of Q (from
 * firstRow + i on, for a symmetric matrix) in one kernel call, each pair's normalising
 * parameters laid out beforehand.
 */
export function jsRowsWasm(b: WasmBackend, P: RowBlock, Q: RowBlock, normalize: boolean, firstRow: number | undefined, out: Float64Array): void {
  const k = P.cols;
  const f32 = P.data instanceof Float32Array && Q.data instanceof Float32Array;
  const size = f32 ? 4 : 8;
  const mem = b.mem;
  const qAt = mem.allocate(Q.rows * k * size);
  const pAt = mem.allocate(k * size);
  const paramsAt = mem.allocate(Q.rows * 4 * 8);
  const outAt = mem.allocate(Q.rows * SLOTS * 8);
  const kernel = f32 ? b.ex.pairsF32 : b.ex.pairsF64;
  try {
    const place = (x: Float64Array | Float32Array, at: number) => {
      const v = mem.views();
      (f32 ? v.f32 : v.f64).set(x, at / size);
    };
    place(Q.data, qAt); // a Float32Array widens to f64 as it is set
    for (let i = 0; i < P.rows; i++) {
      const p = P.data.subarray(i * k, (i + 1) * k);
      place(p, pAt);
      const [A] = P.sums[i]!;
      const j0 = firstRow === undefined ? 0 : firstRow + i;
      let f64 = mem.views().f64;
      for (let j = j0; j < Q.rows; j++) {
        writeJsParams(f64, paramsAt / 8 + 4 * (j - j0), A, Q.sums[j]![0], normalize);
      }
      // Row p at stride 0 against rows j0… of Q.
      kernel(JS, pAt, qAt + j0 * k * size, Q.rows - j0, k, 0, k, paramsAt, outAt, mem.acc);
      f64 = mem.views().f64;
      for (let j = j0; j < Q.rows; j++) {
        const fast = jsFromPass(readPass(f64, outAt / 8 + SLOTS * (j - j0)));
        const q = Q.data.subarray(j * k, (j + 1) * k);
        out[i * Q.rows + j] =
          fast ?? (normalize ? jsNormalizedCareful(p, q, P.sums[i]!, Q.sums[j]!) : jsNats(p, q, false));
      }
    }
  } finally {
    mem.release(qAt, Q.rows * k * size);
    mem.release(pAt, k * size);
    mem.release(paramsAt, Q.rows * 4 * 8);
    mem.release(outAt, Q.rows * SLOTS * 8);
  }
}
