// Worker faults: a worker that exits, crashes, throws inside a job, stalls and is
// killed, or is disposed of mid-job makes that call reject with a WorkerError (its
// reason, within a bounded time: nothing hangs), the pool drops that worker, and the next
// call, on a fresh one, gives the answer of the call without threads. For every task
// family: bulk rows (pairwise, rowwise), one large pair cut into copied blocks (pass,
// elementwise, count tasks), one large pair in shared module memory (claim tasks: the
// worker faults holding a claimed block), drift shards. The faults are injected through
// a test-only hook (pool.ts faultsForTests). In a page a worker's own exit is invisible,
// so the page project runs the other faults.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  dispose,
  drift,
  histogram,
  InputRangeError,
  klDivergence,
  pairwise,
  relEntr,
  rowwise,
  setBackend,
  WorkerError,
  type WorkerFault,
} from '../src/index.js';
import { activeEngine } from '../src/engine/registry.js';
import { assumeCores, faultsForTests as pool } from '../src/threads/pool.js';
import type { Fault } from '../src/threads/task.js';
import { THREADS_MIN } from '../src/threads/thresholds.js';
import { rng } from './helpers.js';

const NODE = typeof process === 'object' && typeof process.versions?.node === 'string';
/** No call may take longer than this to settle, fault or not (a generous bound: 2 noisy cores). */
const BOUND_MS = 5000;

afterEach(() => {
  assumeCores(undefined);
  setBackend('auto');
});
afterAll(() => dispose());

/** How `p` settled, or a failure once BOUND_MS have passed: a hung call fails the test instead of the run. */
async function settled<T>(p: Promise<T>): Promise<PromiseSettledResult<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), BOUND_MS)));
  const outcome = await Promise.race([
    p.then(
      (value): PromiseSettledResult<T> => ({ status: 'fulfilled', value }),
      (reason: unknown): PromiseSettledResult<T> => ({ status: 'rejected', reason }),
    ),
    late,
  ]);
  clearTimeout(timer);
  if (outcome === 'late') throw new Error(`the call was still pending after ${BOUND_MS} ms`);
  return outcome;
}

async function until(what: string, ok: () => boolean): Promise<void> {
  for (const start = Date.now(); !ok(); await new Promise((r) => setTimeout(r, 2))) {
    if (Date.now() - start > BOUND_MS) throw new Error(`${what}: not after ${BOUND_MS} ms`);
  }
}

function rows(n: number, cols: number, seed: number): { data: Float64Array; rows: number; cols: number } {
  const r = rng(seed);
  return { data: Float64Array.from({ length: n * cols }, () => 1 + Math.floor(r() * 1000)), rows: n, cols };
}

const cols = 53;
const P = rows(8, cols, 1);
const Q = rows(8, cols, 2);
const N = THREADS_MIN + 50_001; // above the threshold, not a whole number of blocks
const r = rng(3);
const p = Float64Array.from({ length: N }, () => (r() < 0.03 ? 0 : r()));
const q = Float64Array.from({ length: N }, () => r() + 1e-3);
const reference = { x: Array.from({ length: 2000 }, () => r() * 10) };
const current = { x: Float64Array.from({ length: THREADS_MIN + 20_000 }, () => r() * 11) };

interface Family {
  name: string;
  threaded: () => Promise<unknown>;
  alone: () => unknown;
  /** Setup before both calls: the engine, the cores assumed. */
  before?: () => void;
}

const FAMILIES: Family[] = [
  { name: 'rowwise (bulk rows)', threaded: () => rowwise('js', P, Q, { threads: 2 }), alone: () => rowwise('js', P, Q) },
  {
    name: 'pairwise (bulk rows)',
    threaded: async () => (await pairwise('kl', P, Q, { threads: 2 })).data,
    alone: () => pairwise('kl', P, Q).data,
  },
  {
    name: 'one large pair, copied blocks (pass tasks)',
    before: () => setBackend('js'), // no module memory: the blocks go to the workers
    threaded: () => klDivergence(p, q, { threads: 2 }),
    alone: () => klDivergence(p, q),
  },
  { name: 'relEntr (elementwise tasks)', threaded: () => relEntr(p, q, undefined, { threads: 2 }), alone: () => relEntr(p, q) },
  { name: 'histogram (count tasks)', threaded: () => histogram(p, { bins: 30, threads: 2 }), alone: () => histogram(p, { bins: 30 }) },
  {
    // Two workers and this thread: worker 0 faults right after its first claim, worker 1
    // must not be left waiting, and the next call runs on it and a fresh one.
    name: 'one large pair in shared module memory (claim tasks)',
    before: () => assumeCores(3),
    threaded: () => klDivergence(p, q, { threads: 3 }),
    alone: () => klDivergence(p, q),
  },
  { name: 'drift (drift shards)', threaded: () => drift(reference, current, { threads: 2 }), alone: () => drift(reference, current) },
];

