// The one check of bin edges given by a caller (fitBins, rebin, histogramWasserstein):
// at least two, finite, strictly increasing; errors name the argument and index.
import { InputRangeError } from '../errors.js';
import { asVector } from '../validate.js';

export function checkedEdges(edges: unknown, name: string): Float64Array {
  const e = Float64Array.from(asVector(edges, name));
  if (e.length < 2) throw new InputRangeError(`${name} has ${e.length} edge(s); at least 2 are needed`, name);
  for (let i = 0; i < e.length; i++) {
    if (!Number.isFinite(e[i]!)) throw new InputRangeError(`${name}[${i}] is ${e[i]}; edges must be finite`, name, i);
    if (i > 0 && !(e[i]! > e[i - 1]!)) throw new InputRangeError(`${name}[${i}] is ${e[i]}, not above ${name}[${i - 1}] = ${e[i - 1]}; edges must increase`, name, i);
  }
  return e;
}
