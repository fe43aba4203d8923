// Jazzer.js's native addon (libFuzzer inside a Node addon), made loadable here.
//
// Jazzer.js 4.0.0 ships prebuilt addons only, and the linux-x64 one is linked against
// glibc 2.38 and GCC 13's libstdc++: on Debian 12 (glibc 2.36, GCC 12) it fails to load
// for want of three symbols (__isoc23_strtol, __isoc23_strtoul,
// std::ios_base_library_init). When, and only when, the prebuild fails to load, this
// makes a patched copy in .cache/fuzz/addon/: the three symbols unversioned (patchelf),
// their versions' requirements made weak (elf-weak-versions.mjs), and a small library
// that defines them (glibc-shim.cpp) added as a dependency. redirect-addon.cjs then loads
// the copy in place of the prebuild; node_modules is never touched.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { weakenVersions } from './elf-weak-versions.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const SHIM_SOURCE = join(here, 'glibc-shim.cpp');
const REDIRECT = join(here, 'redirect-addon.cjs');
const SYMBOLS = ['__isoc23_strtol', '__isoc23_strtoul', '_ZSt21ios_base_library_initv'];
const VERSIONS = ['GLIBC_2.38', 'GLIBCXX_3.4.32'];

/** The prebuilt addon's path. */
export function prebuild() {
  const pkg = createRequire(join(root, 'package.json')).resolve('@jazzer.js/fuzzer/package.json');
  return join(dirname(pkg), 'prebuilds', `fuzzer-${process.platform}-${process.arch}.node`);
}

/** Does `file` load as a Node addon, in a child process (a failed dlopen is no harm there)? Its error otherwise. */
function loadError(file) {
  const r = spawnSync(process.execPath, ['-e', 'require(process.argv[1])', file], { encoding: 'utf8' });
  return r.status === 0 ? undefined : (r.stderr.match(/Error: .*/)?.[0] ?? r.stderr.trim());
}

const newer = (a, b) => existsSync(b) && statSync(b).mtimeMs >= statSync(a).mtimeMs;

function need(tool, hint) {
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) throw new Error(`fuzz:coverage: the Jazzer.js prebuild does not load here and patching it needs ${tool} (${hint})`);
}

/**
 * The environment under which Jazzer.js loads: {} when the prebuild loads as it is,
 * else the variables that make the fuzzing process (and the subprocesses libFuzzer's
 * -merge starts) load the patched copy. Builds the copy once, into `cacheDir`.
 */
export function addonEnv(cacheDir, log = console.log) {
  const original = prebuild();
  const why = loadError(original);
  if (why === undefined) return {};
  const dir = join(cacheDir, 'addon');
  const shim = join(dir, 'libjazzer-glibc-shim.so');
  const patched = join(dir, 'fuzzer.node');
  if (!newer(SHIM_SOURCE, shim) || !newer(original, patched) || !newer(shim, patched)) {
    log(`fuzz:coverage: the Jazzer.js prebuild does not load (${why}); patching a copy`);
    need('g++', 'apt-get install -y g++');
    need('patchelf', 'apt-get install -y patchelf');
    mkdirSync(dir, { recursive: true });
    execFileSync('g++', ['-O2', '-shared', '-fPIC', '-o', shim, SHIM_SOURCE]);
    copyFileSync(original, patched);
    // One change per patchelf call: patchelf 0.14 (Debian 12) garbles combined edits.
    execFileSync('patchelf', [...SYMBOLS.flatMap((s) => ['--clear-symbol-version', s]), patched]);
    const weak = weakenVersions(patched, VERSIONS);
    if (weak.length !== VERSIONS.length) log(`fuzz:coverage: of ${VERSIONS.join(', ')} the addon needs only ${weak.join(', ') || 'none'}`);
    execFileSync('patchelf', ['--add-needed', 'libjazzer-glibc-shim.so', patched]);
    execFileSync('patchelf', ['--set-rpath', '$ORIGIN', patched]);
  }
  const still = loadError(patched);
  if (still !== undefined) throw new Error(`fuzz:coverage: the patched Jazzer.js addon does not load either: ${still}`);
  const preload = `--require ${JSON.stringify(REDIRECT)}`;
  return { INFODIV_JAZZER_ADDON: patched, NODE_OPTIONS: [process.env.NODE_OPTIONS, preload].filter(Boolean).join(' ') };
}
