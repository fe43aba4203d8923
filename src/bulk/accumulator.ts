// Streaming: KL, entropy, cross-entropy (and JS divergence, given the totals) over data
// that arrives in chunks or lives in shards. Every state is a set of compensated sums,
// so accumulators from different workers or machines merge by adding them.
import { activeBackend, type PassSums } from '../backend.js';
import { entropyFromPass, klFromPass } from '../certify.js';
import { InputRangeError } from '../errors.js';
import { entropyNats, entropyTerms } from '../js/entropy.js';
import { jsNats, jsNormalizedCareful } from '../js/jensen-shannon.js';
import { klNormalizedCareful, klRawCareful } from '../js/kl.js';
import { logRatio } from '../js/ratio.js';
import { Sum } from '../js/sum.js';
import type { Options, Vector } from '../types.js';
import { asVector, explainInvalid, REDUCTION_KEYS, requireSameLength, resolveOptions } from '../validate.js';

export type StreamMeasure = 'kl' | 'entropy' | 'crossEntropy' | 'js';

export interface AccumulatorOptions extends Options {
  /**
   * Σp and Σq over all the data, when known up front. Then every chunk is summed in the
   * careful form (full precision even for nearly identical P and Q) and `result()`
   * checks the totals against the data. Required for 'js' with normalize.
   */
  totals?: [number, number] | number;
}

const MEASURES: StreamMeasure[] = ['kl', 'entropy', 'crossEntropy', 'js'];
const ACCUMULATOR_KEYS = [...REDUCTION_KEYS, 'totals'] as const;

/** What `update` takes for a measure: entropy one chunk of p, the others p and q. */
export type UpdateArgs<M extends StreamMeasure> = M extends 'entropy' ? [p: Vector] : [p: Vector, q: Vector];

function add(s: Sum, [hi, lo]: [number, number]): void {
  s.add(hi);
  s.add(lo);
}

/** x − log1p(x), with its series where the two nearly cancel. */
function g(x: number): number {
  if (Math.abs(x) < 1e-4) return x * x * (0.5 - x / 3 + (x * x) / 4);
  return x - Math.log1p(x);
}

export class Accumulator<M extends StreamMeasure = StreamMeasure> {
  private readonly logBase: number;
  private readonly normalize: boolean;
  private readonly totals: [number, number] | undefined;
  // Fast-pass sums: Σ a·log(a/b) (kl), Σ a·log a (h), Σa, Σb.
  private readonly kl = new Sum();
  private readonly h = new Sum();
  private readonly A = new Sum();
  private readonly B = new Sum();
  private klBound = 0;
  private hBound = 0;
  private infinite = false;
  // Careful-form sums (with totals, or raw values): KL, entropy, JS contributions.
  private readonly careful = new Sum();
  private readonly carefulH = new Sum();

  constructor(
    readonly measure: M,
    opts: AccumulatorOptions = {},
  ) {
    if (!MEASURES.includes(measure)) {
      throw new InputRangeError(`measure is ${JSON.stringify(measure)}; expected one of ${MEASURES.join(', ')}`, 'measure');
    }
    const { logBase, normalize } = resolveOptions(opts, ACCUMULATOR_KEYS);
    this.logBase = logBase;
    this.normalize = normalize;
    const t = opts.totals;
    if (t !== undefined) {
      const pair: [number, number] = typeof t === 'number' ? [t, t] : [t[0], t[1]];
      if (!pair.every((x) => x > 0 && x < Infinity)) {
        throw new InputRangeError(`options.totals must be finite and > 0, got ${String(t)}`, 'options.totals');
      }
      this.totals = pair;
    }
    if (measure === 'js' && normalize && !this.totals) {
      throw new InputRangeError(
        "JS divergence cannot stream without knowing the totals (M = ½(P̂ + Q̂) needs them): pass { totals: [Σp, Σq] }, or normalize: false",
        'options.totals',
      );
    }
  }

  private get twoInputs(): boolean {
    return this.measure !== 'entropy';
  }

  /** Adds one chunk: p (and q, aligned with it) of any length, even 0. */
  update(...[p, q]: UpdateArgs<M>): this {
    const pv = asVector(p, 'p');
    const qv = this.twoInputs ? asVector(q, 'q') : pv;
    if (this.twoInputs) requireSameLength(pv, qv);
    const need = this.measure !== 'js' && (this.normalize && !this.totals);
    if (need) this.fastChunk(pv, qv);
    else this.carefulChunk(pv, qv);
    return this;
  }

