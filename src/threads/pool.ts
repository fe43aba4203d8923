// The worker pool behind `{ threads }`: workers are created on first use, reused after,
// and ended by `dispose()`. In Node they are unref'd while idle, so a process can exit
// without disposing them. Inputs go as SharedArrayBuffers where the platform allows
// (always in Node; in browsers when the page is cross-origin isolated), copied otherwise.
import { InputRangeError, InputTypeError, WorkerError } from '../errors.js';
import type { Rows } from '../engine/seam.js';
import { forcedEngine } from '../engine/registry.js';
import { canShareMemory, compiledModules, init } from '../engine/wasm/loader.js';
import { REGION_BYTES, type ModuleMemory } from '../engine/wasm/memory.js';
import type { ClaimTask, CountTask, DriftTask, ElementwiseTask, Fault, PassTask, Reply, Start, Task } from './task.js';
import { WORKER_SOURCE } from './worker-source.js';

interface Port {
  post(msg: unknown): void;
  onReply(cb: (r: Reply) => void): void;
  /** The worker failed (it threw, or a message could not be read): a WorkerError. */
  onError(cb: (e: WorkerError) => void): void;
  /** The worker stopped, with its exit code where the platform gives one. */
  onExit(cb: (code: number | undefined) => void): void;
  busy(on: boolean): void;
  terminate(): Promise<unknown> | void;
}

const isNode = typeof process === 'object' && process !== null && typeof process.versions?.node === 'string';
let workers: Port[] = [];
let nextId = 0;
const waiting = new Map<number, { resolve: (b: Float64Array, json?: string) => void; reject: (e: unknown) => void; port: Port }>();

/**
 * A Node built-in, imported out of bundlers' sight (browsers never take these branches).
 * Built at run time: a literal, even through a const, is folded back into the import by
 * minifiers, and then browser bundles fail to resolve it.
 */
function nodeBuiltin(name: string): Promise<unknown> {
  const spec = ['node', name].join(':');
  return import(/* @vite-ignore */ /* webpackIgnore: true */ spec);
}

async function spawn(): Promise<Port> {
  if (isNode) {
    const { Worker } = (await nodeBuiltin('worker_threads')) as typeof import('node:worker_threads');
    const w = new Worker(WORKER_SOURCE, { eval: true });
    return {
      post: (m) => w.postMessage(m),
      onReply: (cb) => w.on('message', cb),
      onError: (cb) => {
        w.on('error', (e) => cb(crashed(e)));
        w.on('messageerror', (e) => cb(crashed(e)));
      },
      onExit: (cb) => w.on('exit', cb),
      busy: (on) => (on ? w.ref() : w.unref()),
      terminate: () => w.terminate(),
    };
  }
  const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  const w = new Worker(url);
  let exited: ((code: undefined) => void) | undefined;
  return {
    post: (m) => w.postMessage(m),
    onReply: (cb) => w.addEventListener('message', (e) => cb((e as MessageEvent<Reply>).data)),
    onError: (cb) => {
      w.addEventListener('error', (e) => {
        // Handled: the call rejects with it, so it is not reported again as the page's own error.
        e.preventDefault();
        cb(e.message ? crashed(e.message) : unavailable());
      });
      w.addEventListener('messageerror', () => cb(crashed('a reply could not be read')));
    },
    // A page hears of no worker's end but those it ends itself: terminate() reports them.
    onExit: (cb) => (exited = cb),
    busy: () => undefined,
    terminate: () => {
      w.terminate();
      exited?.(undefined);
    },
  };
}

const lost = (reason: 'crashed' | 'exited', how: string, cause: unknown): WorkerError =>
  new WorkerError(`infodiv: a worker thread ${reason === 'crashed' ? 'crashed' : 'stopped'} during this call${how}; the next call starts a fresh one`, reason, cause);

/** A worker that threw outside its input's checks; `cause`: its error (a page gets just the message). */
const crashed = (cause: unknown): WorkerError =>
  lost('crashed', ` (${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)})`, cause);

/** A worker that stopped before it replied (Node gives its exit code, a page none). */
const exited = (code: number | undefined): WorkerError => lost('exited', code === undefined ? '' : ` (exit code ${code})`, code);

/**
 * A worker that could not start. A page whose CSP refuses blob: workers gets only a bare
 * 'error' event (nothing is thrown), so the likely cause goes into the message.
 */
function unavailable(cause?: unknown): WorkerError {
  if (cause !== undefined) return new WorkerError(`infodiv: a worker thread could not start (${String(cause)})`, 'unavailable', cause);
  return new WorkerError(
    "infodiv: a worker thread could not start; { threads } needs Web Workers from blob: URLs, which a Content-Security-Policy must allow (worker-src 'self' blob:)",
    'unavailable',
  );
}

