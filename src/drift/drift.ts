// drift(): one monitor (monitor.ts) fitted on the reference and fed the current table
// once, on this thread, or with `threads` in shards counted on the worker pool and
// merged. Apart from monitor.ts so that the workers, which run monitors, do not bundle
// the pool that starts them.
import { columnsOf, type Table } from './table.js';
import { InputRangeError } from '../errors.js';
import { DriftMonitor, type DriftOptions, type DriftProfile, type DriftReport } from './monitor.js';
import { loadPool } from '../threads/dispose.js';
import { threadsOption, withoutThreads, type Threaded, type ThreadOptions } from '../threads/options.js';
import { THREADS_MIN } from '../threads/thresholds.js';

/**
 * Per-column drift of `current` against `reference`: bins fitted on the reference
 * (Doane's rule by default, values outside its range as two more bins), zero shares
 * smoothed to 1e-4 (reported; `smoothing: 'none'` for the exact values), PSI, JS
 * distance and Hellinger per column (categorical: PSI, JS distance and the χ² test's
 * p-value), a severity from thresholds, and a summary. With `threads`, the current
 * rows are cut into shards counted on worker threads and merged, and the call returns
 * a Promise; below 100,000 rows it runs here.
 * @example drift({ x: [1, 2, 3, 4] }, { x: [3, 4, 5, 6] }).columns[0].severity // 'major'
 */
export function drift<O extends (DriftOptions & ThreadOptions) | undefined = undefined>(reference: Table, current: Table, options?: O): Threaded<O, DriftReport> {
  const requested = threadsOption(options);
  if (requested === undefined) return DriftMonitor.fit(reference, options).update(current).result() as Threaded<O, DriftReport>;
  return (async () => {
    const monitor = DriftMonitor.fit(reference, withoutThreads(options));
    const cur = columnsOf(current, 'current');
    const rows = Math.max(0, ...[...cur.values()].map((c) => c.length));
    const threads = rows >= THREADS_MIN ? await (await loadPool()).availableThreads(requested) : 1;
    if (threads <= 1) return monitor.update(current).result();
    const pool = await loadPool();
    const specs = monitor.columnSpecs();
    const outside = (withoutThreads(options) as DriftOptions | undefined)?.outside ?? 'bins';
    const slices = specs.map(({ name }) => {
      const col = cur.get(name);
      if (!col) throw new InputRangeError(`column ${JSON.stringify(name)} is not in the current data`, name);
      return col;
    });
    const tasks = Array.from({ length: threads }, (_, k) => {
      const [from, to] = [Math.floor((k * rows) / threads), Math.floor(((k + 1) * rows) / threads)];
      // slice, not subarray: a view would be posted with its whole buffer.
      const columns = slices.map((col) => (ArrayBuffer.isView(col) ? (col as unknown as Float64Array).slice(from, to) : Array.prototype.slice.call(col, from, to)));
      return { kind: 'drift' as const, names: specs.map((s) => s.name), specs: specs.map((s) => s.spec), columns, outside, offset: from };
    });
    const shards = (await pool.runDriftTasks(tasks, threads)).map((j) => JSON.parse(j) as DriftProfile['columns'][number]['current'][]);
    // The shards' counts as one monitor's current data, merged through the public profile.
    const profile = monitor.profile();
    profile.columns.forEach((c, i) => {
      const sum = { counts: new Array<number>(c.reference.counts.length).fill(0), below: 0, above: 0, missing: 0, rows: 0 };
      for (const shard of shards) {
        const s = shard[i]!;
        s.counts.forEach((v, b) => (sum.counts[b]! += v));
        sum.below += s.below;
        sum.above += s.above;
        sum.missing += s.missing;
        sum.rows += s.rows;
      }
      c.current = sum;
    });
    return monitor.merge(DriftMonitor.fromProfile(profile)).result();
  })() as Threaded<O, DriftReport>;
}
