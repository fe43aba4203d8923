// What a measure declares, once: its passes, how its value comes out of their sums, its
// careful form and when that is needed, its symmetry and range. src/measures/settle.ts
// runs these declarations for single-pair calls; rowwise, pairwise and the accumulators
// read the same declarations.
import type { Pass } from '../../assembly/modes.js';
import type { Engine } from '../engine/seam.js';
import type { Sums } from '../engine/sums.js';
import type { Vector } from '../types.js';
import type { Resolved } from '../validate.js';

export type MeasureName = 'kl' | 'crossEntropy' | 'entropy' | 'jsDivergence' | 'jsDistance' | 'totalVariation' | 'hellinger' | 'bhattacharyya';


/**
 * A careful pass: a second look at the data in a form that is accurate by construction,
 * run where the first pass cannot certify its own result (or always, for measures whose
 * first pass only gathers the totals).
 */
export interface CarefulPlan {
  pass: Pass;
  /**
   * The reference ratio ρ′ its pass takes (src/numeric/careful.ts, writeParams): B/A from
   * the totals of a first look at the data, or 1 for raw values.
   */
  reference: 'totals' | 'one';
  /**
   * The value in nats from the careful pass's sums (and the inputs' totals: a pass of
   * a 'careful' plan does not sum the inputs again), or undefined when its own error
   * estimate says the parameters were not good enough (then it runs once more, strict,
   * with parameters from these sums; if that declines too, `exact`, or else the strict
   * answer stands: `final`).
   */
  value(s: Sums, totals: Sums, rho: number, o: Resolved, final: boolean): number | undefined;
  /**
   * The exact form (src/measures/exact.ts) for results below what the reference ratio's
   * rounding lets the passes resolve: where even the strict rerun's `value` declines.
   */
  exact?(p: Vector, q: Vector): number;
}

export interface Plan {
  /**
   * 'adaptive': the first pass runs over every chunk; the first chunk it cannot certify
   * switches the rest (and what came before) to the careful pass.
   * 'careful': the first pass gathers the totals, for the careful pass's parameters; the
   * careful pass then runs over everything.
   * 'fast': the first pass over everything; where it cannot certify, `fallback`.
   */
  kind: 'adaptive' | 'careful' | 'fast';
  first: Pass;
  /** The value in nats from the first pass's sums if they certify it; else undefined. */
  certify?(s: Sums, o: Resolved): number | undefined;
  careful?: CarefulPlan;
  /** What a 'fast' plan runs where the first pass cannot certify (plain JS, rare). */
  fallback?(engine: Engine, p: Vector, q: Vector, o: Resolved): number;
  /**
   * `precision: 'single'`: the f32-lane pass's value where the engine has one and its
   * bound shows it within 1e-6 relative; undefined, and the double plan runs.
   */
  single?(engine: Engine, p: Vector, q: Vector, o: Resolved): number | undefined;
}

export interface Measure {
  name: MeasureName;
  inputs: 1 | 2;
  /** measure(P, Q) = measure(Q, P): a pairwise matrix of P against itself is mirrored. */
  symmetric: boolean;
  /** The smallest and largest value, normalised, in nats (bits for base 2, and so on). */
  range: readonly [number, number];
  /** +∞ where P has mass Q lacks (KL, cross-entropy). */
  infiniteOnSupport: boolean;
  /** The plan with normalisation and without. */
  plan(o: Resolved): Plan;
  /** The public value from nats: the base, and a square root for a distance. */
  finish(nats: number, o: Resolved): number;
  /**
   * Its value in nats for inputs on scales the passes cannot take, where the scaled
   * copies of scaled.ts would change it (the Bhattacharyya coefficient can consist of
   * exactly the entries a scaled copy flushes to zero).
   */
  unscaled?(p: Vector, q: Vector, o: Resolved): number;
  /** The option keys it takes, where they differ from a reduction's (base, normalize, precision). */
  optionKeys?: readonly string[];
}

/** Values in nats become values in the requested base. */
export const inBase = (nats: number, o: Resolved): number => nats / o.logBase;
