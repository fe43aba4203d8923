// Property tests: on random inputs the three backends give the same answers (1e-13
// relative), and the identities hold on each. Lengths 0–300 cover every tail length of
// the SIMD loops; values include zeros, subnormals, huge and nearly identical vectors.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crossEntropy,
  entropy,
  jsDivergence,
  klDiv,
  klDivergence,
  relEntr,
  setBackend,
  type BackendName,
} from '../src/index.js';
import { BACKENDS } from './helpers.js';

const value = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 0, max: 1e3, noNaN: true }) },
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.double({ min: 5e-324, max: 2.2250738585072014e-308, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: 1e-300, max: 1e300, noNaN: true }) },
);

/** p and q of one length: independent, or q a relative perturbation of p. */
const pair = fc.integer({ min: 0, max: 300 }).chain((n) =>
  fc.oneof(
    fc.tuple(fc.array(value, { minLength: n, maxLength: n }), fc.array(value, { minLength: n, maxLength: n })),
    fc
      .tuple(
        fc.array(fc.double({ min: 1e-3, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
        fc.constantFrom(1e-4, 1e-7, 1e-10, 1e-13),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
      )
      .map(([p, d, u]) => [p, p.map((x, i) => x * (1 + d * u[i]!))] as [number[], number[]]),
  ),
);

/** The result (or the error message) of f on every backend. */
function onEach<T>(f: () => T): Map<BackendName, T | string> {
  const out = new Map<BackendName, T | string>();
  for (const name of BACKENDS) {
    setBackend(name);
    try {
      out.set(name, f());
    } catch (e) {
      out.set(name, `${(e as Error).name}: ${(e as Error).message}`);
    } finally {
      setBackend('auto');
    }
  }
  return out;
}

function expectAgree(results: Map<BackendName, number | string>, label: string): void {
  const ref = results.get('js')!;
  for (const [name, v] of results) {
    if (typeof ref === 'string' || typeof v === 'string' || !Number.isFinite(ref)) {
      expect(v, `${label} on ${name}`).toBe(ref);
      continue;
    }
    const err = Math.abs(v - ref);
    if (!(err <= 1e-13 * Math.abs(ref) || err <= 1e-300)) {
      expect.fail(`${label} on ${name}: ${v} vs js ${ref} (relative ${err / Math.abs(ref)})`);
    }
  }
}

describe('backends agree', () => {
  it('on every reduction, normalised and raw, f64 and f32', () => {
    fc.assert(
      fc.property(pair, fc.boolean(), fc.boolean(), ([p, q], normalize, f32) => {
        const P = f32 ? Float32Array.from(p) : Float64Array.from(p);
        const Q = f32 ? Float32Array.from(q) : Float64Array.from(q);
        const opts = { normalize };
        expectAgree(onEach(() => klDivergence(P, Q, opts)), 'kl');
        expectAgree(onEach(() => entropy(P, opts)), 'entropy');
        expectAgree(onEach(() => crossEntropy(P, Q, opts)), 'crossEntropy');
        expectAgree(onEach(() => jsDivergence(P, Q, opts)), 'js');
      }),
      { numRuns: 1000, seed: 20261125 },
    );
  });

  it('elementwise, value by value', () => {
    fc.assert(
      fc.property(pair, ([p, q]) => {
        for (const f of [relEntr, klDiv]) {
          const results = onEach(() => Array.from(f(p, q)));
          const ref = results.get('js') as number[];
          for (const [name, v] of results) {
            (v as number[]).forEach((x, i) => {
              const err = Math.abs(x - ref[i]!);
              if (Number.isFinite(ref[i]!) ? !(err <= 1e-13 * Math.abs(ref[i]!) || err <= 1e-300) : !Object.is(x, ref[i]))
                expect.fail(`${f.name}(${p[i]}, ${q[i]}) on ${name}: ${x} vs js ${ref[i]}`);
            });
          }
        }
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('and the identities hold on each backend', () => {
    fc.assert(
      fc.property(pair, ([p, q]) => {
        if (p.length === 0 || !p.some((x) => x > 0) || !q.some((x) => x > 0)) return;
        for (const [name, kl] of onEach(() => klDivergence(p, q))) expect(kl, name).toBeGreaterThanOrEqual(0);
        for (const [name, js] of onEach(() => jsDivergence(p, q, { base: 2 }))) {
          expect(js, name).toBeGreaterThanOrEqual(0);
          expect(js, name).toBeLessThanOrEqual(1 + 1e-15);
        }
        const sym = onEach(() => jsDivergence(q, p));
        expectAgree(sym, 'js symmetric');
        for (const [name, v] of onEach(() => jsDivergence(p, q))) {
          const w = sym.get(name) as number;
          expect(Math.abs((v as number) - w)).toBeLessThanOrEqual(1e-13 * w + 1e-300);
        }
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});

describe('automatic choice by size', () => {
  it('runs inputs under 32 elements on JS and larger ones on the preferred backend', () => {
    const small = [[0.1, 0.4, 0.5], [0.8, 0.15, 0.05]] as const;
    const large = [Float64Array.from({ length: 64 }, (_, i) => 1 + ((i * 7) % 11)), Float64Array.from({ length: 64 }, (_, i) => 1 + ((i * 5) % 13))];
    const run = (name: BackendName | 'auto', [p, q]: readonly (ArrayLike<number> & object)[]) => {
      setBackend(name);
      try {
        return [klDivergence(p as number[], q as number[]), jsDivergence(p as number[], q as number[]), entropy(p as number[])];
      } finally {
        setBackend('auto');
      }
    };
    expect(run('auto', small)).toEqual(run('js', small));
    expect(run('auto', large)).toEqual(run(BACKENDS[BACKENDS.length - 1]!, large));
  });
});
