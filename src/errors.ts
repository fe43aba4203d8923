/**
 * Errors thrown for bad input. Both carry the offending argument's name and, where one
 * entry is to blame, its index, so callers can react without parsing the message.
 */
export class InputTypeError extends TypeError {
  constructor(
    message: string,
    readonly argument: string,
    readonly index?: number,
  ) {
    super(message);
    this.name = 'InputTypeError';
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
}
