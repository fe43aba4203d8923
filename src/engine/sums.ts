// What a pass returns: its accumulator block (layout in assembly/modes.ts), read through a
// view that allocates nothing per read, so that bulk code can walk thousands of pairs'
// blocks with one view. Blocks of consecutive ranges of one input merge exactly as the
// kernels' own compensated sums do.
import { Slot } from '../../assembly/modes.js';

export const SLOTS = Slot.COUNT;

/** x + y of two compensated pairs (TwoSum of the high parts, the low parts added), into f[at], f[at + 1]. */
function addPair(f: Float64Array, at: number, yh: number, yl: number): void {
  const xh = f[at]!;
  const s = xh + yh;
  const z = s - xh;
  const e = xh - (s - z) + (yh - z);
  const lo = f[at + 1]! + yl + e;
  const hi = s + lo;
  f[at] = hi;
  f[at + 1] = lo - (hi - s);
}

const PAIRS = [Slot.S_HI, Slot.A_HI, Slot.B_HI, Slot.N_HI, Slot.AUX_HI, Slot.D_HI] as const;
const COUNTS = [Slot.BOUND, Slot.INF, Slot.SPECIAL, Slot.FAR] as const;

/** The sums of one pass, over f[at … at + SLOTS): each a compensated pair, read as hi + lo. */
export class Sums {
  constructor(
    private f: Float64Array = new Float64Array(SLOTS),
    private at = 0,
  ) {}

  /** Moves this view to another block (bulk code reuses one view for every pair). */
  of(f: Float64Array, at: number): this {
    this.f = f;
    this.at = at;
    return this;
  }


  /** The pass's main sum. */
  get S(): number {
    const at = this.at + Slot.S_HI;
    return this.f[at]! + this.f[at + 1]!;
  }

  /** Σ of the first and second inputs. */
  get A(): number {
    const at = this.at + Slot.A_HI;
    return this.f[at]! + this.f[at + 1]!;
  }

  get B(): number {
    const at = this.at + Slot.B_HI;
    return this.f[at]! + this.f[at + 1]!;
  }

  /** Careful passes: Σ (a·ρ′ − b). */
  get N(): number {
    const at = this.at + Slot.N_HI;
    return this.f[at]! + this.f[at + 1]!;
  }

  /** A second sum where a pass needs one (total variation: Σ sign(a·ρ′ − b)·a). */
  get aux(): number {
    const at = this.at + Slot.AUX_HI;
    return this.f[at]! + this.f[at + 1]!;
  }

  /** The Hellinger pass: Σ t·√x (ρ′ times the derivative of S in ρ′). */
  get deriv(): number {
    const at = this.at + Slot.D_HI;
    return this.f[at]! + this.f[at + 1]!;
  }

  /** Fast passes: Σ|term|; careful passes: Σ (x + b) over near lanes given the log form. */
  get bound(): number {
    return this.f[this.at + Slot.BOUND]!;
  }

  /** Lanes a > 0 met b = 0. */
  get inf(): number {
    return this.f[this.at + Slot.INF]!;
  }

  /** Some entry had its sign bit set (negative, −0 or NaN): the caller must look. */
  get negative(): boolean {
    return this.f[this.at + Slot.NEGATIVE]! !== 0;
  }

  /** Lanes left to scalar code (a single-precision pass gives up on any). */
  get special(): number {
    return this.f[this.at + Slot.SPECIAL]!;
  }

  /** Careful passes: vector groups that took the log forms. */
  get far(): number {
    return this.f[this.at + Slot.FAR]!;
  }

  /** Are the input totals finite (no NaN or ∞ entry, no overflow)? */
  get finite(): boolean {
    return Number.isFinite(this.A) && Number.isFinite(this.B);
  }

  /** Adds the sums of `s` (the next range of the same input) into these, in place. */
  merge(s: Sums): this {
    const f = this.f, at = this.at, g = s.f, bt = s.at;
    for (const hi of PAIRS) addPair(f, at + hi, g[bt + hi]!, g[bt + hi + 1]!);
    for (const k of COUNTS) f[at + k]! += g[bt + k]!;
    if (g[bt + Slot.NEGATIVE] !== 0) f[at + Slot.NEGATIVE] = 1;
    return this;
  }

  /** Writes this block to out[at …] (bulk engines return many blocks in one array). */
  into(out: Float64Array, at: number): void {
    out.set(this.f.subarray(this.at, this.at + SLOTS), at);
  }

  /** A copy that owns its block. */
  copy(): Sums {
    return new Sums(this.f.slice(this.at, this.at + SLOTS), 0);
  }

  /** These sums with A and B taken from `totals` (passes that do not sum the inputs). */
  withTotals(totals: Sums): Sums {
    const c = this.copy();
    for (const hi of [Slot.A_HI, Slot.B_HI]) {
      c.f[hi] = totals.f[totals.at + hi]!;
      c.f[hi + 1] = totals.f[totals.at + hi + 1]!;
    }
    return c;
  }
}

/** Sums of nothing (what merging starts from). */
export function emptySums(): Sums {
  return new Sums();
}
