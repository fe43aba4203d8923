// The drift distances against 40+-digit mpmath references (scripts/fixtures/drift_measures.py)
// on the reductions' pairs: random, with zeros on either side, nearly identical down to
// δ = 1e-10, float32; every value within 1e-12 relative. Then the identities and edge
// rules: smoothing, +∞ where due, bad input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bhattacharyya,
  bhattacharyyaCoefficient,
  fitBins,
  hellinger,
  InputRangeError,
  InputTypeError,
  jsDistance,
  jsDivergence,
  klDivergence,
  lInfinity,
  psi,
  renyiDivergence,
  totalVariation,
} from '../src/index.js';
import fixture from './fixtures/drift-measures.json' with { type: 'json' };
import { BACKENDS, expectClose, num, rng, vector, withBackend, type Stored } from './helpers.js';

const REL = 1e-12;

describe('drift distances match mpmath', () => {
  // PSI (the KL passes), Hellinger and Bhattacharyya (the Hellinger pass) run on the
  // engines: every backend is held to the same references.
  it.each(BACKENDS.flatMap((b) => fixture.cases.map((c) => [`${b}: ${c.id}`, b, c] as const)))('%s', (_, backend, c) => withBackend(backend, () => {
    const p = vector(c.p as Stored, c.dtype);
    const q = vector(c.q as Stored, c.dtype);
    const e = c.expected as unknown as Record<string, number | string> & { renyi: Record<string, number | string> };
    expectClose(psi(p, q), num(e.psi!), REL, 1e-300, 'psi');
    expectClose(hellinger(p, q), num(e.hellinger!), REL, 1e-300, 'hellinger');
    expectClose(bhattacharyyaCoefficient(p, q), num(e.bhattacharyyaCoefficient!), REL, 1e-300, 'bhattacharyyaCoefficient');
    expectClose(bhattacharyya(p, q), num(e.bhattacharyya!), REL, 1e-300, 'bhattacharyya');
    expectClose(lInfinity(p, q), num(e.lInfinity!), REL, 1e-300, 'lInfinity');
    for (const [alpha, want] of Object.entries(e.renyi)) {
      expectClose(renyiDivergence(p, q, { alpha: alpha === 'inf' ? Infinity : Number(alpha) }), num(want), REL, 1e-300, `renyi ${alpha}`);
    }
  }));
});

