// The package's own binaries, inlined as base64 (binaries.ts, generated) so there is no
// .wasm file to copy or locate: the module source the package entry provides.
import { SCALAR_PAD, SCALAR_SHARED_FLAG, SCALAR_WASM, SIMD_SHARED_FLAG, SIMD_WASM } from './binaries.js';
import type { Flavor, ModuleSource } from './loader.js';

/** Each binary's base64, its shared-memory flag offset, and the padding bytes in front of it (build-wasm.mjs aligns the pair for gzip). */
const BASE64: Record<Flavor, [string, number, number]> = {
  simd: [SIMD_WASM, SIMD_SHARED_FLAG, 0],
  scalar: [SCALAR_WASM, SCALAR_SHARED_FLAG, SCALAR_PAD],
};

function decode(b64: string, pad: number): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(new ArrayBuffer(bin.length - pad));
  for (let i = pad; i < bin.length; i++) bytes[i - pad] = bin.charCodeAt(i);
  return bytes;
}

export const inlinedBinaries: ModuleSource = (flavor) => {
  const [b64, sharedFlag, pad] = BASE64[flavor];
  return { bytes: decode(b64, pad), sharedFlag };
};
