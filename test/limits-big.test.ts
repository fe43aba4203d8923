// The real sizes of issue 16's limits, in Node only: runs when INFODIV_LIMITS_BIG=1
// (INFODIV_LIMITS_BIG=1 npx vitest run --project node test/limits-big.test.ts), else
// its cases are skipped. It needs about 14 GB of RAM and a few minutes on 2 cores, more
// than `npm test` or CI can give; test/limits.test.ts runs the same code paths at sizes
// any run affords. Each case prints its time and the process's peak RSS.
//
// - 3e8-element Float64Array pairs (2.4 GB each): KL, JS and entropy on wasm-simd and js,
//   with and without { threads: 2 }. Past what module memory can stage for the workers
//   (two such inputs are 4.8 GB, wasm32 holds 4 GiB), so threads must go another way.
// - a 1e6 × 1e3 Float32Array matrix (4 GB, 1e9 elements: within Node 20's 2^32-element
//   typed arrays): rowwise KL and JS against a broadcast row, threads too; pairwise KL
//   of 8 rows against all 1e6 (log Q is 8 GB of f64, past 4 GiB: dotRows takes it in blocks).
// - the same matrix as Float64Array (8 GB): rowwise KL.
// References: inputs are made of whole periods (or rows of a few patterns), so each
// answer is the period's (pattern's) measure, computed here by hand.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dispose, entropy, jsDivergence, klDivergence, pairwise, rowwise, setBackend } from '../src/index.js';
import { assumeCores } from '../src/threads/pool.js';
import { expectClose } from './helpers.js';

const BIG = process.env.INFODIV_LIMITS_BIG === '1';
const TWO = { threads: 2 } as const;
const MINUTES = 60_000;

afterEach(() => {
  setBackend('auto');
  assumeCores(undefined);
});
afterAll(() => dispose());

/** Runs `body`, printing how long it took and the process's peak RSS so far. */
async function timed<T>(label: string, body: () => T | Promise<T>): Promise<T> {
  const t = performance.now();
  const out = await body();
  const s = (performance.now() - t) / 1000;
  console.log(`${label}: ${s.toFixed(2)} s, peak RSS ${(process.resourceUsage().maxRSS / 2 ** 20).toFixed(2)} GiB`);
  return out;
}

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

function byHand(a: ArrayLike<number>, b: ArrayLike<number>): { kl: number; js: number; h: number } {
  const A = sum(a);
  const B = sum(b);
  let kl = 0;
  let js = 0;
  let h = 0;
  for (let i = 0; i < a.length; i++) {
    const p = a[i]! / A;
    const q = b[i]! / B;
    const m = (p + q) / 2;
    kl += p * Math.log(p / q);
    js += (p * Math.log(p / m) + q * Math.log(q / m)) / 2;
    h -= p * Math.log(p);
  }
  return { kl, js, h };
}

describe.runIf(BIG)('3e8-element inputs (2.4 GB each as Float64Array)', () => {
  const n = 3e8;
  const A = [1, 2, 3, 4, 5, 6, 7, 8];
  const B = [8, 7, 6, 5, 4, 3, 2, 1];
  const want = byHand(A, B);
  let p: Float64Array | undefined;
  let q: Float64Array | undefined;
  // The next cases need the memory: the inputs, and the shared copies threads keep.
  afterAll(async () => {
    p = q = undefined;
    await dispose();
  });

  const inputs = (): [Float64Array, Float64Array] => [p!, q!];

  it('fill', async () => {
    await timed('fill two 3e8 Float64Arrays', () => {
      p = new Float64Array(n);
      q = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        p[i] = A[i & 7]!;
        q[i] = B[i & 7]!;
      }
    });
  }, 5 * MINUTES);

  it.each(['wasm-simd', 'js'] as const)('on %s: KL, JS and entropy are the period\'s, with and without threads', async (name) => {
    const [p, q] = inputs();
    setBackend(name);
    assumeCores(2);
    expectClose(await timed(`${name} klDivergence`, () => klDivergence(p, q)), want.kl, 1e-12);
    expectClose(await timed(`${name} jsDivergence`, () => jsDivergence(p, q)), want.js, 1e-12);
    // Entropy grows with the support: H of the whole is the period's plus ln(periods).
    expectClose(await timed(`${name} entropy`, () => entropy(p)), want.h + Math.log(n / 8), 1e-12);
    expectClose(await timed(`${name} klDivergence threads 2`, () => klDivergence(p, q, TWO)), want.kl, 1e-12);
    expectClose(await timed(`${name} jsDivergence threads 2`, () => jsDivergence(p, q, TWO)), want.js, 1e-12);
  }, 20 * MINUTES);
});

describe.runIf(BIG)('1e6 × 1e3 matrices', () => {
  const rows = 1e6;
  const cols = 1e3;
  // Row i is pattern i % 4; the broadcast row is `base`.
  const patterns = Array.from({ length: 4 }, (_, r) => Float64Array.from({ length: cols }, (_, c) => 1 + ((c * (r + 3)) % 17)));
  const base = Float64Array.from({ length: cols }, (_, c) => 1 + (c % 13));
  const refs = patterns.map((a) => byHand(a, base));
  const cross = patterns.map((a) => patterns.map((b) => byHand(a, b).kl));

  function matrix(Type: Float32ArrayConstructor | Float64ArrayConstructor): Float32Array | Float64Array {
    const data = new Type(rows * cols);
    for (let i = 0; i < rows; i++) data.set(patterns[i & 3]!, i * cols);
    return data;
  }

  function expectRows(out: Float64Array, measure: 'kl' | 'js'): void {
    expect(out.length).toBe(rows);
    for (let r = 0; r < 4; r++) expectClose(out[r]!, refs[r]![measure], 1e-12, 0, `row ${r}`);
    // Every row equals its pattern's row, bit for bit (the same kernel on the same values).
    for (let i = 4; i < rows; i++) if (out[i] !== out[i & 3]) expect.fail(`row ${i}: ${out[i]} vs ${out[i & 3]}`);
  }

  it('Float32Array (4 GB): rowwise KL and JS, rowwise with threads, pairwise KL of 8 rows against all 1e6', async () => {
    setBackend('wasm-simd');
    assumeCores(2);
    const data = await timed('fill a 1e6 × 1e3 Float32Array', () => matrix(Float32Array));
    const P = { data, rows, cols };
    expectRows(await timed('rowwise kl f32', () => rowwise('kl', P, base)), 'kl');
    expectRows(await timed('rowwise js f32', () => rowwise('js', P, base)), 'js');
    expectRows(await timed('rowwise kl f32 threads 2', () => rowwise('kl', P, base, TWO)), 'kl');
    const few = { data: data.subarray(0, 8 * cols), rows: 8, cols };
    const pw = await timed('pairwise kl 8 × 1e6 f32', () => pairwise('kl', few, P));
    expect([pw.rows, pw.cols]).toEqual([8, rows]);
    for (let i = 0; i < 8; i++) {
      for (const j of [0, 1, 2, 3, 999_996, 999_999]) expectClose(pw.data[i * rows + j]!, cross[i & 3]![j & 3]!, 1e-12, 1e-15, `(${i}, ${j})`);
    }
  }, 30 * MINUTES);

  it('Float64Array (8 GB): rowwise KL', async () => {
    setBackend('wasm-simd');
    const data = await timed('fill a 1e6 × 1e3 Float64Array', () => matrix(Float64Array));
    expectRows(await timed('rowwise kl f64', () => rowwise('kl', { data, rows, cols }, base)), 'kl');
  }, 30 * MINUTES);
});
