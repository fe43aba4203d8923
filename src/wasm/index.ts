import type { Backend } from '../backend.js';
import { WasmBackend } from './backend.js';
import { instanceOf, type Flavor } from './loader.js';

const backends: Partial<Record<Flavor, WasmBackend>> = {};

/** The backend over one flavour's instance, once that instance exists. */
export function wasmBackend(flavor: Flavor): WasmBackend | undefined {
  if (!backends[flavor]) {
    const instance = instanceOf(flavor);
    if (instance) backends[flavor] = new WasmBackend(flavor === 'simd' ? 'wasm-simd' : 'wasm', instance);
  }
  return backends[flavor];
}

export const simdFactory = (): Backend | undefined => wasmBackend('simd');
export const scalarFactory = (): Backend | undefined => wasmBackend('scalar');
