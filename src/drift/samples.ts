// One check of a 1-D sample for the functions that take raw values (wasserstein, ksTest):
// a vector, not empty, with no NaN (and no infinities where the measure has no meaning
// for them), copied to a Float64Array the caller may sort in place.
import { InputRangeError } from '../errors.js';
import { asVector } from '../validate.js';

export function sampleOf(x: unknown, name: string, allow: { infinite: boolean }): Float64Array {
  const out = Float64Array.from(asVector(x, name));
  if (out.length === 0) throw new InputRangeError(`${name} is empty`, name);
  for (let i = 0; i < out.length; i++) {
    const v = out[i]!;
    if (Number.isNaN(v) || (!allow.infinite && !Number.isFinite(v))) {
      throw new InputRangeError(`${name}[${i}] is ${v}; values must be ${allow.infinite ? 'numbers, not NaN' : 'finite'}`, name, i);
    }
  }
  return out;
}
