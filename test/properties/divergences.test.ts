// Properties of the reductions (klDivergence, entropy, crossEntropy, jsDivergence,
// jsDistance, totalVariation) and the elementwise relEntr and klDiv, on every backend.
//
// Tolerances: the backends agree within 1e-13 relative (each is within 1e-12 of the exact
// value, README "Precision", and in practice within 5e-14), except the raw sums whose terms
// have both signs (normalize: false KL, entropy, cross-entropy), whose promise is absolute,
// 4ε·Σ|term| each, so 8ε·Σ|term| between two backends. Identities between measures are
// held to the sum of their promises: 1e-12 relative per measure, plus TINY.
import fc from 'fast-check';
import { afterAll, describe, expect } from 'vitest';
import {
  crossEntropy,
  dispose,
  entropy,
  jsDistance,
  jsDivergence,
  klDiv,
  klDivergence,
  relEntr,
  setBackend,
  totalVariation,
  type Options,
} from '../../src/index.js';
import { rng } from '../helpers.js';
import { distribution, ordinaryPair, pair, awkwardFactor, scaled } from './arbitraries.js';
import { BACKENDS, EPS, TINY, expectAgree, expectWithin, on, onEach } from './check.js';
import { awkwardTolerance, exactPowerOfTwo } from './scale.js';
import { asyncProperty, property } from './settings.js';

afterAll(() => dispose());

type Reduction = (p: ArrayLike<number>, q: ArrayLike<number>, o?: Options) => number;
const REDUCTIONS: Record<string, Reduction> = {
  klDivergence: (p, q, o) => klDivergence(p as number[], q as number[], o),
  entropy: (p, _q, o) => entropy(p as number[], o),
  crossEntropy: (p, q, o) => crossEntropy(p as number[], q as number[], o),
  jsDivergence: (p, q, o) => jsDivergence(p as number[], q as number[], o),
  jsDistance: (p, q, o) => jsDistance(p as number[], q as number[], o),
  totalVariation: (p, q, o) => totalVariation(p as number[], q as number[], o),
};
/** The raw sums that can cancel, and the Σ|term| their absolute promise is scaled by. */
const CANCELLING: Record<string, (p: readonly number[], q: readonly number[]) => number> = {
  klDivergence: (p, q) => p.reduce((s, a, i) => s + (a > 0 ? Math.abs(a * Math.log(a / q[i]!)) : 0), 0),
  entropy: (p) => p.reduce((s, a) => s + (a > 0 ? Math.abs(a * Math.log(a)) : 0), 0),
  crossEntropy: (p, q) => p.reduce((s, a, i) => s + (a > 0 ? Math.abs(a * Math.log(q[i]!)) : 0), 0),
};
const REL = 1e-13;
const PROMISE = 1e-12;
const LN2 = Math.LN2;
const base = fc.constantFrom(undefined, 2, 10, Math.E, 0.5);

describe('reductions: the backends agree', () => {
  property('every reduction, normalised and raw, f64 and f32, any base', 500, [pair, fc.boolean(), fc.boolean(), base], ([p, q], normalize, f32, b) => {
    const P = f32 ? Float32Array.from(p) : Float64Array.from(p);
    const Q = f32 ? Float32Array.from(q) : Float64Array.from(q);
    const opts: Options = { normalize, ...(b === undefined ? {} : { base: b }) };
    const logBase = Math.abs(Math.log(b ?? Math.E));
    for (const [name, f] of Object.entries(REDUCTIONS)) {
      const cancel = CANCELLING[name];
      const abs = !normalize && cancel ? (8 * EPS * cancel(Array.from(P), Array.from(Q))) / logBase : TINY;
      expectAgree(onEach(() => f(P, Q, opts)), { rel: REL, abs: Math.max(abs, TINY) }, `${name}(${normalize ? 'normalised' : 'raw'}, ${f32 ? 'f32' : 'f64'}, base ${b})`);
    }
  });

  property('relEntr and klDiv, element by element', 200, [pair], ([p, q]) => {
    for (const f of [relEntr, klDiv]) {
      expectAgree(onEach(() => f(p, q)), { rel: REL }, f.name, (v) => v);
    }
  });
});

