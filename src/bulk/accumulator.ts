// Streaming: KL, PSI, entropy, cross-entropy (and JS divergence, total variation, Hellinger
// and Bhattacharyya, given the totals) over data that arrives in chunks or lives in shards. Every state is a set of
// pass sums (src/engine/sums.ts), so accumulators from different workers or machines
// merge by adding them, and results come from the same formulas the one-shot calls use.
import { Pass } from '../../assembly/modes.js';
import { activeEngine } from '../engine/registry.js';
import { emptySums, type Sums } from '../engine/sums.js';
import { InputRangeError } from '../errors.js';
import { entropyTerms } from '../measures/entropy.js';
import { bhattacharyyaOf, squared } from '../measures/hellinger.js';
import { totalsInRange } from '../measures/scaled.js';
import { entropyFromPass, EPS, klFromPass } from '../numeric/certify.js';
import { g, writeParams } from '../numeric/careful.js';
import { logRatio } from '../numeric/ratio.js';
import { Sum } from '../numeric/sum.js';
import type { Options, Vector } from '../types.js';
import { asVector, describe, explainInvalid, REDUCTION_KEYS, requireSameLength, resolveOptions } from '../validate.js';

/** The measures an Accumulator streams ('js' is the Jensen–Shannon divergence). */
export type StreamMeasure = 'kl' | 'psi' | 'entropy' | 'crossEntropy' | 'js' | 'totalVariation' | 'hellinger' | 'bhattacharyya';

/** The options of `createAccumulator`: a reduction's `base`, `normalize`, `precision`, and `totals`. */
export interface AccumulatorOptions extends Options {
  /**
   * Σp and Σq over all the data, when known up front. Then every chunk is summed in the
   * careful form (full precision even for nearly identical P and Q) and `result()`
   * checks the totals against the data. Required for 'js' and 'totalVariation' with
   * normalize, and for 'hellinger' and 'bhattacharyya' likewise.
   */
  totals?: [number, number] | number;
}

const MEASURES: StreamMeasure[] = ['kl', 'psi', 'entropy', 'crossEntropy', 'js', 'totalVariation', 'hellinger', 'bhattacharyya'];
/** The measures whose careful pass needs the totals up front (normalised): its ρ′ is their ratio. */
const NEEDS_TOTALS: readonly StreamMeasure[] = ['js', 'totalVariation', 'hellinger', 'bhattacharyya'];
const HELLINGER_PASS: readonly StreamMeasure[] = ['hellinger', 'bhattacharyya'];
const ACCUMULATOR_KEYS = [...REDUCTION_KEYS, 'totals'] as const;

/** What `update` takes for a measure: entropy one chunk of p, the others p and q. */
export type UpdateArgs<M extends StreamMeasure> = M extends 'entropy' ? [p: Vector] : [p: Vector, q: Vector];

/**
 * The running state of one streamed measure; `createAccumulator` makes one. Its state
 * is a set of sums, so `merge` adds shards together and `result()` equals the one-shot
 * function over all the data added, whatever the chunking.
 */
export class Accumulator<M extends StreamMeasure = StreamMeasure> {
  private readonly logBase: number;
  private readonly normalize: boolean;
  private readonly totals: [number, number] | undefined;
  /** The careful passes' parameters: ρ′ from the totals (or 1 raw), strict (no BOUND). */
  private readonly params = new Float64Array(4);
  // Sums of the passes this measure runs, merged over every chunk so far.
  private readonly fastKl = emptySums();
  private readonly fastH = emptySums();
  private readonly careful = emptySums();
  /** JS and total variation: Σp and Σq from a Sums pass (their careful passes do not sum). */
  private readonly totalsSeen = emptySums();
  /** Entropy with totals: the careful terms, computed in JS (src/measures/entropy.ts). */
  private readonly carefulH = new Sum();
  private readonly sumA = new Sum();
  /** PSI: KL(Q‖P), an accumulator of its own over the same chunks, swapped. */
  private readonly reverse: Accumulator<'kl'> | undefined;