  private fastChunk(p: Vector, q: Vector): void {
    const backend = activeBackend();
    const passes: [PassSums, Sum, 'kl' | 'h'][] = [];
    if (this.measure !== 'entropy') passes.push([backend.fastPass('kl', p, q), this.kl, 'kl']);
    if (this.measure !== 'kl') passes.push([backend.fastPass('xlogx', p, p), this.h, 'h']);
    if (passes.some(([r]) => r.suspect)) this.validate(p, q);
    const [first] = passes[0]!;
    add(this.A, first.A);
    if (this.measure !== 'entropy') add(this.B, first.B);
    for (const [r, sum, which] of passes) {
      add(sum, r.S);
      if (which === 'kl') {
        this.klBound += r.bound;
        this.infinite ||= r.infinite;
      } else this.hBound += r.bound;
    }
  }

  private carefulChunk(p: Vector, q: Vector): void {
    this.validate(p, q);
    for (let i = 0; i < p.length; i++) {
      this.A.add(p[i]!);
      if (this.twoInputs) this.B.add(q[i]!);
    }
    const [tA, tB] = this.totals ?? [1, 1];
    const m = this.measure;
    if (m === 'js') {
      this.careful.add(this.normalize ? jsNormalizedCareful(p, q, [tA, 0], [tB, 0]) : jsNats(p, q, false));
      return;
    }
    if (m !== 'entropy') {
      for (let i = 0; i < p.length; i++) if (p[i]! > 0 && q[i] === 0) this.infinite = true;
      if (!this.infinite) {
        this.careful.add(this.normalize ? klNormalizedCareful(p, q, [tA, 0], [tB, 0]) : klRawCareful(p, q));
      }
    }
    if (m !== 'kl') this.carefulH.add(this.normalize ? entropyTerms(p, [tA, 0]) : entropyNats(p, false));
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
    for (const key of ['kl', 'h', 'A', 'B', 'careful', 'carefulH'] as const) add(this[key], [other[key].hi, other[key].lo]);
    this.klBound += other.klBound;
    this.hBound += other.hBound;
    this.infinite ||= other.infinite;
    return this;
  }

  /** The measure over everything added so far, as the one-shot function would give it. */
  result(): number {
    const A = this.A.value;
    const B = this.B.value;
    if (this.normalize) {
      if (!(A > 0)) throw new InputRangeError('p sums to 0 over all chunks so far', 'p');
      if (this.twoInputs && !(B > 0)) throw new InputRangeError('q sums to 0 over all chunks so far', 'q');
    }
    if (this.totals) this.checkTotals(A, B);
    return this.nats(A, B) / this.logBase;
  }

  /** (total − exact sum)/exact sum, with the sum's low part: tiny, and accurate. */
  private relativeOffset(sum: Sum, total: number): number {
    return (total - sum.hi - sum.lo) / sum.hi;
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
    const m = this.measure;
    if (m === 'js') return this.careful.value;
    const kl = () => {
      if (this.infinite) return Infinity;
      if (!this.normalize) return this.careful.value;
      if (this.totals) {
        // The chunks were normalised by the given totals Ã = A(1+α), B̃ = B(1+β); the
        // careful sum is then D = (KL + log((1+β)/(1+α)))/(1+α) − 1/(1+α) + 1/(1+β),
        // which inverts exactly to KL = (1+α)·D − g(ρ − 1), g(x) = x − log1p(x),
        // ρ = (1+α)/(1+β). Without it, totals off by η cost ~η² of absolute error.
        const alpha = this.relativeOffset(this.A, this.totals[0]);
        const beta = this.relativeOffset(this.B, this.totals[1]);
        return (1 + alpha) * this.careful.value - g((alpha - beta) / (1 + beta));
      }
      // Without totals the careful form was out of reach: the fast value, certified when
      // it can be; below ~1e-3 nats it carries ~1e-16 absolute error (see README).
      const pass = { S: this.kl.value, A, B, bound: this.klBound };
      return klFromPass(pass, true) ?? pass.S / A + logRatio(B, A);
    };
    const h = () => {
      if (!this.normalize) return this.carefulH.value;
      if (this.totals) {
        // Normalised by Ã = A(1+α): the sum is (H + log(1+α))/(1+α), inverted here.
        const alpha = this.relativeOffset(this.A, this.totals[0]);
        return (1 + alpha) * this.carefulH.value - Math.log1p(alpha);
      }
      const pass = { S: this.h.value, A, B: A, bound: this.hBound };
      return entropyFromPass(pass) ?? Math.log(A) - pass.S / A;
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
 * @example
 * const acc = createAccumulator('kl', { base: 2 });
 * for (const [p, q] of chunks) acc.update(p, q);
 * acc.result();
 */
export function createAccumulator<M extends StreamMeasure>(measure: M, opts?: AccumulatorOptions): Accumulator<M> {
  return new Accumulator(measure, opts);
}
