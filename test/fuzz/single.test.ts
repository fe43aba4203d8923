// The whole-range fuzz of precision: 'single' (test/fuzz/README.md): Float32Array inputs,
// subnormal f32 and products that underflow, on every backend. Double precision must
// meet 1e-12 on them; 'single' 1e-6 where the engine has f32 lanes, and elsewhere the
// very same answer as double precision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crossEntropy, entropy, klDivergence, setBackend } from '../../src/index.js';
import fixture from '../fixtures/fuzz/single.json' with { type: 'json' };
import { BACKENDS } from '../helpers.js';
import { ref, Tally } from './check.js';
import { caseHash, generate, type FuzzCase } from './generate.js';

const tally = new Tally();
const cases: { c: FuzzCase; p: Float32Array; q: Float32Array }[] = [];
const SINGLE = { precision: 'single' } as const;
/** The promise of precision: 'single' (README, Options). */
const SINGLE_REL = 1e-6;

beforeAll(async () => {
  for (const c of fixture.cases as unknown as FuzzCase[]) {
    const { p, q } = generate(c);
    expect(await caseHash(p, q), `${c.id}: the generator must rebuild the stored inputs`).toBe(c.hash);
    cases.push({ c, p: Float32Array.from(p), q: Float32Array.from(q) });
  }
});

const MEASURES = [
  ['kl', 'klDivergence', (p: Float32Array, q: Float32Array, o?: typeof SINGLE) => klDivergence(p, q, o)],
  ['entropyP', 'entropy', (p: Float32Array, _q: Float32Array, o?: typeof SINGLE) => entropy(p, o)],
  ['crossEntropy', 'crossEntropy', (p: Float32Array, q: Float32Array, o?: typeof SINGLE) => crossEntropy(p, q, o)],
] as const;

describe('fuzz precision single', () => {
  it.each(BACKENDS)('%s', (backend) => {
    setBackend(backend);
    try {
      for (const { c, p, q } of cases) {
        const at = `${c.id} (n ${c.n})`;
        for (const [key, name, fn] of MEASURES) {
          const want = ref(c.expected[key] as string);
          tally.check(`${name} double · ${backend}`, at, () => fn(p, q), want, { nonNegative: true });
          if (backend === 'wasm-simd') {
            tally.check(`${name} single · ${backend}`, at, () => fn(p, q, SINGLE), want, { nonNegative: true, rel: SINGLE_REL });
          } else {
            tally.check(`${name} single · ${backend}`, at, () => {
              let double: number | undefined;
              try {
                double = fn(p, q);
              } catch {
                // the 'single' call must then throw too, which check() expects
              }
              const got = fn(p, q, SINGLE);
              if (!Object.is(got, double)) throw new Error(`'single' gave ${got}, double ${double}: other backends ignore the option`);
              return got;
            }, want, { nonNegative: true });
          }
        }
      }
    } finally {
      setBackend('auto');
    }
    tally.assertClean();
  });

  it('holds enough cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(2000);
  });
});

afterAll(() => {
  console.log(tally.report('fuzz, precision single: worst relative error'));
});