  /**
   * An empty accumulator for `measure`. Throws an InputRangeError for an unknown
   * measure, `totals` that are not finite and > 0, or 'js', 'totalVariation',
   * 'hellinger' and 'bhattacharyya' with `normalize` and no `totals`.
   */
  constructor(
    /** The measure this accumulator computes. */
    readonly measure: M,
    opts: AccumulatorOptions = {},
  ) {
    if (!MEASURES.includes(measure)) {
      throw new InputRangeError(`measure is ${JSON.stringify(measure)}; expected one of ${MEASURES.join(', ')}`, 'measure');
    }
    const { logBase, normalize } = resolveOptions(opts, ACCUMULATOR_KEYS);
    this.logBase = measure === 'totalVariation' || measure === 'hellinger' ? 1 : logBase;
    this.normalize = normalize;
    const t = opts.totals;
    if (t !== undefined) {
      const pair: [number, number] = typeof t === 'number' ? [t, t] : Array.isArray(t) ? [t[0], t[1]] : [NaN, NaN];
      if (!pair.every((x) => typeof x === 'number' && x > 0 && x < Infinity)) {
        throw new InputRangeError(`options.totals must be a number or [Σp, Σq], finite and > 0, got ${describe(t)}`, 'options.totals');
      }
      this.totals = pair;
    }
    if (NEEDS_TOTALS.includes(measure) && normalize && !this.totals) {
      const what = { js: 'JS divergence', totalVariation: 'total variation', hellinger: 'Hellinger distance', bhattacharyya: 'Bhattacharyya distance' }[measure as string];
      throw new InputRangeError(
        `${what} cannot stream without knowing the totals (the normalised inputs need them): pass { totals: [Σp, Σq] }, or normalize: false`,
        'options.totals',
      );
    }
    if (measure === 'psi') {
      const t = this.totals;
      this.reverse = new Accumulator('kl', { ...opts, totals: t && [t[1], t[0]] });
    }
    const [tA, tB] = this.totals ?? [1, 1];
    writeParams(this.params, 0, tA, tB, !(this.totals && normalize), true);
  }

  private get twoInputs(): boolean {
    return this.measure !== 'entropy';
  }

  /** The measure the passes below run: PSI's forward half is KL (its reverse half has its own accumulator). */
  private get core(): StreamMeasure {
    return this.measure === 'psi' ? 'kl' : this.measure;
  }

  /** Does this measure's KL part run careful (totals known, or raw values)? */
  private get carefulKl(): boolean {
    return !this.normalize || this.totals !== undefined;
  }

  /** Adds one chunk: p (and q, aligned with it) of any length, even 0. */
  update(...[p, q]: UpdateArgs<M>): this {
    const pv = asVector(p, 'p');
    const qv = this.twoInputs ? asVector(q, 'q') : pv;
    if (this.twoInputs) requireSameLength(pv, qv);
    const engine = activeEngine();
    const n = pv.length;
    const run = (kind: Pass, into: Sums, params?: Float64Array) => {
      const s = engine.pass(kind, pv, qv, 0, n, params);
      if (s.negative || !s.finite) this.validate(pv, qv);
      into.merge(s);
    };
    const m = this.core;
    if (NEEDS_TOTALS.includes(m)) {
      // Their careful passes leave the totals and the sign check to a Sums pass.
      run(Pass.Sums, this.totalsSeen);
      run(m === 'js' ? Pass.CarefulJs : m === 'totalVariation' ? Pass.TotalVariation : Pass.Hellinger, this.careful, this.params);
    }
    this.reverse?.update(qv, pv);
    if (m === 'kl' || m === 'crossEntropy') {
      if (this.carefulKl) run(Pass.CarefulKl, this.careful, this.params);
      // Raw KL also keeps the plain sum Σ a·log(a/b): the careful form D + N carries every
      // b of the chunks, and where those cancel (N ≈ −D) its error is ε·Σb, not ε·Σ|term|.
      if (!this.carefulKl || !this.normalize) run(Pass.FastKl, this.fastKl);
    }
    if (m === 'entropy' || m === 'crossEntropy') {
      if (this.normalize && this.totals) {
        this.validate(pv, qv);
        for (let i = 0; i < n; i++) this.sumA.add(pv[i]!);
        this.carefulH.add(entropyTerms(pv, [this.totals[0], 0]));
      } else {
        run(Pass.FastXlogx, this.fastH);
      }
    }
    return this;
  }

