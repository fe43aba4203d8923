// The lookup grid behind counting with arbitrary edges (assembly/edges.ts and its JS
// twin, src/engine/js/edges.ts): `cells` equal cells over [lo, hi], each holding the bin
// of its left end. Built once per edges array and cached (a monitor counts every chunk
// against the same bins).

export interface EdgeGrid {
  /** Increasing, at least two. */
  readonly edges: Float64Array;
  readonly bins: number;
  /** cells + 1 entries: the bin of lo + j/scale (the last one, of hi). */
  readonly grid: Int32Array;
  readonly cells: number;
  /**
   * cells/(hi − lo): finite and > 0, or not (edges spanning less than ~2^-1020, where it
   * is ∞, or more than the largest double, where hi − lo is ∞ and it is 0). Where it is
   * not, the grid is all bin 0 or its cells cannot be found ((x − lo)·scale is 0·∞ or
   * ∞·0 = NaN): counters must search the edges instead (see `gridUsable`).
   */
  readonly scale: number;
}

/** Cells per bin: enough that most values start in their own bin, few enough to stay in cache. */
const CELLS_PER_BIN = 4;

/** Can a value's cell be found as ⌊(x − lo)·scale⌋? (Else binary search the edges.) */
export function gridUsable(g: EdgeGrid): boolean {
  return g.scale > 0 && g.scale < Infinity;
}

const cache = new WeakMap<Float64Array, EdgeGrid>();

export function edgeGrid(edges: Float64Array): EdgeGrid {
  const known = cache.get(edges);
  if (known) return known;
  const bins = edges.length - 1;
  const lo = edges[0]!;
  const cells = CELLS_PER_BIN * bins;
  const scale = cells / (edges[bins]! - lo);
  const grid = new Int32Array(cells + 1);
  for (let j = 0, b = 0; j <= cells; j++) {
    const start = lo + j / scale;
    while (b + 1 < bins && edges[b + 1]! <= start) b++;
    grid[j] = b;
  }
  const g = { edges, bins, grid, cells, scale };
  cache.set(edges, g);
  return g;
}
