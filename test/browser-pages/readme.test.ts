// The README's browser snippet, as written, in a page served from a project that has
// infodiv installed (node_modules/infodiv is this package): it must load the unbundled
// build, print the worked example's KL in bits, and throw nothing.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readmeBlocks } from '../readme.js';
import { launchChromium } from './chromium.js';
import { root } from './harness.js';
import { serve, type StaticServer } from './server.js';

let project: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'infodiv-readme-page-'));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(root, join(project, 'node_modules/infodiv'), 'dir');
  server = await serve({ '/': project });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('README html blocks', () => {
  const blocks = readmeBlocks(readFileSync(join(root, 'README.md'), 'utf8'), 'html');
  it('there is one', () => expect(blocks.length).toBe(1));

  it.each(blocks.map((b, i) => [i, b.line, b.code] as const))('block %i (line %i) runs in Chromium as written', async (i, _, code) => {
    writeFileSync(join(project, `readme-${i}.html`), code);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      const logs: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => logs.push(m.text()));
      await page.goto(`${server.origin}/plain/readme-${i}.html`);
      await expect.poll(() => logs.length, { timeout: 20_000 }).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      // The value the snippet's comment shows, to the last digit (Chromium's Math.log may
      // differ from Node's by an ulp on these three elements, which run on JS).
      const want = Number(/\/\/ (\d\.\d+)/.exec(code)![1]);
      expect(Math.abs(Number(logs[0]) - want)).toBeLessThanOrEqual(2 * Number.EPSILON * want);
    } finally {
      await context.close();
    }
  });
});
