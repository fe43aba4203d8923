import { registerBackend } from './backend.js';
import { jsBackend } from './js/index.js';
import { scalarFactory, simdFactory } from './wasm/index.js';

/**
 * Registers the backends in order of preference: the first that can run here answers.
 * Called explicitly (not as an import side effect) so no bundler can drop it.
 */
export function registerBackends(): void {
  registerBackend('wasm-simd', simdFactory);
  registerBackend('wasm', scalarFactory);
  registerBackend('js', () => jsBackend);
}
