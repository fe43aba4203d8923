// `{ threads }` on one large pair when the engine's module memory is shared (loader.ts):
// the calling thread and the workers sum the blocks of each pass reading the inputs in
// module memory in place, each thread a contiguous segment of blocks, then taking the
// staged blocks left at the ends of the others' (windows.ts). Arrays already in module
// memory (allocF64) are read where they are. Any other input is staged into module
// memory for the workers while the pass runs: the calling thread copies just far enough
// ahead to keep them busy, and sums its own segment, a smaller one, from the input as it
// is (through its scratch slots, as the call without threads does). So the copy that
// plain inputs need overlaps the workers' sums instead of preceding them.
//
// Every block is summed on its own, by the same kernel calls whoever takes it, and the
// blocks merge in order here: the same bits as the call without threads (settle.ts).
import type { Pass } from '../../assembly/modes.js';
import { CHUNK } from '../engine/chunk.js';
import type { Engine } from '../engine/seam.js';
import { SLOTS, Sums } from '../engine/sums.js';
import type { ModuleMemory } from '../engine/wasm/memory.js';
import type { Measure } from '../measures/measure.js';
import { BLOCK_CHUNKS, blocksOf, natsOfAsync, type PassRequest } from '../measures/settle.js';
import type { Vector } from '../types.js';
import type { Resolved } from '../validate.js';
import { startClaims } from './pool.js';
import type { InPlace } from './task.js';
import { CONTROL_I32, steal, takeFront, windowOf } from './windows.js';

type Float = Float64Array | Float32Array;
type SharedEngine = Engine & { shared: ModuleMemory };

/** Elements staged per copy: one block. */
const PIECE = BLOCK_CHUNKS * CHUNK;
/** Staged blocks kept ready per worker before the calling thread sums one of its own. */
const AHEAD = 2;
/**
 * The calling thread's share of the blocks, against a worker's 1, when it stages inputs
 * too: staging both inputs of a block costs about a third of summing it (Node 24), so
 * with one worker this thread sums ~30% and both finish together; it takes staged
 * blocks from the workers' ends if it runs ahead.
 */
const STAGING_SHARE = 0.4;

/** One input as the workers read it: where it is in module memory, and the input to copy it from, if any. */
interface Placed extends InPlace {
  source: Vector | undefined;
}

/** The inputs of one call in module memory: in place, or in blocks staged as the passes go. */
class Staged {
  readonly inputs: Placed[];
  /** Elements [lo, hi) of every input are in module memory. */
  lo = 0;
  hi = 0;
  private readonly held: { at: number; bytes: number }[] = [];

  constructor(
    private readonly mem: ModuleMemory,
    readonly n: number,
    xs: Vector[],
  ) {
    this.inputs = xs.map((x) => this.place(x));
    if (!this.copies) this.hi = n;
  }

  get copies(): boolean {
    return this.inputs.some((x) => x.source);
  }

  private place(x: Vector): Placed {
    const f32 = x instanceof Float32Array;
    if (this.mem.holds(x)) return { at: x.byteOffset, f32, source: undefined };
    const bytes = this.n * (f32 ? 4 : 8);
    const at = this.mem.allocate(bytes);
    this.held.push({ at, bytes });
    return { at, f32, source: x };
  }

  /** The inputs' views on module memory as it is now (it may have grown since). */
  views(): Float[] {
    const buffer = this.mem.memory.buffer;
    return this.inputs.map(({ at, f32 }) => (f32 ? new Float32Array(buffer, at, this.n) : new Float64Array(buffer, at, this.n)));
  }

  /** How far elements from `from` are staged already (from itself when they are not). */
  stagedFrom(from: number): number {
    return this.lo <= from && from < this.hi ? this.hi : from;
  }

  /** Copies elements [from, to) of the copied inputs into module memory. */
  copy(from: number, to: number, views: Float[]): void {
    this.inputs.forEach(({ source }, k) => {
      if (!source) return;
      const dst = views[k]!;
      if (Array.isArray(source)) for (let i = from; i < to; i++) dst[i] = source[i]!;
      else dst.set((source as Float).subarray(from, to), from);
    });
  }

  /** Records that [from, to) is staged (a pass's whole range, once it is done). */
  covered(from: number, to: number): void {
    if (this.hi < from || to < this.lo || this.lo === this.hi) [this.lo, this.hi] = [from, to];
    else [this.lo, this.hi] = [Math.min(this.lo, from), Math.max(this.hi, to)];
  }

  release(): void {
    for (const { at, bytes } of this.held) this.mem.release(at, bytes);
  }
}

/** Segment bounds (block indices) for `threads` threads, the first (this one) weighted `share`. */
function segmentsOf(blocks: number, threads: number, share: number): number[] {
  const total = share + threads - 1;
  const bounds = [0];
  for (let k = 1; k < threads; k++) bounds.push(Math.round((blocks * (share + k - 1)) / total));
  bounds.push(blocks);
  return bounds;
}

/**
 * One pass over blocks of chunks [c0, c1): the workers' tasks posted, then this thread
 * stages and sums until no block is left, then the blocks' sums merged in order.
 */
