// The two-thread ceiling of `npm run bench:threads`: what this machine gives two threads
// running the bare KL kernel at once, each over its own contiguous half of one pair in a
// shared module memory, against one thread over the whole pair. No staging, no claiming,
// no merging, no message per pass beyond one: the most { threads: 2 } could reach here,
// measured in the same rounds as the library, so a shared machine that does not scale
// (another tenant on the memory bus) shows in this column and not only in the library's.
//
// The SIMD binary is the one the built package runs (bench/floor-binary.mjs), with its
// memory import made shared the way src/engine/wasm/loader.ts does it: the limits flag
// that follows the import's names ("env", "memory", kind memory) goes from 1 to 3.
import { Worker } from 'node:worker_threads';
import { simdBinary } from './floor-binary.mjs';

const PASS_FAST_KL = 0; // assembly/modes.ts
const CHUNK = 16320; // src/engine/chunk.ts: the calls the engine makes
const PAGE = 65536;
const ACC = 1 << 16; // two accumulator blocks well past the binary's static data
const BASE = 1 << 17;

/** The binary with a shared memory import: the flag after "\x03env\x06memory\x02". */
function sharedVariant(bytes) {
  const key = [3, 101, 110, 118, 6, 109, 101, 109, 111, 114, 121, 2];
  for (let i = 0; i + key.length < bytes.length; i++) {
    if (key.every((b, k) => bytes[i + k] === b)) {
      const at = i + key.length;
      if (bytes[at] !== 1) throw new Error(`memory import limits flag is ${bytes[at]}, expected 1`);
      const out = bytes.slice();
      out[at] = 3;
      return out;
    }
  }
  throw new Error('no memory import found in the SIMD binary');
}

const WORKER = `
const { parentPort } = require('node:worker_threads');
let ex;
parentPort.on('message', ({ module, memory, job }) => {
  if (module) { ex = new WebAssembly.Instance(module, { env: { memory } }).exports; return parentPort.postMessage(0); }
  const [p, q, n, acc] = job;
  for (let o = 0; o < n; o += ${CHUNK}) ex.passF64(${PASS_FAST_KL}, p + o * 8, q + o * 8, Math.min(${CHUNK}, n - o), acc);
  parentPort.postMessage(1);
});`;

/**
 * The ceiling over pairs of up to `maxN` elements, from the build at `entry`:
 * { place(p, q), one(), two(), close() }, or { why } when it cannot be made here.
 */
export async function ceiling(entry, maxN) {
  const b = simdBinary(entry);
  if (!b.bytes) return { why: b.why };
  const module = new WebAssembly.Module(sharedVariant(b.bytes));
  const pages = Math.ceil((BASE + 16 * maxN) / PAGE);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: 65536, shared: true });
  const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const worker = new Worker(WORKER, { eval: true });
  const reply = () => new Promise((resolve) => worker.once('message', resolve));
  worker.postMessage({ module, memory });
  await reply();
  let n = 0;
  const run = (from, len) => {
    const p = BASE + from * 8;
    const q = BASE + (n + from) * 8;
    for (let o = 0; o < len; o += CHUNK) ex.passF64(PASS_FAST_KL, p + o * 8, q + o * 8, Math.min(CHUNK, len - o), ACC);
  };
  return {
    source: b.source,
    place(p, q) {
      n = p.length;
      const f64 = new Float64Array(memory.buffer);
      f64.set(p, BASE / 8);
      f64.set(q, BASE / 8 + n);
    },
    one() {
      run(0, n);
    },
    async two() {
      const half = Math.floor(n / 2);
      const done = reply();
      worker.postMessage({ job: [BASE + half * 8, BASE + (n + half) * 8, n - half, ACC + 256] });
      run(0, half);
      await done;
    },
    close: () => worker.terminate(),
  };
}
