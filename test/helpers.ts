import { expect } from 'vitest';
import { setBackend, type BackendName } from '../src/index.js';

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