describe('drift distances: identities and rules', () => {
  const P = [0.1, 0.4, 0.5];
  const Q = [0.8, 0.15, 0.05];

  it('PSI is KL both ways; Bhattacharyya is −ln of its coefficient; Rényi 1 is KL; bases divide', () => {
    expectClose(psi(P, Q), klDivergence(P, Q) + klDivergence(Q, P), 1e-15);
    expectClose(bhattacharyya(P, Q), -Math.log(bhattacharyyaCoefficient(P, Q)), 1e-15);
    expectClose(hellinger(P, Q) ** 2, 1 - bhattacharyyaCoefficient(P, Q), 1e-15);
    expect(renyiDivergence(P, Q, { alpha: 1 })).toBe(klDivergence(P, Q));
    expectClose(psi(P, Q, { base: 2 }), psi(P, Q) / Math.LN2, 1e-15);
    expectClose(renyiDivergence(P, Q, { alpha: 2, base: 10 }), renyiDivergence(P, Q, { alpha: 2 }) / Math.LN10, 1e-15);
    expectClose(lInfinity(P, Q), 0.7, 1e-15);
    expect(totalVariation(P, Q)).toBeCloseTo(0.7, 15);
  });

  it('a point mass P gives −ln q̂ of its bin for every order α (found by the properties below)', () => {
    for (const q of [[1e-6, 0.2499997131060472], [1e-6, 0.8061585908205222], [3, 1e-9]]) {
      const want = Math.log1p(q[1]! / q[0]!); // −ln(q₀/(q₀ + q₁)), without its cancellation
      for (const alpha of [0, 0.3, 0.7, 1, 1.5, 3, 50, Infinity]) {
        expectClose(renyiDivergence([1, 0], q, { alpha }), want, 1e-14, 1e-300, `alpha ${alpha}, q ${q}`);
      }
    }
  });

  it('+∞ where due, and smoothing makes every value finite', () => {
    const p = [0, 1, 3];
    const q = [2, 1, 0];
    expect(psi(p, q)).toBe(Infinity);
    expect(renyiDivergence(p, q, { alpha: 2 })).toBe(Infinity);
    expect(renyiDivergence([1, 0], [0, 1], { alpha: 0.5 })).toBe(Infinity);
    expect(bhattacharyya([1, 0], [0, 1])).toBe(Infinity);
    expect(hellinger([1, 0], [0, 1])).toBe(1);
    for (const smoothing of [{ epsilon: 1e-4 }, { epsilon: 1e-4, renormalize: false }, { floor: 0.01 }, { additive: 0.5 }]) {
      expect(Number.isFinite(psi(p, q, { smoothing })), JSON.stringify(smoothing)).toBe(true);
      expect(Number.isFinite(renyiDivergence(p, q, { alpha: 2, smoothing }))).toBe(true);
    }
  });

  it('smoothing follows its rule exactly', () => {
    const p = [0, 1, 3];
    const q = [2, 1, 1];
    // { epsilon }: p becomes [ε·4, 1, 3], renormalised.
    const e = 1e-4;
    expect(psi(p, q, { smoothing: { epsilon: e } })).toBe(psi([e * 4, 1, 3], q));
    // Evidently's: shares with zeros replaced, not renormalised.
    const evidently = [e, 0.25, 0.75].reduce((s, a, i) => s + (a - [0.5, 0.25, 0.25][i]!) * Math.log(a / [0.5, 0.25, 0.25][i]!), 0);
    expectClose(psi(p, q, { smoothing: { epsilon: e, renormalize: false } }), evidently, 1e-14);
    expect(psi(p, q, { smoothing: { floor: 0.1 } })).toBe(psi([0.4, 1, 3], q.map((x) => Math.max(x, 0.4))));
    expect(psi(p, q, { smoothing: { additive: 1 } })).toBe(psi([1, 2, 4], [3, 2, 2]));
  });

  it('nearly identical inputs keep their digits where the textbook forms lose them', () => {
    // q = p·(1 + δ·s) with s alternating: Hellinger² ≈ δ²/8·Σp̂s², no digit left in 1 − BC.
    const n = 64;
    const p = Float64Array.from({ length: n }, (_, i) => 1 + (i % 5));
    const delta = 1e-12;
    const q = p.map((x, i) => x * (1 + delta * (i % 2 ? 1 : -1)));
    const naive = Math.sqrt(Math.max(0, 1 - bhattacharyyaCoefficient(p, q)));
    const h = hellinger(p, q);
    expect(h).toBeGreaterThan(0);
    expectClose(h, (delta / Math.sqrt(8)) * Math.sqrt(1 - 0), 0.05); // ≈ δ/√8 to first order
    expect(Math.abs(naive - h) / h).toBeGreaterThan(0.01); // the naive form is wrong here
  });

  it('bad input is a typed error naming the argument, and the next call works', () => {
    expect(() => psi([1, -1], [1, 1])).toThrow(InputRangeError);
    expect(() => psi([1, 1], [1, 1, 1])).toThrow(/differ in length/);
    expect(() => hellinger([1, 1], [1, 1], { base: 2 } as never)).toThrow(/options.base is not an option/);
    expect(() => renyiDivergence([1], [1], { alpha: -1 })).toThrow(InputRangeError);
    expect(() => renyiDivergence([1], [1], {} as never)).toThrow(InputTypeError);
    expect(() => psi([1, 2], [2, 1], { smoothing: { epsilon: 2 } })).toThrow(/smoothing.epsilon/);
    expect(() => psi([1, 2], [2, 1], { smoothing: { floor: 0.6 } })).toThrow(/at most 1\/2/);
    expect(() => psi([1, 2], [2, 1], { smoothing: { epsilon: 0.1, floor: 0.1 } as never })).toThrow(/exactly one/);
    expect(() => psi([0, 0], [1, 1])).toThrow(/sums to 0/);
    try {
      psi([1, NaN], [1, 1]);
    } catch (e) {
      expect(e).toMatchObject({ argument: 'p', index: 1 });
    }
    expect(psi([1, 2], [1, 2])).toBe(0);
  });
});