  private validate(p: Vector, q: Vector): void {
    explainInvalid(p, 'p', false);
    if (this.twoInputs) explainInvalid(q, 'q', false);
  }

  /** Adds another accumulator's data (same measure and options) to this one. */
  merge(other: Accumulator<M>): this {
    if (other.measure !== this.measure || other.normalize !== this.normalize || other.logBase !== this.logBase ||
      String(other.totals) !== String(this.totals)) {
      throw new InputRangeError('can only merge accumulators of the same measure and options', 'other');
    }
    this.fastKl.merge(other.fastKl);
    this.fastH.merge(other.fastH);
    this.careful.merge(other.careful);
    this.totalsSeen.merge(other.totalsSeen);
    this.carefulH.add(other.carefulH.hi);
    this.carefulH.add(other.carefulH.lo);
    this.sumA.add(other.sumA.hi);
    this.sumA.add(other.sumA.lo);
    this.reverse?.merge(other.reverse!);
    return this;
  }

  /** Σp and Σq so far, from whichever pass saw them. */
  private sums(): [number, number] {
    const m = this.core;
    if (m === 'entropy') return [this.normalize && this.totals ? this.sumA.value : this.fastH.A, 0];
    const s = m === 'kl' || m === 'crossEntropy' ? (this.carefulKl ? this.careful : this.fastKl) : this.totalsSeen;
    return [s.A, s.B];
  }

  /** The measure over everything added so far, as the one-shot function would give it. */
  result(): number {
    const [A, B] = this.sums();
    if (this.normalize) {
      if (!(A > 0)) throw new InputRangeError('p sums to 0 over all chunks so far', 'p');
      if (this.twoInputs && !(B > 0)) throw new InputRangeError('q sums to 0 over all chunks so far', 'q');
    }
    if (this.totals && this.normalize) this.checkTotals(A, B);
    this.checkScale(A, B);
    const value = this.nats(A, B) / this.logBase;
    return this.reverse ? value + this.reverse.result() : value;
  }

  /**
   * The one-shot calls bring totals beyond [2^-200, 2^200] (or two totals further apart)
   * into range by scaling the inputs (src/measures/scaled.ts); an accumulator no longer
   * has them, and its sums would have lost digits or overflowed. It says so instead of
   * answering: multiply the data by a power of two (exact), or use the one-shot call.
   */
  private checkScale(A: number, B: number): void {
    const two = this.twoInputs;
    if (totalsInRange(A, B, two, this.normalize)) return;
    const what = two ? `Σp = ${A}, Σq = ${B}` : `Σp = ${A}`;
    throw new InputRangeError(
      `${what}: an accumulator needs totals within [2^-200, 2^200]${two && this.normalize ? ' and within 2^200 of each other' : ''}; multiply the chunks by a power of two (exact), or use the one-shot function, which scales for you`,
      'p',
    );
  }

  private checkTotals(A: number, B: number): void {
    const [tA, tB] = this.totals!;
    const off = (x: number, t: number) => Math.abs(x - t) > 1e-12 * t;
    if (off(A, tA)) throw new InputRangeError(`options.totals[0] is ${tA} but the chunks of p sum to ${A}`, 'options.totals');
    if (this.twoInputs && off(B, tB)) {
      throw new InputRangeError(`options.totals[1] is ${tB} but the chunks of q sum to ${B}`, 'options.totals');
    }
  }

