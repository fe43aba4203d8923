// The fuzz input generator: the TypeScript twin of scripts/fixtures/fuzz_gen.py. Both build
// the same doubles bit for bit from a case spec (test/fuzz/README.md): every random number
// is a 32-bit xorshift draw, every random double is made from its bit pattern, and the
// only floating-point arithmetic is single IEEE operations, which round the same in both
// languages. Every stored case carries the hash of its inputs; generate.test.ts checks it.

/** One component of a mixture: [weight, kind, ...args] (kinds in test/fuzz/README.md). */
export type Component = [number, string, ...number[]];

export interface FuzzCase {
  id: string;
  family: string;
  seed: number;
  n: number;
  p: Component[];
  q?: Component[];
  near?: number;
  mul?: number;
  ulps?: number;
  zb?: number;
  zp?: number;
  zq?: number;
  set?: [string, number][];
  hash: string;
  rows?: number;
  cols?: number;
  expected: Record<string, string | string[]>;
  overflow?: string[];
}

const TWO32 = 4294967296;
const TWO31 = 2147483648;
const F32_MAX_BITS = 0x7f7fffff;

const view = new DataView(new ArrayBuffer(8));

function f64FromBits(hi: number, lo: number): number {
  view.setUint32(0, lo, true);
  view.setUint32(4, hi, true);
  return view.getFloat64(0, true);
}

function f32FromBits(bits: number): number {
  view.setUint32(0, bits, true);
  return view.getFloat32(0, true);
}

function f32Bits(x: number): number {
  view.setFloat32(0, x, true);
  return view.getUint32(0, true);
}

/** xorshift32 (shifts 13, 17, 5); the state is the seed, 1 .. 2^32 − 1. */
class Rng {
  constructor(private s: number) {
    if (!Number.isInteger(s) || s < 1 || s >= TWO32) throw new RangeError(`bad seed ${s}`);
  }

  next(): number {
    let s = this.s;
    s = (s ^ (s << 13)) >>> 0;
    s = (s ^ (s >>> 17)) >>> 0;
    s = (s ^ (s << 5)) >>> 0;
    this.s = s;
    return s;
  }

  /** floor(u·k / 2^32) for the next draw u; k ≤ 2^20, so u·k is exact. */
  below(k: number): number {
    return Math.floor((this.next() * k) / TWO32);
  }
}

function componentDrawer(comp: Component, rng: Rng): () => number {
  const kind = comp[1];
  const a = comp[2] ?? 0;
  const b = comp[3] ?? 0;
  switch (kind) {
    case 'e': // a normal double with a biased exponent in [a, b] and a random mantissa
      return () => {
        const e = a + rng.below(b - a + 1);
        const hi20 = rng.next() >>> 12;
        const lo32 = rng.next();
        return f64FromBits(e * 2 ** 20 + hi20, lo32);
      };
    case 's': // a subnormal with an `a`-bit random mantissa (0 becomes the least subnormal)
      return () => {
        const hi20 = rng.next() >>> 12;
        const lo32 = rng.next();
        let m = ((BigInt(hi20) << 32n) | BigInt(lo32)) >> BigInt(52 - a);
        if (m === 0n) m = 1n;
        return f64FromBits(Number(m >> 32n), Number(m & 0xffffffffn));
      };
    case 'z':
      return () => 0;
    case 'i': // an integer in [a, a + b)
      return () => a + rng.below(b);
    case 'u': // uniform on (0, 1]
      return () => (rng.next() + 1) / TWO32;
    case 'f': // a normal float32 with a biased exponent in [a, b]
      return () => {
        const e = a + rng.below(b - a + 1);
        return f32FromBits(((e << 23) | (rng.next() >>> 9)) >>> 0);
      };
    case 'g': // a float32 subnormal: an `a`-bit mantissa times b
      return () => {
        const m = rng.next() >>> (32 - a);
        return f32FromBits((m || 1) * b);
      };
    case 'c':
      return () => a;
    default:
      throw new Error(`unknown component kind ${kind}`);
  }
}

/** The next entry of a mixture; a selection draw is always made first. */
function mixtureDrawer(mix: Component[], rng: Rng): () => number {
  const total = mix.reduce((s, c) => s + c[0], 0);
  const fns = mix.map((c) => componentDrawer(c, rng));
  const cum: number[] = [];
  let acc = 0;
  for (const c of mix) cum.push((acc += c[0]));
  return () => {
    const r = rng.below(total);
    for (let i = 0; i < cum.length; i++) if (r < cum[i]!) return fns[i]!();
    throw new Error('unreachable');
  };
}

/** The inputs of a case spec, as scripts/fixtures/fuzz_gen.py's generate() builds them. */
export function generate(c: FuzzCase): { p: number[]; q: number[] } {
  const n = c.n;
  const rng = new Rng(c.seed);
  const drawP = mixtureDrawer(c.p, rng);
  const p = Array.from({ length: n }, drawP);
  let q: number[];
  if (c.q !== undefined) {
    const drawQ = mixtureDrawer(c.q, rng);
    q = Array.from({ length: n }, drawQ);
  } else if (c.near !== undefined) {
    const delta = c.near;
    q = p.map((x) => {
      const d = delta * ((rng.next() - TWO31) / TWO31);
      return x + x * d;
    });
    if (c.mul !== undefined) {
      const mul = c.mul;
      q = q.map((y) => y * mul);
    }
  } else if (c.ulps !== undefined) {
    const k = c.ulps;
    q = p.map((x) => {
      const bits = Math.min(Math.max(f32Bits(x) + rng.below(2 * k + 1) - k, 0), F32_MAX_BITS);
      return f32FromBits(bits);
    });
  } else {
    const drawQ = mixtureDrawer(c.p, rng);
    q = Array.from({ length: n }, drawQ);
  }
  for (const key of ['zb', 'zp', 'zq'] as const) {
    const z = c[key];
    if (z === undefined) continue;
    for (let i = 0; i < n; i++) {
      if (rng.below(1024) < z) {
        if (key !== 'zq') p[i] = 0;
        if (key !== 'zp') q[i] = 0;
      }
    }
  }
  for (const [which, value] of c.set ?? []) {
    const i = rng.below(n);
    if (which !== 'q') p[i] = value;
    if (which !== 'p') q[i] = value;
  }
  return { p, q };
}

/** First 16 hex digits of SHA-256 over the little-endian float64 bytes of p, then q. */
export async function caseHash(p: number[], q: number[]): Promise<string> {
  const bytes = new Float64Array([...p, ...q]); // little-endian on every platform we run on
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
