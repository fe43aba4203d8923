// `dispose()` without the pool: the worker pool (and the worker's source) is loaded only
// by a call with `threads`, so a bundle that never uses threads leaves both out.
type Pool = typeof import('./pool.js');

let pool: Promise<Pool> | undefined;

/** The worker pool, loaded on first use. */
export function loadPool(): Promise<Pool> {
  pool ??= import('./pool.js');
  return pool;
}

/**
 * Ends every worker the threaded calls started (new calls start them again). Calls still
 * running on them reject. Optional: idle workers never keep a Node process alive.
 */
export async function dispose(): Promise<void> {
  if (pool) await (await pool).dispose();
}