describe('drift distances: properties (fast-check)', () => {
  const histogram = fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 40 });
  const pairOf = fc
    .tuple(histogram, histogram)
    .map(([a, b]) => {
      const n = Math.min(a.length, b.length);
      const p = a.slice(0, n);
      const q = b.slice(0, n);
      p[0] ||= 1; // never all zero
      q[n - 1] ||= 1;
      return [p, q] as const;
    });

  it('PSI ≥ 0, Hellinger in [0, 1], Rényi non-decreasing in α, smoothing never gives +∞', () => {
    fc.assert(
      fc.property(pairOf, ([p, q]) => {
        expect(psi(p, q)).toBeGreaterThanOrEqual(0);
        const h = hellinger(p, q);
        expect(h >= 0 && h <= 1).toBe(true);
        let last = -Infinity;
        for (const alpha of [0, 0.3, 0.7, 1, 1.5, 3, Infinity]) {
          const d = renyiDivergence(p, q, { alpha });
          // Non-decreasing, up to the rounding of values that agree.
          if (last === Infinity) expect(d).toBe(Infinity);
          else expect(d).toBeGreaterThanOrEqual(last - 1e-12 * Math.max(1, Math.abs(last)));
          last = d;
        }
        for (const smoothing of [{ epsilon: 1e-4 }, { floor: 1 / (2 * p.length) }, { additive: 0.5 }]) {
          expect(Number.isFinite(psi(p, q, { smoothing }))).toBe(true);
          expect(Number.isFinite(bhattacharyya(p, q, { smoothing }))).toBe(true);
          expect(Number.isFinite(renyiDivergence(p, q, { alpha: 2, smoothing }))).toBe(true);
        }
      }),
      { seed: 20261202, numRuns: 300 },
    );
  });
});

