// H(P, Q) = −Σ p̂·log q̂: one fast pass of Σ a·log b, log B − S/A, where its bound
// certifies it; else H(P) + KL(P‖Q), both careful and ≥ 0, so their sum is accurate too.
import { Pass } from '../../assembly/modes.js';
import { crossEntropyFromPass } from '../numeric/certify.js';
import { carefulEntropy, singleEntropy } from './entropy.js';
import { kl, singleKl } from './kl.js';
import { inBase, type Measure, type Plan } from './measure.js';
import { natsOf } from './settle.js';

const NORMALIZED: Plan = {
  kind: 'fast',
  first: Pass.FastXlogy,
  certify: (s) => crossEntropyFromPass(s),
  fallback: (engine, p, q, o) => carefulEntropy(p) + natsOf(kl, engine, p, q, o),
  // H(P) + KL(P‖Q), both ≥ 0: each within 1e-6 keeps the sum within 1e-6.
  single(engine, p, q, o) {
    const h = singleEntropy(engine, p, q, o);
    const d = h === undefined ? undefined : singleKl(engine, p, q, o);
    return d === undefined ? undefined : h! + d;
  },
};

/** Raw cross-entropy −Σ a·log b: the direct sum (an absolute promise, as raw entropy). */
const RAW: Plan = {
  kind: 'fast',
  first: Pass.FastXlogy,
  certify: (s) => 0 - s.S,
};

export const crossEntropy: Measure = {
  name: 'crossEntropy',
  inputs: 2,
  symmetric: false,
  range: [0, Infinity],
  infiniteOnSupport: true,
  plan: (o) => (o.normalize ? NORMALIZED : RAW),
  finish: inBase,
};
