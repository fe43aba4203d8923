// The module's exports, named once (assembly/index.ts defines them): the typed handle
// every caller of the kernels goes through.

/** One pass: kind (modes.ts `Pass`), inputs, length, accumulator block. */
type PassKernel = (kind: number, p: number, q: number, n: number, acc: number) => void;
type PairsKernel = (
  kind: number, p: number, q: number, pairs: number, k: number,
  pAt: number, qAt: number, params: number, out: number, acc: number,
) => void;
type ElementwiseKernel = (p: number, q: number, out: number, n: number) => void;
type DotKernel = (a: number, b: number, ra: number, rb: number, cols: number, out: number) => void;
type Count1 = (values: number, n: number, counts: number, lo: number, hi: number, scale: number, step: number, bins: number, tiny: number) => void;
type Count2 = (
  xs: number, ys: number, n: number, counts: number,
  xlo: number, xhi: number, xscale: number, xstep: number, xbins: number,
  ylo: number, yhi: number, yscale: number, ystep: number, ybins: number, tiny: number,
) => void;
type RangeKernel = (values: number, n: number, out: number) => void;
type EdgeKernel = (values: number, n: number, edges: number, bins: number, grid: number, cells: number, scale: number, counts: number) => void;
type LogKernel = (src: number, dst: number, n: number) => void;

export interface KernelModule {
  memory: WebAssembly.Memory;
  heapBase(): number;
  passF64: PassKernel;
  passF32: PassKernel;
  pairsF64: PairsKernel;
  pairsF32: PairsKernel;
  /** Single precision (f32 lanes) for Float32Array input; SIMD module only. */
  singleF32: PassKernel;
  relEntrF64: ElementwiseKernel;
  klDivF64: ElementwiseKernel;
  relEntrF32: ElementwiseKernel;
  klDivF32: ElementwiseKernel;
  dotRowsF64: DotKernel;
  histogramF64: Count1;
  histogramF32: Count1;
  histogram2dF64: Count2;
  histogram2dF32: Count2;
  edgeCountsF64: EdgeKernel;
  edgeCountsF32: EdgeKernel;
  finiteRangeF64: RangeKernel;
  finiteRangeF32: RangeKernel;
  logF64: LogKernel;
  logF32: LogKernel;
}

export function kernelModule(instance: WebAssembly.Instance): KernelModule {
  return instance.exports as unknown as KernelModule;
}
