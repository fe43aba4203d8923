// Every kind of bad input: the error's class, the argument it names, the index of the
// first offending entry, and that the next call still works.
import { describe, expect, it } from 'vitest';
import {
  allocF64,
  createAccumulator,
  crossEntropy,
  entropy,
  histogram,
  InputRangeError,
  InputTypeError,
  jsDistance,
  jsDivergence,
  klDiv,
  klDivergence,
  mutualInformation,
  pairwise,
  relEntr,
  rowwise,
} from '../src/index.js';
import { BACKENDS, withBackend } from './helpers.js';

const REDUCTIONS = { klDivergence, crossEntropy, jsDivergence, jsDistance } as const;

function expectError(
  fn: () => unknown,
  type: typeof InputRangeError | typeof InputTypeError,
  argument: string,
  message: RegExp,
  index?: number,
): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a throw').toBeInstanceOf(type);
  const err = caught as InputRangeError;
  expect(err.argument).toBe(argument);
  expect(err.message).toMatch(message);
  expect(err.index).toBe(index);
}

describe.each(BACKENDS)('bad input on %s', (name) => {
  describe.each(Object.entries(REDUCTIONS))('%s', (_, fn) => {
    it('rejects a length mismatch', () => {
      withBackend(name, () =>
        expectError(() => fn([1, 2], [1, 2, 3]), InputRangeError, 'q', /differ in length \(2 vs 3\)/),
      );
    });
    it('rejects empty input', () => {
      withBackend(name, () => expectError(() => fn([], []), InputRangeError, 'p', /p is empty/));
    });
    it.each([
      ['NaN', NaN, /p\[2\] is NaN/],
      ['+∞', Infinity, /p\[2\] is Infinity/],
      ['−∞', -Infinity, /p\[2\] is negative \(-Infinity\)/],
      ['a negative', -0.5, /p\[2\] is negative \(-0.5\)/],
    ])('rejects %s in p, naming its index', (_, bad, msg) => {
      withBackend(name, () => {
        const p = new Float64Array([1, 2, bad, 3, NaN]);
        expectError(() => fn(p, [1, 1, 1, 1, 1]), InputRangeError, 'p', msg, 2);
      });
    });
    it('rejects NaN in q, naming its index', () => {
      withBackend(name, () =>
        expectError(() => fn([1, 1, 1], new Float32Array([1, 1, NaN])), InputRangeError, 'q', /q\[2\] is NaN/, 2),
      );
    });
    it('rejects an all-zero input when normalising, and accepts it raw', () => {
      withBackend(name, () => {
        expectError(() => fn([1, 2], [0, 0]), InputRangeError, 'q', /q sums to 0/);
        expect(Number.isFinite(fn([0, 0], [0, 0], { normalize: false }))).toBe(true);
      });
    });
    it.each([0, -2, 1, NaN, Infinity])('rejects base %s', (base) => {
      withBackend(name, () =>
        expectError(() => fn([1, 2], [2, 1], { base }), InputRangeError, 'options.base', /must be finite, > 0 and ≠ 1/),
      );
    });
    it('rejects non-array arguments and non-number entries', () => {
      withBackend(name, () => {
        expectError(() => fn('abc' as never, [1]), InputTypeError, 'p', /p must be a Float64Array/);
        expectError(() => fn([1], null as never), InputTypeError, 'q', /got null/);
        expectError(() => fn([1, '2'] as never, [1, 2]), InputTypeError, 'p', /p\[1\] is the string "2"/, 1);
        expectError(() => fn(new BigInt64Array(2) as never, [1, 2]), InputTypeError, 'p', /BigInt64Array/);
        expectError(() => fn([1], [1], { base: '2' } as never), InputTypeError, 'options.base', /must be a number/);
        expectError(() => fn([1], [1], { normalize: 1 } as never), InputTypeError, 'options.normalize', /boolean/);
      });
    });
    it('works normally on the next call after an error', () => {
      withBackend(name, () => {
        const good = fn([0.1, 0.4, 0.5], [0.8, 0.15, 0.05]);
        expect(() => fn([0.1, NaN, 0.5], [0.8, 0.15, 0.05])).toThrow(InputRangeError);
        expect(fn([0.1, 0.4, 0.5], [0.8, 0.15, 0.05])).toBe(good);
      });
    });
  });

  it('entropy rejects the same inputs with the same messages', () => {
    withBackend(name, () => {
      expectError(() => entropy([]), InputRangeError, 'p', /p is empty/);
      expectError(() => entropy([0.5, -1]), InputRangeError, 'p', /p\[1\] is negative/, 1);
      expectError(() => entropy([0, 0]), InputRangeError, 'p', /p sums to 0/);
      expectError(() => entropy([1], { base: 1 }), InputRangeError, 'options.base', /≠ 1/);
      // Was /got a Object/: the wording issue 11 (item 6) names as a defect.
      expectError(() => entropy({} as never), InputTypeError, 'p', /got a plain object/);
      expect(entropy([0, 0], { normalize: false })).toBe(0);
    });
  });

  it('mutualInformation names the cell, row or field at fault', () => {
    withBackend(name, () => {
      expectError(() => mutualInformation([[1, 2], [3, NaN]]), InputRangeError, 'joint', /joint\[1\]\[1\] is NaN/, 3);
      expectError(() => mutualInformation([[1, 2], [3]]), InputRangeError, 'joint[1]', /joint\[1\] has 1 entries, row 0 has 2/, 1);
      expectError(() => mutualInformation([[0, 0], [0, 0]]), InputRangeError, 'joint', /sums to 0/);
      expectError(() => mutualInformation({ data: [1, 2, 3], rows: 2, cols: 2 }), InputRangeError, 'joint.data', /3 entries but rows × cols = 4/);
      expectError(() => mutualInformation({ data: [1, 2], rows: 0, cols: 2 }), InputRangeError, 'joint.rows', /positive integer/);
      // A detached typed array as rows: its own toString throws, so the message must not call it (coverage-fuzz finding).
      const gone = new Float64Array(2);
      structuredClone(gone.buffer, { transfer: [gone.buffer] });
      expectError(() => mutualInformation({ data: [1, 2], rows: gone as never, cols: 2 }), InputTypeError, 'joint.rows', /joint\.rows must be a positive integer, got a Float64Array/);
      expectError(() => mutualInformation(42 as never), InputTypeError, 'joint', /array of rows/);
      expectError(() => mutualInformation([]), InputRangeError, 'joint', /no rows/);
    });
  });

  it('elementwise functions mirror SciPy on bad values but reject bad shapes', () => {
    withBackend(name, () => {
      expect(Array.from(relEntr([NaN, -1, 1], [1, 1, -1]))).toEqual([NaN, Infinity, Infinity]);
      expect(Array.from(klDiv([NaN, -1, 1], [1, 1, -1]))).toEqual([NaN, Infinity, Infinity]);
      expectError(() => relEntr([1, 2], [1]), InputRangeError, 'q', /differ in length/);
      expectError(() => klDiv([1], [1], new Float64Array(2)), InputRangeError, 'out', /out has length 2, expected 1/);
      expectError(() => klDiv([1], [1], [0] as never), InputTypeError, 'out', /Float64Array/);
    });
  });
});

