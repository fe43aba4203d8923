// Browsers compile the WebAssembly kernels asynchronously (Node compiles them at first
// use), so until `ready` settles the JS backend answers and `setBackend('wasm-simd')`
// throws. Every browser test file waits here first, so the suites run unchanged on all
// three backends.
import { expect } from 'vitest';
import { backend, ready } from '../../src/index.js';

await ready;
// A browser that silently stayed on JS would make the "all backends" suites vacuous.
expect(backend()).toBe('wasm-simd');
