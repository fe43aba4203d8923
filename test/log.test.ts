// The vector log, element by element in ulps against the engine's Math.log, over the
// whole positive double range. A sum is no test of a log: a wrong constant can leave a
// plausible total 0.2% off, so every value is checked.
import { describe, expect, it } from 'vitest';
import { setBackend } from '../src/index.js';
import { wasmEngine as wasmBackend } from '../src/engine/wasm/index.js';

/** Distance between two doubles in units in the last place of `want`. */
function ulps(got: number, want: number): number {
  const b = new Float64Array([Math.abs(want)]);
  const u = new BigUint64Array(b.buffer);
  u[0]! += 1n;
  return Math.abs(got - want) / (b[0]! - Math.abs(want));
}

describe.each(['simd', 'scalar'] as const)('log on the %s module', (flavor) => {
  it('is within 1 ulp of Math.log on 1e6 inputs from 2^-1074 to 2^1023, and exact on the special values', () => {
    setBackend('auto');
    const backend = wasmBackend(flavor)!;
    expect(backend).toBeDefined();
    const n = 1_000_000;
    const mem = backend.mem;
    const src = mem.allocate(n * 8);
    const dst = mem.allocate(n * 8);
    try {
      const { f64 } = mem.views();
      const x = f64.subarray(src / 8, src / 8 + n);
      // Uniform over bit patterns: every binade, subnormals included, equally often.
      const bits = new BigUint64Array(x.buffer, x.byteOffset, n);
      let s = 12345;
      const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
      for (let i = 0; i < n; i++) bits[i] = (BigInt(next() % 0x7ff00000) << 32n) | BigInt(next());
      // Near 1, where log's relative error is hardest to keep.
      for (let i = 0; i < 20000; i++) x[i] = 1 + ((next() / 2 ** 32) - 0.5) * 2 ** -(i % 50);
      const specials = [0, -0, Infinity, NaN, -1, -Infinity, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 1];
      x.set(specials, 20000);
      backend.logF64(src, dst, n);
      const y = mem.views().f64.subarray(dst / 8, dst / 8 + n);
      let worst = 0;
      for (let i = 0; i < n; i++) {
        const want = Math.log(x[i]!);
        if (!Number.isFinite(want)) {
          expect(y[i], `log(${x[i]})`).toBe(want);
          continue;
        }
        worst = Math.max(worst, ulps(y[i]!, want));
      }
      expect(worst).toBeLessThanOrEqual(1);
    } finally {
      mem.release(src, n * 8);
      mem.release(dst, n * 8);
    }
  });
});
