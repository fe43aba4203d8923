// What a case reports when the library answers wrongly, and the bad inputs every case
// can be fed: each must be refused with the typed error of its kind.
import { close, closeArrays } from './oracle.mjs';

export class Wrong extends Error {}

export function expectClose(what, got, want, rel = 1e-9, abs = 1e-12) {
  if (!close(got, want, rel, abs)) throw new Wrong(`${what}: got ${got}, want ${want}`);
}
export function expectArrays(what, got, want, rel = 1e-9, abs = 1e-12) {
  const why = closeArrays(got, want, rel, abs);
  if (why) throw new Wrong(`${what}: ${why}`);
}
export function expect(what, ok, detail = '') {
  if (!ok) throw new Wrong(`${what}${detail ? `: ${detail}` : ''}`);
}

/** Bad inputs: the error class each must raise. */
export const BAD = { nan: 'range', negative: 'range', mismatch: 'range', empty: 'range', type: 'type' };

const WRONG_TYPES = ['abc', { length: 3 }, null, 42, new Map(), [1, 'two', 3]];

/** A copy of x that can hold NaN (integer arrays become Float64Array), x's kind otherwise. */
function writable(x) {
  if (Array.isArray(x)) return x.slice();
  if (x instanceof Float64Array || x instanceof Float32Array) return x.slice();
  return Float64Array.from(x);
}

/**
 * The inputs (p, q) made bad in one way: NaN or a negative entry at a random index in p,
 * q one shorter, both empty, or p of a wrong type. Returns the new pair and, for an
 * entry, its index (the error must name it).
 */
export function corrupt(rng, what, p, q) {
  switch (what) {
    case 'nan': case 'negative': {
      const x = writable(p);
      const at = rng.int(0, x.length - 1);
      x[at] = what === 'nan' ? NaN : -1;
      return { p: x, q, index: at };
    }
    case 'mismatch': return { p, q: q.length > 1 ? q.slice(0, q.length - 1) : [1, 2].concat(Array.from(q)) };
    case 'empty': return { p: [], q: [] };
    case 'type': return { p: rng.pick(WRONG_TYPES), q };
    default: throw new Error(what);
  }
}
