// The Dirichlet distribution over the (K − 1)-simplex, with concentrations αᵢ > 0:
//   logPdf(x) = Σ (αᵢ − 1)·ln xᵢ − ln B(α),  ln B(α) = Σ ln Γ(αᵢ) − ln Γ(α₀), α₀ = Σ αᵢ
//   entropy() = ln B(α) + (α₀ − K)·ψ(α₀) − Σ (αᵢ − 1)·ψ(αᵢ)      (SciPy's dirichlet)
//   sample(n, { seed }) = normalised Gamma(αᵢ) draws, { data, rows: n, cols: K }
// and the closed-form KL as Σᵢ D(αᵢ, βᵢ) − D(α₀, β₀), D(x, y) = lnΓ(y) − lnΓ(x) − (y − x)ψ(x)
// (numeric/polygamma.ts sums each D as its series where x and y are close).
import { InputRangeError } from '../errors.js';
import { lnGamma } from '../numeric/gamma.js';
import { digamma, lnGammaRemainder } from '../numeric/polygamma.js';
import { Sum } from '../numeric/sum.js';
import { asVector, describe } from '../validate.js';
import type { OverVectors } from './mvn.js';
import { Rng } from './random.js';
import { drawArgs, gammaSampler } from './sample.js';

/** A Dirichlet distribution over the simplex, from `dirichlet`. Frozen. */
export interface Dirichlet extends OverVectors {
  /** Always 'dirichlet'. */
  readonly family: 'dirichlet';
  /** The concentrations αᵢ, dim of them. */
  readonly alpha: Float64Array;
}

/**
 * The Dirichlet distribution with concentrations `alpha` (at least 2, each finite and
 * > 0, else an InputRangeError naming `alpha` and the index). Its points are
 * probability vectors; `logPdf` is −∞ off the simplex.
 * @example
 * ```ts
 * import { dirichlet, klBetween } from 'infodiv';
 * const flat = dirichlet([1, 1, 1]);
 * flat.entropy(); // -0.6931471805599453
 * flat.logPdf([0.2, 0.3, 0.5]); // 0.6931471805599453
 * klBetween(flat, dirichlet([2, 2, 2])); // 0.4056554377779
 * ```
 */
export function dirichlet(alpha: ArrayLike<number>): Dirichlet {
  const a = Float64Array.from(asVector(alpha, 'alpha'));
  if (a.length < 2) throw new InputRangeError(`alpha has ${a.length} entries; a Dirichlet needs at least 2`, 'alpha');
  a.forEach((v, i) => {
    if (!(v > 0 && v < Infinity)) throw new InputRangeError(`alpha[${i}] is ${v}; concentrations must be finite and > 0`, 'alpha', i);
  });
  const K = a.length;
  const a0 = a.reduce((s, v) => s + v, 0);
  const lnB = a.reduce((s, v) => s + lnGamma(v), 0) - lnGamma(a0);
  return Object.freeze({
    family: 'dirichlet' as const,
    alpha: a,
    dim: K,
    discrete: false as const,
    logPdf(x: ArrayLike<number>) {
      const v = asVector(x, 'x');
      if (v.length !== K) throw new InputRangeError(`x has ${v.length} entries; this Dirichlet has ${K}`, 'x');
      let total = 0;
      for (let i = 0; i < K; i++) {
        if (!(v[i]! >= 0)) return -Infinity;
        total += v[i]!;
      }
      if (Math.abs(total - 1) > 1e-12) return -Infinity;
      const s = new Sum();
      for (let i = 0; i < K; i++) s.add((a[i]! - 1) * Math.log(v[i]!));
      return s.value - lnB;
    },
    entropy() {
      const s = new Sum();
      s.add(lnB);
      s.add((a0 - K) * digamma(a0));
      for (const v of a) s.add(-(v - 1) * digamma(v));
      return s.value;
    },
    sample(n: number, opts?: { seed?: number }) {
      const { seed } = drawArgs(n, opts);
      const rng = new Rng(seed);
      const gammas = Array.from(a, (v) => gammaSampler(v, 1));
      const data = new Float64Array(n * K);
      for (let r = 0; r < n; r++) {
        let t = 0;
        for (let i = 0; i < K; i++) t += data[r * K + i] = gammas[i]!(rng);
        for (let i = 0; i < K; i++) data[r * K + i]! /= t;
      }
      return { data, rows: n, cols: K };
    },
  });
}

export function isDirichlet(x: unknown): x is Dirichlet {
  return typeof x === 'object' && x !== null && (x as Dirichlet).family === 'dirichlet';
}

/** KL(Dir(α)‖Dir(β)) in nats. */
export function klBetweenDirichlets(p: Dirichlet, q: Dirichlet): number {
  if (p.dim !== q.dim) throw new InputRangeError(`the Dirichlets have ${p.dim} and ${q.dim} categories`, 'b');
  const s = new Sum();
  let a0 = 0;
  let d0 = 0; // β₀ − α₀ as a sum of the differences, exact-ish where they are close
  for (let i = 0; i < p.dim; i++) {
    const [a, b] = [p.alpha[i]!, q.alpha[i]!];
    s.add(lnGammaRemainder(a, b));
    a0 += a;
    d0 += b - a;
  }
  s.add(-lnGammaRemainder(a0, a0 + d0, d0));
  return Math.max(0, s.value);
}
