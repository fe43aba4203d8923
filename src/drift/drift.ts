// drift(): one monitor (monitor.ts) fitted on the reference and fed the current table
// once, on this thread, or with `threads` in shards counted on the worker pool and
// merged. Apart from monitor.ts so that the workers, which run monitors, do not bundle
// the pool that starts them.
import { columnsOf, selected, type Table } from './table.js';
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
 * a Promise; below 100,000 rows it runs here. Errors as `DriftMonitor.fit` and
 * `update` give them.
 * @example
 * ```ts
 * import { drift } from 'infodiv';
 * const report = drift({ x: [1, 2, 3, 4] }, { x: [3, 4, 5, 6] });
 * const x = report.columns[0];
 * x.severity; // 'major'
 * x.outside?.above; // 2
 * x.measures.psi; // 8.166144268255303
 * report.summary.share; // 1
 * ```
 */
export function drift<O extends (DriftOptions & ThreadOptions) | undefined = undefined>(reference: Table, current: Table, options?: O): Threaded<O, DriftReport> {
  const requested = threadsOption(options);
  if (requested === undefined) return DriftMonitor.fit(reference, options).update(current).result() as Threaded<O, DriftReport>;
  return (async () => {
    const monitor = DriftMonitor.fit(reference, withoutThreads(options));
    const cur = columnsOf(current, 'current');
    const rows = Math.max(0, ...[...cur.values()].map((c) => c.length));
    const pool = rows >= THREADS_MIN ? await loadPool() : undefined;
    const threads = pool ? await pool.availableThreads(requested) : 1;
    if (!pool || threads <= 1) return monitor.update(current).result();
    const specs = monitor.columnSpecs();
    const names = specs.map((s) => s.name);
    selected(new Map(names.map((n) => [n, 0])), cur, names); // every monitored column is there
    const outside = (withoutThreads(options) as DriftOptions | undefined)?.outside ?? 'bins';
    const tasks = Array.from({ length: threads }, (_, k) => {
      const [from, to] = [Math.floor((k * rows) / threads), Math.floor(((k + 1) * rows) / threads)];
      // slice, not subarray: a view would be posted with its whole buffer.
      const columns = names.map((name) => {
        const col = cur.get(name)!;
        return ArrayBuffer.isView(col) ? (col as unknown as Float64Array).slice(from, to) : Array.prototype.slice.call(col, from, to);
      });
      return { kind: 'drift' as const, names, specs: specs.map((s) => s.spec), columns, outside, offset: from };
    });
    // Each shard's counts join the monitor as the current data of a profile, merged.
    const profile = monitor.profile();
    for (const json of await pool.runDriftTasks(tasks, threads)) {
      const counts = JSON.parse(json) as NonNullable<DriftProfile['columns'][number]['current']>[];
      profile.columns.forEach((c, i) => (c.current = counts[i]));
      monitor.merge(DriftMonitor.fromProfile(profile));
    }
    return monitor.result();
  })() as Threaded<O, DriftReport>;
}
