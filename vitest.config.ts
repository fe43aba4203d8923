// `npm test` runs the suites twice: in Node, and in headless Chromium (Debian's, see
// test/browser-pages/chromium.ts; no test tool downloads a browser). The page-level tests
// (test/browser-pages/) run in the Node project: they drive whole pages themselves.
import { existsSync } from 'node:fs';
import { playwright } from '@vitest/browser-playwright';
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { CHROMIUM, CHROMIUM_ARGS } from './test/browser-pages/chromium.js';

// Without Chromium, a developer's `npm test` runs the Node half and says so in one line;
// CI must run both halves, so there a missing Chromium fails in one line.
const hasChromium = existsSync(CHROMIUM);
// Vitest evaluates this file more than once per run; the note is printed once.
if (!hasChromium && !process.env.INFODIV_TESTS_NOTED) {
  process.env.INFODIV_TESTS_NOTED = '1';
  if (process.env.CI) {
    console.error(`infodiv tests: no Chromium at ${CHROMIUM}; CI runs the browser half: apt-get install -y chromium (or set CHROMIUM=/path/to/chromium)`);
    process.exit(1);
  }
  console.warn(`infodiv tests: browser half skipped, no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM=/path/to/chromium)`);
}

/** Suites that cannot run inside a page, and why. */
const NODE_ONLY = [
  // Needs a fresh module instance per case (vi.resetModules): native ESM in a page keeps
  // one instance per URL. test/browser-pages/pages.test.ts covers the same fallbacks in
  // real pages (no WebAssembly, no SIMD, a CSP that forbids compiling).
  'test/fallback.test.ts',
  // Drive whole pages from Node (Playwright), against the built dist/.
  'test/browser-pages/**',
  // Packs the package and runs a consumer project with node, npm and tsc.
  'test/package.test.ts',
  // Runs the command line (dist/cli.js) as a child process.
  'test/cli.test.ts',
  // Reads the binary fixtures and loads Parquet/Arrow readers at run time.
  'test/cli-formats.test.ts',
  // Reads package.json and scripts/runtimes.mjs, and asks the running Node its version.
  'test/engines.test.ts',
  // Reads the README and runs its command-line rows through dist/cli.js.
  'test/errors-table.test.ts',
  // Reads src/ and runs the TypeScript compiler to extract and check the doc comments.
  'test/examples.test.ts',
  // Real sizes (3e8-element inputs, 1e6 × 1e3 matrices), opt-in: INFODIV_LIMITS_BIG=1, ~14 GB RAM.
  'test/limits-big.test.ts',
  // Reads its corpus and crash files with node:fs.
  'test/coverage-fuzz/**',
];

const node: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: 'node',
    include: ['test/**/*.test.ts'],
    // The page tests drive Chromium from Node.
    exclude: [...configDefaults.exclude, ...(hasChromium ? [] : ['test/browser-pages/**'])],
    // The page and package tests load dist/: build it when missing or stale.
    globalSetup: ['test/browser-pages/build-dist.ts'],
  },
};

export default defineConfig({
  test: {
    testTimeout: 60_000,
    projects: [
      node,
      ...(hasChromium ? [chromiumProject()] : []),
    ],
  },
});

function chromiumProject(): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name: 'chromium',
      include: ['test/**/*.test.ts'],
      exclude: [...configDefaults.exclude, ...NODE_ONLY],
      // Browsers compile the kernels asynchronously: wait for them before each file.
      setupFiles: ['test/setup/browser-ready.ts'],
      browser: {
        enabled: true,
        headless: true,
        screenshotFailures: false, // nothing visual to see; keeps the tree clean
        provider: playwright({ launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS } }),
        instances: [{ browser: 'chromium' }],
      },
    },
  };
}
