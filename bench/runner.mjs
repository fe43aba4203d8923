// Times cases with tinybench, in Node and in the Chromium page alike: check the answer,
// then warm up and sample within the size's time budget. One case at a time, sizes in
// ascending order, each size's inputs dropped before the next are made.
import { Bench } from 'tinybench';
import { absoluteDistance, distance, elementsOf, MEASURES, pick, prepare, sizeInputs } from './cases.mjs';
import { budgetFor } from './plan.mjs';

/** Every answer is folded in here, and the total reported, so no call can be skipped. */
export const sink = { value: 0 };

/**
 * Calls `run` for the warm-up budget, so that compilation tiers and caches settle before
 * the batch size is chosen (a histogram call of 1e4 values takes 0.5 ms cold, 15 µs warm).
 */
function warmUp(run, { warmupTime, warmupIterations }) {
  const start = performance.now();
  for (let n = 0; n < warmupIterations || performance.now() - start < warmupTime; n++) sink.value += pick(run());
}

/**
 * How many calls one sample makes: enough that a sample lasts `sampleMs`, so the timer's
 * resolution (Chromium rounds performance.now to 5 µs even when cross-origin isolated)
 * and tinybench's per-sample bookkeeping stay small next to it.
 */
function callsPerSample(run, sampleMs) {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    sink.value += pick(run());
    calls++;
    elapsed = performance.now() - start;
  } while (elapsed < sampleMs && calls < 1e6);
  return Math.max(1, Math.ceil((sampleMs * calls) / Math.max(elapsed, 1e-6)));
}

/** Times one case; returns its result record (status 'ok', 'wrong' or 'error'). */
export async function runCase(c, size, { m, mathjs, floor, quick, sampleMs }) {
  const elements = elementsOf(c.measure, c.len);
  const record = { ...c, elements };
  try {
    const { run, expected, tolerance, slack } = prepare(c, size, { m, mathjs, floor });
    const got = run(); // also the first warm-up call
    const error = distance(got, expected, MEASURES[c.measure].compare);
    record.offBy = error;
    record.tolerance = tolerance;
    if (slack !== undefined) {
      record.absOffBy = absoluteDistance(got, expected);
      record.slack = slack;
    }
    if (!(error <= tolerance)) {
      // A naive loop that cancels on nearly identical inputs is timed and reported as
      // inexact; any other miss is a wrong answer, not timed.
      if (!(record.absOffBy <= slack)) return { ...record, status: 'wrong' };
      record.inexact = true;
    }
    sink.value += pick(got);
    const budget = budgetFor(c.len, { quick });
    warmUp(run, budget);
    const reps = callsPerSample(run, sampleMs);
    // tinybench warms up again, now the batched task it times.
    const bench = new Bench({ ...budget, throws: true });
    bench.add(c.name, () => {
      for (let r = 0; r < reps; r++) sink.value += pick(run());
    });
    await bench.run();
    const { latency } = bench.tasks[0].result;
    const perCall = (ms) => ms / reps;
    return {
      ...record,
      status: 'ok',
      reps,
      samples: latency.samplesCount,
      medianMs: perCall(latency.p50),
      p75Ms: perCall(latency.p75),
      nsPerElement: (perCall(latency.p50) * 1e6) / elements,
      p75NsPerElement: (perCall(latency.p75) * 1e6) / elements,
    };
  } catch (e) {
    return { ...record, status: 'error', message: String(e?.message ?? e) };
  } finally {
    m.setBackend('auto');
  }
}

/**
 * Runs `cases` (ordered by size, as plan.casesFor makes them), calling `onResult` after
 * each and `beforeFree(size)` when a size is done, before its inputs are dropped.
 */
export async function runCases(cases, options, { onResult, beforeFree } = {}) {
  const results = [];
  let size;
  const done = async () => {
    if (!size) return;
    await beforeFree?.(size);
    size.free();
  };
  for (const c of cases) {
    if (size?.len !== c.len) {
      await done();
      size = sizeInputs(c.len);
    }
    const r = await runCase(c, size, options);
    results.push(r);
    await onResult?.(r);
  }
  await done();
  return results;
}

/** The line printed for a finished case. */
export function progressLine(r, index, total) {
  const head = `[${index}/${total}] ${r.env === 'node' ? '' : `${r.env} `}${r.name}`;
  if (r.status === 'ok') return `${head}  ${formatNs(r.nsPerElement)} ns/elem${r.inexact ? `  (answer off by ${formatError(r.offBy)}: cancellation)` : ''}`;
  if (r.status === 'wrong') return `${head}  WRONG ANSWER (off by ${r.offBy?.toExponential(2)}, allowed ${r.tolerance})`;
  return `${head}  ${r.status.toUpperCase()}: ${r.message ?? ''}`;
}

/** A relative error for the report: "3.2e-9", "150%". */
export function formatError(x) {
  if (!Number.isFinite(x)) return '∞';
  if (x === 0) return '0';
  return x >= 0.01 ? `${+(x * 100).toPrecision(2)}%` : x.toExponential(1);
}

export function formatNs(x) {
  if (!Number.isFinite(x)) return '—';
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3);
}
