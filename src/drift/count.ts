// Counting one column of a table into its fitted bins or categories: what a monitor's
// update() does per column, and what a worker does for a shard of a threaded drift()
// (drift.ts). Small on purpose: the workers bundle it, not the monitor.
import { binCounts, type EdgesLike, type Outside } from '../binning/counts.js';
import { Categories, type Category } from './categories.js';
import { numericValues } from './table.js';

/** How a column is counted: into edges (numeric) or categories. */
export type ColumnSpec = { kind: 'numeric'; bins: EdgesLike } | { kind: 'categorical'; categories: Categories };

/** The same spec as plain data, as it travels to a worker. */
export type ColumnSpecData = { kind: 'numeric'; edges: Float64Array; uniform: boolean } | { kind: 'categorical'; categories: Category[] };

export interface ColumnCounts {
  counts: Float64Array;
  below: number;
  above: number;
  missing: number;
}

/** `offset`: the table row of values[0], so that errors name the row in the whole table. */
export function countValues(spec: ColumnSpec, values: ArrayLike<unknown>, name: string, outside: Outside, offset = 0): ColumnCounts {
  if (spec.kind === 'categorical') return { ...spec.categories.count(values, name, offset), below: 0, above: 0 };
  const c = binCounts(numericValues(values, name, offset), spec.bins, { outside: outside === 'error' ? 'error' : 'bins', name, offset });
  return { counts: c.counts, below: c.below, above: c.above, missing: c.nan };
}

export function specFromData(d: ColumnSpecData): ColumnSpec {
  if (d.kind === 'categorical') return { kind: 'categorical', categories: new Categories(d.categories) };
  return { kind: 'numeric', bins: { edges: d.edges, bins: d.edges.length - 1, uniform: d.uniform } };
}
