// Worker pools made and ended over and over: each cycle one `{ threads: 2 }` call big
// enough to run on the workers (THREADS_MIN is 1e5 elements), its answer checked, then
// dispose(). Threads must come back to where they were, RSS and module memory stay flat.
import * as o from './oracle.mjs';
import { close } from './oracle.mjs';
import { osThreads, sample } from './memory.mjs';

const N = 200_000;

export async function poolCycles(lib, data, cycles, backends) {
  const p = data.f64.p.subarray(0, N), q = data.f64.q.subarray(0, N);
  const want = o.kl(p, q);
  const wasmBackends = backends.filter((b) => b !== 'js' && b !== 'auto');
  const threadsBefore = osThreads();
  const before = sample(lib, backends);
  const warm = Math.max(1, Math.floor(cycles / 10));
  let afterWarm, peakThreads = 0, wrong = 0;
  const times = [];
  for (let i = 0; i < cycles; i++) {
    if (i === warm) afterWarm = sample(lib, backends);
    lib.setBackend(wasmBackends.length ? wasmBackends[i % wasmBackends.length] : 'auto');
    const t = performance.now();
    const got = await lib.klDivergence(p, q, { threads: 2 });
    peakThreads = Math.max(peakThreads, osThreads() ?? 0);
    await lib.dispose();
    times.push(performance.now() - t);
    if (!close(got, want, 1e-9, 1e-12)) wrong++;
  }
  lib.setBackend('auto');
  await new Promise((r) => setTimeout(r, 50)); // let ended threads be reaped
  const end = sample(lib, backends);
  times.sort((a, b) => a - b);
  const total = times.reduce((a, b) => a + b, 0);
  return {
    cycles, n: N, wrong, before, afterWarm: afterWarm ?? before, end,
    threadsBefore, peakThreads, threadsAfter: osThreads(),
    msPerCycle: total / cycles, medianMs: times[Math.floor(cycles / 2)], cyclesPerSecond: (1000 * cycles) / total,
  };
}
