// Properties of the accumulators (fed the data split at random points), rowwise and
// pairwise (each cell the single call; threads 1 and 2 the unthreaded answer bit for
// bit), and bad input (a typed error naming the argument, and the next call works).
//
// Tolerances (README "Precision", Accumulators): with totals, KL/JS/TV/Hellinger and the
// rest are the careful forms, within 1e-12 relative of the one-shot call plus ε² (KL,
// JS) or 4ε (TV) absolute; without totals, KL and entropy are the fast forms, within
// 8ε·(1 + Σ p̂·|log(a/b)| + |log(Σq/Σp)|) absolute — taken here as 8ε·(1 + condition).
import fc from 'fast-check';
import { afterAll, describe, expect } from 'vitest';
import {
  bhattacharyya,
  createAccumulator,
  crossEntropy,
  dispose,
  entropy,
  hellinger,
  InputRangeError,
  InputTypeError,
  jsDistance,
  jsDivergence,
  klDivergence,
  pairwise,
  psi,
  rowwise,
  setBackend,
  totalVariation,
  type Measure,
  type StreamMeasure,
} from '../../src/index.js';
import { badEntry, chunks, cutsOf, ordinaryPair, pair } from './arbitraries.js';
import { BACKENDS, EPS, expectWithin, on, outcome, sum } from './check.js';
import { condition } from './scale.js';
import { asyncProperty, property } from './settings.js';

afterAll(() => dispose());

const ONE_SHOT: Record<StreamMeasure, (p: number[], q: number[], normalize: boolean) => number> = {
  kl: (p, q, normalize) => klDivergence(p, q, { normalize }),
  psi: (p, q, normalize) => psi(p, q, { normalize }),
  entropy: (p, _q, normalize) => entropy(p, { normalize }),
  crossEntropy: (p, q, normalize) => crossEntropy(p, q, { normalize }),
  js: (p, q, normalize) => jsDivergence(p, q, { normalize }),
  totalVariation: (p, q, normalize) => totalVariation(p, q, { normalize }),
  hellinger: (p, q, normalize) => hellinger(p, q, { normalize }),
  bhattacharyya: (p, q, normalize) => bhattacharyya(p, q, { normalize }),
};
const MEASURES = Object.keys(ONE_SHOT) as StreamMeasure[];

describe('accumulators split at random points equal the one-shot call', () => {
  property('every measure, with totals (careful forms), normalised', 250, [ordinaryPair, fc.constantFrom(...MEASURES), fc.integer({ min: 0, max: 2 ** 30 })], ([p, q], measure, seed) => {
    const cuts = fc.sample(cutsOf(p.length), { seed, numRuns: 1 })[0]!;
    const totals: [number, number] = [sum(p), sum(q)];
    for (const name of BACKENDS) {
      on(name, () => {
        const want = outcome(() => ONE_SHOT[measure](p, q, true));
        const got = outcome(() => {
          const acc = createAccumulator(measure, { totals });
          const P = chunks(p, cuts);
          const Q = chunks(q, cuts);
          P.forEach((c, i) => (measure === 'entropy' ? (acc as ReturnType<typeof createAccumulator<'entropy'>>).update(c) : acc.update(c, Q[i]!)));
          return acc.result();
        });
        if (!want.ok || !got.ok) {
          expect(got.ok ? 'a value' : got.name, `${measure} accumulator on ${name}`).toBe(want.ok ? 'a value' : want.name);
          return;
        }
        // Accumulators have no exact rung: ε² (KL, JS) or 4ε (TV, Hellinger: a square root of ε²) absolute on top.
        const abs = measure === 'totalVariation' || measure === 'hellinger' ? 4 * EPS : 2 * EPS * EPS + 1e-300;
        expectWithin(got.value, want.value, { rel: 2e-12, abs }, `${measure} accumulator (cuts ${cuts}) on ${name}`);
      });
    }
  });

  property('KL, PSI, entropy, cross-entropy without totals (fast forms), normalised and raw', 250, [pair, fc.constantFrom<StreamMeasure>('kl', 'psi', 'entropy', 'crossEntropy'), fc.boolean(), fc.integer({ min: 0, max: 2 ** 30 })], ([p, q], measure, normalize, seed) => {
    const cuts = fc.sample(cutsOf(p.length), { seed, numRuns: 1 })[0]!;
    const raw = (x: number[]) => x.reduce((s, a) => s + (a > 0 ? Math.abs(a * Math.log(a)) : 0), 0);
    for (const name of BACKENDS) {
      on(name, () => {
        const want = outcome(() => ONE_SHOT[measure](p, q, normalize));
        const got = outcome(() => {
          const acc = createAccumulator(measure, { normalize });
          const P = chunks(p, cuts);
          const Q = chunks(q, cuts);
          P.forEach((c, i) => (measure === 'entropy' ? (acc as ReturnType<typeof createAccumulator<'entropy'>>).update(c) : acc.update(c, Q[i]!)));
          return acc.result();
        });
        if (!got.ok) {
          // An accumulator refuses totals beyond [2^-200, 2^200] (README): a typed error naming p.
          expect(got.name, `${measure} accumulator on ${name}: ${got.error}`).toBe('InputRangeError');
          return;
        }
        expect(want.ok, `${measure}: one-shot threw but the accumulator answered`).toBe(true);
        if (!want.ok) return;
        // README: entropy 8ε·(1 + Σ p̂·|log a| + |log Σp|); KL 8ε·(1 + Σ p̂·|log(a/b)| + |log(Σq/Σp)|).
        const A = sum(p);
        const hScale = 1 + p.reduce((s, a) => s + (a > 0 ? (a / A) * Math.abs(Math.log(a)) : 0), 0) + Math.abs(Math.log(A));
        const scale = normalize
          ? measure === 'entropy' ? hScale : 1 + condition(p, q) + Math.abs(Math.log(sum(q) / A)) + (measure === 'crossEntropy' ? hScale : 0)
          : raw(p) + raw(q) + p.reduce((s, a, i) => s + (a > 0 ? Math.abs(a * Math.log(q[i]!)) : 0), 0);
        const tol = 8 * EPS * (measure === 'psi' ? 2 * scale : scale);
        expectWithin(got.value, want.value, { rel: 2e-12, abs: Number.isFinite(tol) ? tol : 0 }, `${measure} accumulator (normalize ${normalize}, cuts ${cuts}) on ${name}`);
        if (normalize) expect(got.value, `${measure} accumulator never negative`).toBeGreaterThanOrEqual(0);
      });
    }
  });
});

