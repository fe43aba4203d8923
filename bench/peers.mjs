// The JavaScript peers the library is timed against: the naive loops of bench/baselines.mjs,
// ml-distance, and mathjs (Node only: run.mjs hands it in, the page never loads it).
import { distance } from 'ml-distance';
import * as naive from './baselines.mjs';

/**
 * A private copy of a self-contained function. V8 keeps type feedback per function, so
 * one loop fed Float64Array and Float32Array alike turns polymorphic and slows down;
 * a copy per input type gives the naive loops their best case, as a user's loop, which
 * sees one type, would have.
 */
function copyOf(f) {
  return new Function(`return (${f.toString()})`)();
}

const copies = new Map();
function naiveFor(f, dtype) {
  const key = `${f.name}:${dtype}`;
  if (!copies.has(key)) copies.set(key, copyOf(f));
  return copies.get(key);
}

/**
 * The peers of each measure. `call(args, dtype, size)` returns a function of no arguments that
 * computes the answer on the case's inputs (`args` as bench/cases.mjs makes them);
 * `normalize` says whether the peer divides its inputs by their sums, which picks the
 * reference its answer is checked against.
 */
export function peersOf(measure, { mathjs } = {}) {
  const loop = (f, pick) => ({ normalize: false, call: (a, dtype) => pick(naiveFor(f, dtype), a) });
  const byMeasure = {
    kl: {
      naive: loop(naive.naiveKl, (f, { p, q }) => () => f(p, q)),
      'ml-distance': { normalize: false, call: ({ p, q }) => () => distance.kullbackLeibler(p, q) },
      // mathjs takes plain arrays (its typed-function layer rejects typed arrays): they
      // are made once per size, outside the timing.
      mathjs: mathjs && { normalize: true, call: (_, __, { plain }) => () => mathjs.kldivergence(plain.p, plain.q) },
    },
    entropy: { naive: loop(naive.naiveEntropy, (f, { p }) => () => f(p)) },
    log: { naive: loop(naive.naiveLogSum, (f, { p }) => () => f(p)) },
    crossEntropy: { naive: loop(naive.naiveCrossEntropy, (f, { p, q }) => () => f(p, q)) },
    js: {
      naive: loop(naive.naiveJs, (f, { p, q }) => () => f(p, q)),
      // ml-distance's jensenShannon is the divergence in nats (not the distance).
      'ml-distance': { normalize: false, call: ({ p, q }) => () => distance.jensenShannon(p, q) },
    },
    jsDistance: { naive: loop(naive.naiveJsDistance, (f, { p, q }) => () => f(p, q)) },
    relEntr: { naive: loop(naive.naiveRelEntr, (f, { p, q, out }) => () => f(p, q, out)) },
    mi: { naive: loop(naive.naiveMi, (f, { joint }) => () => f(joint.data, joint.rows, joint.cols)) },
    'rowwise-kl': { naive: loop(naive.naiveRowwiseKl, (f, { P, Q }) => () => f(P.data, Q.data, P.rows, P.cols)) },
    'rowwise-js': { naive: loop(naive.naiveRowwiseJs, (f, { P, Q }) => () => f(P.data, Q.data, P.rows, P.cols)) },
    'pairwise-kl': {
      naive: loop(naive.naivePairwiseKl, (f, { P, Q }) => () => f(P.data, P.rows, Q.data, Q.rows, P.cols)),
    },
    'pairwise-jsDistance': {
      naive: loop(naive.naivePairwiseJsDistance, (f, { P, Q }) => () => f(P.data, P.rows, Q.data, Q.rows, P.cols)),
    },
    'pairwise-crossEntropy': {
      naive: loop(naive.naivePairwiseCrossEntropy, (f, { P, Q }) => () => f(P.data, P.rows, Q.data, Q.rows, P.cols)),
    },
    histogram: {
      naive: loop(naive.naiveHistogram, (f, { values, bins }) => () => f(values, bins, 0, 1)),
    },
    totalVariation: { naive: { ...loop(naive.naiveTotalVariation, (f, { p, q }) => () => f(p, q)), normalize: true } },
    'rowwise-totalVariation': {
      naive: { ...loop(naive.naiveRowwiseTotalVariation, (f, { P, Q }) => () => f(P.data, Q.data, P.rows, P.cols)), normalize: true },
    },
  };
  return byMeasure[measure] ?? {};
}
