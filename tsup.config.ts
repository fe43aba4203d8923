import { defineConfig } from 'tsup';

export default defineConfig([
  {
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  // No source maps in the package: they would point at src/, which is not shipped, and
  // embedding the sources (the inlined binaries among them) would triple its size.
  sourcemap: false,
  // Minified: the size budget (.size-limit.json) is for what users ship.
  minify: true,
  // ES2022: class fields stay native (lowered, each instance pays defineProperty calls).
  target: 'es2022',
  },
  {
    // The command line: its own file in bin/ (so the library's clean of dist/ never races
    // it), csv-parse bundled in, the library imported as the package itself.
    entry: { infodiv: 'src/cli/main.ts' },
    outDir: 'bin',
    format: ['esm'],
    platform: 'node',
    target: 'es2022',
    clean: true,
    sourcemap: false,
    minify: false,
    external: ['infodiv'],
    noExternal: ['csv-parse'],
    banner: { js: '#!/usr/bin/env node' },
  },
]);
