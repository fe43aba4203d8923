// Seeded sampling: the log and exp the samplers use (only + − × ÷, so the same bits on
// every engine) against Math's within 2 ulps; the draws' moments against each family's
// within 5 standard errors; reproducibility and typed errors.
import { describe, expect, it } from 'vitest';
import { bernoulli, beta, categorical, exponential, gamma, InputRangeError, laplace, normal, poisson, uniform, type Distribution } from '../src/index.js';
import { detExp, detLog, Rng } from '../src/continuous/random.js';

const ulps = (a: number, b: number) => Math.abs(a - b) / (Number.EPSILON * Math.max(Math.abs(b), 2 ** -1022));

describe('deterministic log and exp', () => {
  it('are within 2 ulps of Math.log and Math.exp from subnormals to the largest doubles', () => {
    const rng = new Rng(5);
    for (let i = 0; i < 20000; i++) {
      const x = 2 ** (rng.uniform() * 2090 - 1070) * (1 + rng.uniform());
      expect(ulps(detLog(x), Math.log(x)), `log ${x}`).toBeLessThanOrEqual(2);
      const y = (rng.uniform() - 0.5) * 1400;
      expect(ulps(detExp(y), Math.exp(y)), `exp ${y}`).toBeLessThanOrEqual(2);
    }
    for (const x of [1, 1 + 2 ** -52, 1 - 2 ** -53, Math.SQRT2, 2, 0.5, 5e-324, Number.MAX_VALUE]) expect(ulps(detLog(x), Math.log(x)), `log ${x}`).toBeLessThanOrEqual(2);
    expect(detLog(0)).toBe(-Infinity);
    expect(detExp(-800)).toBe(0);
    expect(detExp(800)).toBe(Infinity);
  });

  it('the generator gives doubles in (0, 1), uniform in mean and variance', () => {
    const rng = new Rng(1);
    let [s, s2] = [0, 0];
    const n = 200000;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      expect(u > 0 && u < 1).toBe(true);
      s += u;
      s2 += u * u;
    }
    expect(Math.abs(s / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(s2 / n - 1 / 3)).toBeLessThan(0.003);
  });
});

/** Mean and variance of each family, closed form. */
const CASES: [string, Distribution, number, number][] = [
  ['normal', normal(2, 3), 2, 9],
  ['exponential', exponential(0.5), 2, 4],
  ['gamma', gamma(2.5, 2), 1.25, 0.625],
  ['gamma, shape < 1', gamma(0.3, 1), 0.3, 0.3],
  ['beta', beta(2, 5), 2 / 7, 10 / (49 * 8)],
  ['uniform', uniform(-1, 3), 1, 16 / 12],
  ['laplace', laplace(1, 2), 1, 8],
  ['poisson', poisson(3.5), 3.5, 3.5],
  ['poisson, rate 2000 (in parts)', poisson(2000), 2000, 2000],
  ['bernoulli', bernoulli(0.3), 0.3, 0.21],
  ['categorical', categorical([1, 2, 0, 1]), 1.25, 1.1875],
];

describe('sample(n, { seed })', () => {
  it.each(CASES)('%s: mean and variance within 5 standard errors', (_, d, mean, variance) => {
    const n = 100000;
    const x = d.sample(n, { seed: 42 });
    const m = x.reduce((a, b) => a + b, 0) / n;
    const v = x.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1);
    expect(Math.abs(m - mean), 'mean').toBeLessThan(5 * Math.sqrt(variance / n));
    // The variance's standard error, √(2/n)·σ² for light tails; 4× for the heavier ones here.
    expect(Math.abs(v - variance), 'variance').toBeLessThan(20 * Math.sqrt(2 / n) * variance);
    for (const v of x) expect(d.logPdf(v), `${v} is in the support`).toBeGreaterThan(-Infinity);
  });

  it('is reproducible for a seed, differs between seeds, and checks its arguments', () => {
    const d = gamma(0.7, 1.3);
    expect(Array.from(d.sample(50, { seed: 9 }))).toEqual(Array.from(d.sample(50, { seed: 9 })));
    expect(Array.from(d.sample(50, { seed: 9 }))).not.toEqual(Array.from(d.sample(50, { seed: 10 })));
    expect(Array.from(normal(0, 1).sample(3))).toEqual(Array.from(normal(0, 1).sample(3, { seed: 0 })));
    expect(() => normal(0, 1).sample(-1)).toThrow(InputRangeError);
    expect(() => normal(0, 1).sample(1.5)).toThrow(/n must be a whole number/);
    expect(() => normal(0, 1).sample(2, { seed: Number.NaN })).toThrow(/options.seed/);
    expect(normal(0, 1).sample(0).length).toBe(0);
  });
});
