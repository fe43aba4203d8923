// The whole-range fuzz of the vector measures (test/fuzz/README.md): every case of
// test/fixtures/fuzz/vectors-*.json on every backend, through the single calls, raw and
// normalised, rowwise, pairwise and the accumulators, against exact references.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccumulator,
  crossEntropy,
  entropy,
  jsDistance,
  jsDivergence,
  klDivergence,
  pairwise,
  rowwise,
  setBackend,
  totalVariation,
  type BackendName,
  type Measure,
} from '../../src/index.js';
import allSubnormal from '../fixtures/fuzz/vectors-all-subnormal.json' with { type: 'json' };
import hugeNear from '../fixtures/fuzz/vectors-huge-near.json' with { type: 'json' };
import hugeTiny from '../fixtures/fuzz/vectors-huge-tiny.json' with { type: 'json' };
import near from '../fixtures/fuzz/vectors-near.json' with { type: 'json' };
import ordinary from '../fixtures/fuzz/vectors-ordinary.json' with { type: 'json' };
import overflowingSums from '../fixtures/fuzz/vectors-overflowing-sums.json' with { type: 'json' };
import scaleMismatch from '../fixtures/fuzz/vectors-scale-mismatch.json' with { type: 'json' };
import span from '../fixtures/fuzz/vectors-span.json' with { type: 'json' };
import subnormalMix from '../fixtures/fuzz/vectors-subnormal-mix.json' with { type: 'json' };
import tinyNear from '../fixtures/fuzz/vectors-tiny-near.json' with { type: 'json' };
import index from '../fixtures/fuzz/index.json' with { type: 'json' };
import { BACKENDS } from '../helpers.js';
import { exactSum, ref, Tally, type CheckOptions } from './check.js';
import { caseHash, generate, type FuzzCase } from './generate.js';

const FILES: Record<string, { cases: unknown[] }> = {
  'vectors-span': span,
  'vectors-subnormal-mix': subnormalMix,
  'vectors-all-subnormal': allSubnormal,
  'vectors-huge-tiny': hugeTiny,
  'vectors-scale-mismatch': scaleMismatch,
  'vectors-overflowing-sums': overflowingSums,
  'vectors-huge-near': hugeNear,
  'vectors-tiny-near': tinyNear,
  'vectors-near': near,
  'vectors-ordinary': ordinary,
};

interface Prepared {
  c: FuzzCase;
  p: Float64Array;
  q: Float64Array;
  want: Record<string, number | 'throws'>;
  /** Σ|a·log a| and Σ|a·log b| over a > 0: the scales of the raw sums that can cancel. */
  entropyScale: number;
  crossScale: number;
  /** Σp and Σq correctly rounded, for the accumulators that take totals. */
  totals: [number, number];
}

const RAW = { normalize: false } as const;
const tally = new Tally();

function scales(p: Float64Array, q: Float64Array): [number, number] {
  let h = 0;
  let c = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    if (!(a > 0)) continue;
    h += Math.abs(a * Math.log(a));
    if (q[i]! > 0) c += Math.abs(a * Math.log(q[i]!));
  }
  return [h * 1.01, c * 1.01];
}

/** Chunks of a case for the accumulators: three unequal parts (or fewer for short inputs). */
function cuts(n: number): number[] {
  return [...new Set([0, Math.floor(n / 3), Math.floor((2 * n) / 3) + 1, n].map((k) => Math.min(k, n)))];
}

function accumulate(measure: 'kl' | 'entropy' | 'crossEntropy' | 'js' | 'totalVariation', x: Prepared, totals?: [number, number]): number {
  const acc = createAccumulator(measure, totals ? { totals: measure === 'entropy' ? totals[0] : totals } : {});
  const update = acc.update.bind(acc) as unknown as (...chunk: Float64Array[]) => void;
  const k = cuts(x.p.length);
  for (let i = 0; i + 1 < k.length; i++) {
    const p = x.p.subarray(k[i], k[i + 1]);
    if (measure === 'entropy') update(p);
    else update(p, x.q.subarray(k[i], k[i + 1]));
  }
  return acc.result();
}

