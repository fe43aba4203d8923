// `npm test` runs the suites twice: in Node, and in headless Chromium (Debian's, see
// test/browser-pages/chromium.ts; no test tool downloads a browser). The page-level tests
// (test/browser-pages/) run in the Node project: they drive whole pages themselves.
import { playwright } from '@vitest/browser-playwright';
import { configDefaults, defineConfig } from 'vitest/config';
import { CHROMIUM, CHROMIUM_ARGS } from './test/browser-pages/chromium.js';

/** Suites that cannot run inside a page, and why. */
const NODE_ONLY = [
  // Needs a fresh module instance per case (vi.resetModules): native ESM in a page keeps
  // one instance per URL. test/browser-pages/pages.test.ts covers the same fallbacks in
  // real pages (no WebAssembly, no SIMD, a CSP that forbids compiling).
  'test/fallback.test.ts',
  // Drive whole pages from Node (Playwright), against the built dist/.
  'test/browser-pages/**',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          // The page tests load dist/index.js: build it when missing or stale.
          globalSetup: ['test/browser-pages/build-dist.ts'],
        },
      },
      {
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
      },
    ],
  },
});