describe('reductions: identities on each backend', () => {
  property('KL ≥ 0, JS ∈ [0, ln 2], TV ∈ [0, 1], H(P,Q) = H(P) + KL(P‖Q), Pinsker, JS ≤ ln 2·TV', 400, [pair], ([p, q]) => {
    for (const name of BACKENDS) {
      on(name, () => {
        const kl = klDivergence(p, q);
        const h = entropy(p);
        const ce = crossEntropy(p, q);
        const js = jsDivergence(p, q);
        const tv = totalVariation(p, q);
        const at = `on ${name}`;
        expect(kl, `KL ${at}`).toBeGreaterThanOrEqual(0);
        expect(h, `H ${at}`).toBeGreaterThanOrEqual(0);
        // H(P) ≤ ln(support size).
        expect(h, `H ≤ ln n ${at}`).toBeLessThanOrEqual(Math.log(p.filter((x) => x > 0).length) * (1 + PROMISE) + TINY);
        expect(js, `JS ${at}`).toBeGreaterThanOrEqual(0);
        expect(js, `JS ≤ ln 2 ${at}`).toBeLessThanOrEqual(LN2 * (1 + PROMISE));
        expect(tv, `TV ${at}`).toBeGreaterThanOrEqual(0);
        expect(tv, `TV ≤ 1 ${at}`).toBeLessThanOrEqual(1);
        expectWithin(ce, h + kl, { rel: 2 * PROMISE }, `H(P,Q) = H(P) + KL ${at}`);
        // Pinsker: TV ≤ √(KL/2); and JS ≤ ln 2·TV (each term of JS is at most ln 2·|p̂ − q̂|/2).
        // KL's promise (1e-12 relative plus TINY) goes inside the root: a KL of 1.8e-332 is
        // 0 in doubles, within TINY, while TV = 2.5e-321 ≤ √(TINY/2) = 3e-162 still holds.
        expect(tv, `Pinsker ${at}`).toBeLessThanOrEqual(Math.sqrt((kl * (1 + PROMISE) + TINY) / 2) * (1 + PROMISE) + TINY);
        expect(js, `JS ≤ ln 2·TV ${at}`).toBeLessThanOrEqual(LN2 * tv * (1 + 2 * PROMISE) + TINY);
        expectWithin(jsDistance(p, q), Math.sqrt(js), { rel: PROMISE }, `jsDistance = √JS ${at}`);
        // Symmetric measures.
        expectWithin(jsDivergence(q, p), js, { rel: 2 * PROMISE }, `JS symmetric ${at}`);
        expectWithin(totalVariation(q, p), tv, { rel: 2 * PROMISE }, `TV symmetric ${at}`);
        // The base only divides by its logarithm.
        expectWithin(klDivergence(p, q, { base: 2 }), kl / LN2, { rel: 2 * PROMISE }, `KL in bits ${at}`);
        expectWithin(jsDivergence(p, q, { base: 2 }), js / LN2, { rel: 2 * PROMISE }, `JS in bits ${at}`);
      });
    }
  });

  property('KL(P‖P) = 0, JS(P‖P) = 0, TV(P, P) = 0, H(P,P) = H(P)', 200, [distribution], (p) => {
    for (const name of BACKENDS) {
      on(name, () => {
        expect(klDivergence(p, p), `KL(P‖P) on ${name}`).toBeLessThanOrEqual(TINY);
        expect(jsDivergence(p, p), `JS(P‖P) on ${name}`).toBeLessThanOrEqual(TINY);
        expect(totalVariation(p, p), `TV(P,P) on ${name}`).toBe(0);
        expectWithin(crossEntropy(p, p), entropy(p), { rel: 2 * PROMISE }, `H(P,P) = H(P) on ${name}`);
      });
    }
  });
});

describe('reductions: scale invariance under normalize', () => {
  property('P and Q times powers of two (exact): every normalised measure unchanged', 300, [pair, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })], ([p, q], u, w) => {
    const cp = exactPowerOfTwo([p], u);
    const cq = exactPowerOfTwo([q], w);
    if (cp === undefined || cq === undefined) return;
    const P = p.map((x) => x * cp);
    const Q = q.map((x) => x * cq);
    for (const name of BACKENDS) {
      on(name, () => {
        for (const [fname, f] of Object.entries(REDUCTIONS)) {
          // The same exact value both ways, each result within its promise of it.
          expectWithin(f(P, Q), f(p, q), { rel: 2 * PROMISE }, `${fname} with P·${cp}, Q·${cq} on ${name}`);
        }
      });
    }
  });

  property('P and Q times awkward constants (3, 0.1, 1e-300, 1e300, …): unchanged up to the rounding of the entries', 300, [ordinaryPair, awkwardFactor, awkwardFactor], ([p, q], cp, cq) => {
    const P = scaled(p, cp);
    const Q = scaled(q, cq);
    if (!P || !Q) return;
    const abs = awkwardTolerance(p, q);
    for (const name of BACKENDS) {
      on(name, () => {
        for (const [fname, f] of Object.entries(REDUCTIONS)) {
          const want = f(p, q);
          // √ of a quantity moved by δ moves by δ/(2√·): the distance's tolerance follows.
          const a = fname === 'jsDistance' ? abs / Math.max(2 * want, Math.sqrt(abs)) : abs;
          expectWithin(f(P, Q), want, { rel: 2 * PROMISE, abs: a }, `${fname} with P·${cp}, Q·${cq} on ${name}`);
        }
      });
    }
  });
});

