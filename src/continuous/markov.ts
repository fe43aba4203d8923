// Markov chains given by row-stochastic transition matrices:
//   klRate(P, Q)   = Σᵢ πᵢ·KL(Pᵢ‖Qᵢ), the KL divergence rate of the chain P from Q
//   entropyRate(P) = Σᵢ πᵢ·H(Pᵢ)
// with π the stationary distribution of P, computed (or given). π comes from the
// Grassmann–Taksar–Heyman elimination, which only adds and divides numbers ≥ 0 and so
// keeps tiny stationary masses accurate; it needs one closed class. Periodic chains are
// fine (π exists and is unique; the rate is the long-run average). States outside the
// closed class (transient, or unreachable from it) get π = 0 and do not count. A chain
// with two or more closed classes has no unique π: that is an error, unless π is given.
import { entropy, klDivergence } from '../divergences.js';
import { InputRangeError, InputTypeError } from '../errors.js';
import { Sum } from '../numeric/sum.js';
import type { Matrix } from '../types.js';
import { asMatrix, asVector, describe, requireKnownKeys, resolveOptions } from '../validate.js';

/** The options of `klRate` and `entropyRate`. */
export interface ChainOptions {
  /** The stationary distribution of P, when known (validated: π·P = π within 1e-10). */
  stationary?: ArrayLike<number>;
  /** Logarithm base: e (nats) by default, 2 for bits. */
  base?: number;
}

type Square = { data: Float64Array; n: number };

/** A square, row-stochastic matrix (rows sum to 1 within 1e-12), or a typed error naming the row. */
function chain(x: unknown, name: string): Square {
  const m = asMatrix(x, name);
  if (m.rows !== m.cols) throw new InputRangeError(`${name} is ${m.rows}×${m.cols}; a transition matrix is square`, name);
  const data = Float64Array.from(m.data);
  const n = m.rows;
  for (let i = 0; i < n; i++) {
    const s = new Sum();
    for (let j = 0; j < n; j++) {
      const v = data[i * n + j]!;
      if (!(v >= 0 && v <= 1)) throw new InputRangeError(`${name}[${i}][${j}] is ${v}; transition probabilities are in [0, 1]`, name, i);
      s.add(v);
    }
    if (Math.abs(s.value - 1) > 1e-12) throw new InputRangeError(`${name}[${i}] sums to ${s.value}; each row of a transition matrix sums to 1 (within 1e-12)`, name, i);
  }
  return { data, n };
}

/** The closed communicating classes (Tarjan's strongly connected components with no edge out). */
function closedClasses(P: Square): number[][] {
  const { data, n } = P;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const comps: number[][] = [];
  let counter = 0;
  const visit = (v: number) => {
    // Iterative Tarjan: frames of (node, next column).
    const frames: [number, number][] = [[v, 0]];
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = 1;
    while (frames.length > 0) {
      const top = frames[frames.length - 1]!;
      const [u, j] = top;
      if (j < n) {
        top[1] = j + 1;
        if (data[u * n + j]! > 0) {
          if (index[j] === -1) {
            index[j] = low[j] = counter++;
            stack.push(j);
            onStack[j] = 1;
            frames.push([j, 0]);
          } else if (onStack[j]) low[u] = Math.min(low[u]!, index[j]!);
        }
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[u]!);
      }
      if (low[u] === index[u]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== u);
        comps.push(comp);
      }
    }
  };
  for (let v = 0; v < n; v++) if (index[v] === -1) visit(v);
  return comps.filter((c) => {
    const inside = new Set(c);
    return c.every((u) => {
      for (let j = 0; j < n; j++) if (data[u * n + j]! > 0 && !inside.has(j)) return false;
      return true;
    });
  });
}

/**
 * π of an irreducible chain by Grassmann–Taksar–Heyman: states are eliminated from the
 * last, each elimination rescaling by the probability of leaving the state (a sum, never
 * 1 − the rest), then π is built back up. Every operation is on numbers ≥ 0.
 */
function gth(P: Square, states: number[]): Float64Array {
  const k = states.length;
  const a = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) a[i * k + j] = P.data[states[i]! * P.n + states[j]!]!;
  for (let m = k - 1; m > 0; m--) {
    let s = 0;
    for (let j = 0; j < m; j++) s += a[m * k + j]!;
    for (let i = 0; i < m; i++) a[i * k + m]! /= s;
    for (let i = 0; i < m; i++) {
      const aim = a[i * k + m]!;
      if (aim === 0) continue;
      for (let j = 0; j < m; j++) a[i * k + j]! += aim * a[m * k + j]!;
    }
  }
  const pi = new Float64Array(k);
  pi[0] = 1;
  for (let m = 1; m < k; m++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += pi[i]! * a[i * k + m]!;
    pi[m] = s;
  }
  const total = pi.reduce((x, y) => x + y, 0);
  return pi.map((x) => x / total);
}

