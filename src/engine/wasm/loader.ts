// Turns the inlined binaries into instances. Node compiles synchronously the first time
// a kernel is wanted; browsers refuse large synchronous compiles on the main thread, so
// there `init()` compiles asynchronously and the JS backend answers until it is done.
// Anything that goes wrong (no WebAssembly, compiling forbidden by CSP, no SIMD) leaves
// the flavour unavailable and the next backend in line answers.
import { SCALAR_WASM, SIMD_WASM } from './binaries.js';

export type Flavor = 'simd' | 'scalar';

const BASE64: Record<Flavor, string> = { simd: SIMD_WASM, scalar: SCALAR_WASM };
const modules: Partial<Record<Flavor, WebAssembly.Instance>> = {};
const failures: Partial<Record<Flavor, unknown>> = {};

function decode(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function hasWebAssembly(): boolean {
  return typeof WebAssembly === 'object' && WebAssembly !== null && typeof WebAssembly.Module === 'function';
}

/** Engines without SIMD reject the SIMD binary at validation: that is the feature test. */
function usable(flavor: Flavor, bytes: Uint8Array<ArrayBuffer>): boolean {
  return flavor === 'scalar' || WebAssembly.validate(bytes);
}

const isNode =
  typeof process === 'object' && process !== null && typeof process.versions?.node === 'string';

/** The instance of one flavour, compiling it synchronously where that is allowed. */
export function instanceOf(flavor: Flavor): WebAssembly.Instance | undefined {
  if (modules[flavor] || failures[flavor] !== undefined || !isNode) return modules[flavor];
  try {
    if (!hasWebAssembly()) throw new Error('WebAssembly is not available');
    const bytes = decode(BASE64[flavor]);
    if (!usable(flavor, bytes)) throw new Error(`this engine cannot run the ${flavor} module`);
    modules[flavor] = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  } catch (e) {
    failures[flavor] = e; // CompileError, EvalError under CSP, missing SIMD: fall back
  }
  return modules[flavor];
}

let pending: Promise<void> | undefined;

/**
 * Compiles the WebAssembly kernels asynchronously; resolves (never rejects) once they
 * are ready or known to be unavailable. Created once and shared by every caller. Not
 * needed in Node, where the kernels are ready at import; in browsers call it (or await
 * `ready`) to make sure the fast path is in place before timing anything.
 */
export function init(): Promise<void> {
  pending ??= Promise.all(
    (['simd', 'scalar'] as const).map(async (flavor) => {
      if (modules[flavor] || failures[flavor] !== undefined) return;
      try {
        if (!hasWebAssembly()) throw new Error('WebAssembly is not available');
        const bytes = decode(BASE64[flavor]);
        if (!usable(flavor, bytes)) throw new Error(`this engine cannot run the ${flavor} module`);
        const module = await WebAssembly.compile(bytes);
        modules[flavor] = await WebAssembly.instantiate(module, {});
      } catch (e) {
        failures[flavor] = e;
      }
    }),
  ).then(() => undefined);
  return pending;
}

/** Why a flavour is unavailable, for diagnostics; undefined if it loaded or was not tried. */
export function loadFailure(flavor: Flavor): unknown {
  return failures[flavor];
}
