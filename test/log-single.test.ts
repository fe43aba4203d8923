// The f32x4 log behind `precision: 'single'`, element by element in f32 ulps against the
// correctly rounded f32 logarithm (Math.log rounded to f32), over every normal f32 binade.
// The single-precision passes only ever call it on normal, positive, finite lanes.
import { describe, expect, it } from 'vitest';
import { setBackend } from '../src/index.js';
import { wasmEngine as wasmBackend } from '../src/engine/wasm/index.js';

/** Distance between two floats in units in the last place of the f32 `want`. */
function ulps32(got: number, want: number): number {
  const b = new Float32Array([Math.abs(want)]);
  new Uint32Array(b.buffer)[0]! += 1;
  return Math.abs(got - want) / (b[0]! - Math.abs(want));
}

describe.each(['simd', 'scalar'] as const)('f32 log on the %s module', (flavor) => {
  it('is within 1 ulp of the f32 logarithm on 1e6 normal inputs, and near 1', () => {
    setBackend('auto');
    const backend = wasmBackend(flavor)!;
    const n = 1_000_000;
    const mem = backend.mem;
    const src = mem.allocate(n * 4);
    const dst = mem.allocate(n * 4);
    try {
      const x = mem.views().f32.subarray(src / 4, src / 4 + n);
      const bits = new Uint32Array(x.buffer, x.byteOffset, n);
      let s = 777;
      const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
      // Uniform over the bit patterns of normal positive finite floats.
      for (let i = 0; i < n; i++) bits[i] = 0x00800000 + (next() % (0x7f800000 - 0x00800000));
      for (let i = 0; i < 50000; i++) x[i] = 1 + ((next() / 2 ** 32) - 0.5) * 2 ** -(i % 24);
      x.set([1, 2 ** -126, 3.4028234663852886e38, Math.SQRT1_2, Math.SQRT2, 0.5, 2], 50000);
      backend.logF32(src, dst, n);
      const y = mem.views().f32.subarray(dst / 4, dst / 4 + n);
      let worst = 0;
      let at = 0;
      for (let i = 0; i < n; i++) {
        const want = Math.fround(Math.log(x[i]!));
        const e = want === 0 ? Math.abs(y[i]!) : ulps32(y[i]!, want);
        if (e > worst) [worst, at] = [e, i];
      }
      expect(worst, `worst at log(${x[at]}) = ${y[at]}`).toBeLessThanOrEqual(1);
    } finally {
      mem.release(src, n * 4);
      mem.release(dst, n * 4);
    }
  });
});