/** The stationary distribution of P (unique: one closed class), or the caller's, checked. */
export function stationaryOf(P: Square, given: ArrayLike<number> | undefined, name = 'P'): Float64Array {
  if (given !== undefined) {
    const pi = Float64Array.from(asVector(given, 'options.stationary'));
    if (pi.length !== P.n) throw new InputRangeError(`options.stationary has ${pi.length} entries for ${P.n} states`, 'options.stationary');
    let total = 0;
    for (let i = 0; i < pi.length; i++) {
      if (!(pi[i]! >= 0)) throw new InputRangeError(`options.stationary[${i}] is ${pi[i]}; it must be ≥ 0`, 'options.stationary', i);
      total += pi[i]!;
    }
    if (Math.abs(total - 1) > 1e-10) throw new InputRangeError(`options.stationary sums to ${total}, not 1`, 'options.stationary');
    for (let j = 0; j < P.n; j++) {
      let s = 0;
      for (let i = 0; i < P.n; i++) s += pi[i]! * P.data[i * P.n + j]!;
      if (Math.abs(s - pi[j]!) > 1e-10) throw new InputRangeError(`options.stationary is not stationary for ${name}: (π·${name})[${j}] = ${s}, π[${j}] = ${pi[j]}`, 'options.stationary', j);
    }
    return pi;
  }
  const closed = closedClasses(P);
  if (closed.length > 1) {
    throw new InputRangeError(
      `${name} has ${closed.length} closed classes (states ${closed.map((c) => `{${c.sort((x, y) => x - y).join(', ')}}`).join(' and ')}), so no unique stationary distribution; pass options.stationary`,
      name,
    );
  }
  const states = closed[0]!.sort((x, y) => x - y);
  const pi = new Float64Array(P.n);
  gth(P, states).forEach((v, i) => (pi[states[i]!] = v));
  return pi;
}

function optionsOf(opts: unknown): ChainOptions {
  if (opts === undefined) return {};
  if (opts === null || typeof opts !== 'object') throw new InputTypeError(`options must be an object, got ${describe(opts)}`, 'options');
  requireKnownKeys(opts, ['stationary', 'base']);
  return opts as ChainOptions;
}

/**
 * The KL divergence rate Σᵢ πᵢ·KL(Pᵢ‖Qᵢ) of the chain P from the chain Q, π stationary
 * for P; +∞ where a row that P visits has a transition Q lacks. P and Q are square and
 * row-stochastic (rows sum to 1 within 1e-12), of the same size; otherwise an
 * InputRangeError naming the matrix and row.
 * @example
 * ```ts
 * import { klRate } from 'infodiv';
 * klRate([[0.9, 0.1], [0.2, 0.8]], [[0.5, 0.5], [0.5, 0.5]]); // 0.3096243904529
 * ```
 */
export function klRate(P: Matrix | readonly (readonly number[])[], Q: Matrix | readonly (readonly number[])[], opts?: ChainOptions): number {
  const o = optionsOf(opts);
  const p = chain(P, 'P');
  const q = chain(Q, 'Q');
  if (q.n !== p.n) throw new InputRangeError(`P has ${p.n} states and Q ${q.n}`, 'Q');
  const pi = stationaryOf(p, o.stationary);
  const { logBase } = resolveOptions({ base: o.base }, ['base']);
  const sum = new Sum();
  for (let i = 0; i < p.n; i++) {
    if (pi[i] === 0) continue;
    const row = (m: Square) => m.data.subarray(i * m.n, (i + 1) * m.n);
    const kl = klDivergence(row(p), row(q)) as number;
    if (kl === Infinity) return Infinity;
    sum.add(pi[i]! * kl);
  }
  return sum.value / logBase;
}

/**
 * The entropy rate Σᵢ πᵢ·H(Pᵢ) of the chain P, π its stationary distribution, in nats
 * or in `base`. P as for `klRate`.
 * @example
 * ```ts
 * import { entropyRate } from 'infodiv';
 * entropyRate([[0.9, 0.1], [0.2, 0.8]]); // 0.383522790107
 * entropyRate([[0.9, 0.1], [0.2, 0.8]], { base: 2 }); // 0.553306427355
 * ```
 */
export function entropyRate(P: Matrix | readonly (readonly number[])[], opts?: ChainOptions): number {
  const o = optionsOf(opts);
  const p = chain(P, 'P');
  const pi = stationaryOf(p, o.stationary);
  const { logBase } = resolveOptions({ base: o.base }, ['base']);
  const sum = new Sum();
  for (let i = 0; i < p.n; i++) if (pi[i]! > 0) sum.add(pi[i]! * (entropy(p.data.subarray(i * p.n, (i + 1) * p.n)) as number));
  return sum.value / logBase;
}
