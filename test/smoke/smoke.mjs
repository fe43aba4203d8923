// The smoke suite for runtimes vitest does not run on (Bun, Deno) and for each Node CI
// tests: plain ESM, no test framework, run as `<runtime> test/smoke/smoke.mjs` (Deno:
// `deno run --allow-read=dist,test/smoke …`) by scripts/runtimes.mjs. It loads the built package
// (dist/index.js, and dist/index.cjs through require) and checks, on both builds:
//   - the worked example against exact values (mpmath, 50 digits, on the same doubles);
//   - every backend: setBackend() takes it, backend() reports it, and the three agree;
//   - `{ threads: 2 }`: pairwise in worker threads equals the synchronous call, to the bit;
//   - seeded samples: the same bits on every runtime (a fingerprint of 14,000 draws);
//   - that the process then exits by itself (idle workers never keep it alive).
// Prints one line per check; exits 1 naming each failed check.
import { createRequire } from 'node:module';
import { setTimeout } from 'node:timers';

const runtime =
  typeof globalThis.Bun === 'object' ? `bun ${globalThis.Bun.version}`
  : typeof globalThis.Deno === 'object' ? `deno ${globalThis.Deno.version.deno}`
  : `node ${process.versions.node}`;

let passed = 0;
const failures = [];

/** Runs one check; a throw or a false result fails it, with the message given. */
async function check(name, f) {
  let why;
  try {
    const r = await f();
    if (r === true) {
      passed++;
      console.log(`ok   ${name}`);
      return;
    }
    why = typeof r === 'string' ? r : `returned ${String(r)}`;
  } catch (e) {
    why = `threw ${String(e?.stack ?? e)}`; // a throw keeps its stack: where it came from
  }
  failures.push(name);
  console.log(`FAIL ${name}\n     ${why.split('\n').join('\n     ')}`);
}

/**
 * FNV-1a over the bytes of 2,000 draws (seed 7) from each of seven distributions, the
 * rejection samplers included. The samplers use only + − × ÷, √ and their own log and
 * exp (src/continuous/random.ts), so every engine must give these bits; the value is the
 * one Node 20/24, Bun 1.4 and Deno 2.9 all gave when it was recorded. A deliberate change
 * to a sampler changes it: record the new value from one runtime, and this check holds
 * the others to it.
 */
const SAMPLES_FINGERPRINT = '1a411e69';

function sampleFingerprint(m) {
  const ds = [m.normal(1, 2), m.gamma(0.6, 1.5), m.gamma(7, 0.5), m.beta(2, 3), m.poisson(12), m.laplace(0, 1), m.exponential(2)];
  let h = 0x811c9dc5;
  for (const d of ds) {
    const bytes = new Uint8Array(d.sample(2000, { seed: 7 }).buffer);
    for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  }
  return h.toString(16);
}

function relErr(a, b) {
  return a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

/** `true`, or a message naming each value further than `tol` (relative) from its reference. */
function close(got, want, tol) {
  const bad = Object.keys(want).filter((k) => !(relErr(got[k], want[k]) <= tol));
  return bad.length === 0 || bad.map((k) => `${k}: got ${got[k]}, want ${want[k]} (rel. error ${relErr(got[k], want[k]).toExponential(2)} > ${tol})`).join('; ');
}

// The README's worked example. References: mpmath at 50 digits on the exact doubles,
// each normalised by its exact sum, rounded to the nearest double:
//   KL(P‖Q) = 1.926979047155218696005076…, KL(Q‖P) = 2.021647970363805321479588…,
//   JS = 0.4202005703763732492754317…, JS distance = 0.6482287947757128516831214… (base 2).
const P = [0.1, 0.4, 0.5];
const Q = [0.8, 0.15, 0.05];
const EXACT = {
  klPQ: 1.9269790471552187,
  klQP: 2.0216479703638055,
  js: 0.42020057037637326,
  jsDistance: 0.6482287947757128,
};

function example(m) {
  const o = { base: 2 };
  return {
    klPQ: m.klDivergence(P, Q, o),
    klQP: m.klDivergence(Q, P, o),
    js: m.jsDivergence(P, Q, o),
    jsDistance: m.jsDistance(P, Q, o),
  };
}

/** Deterministic positive data (a 32-bit LCG), so every runtime sees the same numbers. */
function data(n, seed) {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 1) / 2 ** 32;
  });
}

