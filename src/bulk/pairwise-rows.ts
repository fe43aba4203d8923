// Rows [from, to) of the pairwise matrix: what one thread computes. KL and cross-entropy
// run as one matrix product (Σ p̂·log p̂ − Σ p̂·log q̂, each row's logs taken once), with
// the pairs the product cannot certify sent to the careful pass; the other measures go
// pair by pair through the kernels, one row of P against every row of Q per call.
import { Pass, Slot } from '../../assembly/modes.js';
import { CHUNK } from '../engine/chunk.js';
import { engineFor } from '../engine/registry.js';
import { alongRows, blockOfPairs, type Engine, type PairsJob } from '../engine/seam.js';
import { SLOTS, Sums } from '../engine/sums.js';
import { entropy } from '../measures/entropy.js';
import { kl } from '../measures/kl.js';
import type { Measure } from '../measures/measure.js';
import { pairsNats } from '../measures/pairs.js';
import { natsOf } from '../measures/settle.js';
import { inScale } from '../measures/scaled.js';
import { EPS } from '../numeric/certify.js';
import { logRatio } from '../numeric/ratio.js';
import { sumOf } from '../numeric/sum.js';
import { explainInvalid, type Resolved } from '../validate.js';
import { row, rowNames, slice, type Rows } from './matrix.js';


/**
 * Rows [from, to) of the matrix (Q undefined: P against itself, and for a symmetric
 * measure only j ≥ i). Row names in errors are global.
 */
export function pairwiseRows(m: Measure, P: Rows, Q: Rows | undefined, o: Resolved, from: number, to: number): Float64Array {
  const self = Q === undefined;
  const Qm = Q ?? P;
  const qName = self ? 'P' : 'Q';
  const engine = engineFor(P.cols);
  const Pr = slice(P, from, to);
  return m.name === 'kl' || m.name === 'crossEntropy'
    ? byProduct(m, engine, Pr, Qm, o, from, qName)
    : byPairs(m, engine, Pr, Qm, o, self && m.symmetric ? from : undefined, from, qName);
}

/** The Sums pass over every row of m (against itself): each row's total and flags. */
function rowSums(engine: Engine, m: Rows): Float64Array {
  return engine.pairs(Pass.Sums, alongRows(m, m, 0, m.rows));
}

/** Pairs per pairsNats call of byPairs: blocks of ~0.75 MB, however long the rows. */
const PAIRS_PER_CALL = 4096;

/**
 * Pair by pair, for the measures whose plan starts with the totals (JS, total variation):
 * each row's totals once, then blocks of rows of P against the rows of Q (firstRow + i…
 * for the upper triangle) per kernel call, the pairs the kernels cannot settle through
 * the single-pair path.
 */
function byPairs(m: Measure, engine: Engine, P: Rows, Q: Rows, o: Resolved, firstRow: number | undefined, offset: number, qName: string): Float64Array {
  const n = Q.rows;
  const data = new Float64Array(P.rows * n).fill(NaN);
  if (P.cols <= CHUNK) {
    const pSums = rowSums(engine, P);
    const qSums = rowSums(engine, Q);
    const step = Math.max(1, Math.floor(PAIRS_PER_CALL / n));
    for (let i0 = 0; i0 < P.rows; i0 += step) {
      const job = blockOfPairs(P, i0, Math.min(P.rows, i0 + step), Q, firstRow);
      const nats = pairsNats(m, engine, job, o, pairTotals(pSums, qSums, job));
      for (let t = 0; t < nats.length; t++) data[job.pRows[t]! * n + job.qRows[t]!] = nats[t]!;
    }
  }
  for (let i = 0; i < P.rows; i++) {
    for (let j = firstRow === undefined ? 0 : firstRow + i; j < n; j++) {
      const at = i * n + j;
      if (Number.isNaN(data[at])) data[at] = natsOf(m, engine, row(P, i), row(Q, j), o, rowNames(offset + i, j, qName));
      data[at] = m.finish(data[at]!, o);
    }
  }
  return data;
}

/**
 * The Sums pass blocks of the pairs of `job`, from the rows' own: a pair's A is its P
 * row's total and its B its Q row's, exactly as its own pass would sum them (the kernels
 * sum each input alone), and it is flagged where either row is.
 */
function pairTotals(pSums: Float64Array, qSums: Float64Array, job: PairsJob): Float64Array {
  const { pRows, qRows } = job;
  const out = new Float64Array(pRows.length * SLOTS);
  for (let t = 0; t < pRows.length; t++) {
    const at = t * SLOTS;
    const p = pRows[t]! * SLOTS;
    const q = qRows[t]! * SLOTS;
    out[at + Slot.A_HI] = pSums[p + Slot.A_HI]!;
    out[at + Slot.A_LO] = pSums[p + Slot.A_LO]!;
    out[at + Slot.B_HI] = qSums[q + Slot.B_HI]!;
    out[at + Slot.B_LO] = qSums[q + Slot.B_LO]!;
    out[at + Slot.NEGATIVE] = pSums[p + Slot.NEGATIVE]! || qSums[q + Slot.NEGATIVE]!;
  }
  return out;
}

/** A product's error is within ~48 ε of Σ p̂·(|log p̂| + |log q̂|) (compensated blocks). */
const PRODUCT_ERROR = 48 * EPS;
/** Keep a product's KL only above this multiple of its bound: 1e-12 relative. */
const PRODUCT_CERTIFY = 1e12;

