// The two WebAssembly engines (with SIMD, and scalar), each over its own instance, once
// that instance exists.
import type { Engine } from '../seam.js';
import { WasmEngine } from './engine.js';
import { instanceOf, type Flavor } from './loader.js';
import { kernelModule } from './module.js';

const engines: Partial<Record<Flavor, WasmEngine>> = {};

export function wasmEngine(flavor: Flavor): WasmEngine | undefined {
  if (!engines[flavor]) {
    const instance = instanceOf(flavor);
    if (instance) engines[flavor] = new WasmEngine(flavor === 'simd' ? 'wasm-simd' : 'wasm', kernelModule(instance));
  }
  return engines[flavor];
}

export const simdFactory = (): Engine | undefined => wasmEngine('simd');
export const scalarFactory = (): Engine | undefined => wasmEngine('scalar');
