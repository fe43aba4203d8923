// The JS twin of assembly/edges.ts: counts of values into arbitrary increasing edges,
// np.histogram's answer with array bins (the bin of the last edge ≤ x, the last edge in
// the last bin), starting each value from the grid's bin and stepping to the right one.
import type { EdgeGrid } from '../../binning/grid.js';
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
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!(x >= lo && x <= hi)) {
      if (x < lo) below++;
      else if (x > hi) above++;
      else nan++;
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