describe('elementwise: identities', () => {
  property('relEntr(x, x) = 0, klDiv ≥ 0, klDiv = relEntr − x + y, Σ relEntr = raw KL', 200, [pair], ([p, q]) => {
    for (const name of BACKENDS) {
      on(name, () => {
        const r = relEntr(p, q);
        const k = klDiv(p, q);
        const self = relEntr(p, p);
        let terms = 0;
        for (let i = 0; i < p.length; i++) {
          const x = p[i]!;
          const y = q[i]!;
          expect(self[i], `relEntr(${x}, ${x}) on ${name}`).toBe(0);
          expect(k[i], `klDiv(${x}, ${y}) on ${name}`).toBeGreaterThanOrEqual(0);
          if (Number.isFinite(r[i]!)) {
            // relEntr − x + y cancels; klDiv does not. The difference is that rounding.
            expectWithin(k[i]!, r[i]! - x + y, { rel: 0, abs: 4 * EPS * (Math.abs(r[i]!) + x + y) + TINY }, `klDiv(${x}, ${y}) = relEntr − x + y on ${name}`);
            terms += Math.abs(r[i]!);
          } else expect(k[i], `klDiv(${x}, ${y}) on ${name}`).toBe(Infinity);
        }
        const raw = klDivergence(p, q, { normalize: false });
        const direct = r.reduce((s, v) => s + v, 0);
        // Σ relEntr in plain doubles, against the compensated raw KL: both within (n + 4)ε·Σ|term|,
        // or, raw KL, within the relative promise of 1e-12 that its absolute one stands in for
        // where a relative one cannot be had (README "Precision"): its fast form is certified
        // relative, so 940·log(940/899) = 41.92103034488354872 comes out 41.921030344883455,
        // 2.2e-15 off (10ε, past 4ε·Σ|term|: log(a/b) of a rounded a/b near 1).
        expectWithin(raw, direct, { rel: PROMISE, abs: (p.length + 8) * EPS * terms + TINY }, `Σ relEntr = raw KL on ${name}`);
      });
    }
  });
});

/** n > THREADS_MIN random entries from a seed (drawing 1e5 entries through fast-check would cost more than the measure). */
function large(seed: number, n: number, near: boolean): [Float64Array, Float64Array] {
  const r = rng(seed);
  const p = Float64Array.from({ length: n }, () => (r() < 0.05 ? 0 : r() * 100));
  p[0] = 1;
  const q = near ? p.map((x) => x * (1 + 1e-10 * (r() - 0.5))) : Float64Array.from({ length: n }, () => (r() < 0.02 ? 0 : r() + 1e-3));
  q[0] = 1;
  return [p, q];
}

describe('reductions and elementwise: threads 0 (none), 1 and 2 give one answer', () => {
  asyncProperty('bit for bit, on every backend', 6, [fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 100_000, max: 140_000 }), fc.boolean(), fc.boolean()], async (seed, n, near, normalize) => {
    const [p, q] = large(seed, n, near);
    for (const name of BACKENDS) {
      const sync = on(name, () => Object.entries(REDUCTIONS).map(([f, g]) => [f, g(p, q, { normalize })] as const));
      const elementwise = on(name, () => [Array.from(relEntr(p, q)), Array.from(klDiv(p, q))]);
      for (const threads of [1, 2]) {
        setBackend(name);
        try {
          for (const [f, want] of sync) {
            const got = await (REDUCTIONS[f] as unknown as (p: Float64Array, q: Float64Array, o: object) => Promise<number>)(p, q, { normalize, threads });
            expect(got, `${f}(threads: ${threads}) on ${name}`).toBe(want);
          }
          const r = await relEntr(p, q, undefined, { threads });
          const k = await klDiv(p, q, undefined, { threads });
          expect(Array.from(r), `relEntr(threads: ${threads}) on ${name}`).toEqual(elementwise[0]);
          expect(Array.from(k), `klDiv(threads: ${threads}) on ${name}`).toEqual(elementwise[1]);
        } finally {
          setBackend('auto');
        }
      }
    }
  });
});