async function claimPass(engine: SharedEngine, st: Staged, inputs: Vector[], r: PassRequest, workers: number): Promise<Sums> {
  const mem = engine.shared;
  const { kind, c0, c1, params } = r;
  const blocks = blocksOf(c0, c1, st.n);
  const ends = blocks.map((b) => b[1]);
  const threads = workers + 1;
  const bounds = segmentsOf(blocks.length, threads, st.copies ? STAGING_SHARE : 1);
  const first = (k: number) => (bounds[k]! < bounds[k + 1]! ? blocks[bounds[k]!]![0] : 0);
  const last = (k: number) => (bounds[k]! < bounds[k + 1]! ? ends[bounds[k + 1]! - 1]! : 0);
  const controlBytes = threads * CONTROL_I32 * 4;
  const control = mem.allocate(controlBytes);
  const results = mem.allocate(blocks.length * SLOTS * 8);
  {
    const init = new Int32Array(mem.memory.buffer, control, threads * CONTROL_I32);
    for (let k = 0; k < threads; k++) {
      init[k * CONTROL_I32] = windowOf(bounds[k]!, bounds[k + 1]!) | 0;
      init[k * CONTROL_I32 + 1] = Math.min(st.stagedFrom(first(k)), last(k));
    }
  }
  const [p, q] = st.inputs;
  const { done } = await startClaims(
    {
      kind: 'claim', pass: kind as Pass, params, n: st.n, c0, c1, control, results, bounds,
      engine: engine.name as 'wasm-simd' | 'wasm',
      p: { at: p!.at, f32: p!.f32 },
      q: q && { at: q.at, f32: q.f32 },
    },
    mem,
    workers,
  );
  // Views after the await: starting workers allocates their regions, which may grow memory.
  const views = st.views();
  const ctl = new Int32Array(mem.memory.buffer, control, threads * CONTROL_I32);
  const out = new Float64Array(mem.memory.buffer, results, blocks.length * SLOTS);
  const staged = (k: number) => ctl[k * CONTROL_I32 + 1]!;
  const stage = (k: number) => {
    const from = staged(k);
    const to = Math.min(last(k), from + PIECE);
    st.copy(from, to, views);
    Atomics.store(ctl, k * CONTROL_I32 + 1, to);
    Atomics.notify(ctl, k * CONTROL_I32 + 1);
  };
  /** The worker segment most in need of staged elements, if one is short of AHEAD blocks ready. */
  const hungry = (all: boolean): number => {
    let best = -1;
    let margin = all ? Infinity : AHEAD * PIECE;
    for (let k = 1; k < threads; k++) {
      if (staged(k) >= last(k)) continue;
      const front = Atomics.load(ctl, k * CONTROL_I32) & 0xffff;
      const ready = staged(k) - (front < blocks.length ? blocks[front]![0] : last(k));
      if (ready < margin) [best, margin] = [k, ready];
    }
    return best;
  };
  // This thread's own segment reads the inputs as given (in place where they are in
  // module memory, else through its scratch slots); blocks taken from others, the staged copies.
  const own = inputs.map((x, k) => (st.inputs[k]!.source ? x : views[k]!));
  const stagedPair = [views[0]!, views[1] ?? views[0]!] as const;
  const sum = (b: number, [x, y]: readonly [Vector, Vector]) =>
    engine.pass(kind, x, y, blocks[b]![0], ends[b]!, params).into(out, b * SLOTS);
  const ownPair = [own[0]!, own[1] ?? own[0]!] as const;
  // Should this thread fail half-way, no worker may be left waiting for blocks it will
  // never stage (nor the next call's tasks behind them): every window is closed and every
  // segment marked staged, so each worker ends its claim (the call rejects: its sums are
  // not complete).
  const abandon = () => {
    for (let k = 0; k < threads; k++) {
      Atomics.store(ctl, k * CONTROL_I32, 0);
      Atomics.store(ctl, k * CONTROL_I32 + 1, last(k));
      Atomics.notify(ctl, k * CONTROL_I32 + 1);
    }
  };
  try {
    for (;;) {
      let k = hungry(false);
      if (k >= 0) {
        stage(k);
        continue;
      }
      const b = takeFront(ctl, 0);
      if (b >= 0) {
        sum(b, ownPair);
        continue;
      }
      // Own segment done: stage what is left of the workers' (they wait for it), then
      // take staged blocks from their ends.
      k = hungry(true);
      if (k >= 0) {
        stage(k);
        continue;
      }
      const stolen = steal(ctl, threads, 0, ends);
      if (stolen < 0) break;
      sum(stolen, stagedPair);
    }
  } catch (e) {
    abandon();
    throw e;
  }
  // A worker that failed (a WorkerError: it crashed, exited or was disposed of) cannot
  // have left this thread waiting: the loop above stages and steals every block still
  // unclaimed, whoever's, and never waits on a worker. But the blocks it had claimed have
  // sums nobody can trust (nothing records which it finished), so the call rejects with
  // its error rather than answer; the next call runs on a fresh worker.
  const settled = await done;
  const failure = settled.find((s) => s.status === 'rejected');
  // A failed call leaves control and results allocated: a worker that was ending may
  // still write there.
  if (failure) throw (failure as PromiseRejectedResult).reason;
  // Staged now: the workers' segments (this thread's own was read as given).
  st.covered(st.copies ? last(0) : blocks[0]![0], ends[ends.length - 1]!);
  const sums = new Float64Array(mem.memory.buffer, results, blocks.length * SLOTS);
  let total: Sums | undefined;
  for (let b = 0; b < blocks.length; b++) {
    const s = new Sums(sums.slice(b * SLOTS, (b + 1) * SLOTS));
    total = total ? total.merge(s) : s;
  }
  mem.release(control, controlBytes);
  mem.release(results, blocks.length * SLOTS * 8);
  return total!;
}

/** The measure (nats) of one validated pair, on the calling thread and `workers` workers together. */
export async function claimOnWorkers(m: Measure, engine: SharedEngine, p: Vector, q: Vector, o: Resolved, workers: number): Promise<number> {
  const inputs = m.inputs === 2 && q !== p ? [p, q] : [p];
  const st = new Staged(engine.shared, p.length, inputs);
  try {
    return await natsOfAsync(m, engine, p, q, o, (r) => claimPass(engine, st, inputs, r, workers));
  } finally {
    st.release();
  }
}
