import { crossEntropy, jsDistance, jsDivergence, klDivergence } from '../divergences.js';
import { InputRangeError } from '../errors.js';
import type { Options, Vector } from '../types.js';

/** The measures the bulk functions compute, by name. */
export type Measure = 'kl' | 'js' | 'jsDistance' | 'crossEntropy';

interface MeasureDef {
  pair: (p: Vector, q: Vector, opts?: Options) => number;
  symmetric: boolean;
}

const MEASURES: Record<Measure, MeasureDef> = {
  kl: { pair: klDivergence, symmetric: false },
  js: { pair: jsDivergence, symmetric: true },
  jsDistance: { pair: jsDistance, symmetric: true },
  crossEntropy: { pair: crossEntropy, symmetric: false },
};

export function measureOf(name: unknown): MeasureDef {
  if (typeof name !== 'string' || !(name in MEASURES)) {
    throw new InputRangeError(
      `measure is ${JSON.stringify(name)}; expected one of ${Object.keys(MEASURES).join(', ')}`,
      'measure',
    );
  }
  return MEASURES[name as Measure];
}
