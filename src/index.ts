import { registerBackends } from './register.js';
import { init } from './wasm/loader.js';

registerBackends();

/**
 * Resolves once the WebAssembly kernels are compiled, or known to be unavailable (then
 * the JS backend answers). Node needs no wait; browsers compile in the background from
 * import on, and every function works meanwhile, on the JS backend.
 */
export const ready: Promise<void> = init();

export {
  relEntr,
  klDiv,
  klDivergence,
  entropy,
  crossEntropy,
  jsDivergence,
  jsDistance,
} from './divergences.js';
export { mutualInformation } from './mutual-information.js';
export { rowwise, type BulkOptions } from './bulk/rowwise.js';
export { pairwise, type PairwiseResult } from './bulk/pairwise.js';
export { dispose } from './threads/pool.js';
export {
  histogram,
  histograms,
  histogram2d,
  type Histogram,
  type HistogramOptions,
  type HistogramPair,
  type Histogram2d,
  type Histogram2dOptions,
} from './bulk/histogram.js';
export type { ThreadOptions, Threaded } from './threads/options.js';
export type { Measure } from './bulk/measures.js';
export { createAccumulator, Accumulator, type AccumulatorOptions, type StreamMeasure, type UpdateArgs } from './bulk/accumulator.js';
export { backend, setBackend, type BackendName } from './backend.js';
export { InputRangeError, InputTypeError } from './errors.js';
export { init } from './wasm/loader.js';
export { allocF32, allocF64, ModuleArray } from './wasm/arrays.js';
export type { Matrix, Options, Vector } from './types.js';
