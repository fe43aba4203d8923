// Which engine answers: the first of wasm-simd, wasm and js that can run here, or the one
// setBackend() forced. Registered explicitly (registerEngines), not as an import side
// effect, so no bundler can drop it.
import { InputRangeError } from '../errors.js';
import { describe } from '../validate.js';
import { jsEngine } from './js/index.js';
import type { Engine, EngineName } from './seam.js';
import { scalarFactory, simdFactory } from './wasm/index.js';

const registry = new Map<EngineName, () => Engine | undefined>();
let forced: Engine | undefined;

export function registerEngines(): void {
  registry.set('wasm-simd', simdFactory);
  registry.set('wasm', scalarFactory);
  registry.set('js', () => jsEngine);
}

/**
 * Below this many elements a WebAssembly call costs more than the whole loop in JS
 * (measured: KL on 16 elements 0.34 µs in JS, 0.89 µs through wasm-simd), so under
 * automatic choice small inputs run on the JS engine. Results agree to ~1e-15.
 */
export const SMALL_INPUT = 32;

/** The engine for an input of n elements: JS for small ones unless one is forced. */
export function engineFor(n: number): Engine {
  if (!forced && n < SMALL_INPUT) return jsEngine;
  return activeEngine();
}

export function activeEngine(): Engine {
  if (forced) return forced;
  for (const factory of registry.values()) {
    const e = factory();
    if (e) return e;
  }
  return jsEngine;
}

/** The engine setBackend() forced, if any (threaded calls pass it on to their workers). */
export function forcedEngine(): EngineName | undefined {
  return forced?.name;
}

/** Which backend answers calls now: 'wasm-simd', 'wasm' or 'js'. */
export function backend(): EngineName {
  return activeEngine().name;
}

/**
 * Forces one backend (for tests and benchmarks), or restores automatic choice with
 * `'auto'`. An unknown name, or a backend that cannot run here, is an InputRangeError
 * naming `backend`.
 */
export function setBackend(name: EngineName | 'auto'): void {
  if (name === 'auto') {
    forced = undefined;
    return;
  }
  const make = typeof name === 'string' ? registry.get(name) : undefined;
  if (!make) {
    const names = [...registry.keys(), 'auto'].join(', ');
    throw new InputRangeError(`backend is ${describe(name)}; expected one of ${names}`, 'backend');
  }
  // A known backend this engine cannot run: no WebAssembly, no SIMD, or a CSP that
  // forbids compiling (the kernels' compile failed or has not finished).
  const e = make();
  if (!e) throw new InputRangeError(`backend '${name}' is not available here (no WebAssembly${name === 'wasm-simd' ? ' SIMD' : ''} in this runtime, or it is still compiling: await ready)`, 'backend');
  forced = e;
}
