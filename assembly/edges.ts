// Counting values into bins with arbitrary increasing edges (quantile bins, edges given
// outright): np.histogram's answer with array bins, the bin of the last edge ≤ x and
// the last edge in the last bin. A grid of `cells` equal cells over [lo, hi] holds, for
// each cell, the bin of its left end; a value starts from its cell's bin and exact
// comparisons with the edges move it to the right one, in either direction, so the
// grid's own rounding never decides a bin. With 4 cells per bin most values take no
// step at all: one multiply, one load and two compares instead of log₂ k unpredictable
// branches. The twin in plain JS is src/engine/js/edges.ts.
//
// counts: bins + 3 i64 cells; the last three count values below lo, above hi and NaN.
import { load1 } from './common';

// @ts-ignore: decorator
@inline function bump(counts: usize, cell: i32): void {
  const p = counts + (<usize>cell << 3);
  store<i64>(p, load<i64>(p) + 1);
}

// @ts-ignore: decorator
@inline function edge(edges: usize, i: i32): f64 {
  return load<f64>(edges + (<usize>i << 3));
}

// @ts-ignore: decorator
@inline function countEdges<T>(values: usize, n: i32, edges: usize, bins: i32, grid: usize, cells: i32, scale: f64, counts: usize): void {
  const lo = edge(edges, 0);
  const hi = edge(edges, bins);
  const last = bins - 1;
  for (let i = 0; i < n; i++) {
    const x = <f64>load1<T>(values, i);
    if (!(x >= lo && x <= hi)) {
      bump(counts, x < lo ? bins : x > hi ? bins + 1 : bins + 2);
      continue;
    }
    // x ≥ lo, so the truncation is the floor; hi itself lands on the last cell.
    let c = <i32>((x - lo) * scale);
    if (c > cells) c = cells;
    let b = load<i32>(grid + (<usize>c << 2));
    while (b > 0 && edge(edges, b) > x) b--;
    while (b < last && edge(edges, b + 1) <= x) b++;
    bump(counts, b);
  }
}

export function edgeCountsF64(values: usize, n: i32, edges: usize, bins: i32, grid: usize, cells: i32, scale: f64, counts: usize): void {
  countEdges<f64>(values, n, edges, bins, grid, cells, scale, counts);
}
export function edgeCountsF32(values: usize, n: i32, edges: usize, bins: i32, grid: usize, cells: i32, scale: f64, counts: usize): void {
  countEdges<f32>(values, n, edges, bins, grid, cells, scale, counts);
}
