// The package's own binaries, inlined as base64 (binaries.ts, generated) so there is no
// .wasm file to copy or locate: the module source the package entry provides.
import { SCALAR_SHARED_FLAG, SCALAR_WASM, SIMD_SHARED_FLAG, SIMD_WASM } from './binaries.js';
import type { Flavor, ModuleSource } from './loader.js';

const BASE64: Record<Flavor, [string, number]> = { simd: [SIMD_WASM, SIMD_SHARED_FLAG], scalar: [SCALAR_WASM, SCALAR_SHARED_FLAG] };

function decode(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

export const inlinedBinaries: ModuleSource = (flavor) => ({ bytes: decode(BASE64[flavor][0]), sharedFlag: BASE64[flavor][1] });
