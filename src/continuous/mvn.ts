// The multivariate normal N(μ, Σ), through the Cholesky factor Σ = L·Lᵀ:
//   logPdf(x) = −½(d·ln 2π + ln det Σ + ‖L⁻¹(x − μ)‖²), ln det Σ = 2·Σ ln Lᵢᵢ
//   entropy() = ½·d·(1 + ln 2π) + Σ ln Lᵢᵢ                (scipy's multivariate_normal)
//   sample(n, { seed }) = μ + L·z, z standard normal        ({ data, rows: n, cols: d })
// and the closed-form KL (klBetweenNormals) in a form that does not cancel where the two
// are close. With Δ = Σ₀ − Σ₁ (differences of the inputs, exact where they are close) and
// E = L₁⁻¹·Δ·L₁⁻ᵀ, symmetric, Σ₁⁻¹Σ₀ is similar to I + E, so with λᵢ the eigenvalues of E
// (Jacobi; all > −1)
//   2·KL = tr(Σ₁⁻¹Σ₀) − d − ln det(Σ₁⁻¹Σ₀) + ‖L₁⁻¹(μ₀ − μ₁)‖² = Σᵢ g(λᵢ) + ‖L₁⁻¹(μ₀ − μ₁)‖²
// with g(λ) = λ − log1p(λ) ≥ 0: every term ≥ 0, and E is computed from Δ itself, so two
// covariances 1e-10 apart keep the KL's digits (the textbook form keeps none).
import { InputRangeError, InputTypeError } from '../errors.js';
import { asMatrix, asVector, describe } from '../validate.js';
import { g } from '../numeric/careful.js';
import { drawArgs, normalSampler } from './sample.js';
import { Rng } from './random.js';

const LN_2PI = 1.8378770664093453;

/** What the distributions over vectors share (multivariateNormal, dirichlet): samples come as rows. */
export interface OverVectors {
  /** The number of coordinates of a point. */
  readonly dim: number;
  /** Always false: these are densities. */
  readonly discrete: false;
  /**
   * ln of the density at the point x (dim coordinates); an InputRangeError for another
   * length. A Dirichlet gives −∞ off the simplex.
   */
  logPdf(x: ArrayLike<number>): number;
  /** The differential entropy, in nats (as SciPy's `entropy()`). */
  entropy(): number;
  /**
   * n draws as the rows of a matrix, the same for a seed on every platform (default
   * seed 0). An InputRangeError when n is not a whole number ≥ 0 or the seed not finite.
   */
  sample(
    n: number,
    opts?: { seed?: number },
  ): {
    /** Row-major draws: row r is draw r. */
    data: Float64Array;
    /** n. */
    rows: number;
    /** dim. */
    cols: number;
  };
}

/** A multivariate normal N(μ, Σ), from `multivariateNormal`. Frozen. */
export interface MultivariateNormal extends OverVectors {
  /** Always 'multivariateNormal'. */
  readonly family: 'multivariateNormal';
  /** μ, dim entries. */
  readonly mean: Float64Array;
  /** Σ as given (row-major, d×d). */
  readonly cov: Float64Array;
  /** Σ's lower Cholesky factor L (row-major, d×d), Σ = L·Lᵀ. */
  readonly cholesky: Float64Array;
  /** (max Lᵢᵢ/min Lᵢᵢ)²: a lower bound on Σ's condition number. */
  readonly conditionBound: number;
  /** conditionBound above 1e12: Σ is nearly singular, and its inverse (so the KL) loses that many digits. */
  readonly nearlySingular: boolean;
}

