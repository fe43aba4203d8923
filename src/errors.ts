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

export class InputTypeError extends TypeError {
  constructor(
    message: string,
    readonly argument: string,
    readonly index?: number,
  ) {
    super(message);
    this.name = 'InputTypeError';
  }

  static override [Symbol.hasInstance](x: unknown): boolean {
    return this === InputTypeError ? branded(x, 'InputTypeError') : Function.prototype[Symbol.hasInstance].call(this, x);
  }
}

export class InputRangeError extends RangeError {
  constructor(
    message: string,
    readonly argument: string,
    readonly index?: number,
  ) {
    super(message);
    this.name = 'InputRangeError';
  }

  static override [Symbol.hasInstance](x: unknown): boolean {
    return this === InputRangeError ? branded(x, 'InputRangeError') : Function.prototype[Symbol.hasInstance].call(this, x);
  }
}

// On the prototypes, not enumerable: the brand never shows in a logged or serialised error.
Object.defineProperty(InputTypeError.prototype, BRAND, { value: 'InputTypeError' });
Object.defineProperty(InputRangeError.prototype, BRAND, { value: 'InputRangeError' });