// Coverage-fuzz findings (test/coverage-fuzz/crashes/validation/crash-58ab0ff0…, crash-48a77e45…,
// crash-acece548…), reduced to the calls below.
describe('drift distances: fuzz findings', () => {
  it('normalize: false takes values up to the largest double as they are (L∞ was NaN)', () => {
    const p = [2 ** 53, 1.7976931348623157e308, 1e-10];
    const q = [2 ** 53, 5, 5];
    for (const name of BACKENDS) {
      withBackend(name, () => {
        expect(lInfinity(p, q, { normalize: false })).toBe(1.7976931348623157e308);
        expect(lInfinity([1, 2 ** 1000], [1, 3 * 2 ** 999], { normalize: false })).toBe(2 ** 999);
      });
    }
  });

  it('Rényi with normalize: false is the definition on the values as given (40-digit mpmath), never NaN', () => {
    // The coverage fuzzer's [0, 0, 17, 5e-324] against [0, 17, 3, 3] at α = 0 gave NaN: the
    // identities assumed values that sum to 1. (0.2, 0.3 vs 0.1, 0.4 is the case that sums to less.)
    const cases: [number[], number[], string[]][] = [
      [[1, 2], [3, 4], ['-1.9459101490553133051', '-3.0348548555047129585', '0.28768207245178092744', '-0.24623824254889707407']],
      [[0, 0, 17, 5e-324], [0, 17, 3, 3], ['-1.7917594692280550008', '-3.9318256327243257716', '4.5678143994443224691', '3.151207727416214429']],
      [[0.2, 0.3], [0.1, 0.4], ['0.69314718055994525391', '1.4355703665034805347', '-0.47000362924573556475', '-0.015874349157290146997']],
      [[0.25, 0.75], [0.5, 0.5], ['0', '0.069336464195073910209', '0.22314355131420975577', '0.27980789396771134314']],
    ];
    for (const name of BACKENDS) {
      withBackend(name, () => {
        for (const [p, q, want] of cases) {
          [0, 0.5, 2, 3].forEach((alpha, k) => expectClose(renyiDivergence(p, q, { alpha, normalize: false }), Number(want[k]), 1e-12, 1e-300, `α = ${alpha}`));
        }
      });
    }
  });

  it('Rényi of α up to the largest double is D_∞ in the limit, not NaN (60-digit mpmath)', () => {
    // The coverage fuzzer's call: α·ln(p̂/q̂) overflows, so the log of the sum's largest term is never formed.
    for (const name of BACKENDS) {
      withBackend(name, () => {
        for (const alpha of [Number.MAX_VALUE, 1e300, 1e6, Infinity]) {
          expectClose(renyiDivergence([-0, 3, -0, 2], new Float64Array([-0, 3, 1e300, 2]), { alpha }), 689.16608998577960483, 1e-12);
          // P against itself: exactly 0, not the rounding of ln q̂ + ln(1/q̂) over α − 1 (−4.4e-316 at α = 1e300).
          expect(Object.is(renyiDivergence([3, 3, 0, 3], new Float64Array([3, 3, 0, 3]), { alpha }), 0)).toBe(true);
        }
      });
    }
  });

  it('Rényi of small α is small and positive, not rounding of the order-1 terms (700-digit mpmath)', () => {
    const renyi = renyiDivergence;
    // The fuzzer's pair on the wasm backend gave −1.9e-16 at α = 1e-300; the true value is α·KL(Q‖P) to first order.
    const want: [number, number][] = [
      [1e-300, 7.3721606258420671663e-301], [1e-20, 7.3721606258420665773e-21], [1e-9, 7.3721606290921862793e-10],
      [0.3, 0.2542895893569828397], [0.49, 0.45600795436715047961], [0.51, 0.47931673065934802197], [2, 2.289541206517929346],
    ];
    for (const name of BACKENDS) {
      withBackend(name, () => {
        for (const [alpha, v] of want) expectClose(renyi([1, 3, 3], Float64Array.of(3, 2, 0.1), { alpha }), v, 1e-12, 0, `α ${alpha} on ${name}`);
        expectClose(renyi([1, 0, 3], [3, 2, 0.1], { alpha: 1e-300 }), 0.49783842823917952501, 1e-12, 0, `α 1e-300, p has a zero, on ${name}`);
        expectClose(renyi([1, 3, 3], [3, 0, 0.1], { alpha: 1e-300 }), 1.7679651755765074689e-300, 1e-12, 0, `α 1e-300, q has a zero, on ${name}`);
      });
    }
  });

  it('jsDistance in a base below 1 is an InputRangeError naming options.base (the divergence is negative there)', () => {
    // The fuzzer's call: base 1e-300 on the js backend gave NaN (√ of a negative divergence).
    for (const name of BACKENDS) {
      withBackend(name, () => {
        for (const [p, q] of [[Float32Array.of(0, 0, -0, 3), [-0, 1, 0.5, 3]], [[1, 2], [1, 2]]] as const) {
          for (const base of [1e-300, 0.5]) {
            expect(() => jsDistance(p, q, { base }), `base ${base} on ${name}`).toThrow(InputRangeError);
            expect(() => jsDistance(p, q, { base }), `base ${base} on ${name}`).toThrow(expect.objectContaining({ argument: 'options.base' }));
          }
        }
        // The divergence itself is defined in such a base: its value in nats over ln base.
        expectClose(jsDivergence([1, 0], [0, 1], { base: 0.5 }), -1, 1e-15, 0, `JS of disjoint P, Q in base ½ on ${name}`);
        expectClose(jsDistance([1, 0], [0, 1], { base: 2 }), 1, 1e-15, 0, `JS distance of disjoint P, Q in base 2 on ${name}`);
      });
    }
  });

  it("fitBins with a Symbol (or a string) in options.range is an InputTypeError naming the entry", () => {
    for (const [range, index] of [[[26, Symbol('s')], 1], [['0', 1], 0]] as const) {
      expect(() => fitBins([-1, 2, 3, 1], { range: range as never })).toThrow(InputTypeError);
      expect(() => fitBins([-1, 2, 3, 1], { range: range as never })).toThrow(expect.objectContaining({ argument: 'options.range', index }));
    }
    expect(() => fitBins([1, 2], { range: [2, 1] })).toThrow(InputRangeError);
  });
});

