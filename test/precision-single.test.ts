// `precision: 'single'`: on Float32Array input the SIMD module may compute in f32 lanes,
// and must then stay within 1e-6 relative of the double answer for the same f32 values
// (the bound decides; otherwise the double pass runs). Elsewhere the option changes
// nothing. The double answers themselves are checked against SciPy in fixtures.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crossEntropy, entropy, klDivergence, type Options } from '../src/index.js';
import { BACKENDS, expectClose, withBackend } from './helpers.js';

const SINGLE: Options = { precision: 'single' };
const measures = {
  kl: (p: Float32Array, q: Float32Array, o?: Options) => klDivergence(p, q, o),
  entropy: (p: Float32Array, _q: Float32Array, o?: Options) => entropy(p, o),
  crossEntropy: (p: Float32Array, q: Float32Array, o?: Options) => crossEntropy(p, q, o),
};

/** Positive f32 values of a spread typical of histograms, seeded. */
function histogram(n: number, seed: number, zeros = 0): Float32Array {
  let s = seed;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return Float32Array.from({ length: n }, () => (next() < zeros ? 0 : next() + 1e-3));
}

const value = fc.oneof(
  { weight: 6, arbitrary: fc.float({ min: Math.fround(1e-3), max: 1e3, noNaN: true }) },
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.float({ min: Math.fround(1e-38), max: Math.fround(1e38), noNaN: true }) },
);
const pair = fc.integer({ min: 1, max: 300 }).chain((n) =>
  fc.tuple(fc.array(value, { minLength: n, maxLength: n }), fc.array(value, { minLength: n, maxLength: n })),
);

describe.each(BACKENDS)("precision: 'single' on the %s backend", (name) => {
  for (const [measure, f] of Object.entries(measures)) {
    it(`${measure}: within 1e-6 of double on random f32 inputs of every tail length, raw and normalised`, () => {
      withBackend(name, () => {
        fc.assert(
          fc.property(pair, fc.boolean(), ([a, b], normalize) => {
            const p = Float32Array.from(a);
            const q = Float32Array.from(b);
            const want = attempt(() => f(p, q, { normalize }));
            const got = attempt(() => f(p, q, { ...SINGLE, normalize }));
            if (typeof want === 'string' || typeof got === 'string') {
              expect(got).toBe(want); // the same error either way
              return;
            }
            expectClose(got, want, 1e-6, 1e-300, `${measure} n=${p.length}`);
          }),
          { numRuns: 150 },
        );
      });
    });
  }

  it('matches double on 1e5-element histograms (with and without empty bins) and gives ∞ alike', () => {
    withBackend(name, () => {
      for (const zeros of [0, 0.3]) {
        const p = histogram(100_003, 1, zeros);
        const q = histogram(100_003, 2, zeros / 2);
        for (const [measure, f] of Object.entries(measures)) {
          expectClose(f(p, q, SINGLE), f(p, q), 1e-6, 0, `${measure} zeros=${zeros}`);
        }
      }
      const p = histogram(1000, 3);
      const q = histogram(1000, 4);
      q[500] = 0;
      expect(klDivergence(p, q, SINGLE)).toBe(Infinity);
    });
  });
});

it("takes the f32 lanes on the SIMD module (the answer differs from double in the last digits)", () => {
  // Without this, a 'single' that silently always ran the double pass would pass above.
  const p = histogram(100_000, 5);
  const q = histogram(100_000, 6);
  withBackend('wasm-simd', () => {
    const d = klDivergence(p, q);
    const s = klDivergence(p, q, SINGLE);
    expect(s).not.toBe(d);
    expectClose(s, d, 1e-6);
  });
  withBackend('js', () => expect(klDivergence(p, q, SINGLE)).toBe(klDivergence(p, q)));
});

it('rejects an unknown precision, naming the option', () => {
  const p = [0.5, 0.5];
  expect(() => klDivergence(p, p, { precision: 'half' as never })).toThrow(/options\.precision/);
  expect(() => klDivergence(p, p, { precision: 32 as never })).toThrow(TypeError);
});

function attempt(f: () => number): number | string {
  try {
    return f();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}
