// Turns WebAssembly modules into instances. Where the modules come from is given once by
// `provide`: the package entry gives the inlined binaries (inlined.ts), a worker gives
// the modules its page or process already compiled (src/threads/worker.ts), so the
// binaries exist once and compile once. Node compiles synchronously the first time a
// kernel is wanted; browsers refuse large synchronous compiles on the main thread, so
// there `init()` compiles asynchronously and the JS engine answers until it is done.
// Anything that goes wrong (no WebAssembly, compiling forbidden by CSP, no SIMD) leaves
// the flavour unavailable and the next engine in line answers.
//
// The modules import their memory. Where workers can share memory (Node, Bun, Deno;
// browsers when cross-origin isolated) it is a shared WebAssembly.Memory, so `{ threads }`
// calls read arrays in module memory in place on every worker (src/threads/claim.ts);
// elsewhere an ordinary one. Both run the same code: see scripts/build-wasm.mjs.

export type Flavor = 'simd' | 'scalar';

/** A binary as built: its bytes, and where its memory import's limits flag is. */
export interface Binary {
  bytes: Uint8Array<ArrayBuffer>;
  sharedFlag: number;
}

/** A compiled module, and the memory it imports: shared or not, its initial pages. */
export interface Compiled {
  module: WebAssembly.Module;
  shared: boolean;
  pages: number;
}

/** A flavour's binary, or a module compiled elsewhere; undefined if none. */
export type ModuleSource = (flavor: Flavor) => Binary | Compiled | undefined;

/** The modules' declared maximum (asconfig.json): all of wasm32's 4 GiB. */
const MAX_PAGES = 65536;

let source: ModuleSource = () => undefined;
const compiled: Partial<Record<Flavor, Compiled>> = {};
const instances: Partial<Record<Flavor, WebAssembly.Instance>> = {};
const failures: Partial<Record<Flavor, unknown>> = {};

/** Where modules come from (called once, before any kernel is wanted). */
export function provide(s: ModuleSource): void {
  source = s;
}

function hasWebAssembly(): boolean {
  return typeof WebAssembly === 'object' && WebAssembly !== null && typeof WebAssembly.Module === 'function';
}

const isNode =
  typeof process === 'object' && process !== null && typeof process.versions?.node === 'string';

/** Can this thread hand memory to workers (the condition for SharedArrayBuffer in browsers)? */
export const canShareMemory =
  typeof SharedArrayBuffer === 'function' &&
  (isNode || (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true);

/** An unsigned LEB128 at `at`. */
function leb(bytes: Uint8Array, at: number): number {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const b = bytes[at++]!;
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return value;
  }
}

/** The bytes of a binary importing a memory of the given kind (a copy when it must change). */
function variant({ bytes, sharedFlag }: Binary, shared: boolean): Uint8Array<ArrayBuffer> {
  if (!shared) return bytes;
  const out = bytes.slice();
  out[sharedFlag] = 3;
  return out;
}

/**
 * What to try for a source, in order: a module compiled elsewhere as it is; a binary's
 * shared variant where memory could be handed to workers, then its ordinary one.
 */
function attempts(s: Binary | Compiled): (Compiled | { bytes: Uint8Array<ArrayBuffer>; shared: boolean; pages: number })[] {
  if ('module' in s) return [s];
  const pages = leb(s.bytes, s.sharedFlag + 1);
  return (canShareMemory ? [true, false] : [false]).map((shared) => ({ bytes: variant(s, shared), shared, pages }));
}

/** The flavour's binary or compiled module, checked: engines without SIMD reject the SIMD binary at validation. */
function sourceOf(flavor: Flavor): Binary | Compiled {
  if (!hasWebAssembly()) throw new Error('WebAssembly is not available');
  const s = source(flavor);
  if (s === undefined) throw new Error(`no ${flavor} module was provided`);
  if ('module' in s) return s;
  if (flavor === 'simd' && !WebAssembly.validate(s.bytes)) throw new Error(`this engine cannot run the ${flavor} module`);
  return s;
}

/** A fresh memory for a module to import (its kind and size), or the given one. */
export function importsFor(c: Compiled, memory?: WebAssembly.Memory): WebAssembly.Imports {
  memory ??= new WebAssembly.Memory({ initial: c.pages, maximum: MAX_PAGES, shared: c.shared });
  return { env: { memory } };
}

/** The instance of one flavour, compiling it synchronously where that is allowed (Node). */
export function instanceOf(flavor: Flavor): WebAssembly.Instance | undefined {
  if (instances[flavor] || failures[flavor] !== undefined || !isNode) return instances[flavor];
  try {
    const s = sourceOf(flavor);
    let error: unknown;
    for (const a of attempts(s)) {
      try {
        const c = 'module' in a ? a : { module: new WebAssembly.Module(a.bytes), shared: a.shared, pages: a.pages };
        instances[flavor] = new WebAssembly.Instance(c.module, importsFor(c));
        compiled[flavor] = c;
        return instances[flavor];
      } catch (e) {
        error = e; // a runtime without shared memory: try an ordinary one
      }
    }
    throw error;
  } catch (e) {
    failures[flavor] = e; // CompileError, EvalError under CSP, missing SIMD: fall back
  }
  return instances[flavor];
}

let pending: Promise<void> | undefined;

/**
 * Compiles the WebAssembly kernels asynchronously; resolves (never rejects) once they
 * are ready or known to be unavailable. Created once and shared by every caller. Not
 * needed in Node, where the kernels are ready at import; in browsers call it (or await
 * `ready`) to make sure the fast path is in place before timing anything.
 */
export function init(): Promise<void> {
  pending ??= Promise.all(
    (['simd', 'scalar'] as const).map(async (flavor) => {
      if (instances[flavor] || failures[flavor] !== undefined) return;
      try {
        const s = sourceOf(flavor);
        let error: unknown;
        for (const a of attempts(s)) {
          try {
            const c: Compiled = 'module' in a ? a : { module: await WebAssembly.compile(a.bytes), shared: a.shared, pages: a.pages };
            instances[flavor] = await WebAssembly.instantiate(c.module, importsFor(c));
            compiled[flavor] = c;
            return;
          } catch (e) {
            error = e;
          }
        }
        throw error;
      } catch (e) {
        failures[flavor] = e;
      }
    }),
  ).then(() => undefined);
  return pending;
}

/** The compiled modules, for workers to instantiate (a module is cloned, not recompiled). */
export function compiledModules(): Partial<Record<Flavor, Compiled>> {
  return { ...compiled };
}

/** Why a flavour is unavailable, for diagnostics; undefined if it loaded or was not tried. */
export function loadFailure(flavor: Flavor): unknown {
  return failures[flavor];
}
