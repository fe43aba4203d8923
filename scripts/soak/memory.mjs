// What the soak measures of the process: RSS, V8's heap after a full GC, the size of
// each WebAssembly module's memory, the OS threads, and the live libuv resources.
import { readFileSync } from 'node:fs';

const MiB = 2 ** 20;

/**
 * Module memory is internal to the package; dist exposes it only through allocF64:
 * an array placed there has the memory's buffer as its `.buffer`, so its byteLength is
 * the memory's size. A 0-length allocation takes one 64-byte block from the free list
 * (the first one may grow memory by a page, which warm-up absorbs) and is freed at once.
 */
export function wasmSizes(lib, backends) {
  const sizes = {};
  for (const b of backends) {
    if (b === 'js' || b === 'auto') continue;
    lib.setBackend(b);
    const a = lib.allocF64(0);
    sizes[b] = a.array.buffer.byteLength;
    a.free();
  }
  lib.setBackend('auto');
  return sizes;
}

/** Threads of this process (Linux; undefined elsewhere). */
export function osThreads() {
  try {
    return Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
  } catch {
    return undefined;
  }
}

export function sample(lib, backends) {
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, arrayBuffers: m.arrayBuffers, wasm: wasmSizes(lib, backends), threads: osThreads() };
}

/** Live resources by type, as process.getActiveResourcesInfo() lists them. */
export function resources() {
  const counts = {};
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

/** Resources in `now` beyond those in `before`. */
export function extraResources(before, now) {
  return Object.entries(now).filter(([k, v]) => v > (before[k] ?? 0)).map(([k, v]) => `${k} ×${v - (before[k] ?? 0)}`);
}

export const mib = (bytes) => (bytes / MiB).toFixed(1);
export { MiB };