// 1003 elements: the SIMD loops and their tails; the small example goes to the kernels
// too, since a forced backend answers every size.
const A = data(1003, 1);
const B = data(1003, 2);
function measures(m) {
  return {
    ...example(m),
    entropy: m.entropy(A),
    crossEntropy: m.crossEntropy(A, B),
    kl: m.klDivergence(A, B),
    jsBig: m.jsDivergence(A, B, { base: 10 }),
    tv: m.totalVariation(A, B),
    mi: m.mutualInformation([[1, 2, 3], [4, 5, 6], [9, 1, 0.5]]),
  };
}

const ROWS = Array.from({ length: 40 }, (_, i) => data(50, 100 + i));

function sameMatrix(a, b) {
  if (a.rows !== b.rows || a.cols !== b.cols) return `shape ${a.rows}×${a.cols}, want ${b.rows}×${b.cols}`;
  const bad = [];
  for (let k = 0; k < b.data.length; k++) if (!Object.is(a.data[k], b.data[k])) bad.push(k);
  return bad.length === 0 || `${bad.length} of ${b.data.length} entries differ, first [${bad[0]}]: ${a.data[bad[0]]} vs ${b.data[bad[0]]}`;
}

console.log(`infodiv smoke suite on ${runtime}`);

// If something (an idle worker) kept the process alive after the last check, say so and
// fail. Unref'd: this timer alone never holds the process open.
setTimeout(() => {
  console.log(`FAIL the process did not exit within 30 s of the last check on ${runtime}: something (idle worker threads?) keeps it alive`);
  process.exit(1);
}, 30_000).unref();

let esm;
let cjs;
await check('ESM build loads (dist/index.js)', async () => {
  esm = await import('../../dist/index.js');
  await esm.ready;
  return typeof esm.klDivergence === 'function';
});
await check('CJS build loads through require (dist/index.cjs)', () => {
  cjs = createRequire(import.meta.url)('../../dist/index.cjs');
  return typeof cjs.klDivergence === 'function';
});
if (typeof globalThis.Bun === 'object') {
  // Bun also has a plain `require` in ES modules: the same module as createRequire's.
  await check('CJS build loads through Bun\'s require in ESM', () => require('../../dist/index.cjs') === cjs);
}
if (!esm || !cjs) {
  console.log(`\nsmoke: the package did not load on ${runtime}; is dist/ built (npm run build)?`);
  process.exit(1);
}

for (const [label, m] of [['ESM', esm], ['CJS', cjs]]) {
  await check(`${label}: the automatic backend is wasm-simd`, () => m.backend() === 'wasm-simd' || `backend() is ${m.backend()}`);
  await check(`${label}: the worked example equals the exact values (1e-12)`, () => close(example(m), EXACT, 1e-12));

  const results = {};
  for (const b of ['js', 'wasm', 'wasm-simd']) {
    await check(`${label}: setBackend('${b}'), then backend() reports it and the example is exact`, () => {
      m.setBackend(b);
      if (m.backend() !== b) return `backend() is ${m.backend()}`;
      results[b] = measures(m);
      return close(results[b], EXACT, 1e-12);
    });
  }
  for (const b of ['wasm', 'wasm-simd']) {
    await check(`${label}: ${b} agrees with js on every measure (1e-13)`, () => !results[b] ? 'no result' : close(results[b], results.js, 1e-13));
  }

  for (const b of ['js', 'wasm', 'wasm-simd']) {
    for (const measure of ['js', 'kl']) {
      await check(`${label}: ${b}: pairwise('${measure}', 40×50 rows, { threads: 2 }) equals the synchronous call`, async () => {
        m.setBackend(b);
        const sync = m.pairwise(measure, ROWS);
        const pending = m.pairwise(measure, ROWS, undefined, { threads: 2 });
        if (!(pending instanceof Promise)) return 'the threaded call did not return a Promise';
        return sameMatrix(await pending, sync);
      });
    }
  }
  m.setBackend('auto');

  await check(`${label}: seeded samples are the same bits as on every other runtime`, () => {
    const f = sampleFingerprint(m);
    return f === SAMPLES_FINGERPRINT || `fingerprint ${f}, expected ${SAMPLES_FINGERPRINT}`;
  });
}

// No dispose(): the process must end by itself with idle workers left (the watchdog above).
// (Not in the 'N passed, N failed' form: in CI that line is vitest's count.)
if (failures.length) {
  console.log(`\nsmoke: ${failures.length} of ${passed + failures.length} checks FAILED on ${runtime}:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  process.exit(1);
}
console.log(`\nsmoke: all ${passed} checks passed on ${runtime}`);
