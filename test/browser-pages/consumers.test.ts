// The package as bundled consumer apps get it: test/consumers/app.js imports 'infodiv'
// from node_modules (a symlink to this package, so its package.json `exports` decide
// what is loaded), bundled by esbuild and by Vite for the browser, then run in Chromium.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';
import type { Browser } from 'playwright';
import { build as vite } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { expectSameMeasures, load, nodeMeasures, root, SITE, threadsInPage, type Measures } from './harness.js';
import { serve, type StaticServer } from './server.js';

let app: string;
let server: StaticServer;
let browser: Browser;
let simd: Measures;

beforeAll(async () => {
  // The app's directory, as a consumer project would have it.
  app = mkdtempSync(join(tmpdir(), 'infodiv-consumer-'));
  cpSync(`${root}test/consumers/`, app, { recursive: true });
  cpSync(`${SITE}measures.js`, join(app, 'measures.js'));
  mkdirSync(join(app, 'node_modules'));
  symlinkSync(root, join(app, 'node_modules/infodiv'), 'dir');
  server = await serve({ '/esbuild/': join(app, 'out-esbuild/'), '/vite/': join(app, 'out-vite/') });
  browser = await launchChromium();
  simd = await nodeMeasures('wasm-simd');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (app) rmSync(app, { recursive: true, force: true });
});

/** The app's report after `ready`, and the threads check, from a built page. */
async function run(url: string) {
  const l = await load(browser, url);
  try {
    expect(l.errors).toEqual([]);
    expect(l.report.before.backend).toBe('js');
    expectSameMeasures(l.report.after, simd);
    const threads = await threadsInPage(l.page);
    expect(threads).not.toHaveProperty('error');
    expect(Object.values((threads as { same: Record<string, boolean> }).same)).not.toContain(false);
  } finally {
    await l.context.close();
  }
}

describe('bundled into a consumer app', () => {
  it('esbuild (platform browser, ESM, minified) bundles it and the app runs on wasm-simd, threads too', async () => {
    const out = join(app, 'out-esbuild');
    const result = await esbuild({
      absWorkingDir: app,
      entryPoints: ['app.js'],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      minify: true,
      outdir: out,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    writeFileSync(join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="./app.js"></script>');
    await run(`${server.origin}/plain/esbuild/index.html`);
  });

  it('Vite (production build) bundles it and the app runs on wasm-simd, threads too', async () => {
    const warnings: string[] = [];
    await vite({
      root: app,
      configFile: false,
      base: './',
      logLevel: 'silent',
      build: {
        outDir: join(app, 'out-vite'),
        emptyOutDir: true,
        rollupOptions: { onwarn: (w) => void warnings.push(w.message) },
      },
    });
    expect(warnings).toEqual([]);
    await run(`${server.origin}/plain/vite/index.html`);
  });
});
