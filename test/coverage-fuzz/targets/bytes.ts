// Turning the fuzzer's bytes into structured arguments. Each choice reads one byte (0
// once the input is used up), so a mutation of one byte changes one choice, which is
// what lets libFuzzer's coverage feedback climb from one decision to the next.

/** Doubles worth trying on purpose: zeros, the ends of the range, subnormals, non-finite. */
const SPECIAL = [
  0, -0, 1, 2, 3, 0.5, 0.25, 0.1, 10, 1e-300, 1e300, 5e-324, -5e-324, 2.2250738585072014e-308,
  1.7976931348623157e308, -1, -0.5, NaN, Infinity, -Infinity, 2 ** 53, 1 - 2 ** -53, 1e-10, Math.E,
];

export class Bytes {
  private at = 0;
  constructor(private readonly data: Uint8Array) {}

  get left(): number {
    return this.data.length - this.at;
  }

  byte(): number {
    return this.at < this.data.length ? this.data[this.at++]! : 0;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.byte() % xs.length]!;
  }

  /** A double: mostly special values and small integers, sometimes any 64-bit pattern. */
  number(): number {
    const b = this.byte();
    if (b < 0x60) return SPECIAL[b % SPECIAL.length]!;
    if (b < 0xe0) return b - 0x60; // 0 … 127: counts
    const raw = new Uint8Array(8);
    for (let i = 0; i < 8; i++) raw[i] = this.byte();
    return new DataView(raw.buffer).getFloat64(0, true);
  }

  /** The bytes not read yet. */
  rest(): Uint8Array {
    const r = this.data.subarray(this.at);
    this.at = this.data.length;
    return r;
  }
}
