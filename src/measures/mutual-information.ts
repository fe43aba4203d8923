import type { Matrix } from '../types.js';
import { diffOfProducts, productError } from '../numeric/exact.js';
import { CERTIFY, EPS } from '../numeric/certify.js';
import { h } from '../numeric/series.js';

// I(X;Y) over the whole double range. Every quantity is carried as a mantissa and a power
// of two: row i's sums in units of 2^a[i], column j's in 2^b[j], the total in 2^g, each
// power taken from the largest entry it sums (within ±1000), so no sum overflows and none
// is subnormal. Scaling by a power of two is exact wherever the result stays normal; an
// entry that lands below 2^-1022 in some unit is far below that sum's last bit, and its
// rounding is counted in the sum's error bound.
//
// The marginals are summed in three words and kept as double-doubles with an error bound
// (0 when the double-double is exact: integer tables, most float tables). Then:
// 1. A fast pass, Σ p·log(p/(a·b)), certified by its own rounding-error bound (which
//    covers the rounding of the marginals to doubles); cells below 2^-440 of the total
//    are left out and bounded instead.
// 2. Otherwise the careful form Σ q·h(t), q = r·c/N², t = (n·N − r·c)/(r·c). n·N − r·c is
//    exact (to an ulp) from diffOfProducts where the sums are exact doubles; else it comes
//    from the double-doubles with an error bound, and is recomputed with big integers
//    (every double is an integer times 2^-1074) only in the cells that bound leaves open:
//    exactly rank-1 tables whose sums a double-double cannot hold, and the like. Far from
//    independence (n·N/(r·c) outside (1/4, 4)) the kl_div form p·log(n·N/(r·c)) − p + q.
//    Every term is ≥ 0 and carries 2^1000, so terms that matter for a subnormal result
//    are still normal; the sum is scaled back once.

const U = 2 ** -53;
const MIN_NORMAL = 2 ** -1022;
/** The careful terms carry 2^SIGMA (each term ≤ I ≤ log min(rows, cols)). */
const SIGMA = 1000;
/** Exponents of the units of the sums are kept within ±LIMIT, so 2^±LIMIT are doubles. */
const LIMIT = 1000;
/** The fast pass leaves out cells with p = n/N below this... */
const TINY_P = 2 ** -440;
/** ...and bounds each one's |p·log(p/(a·b))| by this (|log| ≤ 3·2118·ln 2 < 2^13). */
const TINY_TERM = 2 ** -427;
/** A computed n·N − r·c is kept when it exceeds its error bound this many times. */
const SETTLED = 2 ** 46;

/** POW2[k + 1074] = 2^k, exactly, for k in [-1074, 1023]. */
const POW2 = (() => {
  const p = new Float64Array(2098);
  p[1074] = 1;
  for (let k = 1; k <= 1023; k++) p[1074 + k] = p[1073 + k]! * 2;
  for (let k = 1; k <= 1074; k++) p[1074 - k] = p[1075 - k]! / 2;
  return p;
})();

/** x·2^k; exact wherever the result is normal (several steps when 2^k is not a double). */
function ldexp(x: number, k: number): number {
  while (k > 1023) {
    x *= POW2[2097]!;
    k -= 1023;
  }
  while (k < -1022) {
    if (x === 0) return 0;
    x *= POW2[52]!; // 2^-1022
    k += 1022;
  }
  return x * POW2[k + 1074]!;
}

const VIEW = new DataView(new ArrayBuffer(8));

/** floor(log2 x) for a positive finite double, exactly. */
function exponent(x: number): number {
  VIEW.setFloat64(0, x);
  const E = VIEW.getUint32(0) >>> 20; // the sign bit is 0
  if (E > 0) return E - 1023;
  let e = Math.floor(Math.log2(x)); // subnormal: correct Math.log2 by the table
  if (POW2[e + 1074]! > x) e--;
  else if (POW2[e + 1075]! <= x) e++;
  return e;
}

const clampExp = (e: number): number => (e > LIMIT ? LIMIT : e < -LIMIT ? -LIMIT : e);

/**
 * n sums of nonnegative values, each in three words (hi, mid, lo) in one array, at
 * v[k], v[n + k], v[2n + k]: hi + mid + lo is the exact sum except for the rounding of
 * lo's own additions, at most u·Σ|lo| (the bound, v[3n + k]). v[4n + k] counts the values
 * that were rounded (by at most 2^-1074 each) on their way in.
 */
class Sums {
  readonly v: Float64Array;

