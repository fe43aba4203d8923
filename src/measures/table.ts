// The measures by name: what rowwise, pairwise and the accumulators look up.
import { InputRangeError } from '../errors.js';
import { crossEntropy } from './cross-entropy.js';
import { entropy } from './entropy.js';
import { jsDistance, jsDivergence } from './jensen-shannon.js';
import { kl } from './kl.js';
import type { Measure } from './measure.js';
import { totalVariation } from './total-variation.js';

/**
 * The names the bulk functions take. 'js' is the Jensen–Shannon divergence (the engine
 * of the same two letters is the plain-JS backend, a different thing).
 */
export type BulkMeasure = 'kl' | 'js' | 'jsDistance' | 'crossEntropy' | 'totalVariation';

const BULK: Record<BulkMeasure, Measure> = {
  kl,
  js: jsDivergence,
  jsDistance,
  crossEntropy,
  totalVariation,
};

export const MEASURES = { kl, crossEntropy, entropy, jsDivergence, jsDistance, totalVariation };

/** The measure a bulk function was asked for, or an error naming the valid ones. */
export function bulkMeasure(name: unknown): Measure {
  if (typeof name !== 'string' || !Object.hasOwn(BULK, name)) {
    throw new InputRangeError(`measure is ${JSON.stringify(name)}; expected one of ${Object.keys(BULK).join(', ')}`, 'measure');
  }
  return BULK[name as BulkMeasure];
}
