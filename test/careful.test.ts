// The careful passes pick, per block of 128 elements, a near loop (polynomial forms, a
// few far lanes settled in scalar code) or a log loop (lanes with ratios beyond the double
// range set aside and settled after the block). Every lane must be counted exactly once
// whichever loops ran: on inputs that mix near blocks, far lanes among them, log blocks
// and lanes with overflowing ratios, the default pass, the strict pass (near loop only,
// every far lane in scalar code) and the JS engine's twin give the same sums, to the
// error each pass reports.
import { describe, expect, it } from 'vitest';
import { Pass } from '../assembly/modes.js';
import { backend } from '../src/index.js'; // the package entry provides the binaries to the loader
import { jsEngine } from '../src/engine/js/index.js';
import type { Engine } from '../src/engine/seam.js';
import { wasmEngine } from '../src/engine/wasm/index.js';
import { writeParams } from '../src/numeric/careful.js';

function random(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * Nearly identical p and q, with blocks made far apart, single far lanes inside near
 * blocks, and lanes whose ratio overflows (q subnormal) or that have a zero on one side.
 */
function mixture(n: number, seed: number): [Float64Array, Float64Array] {
  const rnd = random(seed);
  const p = new Float64Array(n);
  const q = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    p[i] = 0.5 + rnd();
    q[i] = p[i]! * (1 + 1e-9 * (rnd() - 0.5));
  }
  const farBlock = 128 * (1 + Math.floor(rnd() * Math.max(1, Math.floor(n / 128) - 1)));
  for (let i = farBlock; i < Math.min(n, farBlock + 128); i += 1 + Math.floor(rnd() * 6)) {
    p[i] = 1e-6 * (1 + rnd());
    q[i] = 3e-6 * (1 + rnd());
  }
  const lanes = [Math.floor(rnd() * 128), farBlock + Math.floor(rnd() * 128), Math.floor(rnd() * n)];
  for (const [k, i] of lanes.entries()) {
    if (i >= n) continue;
    p[i] = 1e-6;
    q[i] = k === 2 ? 0 : 1e-320; // ratio beyond the double range; or b = 0
  }
  return [p, q];
}

/** S, N and the infinite-lane count of one careful pass of `kind` (ρ′ from the inputs' sums). */
function carefulSums(engine: Engine, kind: Pass, p: Float64Array, q: Float64Array, strict: boolean) {
  let A = 0;
  let B = 0;
  for (let i = 0; i < p.length; i++) {
    A += p[i]!;
    B += q[i]!;
  }
  const params = new Float64Array(4);
  writeParams(params, 0, A, B, false, strict);
  const s = engine.pass(kind, p, q, 0, p.length, params);
  return { S: s.S, N: s.N, inf: s.inf, bound: s.bound };
}

/**
 * Within what the pass claims for itself: 64ε of S, and 4ε of BOUND (the near lanes a
 * log block computed in the log forms: their cancellation, which the wrapper weighs).
 */
const EPS = 2 ** -52;
const close = (got: { S: number; bound: number }, want: number) =>
  Math.abs(got.S - want) <= EPS * (64 * Math.abs(want) + 4 * got.bound);

describe.each([
  ['KL', Pass.CarefulKl],
  ['Jensen–Shannon', Pass.CarefulJs],
])('careful %s pass: every lane counted once, whichever loop a block ran', (_name, kind) => {
  it.each([300, 640, 777, 1025, 2049])('n = %i, five seeds', (n) => {
    expect(backend()).toBe('wasm-simd');
    for (let seed = 1; seed <= 5; seed++) {
      const [p, q] = mixture(n, seed * 7919 + n);
      const reference = carefulSums(jsEngine, kind, p, q, false);
      for (const [label, engine] of [['wasm-simd', wasmEngine('simd')!], ['wasm', wasmEngine('scalar')!]] as const) {
        for (const strict of [false, true]) {
          const got = carefulSums(engine, kind, p, q, strict);
          const what = `${label}${strict ? ' strict' : ''}, seed ${seed}`;
          expect(got.inf, what).toBe(reference.inf);
          expect(close(got, reference.S), `${what}: S ${got.S} vs JS ${reference.S}`).toBe(true);
        }
      }
    }
  });
});