  constructor(readonly n: number) {
    this.v = new Float64Array(5 * n);
  }

  add(k: number, x: number): void {
    const { v, n } = this;
    const h = v[k]!;
    const s = h + x;
    const bp = s - h;
    let e = h - (s - bp) + (x - bp);
    v[k] = s;
    if (e === 0) return;
    const m = v[n + k]!;
    const s2 = m + e;
    const bp2 = s2 - m;
    e = m - (s2 - bp2) + (e - bp2);
    v[n + k] = s2;
    if (e === 0) return;
    const l = v[2 * n + k]! + e;
    v[2 * n + k] = l;
    v[3 * n + k]! += Math.abs(l);
  }

  /**
   * Sum k as a double-double, in place: v[k] + v[n + k] is then the double-double and
   * v[2n + k] its error bound (absolute; 0 when the double-double is exact).
   */
  settle(k: number): void {
    const { v, n } = this;
    const hi = v[k]!;
    const mid = v[n + k]!;
    const lo = v[2 * n + k]!;
    const s = hi + mid;
    const bp = s - hi;
    const e = hi - (s - bp) + (mid - bp);
    const t = e + lo;
    const bp2 = t - e;
    const e2 = e - (t - bp2) + (lo - bp2);
    const H = s + t;
    v[k] = H;
    v[n + k] = t - (H - s);
    v[2 * n + k] = Math.abs(e2) + 2 * U * v[3 * n + k]! + v[4 * n + k]! * POW2[0]!;
  }
}

// ---------------------------------------------------------------------------------------
// Exact n·N − r·c, with big integers, for the cells the double-double bound leaves open.

/** x = m·2^e with m a (53-bit) integer; also the exponent of x's lowest set bit. */
function parts(x: number): { m: bigint; e: number; low: number } {
  VIEW.setFloat64(0, x);
  const hi = VIEW.getUint32(0);
  const lo = VIEW.getUint32(4);
  const E = (hi >>> 20) & 0x7ff;
  const mh = E === 0 ? hi & 0xfffff : (hi & 0xfffff) | 0x100000;
  const e = E === 0 ? -1074 : E - 1075;
  const tz = lo !== 0 ? 31 - Math.clz32(lo & -lo) : 32 + (31 - Math.clz32(mh & -mh));
  return { m: (BigInt(mh) << 32n) | BigInt(lo), e, low: e + tz };
}

function bitLength(a: bigint): number {
  const s = a.toString(16);
  return (s.length - 1) * 4 + (32 - Math.clz32(parseInt(s[0]!, 16)));
}

/** a/b as a double (b > 0), within an ulp or so. */
function bigRatio(a: bigint, b: bigint): number {
  if (a === 0n) return 0;
  const neg = a < 0n;
  if (neg) a = -a;
  const s = 64 - (bitLength(a) - bitLength(b));
  const q = s >= 0 ? (a << BigInt(s)) / b : a / (b << BigInt(-s));
  const v = ldexp(Number(q), -s);
  return neg ? -v : v;
}

/** The table's entries, sums and total as integers in units of its smallest set bit. */
class ExactTable {
  private readonly n: bigint[];
  private readonly r: bigint[];
  private readonly c: bigint[];
  private readonly N: bigint;
  private readonly cols: number;

  constructor(data: ArrayLike<number>, rows: number, cols: number) {
    const len = rows * cols;
    let unit = Infinity;
    for (let k = 0; k < len; k++) {
      const x = data[k]!;
      if (x > 0) unit = Math.min(unit, parts(x).low);
    }
    this.cols = cols;
    this.n = new Array<bigint>(len);
    this.r = new Array<bigint>(rows).fill(0n);
    this.c = new Array<bigint>(cols).fill(0n);
    let N = 0n;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const x = data[i * cols + j]!;
        let v = 0n;
        if (x > 0) {
          const { m, e } = parts(x);
          v = e >= unit ? m << BigInt(e - unit) : m >> BigInt(unit - e);
        }
        this.n[i * cols + j] = v;
        this.r[i]! += v;
        this.c[j]! += v;
        N += v;
      }
    }
    this.N = N;
  }

  /** t = (n·N − r·c)/(r·c) of cell (i, j), r and c > 0. */
  t(i: number, j: number): number {
    const rc = this.r[i]! * this.c[j]!;
    return bigRatio(this.n[i * this.cols + j]! * this.N - rc, rc);
  }
}

// ---------------------------------------------------------------------------------------

