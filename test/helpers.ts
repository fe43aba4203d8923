import { expect } from 'vitest';
import { setBackend, type BackendName, type Vector } from '../src/index.js';
import { generate, type GenSpec } from './fixtures/generate.js';

/** Every backend the suite runs against; each fixture and identity test runs once per entry. */
export const BACKENDS: BackendName[] = ['js', 'wasm', 'wasm-simd'];

/** Runs `body` with `name` forced as the backend, restoring automatic choice after. */
export function withBackend(name: BackendName, body: () => void): void {
  setBackend(name);
  try {
    body();
  } finally {
    setBackend('auto');
  }
}

/** Fixture JSON writes ±∞ and NaN as strings. */
export function num(v: number | string): number {
  if (typeof v === 'number') return v;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (v === 'NaN') return NaN;
  throw new Error(`fixture value ${v} is not a number`);
}

/**
 * `got` within `rel` relative of `want` (or `abs` absolute, for references that are 0 or
 * tiny); infinities and NaN must match exactly.
 */
export function expectClose(got: number, want: number, rel: number, abs = 1e-300, label = ''): void {
  if (!Number.isFinite(want)) {
    expect(got, label).toBe(want);
    return;
  }
  const err = Math.abs(got - want);
  if (!(err <= rel * Math.abs(want) || err <= abs)) {
    expect.fail(`${label}: got ${got}, want ${want} (relative error ${err / Math.abs(want)})`);
  }
}

/** A reproducible stream (xorshift32) in [0, 1). */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

/** A fixture vector as stored: inline (±∞ and NaN as strings), or a generator spec. */
export type Stored = (number | string)[] | { gen: GenSpec };

/** The fixture vector, as a Float32Array for f32 cases. */
export function vector(stored: Stored, dtype: string): Vector {
  const values = Array.isArray(stored) ? Float64Array.from(stored, num) : generate(stored.gen);
  return dtype === 'f32' ? Float32Array.from(values) : values;
}
