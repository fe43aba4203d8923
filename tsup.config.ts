import { defineConfig } from 'tsup';

export default defineConfig([
  {
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  // Everything in dist/ but the command line, which the second build below writes there
  // at the same time (both builds run at once; a plain clean would race it).
  clean: ['!cli.js'],
  // No source maps in the package: they would point at src/, which is not shipped, and
  // embedding the sources (the inlined binaries among them) would triple its size.
  sourcemap: false,
  // Minified: the size budget (.size-limit.json) is for what users ship.
  minify: true,
  // ES2022: class fields stay native (lowered, each instance pays defineProperty calls).
  target: 'es2022',
  },
  {
    // The command line: dist/cli.js (package.json "bin"), csv-parse bundled in, the
    // library imported as the package itself. Left out of the library's clean above.
    entry: { cli: 'src/cli/main.ts' },
    outDir: 'dist',
    format: ['esm'],
    platform: 'node',
    target: 'es2022',
    clean: false,
    sourcemap: false,
    minify: false,
    external: ['infodiv'],
    noExternal: ['csv-parse'],
    banner: { js: '#!/usr/bin/env node' },
  },
]);