// Shares that agree beyond a double-double's 106 bits, in totals doubles cannot hold
// (entries hundreds of binades apart): the differences p̂ − q̂ must still be exact. The
// reference is exact rational arithmetic: every double is an integer times 2^-1074.
describe('drift distances: differences of shares closer than 2^-106 (exact big-integer references)', () => {
  const big = (x: number): bigint => {
    if (x === 0) return 0n;
    const v = new DataView(new ArrayBuffer(8));
    v.setFloat64(0, x);
    const bits = v.getBigUint64(0);
    const e = Number((bits >> 52n) & 0x7ffn);
    const m = bits & ((1n << 52n) - 1n);
    return e === 0 ? m : (m | (1n << 52n)) << BigInt(e - 1);
  };
  /** n/d as the nearest double (to 2^-60 relative), for n, d > 0. */
  const ratio = (n: bigint, d: bigint): number => {
    const k = d.toString(2).length - n.toString(2).length + 64;
    const q = k >= 0 ? (n << BigInt(k)) / d : n / (d << BigInt(-k));
    return Number(q) * 2 ** -Math.trunc(k / 2) * 2 ** -(k - Math.trunc(k / 2));
  };
  const exact = (p: number[], q: number[]) => {
    const P = p.map(big);
    const Q = q.map(big);
    const A = P.reduce((a, b) => a + b, 0n);
    const B = Q.reduce((a, b) => a + b, 0n);
    const d = P.map((a, i) => (a * B > Q[i]! * A ? a * B - Q[i]! * A : Q[i]! * A - a * B));
    const max = d.reduce((a, b) => (b > a ? b : a), 0n);
    return { tv: ratio(d.reduce((a, b) => a + b, 0n), 2n * A * B), linf: ratio(max, A * B) };
  };

  it('totalVariation and lInfinity within 1e-12 of the exact value on every backend', () => {
    const next = rng(16);
    const cases: [number[], number[]][] = [[[1, 3.4185123880468727e99, 1518065532.15599], [0, 3.4185123880468727e99, 1518065532.15599]]];
    for (let c = 0; c < 60; c++) {
      // A large entry, small ones 150 … 600 binades below it, and Q = P but for one small entry.
      const top = 2 ** Math.floor(next() * 400 - 200);
      const p = [top * (1 + next()), ...Array.from({ length: 3 }, () => top * 2 ** -Math.floor(150 + next() * 450) * (1 + next()))];
      const q = p.slice();
      const j = 1 + Math.floor(next() * 3);
      q[j] = next() < 0.3 ? 0 : q[j]! * (1 + next());
      cases.push([p, q]);
    }
    for (const name of BACKENDS) {
      withBackend(name, () => {
        for (const [p, q] of cases) {
          const want = exact(p, q);
          expectClose(totalVariation(p, q), want.tv, 1e-12, 0, `TV of ${p} and ${q} on ${name}`);
          expectClose(lInfinity(p, q), want.linf, 1e-12, 0, `L∞ of ${p} and ${q} on ${name}`);
        }
      });
    }
  });
});