/**
 * q·h(t). Near independence t is tiny, and there four terms of h's series do (series.ts's
 * seventeen are for |t| up to 0.1), taken as (q·t)·t so that q·t² does not underflow
 * before q (which carries 2^SIGMA) lifts it.
 */
function qh(q: number, t: number): number {
  if (Math.abs(t) >= 2 ** -16) return q * h(t);
  // h(t) = t²/2 − t³/6 + t⁴/12 − t⁵/20 + t⁶/30 − …: the rest is below 2^-66 relative.
  return q * t * t * (0.5 + t * (-1 / 6 + t * (1 / 12 - t / 20)));
}

/**
 * t = (x·Ñ − R·C)/(R·C) from double-double Ñ, R, C (each within its err of the exact sum),
 * or NaN where the error bound leaves D = x·Ñ − R·C unsettled and the term could still
 * show (q carries 2^SIGMA).
 */
function nearT(
  x: number, Nh: number, Nl: number, Ne: number,
  Rh: number, Rl: number, Re: number,
  Ch: number, Cl: number, Ce: number, q: number,
): number {
  const p1 = x * Nh;
  const e1 = productError(x, Nh, p1);
  const p2 = Rh * Ch;
  const e2 = productError(Rh, Ch, p2);
  const s = p1 - p2;
  const bp = s - p1;
  const se = p1 - (s - bp) + (-p2 - bp);
  const p3 = x * Nl;
  const p4 = Rh * Cl;
  const p5 = Rl * Ch;
  const rep = (x * Ne + Rh * Ce + Ch * Re + Re * Ce) * (1 + 8 * U);
  // Mostly settled already by the small parts in plain arithmetic: each is within 2u·p1
  // (p1 and p2 within a factor of 4) and their sum is off by at most 32u²·(p1 + p2).
  const DA = s + (se + e1 - e2 + (p3 - p4 - p5));
  if (Math.abs(DA) > SETTLED * (32 * U * U * (p1 + p2) + rep)) return DA / p2;
  // The small parts (each within a few u of p1) by exact additions, their errors summed
  // in sc; only then added to s, so that what rounds is relative to D itself or below
  // 256·u³·p1.
  let sc = productError(x, Nl, p3) - productError(Rh, Cl, p4) - productError(Rl, Ch, p5) - Rl * Cl;
  let sm = se + e1;
  let tb = sm - se;
  sc += se - (sm - tb) + (e1 - tb);
  let v = sm - e2;
  tb = v - sm;
  sc += sm - (v - tb) + (-e2 - tb);
  sm = v + p3;
  tb = sm - v;
  sc += v - (sm - tb) + (p3 - tb);
  v = sm - p4;
  tb = v - sm;
  sc += sm - (v - tb) + (-p4 - tb);
  sm = v - p5;
  tb = sm - v;
  sc += v - (sm - tb) + (-p5 - tb);
  const d1 = s + sm;
  const db = d1 - s;
  const D = d1 + (s - (d1 - db) + (sm - db) + sc);
  const bound = 256 * U * U * U * (p1 + p2) + rep;
  if (Math.abs(D) > SETTLED * bound) return D / p2;
  // Unsettled: exactly, unless even the largest t the bound allows leaves a term below
  // 2^-1100 (2^-100 with the 2^SIGMA it carries), which no result can show, however
  // many cells there are.
  const tMax = ((Math.abs(D) + bound) / p2) * 2;
  return q * tMax * tMax < 2 ** -100 ? D / p2 : NaN;
}

/**
 * I(X;Y) in nats = KL(joint ‖ product of marginals), for any table of finite doubles ≥ 0.
 * NaN if the table sums to 0.
 */
