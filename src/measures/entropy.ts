// H(P) = −Σ p̂·log p̂: the fast pass Σ a·log a, log A − S/A, where its bound certifies it;
// for nearly degenerate distributions (one p̂ near 1) the careful sum of −p̂·log p̂ terms,
// in JS (it is rare).
import { Pass } from '../../assembly/modes.js';
import { entropyFromPass, rawFromPass, type FastPass } from '../numeric/certify.js';
import { Sum, sumOf, type DoubleDouble } from '../numeric/sum.js';
import type { Vector } from '../types.js';
import { logRatio } from '../numeric/ratio.js';
import { inBase, type Measure, type Plan } from './measure.js';
import { singlePass } from './single.js';

/**
 * −Σ p̂·log p̂ over the entries of p, p̂ = a/A for a total A given as a double-double:
 * Σ −a·log(a/A), divided by A once at the end, so that a result below the normal range
 * is rounded once rather than built from terms that each lost digits there.
 */
export function entropyTerms(p: Vector, [hi, lo]: DoubleDouble): number {
  const sum = new Sum();
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    if (a === 0) continue;
    // For p̂ near 1, log p̂ is tiny and a/A has already lost its digits: take it from
    // a − A instead, where a − hi is exact (Sterbenz) and lo restores A's rounding.
    const L = a / hi > 0.5 ? Math.log1p((a - hi - lo) / hi) : logRatio(a, hi);
    sum.add(-a * L);
  }
  return sum.value / hi;
}

/** The largest entry's exponent is brought to this, so no a·log(a/A) over- or underflows. */
const TOP = 982;

/**
 * The careful entropy of a validated p with a nonzero sum, on any scale: p times a power
 * of two that puts its largest entry near 2^982 (exact; entries that then fall below
 * 2^-1022 are below 2^-2000 of the total, beneath any result).
 */
export function carefulEntropy(p: Vector): number {
  let max = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > max) max = p[i]!;
  // 2^k in up to three exact steps: k reaches 2056 for a subnormal largest entry.
  let k = TOP - Math.floor(Math.log2(max));
  const scaled = Float64Array.from(p);
  while (k !== 0) {
    const step = 2 ** Math.max(-1000, Math.min(1000, k));
    for (let i = 0; i < scaled.length; i++) scaled[i]! *= step;
    k -= Math.max(-1000, Math.min(1000, k));
  }
  return entropyTerms(scaled, sumOf(scaled));
}

/** precision 'single': the f32-lane entropy where its own bound shows it within 1e-6. */
export function singleEntropy(...args: Parameters<NonNullable<Plan['single']>>): number | undefined {
  const [engine, p, , o] = args;
  const certify = (s: FastPass): number | undefined => entropyFromPass(s, o.normalize, true);
  const s = singlePass(engine, Pass.FastXlogx, p, p, certify);
  return s && certify(s);
}

const NORMALIZED: Plan = {
  kind: 'fast',
  first: Pass.FastXlogx,
  single: singleEntropy,
  certify: (s) => entropyFromPass(s, true),
  fallback: (_engine, p) => carefulEntropy(p),
};

/** Raw entropy −Σ a·log a: the direct sum (its promise is absolute: a few ε of Σ|a·log a|). */
const RAW: Plan = {
  kind: 'fast',
  first: Pass.FastXlogx,
  single: singleEntropy,
  certify: (s) => 0 - (rawFromPass(s, false) ?? s.S),
};

export const entropy: Measure = {
  name: 'entropy',
  inputs: 1,
  symmetric: false,
  range: [0, Infinity],
  infiniteOnSupport: false,
  plan: (o) => (o.normalize ? NORMALIZED : RAW),
  finish: inBase,
};
