// The one Chromium every browser test uses: Debian's package (installed by .ci/run), never
// a browser a test tool downloads. Shared by vitest.config.ts and the page tests.
// `CHROMIUM=/path/to/chromium npm test` points them at another build.
import { chromium, type Browser } from 'playwright';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', // CI runs as root, where Chromium's sandbox cannot start
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}
