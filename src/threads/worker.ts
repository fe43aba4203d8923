// The code each worker runs (bundled by scripts/build-worker.mjs into one string, so no
// file has to be found at run time): the engines, measures and bulk rows, without the
// binaries. Its first message carries the WebAssembly modules the caller already
// compiled; it instantiates those (no second copy of the binaries, no second compile),
// or, where the caller has none (WebAssembly forbidden), runs on the JS engine. Then:
// rows in, block out.
import { pairwiseRows } from '../bulk/pairwise-rows.js';
import { rowwiseRows } from '../bulk/rowwise-rows.js';
import { registerEngines, setBackend } from '../engine/registry.js';
import { importsFor, init, provide, type Compiled, type Flavor } from '../engine/wasm/loader.js';
import { WasmEngine } from '../engine/wasm/engine.js';
import { kernelModule } from '../engine/wasm/module.js';
import { bulkMeasure } from '../measures/table.js';
import { activeEngine } from '../engine/registry.js';
import { SLOTS } from '../engine/sums.js';
import { blocksOf } from '../measures/settle.js';
import { awaitStaged, CONTROL_I32, steal, takeFront } from './windows.js';
import type { ClaimTask, CountTask, DriftTask, ElementwiseTask, Fault, InPlace, PassTask, Reply, Start, Task } from './task.js';
import { countValues, specFromData } from '../drift/count.js';

type Post = (reply: Reply, transfer: ArrayBuffer[]) => void;
type Message = Start | { fault: Fault } | { id: number; task: Task | PassTask | ElementwiseTask | CountTask | ClaimTask | DriftTask };

let modules: Partial<Record<Flavor, Compiled>> = {};
/** Instances over the caller's shared memory, one per engine, made on their first task. */
const guests = new Map<ClaimTask['engine'], WasmEngine>();

function guestFor({ engine, guest }: ClaimTask): WasmEngine {
  let g = guests.get(engine);
  if (!g) {
    const c = modules[engine === 'wasm-simd' ? 'simd' : 'scalar']!;
    const instance = new WebAssembly.Instance(c.module, importsFor(c, guest.memory));
    g = new WasmEngine(engine, kernelModule(instance), guest.region);
    guests.set(engine, g);
  }
  return g;
}

/** How this worker fails at its next task, when a test asked (task.ts Fault). */
let fault: Fault | undefined;
/** Thrown to leave a task without a reply, as a stalled or dying worker does. */
const NO_REPLY = Symbol('no reply');

/** Fails as a test asked, once, if one did. */
function faultNow(): void {
  const how = fault;
  if (how === undefined) return;
  fault = undefined;
  if (how === 'thrown') throw new Error('infodiv test: a fault inside the task');
  if (how === 'exit' && isNode) process.exit(3);
  if (how === 'uncaught') {
    setTimeout(() => {
      throw new Error('infodiv test: an uncaught fault');
    });
  }
  throw NO_REPLY;
}

/**
 * Sums the blocks of its segment of the pass, then staged blocks from the ends of the
 * others' (windows.ts), each the way the caller sums it, until none is left (claim.ts).
 */
function claimBlocks(task: ClaimTask): void {
  const g = guestFor(task);
  // grow(0) brings this thread's view of the shared memory up to the size the caller
  // grew it to (the buffer otherwise keeps the length it had when first read here).
  g.mem.memory.grow(0);
  const buffer = g.mem.memory.buffer;
  const { n, c0, c1, params, pass, segment, bounds } = task;
  const view = (x: InPlace) => (x.f32 ? new Float32Array(buffer, x.at, n) : new Float64Array(buffer, x.at, n));
  const p = view(task.p);
  const q = task.q ? view(task.q) : p;
  const control = new Int32Array(buffer, task.control, (bounds.length - 1) * CONTROL_I32);
  const results = new Float64Array(buffer, task.results);
  const blocks = blocksOf(c0, c1, n);
  const ends = blocks.map((b) => b[1]);
  for (;;) {
    let b = takeFront(control, segment);
    faultNow(); // a test's fault strikes here: holding a claimed block, when there was one
    if (b >= 0) awaitStaged(control, segment, ends[b]!);
    else if ((b = steal(control, bounds.length - 1, segment, ends)) < 0) return;
    g.pass(pass, p, q, blocks[b]![0], ends[b]!, params).into(results, b * SLOTS);
  }
}

