// What the properties compare with: each backend's answer (or its typed error), and
// closeness with a stated tolerance.
import { expect } from 'vitest';
import { setBackend, type BackendName } from '../../src/index.js';
import { BACKENDS } from '../helpers.js';

export { BACKENDS };
export const EPS = 2 ** -52;
/** A few units of 2^-1074: what results below the normal range may be off by. */
export const TINY = 4 * 2 ** -1074;

/** A result, or the error it threw as "Name: message" (errors must agree too). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string; name: string; argument?: string };

export function outcome<T>(f: () => T): Outcome<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    const err = e as Error & { argument?: string };
    return { ok: false, error: `${err.name}: ${err.message}`, name: err.name, argument: err.argument };
  }
}

/** `f` on every backend, forced one at a time (automatic choice restored after). */
export function onEach<T>(f: () => T): Map<BackendName, Outcome<T>> {
  const out = new Map<BackendName, Outcome<T>>();
  for (const name of BACKENDS) {
    setBackend(name);
    try {
      out.set(name, outcome(f));
    } finally {
      setBackend('auto');
    }
  }
  return out;
}

/** `f` with `name` forced as the backend. */
export function on<T>(name: BackendName, f: () => T): T {
  setBackend(name);
  try {
    return f();
  } finally {
    setBackend('auto');
  }
}

export interface Tolerance {
  /** Relative (default 0: exact). */
  rel?: number;
  /** Absolute, on top (default TINY when rel > 0, else 0). */
  abs?: number;
}

/** Is `got` within the tolerance of `want`? Infinities, NaN and zeros by identity where rel = abs = 0. */
export function within(got: number, want: number, tol: Tolerance): boolean {
  if (Object.is(got, want)) return true;
  if (!Number.isFinite(want) || !Number.isFinite(got)) return false;
  const rel = tol.rel ?? 0;
  const abs = tol.abs ?? (rel > 0 ? TINY : 0);
  return Math.abs(got - want) <= rel * Math.abs(want) + abs;
}

export function expectWithin(got: number, want: number, tol: Tolerance, label: string): void {
  if (!within(got, want, tol)) {
    const err = Math.abs(got - want);
    expect.fail(`${label}: got ${got}, want ${want} (error ${err.toExponential(2)}, relative ${(err / Math.abs(want)).toExponential(2)}; tolerance ${JSON.stringify(tol)})`);
  }
}

/**
 * Every backend gives the js backend's outcome: the same typed error, or numbers within
 * `tol` (the same tolerance for each number a result holds, through `numbers`).
 */
export function expectAgree<T>(results: Map<BackendName, Outcome<T>>, tol: Tolerance, label: string, numbers: (v: T) => ArrayLike<number> = (v) => [v as number]): void {
  const ref = results.get('js')!;
  for (const [name, r] of results) {
    if (!ref.ok || !r.ok) {
      expect(r.ok ? 'a value' : r.error, `${label} on ${name} against js`).toBe(ref.ok ? 'a value' : ref.error);
      continue;
    }
    const a = numbers(r.value);
    const b = numbers(ref.value);
    expect(a.length, `${label} on ${name}: length`).toBe(b.length);
    for (let i = 0; i < a.length; i++) expectWithin(a[i]!, b[i]!, tol, `${label}[${i}] on ${name} against js`);
  }
}

/** The values of a map of outcomes that succeeded, by backend. */
export function values<T>(results: Map<BackendName, Outcome<T>>): [BackendName, T][] {
  return [...results].flatMap(([n, r]) => (r.ok ? [[n, r.value] as [BackendName, T]] : []));
}

/** Σx, compensated (Neumaier): the reference sums the identities use. */
export function sum(x: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}
