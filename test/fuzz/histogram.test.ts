// The NumPy-referenced histogram fuzz (test/fuzz/histogram-cases.md): every case of
// test/fixtures/fuzz/histogram.json on every backend. Cases are grouped by kind and by
// what is expected of them; each group is one test that runs all its cases and lists
// the first few that differ.
//   - plain cases, `repeated-edges` (histogram2d counts on repeated edges as NumPy does)
//     and `not-edgewise` (NumPy's guess-and-correct rule, replicated): equal to NumPy
//     exactly, edges compared with Object.is;
//   - `zero-max-order`: as above, except that the sign of a zero last edge follows
//     IEEE-754 maximum (+0 if the data holds +0, else −0), not NumPy's loop order;
//   - where NumPy raises, and the flags infodiv deliberately refuses (`equal-range`,
//     `width-overflows`, `nan-edge`): a typed InputRangeError or InputTypeError.
import { describe, expect, it } from 'vitest';
import { histogram, histogram2d } from '../../src/binning/histogram.js';
import { InputRangeError, InputTypeError, type BackendName } from '../../src/index.js';
import fixture from '../fixtures/fuzz/histogram.json' with { type: 'json' };
import { BACKENDS, withBackend } from '../helpers.js';

type Stored = number | string;
type Pair = [Stored, Stored];

interface Throws {
  throws: true;
  why: string;
}

interface Case1 {
  id: string;
  kind: 'histogram';
  values: Stored[];
  options: { bins: number; range?: Pair };
  expected: Throws | { counts: number[]; edges: string[]; outside: number };
  flags?: string[];
}

interface Case2 {
  id: string;
  kind: 'histogram2d';
  values: Stored[];
  y: Stored[];
  options: { bins: number | [number, number]; range?: [Pair, Pair] };
  expected: Throws | { counts: number[][]; edgesX: string[]; edgesY: string[]; outside: number };
  flags?: string[];
}

type Case = Case1 | Case2;

const CASES = (fixture as { cases: unknown[] }).cases as Case[];

/** The stored encoding: JSON numbers, or "NaN", "±Infinity", "-0" (and edges as repr strings). */
function decode(v: Stored): number {
  if (typeof v === 'number') return v;
  if (v === '-0') return -0;
  const x = Number(v);
  if (Number.isNaN(x) && v !== 'NaN') throw new Error(`fixture value ${v} is not a number`);
  return x;
}

const decodeAll = (xs: Stored[]) => Float64Array.from(xs, decode);
const show = (x: number) => (Object.is(x, -0) ? '-0' : String(x));
const showAll = (xs: ArrayLike<number>) => `[${Array.from(xs, show).join(', ')}]`;

/** Flags for which infodiv refuses the call on purpose (see histogram-cases.md). */
const REFUSED = ['equal-range', 'width-overflows', 'nan-edge'];

type Group = 'plain' | 'repeated-edges' | 'not-edgewise' | 'zero-max-order' | 'refused' | 'numpy-raises';

function groupOf(c: Case): Group {
  const flags = c.flags ?? [];
  if ('throws' in c.expected) return 'numpy-raises';
  if (flags.some((f) => REFUSED.includes(f))) return 'refused';
  if (flags.includes('zero-max-order')) return 'zero-max-order';
  if (flags.includes('not-edgewise')) return 'not-edgewise';
  if (flags.includes('repeated-edges')) return 'repeated-edges';
  return 'plain';
}

const GROUPS: [Group, string][] = [
  ['plain', 'equal NumPy exactly'],
  ['repeated-edges', 'repeated edges: equal NumPy exactly'],
  ['not-edgewise', "NumPy's guess-and-correct counts: equal NumPy exactly"],
  ['zero-max-order', 'zero last edge: IEEE-754 maximum sign, else equal NumPy'],
  ['refused', 'equal-range, width-overflows, nan-edge: a typed error'],
  ['numpy-raises', 'NumPy raises: a typed error'],
];

/** The sign IEEE-754 maximum gives a zero maximum of `data`: +0 if any finite entry is +0. */
function zeroMax(data: Float64Array): number {
  return data.some((x) => Object.is(x, 0)) ? 0 : -0;
}

/**
 * Where the last edge is a zero maximum taken from data holding both zeros, the edge
 * NumPy recorded is compared with == and ours must carry the IEEE-754 sign; elsewhere
 * edges compare with Object.is. Returns a description of the first difference.
 */
function edgesDiffer(got: Float64Array, want: string[], data: Float64Array | undefined, label: string): string | undefined {
  const w = want.map(decode);
  if (got.length !== w.length) return `${label}: ${got.length} edges, want ${w.length}`;
  const last = w.length - 1;
  for (let k = 0; k < w.length; k++) {
    const loose = data !== undefined && k === last && w[k] === 0;
    if (loose) {
      const sign = zeroMax(data);
      if (!Object.is(got[k], sign)) return `${label}[${k}] is ${show(got[k]!)}, want ${show(sign)} (IEEE-754 maximum of the data)`;
    } else if (!Object.is(got[k], w[k])) {
      return `${label}: ${showAll(got)}, want ${showAll(w)}`;
    }
  }
  return undefined;
}

/** Does the data decide a zero last edge by its signed zeros (default range, max 0, both zeros present)? */
function zeroOrder(data: Float64Array, ranged: boolean): Float64Array | undefined {
  if (ranged) return undefined;
  const finite = data.filter(Number.isFinite);
  const max = Math.max(...finite);
  const both = finite.some((x) => Object.is(x, 0)) && finite.some((x) => Object.is(x, -0));
  return max === 0 && Math.min(...finite) < 0 && both ? finite : undefined;
}

