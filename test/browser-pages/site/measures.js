// The seed example's measures, computed the same way in the page, its workers and the
// test process (Node), so their results can be compared number for number.
export const P = [0.1, 0.4, 0.5];
export const Q = [0.8, 0.15, 0.05];

export function measures(m) {
  return {
    backend: m.backend(),
    kl: m.klDivergence(P, Q, { base: 2 }),
    klReverse: m.klDivergence(Q, P, { base: 2 }),
    jsDistance: m.jsDistance(P, Q, { base: 2 }),
    entropy: m.entropy(new Float32Array(P)),
    crossEntropy: m.crossEntropy(P, Q),
    relEntr: Array.from(m.relEntr(P, Q)),
  };
}