/** Rows of a matrix, each with mass. */
const matrix = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 24 })).chain(([rows, cols]) =>
  fc.array(fc.oneof(fc.double({ min: 0, max: 1e3, noNaN: true }), fc.constant(0), fc.integer({ min: 0, max: 50 })), { minLength: rows * cols, maxLength: rows * cols }).map((d) => {
    for (let i = 0; i < rows; i++) if (!d.slice(i * cols, (i + 1) * cols).some((x) => x > 0)) d[i * cols] = 1;
    return { data: Float64Array.from(d), rows, cols };
  }),
);
const BULK: Measure[] = ['kl', 'js', 'jsDistance', 'crossEntropy', 'totalVariation', 'hellinger', 'bhattacharyya', 'psi'];
const single: Record<Measure, (p: Float64Array, q: Float64Array) => number> = {
  kl: (p, q) => klDivergence(p, q),
  js: (p, q) => jsDivergence(p, q),
  jsDistance: (p, q) => jsDistance(p, q),
  crossEntropy: (p, q) => crossEntropy(p, q),
  totalVariation: (p, q) => totalVariation(p, q),
  hellinger: (p, q) => hellinger(p, q),
  bhattacharyya: (p, q) => bhattacharyya(p, q),
  psi: (p, q) => psi(p, q),
};
const row = (m: { data: Float64Array; cols: number }, i: number) => m.data.subarray(i * m.cols, (i + 1) * m.cols);

describe('rowwise and pairwise', () => {
  property('each cell is the single call (1e-12 relative), on every backend', 150, [matrix, matrix, fc.constantFrom(...BULK)], (P, Q0, measure) => {
    const Q = { ...Q0, cols: P.cols, data: Q0.data.length >= P.cols * Q0.rows ? Q0.data.subarray(0, P.cols * Q0.rows) : P.data.slice() };
    if (Q.data.length !== Q.rows * Q.cols) Q.rows = P.rows;
    for (const name of BACKENDS) {
      on(name, () => {
        const r = outcome(() => rowwise(measure, P, row(Q, 0)));
        const m = outcome(() => pairwise(measure, P, Q));
        for (let i = 0; i < P.rows; i++) {
          const want = outcome(() => single[measure](row(P, i), row(Q, 0)));
          if (r.ok && want.ok) expectWithin(r.value[i]!, want.value, { rel: 1e-12 }, `rowwise ${measure}[${i}] on ${name}`);
          else expect(r.ok, `rowwise ${measure} on ${name} answers where the single call does`).toBe(want.ok);
          if (!m.ok) continue;
          for (let j = 0; j < Q.rows; j++) {
            const w = outcome(() => single[measure](row(P, i), row(Q, j)));
            if (w.ok) expectWithin(m.value.data[i * Q.rows + j]!, w.value, { rel: 1e-12 }, `pairwise ${measure}[${i}][${j}] on ${name}`);
          }
        }
      });
    }
  });

  asyncProperty('threads 0 (none), 1 and 2 give the same matrix bit for bit, on every backend', 30, [matrix, fc.constantFrom(...BULK)], async (P, measure) => {
    for (const name of BACKENDS) {
      const want = on(name, () => outcome(() => [Array.from(rowwise(measure, P, row(P, 0))), Array.from(pairwise(measure, P).data)]));
      for (const threads of [1, 2]) {
        setBackend(name);
        try {
          const got = await Promise.all([rowwise(measure, P, row(P, 0), { threads }), pairwise(measure, P, undefined, { threads })]).then(
            ([r, m]) => ({ ok: true as const, value: [Array.from(r), Array.from(m.data)] }),
            (e: Error) => ({ ok: false as const, error: `${e.name}: ${e.message}` }),
          );
          expect(got, `${measure} threads ${threads} on ${name}`).toEqual(want.ok ? want : { ok: false, error: (want as { error: string }).error });
        } finally {
          setBackend('auto');
        }
      }
    }
  });
});