interface Case {
  /** What the worker does at its next task (task.ts Fault). */
  fault: Fault;
  /** What the test does once the job is posted: nothing, kill the worker, or dispose(). */
  then?: 'terminate' | 'dispose';
  reason: WorkerFault;
  /** The exit code or error the WorkerError carries as its cause. */
  cause: (c: unknown) => void;
  /** Also in the message. */
  message: RegExp;
}

const CASES: Case[] = [
  ...(NODE
    ? [{ fault: 'exit', reason: 'exited', cause: (c: unknown) => expect(c).toBe(3), message: /^infodiv: a worker thread stopped during this call \(exit code 3\); the next call starts a fresh one$/ } as Case]
    : []),
  {
    fault: 'uncaught',
    reason: 'crashed',
    // Node passes the error on; a page, its message.
    cause: (c) => expect(String(c instanceof Error ? c.message : c)).toMatch(/infodiv test: an uncaught fault/),
    message: /crashed during this call \(.*an uncaught fault\)/,
  },
  {
    fault: 'thrown',
    reason: 'crashed',
    cause: (c) => {
      expect(c).toBeInstanceOf(Error);
      expect((c as Error).message).toBe('infodiv test: a fault inside the task');
    },
    message: /^infodiv: a worker thread crashed during this call \(Error: infodiv test: a fault inside the task\); the next call starts a fresh one$/,
  },
  {
    fault: 'stall',
    then: 'terminate',
    reason: 'exited',
    // Node reports terminate()'s exit code, 1; a page learns no code.
    cause: (c) => expect(c).toBe(NODE ? 1 : undefined),
    message: /stopped.* during this call/,
  },
  { fault: 'stall', then: 'dispose', reason: 'disposed', cause: (c) => expect(c).toBeUndefined(), message: /^infodiv: dispose\(\) ended the worker threads while this call was running$/ },
];

describe.each(FAMILIES)('a worker fault during $name', (family) => {
  it.each(CASES.map((c) => ({ ...c, label: c.then ? `${c.fault}, then ${c.then}` : c.fault })))('$label: rejects with reason $reason, and the next call gives the answer', async ({ fault, then, reason, cause, message }) => {
    family.before?.();
    const want = family.alone();
    if (family.name.includes('claim') && NODE) expect(activeEngine().shared).toBeDefined(); // the claim path, not the copying one
    await pool.inject(0, fault);
    const victim = pool.workers()[0];
    const call = family.threaded();
    if (then) {
      await until('the job was posted', () => pool.waiting() > 0);
      if (then === 'terminate') pool.terminate(0);
      else void dispose();
    }
    const s = await settled(call);
    expect(s.status).toBe('rejected');
    const e = (s as PromiseRejectedResult).reason as WorkerError;
    expect(e).toBeInstanceOf(WorkerError);
    expect(e.name).toBe('WorkerError');
    expect(e.reason).toBe(reason);
    expect(e.message).toMatch(message);
    cause(e.cause);
    expect(pool.workers()).not.toContain(victim);
    // The next call starts a fresh worker and gives the answer of the call without threads.
    const next = await settled(family.threaded());
    expect(next.status).toBe('fulfilled');
    expect((next as PromiseFulfilledResult<unknown>).value).toEqual(want);
    expect(pool.workers()).not.toContain(victim);
    expect(pool.waiting()).toBe(0);
  });
});