function runCase(x: Prepared, backend: BackendName): void {
  const { p, q, want, c } = x;
  const at = `${c.id} (n ${c.n})`;
  const check = (key: string, label: string, run: () => number, opts?: CheckOptions): void =>
    tally.check(`${label} · ${backend}`, at, run, want[key]!, opts);
  const nn = { nonNegative: true };

  check('kl', 'klDivergence', () => klDivergence(p, q), nn);
  check('klRaw', 'klDivergence raw', () => klDivergence(p, q, RAW), { scale: want.klRawScale as number });
  check('entropyP', 'entropy', () => entropy(p), nn);
  check('entropyRaw', 'entropy raw', () => entropy(p, RAW), { scale: x.entropyScale });
  check('crossEntropy', 'crossEntropy', () => crossEntropy(p, q), nn);
  check('crossEntropyRaw', 'crossEntropy raw', () => crossEntropy(p, q, RAW), { scale: x.crossScale });
  check('js', 'jsDivergence', () => jsDivergence(p, q), nn);
  check('jsRaw', 'jsDivergence raw', () => jsDivergence(p, q, RAW), nn);
  check('tv', 'totalVariation', () => totalVariation(p, q), nn);
  check('tvRaw', 'totalVariation raw', () => totalVariation(p, q, RAW), nn);
  const js = want.js!;
  tally.check(`jsDistance · ${backend}`, at, () => jsDistance(p, q), js === 'throws' ? js : Math.sqrt(js), nn);

  // Bulk paths: rowwise on the pair, pairwise on two copies of p against q (a 2 × 1 matrix).
  const bulk: [Measure, string][] = [['kl', 'kl'], ['js', 'js'], ['crossEntropy', 'crossEntropy'], ['totalVariation', 'tv']];
  for (const [m, key] of bulk) {
    check(key, `rowwise ${m}`, () => rowwise(m, [p], [q])[0]!, nn);
    check(key, `pairwise ${m}`, () => {
      const d = pairwise(m, [p, p], [q]).data;
      expect(d[1]).toBe(d[0]);
      return d[0]!;
    }, nn);
  }
  check('jsRaw', 'rowwise js raw', () => rowwise('js', [p], [q], RAW)[0]!, nn);
  check('tvRaw', 'pairwise totalVariation raw', () => pairwise('totalVariation', [p], [q], RAW).data[0]!, nn);

  // Accumulators: chunks of the pair; JS and TV normalised need the totals up front.
  // Documented (README, "Precision"): without totals the KL and entropy parts are the
  // fast forms, good to ~1e-16 nats absolute; with totals, the careful ones, whose only
  // absolute error is ~ε² (P proportional to Q, where the exact value is 0); and an
  // accumulator refuses totals beyond [2^-200, 2^200] (it cannot rescale what it no
  // longer holds), with a typed error.
  const refuse = !inScale(x.totals[0]) || !inScale(x.totals[1]) || !inScale(x.totals[1] / x.totals[0]);
  const [klScale, hScale] = fastScales(x);
  const fast = (scale: number, mayRefuse = refuse) => ({ nonNegative: true, abs: ACC_FAST * EPS * scale, mayRefuse });
  const careful = { nonNegative: true, abs: ACC_CAREFUL * EPS, mayRefuse: refuse };
  check('kl', 'accumulator kl', () => accumulate('kl', x), fast(klScale));
  check('entropyP', 'accumulator entropy', () => accumulate('entropy', x), fast(hScale, !inScale(x.totals[0])));
  check('crossEntropy', 'accumulator crossEntropy', () => accumulate('crossEntropy', x), fast(klScale + hScale));
  if (Number.isFinite(x.totals[0]) && Number.isFinite(x.totals[1])) {
    check('kl', 'accumulator kl, totals', () => accumulate('kl', x, x.totals), { ...careful, abs: EPS * EPS });
    check('js', 'accumulator js, totals', () => accumulate('js', x, x.totals), { ...careful, abs: EPS * EPS });
    check('tv', 'accumulator totalVariation, totals', () => accumulate('totalVariation', x, x.totals), careful);
  }
}

const EPS = 2 ** -52;
/**
 * The accumulators' documented absolute promises (README, "Precision"). Without totals
 * the KL and entropy parts are the fast forms: within ACC_FAST·ε of the scale their
 * terms and the final logarithm have (fastScales). With totals: total variation within
 * ACC_CAREFUL·ε (a term whose sign the rounded totals' ratio flips), KL and JS within ε².
 */
const ACC_FAST = 8;
const ACC_CAREFUL = 4;

/** 1 + Σ p̂·|log(a/b)| + |log(B/A)| (KL), 1 + Σ p̂·|log a| + |log A| (entropy), in doubles. */
function fastScales({ p, q, totals: [A, B] }: Prepared): [number, number] {
  let k = 0;
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    if (!(a > 0)) continue;
    h += (a / A) * Math.abs(Math.log(a));
    if (q[i]! > 0) k += (a / A) * Math.abs(Math.log(a) - Math.log(q[i]!));
  }
  return [1 + k + Math.abs(Math.log(B) - Math.log(A)), 1 + h + Math.abs(Math.log(A))];
}

function inScale(t: number): boolean {
  return t === 0 || (t >= 2 ** -200 && t <= 2 ** 200);
}

for (const [file, { cases }] of Object.entries(FILES)) {
  describe(`fuzz ${file}`, () => {
    const prepared: Prepared[] = [];
    beforeAll(async () => {
      for (const c of cases as FuzzCase[]) {
        const { p, q } = generate(c);
        expect(await caseHash(p, q), `${c.id}: the generator must rebuild the stored inputs`).toBe(c.hash);
        const P = Float64Array.from(p);
        const Q = Float64Array.from(q);
        const [entropyScale, crossScale] = scales(P, Q);
        const want = Object.fromEntries(Object.entries(c.expected).map(([k, v]) => [k, ref(v as string)]));
        prepared.push({ c, p: P, q: Q, want, entropyScale, crossScale, totals: [exactSum(P), exactSum(Q)] });
      }
    });

    it.each(BACKENDS)('%s', (backend) => {
      setBackend(backend);
      try {
        for (const x of prepared) runCase(x, backend);
      } finally {
        setBackend('auto');
      }
      tally.assertClean();
    });
  });
}

describe('fuzz vector fixtures', () => {
  it('index.json lists the files this suite reads, with their case counts', () => {
    const listed = Object.fromEntries(index.cases.map((f: { id: string; cases: number }) => [f.id, f.cases]));
    for (const [file, { cases }] of Object.entries(FILES)) expect(listed[`fuzz/${file}.json`]).toBe(cases.length);
    const total = Object.values(FILES).reduce((s, f) => s + f.cases.length, 0);
    expect(total).toBeGreaterThanOrEqual(10_000);
  });
});

afterAll(() => {
  console.log(tally.report('fuzz, vector measures: worst relative error (raw sums: against their absolute promise)'));
});