describe('messages show each value as what it is', () => {
  it.each([
    [() => klDivergence(new ArrayBuffer(8) as never, [1]), InputTypeError, 'p', /got an ArrayBuffer$/],
    [() => klDivergence(undefined as never, [1]), InputTypeError, 'p', /got undefined$/],
    [() => klDivergence([1, undefined] as never, [1, 2]), InputTypeError, 'p', /^p\[1\] is undefined, expected a number$/, 1],
    [() => klDivergence([true, 1] as never, [1, 2]), InputTypeError, 'p', /^p\[0\] is the boolean true, expected a number$/, 0],
    [() => klDivergence({ length: 2 } as never, [1, 2]), InputTypeError, 'p', /got a plain object$/],
    [() => klDivergence(new Map() as never, [1]), InputTypeError, 'p', /got a Map$/],
    [() => klDivergence([1], [1], { base: '2' } as never), InputTypeError, 'options.base', /got the string "2"$/],
    [() => klDivergence([1], [1], { base: 2n } as never), InputTypeError, 'options.base', /got the bigint 2n$/],
    [() => klDivergence([1], [1], 'nats' as never), InputTypeError, 'options', /got the string "nats"$/],
  ] as const)('case %#', (fn, type, argument, message, index?: number) => {
    expectError(fn, type, argument, message, index);
  });
});