/** L with L·Lᵀ = S (row-major lower triangle), or a typed error: not symmetric, not positive definite. */
function cholesky(S: Float64Array, d: number): Float64Array {
  let scale = 0;
  for (const v of S) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.abs(S[i * d + j]! - S[j * d + i]!) > 1e-12 * scale) {
        throw new InputRangeError(`cov is not symmetric: cov[${i}][${j}] = ${S[i * d + j]} but cov[${j}][${i}] = ${S[j * d + i]}`, 'cov', i);
      }
    }
  }
  const L = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let s = S[j * d + j]!;
    for (let k = 0; k < j; k++) s -= L[j * d + k]! ** 2;
    if (!(s > 0)) throw new InputRangeError(`cov is not positive definite (its Cholesky pivot ${j} is ${s}): a covariance must be symmetric positive definite`, 'cov', j);
    const ljj = Math.sqrt(s);
    L[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let t = S[i * d + j]!;
      for (let k = 0; k < j; k++) t -= L[i * d + k]! * L[j * d + k]!;
      L[i * d + j] = t / ljj;
    }
  }
  return L;
}

/** y = L⁻¹·v (forward substitution), L lower triangular d×d. */
export function solveLower(L: Float64Array, d: number, v: ArrayLike<number>): Float64Array {
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = v[i]!;
    for (let k = 0; k < i; k++) s -= L[i * d + k]! * y[k]!;
    y[i] = s / L[i * d + i]!;
  }
  return y;
}

/**
 * N(mean, cov): mean a vector of d, cov a d×d matrix (nested arrays or { data, rows, cols }).
 * Throws an InputRangeError naming `mean` or `cov` for an empty or non-finite mean, a
 * cov of the wrong shape, not symmetric (to 1e-12 of its largest entry) or not positive
 * definite.
 * @example
 * ```ts
 * import { klBetween, multivariateNormal } from 'infodiv';
 * const a = multivariateNormal([0, 0], [[1, 0], [0, 1]]);
 * const b = multivariateNormal([1, 0], [[2, 0], [0, 1]]);
 * a.entropy(); // 2.8378770664093453
 * a.logPdf([0, 0]); // -1.8378770664093453
 * klBetween(a, b, { base: 2 }); // 0.5
 * a.sample(3, { seed: 1 }).rows; // 3
 * ```
 */
export function multivariateNormal(mean: ArrayLike<number>, cov: unknown): MultivariateNormal {
  const mu = Float64Array.from(asVector(mean, 'mean'));
  const d = mu.length;
  if (d === 0) throw new InputRangeError('mean is empty', 'mean');
  mu.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new InputRangeError(`mean[${i}] is ${v}; it must be finite`, 'mean', i);
  });
  const m = asMatrix(cov, 'cov');
  if (m.rows !== d || m.cols !== d) throw new InputRangeError(`cov is ${m.rows}×${m.cols}; mean has ${d} entries, so cov must be ${d}×${d}`, 'cov');
  const S = Float64Array.from(m.data);
  S.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new InputRangeError(`cov[${Math.floor(i / d)}][${i % d}] is ${v}; it must be finite`, 'cov', i);
  });
  const L = cholesky(S, d);
  let logDet = 0;
  let [lo, hi] = [Infinity, 0];
  for (let i = 0; i < d; i++) {
    const l = L[i * d + i]!;
    logDet += 2 * Math.log(l);
    lo = Math.min(lo, l);
    hi = Math.max(hi, l);
  }
  const conditionBound = (hi / lo) ** 2;
  return Object.freeze({
    family: 'multivariateNormal' as const,
    dim: d,
    mean: mu,
    cov: S,
    cholesky: L,
    conditionBound,
    nearlySingular: conditionBound > 1e12,
    discrete: false as const,
    logPdf(x: ArrayLike<number>) {
      const v = asVector(x, 'x');
      if (v.length !== d) throw new InputRangeError(`x has ${v.length} entries; this normal has dimension ${d}`, 'x');
      const z = solveLower(L, d, Array.from({ length: d }, (_, i) => v[i]! - mu[i]!));
      let q = 0;
      for (const t of z) q += t * t;
      return -0.5 * (d * LN_2PI + logDet + q);
    },
    entropy: () => 0.5 * d * (1 + LN_2PI) + logDet / 2,
    sample(n: number, opts?: { seed?: number }) {
      const { seed } = drawArgs(n, opts);
      const rng = new Rng(seed);
      const z = normalSampler(0, 1);
      const data = new Float64Array(n * d);
      const row = new Float64Array(d);
      for (let r = 0; r < n; r++) {
        for (let i = 0; i < d; i++) row[i] = z(rng);
        for (let i = 0; i < d; i++) {
          let s = mu[i]!;
          for (let k = 0; k <= i; k++) s += L[i * d + k]! * row[k]!;
          data[r * d + i] = s;
        }
      }
      return { data, rows: n, cols: d };
    },
  });
}

