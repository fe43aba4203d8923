// The soak's summary, as a markdown report (bench/results/soak.md, or quick/soak.md).
import os from 'node:os';
import { SIZE_BANDS } from './rng.mjs';
import { mib } from './memory.mjs';
import { RULES } from './run.mjs';

const wasmCells = (s) => Object.entries(s.wasm).map(([b, v]) => `${b} ${mib(v)}`).join(', ');
const pct = (x) => `${+(100 * x).toFixed(1)}%`;

export function markdown(r, exit) {
  const s = r.stats;
  const badTotal = Object.values(s.bad).reduce((a, b) => a + b, 0);
  const cpu = os.cpus();
  const lines = [
    `# Soak${r.quick ? ' (quick)' : ''}`,
    '',
    `\`npm run soak${r.quick ? ' -- --quick' : ''}\` (scripts/soak.mjs) on ${r.runtime}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ` +
      `${new Date().toISOString().slice(0, 10)}; seed ${r.seed} (\`--seed ${r.seed}\` replays it). ` +
      `The built package (dist/index.js), as a user imports it.`,
    '',
    '| | |',
    '|---|---|',
    `| Calls (mixed) | ${r.calls.toLocaleString('en-US')} in ${r.loopSeconds.toFixed(1)} s: **${Math.round(r.mainRate).toLocaleString('en-US')} calls/s** (${s.elements.toLocaleString('en-US')} elements in all, checks included) |`,
    `| With \`{ threads: 2 }\` | ${s.threaded.toLocaleString('en-US')} |`,
    `| Bad inputs refused with the right typed error | ${s.badThrown.toLocaleString('en-US')} of ${badTotal.toLocaleString('en-US')} (${Object.entries(s.bad).map(([k, v]) => `${k} ${v}`).join(', ')}) |`,
    `| Results checked against an independent reference | ${s.checked.toLocaleString('en-US')} (the call after each bad input among them: ${s.afterBadChecked.toLocaleString('en-US')}) |`,
    `| Wrong answers, crashes, bad inputs let through | ${r.failures.length} |`,
    `| Max-size pass before warm-up | ${r.maxPass.calls} calls at the largest size in module memory, ${r.maxPass.seconds.toFixed(1)} s |`,
    `| Memory after the max-size pass (RSS, heap after GC, module memories, MiB) | ${mib(r.memory.atStart.rss)}, ${mib(r.memory.atStart.heap)}, ${wasmCells(r.memory.atStart)} |`,
    `| … after warm-up (first ${pct(RULES.warmup)} of calls) | ${mib(r.memory.afterWarm.rss)}, ${mib(r.memory.afterWarm.heap)}, ${wasmCells(r.memory.afterWarm)} |`,
    `| … at the end | ${mib(r.memory.end.rss)}, ${mib(r.memory.end.heap)}, ${wasmCells(r.memory.end)} |`,
    `| Pool cycles (a \`{ threads: 2 }\` KL on ${r.pool.n.toLocaleString('en-US')} elements, then \`dispose()\`) | ${r.pool.cycles}: **${r.pool.cyclesPerSecond.toFixed(1)} cycles/s**, ${r.pool.msPerCycle.toFixed(1)} ms a cycle (median ${r.pool.medianMs.toFixed(1)}) |`,
    `| Pool: RSS before, after its warm-up, at the end (MiB) | ${mib(r.pool.before.rss)}, ${mib(r.pool.afterWarm.rss)}, ${mib(r.pool.end.rss)} |`,
    `| Pool: OS threads before, peak, after | ${r.pool.threadsBefore}, ${r.pool.peakThreads}, ${r.pool.threadsAfter} |`,
    `| Exit | ${exit} |`,
    `| Whole run | ${r.seconds.toFixed(0)} s |`,
    '',
    '## Rules (the run fails, exit 1, when one is broken)',
    '',
    ...r.checks.map((c) => `- ${c.ok ? 'pass' : '**FAIL**'}: ${c.name} (${c.detail})`),
    `- ${exit.startsWith('on its own') ? 'pass' : '**FAIL**'}: the process ends on its own, without process.exit (a watchdog timer, unref'd, fails the run if it is still alive 10 s later)`,
    '',
    '## How the calls are drawn',
    '',
    `Each call picks uniformly one of ${Object.keys(s.byCase).length} cases over the public API, a backend (${r.backends.join(', ')}: \`setBackend\` before the call), ` +
      `an input kind (Float64Array, Float32Array, Int32Array, plain array, allocF64 / allocF32 arrays in module memory, freed after the call), ` +
      `and a size: log-uniform within bands, ${SIZE_BANDS.map((b) => `${pct(b.share)} in [${b.lo.toLocaleString('en-US')}, ${b.hi.toLocaleString('en-US')}]`).join(', ')} ` +
      `(capped per case: estimators 1e5 samples, Monte Carlo 2e4, multivariate normals 32 dimensions). ` +
      `${pct(RULES.threadedShare)} of the calls of cases that take \`threads\` pass \`{ threads: 2 }\` (from 1e5 elements on the workers). ` +
      `${pct(RULES.badShare)} are bad input (NaN, a negative entry, lengths that differ, empty, a wrong type), each of which must throw ` +
      'InputRangeError (InputTypeError for a wrong type) naming the argument, and the entry\'s index where the case has one; the next call of the same case is checked. ' +
      'Every call up to 1e3 elements and a quarter of the larger ones are checked against scripts/soak/oracle.mjs (the textbook formulas in plain loops, ' +
      'relative 1e-9), exact counts for histograms and bins, exact identities for the sample estimators, six standard errors for Monte Carlo.',
    '',
    '| Case | Calls | Seconds (checks included) |',
    '|---|---|---|',
    ...Object.entries(s.byCase).sort((a, b) => b[1] - a[1]).map(([k, v]) => `| ${k} | ${v.toLocaleString('en-US')} | ${((s.ms[k] ?? 0) / 1000).toFixed(1)} |`),
    '',
    `Input kinds: ${Object.entries(s.byKind).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')}. Backends: ${Object.entries(s.byBackend).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')}.`,
    '',
    '## Memory through the run',
    '',
    '| Calls | RSS MiB | Heap after GC MiB | Module memories MiB | OS threads |',
    '|---|---|---|---|---|',
    ...r.memory.series.map((p) => `| ${p.call.toLocaleString('en-US')} | ${mib(p.rss)} | ${mib(p.heap)} | ${wasmCells(p)} | ${p.threads ?? ''} |`),
  ];
  if (r.failures.length) {
    lines.push('', '## Failures (first 50)', '', ...r.failures.map((f) => `- call ${f.call}, ${f.case} [${f.backend}, ${f.kind}, n=${f.n}${f.threaded ? ', threads 2' : ''}${f.bad ? `, bad ${f.bad}` : ''}]: ${f.message}`));
  }
  return `${lines.join('\n')}\n`;
}
