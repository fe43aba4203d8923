// Cases over many distributions at once: rowwise, pairwise, and the streaming
// accumulators (split into random chunks, sometimes across two merged accumulators).
import * as o from '../oracle.mjs';
import { corrupt, expect, expectClose } from '../check.mjs';

const BULK = ['kl', 'js', 'jsDistance', 'crossEntropy', 'totalVariation', 'hellinger', 'bhattacharyya', 'psi'];
const STREAM = ['kl', 'psi', 'entropy', 'crossEntropy', 'js', 'totalVariation', 'hellinger', 'bhattacharyya'];
/** Stream measures that need Σp and Σq up front when normalising. */
const NEED_TOTALS = new Set(['js', 'totalVariation', 'hellinger', 'bhattacharyya']);

const row = (data, i, cols) => data.subarray ? data.subarray(i * cols, (i + 1) * cols) : data.slice(i * cols, (i + 1) * cols);

function matrix(c, data, rows, cols) {
  return c.rng.chance(0.5) ? { data, rows, cols } : Array.from({ length: rows }, (_, i) => row(data, i, cols));
}

function rowwiseCase() {
  return {
    name: 'rowwise',
    threads: true,
    badKinds: ['nan', 'negative', 'mismatch', 'type'],
    async run(c) {
      const measure = c.rng.pick(BULK);
      const rows = c.rng.int(1, Math.min(64, c.n));
      const cols = Math.max(1, Math.floor(c.n / rows));
      const broadcast = c.rng.chance(0.3);
      const [P, Q] = c.inputs.many([['p', rows * cols], ['q', broadcast ? cols : rows * cols]], c.kind);
      const got = await c.lib.rowwise(measure, matrix(c, P, rows, cols), broadcast ? Q : matrix(c, Q, rows, cols), c.threaded ? { threads: 2 } : undefined);
      if (!c.check) return false;
      expect('rowwise length', got.length === rows, `${got.length}`);
      for (let i = 0; i < rows; i++) {
        const want = o.byName[measure](row(P, i, cols), broadcast ? Q : row(Q, i, cols));
        expectClose(`rowwise ${measure} ${rows}×${cols} row ${i}`, got[i], want, 1e-9, o.absTolerance(measure));
      }
      return true;
    },
    bad(c, what) {
      const rows = Math.max(2, Math.min(8, c.n)), cols = Math.max(2, Math.floor(c.n / rows));
      const [P, Q] = c.inputs.many([['p', rows * cols], ['q', rows * cols]], c.kind);
      const rowsP = Array.from({ length: rows }, (_, i) => row(P, i, cols));
      const x = corrupt(c.rng, what, rowsP[1], rowsP[1]);
      rowsP[1] = what === 'mismatch' ? x.q : x.p;
      return { call: () => c.lib.rowwise('kl', rowsP, { data: Q, rows, cols }, c.threaded ? { threads: 2 } : undefined) };
    },
  };
}

function pairwiseCase() {
  return {
    name: 'pairwise',
    threads: true,
    badKinds: ['nan', 'negative', 'mismatch', 'type'],
    async run(c) {
      // The max-size pass takes the heaviest shape whatever it draws (the same draws, so a
      // seed's calls after it are unchanged): KL on one row of n, which stages P's row and
      // Q's logs in module memory besides the inputs, its high-water mark.
      const drawn = c.rng.pick(BULK);
      const measure = c.maxPass ? 'kl' : drawn;
      const drawnRows = c.rng.int(1, Math.min(12, c.n));
      const rows = c.maxPass ? 1 : drawnRows;
      const cols = Math.max(1, Math.floor(c.n / rows));
      const self = c.rng.chance(0.5);
      const qRows = self ? rows : c.rng.int(1, rows); // Q no larger than P: at most n elements, as every input
      const [P, Q] = c.inputs.many([['p', rows * cols], ['q', qRows * cols]], c.kind);
      const got = await c.lib.pairwise(measure, matrix(c, P, rows, cols), self ? undefined : matrix(c, Q, qRows, cols), c.threaded ? { threads: 2 } : undefined);
      if (!c.check) return false;
      expect('pairwise shape', got.rows === rows && got.cols === qRows, `${got.rows}×${got.cols}`);
      for (let t = 0; t < 6; t++) {
        const i = c.rng.int(0, rows - 1), j = c.rng.int(0, qRows - 1);
        const want = o.byName[measure](row(P, i, cols), row(self ? P : Q, j, cols));
        // KL and cross-entropy go through a matrix product certified to 1e-12.
        expectClose(`pairwise ${measure} ${rows}×${qRows}×${cols} [${i},${j}]`, got.data[i * qRows + j], want, 1e-9, Math.max(1e-11, o.absTolerance(measure)));
      }
      return true;
    },
    bad(c, what) {
      const rows = Math.max(2, Math.min(8, c.n)), cols = Math.max(2, Math.floor(c.n / rows));
      const [P] = c.inputs.many([['p', rows * cols]], c.kind);
      const rowsP = Array.from({ length: rows }, (_, i) => row(P, i, cols));
      const x = corrupt(c.rng, what, rowsP[0], rowsP[0]);
      rowsP[0] = what === 'mismatch' ? x.q : x.p;
      return { call: () => c.lib.pairwise('js', rowsP, undefined, c.threaded ? { threads: 2 } : undefined) };
    },
  };
}

const part = (x, a, b) => (x.subarray ? x.subarray(a, b) : x.slice(a, b));

/** Cut points splitting n into 1 … 6 chunks (empty chunks allowed). */
function cuts(c, n) {
  const k = c.rng.int(0, 5);
  return [0, ...Array.from({ length: k }, () => c.rng.int(0, n)).sort((a, b) => a - b), n];
}

function accumulatorCase() {
  return {
    name: 'accumulator',
    badKinds: ['nan', 'negative', 'mismatch', 'type'],
    indexed: true,
    run(c) {
      const measure = c.rng.pick(STREAM);
      const [p, q] = c.inputs.many([['p', c.n], ['q', c.n]], c.kind);
      const opts = {};
      if (NEED_TOTALS.has(measure) || c.rng.chance(0.3)) {
        let sp = 0, sq = 0;
        for (let i = 0; i < c.n; i++) { sp += p[i]; sq += q[i]; }
        opts.totals = measure === 'entropy' ? sp : [sp, sq];
      }
      const accs = [c.lib.createAccumulator(measure, opts)];
      if (c.rng.chance(0.3)) accs.push(c.lib.createAccumulator(measure, opts));
      const at = cuts(c, c.n);
      for (let k = 0; k + 1 < at.length; k++) {
        const acc = accs[k % accs.length];
        const [a, b] = [at[k], at[k + 1]];
        if (measure === 'entropy') acc.update(part(p, a, b));
        else acc.update(part(p, a, b), part(q, a, b));
      }
      if (accs.length === 2) accs[0].merge(accs[1]);
      const got = accs[0].result();
      if (!c.check) return false;
      const want = measure === 'entropy' ? o.entropy(p) : o.byName[measure](p, q);
      expectClose(`accumulator ${measure} n=${c.n} chunks ${at.length - 1}`, got, want, 1e-9, o.absTolerance(measure));
      return true;
    },
    bad(c, what) {
      const [p, q] = c.inputs.many([['p', c.n], ['q', c.n]], c.kind);
      const x = corrupt(c.rng, what, p, q);
      return { index: x.index, argument: 'p', call: () => c.lib.createAccumulator('kl').update(x.p, x.q).result() };
    },
  };
}

export const bulkCases = [rowwiseCase(), pairwiseCase(), accumulatorCase()];