export function isMultivariateNormal(x: unknown): x is MultivariateNormal {
  return typeof x === 'object' && x !== null && (x as MultivariateNormal).family === 'multivariateNormal';
}

/** The eigenvalues of a symmetric d×d matrix (row-major, overwritten) by cyclic Jacobi rotations. */
function symmetricEigenvalues(A: Float64Array, d: number): Float64Array {
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    let all = 0;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        const v = A[i * d + j]! ** 2;
        all += v;
        if (i !== j) off += v;
      }
    }
    if (off <= 1e-36 * all || off === 0) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = A[p * d + q]!;
        if (apq === 0) continue;
        const theta = (A[q * d + q]! - A[p * d + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = A[k * d + p]!;
          const akq = A[k * d + q]!;
          A[k * d + p] = c * akp - s * akq;
          A[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = A[p * d + k]!;
          const aqk = A[q * d + k]!;
          A[p * d + k] = c * apk - s * aqk;
          A[q * d + k] = s * apk + c * aqk;
        }
      }
    }
  }
  return Float64Array.from({ length: d }, (_, i) => A[i * d + i]!);
}

/** KL(a‖b) of two multivariate normals of one dimension, in nats (the form at the top). */
export function klBetweenNormals(a: MultivariateNormal, b: MultivariateNormal): number {
  const d = a.dim;
  if (b.dim !== d) throw new InputRangeError(`the normals have dimensions ${d} and ${b.dim}`, 'b');
  const L1 = b.cholesky;
  // W = L₁⁻¹Δ column by column, then E = L₁⁻¹Wᵀ (= L₁⁻¹ΔL₁⁻ᵀ, Δ symmetric), symmetrised.
  const W = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    const col = solveLower(L1, d, Array.from({ length: d }, (_, i) => a.cov[i * d + j]! - b.cov[i * d + j]!));
    for (let i = 0; i < d; i++) W[i * d + j] = col[i]!;
  }
  const E = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    const col = solveLower(L1, d, Array.from({ length: d }, (_, k) => W[i * d + k]!));
    for (let k = 0; k < d; k++) E[k * d + i] = col[k]!;
  }
  for (let i = 0; i < d; i++) {
    for (let j = i + 1; j < d; j++) {
      const m = (E[i * d + j]! + E[j * d + i]!) / 2;
      E[i * d + j] = E[j * d + i] = m;
    }
  }
  let sum = 0;
  for (const lambda of symmetricEigenvalues(E, d)) sum += g(Math.max(lambda, -1 + 2 ** -52));
  const z = solveLower(L1, d, Array.from({ length: d }, (_, i) => a.mean[i]! - b.mean[i]!));
  for (const t of z) sum += t * t;
  return Math.max(0, sum / 2);
}

/** `x` as a d-column sample matrix ({ data, rows, cols }), for the k-NN estimators. */
export function sampleMatrix(x: unknown, name: string): { data: Float64Array; rows: number; cols: number } {
  if (typeof x !== 'object' || x === null || !('data' in x)) throw new InputTypeError(`${name} must be a 1-D sample or { data, rows, cols }, got ${describe(x)}`, name);
  const m = asMatrix(x, name);
  const data = Float64Array.from(m.data);
  data.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new InputRangeError(`${name}[${Math.floor(i / m.cols)}][${i % m.cols}] is ${v}; samples must be finite`, name, Math.floor(i / m.cols));
  });
  return { data, rows: m.rows, cols: m.cols };
}
