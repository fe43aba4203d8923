// What the fuzz suites assert, and the tally of worst errors they print.
//
// The promise: every result within 1e-12 relative of the exact value. Results below
// the normal range cannot carry 12 digits, so a few units of 2^-1074 are allowed on top.
// The raw sums whose terms have both signs (raw KL, entropy and cross-entropy) are
// ill-conditioned when the terms cancel; for them the promise is absolute, a small
// multiple of ε·Σ|term| (README, "Precision"), and `scale` carries Σ|term|.
import { expect } from 'vitest';

export const REL = 1e-12;
const TINY = 4 * 2 ** -1074;
const EPS = 2 ** -52;
/** The absolute promise of the raw sums that can cancel: RAW_ABS·ε·Σ|term|. */
export const RAW_ABS = 4;

export interface CheckOptions {
  /** Σ|term| of a raw sum that can cancel: the absolute promise is RAW_ABS·ε·scale. */
  scale?: number;
  /** An absolute error allowed on top of REL (a documented absolute promise). */
  abs?: number;
  /** The result may never be below 0. */
  nonNegative?: boolean;
  /** The relative promise, when not REL (precision: 'single'). */
  rel?: number;
  /** A typed error is an acceptable answer (a documented refusal), counted apart. */
  mayRefuse?: boolean;
}

/** A stored reference: 'throws', ±'Infinity' or the repr of a double. */
export function ref(s: string): number | 'throws' {
  return s === 'throws' ? 'throws' : Number(s);
}

interface Worst {
  rel: number;
  cases: number;
  where: string;
}

/** Failures and worst relative errors per label ("kl · wasm-simd"). */
export class Tally {
  /** Failures since the last assertClean, by label: how many, and the first few. */
  private failures = new Map<string, { count: number; first: string[] }>();
  readonly worst = new Map<string, Worst>();
  /** Typed errors where `mayRefuse` allowed them, by label. */
  readonly refused = new Map<string, number>();

  private note(label: string, rel: number, where: string): void {
    const w = this.worst.get(label) ?? { rel: 0, cases: 0, where: '' };
    w.cases++;
    if (rel > w.rel) {
      w.rel = rel;
      w.where = where;
    }
    this.worst.set(label, w);
  }

  private fail(label: string, msg: string): void {
    const f = this.failures.get(label) ?? { count: 0, first: [] };
    f.count++;
    if (f.first.length < 3) f.first.push(msg);
    this.failures.set(label, f);
  }

  /**
   * `run()` against the reference: 'throws' must throw a typed error, ±∞ and 0 must be
   * met exactly, anything else within REL (plus TINY, or RAW_ABS·ε·scale for raw sums
   * that cancel). `nonNegative`: the measure may never come out below 0.
   */
  check(label: string, where: string, run: () => number, want: number | 'throws', opts: CheckOptions = {}): void {
    let got: number;
    try {
      got = run();
    } catch (e) {
      const name = (e as Error).name;
      const typed = name === 'InputRangeError' || name === 'InputTypeError';
      if (typed && want === 'throws') return this.note(label, 0, where);
      if (typed && opts.mayRefuse) {
        this.refused.set(label, (this.refused.get(label) ?? 0) + 1);
        return;
      }
      return this.fail(label, `${where}: threw ${name}: ${(e as Error).message}; want ${want}`);
    }
    if (want === 'throws') return this.fail(label, `${where}: got ${got}, want a typed error`);
    if (opts.nonNegative && !(got >= 0)) return this.fail(label, `${where}: got ${got} < 0`);
    if (!Number.isFinite(want) || want === 0) {
      if (Object.is(got, want) || (want === 0 && Math.abs(got) <= Math.max(TINY, opts.abs ?? 0))) return this.note(label, 0, where);
      return this.fail(label, `${where}: got ${got}, want ${want}`);
    }
    const err = Math.abs(got - want);
    const rel = err / Math.abs(want);
    const allowed = (opts.rel ?? REL) * Math.abs(want) + Math.max(opts.abs ?? 0, opts.scale === undefined ? TINY : Math.max(TINY, RAW_ABS * EPS * opts.scale));
    if (!(err <= allowed)) return this.fail(label, `${where}: got ${got}, want ${want} (relative error ${rel.toExponential(2)})`);
    // Results held to an absolute promise are reported by their error against it.
    const absolute = Math.max(opts.abs ?? 0, opts.scale === undefined ? 0 : RAW_ABS * EPS * opts.scale);
    this.note(label, absolute > 0 ? Math.min(rel, err / absolute) : rel, where);
  }

  /** Fails the test with the failures since the last call (a count and examples per label). */
  assertClean(): void {
    const f = [...this.failures];
    this.failures = new Map();
    if (!f.length) return;
    const lines = f.map(([label, { count, first }]) => `${label}: ${count} failure(s)\n    ${first.join('\n    ')}`);
    expect.fail(`fuzz failures:\n${lines.join('\n')}`);
  }

  /** The worst relative error per label, as a table for the log (and the closing notes). */
  report(title: string): string {
    const rows = [...this.worst].sort(([a], [b]) => a.localeCompare(b));
    const lines = rows.map(([label, w]) => {
      const refused = this.refused.get(label);
      const note = refused ? ` (${refused} refused)` : '';
      return `  ${label.padEnd(40)} ${String(w.cases).padStart(6)} cases${note}  worst ${w.rel.toExponential(2)}  ${w.where}`;
    });
    return `${title}\n${lines.join('\n')}`;
  }
}

/** Σx of doubles ≥ 0, correctly rounded: exact in units of 2^-1074 (BigInt), rounded once. */
export function exactSum(x: ArrayLike<number>): number {
  const view = new DataView(new ArrayBuffer(8));
  let total = 0n;
  for (let i = 0; i < x.length; i++) {
    view.setFloat64(0, x[i]!);
    const bits = view.getBigUint64(0);
    const e = Number(bits >> 52n);
    const m = bits & ((1n << 52n) - 1n);
    total += e === 0 ? m : (m | (1n << 52n)) << BigInt(e - 1);
  }
  const len = total.toString(2).length;
  if (len <= 60) return Number(total) * 2 ** -1074; // exact, or one subnormal rounding
  const k = len - 60;
  // 60 bits and a sticky bit round to 53 as the whole number would.
  let t = total >> BigInt(k);
  if (total & ((1n << BigInt(k)) - 1n)) t |= 1n;
  const e = k - 1074;
  return Number(t) * 2 ** Math.trunc(e / 2) * 2 ** (e - Math.trunc(e / 2));
}