describe('bad input: a typed error naming the argument, and the next call works', () => {
  const CALLS: Record<string, (p: number[], q: number[]) => unknown> = {
    klDivergence: (p, q) => klDivergence(p, q),
    crossEntropy: (p, q) => crossEntropy(p, q),
    jsDivergence: (p, q) => jsDivergence(p, q),
    jsDistance: (p, q) => jsDistance(p, q),
    totalVariation: (p, q) => totalVariation(p, q),
    psi: (p, q) => psi(p, q),
    hellinger: (p, q) => hellinger(p, q),
    bhattacharyya: (p, q) => bhattacharyya(p, q),
    rowwise: (p, q) => rowwise('kl', [p], q),
    accumulator: (p, q) => createAccumulator('kl').update(p, q).result(),
  };
  property('NaN, negative or infinite entries; length mismatch; empty input', 200, [pair, badEntry, fc.boolean(), fc.nat(), fc.constantFrom('entry', 'mismatch', 'empty')], ([p, q], bad, inQ, at, kind) => {
    const P = p.slice();
    const Q = q.slice();
    let argument = inQ ? 'q' : 'p';
    if (kind === 'entry') (inQ ? Q : P)[at % P.length] = bad;
    else if (kind === 'mismatch') Q.push(1);
    else {
      P.length = 0;
      Q.length = 0;
      argument = 'p';
    }
    for (const name of BACKENDS) {
      on(name, () => {
        const fresh = klDivergence(p, q);
        for (const [f, call] of Object.entries(CALLS)) {
          const r = outcome(() => call(P, Q));
          expect(r.ok, `${f}(${kind}${kind === 'entry' ? ` ${bad} in ${argument}` : ''}) on ${name} must throw`).toBe(false);
          if (r.ok) continue;
          expect(['InputRangeError', 'InputTypeError'], `${f}: ${r.error}`).toContain(r.name);
          // Mismatched lengths blame q (or the pair); an empty input is p's; a bad entry names its vector.
          if (kind === 'entry') expect(r.argument, `${f}: ${r.error}`).toMatch(f === 'rowwise' ? new RegExp(`^${argument === 'p' ? 'P' : 'Q'}`) : new RegExp(`^${argument}$`));
          else expect(r.argument, `${f}: ${r.error}`).toMatch(/^(p|q|P|Q)/);
          // The next call works, with the answer it has on its own.
          expect(klDivergence(p, q), `${f} then klDivergence on ${name}`).toBe(fresh);
        }
      });
    }
    // The error classes are the exported ones.
    const e = outcome(() => klDivergence([NaN], [1]));
    expect(e.ok).toBe(false);
    try {
      klDivergence([NaN], [1]);
    } catch (err) {
      expect(err instanceof InputRangeError || err instanceof InputTypeError).toBe(true);
    }
  });

  asyncProperty('threads: 0, negative, fractional or NaN is a typed error naming options.threads', 30, [fc.constantFrom(0, -1, 1.5, NaN), pair], async (threads, [p, q]) => {
    // A threaded call returns a Promise, so the refusal is a rejection.
    const e = await Promise.resolve()
      .then(() => rowwise('kl', [p], q, { threads } as never))
      .then(() => undefined, (err: Error & { argument?: string }) => err);
    expect(e?.name, `rowwise threads: ${threads}`).toBe('InputRangeError');
    expect(e?.argument).toBe('options.threads');
    expect(klDivergence(p, q)).toBe(klDivergence(p, q));
  });
});
