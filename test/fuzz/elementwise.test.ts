// The whole-range fuzz of relEntr and klDiv, element by element, on every backend
// (test/fuzz/README.md), against exact references.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { klDiv, relEntr, setBackend } from '../../src/index.js';
import fixture from '../fixtures/fuzz/elementwise.json' with { type: 'json' };
import { BACKENDS } from '../helpers.js';
import { ref, Tally } from './check.js';
import { caseHash, generate, type FuzzCase } from './generate.js';

const tally = new Tally();
const cases: { c: FuzzCase; p: Float64Array; q: Float64Array }[] = [];

beforeAll(async () => {
  for (const c of fixture.cases as unknown as FuzzCase[]) {
    const { p, q } = generate(c);
    expect(await caseHash(p, q), `${c.id}: the generator must rebuild the stored inputs`).toBe(c.hash);
    cases.push({ c, p: Float64Array.from(p), q: Float64Array.from(q) });
  }
});

describe('fuzz elementwise', () => {
  it.each(BACKENDS)('%s', (backend) => {
    setBackend(backend);
    try {
      for (const { c, p, q } of cases) {
        for (const [name, fn] of [['relEntr', relEntr], ['klDiv', klDiv]] as const) {
          const out = fn(p, q);
          const want = c.expected[name] as string[];
          for (let i = 0; i < p.length; i++) {
            // relEntr may be negative; klDiv never is.
            tally.check(`${name} · ${backend}`, `${c.id}[${i}]`, () => out[i]!, ref(want[i]!), { nonNegative: name === 'klDiv' });
          }
        }
      }
    } finally {
      setBackend('auto');
    }
    tally.assertClean();
  });

  it('holds enough cases', () => {
    expect(cases.reduce((s, x) => s + x.p.length, 0)).toBeGreaterThanOrEqual(10_000);
  });
});

afterAll(() => {
  console.log(tally.report('fuzz, elementwise: worst relative error'));
});
