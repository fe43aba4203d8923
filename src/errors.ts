/**
 * Errors thrown for bad input. Both carry the offending argument's name and, where one
 * entry is to blame, its index, so callers can react without parsing the message.
 *
 * A program can load this package twice, once as ESM and once as CJS (the dual-package
 * hazard), and then holds two copies of each class. `instanceof` recognises an error
 * from either copy: each class carries a `Symbol.for` brand, shared across copies, and
 * tests it in `Symbol.hasInstance`. Subclasses of these classes keep the ordinary rule.
 */
const BRAND = Symbol.for('infodiv.error-class');

/** Does `x` carry the brand of the class named `name` (from any copy of this package)? */
function branded(x: unknown, name: string): boolean {
  return typeof x === 'object' && x !== null && (x as { [BRAND]?: string })[BRAND] === name;
}

/**
 * Thrown when an argument has the wrong type: not an array, a detached view, an option
 * that is not an object, an unknown option. A TypeError; `instanceof` works across the
 * package's ESM and CJS copies.
 */
export class InputTypeError extends TypeError {
  /** An error about `argument` (and its entry `index`), with `message`. */
  constructor(
    message: string,
    /** The argument to blame, as the docs name it: 'p', 'options.base', 'reference.x'. */
    readonly argument: string,
    /** The index of the entry to blame, where one entry is. */
    readonly index?: number,
  ) {
    super(message);
    this.name = 'InputTypeError';
  }

  /** `x instanceof InputTypeError`: true for an error of this class from any copy of the package. */
  static override [Symbol.hasInstance](x: unknown): boolean {
    return this === InputTypeError ? branded(x, 'InputTypeError') : Function.prototype[Symbol.hasInstance].call(this, x);
  }
}

/**
 * Thrown when an argument has the right type but a value outside what is allowed: a
 * negative or NaN entry, different lengths, an empty input, a bad option value. A
 * RangeError; `instanceof` works across the package's ESM and CJS copies.
 */
export class InputRangeError extends RangeError {
  /** An error about `argument` (and its entry `index`), with `message`. */
  constructor(
    message: string,
    /** The argument to blame, as the docs name it: 'p', 'options.base', 'reference.x'. */
    readonly argument: string,
    /** The index of the entry to blame, where one entry is. */
    readonly index?: number,
  ) {
    super(message);
    this.name = 'InputRangeError';
  }

  /** `x instanceof InputRangeError`: true for an error of this class from any copy of the package. */
  static override [Symbol.hasInstance](x: unknown): boolean {
    return this === InputRangeError ? branded(x, 'InputRangeError') : Function.prototype[Symbol.hasInstance].call(this, x);
  }
}

/**
 * Why a `{ threads }` call lost the worker it was waiting on:
 * - 'crashed': the worker threw outside the checks of its input (an uncaught error, or
 *   an unexpected one inside the job, such as a WebAssembly trap or running out of memory);
 * - 'exited': it stopped without replying (`process.exit`, `terminate()`, the runtime
 *   ending it);
 * - 'disposed': `dispose()` ended the workers while the call was running;
 * - 'unavailable': no worker could start (e.g. a Content-Security-Policy that forbids
 *   blob: workers).
 */
export type WorkerFault = 'crashed' | 'exited' | 'disposed' | 'unavailable';

/**
 * A threaded call rejected because its worker failed, not because of its input (bad
 * input still rejects with InputTypeError / InputRangeError). The pool drops that worker,
 * and the next call starts a fresh one. `cause` holds what the worker reported: its
 * error, or its exit code (undefined when the platform gives none, as for a Web Worker
 * ended by `terminate()`).
 */
export class WorkerError extends Error {
  /** An error with `message`, for `reason`; `cause` becomes the standard `cause` property. */
  constructor(
    message: string,
    /** Why the worker was lost. */
    readonly reason: WorkerFault,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'WorkerError';
    // The brand on each error, not on the prototype: with no statement outside the class,
    // bundles that never use it (and the workers) leave the class out. Still not enumerable.
    Object.defineProperty(this, BRAND, { value: 'WorkerError' });
  }

  /** `x instanceof WorkerError`: true for an error of this class from any copy of the package. */
  static override [Symbol.hasInstance](x: unknown): boolean {
    return this === WorkerError ? branded(x, 'WorkerError') : Function.prototype[Symbol.hasInstance].call(this, x);
  }
}

// On the prototypes, not enumerable: the brand never shows in a logged or serialised error.
Object.defineProperty(InputTypeError.prototype, BRAND, { value: 'InputTypeError' });
Object.defineProperty(InputRangeError.prototype, BRAND, { value: 'InputRangeError' });
