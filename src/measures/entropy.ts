// H(P) = −Σ p̂·log p̂: the fast pass Σ a·log a, log A − S/A, where its bound certifies it;
// for nearly degenerate distributions (one p̂ near 1) the careful sum of −p̂·log p̂ terms,
// in JS (it is rare).
import { Pass } from '../../assembly/modes.js';
import { entropyFromPass, rawFromPass } from '../numeric/certify.js';
import { Sum, sumOf, type DoubleDouble } from '../numeric/sum.js';
import type { Vector } from '../types.js';
import { inBase, type Measure, type Plan } from './measure.js';
import { singlePass } from './single.js';

/** −Σ p̂·log p̂ over the entries of p, p̂ = a/A for a total A given as a double-double. */
export function entropyTerms(p: Vector, [hi, lo]: DoubleDouble): number {
  const sum = new Sum();
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    if (a === 0) continue;
    const ph = a / hi;
    // For p̂ near 1, log p̂ is tiny and a/A has already lost its digits: take it from
    // a − A instead, where a − hi is exact (Sterbenz) and lo restores A's rounding.
    const L = ph > 0.5 ? Math.log1p((a - hi - lo) / hi) : Math.log(ph);
    if (ph > 0) sum.add(-ph * L);
  }
  return sum.value;
}

/** The careful entropy of a validated p with a nonzero sum. */
export function carefulEntropy(p: Vector): number {
  return entropyTerms(p, sumOf(p));
}

/** precision 'single': the f32-lane entropy where its own bound shows it within 1e-6. */
export function singleEntropy(...args: Parameters<NonNullable<Plan['single']>>): number | undefined {
  const [engine, p, , o] = args;
  const s = singlePass(engine, Pass.FastXlogx, p, p);
  return s && entropyFromPass(s, o.normalize, true);
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
