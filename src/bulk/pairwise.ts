import { activeBackend, type RowBlock } from '../backend.js';
import { EPS } from '../certify.js';
import { entropy, klDivergence } from '../divergences.js';
import { logRatio } from '../js/ratio.js';
import { sumOf } from '../js/sum.js';
import type { Options } from '../types.js';
import { explainInvalid, resolveOptions } from '../validate.js';
import { asRows, forRows, requireSameCols, row, type Matrix, type Rows, type Vector } from './matrix.js';
import { measureOf, type Measure } from './measures.js';

export interface PairwiseResult {
  /** Row-major: data[i·cols + j] = measure(P[i], Q[j]). */
  data: Float64Array;
  rows: number;
  cols: number;
}

/**
 * measure(P[i], Q[j]) for every pair of rows, like SciPy's `cdist`; with Q omitted, P
 * against itself, each symmetric pair computed once. KL and cross-entropy (normalised)
 * run as one matrix product: KL(Pi‖Qj) = Σ p̂·log p̂ − Σ p̂·log q̂, with each row's logs
 * taken once; pairs the product cannot certify to 1e-12 are summed directly.
 * @example pairwise('jsDistance', histograms, undefined, { base: 2 }) // distance matrix
 */
export function pairwise(
  measure: Measure,
  P: Matrix | Vector[],
  Q?: Matrix | Vector[],
  opts?: Options,
): PairwiseResult {
  const def = measureOf(measure);
  const Pm = asRows(P, 'P');
  const self = Q === undefined;
  const Qm = self ? Pm : asRows(Q, 'Q');
  const qName = self ? 'P' : 'Q';
  requireSameCols(Pm, Qm);
  const { normalize } = resolveOptions(opts);
  if ((measure === 'kl' || measure === 'crossEntropy') && normalize) {
    return byProduct(measure, Pm, Qm, qName, opts);
  }
  if (measure === 'js' || measure === 'jsDistance') {
    return jsByRows(measure, Pm, Qm, self, qName, opts);
  }
  const data = new Float64Array(Pm.rows * Qm.rows);
  for (let i = 0; i < Pm.rows; i++) {
    for (let j = self && def.symmetric ? i : 0; j < Qm.rows; j++) {
      const v = forRows(i, j, () => def.pair(row(Pm, i), row(Qm, j), opts), qName);
      data[i * Qm.rows + j] = v;
      if (self && def.symmetric) data[j * Qm.rows + i] = v;
    }
  }
  return { data, rows: Pm.rows, cols: Qm.rows };
}

/** A product's error is within ~48 ε of Σ p̂·(|log p̂| + |log q̂|) (compensated blocks). */
const PRODUCT_ERROR = 48 * EPS;
/** Keep a product's KL only above this multiple of its bound: 1e-12 relative. */
const PRODUCT_CERTIFY = 1e12;

function byProduct(measure: 'kl' | 'crossEntropy', P: Rows, Q: Rows, qName: string, opts?: Options): PairwiseResult {
  const { logBase } = resolveOptions(opts);
  const { rows: np, cols: k } = P;
  const nq = Q.rows;
  // Per row of P: its sum and entropy (which also validates it).
  const A = new Float64Array(np);
  const H = new Float64Array(np);
  for (let i = 0; i < np; i++) {
    H[i] = forRows(i, 0, () => entropy(row(P, i)), qName);
    A[i] = sumOf(row(P, i))[0];
  }
  // Per row of Q: log q̂ (0 where q = 0, those positions listed), and max |log q̂|.
  const logQ = new Float64Array(nq * k);
  const zeros: number[][] = [];
  const maxLog = new Float64Array(nq);
  for (let j = 0; j < nq; j++) {
    const qj = row(Q, j);
    forRows(0, j, () => explainInvalid(qj, 'q', true), qName);
    const B = sumOf(qj)[0];
    const z: number[] = [];
    for (let m = 0; m < k; m++) {
      const b = qj[m]!;
      if (b === 0) z.push(m);
      else {
        const L = logRatio(b, B);
        logQ[j * k + m] = L;
        maxLog[j] = Math.max(maxLog[j]!, -L);
      }
    }
    zeros.push(z);
  }
  const cross = new Float64Array(np * nq);
  activeBackend().dotRows(P.data, np, logQ, nq, k, cross);

  const data = new Float64Array(np * nq);
  for (let i = 0; i < np; i++) {
    const pi = row(P, i);
    for (let j = 0; j < nq; j++) {
      const at = i * nq + j;
      if (zeros[j]!.some((m) => pi[m]! > 0)) {
        data[at] = Infinity; // P[i] has mass where Q[j] has none
        continue;
      }
      const crossEntropy = -cross[at]! / A[i]!; // −Σ p̂·log q̂: all terms ≥ 0
      if (measure === 'crossEntropy') {
        data[at] = crossEntropy / logBase;
        continue;
      }
      const kl = crossEntropy - H[i]!;
      const err = PRODUCT_ERROR * (H[i]! + maxLog[j]!);
      data[at] = kl > PRODUCT_CERTIFY * err ? kl / logBase : klDivergence(pi, row(Q, j), opts);
    }
  }
  return { data, rows: np, cols: nq };
}

/** Every row validated once, with its sum: what the per-pair kernels then rely on. */
function rowBlock(m: Rows, name: string, normalize: boolean): RowBlock {
  const sums: [number, number][] = [];
  for (let i = 0; i < m.rows; i++) {
    const r = row(m, i);
    forRows(i, i, () => explainInvalid(r, name === 'P' ? 'p' : 'q', normalize), name);
    sums.push(sumOf(r));
  }
  return { data: m.data, rows: m.rows, cols: m.cols, sums };
}

function jsByRows(measure: 'js' | 'jsDistance', P: Rows, Q: Rows, self: boolean, qName: string, opts?: Options): PairwiseResult {
  const { logBase, normalize } = resolveOptions(opts);
  const Pb = rowBlock(P, 'P', normalize);
  const Qb = self ? Pb : rowBlock(Q, qName, normalize);
  const data = new Float64Array(P.rows * Q.rows);
  activeBackend().jsRows(Pb, Qb, normalize, self, data);
  const n = Q.rows;
  for (let i = 0; i < P.rows; i++) {
    for (let j = self ? i : 0; j < n; j++) {
      const d = data[i * n + j]! / logBase;
      const v = measure === 'js' ? d : Math.sqrt(d);
      data[i * n + j] = v;
      if (self) data[j * n + i] = v;
    }
  }
  return { data, rows: P.rows, cols: n };
}