describe('what a fault is not', () => {
  it('bad input in a worker’s share still rejects with InputRangeError, and the pool keeps its workers', async () => {
    const bad = rows(8, cols, 4);
    bad.data.fill(0, 5 * cols, 6 * cols); // row 5 sums to 0: the second worker’s share
    await settled(pairwise('kl', P, Q, { threads: 2 })); // both workers started
    const before = pool.workers();
    const s = await settled(pairwise('kl', bad, Q, { threads: 2 }));
    expect(s.status).toBe('rejected');
    expect((s as PromiseRejectedResult).reason).toBeInstanceOf(InputRangeError);
    expect((s as PromiseRejectedResult).reason).not.toBeInstanceOf(WorkerError);
    expect(pool.workers()).toEqual(before);
  });

  it('a task that cannot be sent to a worker rejects at once and leaves nothing waiting', async () => {
    // A function cannot be cloned into a worker: drift's shards carry the current column as given.
    const column: unknown[] = Array.from(current.x);
    column[THREADS_MIN + 5] = () => 1;
    const s = await settled(drift(reference, { x: column as number[] }, { threads: 2 }));
    expect(s.status).toBe('rejected');
    expect((s as PromiseRejectedResult).reason).toMatchObject({ name: 'DataCloneError' });
    // The shard that was sent finishes; the one that was not is not waited for.
    await until('no job left waiting', () => pool.waiting() === 0);
    expect((await settled(drift(reference, current, { threads: 2 })) as PromiseFulfilledResult<unknown>).value).toEqual(drift(reference, current));
  });

  it('an idle worker that dies is dropped before any call needs it', async () => {
    await settled(rowwise('js', P, Q, { threads: 2 }));
    const victim = pool.workers()[0];
    pool.terminate(0);
    await until('the dead worker left the pool', () => !pool.workers().includes(victim!));
    const next = await settled(rowwise('js', P, Q, { threads: 2 }));
    expect((next as PromiseFulfilledResult<unknown>).value).toEqual(rowwise('js', P, Q));
  });
});

// Module memory is shared with the workers only in Node here (the page is not isolated).
if (NODE) {
  describe('this thread failing during a claim pass', () => {
    it('leaves no worker waiting for blocks it will never stage: they end their claims, the next call runs on them', async () => {
      assumeCores(3);
      expect(activeEngine().shared).toBeDefined();
      // 12 blocks of a number[] (staged for the workers as the pass goes), one entry of
      // which fails to read while the workers' claim tasks are out: in the last block,
      // worker 2's, which this thread stages last.
      const n = 12 * 4 * 16320;
      const r2 = rng(5);
      const p2 = Array.from({ length: n }, () => r2() + 1e-3);
      const q2 = Float64Array.from({ length: n }, () => r2() + 1e-3);
      const want = klDivergence(p2, q2);
      const at = n - 10;
      const value = p2[at];
      let armed = true;
      let jobsOut = 0;
      Object.defineProperty(p2, at, {
        get() {
          if (armed && pool.waiting() > 0) {
            jobsOut ||= pool.waiting();
            throw new Error('infodiv test: staging fails half-way');
          }
          return value;
        },
      });
      const s = await settled(klDivergence(p2, q2, { threads: 3 }));
      armed = false;
      expect(jobsOut).toBe(2); // it failed with both workers' claims out
      expect((s as PromiseRejectedResult).reason).toMatchObject({ message: 'infodiv test: staging fails half-way' });
      // Worker 2 would wait forever for its last block, were it not released.
      await until('the workers ended their claims', () => pool.waiting() === 0);
      const before = pool.workers();
      const next = await settled(klDivergence(p2, q2, { threads: 3 }));
      expect((next as PromiseFulfilledResult<unknown>).value).toBe(want);
      expect(pool.workers()).toEqual(before);
    });
  });
}

describe('WorkerError', () => {
  it('is an Error with its reason and cause, recognised across copies of the package, subclasses by the ordinary rule', async () => {
    const e = new WorkerError('m', 'exited', 3);
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.message, e.reason, e.cause]).toEqual(['WorkerError', 'm', 'exited', 3]);
    expect('cause' in new WorkerError('m', 'disposed')).toBe(false);
    // The brand (shared by every copy of the package) is not enumerable: it never shows in a logged error.
    expect(Object.getOwnPropertyDescriptor(e, Symbol.for('infodiv.error-class'))).toMatchObject({ value: 'WorkerError', enumerable: false });
    expect(new Error('m')).not.toBeInstanceOf(WorkerError);
    expect(new InputRangeError('m', 'p')).not.toBeInstanceOf(WorkerError);
    class Sub extends WorkerError {}
    expect(new Sub('m', 'crashed')).toBeInstanceOf(WorkerError);
    expect(e).not.toBeInstanceOf(Sub);
    if (NODE) {
      // A second instance of the module, as the CJS copy of a dual-package load would be.
      const copy = (await import('../src/errors.js?second-copy' as string)) as typeof import('../src/errors.js');
      expect(copy.WorkerError).not.toBe(WorkerError);
      expect(new copy.WorkerError('m', 'crashed')).toBeInstanceOf(WorkerError);
      expect(e).toBeInstanceOf(copy.WorkerError);
    }
  });
});
