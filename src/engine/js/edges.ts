// The JS twin of assembly/edges.ts: counts of values into arbitrary increasing edges,
// np.histogram's answer with array bins (the bin of the last edge ≤ x, the last edge in
// the last bin), starting each value from the grid's bin and stepping to the right one.
// Where the grid has no usable scale (edges spanning subnormals, or wider than the largest
// double), each value's bin is found by binary search instead: (x − lo)·scale would be NaN.
// The wasm kernel needs no such case: its f64→i32 conversion saturates (NaN → 0, ∞ → max),
// so it starts from cell 0 or the last and steps; in JS, Math.floor(NaN) indexes nothing.
import { gridUsable, type EdgeGrid } from '../../binning/grid.js';
import type { Vector } from '../../types.js';
import type { EdgeCounted } from '../seam.js';

export function countEdgesJs(values: Vector, g: EdgeGrid): EdgeCounted {
  const { edges: e, bins, grid, cells, scale } = g;
  const counts = new Float64Array(bins);
  const lo = e[0]!;
  const hi = e[bins]!;
  const last = bins - 1;
  let below = 0;
  let above = 0;
  let nan = 0;
  const usable = gridUsable(g);
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!(x >= lo && x <= hi)) {
      if (x < lo) below++;
      else if (x > hi) above++;
      else nan++;
      continue;
    }
    if (!usable) {
      counts[lastEdgeAtMost(e, last, x)]!++;
      continue;
    }
    let c = Math.floor((x - lo) * scale);
    if (c > cells) c = cells;
    let b = grid[c]!;
    while (b > 0 && e[b]! > x) b--;
    while (b < last && e[b + 1]! <= x) b++;
    counts[b]!++;
  }
  return { counts, below, above, nan };
}

/** The bin of x in [e[0], e[last + 1]]: the last i ≤ last with e[i] ≤ x. */
function lastEdgeAtMost(e: Float64Array, last: number, x: number): number {
  let a = 0;
  let b = last;
  while (a < b) {
    const m = (a + b + 1) >>> 1;
    if (e[m]! <= x) a = m;
    else b = m - 1;
  }
  return a;
}
