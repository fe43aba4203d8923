// Seeded random numbers that are the same on every platform. ECMAScript leaves Math.log,
// Math.exp and Math.cos free to differ in the last bit between engines (V8, JavaScriptCore,
// SpiderMonkey), and one bit is enough for a rejection sampler to take another branch. So
// the samplers (sample.ts) use only +, −, ×, ÷ and √ (correctly rounded by IEEE 754, and
// JS never contracts them into FMAs) and the log and exp below, written with those alone.
//
// The generator is xoshiro128** (32-bit words: Math.imul and shifts, exact everywhere),
// seeded through splitmix32; a double in (0, 1) takes 53 bits from two outputs.

/** The 32-bit splitmix step: the seed's words. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `seed`: any whole number (its low 32 bits and the next 21 are used). */
  constructor(seed: number) {
    const st = { s: (seed | 0) ^ Math.floor(seed / 2 ** 32) };
    this.a = splitmix32(st);
    this.b = splitmix32(st);
    this.c = splitmix32(st);
    this.d = splitmix32(st);
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** The next 32-bit output (xoshiro128**). */
  next32(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r;
  }

  /** A double in (0, 1): (k + ½)/2^53 for a uniform 53-bit k (never 0, never 1). */
  uniform(): number {
    const hi = this.next32() >>> 5; // 27 bits
    const lo = this.next32() >>> 6; // 26 bits
    return (hi * 67108864 + lo + 0.5) / 9007199254740992;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

const LN2_HI = 0.693147180369123816490; // ln 2 to 32 bits: k·LN2_HI is exact for |k| < 2^21
const LN2_LO = 1.90821492927058770002e-10;
const SQRT2 = Math.SQRT2;
const view = new DataView(new ArrayBuffer(8));

/**
 * ln x for x > 0, with + − × ÷ only (the same bits everywhere). x = 2^k·m with m in
 * [√½, √2), then ln m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.172, by its series to
 * s²³ (the next term is below 1e-18 of the sum). Within 2 ulps.
 */
export function detLog(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return x;
  let k = 0;
  if (x < 2 ** -1022) {
    x *= 2 ** 54;
    k = -54;
  }
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  k += ((hi >>> 20) & 0x7ff) - 1023;
  view.setUint32(0, (hi & 0x800fffff) | 0x3ff00000); // exponent 0: m in [1, 2)
  let m = view.getFloat64(0);
  if (m > SQRT2) {
    m /= 2;
    k++;
  }
  const s = (m - 1) / (m + 1);
  const z = s * s;
  let p = 1 / 23;
  for (let n = 21; n >= 3; n -= 2) p = p * z + 1 / n;
  const lnm = 2 * s + 2 * s * z * p;
  return k * LN2_HI + (k * LN2_LO + lnm);
}

/**
 * eˣ with + − × ÷ only: x = k·ln 2 + r, |r| ≤ ½ln 2, e^r by its Taylor series to r¹⁸,
 * times 2^k in two exact steps. Within 2 ulps; 0 and ∞ past the range.
 */
export function detExp(x: number): number {
  if (x !== x) return x;
  if (x > 709.8) return Infinity;
  if (x < -745.2) return 0;
  const k = Math.round(x / Math.LN2);
  const r = x - k * LN2_HI - k * LN2_LO;
  let p = 1;
  for (let n = 18; n >= 1; n--) p = 1 + (p * r) / n;
  const k1 = Math.trunc(k / 2);
  return p * pow2(k1) * pow2(k - k1);
}

/** 2^k for whole k in [−1022, 1023], from its bits (exact, whatever the engine's pow). */
function pow2(k: number): number {
  view.setUint32(0, (k + 1023) << 20);
  view.setUint32(4, 0);
  return view.getFloat64(0);
}
