import type { Pass } from '../../assembly/modes.js';
import type { Axis } from '../binning/axis.js';
import type { EngineName, Rows } from '../engine/seam.js';
import type { Compiled, Flavor } from '../engine/wasm/loader.js';
import type { Outside } from '../binning/counts.js';
import type { ColumnSpecData } from '../drift/count.js';
import type { BulkMeasure } from '../measures/table.js';
import type { Resolved } from '../validate.js';

/** One worker's share of a bulk call: rows [from, to) of P, options already resolved. */
export interface Task {
  kind: 'pairwise' | 'rowwise';
  measure: BulkMeasure;
  P: Rows;
  Q: Rows | undefined;
  o: Resolved;
  from: number;
  to: number;
  /** The engine the caller forced with setBackend(), if any: the worker forces it too. */
  engine: EngineName | undefined;
}

/**
 * One worker's share of a pass over one large pair: blocks of chunks [c0, c1) (block
 * boundaries from the request's first chunk, src/measures/settle.ts), each summed on its
 * own. `p` and `q` hold elements [offset, …) of the inputs: the whole input when shared,
 * else a copy of this share's range; `q` undefined: the pass reads p alone.
 */
export interface PassTask {
  kind: 'pass';
  pass: Pass;
  p: Float64Array | Float32Array;
  q: Float64Array | Float32Array | undefined;
  offset: number;
  /** Length of the whole input. */
  n: number;
  c0: number;
  c1: number;
  params: Float64Array | undefined;
  /** The engine the calling thread chose for the whole input. */
  engine: EngineName;
}

/** One worker's share of relEntr / klDiv: elements [from, to), `p`, `q` starting at `offset`. */
export interface ElementwiseTask {
  kind: 'elementwise';
  which: 'relEntr' | 'klDiv';
  p: Float64Array | Float32Array;
  q: Float64Array | Float32Array;
  offset: number;
  from: number;
  to: number;
  engine: EngineName;
}

/** One worker's share of a histogram: its values, counted on `axis`. */
export interface CountTask {
  kind: 'count';
  values: Float64Array | Float32Array;
  axis: Axis;
  engine: EngineName;
}

/** Where an input lives in the caller's shared module memory: its byte offset and type. */
export interface InPlace {
  at: number;
  f32: boolean;
}

/**
 * A worker's part in a pass over one large pair in the caller's shared module memory
 * (src/threads/claim.ts): it takes the blocks of its segment of chunks [c0, c1) one at a
 * time, waiting until the caller has staged each, then staged blocks from the ends of
 * other segments, writing each block's sums to `results`, until none is left.
 */
export interface ClaimTask {
  kind: 'claim';
  pass: Pass;
  params: Float64Array | undefined;
  p: InPlace;
  /** Undefined: the pass reads p alone. */
  q: InPlace | undefined;
  n: number;
  c0: number;
  c1: number;
  /** Segment k of the pass's blocks is [bounds[k], bounds[k + 1]); segment 0 is the caller's. */
  bounds: number[];
  /** This worker's segment (set per worker). */
  segment: number;
  /** Byte offset of the claim windows and staged ends, two i32 per segment (windows.ts). */
  control: number;
  /** Byte offset of the blocks' sums, SLOTS f64 each, in block order. */
  results: number;
  engine: 'wasm-simd' | 'wasm';
  /** The caller's memory, and this worker's accumulator and scratch region in it. */
  guest: { memory: WebAssembly.Memory; region: number };
}

/**
 * A worker's share of a threaded drift() call (src/drift/drift.ts): its rows of each
 * current column, counted into that column's bins or categories (src/drift/count.ts);
 * the reply's `json` holds the counts, which the caller merges.
 */
export interface DriftTask {
  kind: 'drift';
  names: string[];
  specs: ColumnSpecData[];
  columns: ArrayLike<unknown>[];
  outside: Outside;
  /** The table row of this shard's first row (errors name rows of the whole table). */
  offset: number;
}

/**
 * For tests only (pool.ts faultsForTests): how a worker fails at its next task, at the
 * start of it or, in a claim task, right after its first claim (holding a block when
 * there was one): 'exit' stops the worker (process.exit(3); in a page, where nobody would
 * hear of that, it stalls instead), 'uncaught' throws outside the task, 'thrown' throws
 * inside it (as a WebAssembly trap would), 'stall' never replies.
 */
export type Fault = 'exit' | 'uncaught' | 'thrown' | 'stall';

/** A worker's first message: the modules its caller compiled, to instantiate (not recompile). */
export interface Start {
  modules: Partial<Record<Flavor, Compiled>>;
}

/** What a worker sends back: its block, or the error it threw (re-thrown on the caller). */
export type Reply =
  | { id: number; out: Float64Array; json?: string }
  | { id: number; error: { name: string; message: string; argument?: string; index?: number } };