export function miNats({ data, rows, cols }: Matrix): number {
  // Largest entries: of each row, each column, the table; they fix the units.
  const colMax = new Float64Array(cols);
  const rowMax = new Float64Array(rows);
  let max = 0;
  for (let i = 0; i < rows; i++) {
    let m = 0;
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const n = data[base + j]!;
      if (n > m) m = n;
      if (n > colMax[j]!) colMax[j] = n;
    }
    rowMax[i] = m;
    if (m > max) max = m;
  }
  if (max === 0) return NaN;
  // One row or one column: the joint is its own product of marginals.
  if (rows === 1 || cols === 1) return 0;

  const g = clampExp(exponent(max));
  const aE = new Int32Array(rows);
  const bE = new Int32Array(cols);
  const fc = new Float64Array(cols); // 2^-b[j]
  for (let j = 0; j < cols; j++) {
    bE[j] = colMax[j]! > 0 ? clampExp(exponent(colMax[j]!)) : g;
    fc[j] = POW2[1074 - bE[j]!]!;
  }

  // Marginals, each in its own unit, in three words; the rows' then go into the total.
  const rs = new Sums(rows);
  const cs = new Sums(cols);
  const ts = new Sums(1);
  const cv = cs.v;
  const rv = rs.v;
  let totalLoss = 0; // the rows' own error bounds, in the total's unit
  for (let i = 0; i < rows; i++) {
    if (rowMax[i] === 0) {
      aE[i] = g;
      continue;
    }
    const a = clampExp(exponent(rowMax[i]!));
    aE[i] = a;
    const fr = POW2[1074 - a]!;
    const base = i * cols;
    let rh = 0;
    let rm = 0;
    let rl = 0;
    let rb = 0;
    let rlost = 0;
    for (let j = 0; j < cols; j++) {
      const n = data[base + j]!;
      if (n === 0) continue;
      const v = n * fr;
      if (v < MIN_NORMAL && v * POW2[1074 + a]! !== n) rlost++;
      let s = rh + v;
      let bp = s - rh;
      let e = rh - (s - bp) + (v - bp);
      rh = s;
      if (e !== 0) {
        s = rm + e;
        bp = s - rm;
        e = rm - (s - bp) + (e - bp);
        rm = s;
        if (e !== 0) {
          rl += e;
          rb += Math.abs(rl);
        }
      }
      const w = n * fc[j]!;
      if (w < MIN_NORMAL && w * POW2[1074 + bE[j]!]! !== n) cv[4 * cols + j]!++;
      const ch = cv[j]!;
      s = ch + w;
      bp = s - ch;
      e = ch - (s - bp) + (w - bp);
      cv[j] = s;
      if (e !== 0) {
        const cm = cv[cols + j]!;
        s = cm + e;
        bp = s - cm;
        e = cm - (s - bp) + (e - bp);
        cv[cols + j] = s;
        if (e !== 0) {
          const cl = cv[2 * cols + j]! + e;
          cv[2 * cols + j] = cl;
          cv[3 * cols + j]! += Math.abs(cl);
        }
      }
    }
    rv[i] = rh;
    rv[rows + i] = rm;
    rv[2 * rows + i] = rl;
    rv[3 * rows + i] = rb;
    rv[4 * rows + i] = rlost;
    rs.settle(i);
    // Into the total, in its unit 2^g: each word scaled (exact unless it lands below
    // 2^-1022, which then counts as lost), the row's own error bound carried along.
    const k = a - g;
    if (k === 0) {
      ts.add(0, rh);
      if (rm !== 0) ts.add(0, rm);
      if (rl !== 0) ts.add(0, rl);
      totalLoss += 2 * U * rb + rlost * POW2[0]!;
    } else {
      for (let w = 0; w < 3; w++) {
        const x = w === 0 ? rh : w === 1 ? rm : rl;
        if (x === 0) continue;
        const y = ldexp(x, k);
        if (y < MIN_NORMAL && ldexp(y, -k) !== x) ts.v[4]!++;
        ts.add(0, y);
      }
      totalLoss += ldexp(2 * U * rb + rlost * POW2[0]!, k);
    }
  }
  ts.settle(0);
  for (let j = 0; j < cols; j++) cs.settle(j);
  // Now each sum is a double-double, hi at v[k] and lo at v[n + k], within v[2n + k].
  const Nh = ts.v[0]!;
  const Nl = ts.v[1]!;
  const Ne = ts.v[2]! + totalLoss * (1 + 4 * U);

  // 1. The fast pass: p = n/N = n̂·2^(a−g)/Ñ with n̂ = n·2^-a, and
  //    log(p/(a·b)) = log((n̂/R)·W) with W = N/c = (Ñ/C)·2^(g−b).
  const W = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    const C = cv[j]!;
    const rel = C > 0 ? ldexp(C / Nh, bE[j]! - g) : 0; // c/N
    W[j] = rel >= 2 ** -445 ? ldexp(Nh / C, g - bE[j]!) : 0; // smaller columns hold only tiny cells
  }
  let S = 0;
  let Slo = 0;
  let B = 0;
  let skipped = 0;
  for (let i = 0; i < rows; i++) {
    const R = rv[i]!;
    if (R === 0) continue;
    const rel = ldexp(R / Nh, aE[i]! - g); // r/N
    if (rel < 2 ** -445) {
      skipped += cols;
      continue;
    }
    const fr = POW2[1074 - aE[i]!]!;
    const pi = ldexp(1 / Nh, aE[i]! - g);
    const iR = 1 / R;
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const n = data[base + j]!;
      if (n === 0) continue;
      const nh = n * fr;
      const p = nh * pi;
      if (p < TINY_P) {
        skipped++;
        continue;
      }
      const term = p * Math.log(nh * iR * W[j]!);
      const t = S + term;
      Slo += Math.abs(S) >= Math.abs(term) ? S - t + term : term - t + S;
      S = t;
      B += Math.abs(term);
    }
  }
  const fast = S + Slo;
  // Each term is off by p·(7.1u + 6.1u·|L|) at most: the marginals' rounding to doubles
  // (1.01u each), the reciprocals and products (3.1u in p, 7.1u in the ratio), the log
  // (2u·|L|) and p·L; then 2u·|S| from the sum. EPS is 2u.
  const err = EPS * (4 + 4 * B + Math.abs(fast)) + skipped * TINY_TERM;
  if (fast < Infinity && fast > CERTIFY * err) return fast;

  // 2. The careful form.
  const iC = new Float64Array(cols);
  for (let j = 0; j < cols; j++) iC[j] = cv[j]! > 0 ? 1 / cv[j]! : 0;
  let exact: ExactTable | undefined;
  const nSimple = Nl === 0 && Ne === 0;
  const iNN = 1 / (Nh * Nh);
  const pShift = SIGMA - g;
  let sum = 0;
  let sumLo = 0;
  for (let i = 0; i < rows; i++) {
    const Rh = rv[i]!;
    if (Rh === 0) continue;
    const Rl = rv[rows + i]!;
    const Re = rv[2 * rows + i]!;
    const a = aE[i]!;
    const rowSimple = nSimple && Rl === 0 && Re === 0;
    const QR = Rh * iNN; // R/Ñ²
    const RN = Nh / Rh; // Ñ/R
    const dRow = g - a; // x = n·2^(g−a−b): n·N = x·Ñ·2^(a+b)
    const qRow = a - 2 * g + SIGMA; // q·2^SIGMA = (R·C/Ñ²)·2^(a+b−2g+SIGMA)
    const base = i * cols;
    for (let j = 0; j < cols; j++) {
      const Ch = cv[j]!;
      if (Ch === 0) continue;
      const b = bE[j]!;
      const kq = qRow + b;
      const qm = QR * Ch;
      const q = kq >= -1022 && kq <= 1023 ? qm * POW2[kq + 1074]! : ldexp(qm, kq);
      const n = data[base + j]!;
      let term: number;
      if (n === 0) {
        term = q; // the limit of p·log(p/q) − p + q at p = 0
      } else {
        const d = dRow - b;
        const x = d >= -1022 && d <= 1023 ? n * POW2[d + 1074]! : ldexp(n, d);
        const rho = x * RN * iC[j]!; // n·N/(r·c)
        if (rho > 0.25 && rho < 4 && x >= MIN_NORMAL) {
          // Near: t = (x·Ñ − R·C)/(R·C), x exact (a power-of-two scaling into the normal range).
          const Cl = cv[cols + j]!;
          const Ce = cv[2 * cols + j]!;
          let t: number;
          if (rowSimple && Cl === 0 && Ce === 0) {
            t = diffOfProducts(x, Nh, Rh, Ch) / (Rh * Ch);
          } else {
            t = nearT(x, Nh, Nl, Ne, Rh, Rl, Re, Ch, Cl, Ce, q);
            if (Number.isNaN(t)) {
              exact ??= new ExactTable(data, rows, cols);
              t = exact.t(i, j);
            }
          }
          term = qh(q, t);
        } else {
          // Far: p·log(n·N/(r·c)) − p + q, with p = n/N.
          const ps = pShift >= -1022 && pShift <= 1023 ? n * POW2[pShift + 1074]! : ldexp(n, pShift);
          const p = ps / Nh;
          let L: number;
          if (x >= MIN_NORMAL && x < Infinity && rho >= MIN_NORMAL && rho < Infinity) L = Math.log(rho);
          else L = Math.log(n) + (Math.log(RN * iC[j]!) + d * Math.LN2);
          term = p * (L - 1) + q;
          if (!(term > 0)) term = 0;
        }
      }
      const s = sum + term;
      sumLo += Math.abs(sum) >= Math.abs(term) ? sum - s + term : term - s + sum;
      sum = s;
    }
  }
  return ldexp(sum + sumLo, -SIGMA);
}