function byProduct(m: Measure, engine: Engine, P: Rows, Q: Rows, o: Resolved, offset: number, qName: string): Float64Array {
  const { rows: np, cols: k } = P;
  const nq = Q.rows;
  const norm = o.normalize;
  // Per row of P: its sum, and Σ p̂·log p̂ as −H (normalised) or Σ a·log a and its
  // scale Σ|a·log a| (raw). Each row is validated here, under its own name.
  const A = new Float64Array(np);
  const X = new Float64Array(np);
  const Xabs = new Float64Array(np);
  const xlogx = norm ? undefined : engine.pairs(Pass.FastXlogx, alongRows(P, P, 0, np));
  for (let i = 0; i < np; i++) {
    const p = row(P, i);
    const names = rowNames(offset + i, offset + i, qName);
    if (norm) {
      X[i] = -natsOf(entropy, engine, p, p, o, names);
    } else {
      const s = new Sums(xlogx!, i * SLOTS);
      if (s.negative || !Number.isFinite(s.A)) explainInvalid(p, names[0], false);
      X[i] = s.S;
      Xabs[i] = s.bound;
    }
    A[i] = sumOf(p)[0];
  }
  // Rows on scales the product cannot take (totals outside [2^-200, 2^200], overflowing
  // sums) are left to the single-pair path, which scales them (src/measures/scaled.ts).
  const pOk = Array.from(A, (a, i) => (norm ? a !== 0 && inScale(a) : Number.isFinite(a) && Number.isFinite(X[i]!) && Number.isFinite(Xabs[i]!)));
  // Per row of Q: log q̂ (or log q raw), 0 where q = 0 (those positions listed), and the
  // largest |log|.
  const logQ = new Float64Array(nq * k);
  const zeros: number[][] = [];
  const maxLog = new Float64Array(nq);
  const qOk: boolean[] = [];
  for (let j = 0; j < nq; j++) {
    const q = row(Q, j);
    const B = norm ? sumOf(q)[0] : 1;
    qOk.push(B !== 0 && inScale(B));
    // A bad entry, or a zero sum to normalise, is named here (explainInvalid throws).
    if (norm && B === 0) explainInvalid(q, `${qName}[${j}]`, norm);
    const z: number[] = [];
    for (let c = 0; c < k; c++) {
      const b = q[c]!;
      if (b === 0) z.push(c);
      else if (!(b > 0 && b < Infinity)) explainInvalid(q, `${qName}[${j}]`, norm);
      else {
        const L = norm ? logRatio(b, B) : Math.log(b);
        logQ[j * k + c] = L;
        maxLog[j] = Math.max(maxLog[j]!, Math.abs(L));
      }
    }
    zeros.push(z);
  }
  const cross = new Float64Array(np * nq);
  engine.dotRows(P.data, np, logQ, nq, k, cross);

  const data = new Float64Array(np * nq).fill(NaN);
  const uncertain: number[] = [];
  for (let i = 0; i < np; i++) {
    const p = row(P, i);
    for (let j = 0; j < nq; j++) {
      const at = i * nq + j;
      if (zeros[j]!.some((c) => p[c]! > 0)) {
        data[at] = Infinity; // P[i] has mass where Q[j] has none
        continue;
      }
      if (!pOk[i] || !qOk[j]) continue;
      // −Σ p̂·log q̂ (all terms ≥ 0 normalised) or −Σ a·log b (raw).
      const ce = norm ? -cross[at]! / A[i]! : -cross[at]!;
      const scale = norm ? maxLog[j]! : A[i]! * maxLog[j]!;
      if (m.name === 'crossEntropy') {
        // Normalised, every term −p̂·log q̂ is ≥ 0, but the product carries ~48ε of
        // max|log q̂| (and the rows' totals their rounding): kept above that, else the
        // single-pair path, which is exact.
        const bound = PRODUCT_ERROR * (norm ? scale + 1 : scale + A[i]!);
        if (Math.abs(ce) > PRODUCT_CERTIFY * bound) data[at] = ce;
        continue;
      }
      const v = X[i]! + ce;
      const err = PRODUCT_ERROR * (norm ? -X[i]! + scale : Xabs[i]! + scale);
      if (Math.abs(v) > PRODUCT_CERTIFY * err) data[at] = v;
      else uncertain.push(at);
    }
  }
  // KL where the product cannot certify itself (nearly identical rows): the careful pass.
  if (uncertain.length && m.name === 'kl' && k <= CHUNK) {
    const job: PairsJob = {
      P,
      Q,
      pRows: Int32Array.from(uncertain, (at) => Math.floor(at / nq)),
      qRows: Int32Array.from(uncertain, (at) => at % nq),
    };
    const nats = pairsNats(kl, engine, job, o);
    uncertain.forEach((at, u) => (data[at] = nats[u]!));
  }
  for (let at = 0; at < data.length; at++) {
    if (Number.isNaN(data[at])) {
      const i = Math.floor(at / nq);
      const j = at % nq;
      data[at] = natsOf(m, engine, row(P, i), row(Q, j), o, rowNames(offset + i, j, qName));
    }
    data[at] = m.finish(data[at]!, o);
  }
  return data;
}
