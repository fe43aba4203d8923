// How many cases the property suite runs, and from which seed. `npm test` runs a fixed
// seed and the default counts (a few thousand cases, well under a minute per project);
// `npm run fuzz` (scripts/fuzz.mjs) sets INFODIV_FUZZ_SEED and INFODIV_FUZZ_RUNS and runs
// the same properties in Node with a random seed and 1e5+ cases.
//
// Each property states its share of the default total; INFODIV_FUZZ_RUNS scales every
// share by the same factor. Each property draws from its own seed, derived from the
// global one and its name, so one property's failure replays with the global seed alone
// (fast-check's values at run k do not depend on how many runs there are).
import fc from 'fast-check';
import { afterAll, it } from 'vitest';

/** The fixed seed of `npm test`. */
export const DEFAULT_SEED = 20260516;
/**
 * The scale of the shares: a property's share is its runs when INFODIV_FUZZ_RUNS is this
 * (the shares of all files add up to about 7,150 cases per `npm test` project; --runs N
 * multiplies each by N / 3000).
 */
export const DEFAULT_TOTAL = 3000;

/**
 * Node's environment, or nothing in a browser page: vitest's browser mode may shim
 * `process`, but the page has no real environment, so it always uses the defaults.
 */
function environment(): Record<string, string | undefined> {
  const inPage = typeof window !== 'undefined' && typeof document !== 'undefined';
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return inPage || !proc?.env ? {} : proc.env;
}

function wholeNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name}=${value}: expected a whole number ≥ 1`);
  return n;
}

const env = environment();
export const SEED = wholeNumber(env.INFODIV_FUZZ_SEED, 'INFODIV_FUZZ_SEED', DEFAULT_SEED) | 0;
export const TOTAL = wholeNumber(env.INFODIV_FUZZ_RUNS, 'INFODIV_FUZZ_RUNS', DEFAULT_TOTAL);
/** fuzz.mjs sets this: print each property's case count for its tally. */
const REPORT = env.INFODIV_FUZZ_REPORT === '1';

/** A test's time limit: vitest's 60 s at the default size, scaled with the runs (fuzz sizes). */
const TIMEOUT = 60_000 * Math.max(1, TOTAL / DEFAULT_TOTAL);

/** A 32-bit FNV-1a hash: a stable per-property offset of the seed. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** Runs of a property whose share of DEFAULT_TOTAL is `share`, scaled to TOTAL (at least 1). */
export function runsFor(share: number): number {
  return Math.max(1, Math.round((share * TOTAL) / DEFAULT_TOTAL));
}

export function paramsFor(name: string, share: number): fc.Parameters<unknown> {
  return { seed: (SEED ^ hash(name)) | 0, numRuns: runsFor(share) };
}

let cases = 0;
let registered = false;

function count(n: number): void {
  cases += n;
  if (registered) return;
  registered = true;
  // One line per test file, which scripts/fuzz.mjs adds up.
  afterAll(() => {
    if (REPORT) console.log(`[infodiv-properties] cases=${cases} seed=${SEED}`);
  });
}

/**
 * A vitest test that checks `property` on runsFor(share) cases. `name` is both the
 * test's name and what derives its seed.
 */
export function property<Ts extends [unknown, ...unknown[]]>(
  name: string,
  share: number,
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  predicate: (...args: Ts) => void,
): void {
  count(runsFor(share));
  it(name, () => {
    fc.assert(fc.property(...arbitraries, predicate), paramsFor(name, share) as fc.Parameters<Ts>);
  }, TIMEOUT);
}

/** As `property`, for predicates that await (threaded calls). */
export function asyncProperty<Ts extends [unknown, ...unknown[]]>(
  name: string,
  share: number,
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  predicate: (...args: Ts) => Promise<void>,
): void {
  count(runsFor(share));
  it(name, async () => {
    await fc.assert(fc.asyncProperty(...arbitraries, predicate), paramsFor(name, share) as fc.Parameters<Ts>);
  }, TIMEOUT);
}
