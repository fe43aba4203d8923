// Smoothing for the drift distances: opt-in (there is none by default: the exact value,
// +∞ where due), and applied in the inputs' own units, so that bins it leaves alone keep
// every digit (a share p̂ = p/Σp is never rounded and then compared):
//   { epsilon: ε }   zero shares become ε, then renormalised (pᵢ = 0 → ε·Σp). Evidently
//                    replaces zero shares by 1e-4 without renormalising: { epsilon: 1e-4,
//                    renormalize: false } gives its numbers;
//   { floor: f }     every share at least f, then renormalised (pᵢ → max(pᵢ, f·Σp));
//   { additive: k }  k added to every count (Laplace), then normalised.
import { InputRangeError, InputTypeError } from '../errors.js';
import { sumOf } from '../numeric/sum.js';
import type { Vector } from '../types.js';
import { describe, explainInvalid, firstInvalid } from '../validate.js';

/**
 * Smoothing of zero or small shares before a drift distance (none by default): exactly
 * one rule. epsilon and floor are in (0, 1); additive is > 0.
 */
export type Smoothing =
  | {
      /** Zero shares become ε (pᵢ = 0 → ε·Σp), then the shares are renormalised. */
      epsilon: number;
      /** false: skip the renormalising (Evidently's numbers with ε = 1e-4). Default true. */
      renormalize?: boolean;
    }
  | {
      /** Every share at least f (pᵢ → max(pᵢ, f·Σp)), then renormalised. */
      floor: number;
    }
  | {
      /** k added to every count (Laplace), then normalised. */
      additive: number;
    };

/** What smoothing did, for reports: which rule, and how many bins of each side it changed. */
export interface SmoothingReport {
  /** The rule applied. */
  rule: 'epsilon' | 'floor' | 'additive';
  /** Its ε, f or k. */
  value: number;
  /** How many bins of p and of q it changed. */
  changed: [p: number, q: number];
}

const RULES = ['epsilon', 'floor', 'additive'] as const;

function ruleOf(s: unknown): { rule: (typeof RULES)[number]; value: number; renormalize: boolean } {
  if (s === null || typeof s !== 'object') {
    throw new InputTypeError(`options.smoothing must be { epsilon }, { floor } or { additive }, got ${describe(s)}`, 'options.smoothing');
  }
  const keys = Object.keys(s);
  const rules = RULES.filter((r) => r in s);
  const extra = keys.filter((k) => !(RULES as readonly string[]).includes(k) && k !== 'renormalize');
  if (rules.length !== 1 || extra.length > 0 || ('renormalize' in s && rules[0] !== 'epsilon')) {
    throw new InputTypeError(
      `options.smoothing must have exactly one of epsilon, floor, additive (renormalize goes with epsilon only), got { ${keys.join(', ')} }`,
      'options.smoothing',
    );
  }
  const rule = rules[0]!;
  const value = (s as Record<string, unknown>)[rule];
  const renormalize = (s as { renormalize?: unknown }).renormalize ?? true;
  if (typeof value !== 'number' || !(value > 0 && value < Infinity) || ((rule === 'epsilon' || rule === 'floor') && !(value < 1))) {
    throw new InputRangeError(
      `options.smoothing.${rule} is ${describe(value)}; it must be a number > 0${rule === 'additive' ? '' : ' and < 1'}`,
      `options.smoothing.${rule}`,
    );
  }
  if (typeof renormalize !== 'boolean') {
    throw new InputTypeError(`options.smoothing.renormalize must be a boolean, got ${describe(renormalize)}`, 'options.smoothing.renormalize');
  }
  return { rule, value, renormalize };
}

/**
 * The pair after smoothing, and the `normalize` the measure then applies (false only
 * for { epsilon, renormalize: false }, whose shares no longer sum to 1 on purpose).
 */
export function smooth(p: Vector, q: Vector, s: Smoothing, normalize: boolean): { p: Float64Array; q: Float64Array; normalize: boolean; report: SmoothingReport } {
  const { rule, value, renormalize } = ruleOf(s);
  const changed: [number, number] = [0, 0];
  const [sp, sq] = [p, q].map((x, k) => {
    const name = k === 0 ? 'p' : 'q';
    if (firstInvalid(x) >= 0 || (normalize && x.every((v) => v === 0))) explainInvalid(x, name, normalize);
    const total = normalize ? sumOf(x)[0] : 1;
    const out = Float64Array.from(x);
    for (let i = 0; i < out.length; i++) {
      const v = out[i]!;
      let w = v;
      if (rule === 'additive') w = v + value;
      else if (rule === 'floor') w = Math.max(v, value * total);
      else if (v === 0) w = value * (renormalize ? total : 1);
      else if (!renormalize) w = v / total;
      if (w !== v && (rule !== 'epsilon' || v === 0)) changed[k]!++;
      out[i] = w;
    }
    return out;
  }) as [Float64Array, Float64Array];
  if (rule === 'floor' && value * p.length > 1) {
    throw new InputRangeError(
      `options.smoothing.floor is ${value}; with ${p.length} bins it must be at most 1/${p.length}`,
      'options.smoothing.floor',
    );
  }
  return { p: sp, q: sq, normalize: rule === 'epsilon' && !renormalize ? false : true, report: { rule, value, changed } };
}
