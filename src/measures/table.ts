// The measures by name: what rowwise, pairwise and the accumulators look up.
import { InputRangeError } from '../errors.js';
import { crossEntropy } from './cross-entropy.js';
import { entropy } from './entropy.js';
import { jsDistance, jsDivergence } from './jensen-shannon.js';
import { kl } from './kl.js';
import type { Measure } from './measure.js';
import { totalVariation } from './total-variation.js';
import { bhattacharyya, hellinger } from './hellinger.js';

/**
 * The bulk measures that run one plan per pair on the engines.
 * @inline
 */
type EngineMeasure = 'kl' | 'js' | 'jsDistance' | 'crossEntropy' | 'totalVariation' | 'hellinger' | 'bhattacharyya';

/**
 * The names the bulk functions take. 'js' is the Jensen–Shannon divergence (the engine
 * of the same two letters is the plain-JS backend, a different thing). 'psi' is
 * KL(P‖Q) + KL(Q‖P), two KL runs (src/bulk/rowwise.ts and pairwise.ts add them).
 */
export type BulkMeasure = EngineMeasure | 'psi';

const BULK: Record<EngineMeasure, Measure> = {
  kl,
  js: jsDivergence,
  jsDistance,
  crossEntropy,
  totalVariation,
  hellinger,
  bhattacharyya,
};

export const MEASURES = { kl, crossEntropy, entropy, jsDivergence, jsDistance, totalVariation };

/** The measure a bulk function was asked for, or an error naming the valid ones. */
export function bulkMeasure(name: unknown): Measure {
  if (typeof name !== 'string' || !Object.hasOwn(BULK, name)) {
    throw new InputRangeError(`measure is ${JSON.stringify(name)}; expected one of ${[...Object.keys(BULK), 'psi'].join(', ')}`, 'measure');
  }
  return BULK[name as EngineMeasure];
}
