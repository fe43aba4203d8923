// The inputs the properties draw: vectors over the whole double range (zeros,
// subnormals, huge and tiny entries, counts), pairs that are independent, nearly
// identical or proportional, split points, tables, samples, and bad input.
import fc from 'fast-check';

export const MIN_NORMAL = 2 ** -1022;

/** One entry ≥ 0: mostly ordinary, with zeros, counts, powers of two, subnormals and extremes. */
export const entry: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 0, max: 1e3, noNaN: true }) },
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 1000 }) },
  { weight: 1, arbitrary: fc.integer({ min: -60, max: 60 }).map((k) => 2 ** k) },
  { weight: 1, arbitrary: fc.double({ min: 5e-324, max: 2.2250738585072014e-308, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: 1e-300, max: 1e300, noNaN: true }) },
);

/** Entries of moderate size (1e-6 … 1e6, zeros, counts): what awkward scale factors keep finite and normal. */
export const ordinaryEntry: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: 1e-6, max: 1e6, noNaN: true }) },
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 1000 }) },
);

/** Lengths 1 … 300: every tail of the SIMD loops and a few blocks. */
export const length = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 40 }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 300 }) },
);

export const vectorOf = (n: number, e: fc.Arbitrary<number> = entry) => fc.array(e, { minLength: n, maxLength: n });

/** A vector with at least one entry > 0 (a distribution once normalised). */
function withMass(v: number[], fill = 1): number[] {
  if (v.some((x) => x > 0)) return v;
  const w = v.slice();
  w[w.length - 1] = fill;
  return w;
}

export type Pair = [number[], number[]];

/**
 * p and q of one length, each with mass: independent; q a relative perturbation of p
 * (1e-4 … 1e-13, the cancellation-prone case); q = p with zeros put in (P has mass Q
 * lacks, or the reverse); or q = 2^k·p (proportional, so every normalised divergence is 0).
 */
export function pairOf(e: fc.Arbitrary<number> = entry, n: fc.Arbitrary<number> = length): fc.Arbitrary<Pair> {
  return n.chain((len) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.tuple(vectorOf(len, e), vectorOf(len, e)) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(
            fc.array(fc.double({ min: 1e-3, max: 10, noNaN: true }), { minLength: len, maxLength: len }),
            fc.constantFrom(1e-4, 1e-7, 1e-10, 1e-13),
            fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: len, maxLength: len }),
          )
          .map(([p, d, u]): Pair => [p, p.map((x, i) => x * (1 + d * u[i]!))]),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(vectorOf(len, e), fc.array(fc.boolean(), { minLength: len, maxLength: len }))
          .map(([p, holes]): Pair => [p, p.map((x, i) => (holes[i] ? 0 : x))]),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(vectorOf(len, e), fc.integer({ min: -20, max: 20 })).map(([p, k]): Pair => [p, p.map((x) => x * 2 ** k)]),
      },
    ),
  ).map(([p, q]): Pair => [withMass(p), withMass(q, 2)]);
}

export const pair = pairOf();
export const ordinaryPair = pairOf(ordinaryEntry);
/** One distribution (mass somewhere). */
export const distribution = length.chain((n) => vectorOf(n)).map((v) => withMass(v));

/** A positive factor: powers of two (exact), then awkward ones that round every entry. */
export const powerOfTwo = fc.integer({ min: -900, max: 900 }).map((k) => 2 ** k);
export const awkwardFactor = fc.constantFrom(3, 1 / 3, 10, 0.1, 1e-300, 1e300, Math.PI, 1 + 2 ** -40);

/** `x` times `c`, or undefined where an entry would overflow or leave the normal range (then the scaled input is another input). */
export function scaled(x: readonly number[], c: number): number[] | undefined {
  const out = x.map((v) => v * c);
  for (let i = 0; i < x.length; i++) {
    if (x[i] === 0) continue;
    if (!(out[i]! >= MIN_NORMAL && out[i]! < Infinity) || !(x[i]! >= MIN_NORMAL)) return undefined;
  }
  return out;
}

/** Sorted cut points in [0, n] (repeats allowed: empty chunks) that split n items into chunks. */
export function cutsOf(n: number): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 0, max: n }), { maxLength: 8 }).map((c) => [0, ...c.sort((a, b) => a - b), n]);
}

/** The chunks [cuts[i], cuts[i+1]) of x. */
export function chunks<T extends { slice(a: number, b: number): T }>(x: T, cuts: number[]): T[] {
  return cuts.slice(1).map((c, i) => x.slice(cuts[i]!, c));
}

/** A contingency table of counts (rows × cols, 1 … 8 each), with mass somewhere. */
export const table = fc
  .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }))
  .chain(([r, c]) =>
    fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(0), fc.double({ min: 0, max: 1e3, noNaN: true })), { minLength: r * c, maxLength: r * c }).map((d) => {
      const data = withMass(d);
      return { data: Float64Array.from(data), rows: r, cols: c };
    }),
  );

/** A sample of finite values: spread, with ties (small integers) or huge magnitudes. */
export const sampleValue = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 5 }) },
  { weight: 1, arbitrary: fc.double({ min: -1e300, max: 1e300, noNaN: true }) },
);
export const sample = (min = 1, max = 80) => fc.array(sampleValue, { minLength: min, maxLength: max });

/** Samples without ties of moderate range (the k-NN estimators refuse or flag duplicates). */
export const distinctSample = (min: number, max: number) =>
  fc.uniqueArray(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: min, maxLength: max }).map((v) => v.map((x) => x / 1024));

/** One entry that no measure accepts, and where it goes. */
export const badEntry = fc.constantFrom(NaN, -1, -Infinity, Infinity, -5e-324);
