// Node side of bench/floor.mjs: the bytes of the SIMD binary the built package runs.
// The build's index.js (the run's copy of dist/, bench/dist.mjs) carries both binaries inlined as base64 (scripts/build-wasm.mjs →
// src/engine/wasm/binaries.ts); the SIMD one is the larger. build/infodiv.simd.wasm,
// written by the same `npm run build`, must be the same bytes when it is there: when it
// is not, the report says which one was used.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../scripts/ensure-built.mjs';
import { floorFromBytes } from './floor.mjs';

/** { bytes, source } of the SIMD binary of the build whose entry is `built`, or { why }. */
export function simdBinary(built) {
  const fromBuild = join(root, 'build', 'infodiv.simd.wasm');
  const buildBytes = existsSync(fromBuild) ? new Uint8Array(readFileSync(fromBuild)) : undefined;
  let inlined = [];
  if (existsSync(built)) {
    // Base64 of "\0asm" begins "AGFzbQ"; every candidate must compile as a module with the pass.
    const text = readFileSync(built, 'utf8');
    inlined = [...text.matchAll(/["'`](AGFzbQ[A-Za-z0-9+/=]+)["'`]/g)]
      .map((m) => new Uint8Array(Buffer.from(m[1], 'base64')))
      .filter((b) => {
        try {
          return WebAssembly.Module.exports(new WebAssembly.Module(b)).some((e) => e.name === 'passF64');
        } catch {
          return false; // the SIMD binary on an engine without SIMD, or not a module
        }
      })
      .sort((a, b) => b.length - a.length);
  }
  const hash = (b) => createHash('sha256').update(b).digest('hex').slice(0, 12);
  const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (inlined.length >= 2 || (inlined.length === 1 && !buildBytes)) {
    const bytes = inlined[0];
    const check = buildBytes ? (same(bytes, buildBytes) ? ', the same bytes as build/infodiv.simd.wasm' : ', NOT the bytes of build/infodiv.simd.wasm (stale build/?)') : '';
    return { bytes, source: `the SIMD binary inlined in dist/index.js (${bytes.length} bytes, sha256 ${hash(bytes)}${check})` };
  }
  if (buildBytes) return { bytes: buildBytes, source: `build/infodiv.simd.wasm (${buildBytes.length} bytes, sha256 ${hash(buildBytes)}; not found inlined in dist/index.js)` };
  return { why: 'no SIMD binary found in dist/index.js or build/' };
}

/** The floor contender in this process, from the build at `entry`, or { why } when it cannot be made. */
export async function nodeFloor(entry) {
  const b = simdBinary(entry);
  if (!b.bytes) return { why: b.why };
  try {
    return { floor: await floorFromBytes(b.bytes, b.source), bytes: b.bytes };
  } catch (e) {
    return { why: `the SIMD binary did not instantiate here (${e.message})` };
  }
}
