// The Chromium column: the same runner, cases and inputs as in Node, in a page of
// Debian's headless Chromium (the one the browser tests use; nothing downloads a
// browser), driven by Playwright. The page is cross-origin isolated, which makes
// Chromium's performance.now() 5 µs coarse instead of 100 µs.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright';

const root = fileURLToPath(new URL('..', import.meta.url));

// As test/browser-pages/chromium.ts (TypeScript, which plain Node 20 cannot import).
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export const chromiumAvailable = () => existsSync(CHROMIUM);

const PAGE = `<!doctype html><meta charset="utf-8"><title>infodiv bench</title>
<script type="module">
import * as m from '/dist/index.js';
window.infodiv = m;
await m.ready;
await import('/page.js');
window.benchReady = true;
</script>`;

/**
 * Serves the page, its bundle, dist/ and (when given) the SIMD binary of the memory floor
 * at /floor.wasm, all with the headers of cross-origin isolation.
 */
async function serve(bundle, floorBytes, dist = join(root, 'dist')) {
  const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let body;
    let type = 'text/javascript; charset=utf-8';
    if (path === '/') [body, type] = [PAGE, 'text/html; charset=utf-8'];
    else if (path === '/page.js') body = bundle;
    else if (path === '/floor.wasm' && floorBytes) [body, type] = [floorBytes, 'application/wasm'];
    else if (path.startsWith('/dist/')) {
      const file = normalize(join(dist, path.slice('/dist/'.length)));
      if (file.startsWith(dist) && existsSync(file)) body = readFileSync(file);
    }
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'Content-Type': type, ...headers }).end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

async function bundlePage() {
  const out = mkdtempSync(join(tmpdir(), 'infodiv-bench-page-'));
  try {
    await build({
      entryPoints: [join(root, 'bench/page.mjs')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      outfile: join(out, 'page.js'),
      logLevel: 'warning',
    });
    return readFileSync(join(out, 'page.js'), 'utf8');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Runs `cases` in the page, calling `onResult` with each result as it arrives; resolves
 * to { results, sink, version, crossOriginIsolated }. `floor` ({ bytes, source }, from
 * bench/floor-binary.mjs) is the binary the page's memory-floor cases run; `dist` the
 * build folder served as /dist/ (the run's copy, bench/dist.mjs; default dist/).
 */
export async function runInChromium(cases, { quick, onResult, floor, dist }) {
  const server = await serve(await bundlePage(), floor?.bytes, dist);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.exposeFunction('benchResult', (r) => onResult?.(r));
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => window.benchReady, null, { timeout: 60_000 }).catch(() => {
      throw new Error(`the bench page did not load: ${errors.join('; ') || 'no error reported'}`);
    });
    const out = await page.evaluate(([c, q, f]) => window.runBench(c, q, f), [cases, quick, floor?.source]);
    return { ...out, version: browser.version() };
  } finally {
    await browser.close();
    await server.close();
  }
}
