// Turns WebAssembly modules into instances. Where the modules come from is given once by
// `provide`: the package entry gives the inlined binaries (inlined.ts), a worker gives
// the modules its page or process already compiled (src/threads/worker.ts), so the
// binaries exist once and compile once. Node compiles synchronously the first time a
// kernel is wanted; browsers refuse large synchronous compiles on the main thread, so
// there `init()` compiles asynchronously and the JS engine answers until it is done.
// Anything that goes wrong (no WebAssembly, compiling forbidden by CSP, no SIMD) leaves
// the flavour unavailable and the next engine in line answers.

export type Flavor = 'simd' | 'scalar';

/** A flavour's module: its bytes, or a module compiled elsewhere; undefined if none. */
export type ModuleSource = (flavor: Flavor) => Uint8Array<ArrayBuffer> | WebAssembly.Module | undefined;

let source: ModuleSource = () => undefined;
const compiled: Partial<Record<Flavor, WebAssembly.Module>> = {};
const instances: Partial<Record<Flavor, WebAssembly.Instance>> = {};
const failures: Partial<Record<Flavor, unknown>> = {};

/** Where modules come from (called once, before any kernel is wanted). */
export function provide(s: ModuleSource): void {
  source = s;
}

function hasWebAssembly(): boolean {
  return typeof WebAssembly === 'object' && WebAssembly !== null && typeof WebAssembly.Module === 'function';
}

/** The flavour's bytes or module, checked: engines without SIMD reject the SIMD binary at validation. */
function sourceOf(flavor: Flavor): Uint8Array<ArrayBuffer> | WebAssembly.Module {
  if (!hasWebAssembly()) throw new Error('WebAssembly is not available');
  const s = source(flavor);
  if (s === undefined) throw new Error(`no ${flavor} module was provided`);
  if (s instanceof WebAssembly.Module) return s;
  if (flavor === 'simd' && !WebAssembly.validate(s)) throw new Error(`this engine cannot run the ${flavor} module`);
  return s;
}

const isNode =
  typeof process === 'object' && process !== null && typeof process.versions?.node === 'string';

/** The instance of one flavour, compiling it synchronously where that is allowed (Node). */
export function instanceOf(flavor: Flavor): WebAssembly.Instance | undefined {
  if (instances[flavor] || failures[flavor] !== undefined || !isNode) return instances[flavor];
  try {
    const s = sourceOf(flavor);
    const module = s instanceof WebAssembly.Module ? s : new WebAssembly.Module(s);
    instances[flavor] = new WebAssembly.Instance(module, {});
    compiled[flavor] = module;
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
        const module = s instanceof WebAssembly.Module ? s : await WebAssembly.compile(s);
        instances[flavor] = await WebAssembly.instantiate(module, {});
        compiled[flavor] = module;
      } catch (e) {
        failures[flavor] = e;
      }
    }),
  ).then(() => undefined);
  return pending;
}

/** The compiled modules, for workers to instantiate (a module is cloned, not recompiled). */
export function compiledModules(): Partial<Record<Flavor, WebAssembly.Module>> {
  return { ...compiled };
}

/** Why a flavour is unavailable, for diagnostics; undefined if it loaded or was not tried. */
export function loadFailure(flavor: Flavor): unknown {
  return failures[flavor];
}