describe('unknown option keys are rejected with the nearest valid key', () => {
  const P = [[1, 2], [2, 1]];
  it.each([
    ['klDivergence', () => klDivergence([1, 2], [2, 1], { bsae: 2 } as never), 'options.bsae', /did you mean options\.base\?/],
    ['entropy', () => entropy([1, 2], { normalise: false } as never), 'options.normalise', /did you mean options\.normalize\?/],
    ['jsDistance', () => jsDistance([1, 2], [2, 1], { precison: 'single' } as never), 'options.precison', /did you mean options\.precision\?/],
    ['mutualInformation', () => mutualInformation([[1, 2], [3, 4]], { baes: 2 } as never), 'options.baes', /did you mean options\.base\?/],
    ['rowwise', () => rowwise('kl', P, P, { thread: 2 } as never), 'options.thread', /did you mean options\.threads\?/],
    ['pairwise', () => pairwise('kl', P, undefined, { colour: 1 } as never), 'options.colour', /is not an option here \(valid: base, normalize, precision, threads\)$/],
    ['createAccumulator', () => createAccumulator('kl', { total: [1, 1] } as never), 'options.total', /did you mean options\.totals\?/],
    ['histogram', () => histogram([1, 2, 3], { bins: 2, rnage: [0, 1] } as never), 'options.rnage', /did you mean options\.range\?/],
  ] as const)('%s', (_, fn, argument, message) => {
    expectError(fn, InputTypeError, argument, message);
  });

  it('the next call works', () => {
    expect(() => klDivergence([1, 2], [2, 1], { bsae: 2 } as never)).toThrow(InputTypeError);
    expect(klDivergence([1, 2], [2, 1], { base: 2 })).toBe(klDivergence([1, 2], [2, 1]) / Math.LN2);
  });
});

/** A Float64Array whose buffer has been transferred away (detached). */
function detached(values: number[]): Float64Array {
  const a = new Float64Array(values);
  structuredClone(a.buffer, { transfer: [a.buffer] });
  return a;
}

describe.each(BACKENDS)('detached buffers on %s', (name) => {
  it('are a typed error that says so, in every function, and the next call works', () => {
    withBackend(name, () => {
      const msg = /detached ArrayBuffer/;
      expectError(() => klDivergence(detached([1, 2, 3]), [1, 2, 3]), InputTypeError, 'p', msg);
      expectError(() => klDivergence([1, 2, 3], detached([1, 2, 3])), InputTypeError, 'q', msg);
      expectError(() => entropy(detached([1])), InputTypeError, 'p', msg);
      expectError(() => relEntr(detached([1]), detached([1])), InputTypeError, 'p', msg);
      expectError(() => klDiv([1], [1], detached([0])), InputTypeError, 'out', msg);
      expectError(() => histogram(detached([1, 2]), { bins: 2 }), InputTypeError, 'values', msg);
      expect(klDivergence([1, 2, 3], [1, 2, 3])).toBe(0);
      // An empty array that is not detached is still just empty.
      expectError(() => klDivergence(new Float64Array(0), new Float64Array(0)), InputRangeError, 'p', /p is empty/);
    });
  });

  it('a stale allocF64 view (memory grew since it was taken) is named, not read as empty', () => {
    withBackend(name, () => {
      const a = allocF64(3);
      a.array.set([1, 2, 3]);
      const stale = a.array;
      const big = allocF64(4_000_000); // grows module memory on the WASM backends
      try {
        if (stale.length === 0) expectError(() => klDivergence(stale, [1, 2, 3]), InputTypeError, 'p', /read \.array again/);
        expect(klDivergence(a.array, [1, 2, 3])).toBe(0);
      } finally {
        big.free();
        a.free();
      }
    });
  });
});
