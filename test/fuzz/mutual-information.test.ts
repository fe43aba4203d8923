// The whole-range fuzz of mutualInformation (test/fuzz/README.md): every table of
// test/fixtures/fuzz/mutual-information.json on every backend, as an array of rows and as
// { data, rows, cols } over a Float64Array, against exact references. Each backend is one
// assertion: the failures (if any) and the worst relative error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputRangeError, mutualInformation } from '../../src/index.js';
import cases from '../fixtures/fuzz/mutual-information.json' with { type: 'json' };
import { BACKENDS, withBackend } from '../helpers.js';
import { caseHash, generate, type FuzzCase } from './generate.js';

/** Within 1e-12 relative; results below the normal range get a few units of 2^-1074 on top. */
const REL = 1e-12;
const TINY = 4 * 2 ** -1074;

interface Table {
  id: string;
  rows: number[][];
  matrix: { data: Float64Array; rows: number; cols: number };
  want: number | 'throws';
}

const tables: Table[] = [];
const worst: string[] = [];

function table(c: FuzzCase): Table {
  const rows = c.rows!;
  const cols = c.cols!;
  const p = generate(c).p;
  const mi = c.expected.mi as string;
  return {
    id: c.id,
    rows: Array.from({ length: rows }, (_, i) => p.slice(i * cols, (i + 1) * cols)),
    matrix: { data: Float64Array.from(p), rows, cols },
    want: mi === 'throws' ? 'throws' : Number(mi),
  };
}

/** What is wrong with one answer, or undefined; `rel` gets its relative error. */
function judge(run: () => number, want: number | 'throws', rel: { value: number }): string | undefined {
  let got: number;
  try {
    got = run();
  } catch (e) {
    if (want === 'throws' && e instanceof InputRangeError) return undefined;
    return `threw ${(e as Error).name}: ${(e as Error).message}; want ${want}`;
  }
  if (want === 'throws') return `got ${got}, want InputRangeError`;
  if (!(got >= 0)) return `got ${got}, want ${want} (never below 0)`;
  const err = Math.abs(got - want);
  rel.value = want === 0 ? (err === 0 ? 0 : Infinity) : err / want;
  if (!(err <= REL * want + TINY)) return `got ${got}, want ${want} (relative error ${rel.value.toExponential(2)})`;
  return undefined;
}

describe('fuzz: mutualInformation over the whole double range', () => {
  beforeAll(async () => {
    for (const c of cases.cases as unknown as FuzzCase[]) {
      const { p, q } = generate(c);
      expect(await caseHash(p, q), `${c.id}: the generator must rebuild the stored table`).toBe(c.hash);
      tables.push(table(c));
    }
  });

  it('has the stored cases, all-zero tables among them', () => {
    expect(tables.length).toBe(cases.count);
    expect(tables.length).toBeGreaterThan(3000);
    expect(tables.some((t) => t.want === 'throws')).toBe(true);
  });

  for (const name of BACKENDS) {
    it(`every table within 1e-12 relative (+4·2^-1074), never below 0, on ${name}`, () => {
      const failures: string[] = [];
      let max = 0;
      let where = '';
      let checked = 0;
      withBackend(name, () => {
        for (const t of tables) {
          for (const [form, run] of [
            ['rows', () => mutualInformation(t.rows)],
            ['matrix', () => mutualInformation(t.matrix)],
          ] as const) {
            const rel = { value: 0 };
            const wrong = judge(run, t.want, rel);
            checked++;
            if (wrong !== undefined) failures.push(`${t.id} (${form}): ${wrong}`);
            else if (rel.value > max) {
              max = rel.value;
              where = `${t.id} (${form})`;
            }
          }
        }
      });
      const summary = `${name}: ${checked} answers (${tables.length} tables × 2 forms), ${failures.length} failures; worst relative error ${max.toExponential(2)} at ${where}`;
      worst.push(summary);
      expect(failures.slice(0, 10), summary).toEqual([]);
    });
  }
});

afterAll(() => {
  if (worst.length) console.log(`fuzz, mutual information:\n  ${worst.join('\n  ')}`);
});
