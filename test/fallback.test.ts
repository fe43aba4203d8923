// Where WebAssembly is missing, forbidden or lacks SIMD, a fresh import of the package
// falls back (to the scalar module, or to JS) and gives the same answers.
import { afterEach, describe, expect, it, vi } from 'vitest';

const P = [0.1, 0.4, 0.5];
const Q = [0.8, 0.15, 0.05];
// Long enough that automatic choice does not hand it to JS as a small input.
const LONG_P = Float64Array.from({ length: 1000 }, (_, i) => 1 + (i % 7));
const LONG_Q = Float64Array.from({ length: 1000 }, (_, i) => 1 + (i % 5));
const realWasm = globalThis.WebAssembly;

async function freshImport() {
  vi.resetModules();
  return import('../src/index.js');
}

/** The seed example's values from a given import, to compare across environments. */
async function answers(m: Awaited<ReturnType<typeof freshImport>>) {
  await m.ready;
  return [
    m.klDivergence(P, Q, { base: 2 }),
    m.jsDistance(P, Q, { base: 2 }),
    m.entropy(new Float32Array(P)),
    m.crossEntropy(P, Q),
    Array.from(m.relEntr(P, Q)),
    m.klDivergence(LONG_P, LONG_Q),
    m.jsDivergence(LONG_P, LONG_Q),
    m.entropy(new Float32Array(LONG_P)),
  ];
}

afterEach(() => {
  globalThis.WebAssembly = realWasm;
  vi.resetModules();
});

describe('fallback', () => {
  it('uses the SIMD module where it can', async () => {
    const m = await freshImport();
    expect(m.backend()).toBe('wasm-simd');
  });

  it('runs on JS when WebAssembly does not exist', async () => {
    const expected = await answers(await freshImport());
    // @ts-expect-error: deleting a global the types say is always there
    delete globalThis.WebAssembly;
    const m = await freshImport();
    expect(m.backend()).toBe('js');
    expectSame(await answers(m), expected);
  });

  it('runs on JS when compiling is forbidden (CSP without wasm-unsafe-eval)', async () => {
    const expected = await answers(await freshImport());
    const refuse = () => {
      throw new realWasm.CompileError('WebAssembly.Module(): Wasm code generation disallowed by embedder');
    };
    globalThis.WebAssembly = {
      ...realWasm,
      validate: realWasm.validate,
      Module: refuse as unknown as typeof WebAssembly.Module,
      compile: (() => Promise.reject(new realWasm.CompileError('disallowed'))) as typeof WebAssembly.compile,
    } as typeof WebAssembly;
    const m = await freshImport();
    expect(m.backend()).toBe('js');
    expect(() => m.setBackend('wasm-simd')).toThrow(/not available/);
    expectSame(await answers(m), expected);
  });

  it('runs the scalar module when the engine has no SIMD', async () => {
    const expected = await answers(await freshImport());
    globalThis.WebAssembly = {
      ...realWasm,
      Module: realWasm.Module,
      Instance: realWasm.Instance,
      // The modules import their memory (scripts/build-wasm.mjs); the namespace's
      // constructors are not enumerable, so the spread above leaves them out.
      Memory: realWasm.Memory,
      // An engine without SIMD fails validation of the SIMD binary.
      validate: () => false,
    } as typeof WebAssembly;
    const m = await freshImport();
    expect(m.backend()).toBe('wasm');
    expectSame(await answers(m), expected);
  });
});

describe('module memory', () => {
  it('is shared in Node, and an engine that refuses shared memory gets an ordinary one: same bits, threads still work', async () => {
    const shared = await freshImport();
    const { activeEngine } = await import('../src/engine/registry.js');
    expect(activeEngine().shared).toBeDefined();
    const n = 300_001;
    const p = Float64Array.from({ length: n }, (_, i) => 1 + ((i * 7) % 13));
    const q = Float64Array.from({ length: n }, (_, i) => 1 + ((i * 5) % 11));
    const want = shared.klDivergence(p, q);
    await shared.dispose();

    const RealMemory = realWasm.Memory;
    globalThis.WebAssembly = {
      ...realWasm,
      Module: realWasm.Module,
      Instance: realWasm.Instance,
      validate: realWasm.validate,
      Memory: function Memory(d: WebAssembly.MemoryDescriptor) {
        if (d.shared) throw new RangeError('WebAssembly.Memory(): shared memory is not supported here');
        return new RealMemory(d);
      } as unknown as typeof WebAssembly.Memory,
    } as typeof WebAssembly;
    const m = await freshImport();
    const registry = await import('../src/engine/registry.js');
    expect(m.backend()).toBe('wasm-simd');
    expect(registry.activeEngine().shared).toBeUndefined();
    expect(m.klDivergence(p, q)).toBe(want);
    expect(await m.klDivergence(p, q, { threads: 2 })).toBe(want);
    await m.dispose();
  });
});

/** Same values to 1e-14 relative (backends differ in the last bits only). */
function expectSame(got: unknown[], want: unknown[]): void {
  expect(got.length).toBe(want.length);
  got.flat().forEach((g, i) => {
    const w = want.flat()[i] as number;
    expect(Math.abs((g as number) - w)).toBeLessThanOrEqual(1e-14 * Math.abs(w));
  });
}
