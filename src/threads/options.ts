// The `threads` option of the bulk functions: its type, the rule that decides what a
// call returns, and its validation.
import { InputRangeError, InputTypeError } from '../errors.js';
import { describe } from '../validate.js';

/** The `threads` option, shared by the functions that can run on worker threads. */
export interface ThreadOptions {
  /**
   * Worker threads to split the work across (Node worker_threads, Web Workers in
   * browsers), capped at the number of cores. Whenever `threads` is given, the call
   * returns a Promise (with `threads: 1` the work runs on the calling thread). Workers
   * are created once and reused; `dispose()` ends them.
   */
  threads?: number | 'auto';
}

/**
 * What a call with options of type `O` returns, for a synchronous result `T`: a Promise
 * when `threads` is given, `T` when it is not, and either when the type cannot tell
 * (an options variable of a wider type, `{ threads?: number }`). The runtime rule is the
 * same: `threads !== undefined` gives a Promise.
 */
export type Threaded<O, T> = O extends undefined
  ? T
  : 'threads' extends keyof O
    ? O extends {
        /** Given: the call returns a Promise. */
        threads: number | 'auto';
      }
      ? Promise<T>
      : [O['threads' & keyof O]] extends [undefined]
        ? T
        : T | Promise<T>
    : T;

/** The validated `threads` option, or undefined when it was not given. */
export function threadsOption(opts: unknown): number | 'auto' | undefined {
  if (opts === undefined || opts === null || typeof opts !== 'object') return undefined;
  const v = (opts as { threads?: unknown }).threads;
  if (v === undefined || v === 'auto') return v;
  if (typeof v !== 'number') {
    throw new InputTypeError(`options.threads must be a whole number ≥ 1 or 'auto', got ${describe(v)}`, 'options.threads');
  }
  if (!Number.isInteger(v) || v < 1) {
    throw new InputRangeError(`options.threads is ${describe(v)}; it must be a whole number ≥ 1`, 'options.threads');
  }
  return v;
}

/** `opts` without `threads`, for the layers below, which take only reduction options. */
export function withoutThreads<O extends object>(opts: O | undefined): Omit<O, 'threads'> | undefined {
  if (opts === undefined || opts === null || typeof opts !== 'object') return opts;
  const { threads: _, ...rest } = opts as O & { threads?: unknown };
  return rest;
}
