// Replays every input the coverage-guided fuzzer kept (corpus/<target>/) and every one
// it found a bug with (crashes/<target>/) through the same target and oracle, without
// Jazzer: a fixed bug stays fixed, and the corpus's paths stay free of findings.
// `npm run fuzz:coverage` (scripts/fuzz-coverage.mjs) grows both directories.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fuzz as binary } from './targets/binary.js';
import { fuzz as json } from './targets/json.js';
import { fuzz as text } from './targets/text.js';
import { fuzz as validation } from './targets/validation.js';

/** Each target, strict: no known finding passed over (see KNOWN in targets/validation.ts). */
const TARGETS: Record<string, (data: Uint8Array) => void> = { validation: (d) => validation(d, true), text, json, binary };
const here = join(import.meta.dirname, '.');

/**
 * Crash inputs of bugs outside this suite's reach (reported, not yet fixed), each with
 * why: these must still fail, so that a fix shows here and its line is removed.
 */
const KNOWN: Record<string, string> = {
  'validation/crash-2594dcd4113b1942a9440b4836762ecf7189649b': "drift's options.columns: [0] is an InputRangeError whose argument is the number 0",
  'validation/crash-8a3d706e664fbd6ab6d5fcbed5f1e5cc524314e0': "drift's options.columns: 5 (not an array) is a plain TypeError",
  'validation/crash-ea47fd6d2d34383b67833f3c22e5b5d16f0c229f': 'drift with a BigInt64Array column is a plain TypeError',
  'validation/crash-16e52e8ab0d68cb28b1d79f8d56313b731afddc4': "drift's options.measures: null is a plain TypeError",
  'validation/crash-9b429fdf4be40bfde84f726b178ec4e6a9480e4d': 'chiSquare([0.5, 0, 1e300, 17]) has statistic NaN',
  'validation/crash-58ab0ff09eff49e310bcece2ba3be674cf6b2e46': 'renyiDivergence returns -1.9e-16',
  'validation/crash-acece5485a6f31fec1b60b457830dfb5358d4095': "fitBins' range holding a Symbol is a plain TypeError",
  'validation/crash-48a77e45240e85145bb2d3b9d58be0b39194f733': 'jsDistance is NaN (js backend, Float32Array input)',
};

const inputs = (kind: string, target: string) => {
  try {
    return readdirSync(join(here, kind, target)).filter((f) => !f.startsWith('.')).sort();
  } catch {
    return [];
  }
};

for (const [target, fuzz] of Object.entries(TARGETS)) {
  describe(`coverage fuzz target ${target}`, () => {
    it('has a corpus', () => {
      expect(inputs('corpus', target).length).toBeGreaterThan(0);
    });
    for (const kind of ['corpus', 'crashes']) {
      const files = inputs(kind, target);
      if (files.length === 0) continue;
      it(`replays its ${files.length} ${kind} inputs`, () => {
        for (const f of files) {
          // The corpus was gathered passing over known findings; a crash file is replayed strict.
          const run = kind === 'corpus' && target === 'validation' ? () => validation(new Uint8Array(readFileSync(join(here, kind, target, f)))) : () => fuzz(new Uint8Array(readFileSync(join(here, kind, target, f))));
          if (KNOWN[`${target}/${f}`]) expect(run, `${kind}/${target}/${f} (known: ${KNOWN[`${target}/${f}`]})`).toThrow();
          else expect(run, `${kind}/${target}/${f}`).not.toThrow();
        }
      });
    }
  });
}
