import { registerEngines } from './engine/registry.js';
import { inlinedBinaries } from './engine/wasm/inlined.js';
import { init, provide } from './engine/wasm/loader.js';

registerEngines();
provide(inlinedBinaries);

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
  totalVariation,
} from './divergences.js';
export { mutualInformation } from './mutual-information.js';
export {
  psi,
  hellinger,
  bhattacharyya,
  bhattacharyyaCoefficient,
  lInfinity,
  renyiDivergence,
  type DistanceOptions,
  type RenyiOptions,
} from './drift/measures.js';
export { drift } from './drift/drift.js';
export {
  createDriftMonitor,
  DriftMonitor,
  DEFAULT_THRESHOLDS,
  type ColumnDrift,
  type DriftMeasure,
  type DriftOptions,
  type DriftProfile,
  type DriftReport,
  type Severity,
  type Thresholds,
} from './drift/monitor.js';
export type { Table, Column, ArrowTableLike } from './drift/table.js';
export { fitCategories, Categories, type CategoriesJSON, type Category, type CategoryCounts } from './drift/categories.js';
export { binCounts, rebin, type BinCounts, type Outside } from './binning/counts.js';
export type { Smoothing, SmoothingReport } from './drift/smoothing.js';
export { wasserstein, histogramWasserstein, type WassersteinOptions } from './drift/wasserstein.js';
export { chiSquare, gTest, chi2Contingency, cramersV, type TestResult } from './drift/tests.js';
export { ksTest, type KsMethod, type KsResult } from './drift/ks.js';
export { fitBins, Bins, type BinMethod, type BinsJSON, type FitBinsOptions, type WidthRule } from './binning/fit.js';
export { rowwise, type BulkOptions } from './bulk/rowwise.js';
export { pairwise, type PairwiseResult } from './bulk/pairwise.js';
export { dispose } from './threads/dispose.js';
export {
  histogram,
  histograms,
  histogram2d,
  type Histogram,
  type HistogramOptions,
  type HistogramPair,
  type Histogram2d,
  type Histogram2dOptions,
} from './binning/histogram.js';
export type { ThreadOptions, Threaded } from './threads/options.js';
export type { BulkMeasure as Measure } from './measures/table.js';
export { createAccumulator, Accumulator, type AccumulatorOptions, type StreamMeasure, type UpdateArgs } from './bulk/accumulator.js';
export { backend, setBackend } from './engine/registry.js';
export type { EngineName as BackendName } from './engine/seam.js';
export { InputRangeError, InputTypeError } from './errors.js';
export { WorkerError, type WorkerFault } from './errors.js';
export { init } from './engine/wasm/loader.js';
export { allocF32, allocF64, ModuleArray } from './engine/wasm/arrays.js';
export type { Matrix, Options, Vector } from './types.js';
export {
  normal,
  exponential,
  gamma,
  beta,
  uniform,
  laplace,
  poisson,
  bernoulli,
  categorical,
  type Distribution,
  type Family,
} from './continuous/families.js';
export { klBetween } from './continuous/kl.js';
export { multivariateNormal, type MultivariateNormal } from './continuous/mvn.js';
export { dirichlet, type Dirichlet } from './continuous/dirichlet.js';
export { klRate, entropyRate, type ChainOptions } from './continuous/markov.js';
export { entropyFromSamples, klFromSamples, type Estimate, type SpacingMethod } from './continuous/estimators.js';
export { gaussianMixture, klEstimate, type GaussianMixture, type KlEstimate } from './continuous/mixture.js';
