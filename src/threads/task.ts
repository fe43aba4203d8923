import type { Pass } from '../../assembly/modes.js';
import type { Axis } from '../binning/axis.js';
import type { EngineName, Rows } from '../engine/seam.js';
import type { Flavor } from '../engine/wasm/loader.js';
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

/** A worker's first message: the modules its caller compiled, to instantiate (not recompile). */
export interface Start {
  modules: Partial<Record<Flavor, WebAssembly.Module>>;
}

/** What a worker sends back: its block, or the error it threw (re-thrown on the caller). */
export type Reply =
  | { id: number; out: Float64Array }
  | { id: number; error: { name: string; message: string; argument?: string; index?: number } };