  private nats(A: number, B: number): number {
    const m = this.core;
    const rho = this.params[2]!;
    const c = this.careful;
    if (HELLINGER_PASS.includes(m)) {
      // As the one-shot careful form, final: the data are gone, so no exact rung.
      if (!this.normalize) return m === 'hellinger' ? Math.sqrt(c.S / 2) : -Math.log(c.aux);
      const t = this.totalsSeen;
      return m === 'hellinger' ? Math.sqrt(squared(c, t, rho, true)!) : bhattacharyyaOf(c, t, rho, true)!;
    }
    if (m === 'js') {
      if (!this.normalize) return c.S / 4;
      // As the one-shot careful form: every chunk was summed against ρ′ = the given
      // totals' ratio, and N = Σ (a·ρ′ − b) corrects for totals that are not exact.
      const N = c.N;
      return Math.max(0, c.S / 2 - N * (N / (4 * rho * A))) / (2 * B);
    }
    if (m === 'totalVariation') {
      if (!this.normalize) return c.S / 2;
      return Math.min(1, Math.max(0, (c.S - c.N * (c.aux / A)) / (2 * B)));
    }
    const kl = () => {
      if (this.carefulKl) {
        if (c.inf > 0) return Infinity;
        if (!this.normalize) {
          // The one-shot call's choice, made on the sums: D + N where its bound is the
          // smaller, else the plain sum, within 4ε·(Σ|a·log(a/b)| + Σa) (README, "Precision").
          const f = this.fastKl;
          const carefulErr = EPS * (64 * (c.S + Math.abs(c.N)) + 4 * c.bound);
          return carefulErr <= 4 * EPS * (f.bound + f.A) ? c.S + c.N : f.S;
        }
        return Math.max(0, c.S / (rho * A) - g(-c.N / (rho * A)));
      }
      if (this.fastKl.inf > 0) return Infinity;
      // Without totals the careful form was out of reach: the fast value, certified when
      // it can be; else within a few ε of Σ p̂·|log(a/b)| + |log(B/A)|, absolute (README,
      // "Precision"), and never negative.
      const pass = this.fastKl;
      return klFromPass(pass, true) ?? Math.max(0, pass.S / A + logRatio(B, A));
    };
    const h = () => {
      if (!this.normalize) return 0 - this.fastH.S;
      if (this.totals) {
        // Normalised by Ã = A(1+α): the sum is (H + log(1+α))/(1+α), inverted here.
        const alpha = (this.totals[0] - this.sumA.hi - this.sumA.lo) / this.sumA.hi;
        return (1 + alpha) * this.carefulH.value - Math.log1p(alpha);
      }
      const pass = this.fastH;
      return entropyFromPass(pass) ?? Math.max(0, Math.log(A) - pass.S / A);
    };
    if (m === 'kl') return kl();
    if (m === 'entropy') return h();
    // Cross-entropy = H(P) + KL(P‖Q), normalised or raw (−Σ a·log b = −Σ a·log a + Σ a·log(a/b)).
    return h() + kl();
  }
}

/**
 * A streaming accumulator: `update(pChunk, qChunk)` as data arrives, `merge(other)` to
 * combine shards, `result()` for the measure so far. Same answer as the one-shot call.
 * Throws as the Accumulator constructor does.
 * @example
 * ```ts
 * import { createAccumulator } from 'infodiv';
 * const acc = createAccumulator('kl', { base: 2 });
 * acc.update([0.1, 0.4], [0.8, 0.15]); // the worked example, in two chunks
 * acc.update([0.5], [0.05]);
 * acc.result(); // 1.926979
 * // Shards merge: the same data on two accumulators.
 * const a = createAccumulator('kl', { base: 2 }).update([0.1, 0.4], [0.8, 0.15]);
 * const b = createAccumulator('kl', { base: 2 }).update([0.5], [0.05]);
 * a.merge(b).result(); // 1.926979
 * ```
 */
export function createAccumulator<M extends StreamMeasure>(measure: M, opts?: AccumulatorOptions): Accumulator<M> {
  return new Accumulator(measure, opts);
}
