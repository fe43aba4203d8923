// Row-wise passes on the WebAssembly backend: many (P[i], Q[i]) pairs per kernel call
// (assembly/pairs.ts) instead of one call per pair, which on short rows costs as much as
// the pass. Each pair gets exactly the pass and the certification the single-pair
// functions give it, so results are the same bit for bit; pairs that need more (a bad
// entry to name, a zero sum, a result the bound cannot certify) come back as NaN for
// the caller to send down the single-pair path.
import type { Rows } from '../bulk/matrix.js';
import { jsFromPass, klFromPass } from '../certify.js';
import type { WasmBackend } from './backend.js';
import { CHUNK } from './memory.js';

export type PairsKernel = (
  kind: number, p: number, q: number, pairs: number, k: number,
  pStride: number, qStride: number, params: number, out: number, acc: number,
) => void;

const KL = 0, SUMS = 1, JS = 2;
// The accumulator block per pair, as in assembly/common.ts.
const SLOTS = 16, S_HI = 0, S_LO = 1, A_HI = 2, A_LO = 3, B_HI = 4, B_LO = 5, BOUND = 6, INF = 8, NEGATIVE = 9;

interface Sums {
  S: number;
  A: number;
  B: number;
  bound: number;
  infinite: boolean;
  suspect: boolean;
}

function sumsAt(f64: Float64Array, at: number): Sums {
  const A = f64[at + A_HI]! + f64[at + A_LO]!;
  const B = f64[at + B_HI]! + f64[at + B_LO]!;
  return {
    S: f64[at + S_HI]! + f64[at + S_LO]!,
    A,
    B,
    bound: f64[at + BOUND]!,
    infinite: f64[at + INF]! > 0,
    suspect: f64[at + NEGATIVE]! !== 0 || !Number.isFinite(A) || !Number.isFinite(B),
  };
}

/**
 * KL(P[i]‖Q[i]) or JS(P[i], Q[i]) in nats for every row (Q of one row: broadcast), NaN
 * where the single-pair path must decide; undefined when rows do not fit in scratch.
 */
export function rowwiseWasm(b: WasmBackend, kind: 'kl' | 'js', P: Rows, Q: Rows, normalize: boolean): Float64Array | undefined {
  const k = P.cols;
  if (k === 0 || k > CHUNK) return undefined;
  const f32 = P.data instanceof Float32Array && Q.data instanceof Float32Array;
  const size = f32 ? 4 : 8;
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
      for (let j = 0; j < n; j++) out[r0 + j] = settleKl(sumsAt(f64, slotOut / 8 + j * SLOTS), normalize);
      continue;
    }
    kernel(SUMS, pAt, qAt, n, k, k, qStride, 0, slotOut, acc);
    let f64 = b.mem.views().f64;
    const usable: boolean[] = [];
    for (let j = 0; j < n; j++) {
      const { A, B, suspect } = sumsAt(f64, slotOut / 8 + j * SLOTS);
      const at = paramsAt / 8 + 4 * j;
      usable[j] = !suspect && (!normalize || (A > 0 && B > 0));
      if (normalize && usable[j]) {
        // As WasmBackend.js: one exact power of two keeps a·B and b·A finite.
        const scale = 2 ** -Math.floor(Math.log2(Math.max(A, B)));
        f64[at] = 1 / A;
        f64[at + 1] = 1 / B;
        f64[at + 2] = A * scale;
        f64[at + 3] = B * scale;
      } else {
        f64.fill(1, at, at + 4);
      }
    }
    kernel(JS, pAt, qAt, n, k, k, qStride, paramsAt, slotOut, acc);
    f64 = b.mem.views().f64;
    for (let j = 0; j < n; j++) {
      out[r0 + j] = usable[j] ? (jsFromPass(sumsAt(f64, slotOut / 8 + j * SLOTS)) ?? NaN) : NaN;
    }
  }
  return out;
}

/** The decisions of WasmBackend.kl, with NaN for "ask the single-pair path". */
function settleKl(r: Sums, normalize: boolean): number {
  if (r.suspect || (normalize && (r.A === 0 || r.B === 0))) return NaN;
  if (r.infinite) return Infinity;
  return klFromPass(r, normalize) ?? NaN;
}