/** The sums of each block of a pass task, one after another (SLOTS numbers each). */
function passBlocks({ pass, p, q, offset, n, c0, c1, params }: PassTask): Float64Array {
  const engine = activeEngine();
  const blocks = blocksOf(c0, c1, n);
  const out = new Float64Array(blocks.length * SLOTS);
  blocks.forEach(([from, to], k) => engine.pass(pass, p, q ?? p, from - offset, to - offset, params).into(out, k * SLOTS));
  return out;
}

registerEngines();
let ready: Promise<void> = Promise.resolve();

async function handle(msg: Message, post: Post): Promise<void> {
  if ('modules' in msg) {
    modules = msg.modules;
    provide((flavor) => modules[flavor]);
    ready = init();
    return;
  }
  if ('fault' in msg) {
    fault = msg.fault;
    return;
  }
  const { id, task } = msg;
  try {
    // In the try: a worker that could not instantiate the modules says so for each task.
    await ready;
    if (task.kind !== 'claim') faultNow();
    let out: Float64Array;
    if (task.kind === 'drift') {
      const counted = task.specs.map((spec, k) => {
        const values = task.columns[k]!;
        const c = countValues(specFromData(spec), values, `current.${task.names[k]}`, task.outside, task.offset);
        return { ...c, counts: Array.from(c.counts), rows: values.length };
      });
      post({ id, out: new Float64Array(0), json: JSON.stringify(counted) }, []);
      return;
    }
    if (task.kind === 'claim') {
      claimBlocks(task);
      out = new Float64Array(0);
    } else if (task.kind === 'pass') {
      setBackend(task.engine);
      out = passBlocks(task);
    } else if (task.kind === 'count') {
      setBackend(task.engine);
      const { counts, outside } = activeEngine().count(() => task.values, task.axis);
      out = new Float64Array(counts.length + 1);
      out.set(counts);
      out[counts.length] = outside;
    } else if (task.kind === 'elementwise') {
      setBackend(task.engine);
      const { which, p, q, offset, from, to } = task;
      out = new Float64Array(to - from);
      activeEngine().elementwise(which, p.subarray(from - offset, to - offset), q.subarray(from - offset, to - offset), out);
    } else {
      const { kind, measure, P, Q, o, from, to, engine } = task;
      setBackend(engine ?? 'auto');
      const m = bulkMeasure(measure);
      out = kind === 'pairwise' ? pairwiseRows(m, P, Q, o, from, to) : rowwiseRows(m, P, Q!, o, from, to);
    }
    post({ id, out }, [out.buffer as ArrayBuffer]);
  } catch (e) {
    if (e === NO_REPLY) return;
    const err = e as { name: string; message: string; argument?: string; index?: number };
    post({ id, error: { name: err.name, message: err.message, argument: err.argument, index: err.index } }, []);
  }
}

declare const require: (id: string) => unknown;
declare const self: { onmessage: (e: { data: Message }) => void; postMessage: Post };

// Not `typeof require`: the bundler shims `require` with a function that exists (and
// throws) in browsers too, so that test sent every Web Worker down the Node branch.
const isNode = typeof process === 'object' && process !== null && typeof process.versions?.node === 'string';

if (isNode) {
  const { parentPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  parentPort!.on('message', (msg: Message) => void handle(msg, (r, t) => parentPort!.postMessage(r, t)));
} else {
  self.onmessage = (e) => void handle(e.data, (r, t) => self.postMessage(r, t));
}