function settle(reply: Reply): void {
  const job = waiting.get(reply.id);
  if (!job) return;
  waiting.delete(reply.id);
  if (![...waiting.values()].some((j) => j.port === job.port)) job.port.busy(false);
  if ('out' in reply) return job.resolve(reply.out, reply.json);
  const { name, message, argument, index } = reply.error;
  if (name === 'InputRangeError') job.reject(new InputRangeError(message, argument ?? '', index));
  else if (name === 'InputTypeError') job.reject(new InputTypeError(message, argument ?? '', index));
  else {
    // Not the input's fault (a trap, a bug, memory): the worker may be left half-way
    // through a kernel, so it goes, and its other jobs reject with this call.
    const error = crashed(Object.assign(new Error(message), { name }));
    job.reject(error);
    fail(job.port, error);
  }
}

/** Workers that failed or were disposed, and why: their jobs reject rather than wait for a reply forever. */
const failed = new WeakMap<Port, WorkerError>();

/** Drops a worker from the pool, rejects its jobs with `error` and ends it. */
function fail(port: Port, error: WorkerError): void {
  // The first report wins: Node reports a crash as 'error', then 'exit'.
  if (failed.has(port)) return;
  failed.set(port, error);
  workers = workers.filter((w) => w !== port); // the next call starts a fresh one
  for (const [id, job] of waiting) {
    if (job.port !== port) continue;
    waiting.delete(id);
    job.reject(error);
  }
  void end(port);
}

/**
 * Each worker's accumulator and scratch region in the calling thread's shared module
 * memories (one per engine), allocated on its first claim task (claim.ts).
 */
const regions = new Map<Port, Map<ModuleMemory, number>>();

function regionOf(port: Port, mem: ModuleMemory): number {
  let mine = regions.get(port);
  if (!mine) regions.set(port, (mine = new Map()));
  let at = mine.get(mem);
  if (at === undefined) mine.set(mem, (at = mem.allocate(REGION_BYTES)));
  return at;
}

const ending = new WeakMap<Port, Promise<void>>();

/**
 * Ends a worker, once however often it is asked; its regions are freed once it has
 * stopped (not before: it may still be writing there).
 */
function end(port: Port): Promise<void> {
  let done = ending.get(port);
  if (!done) {
    // terminate() a microtask later, once this is recorded: a page's terminate reports the exit at once, which ends it again.
    done = Promise.resolve()
      .then(() => port.terminate())
      .then(() => {
        for (const [mem, at] of regions.get(port) ?? []) mem.release(at, REGION_BYTES);
        regions.delete(port);
      });
    ending.set(port, done);
  }
  return done;
}

/** Bumped by dispose(): workers that finish starting after it are ended at once. */
let generation = 0;

function disposedError(): WorkerError {
  return new WorkerError('infodiv: dispose() ended the worker threads while this call was running', 'disposed');
}

async function ensure(n: number): Promise<Port[]> {
  // Workers instantiate the modules compiled here: compile them first (once).
  await init();
  while (workers.length < n) {
    const started = generation;
    let port: Port;
    try {
      port = await spawn();
    } catch (e) {
      throw unavailable(e);
    }
    if (generation !== started) {
      void port.terminate();
      throw disposedError();
    }
    port.onReply(settle);
    port.onError((e) => fail(port, e));
    port.onExit((code) => fail(port, exited(code)));
    // Idle until given a job. After the listeners: in Node, adding a 'message' listener
    // refs the worker again, so an unref before it would keep an unused worker alive.
    port.busy(false);
    port.post({ modules: compiledModules() } satisfies Start);
    workers.push(port);
  }
  return workers.slice(0, n);
}

let cores: number | undefined;

/**
 * The cores this process may use: `navigator.hardwareConcurrency` in browsers (and
 * Node 21+), `os.availableParallelism()` in older Node. More workers than cores only
 * add start-up time and contention (64 requested on 2 cores: 370 ms for a 10 × 10 matrix).
 */
async function coreCount(): Promise<number> {
  if (cores !== undefined) return cores;
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  if (typeof nav?.hardwareConcurrency === 'number' && nav.hardwareConcurrency > 0) return (cores = nav.hardwareConcurrency);
  if (isNode) {
    const os = (await nodeBuiltin('os')) as typeof import('node:os');
    return (cores = Math.max(1, os.availableParallelism?.() ?? os.cpus().length));
  }
  return (cores = 1);
}

/**
 * For tests: behave as if the process had `n` cores (undefined: ask the platform again),
 * so that thread counts above this machine's are exercised too. Not part of the API.
 */
export function assumeCores(n: number | undefined): void {
  cores = n;
}

/**
 * For tests (test/worker-faults.test.ts), not part of the API: the pool's workers as
 * they are now, how many jobs wait for a reply, and ways to make worker k fail.
 */
