// The soak itself (started by scripts/soak.mjs under --expose-gc): mixed calls with
// about 1% bad input, memory sampled throughout, worker pools made and ended, then a
// check that nothing of ours is left open and that the process ends on its own.
import { continuousCases } from './cases/continuous.mjs';
import { bulkCases } from './cases/bulk.mjs';
import { measureCases } from './cases/measures.mjs';
import { sampleCases } from './cases/samples.mjs';
import { BAD, Wrong } from './check.mjs';
import { Inputs, KINDS, masters } from './inputs.mjs';
import { extraResources, MiB, mib, resources, sample } from './memory.mjs';
import { poolCycles } from './pool.mjs';
import { MAX_SIZE, drawSize, generator } from './rng.mjs';

export const RULES = {
  warmup: 0.1,
  heapMiB: 8, // heap after GC at the end within this of after warm-up
  rssMiB: 64, // RSS at the end at most this above after warm-up
  poolRssMiB: 32, // RSS over the pool cycles after their warm-up
  badShare: 0.01,
  threadedShare: 0.1,
  /** Every call up to 1e3 elements is checked, a quarter of the larger ones. */
  checkShare: (n) => (n <= 1e3 ? 1 : 0.25),
};

export async function soak({ lib, calls, cycles, seed, quick, out }) {
  const started = performance.now();
  const resourcesAtStart = resources();
  const rng = generator(seed);
  const data = masters(rng);
  const inputs = new Inputs(lib, data, rng);
  const backends = ['auto', 'js', 'wasm', 'wasm-simd'].filter((b) => {
    try { lib.setBackend(b); return true; } catch { return false; }
  });
  lib.setBackend('auto');
  const cases = [...measureCases, ...sampleCases, ...bulkCases, ...continuousCases];
  const stats = { calls: 0, threaded: 0, checked: 0, elements: 0, bad: {}, badThrown: 0, afterBadChecked: 0, byCase: {}, ms: {}, band: [0, 1, 2].map(() => ({ calls: 0, ms: 0 })), byKind: {}, byBackend: {} };
  const failures = [];
  const fail = (where, err) => {
    if (failures.length < 50) failures.push({ ...where, message: err instanceof Wrong ? err.message : `${err?.name}: ${err?.message}` });
    if (failures.length <= 5) console.error(`FAIL call ${where.call} ${where.case} [${where.backend}, ${where.kind}, n=${where.n}${where.threaded ? ', threads 2' : ''}${where.bad ? `, bad ${where.bad}` : ''}]: ${err?.message}`);
  };

  const context = (kase, backend, n, kind, threaded, check) => ({ lib, rng, inputs, case: kase, backend, n, kind, threaded, check });

  async function good(c, callNo) {
    lib.setBackend(c.backend);
    const t = performance.now();
    try {
      const checked = await c.case.run(c);
      const dt = performance.now() - t;
      stats.ms[c.case.name] = (stats.ms[c.case.name] ?? 0) + dt;
      const band = c.n <= 1e3 ? 0 : c.n <= 1e5 ? 1 : 2;
      stats.band[band].calls++;
      stats.band[band].ms += dt;
      stats.calls++;
      stats.elements += c.n;
      if (checked) stats.checked++;
      if (c.threaded) stats.threaded++;
      return checked;
    } catch (err) {
      fail({ call: callNo, case: c.case.name, backend: c.backend, kind: c.kind, n: c.n, threaded: c.threaded }, err);
      return false;
    } finally {
      inputs.release();
    }
  }

  async function bad(c, what, callNo) {
    lib.setBackend(c.backend);
    const where = { call: callNo, case: c.case.name, backend: c.backend, kind: c.kind, n: c.n, threaded: c.threaded, bad: what };
    try {
      const { call, index, argument } = c.case.bad(c, what);
      let thrown;
      try { await call(); } catch (e) { thrown = e; }
      stats.calls++;
      stats.bad[what] = (stats.bad[what] ?? 0) + 1;
      const Want = BAD[what] === 'type' ? lib.InputTypeError : lib.InputRangeError;
      if (!thrown) throw new Wrong(`accepted bad input (${what})`);
      if (!(thrown instanceof Want)) throw new Wrong(`threw ${thrown.name} (${thrown.message}), want ${Want.name}`);
      if (typeof thrown.argument !== 'string' || thrown.argument === '') throw new Wrong(`${thrown.name} names no argument: ${thrown.message}`);
      if (c.case.indexed && index !== undefined && (what === 'nan' || what === 'negative')) {
        if (thrown.index !== index || (argument && thrown.argument !== argument)) {
          throw new Wrong(`error names ${thrown.argument}[${thrown.index}], the bad entry is ${argument}[${index}]: ${thrown.message}`);
        }
      }
      stats.badThrown++;
    } catch (err) {
      fail(where, err);
    } finally {
      inputs.release();
    }
  }

  const pickCall = (kase, backend, forceCheck) => {
    const n = kase.sized === false ? 1 : Math.min(drawSize(rng), kase.maxN ?? MAX_SIZE);
    const kind = rng.pick(kase.kinds ?? KINDS);
    const threaded = Boolean(kase.threads) && rng.chance(RULES.threadedShare);
    return context(kase, backend, n, kind, threaded, forceCheck || rng.chance(RULES.checkShare(n)));
  };

  // Warm-up starts with every case at its largest size in module memory, on each wasm
  // backend, with and without threads: the high-water mark of module memory, so that
  // "no growth after warm-up" is a fair rule and not a matter of which sizes came first.
  const wasmBackends = backends.filter((b) => b.startsWith('wasm'));
  for (const backend of wasmBackends) {
    for (const kase of cases) {
      for (const threaded of kase.threads ? [false, true] : [false]) {
        const n = kase.sized === false ? 1 : kase.maxN ?? MAX_SIZE;
        await good({ ...context(kase, backend, n, 'module64', threaded, false), maxPass: true }, -1);
      }
    }
  }
  const maxPass = { calls: stats.calls, seconds: (performance.now() - started) / 1000 };
  const atStart = sample(lib, backends);
  console.log(`max-size pass: ${maxPass.calls} calls in ${maxPass.seconds.toFixed(1)} s; rss ${mib(atStart.rss)} MiB, heap ${mib(atStart.heap)} MiB`);

  const warmEnd = Math.floor(calls * RULES.warmup);
  const series = [];
  let afterWarm;
  const loopStart = performance.now();
  let warmTime = loopStart;
  const every = Math.max(1, Math.floor(calls / 20));
  for (let i = 0; i < calls; i++) {
    if (i === warmEnd) {
      afterWarm = sample(lib, backends);
      warmTime = performance.now();
    }
    if (i % every === 0 && i > 0) {
      const s = sample(lib, backends);
      series.push({ call: i, ...s });
      const secs = (performance.now() - loopStart) / 1000;
      console.log(`${i} calls, ${(i / secs).toFixed(0)}/s; rss ${mib(s.rss)} MiB, heap ${mib(s.heap)} MiB, wasm ${Object.values(s.wasm).map(mib).join('/')} MiB; ${failures.length} failures`);
    }
    const kase = rng.pick(cases);
    const backend = rng.pick(backends);
    const c = pickCall(kase, backend, false);
    stats.byCase[kase.name] = (stats.byCase[kase.name] ?? 0) + 1;
    stats.byKind[c.kind] = (stats.byKind[c.kind] ?? 0) + 1;
    stats.byBackend[backend] = (stats.byBackend[backend] ?? 0) + 1;
    if (kase.badKinds?.length && rng.chance(RULES.badShare)) {
      await bad(c, rng.pick(kase.badKinds), i);
      // The call right after a refused one, same case and backend, must be right.
      if (await good(pickCall(kase, backend, true), i)) stats.afterBadChecked++;
    } else {
      await good(c, i);
    }
  }
  const loopSeconds = (performance.now() - loopStart) / 1000;
  afterWarm ??= atStart;
  const end = sample(lib, backends);
  const mainCalls = stats.calls - maxPass.calls;
  const mainRate = mainCalls / loopSeconds;

  await lib.dispose(); // the main loop's workers: the pool phase starts from none
  await new Promise((r) => setTimeout(r, 50));
  console.log(`pool: ${cycles} cycles of a { threads: 2 } call and dispose()`);
  const pool = await poolCycles(lib, data, cycles, backends);
  await lib.dispose();
  await new Promise((r) => setImmediate(r));

  const checks = [];
  const rule = (name, ok, detail) => checks.push({ name, ok, detail });
  for (const [b, size] of Object.entries(end.wasm)) {
    rule(`${b} module memory not grown after warm-up`, size <= afterWarm.wasm[b], `${mib(afterWarm.wasm[b])} → ${mib(size)} MiB`);
  }
  rule(`heap after GC within ${RULES.heapMiB} MiB of after warm-up`, end.heap - afterWarm.heap <= RULES.heapMiB * MiB, `${mib(afterWarm.heap)} → ${mib(end.heap)} MiB`);
  rule(`RSS at most ${RULES.rssMiB} MiB above after warm-up`, end.rss - afterWarm.rss <= RULES.rssMiB * MiB, `${mib(afterWarm.rss)} → ${mib(end.rss)} MiB`);
  rule('pool: every threaded answer right', pool.wrong === 0, `${pool.wrong} wrong of ${pool.cycles}`);
  rule('pool: threads back to where they were', pool.threadsAfter === undefined || pool.threadsAfter === pool.threadsBefore, `${pool.threadsBefore} → peak ${pool.peakThreads} → ${pool.threadsAfter}`);
  rule(`pool: RSS at most ${RULES.poolRssMiB} MiB above after its warm-up`, pool.end.rss - pool.afterWarm.rss <= RULES.poolRssMiB * MiB, `${mib(pool.afterWarm.rss)} → ${mib(pool.end.rss)} MiB`);
  for (const [b, size] of Object.entries(pool.end.wasm)) {
    rule(`pool: ${b} module memory not grown after its warm-up`, size <= pool.afterWarm.wasm[b], `${mib(pool.afterWarm.wasm[b])} → ${mib(size)} MiB`);
  }
  const extra = extraResources(resourcesAtStart, resources());
  rule('no resource left open after dispose()', extra.length === 0, extra.length ? extra.join(', ') : 'none beyond those at the start');
  rule('no wrong answer, every bad input refused with its typed error', failures.length === 0, `${failures.length} failures`);

  return {
    quick, seed, out, runtime: `Node ${process.versions.node}`, calls: mainCalls, iterations: calls, stats, failures, checks,
    maxPass, loopSeconds, mainRate, warmEnd, warmSeconds: (warmTime - loopStart) / 1000,
    memory: { atStart, afterWarm, end, series }, pool, seconds: (performance.now() - started) / 1000, backends,
  };
}
