// The code each worker runs (bundled by scripts/build-worker.mjs into one string, so no
// file has to be found at run time): its own module instance, rows in, block out.
import { registerEngines } from '../engine/registry.js';
import { pairwiseRows } from '../bulk/pairwise-rows.js';
import { rowwiseRows } from '../bulk/rowwise-rows.js';
import { init } from '../engine/wasm/loader.js';
import { bulkMeasure } from '../measures/table.js';
import type { Reply, Task } from './task.js';

type Post = (reply: Reply, transfer: ArrayBuffer[]) => void;

registerEngines();
const ready = init(); // browsers' workers compile asynchronously too

async function handle({ id, task }: { id: number; task: Task }, post: Post): Promise<void> {
  await ready;
  try {
    const { kind, measure, P, Q, o, from, to } = task;
    const m = bulkMeasure(measure);
    const out = kind === 'pairwise' ? pairwiseRows(m, P, Q, o, from, to) : rowwiseRows(m, P, Q!, o, from, to);
    post({ id, out }, [out.buffer as ArrayBuffer]);
  } catch (e) {
    const err = e as { name: string; message: string; argument?: string; index?: number };
    post({ id, error: { name: err.name, message: err.message, argument: err.argument, index: err.index } }, []);
  }
}

declare const require: (id: string) => unknown;
declare const self: { onmessage: (e: { data: { id: number; task: Task } }) => void; postMessage: Post };

// Not `typeof require`: the bundler shims `require` with a function that exists (and
// throws) in browsers too, so that test sent every Web Worker down the Node branch.
const isNode = typeof process === 'object' && process !== null && typeof process.versions?.node === 'string';

if (isNode) {
  const { parentPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  parentPort!.on('message', (msg) => void handle(msg, (r, t) => parentPort!.postMessage(r, t)));
} else {
  self.onmessage = (e) => void handle(e.data, (r, t) => self.postMessage(r, t));
}
