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

/** A worker's first message: the modules its caller compiled, to instantiate (not recompile). */
export interface Start {
  modules: Partial<Record<Flavor, WebAssembly.Module>>;
}

/** What a worker sends back: its block, or the error it threw (re-thrown on the caller). */
export type Reply =
  | { id: number; out: Float64Array }
  | { id: number; error: { name: string; message: string; argument?: string; index?: number } };