export const faultsForTests = {
  workers: (): readonly object[] => workers.slice(),
  waiting: (): number => waiting.size,
  /** Worker k (started if need be) fails at its next task as `how` says (task.ts). */
  inject: async (k: number, how: Fault): Promise<void> => (await ensure(k + 1))[k]!.post({ fault: how }),
  /** Ends worker k from outside the pool, as the runtime might: its jobs reject on the exit it reports. */
  terminate: (k: number): void => void workers[k]!.terminate(),
};

/** The thread count a call with `{ threads: requested }` uses: capped at the cores ('auto': all). */
export async function availableThreads(requested: number | 'auto'): Promise<number> {
  return Math.min(requested === 'auto' ? Infinity : requested, await coreCount());
}

/** The rows in shared memory when possible, so every worker reads the same copy. */
function shared(m: Rows | undefined): Rows | undefined {
  if (!m || !canShareMemory || m.data.buffer instanceof SharedArrayBuffer) return m;
  const Ctor = m.data.constructor as Float64ArrayConstructor;
  const data = new Ctor(new SharedArrayBuffer(m.data.byteLength));
  data.set(m.data as Float64Array);
  return { ...m, data };
}

/** Posts one task to a worker; resolves to the block it sends back, and its JSON, if any. */
function send(port: Port, task: Task | PassTask | ElementwiseTask | CountTask | ClaimTask | DriftTask): Promise<{ out: Float64Array; json?: string }> {
  const id = nextId++;
  port.busy(true);
  return new Promise((resolve, reject) => {
    if (failed.has(port)) return reject(failed.get(port));
    waiting.set(id, { resolve: (out, json) => resolve({ out, json }), reject, port });
    try {
      port.post({ id, task });
    } catch (e) {
      // Never sent (a value structured clone refuses): nothing may wait for it, nor keep Node alive.
      waiting.delete(id);
      if (![...waiting.values()].some((j) => j.port === port)) port.busy(false);
      reject(e);
    }
  });
}

const submit = (port: Port, task: Task | PassTask | ElementwiseTask | CountTask | ClaimTask): Promise<Float64Array> =>
  send(port, task).then((r) => r.out);

/**
 * Runs each task on its own worker (of `threads`), resolving to their blocks in order.
 * Workers use the engine this thread would: the forced one, if setBackend() forced one.
 */
export async function runOnWorkers(tasks: Omit<Task, 'engine'>[], threads: number): Promise<Float64Array[]> {
  const engine = forcedEngine();
  const ports = await ensure(Math.min(threads, tasks.length));
  const P = shared(tasks[0]!.P);
  const Q = tasks[0]!.Q === tasks[0]!.P ? P : shared(tasks[0]!.Q);
  return Promise.all(tasks.map((task, k) => submit(ports[k % ports.length]!, { ...task, P: P!, Q, engine })));
}

/** Runs one large pair's tasks (src/threads/reduce.ts) on up to `workers` workers. */
export async function runPassTasks(tasks: (PassTask | ElementwiseTask | CountTask)[], workers: number): Promise<Float64Array[]> {
  const ports = await ensure(Math.min(workers, tasks.length));
  return Promise.all(tasks.map((task, k) => submit(ports[k % ports.length]!, task)));
}

/**
 * Posts a claim task (claim.ts) to each of `workers` workers, worker k taking segment
 * k + 1, each with its own region of `mem`; resolves once they are posted, to `done`:
 * their replies, settled.
 */
export async function startClaims(
  task: Omit<ClaimTask, 'guest' | 'segment'>, mem: ModuleMemory, workers: number,
): Promise<{ done: Promise<PromiseSettledResult<Float64Array>[]> }> {
  const ports = await ensure(workers);
  const jobs = ports.map((port, k) =>
    submit(port, { ...task, segment: k + 1, guest: { memory: mem.memory, region: regionOf(port, mem) } }),
  );
  return { done: Promise.allSettled(jobs) };
}

/** Counts each shard of a threaded drift() on its own worker; resolves to their counts (JSON), in order. */
export async function runDriftTasks(tasks: DriftTask[], workers: number): Promise<string[]> {
  const ports = await ensure(Math.min(workers, tasks.length));
  return Promise.all(tasks.map((task, k) => send(ports[k % ports.length]!, task).then((r) => r.json!)));
}


export { countOnWorkers, elementwiseOnWorkers, reduceOnWorkers } from './reduce.js';
import { dropSharedCopies } from './reduce.js';

/**
 * Ends every worker the bulk functions started (new calls start them again). Calls still
 * running on them reject.
 */
export async function dispose(): Promise<void> {
  generation++;
  dropSharedCopies();
  const all = workers;
  for (const port of all) fail(port, disposedError());
  await Promise.all(all.map(end));
}