/** Signs of zero last edges per case and backend, to check they agree across backends. */
const zeroSigns = new Map<string, Partial<Record<BackendName, string>>>();

function run1(c: Case1, group: Group, backend: BackendName): string | undefined {
  const values = decodeAll(c.values);
  const range = c.options.range ? ([decode(c.options.range[0]), decode(c.options.range[1])] as [number, number]) : undefined;
  const call = () => histogram(values, { bins: c.options.bins, range });
  if (group === 'refused' || group === 'numpy-raises' || 'throws' in c.expected) return throwsTyped(call);
  const h = call();
  const e = c.expected;
  if (Array.from(h.counts).join() !== e.counts.join()) return `counts ${showAll(h.counts)}, want [${e.counts.join(', ')}]`;
  if (h.outside !== e.outside) return `outside ${h.outside}, want ${e.outside}`;
  const zero = group === 'zero-max-order' ? zeroOrder(values, range !== undefined) : undefined;
  if (zero) record(c.id, backend, [h.edges.at(-1)!]);
  return edgesDiffer(h.edges, e.edges, zero, 'edges');
}

function run2(c: Case2, group: Group, backend: BackendName): string | undefined {
  const x = decodeAll(c.values);
  const y = decodeAll(c.y);
  const r = c.options.range;
  const range = r ? ([[decode(r[0][0]), decode(r[0][1])], [decode(r[1][0]), decode(r[1][1])]] as [[number, number], [number, number]]) : undefined;
  const call = () => histogram2d(x, y, { bins: c.options.bins, range });
  if (group === 'refused' || group === 'numpy-raises' || 'throws' in c.expected) return throwsTyped(call);
  const h = call();
  const e = c.expected;
  const rows = e.counts.length;
  const cols = e.counts[0]?.length ?? 0;
  if (h.counts.rows !== rows || h.counts.cols !== cols) return `counts ${h.counts.rows} × ${h.counts.cols}, want ${rows} × ${cols}`;
  const want = e.counts.flat();
  if (Array.from(h.counts.data).join() !== want.join()) return `counts ${showAll(h.counts.data)}, want [${want.join(', ')}]`;
  if (h.outside !== e.outside) return `outside ${h.outside}, want ${e.outside}`;
  const zx = group === 'zero-max-order' ? zeroOrder(x, range !== undefined) : undefined;
  const zy = group === 'zero-max-order' ? zeroOrder(y, range !== undefined) : undefined;
  if (zx || zy) record(c.id, backend, [h.xEdges.at(-1)!, h.yEdges.at(-1)!]);
  return edgesDiffer(h.xEdges, e.edgesX, zx, 'xEdges') ?? edgesDiffer(h.yEdges, e.edgesY, zy, 'yEdges');
}

function record(id: string, backend: BackendName, edges: number[]): void {
  const signs = zeroSigns.get(id) ?? {};
  signs[backend] = edges.map(show).join(' ');
  zeroSigns.set(id, signs);
}

/** Undefined if the call throws a typed error, else what it did instead. */
function throwsTyped(call: () => unknown): string | undefined {
  let result: unknown;
  try {
    result = call();
  } catch (e) {
    if ((e instanceof InputRangeError || e instanceof InputTypeError) && typeof e.argument === 'string') return undefined;
    return `threw an untyped ${(e as Error)?.name}: ${(e as Error)?.message}`;
  }
  return `did not throw: ${JSON.stringify(result, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array, show) : v))}`;
}

function runGroup(cases: Case[], group: Group, backend: BackendName): void {
  const failures: string[] = [];
  withBackend(backend, () => {
    for (const c of cases) {
      let why: string | undefined;
      try {
        why = c.kind === 'histogram' ? run1(c, group, backend) : run2(c, group, backend);
      } catch (e) {
        why = `threw ${(e as Error).name}: ${(e as Error).message}`;
      }
      if (why !== undefined) failures.push(`${c.id} [${(c.flags ?? []).join(', ')}]: ${why}`);
    }
  });
  expect(failures.slice(0, 8), `${failures.length} of ${cases.length} cases differ; the first few`).toEqual([]);
}

const byKind = (kind: Case['kind'], group: Group) => CASES.filter((c) => c.kind === kind && groupOf(c) === group);

it('the fixture holds every group', () => {
  expect(CASES.length).toBeGreaterThan(5000);
  for (const kind of ['histogram', 'histogram2d'] as const) {
    for (const [group] of GROUPS) {
      if (kind === 'histogram' && group === 'repeated-edges') continue; // np.histogram raises instead
      expect(byKind(kind, group).length, `${kind} ${group}`).toBeGreaterThan(0);
    }
  }
});

describe.each(BACKENDS)('histogram fuzz on %s', (backend) => {
  for (const kind of ['histogram', 'histogram2d'] as const) {
    for (const [group, what] of GROUPS) {
      const cases = byKind(kind, group);
      if (cases.length === 0) continue;
      it(`${kind}, ${group} (${cases.length} cases): ${what}`, () => runGroup(cases, group, backend));
    }
  }
});

it('a zero last edge has the same sign on every backend', () => {
  const zeroCases = CASES.filter((c) => groupOf(c) === 'zero-max-order');
  expect(zeroSigns.size).toBe(zeroCases.length);
  const split = [...zeroSigns].filter(([, signs]) => new Set(BACKENDS.map((b) => signs[b])).size !== 1);
  expect(split.slice(0, 8)).toEqual([]);
});
