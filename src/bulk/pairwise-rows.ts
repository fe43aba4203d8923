// The pairwise matrix, a block of rows at a time: what one thread computes.
import { activeBackend, type RowBlock } from '../backend.js';
import { EPS } from '../certify.js';
import { entropy, klDivergence } from '../divergences.js';
import { logRatio } from '../js/ratio.js';
import { sumOf } from '../js/sum.js';
import type { Options } from '../types.js';
import { explainInvalid, resolveOptions } from '../validate.js';
import { forRows, row, slice, type Rows } from './matrix.js';
import { measureOf, type Measure } from './measures.js';

/**
 * Rows [from, to) of the pairwise matrix (Q undefined: P against itself, and for a
 * symmetric measure only j ≥ i). What one thread computes; row names in errors are global.
 */
export function pairwiseRows(
  measure: Measure,
  P: Rows,
  Q: Rows | undefined,
  opts: Options | undefined,
  from: number,
  to: number,
): Float64Array {
  const def = measureOf(measure);
  const self = Q === undefined;
  const Qm = Q ?? P;
  const qName = self ? 'P' : 'Q';
  const { normalize } = resolveOptions(opts);
  const Pr = slice(P, from, to);
  if ((measure === 'kl' || measure === 'crossEntropy') && normalize) {
    return byProduct(measure, Pr, Qm, qName, opts, from);
  }
  if (measure === 'js' || measure === 'jsDistance') {
    return jsByRows(measure, Pr, Qm, self ? from : undefined, qName, opts, from);
  }
  const upper = self && def.symmetric;
  const n = Qm.rows;
  const data = new Float64Array(Pr.rows * n);
  for (let i = 0; i < Pr.rows; i++) {
    for (let j = upper ? from + i : 0; j < n; j++) {
      data[i * n + j] = forRows(from + i, j, () => def.pair(row(Pr, i), row(Qm, j), opts), qName);
    }
  }
  return data;
}

/** A product's error is within ~48 ε of Σ p̂·(|log p̂| + |log q̂|) (compensated blocks). */
const PRODUCT_ERROR = 48 * EPS;
/** Keep a product's KL only above this multiple of its bound: 1e-12 relative. */
const PRODUCT_CERTIFY = 1e12;

function byProduct(
  measure: 'kl' | 'crossEntropy',
  P: Rows,
  Q: Rows,
  qName: string,
  opts: Options | undefined,
  offset: number,
): Float64Array {
  const { logBase } = resolveOptions(opts);
  const { rows: np, cols: k } = P;
  const nq = Q.rows;
  // Per row of P: its sum and entropy (which also validates it).
  const A = new Float64Array(np);
  const H = new Float64Array(np);
  for (let i = 0; i < np; i++) {
    H[i] = forRows(offset + i, 0, () => entropy(row(P, i)), qName);
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
  return data;
}

/** Every row validated once, with its sum: what the per-pair kernels then rely on. */
function rowBlock(m: Rows, name: string, normalize: boolean, offset: number): RowBlock {
  const sums: [number, number][] = [];
  for (let i = 0; i < m.rows; i++) {
    const r = row(m, i);
    forRows(offset + i, offset + i, () => explainInvalid(r, name === 'P' ? 'p' : 'q', normalize), name);
    sums.push(sumOf(r));
  }
  return { data: m.data, rows: m.rows, cols: m.cols, sums };
}

function jsByRows(
  measure: 'js' | 'jsDistance',
  P: Rows,
  Q: Rows,
  firstRow: number | undefined,
  qName: string,
  opts: Options | undefined,
  offset: number,
): Float64Array {
  const { logBase, normalize } = resolveOptions(opts);
  const Pb = rowBlock(P, 'P', normalize, offset);
  const Qb = rowBlock(Q, qName, normalize, 0);
  const data = new Float64Array(P.rows * Q.rows);
  activeBackend().jsRows(Pb, Qb, normalize, firstRow, data);
  const n = Q.rows;
  for (let i = 0; i < P.rows; i++) {
    for (let j = firstRow === undefined ? 0 : firstRow + i; j < n; j++) {
      const d = data[i * n + j]! / logBase;
      data[i * n + j] = measure === 'js' ? d : Math.sqrt(d);
    }
  }
  return data;
}
