// Every function against the committed SciPy / mpmath fixtures (scripts/fixtures.py), on
// every backend. References are mpmath values (at least 50 digits, more where the data
// span demands it) rounded to double; tolerance 1e-12 relative, infinities and zeros exact.
import { describe, expect, it } from 'vitest';
import {
  crossEntropy,
  entropy,
  jsDistance,
  jsDivergence,
  klDiv,
  klDivergence,
  mutualInformation,
  relEntr,
  totalVariation,
  type Vector,
} from '../src/index.js';
import elementwise from './fixtures/elementwise.json' with { type: 'json' };
import generators from './fixtures/generators.json' with { type: 'json' };
import mutualInfo from './fixtures/mutual-information.json' with { type: 'json' };
import reductions from './fixtures/reductions.json' with { type: 'json' };
import totalVariationCases from './fixtures/total-variation.json' with { type: 'json' };
import { generate, type GenSpec } from './fixtures/generate.js';
import { BACKENDS, expectClose, num, vector, withBackend, type Stored } from './helpers.js';

const REL = 1e-12;


/** Hex SHA-256 of the vector's bytes; Web Crypto, so the check runs in Node and browsers alike. */
async function sha256(x: Float64Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new Uint8Array(x.buffer as ArrayBuffer, x.byteOffset, x.byteLength));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

describe('fixture generator', () => {
  it.each(generators.cases.map((c) => [c.id, c] as const))('%s reproduces the Python vectors bit for bit', async (_, c) => {
    const x = generate(c.spec as GenSpec);
    expect(await sha256(x)).toBe(c.sha256);
  });
});

describe.each(BACKENDS)('reductions on %s', (name) => {
  for (const c of reductions.cases) {
    it(c.id, () => {
      withBackend(name, () => {
        const p = vector(c.p as Stored, c.dtype);
        const q = vector(c.q as Stored, c.dtype);
        const opts = { base: c.base ?? undefined, normalize: c.normalize };
        const e = c.expected as Record<string, number | string>;
        // Raw (unnormalised) sums can mix signs; their inherent conditioning is
        // ε·Σ|term|, which `termScale` records. Normalised results have no such excuse.
        const abs = c.normalize ? 1e-300 : 4e-16 * num(e.termScale!);
        expectClose(klDivergence(p, q, opts), num(e.kl!), REL, abs, 'kl');
        expectClose(klDivergence(q, p, opts), num(e.klReverse!), REL, abs, 'klReverse');
        expectClose(entropy(p, opts), num(e.entropy!), REL, 1e-300, 'entropy');
        expectClose(crossEntropy(p, q, opts), num(e.crossEntropy!), REL, 1e-300, 'crossEntropy');
        expectClose(jsDivergence(p, q, opts), num(e.js!), REL, 1e-300, 'js');
        expectClose(jsDistance(p, q, opts), num(e.jsDistance!), REL, 1e-300, 'jsDistance');
      });
    });
  }
});

describe.each(BACKENDS)('total variation on %s', (name) => {
  // Exact references (rational arithmetic over the inputs' doubles), rounded once; raw
  // sums ½Σ|a − b| have no cancellation to excuse, so the tolerance is the same 1e-12.
  for (const c of totalVariationCases.cases) {
    it(c.id, () => {
      withBackend(name, () => {
        const p = vector(c.p as Stored, c.dtype);
        const q = vector(c.q as Stored, c.dtype);
        expectClose(totalVariation(p, q, { normalize: c.normalize }), c.expected, REL, 1e-300, 'totalVariation');
        expectClose(totalVariation(q, p, { normalize: c.normalize }), c.expected, REL, 1e-300, 'totalVariation reversed');
      });
    });
  }
});

describe('SciPy parity', () => {
  it.each(BACKENDS)('the seed example gives SciPy’s digits on %s', (name) => {
    withBackend(name, () => {
      const P = [0.1, 0.4, 0.5];
      const Q = [0.8, 0.15, 0.05];
      for (const c of reductions.cases.filter((x) => x.id.startsWith('seed') && x.normalize)) {
        const opts = { base: c.base ?? undefined };
        const s = c.scipy as Record<string, number>;
        expectClose(klDivergence(P, Q, opts), s.kl!, 1e-15, 0, `${c.id} kl`);
        expectClose(klDivergence(Q, P, opts), s.klReverse!, 1e-15, 0, `${c.id} klReverse`);
        expectClose(entropy(P, opts), s.entropy!, 1e-15, 0, `${c.id} entropy`);
        expectClose(jsDistance(P, Q, opts), s.jsDistance!, 1e-15, 0, `${c.id} jsDistance`);
      }
      // The worked example's published figures.
      expect(klDivergence(P, Q, { base: 2 }).toFixed(3)).toBe('1.927');
      expect(klDivergence(P, Q).toFixed(3)).toBe('1.336');
      expect(klDivergence(Q, P, { base: 2 }).toFixed(3)).toBe('2.022');
      expect(klDivergence(Q, P).toFixed(3)).toBe('1.401');
      expect(jsDivergence(P, Q, { base: 2 }).toFixed(3)).toBe('0.420');
      expect(jsDistance(P, Q, { base: 2 }).toFixed(3)).toBe('0.648');
    });
  });
});

describe.each(BACKENDS)('elementwise on %s', (name) => {
  for (const c of elementwise.cases) {
    it(c.id, () => {
      withBackend(name, () => {
        const x = Float64Array.from(c.x, num);
        const y = Float64Array.from(c.y, num);
        const re = relEntr(x, y);
        const kd = klDiv(x, y);
        for (let i = 0; i < x.length; i++) {
          const label = `${c.id}[${i}] (${x[i]}, ${y[i]})`;
          if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) {
            // mpmath's value; where SciPy's own formula overflows (x/y beyond the double
            // range) it gives ∞ and we give the finite answer.
            expectClose(re[i]!, num(c.relEntr[i]!), REL, 1e-300, `relEntr ${label}`);
            expectClose(kd[i]!, num(c.klDiv[i]!), REL, 1e-300, `klDiv ${label}`);
          } else {
            // NaN or ±∞ inputs: SciPy's edge cases, verbatim (kl_div(∞, 1) is NaN there).
            expect(re[i], `relEntr ${label}`).toBe(num(c.scipyRelEntr[i]!));
            expect(kd[i], `klDiv ${label}`).toBe(num(c.scipyKlDiv[i]!));
          }
        }
      });
    });
  }
});

describe.each(BACKENDS)('mutual information on %s', (name) => {
  for (const c of mutualInfo.cases) {
    it(c.id, () => {
      withBackend(name, () => {
        const data = vector(c.data as Stored, 'f64');
        const joint = { data, rows: c.rows, cols: c.cols };
        const e = c.expected as Record<string, number | string>;
        expectClose(mutualInformation(joint), num(e.nats!), REL, 1e-300, 'nats');
        expectClose(mutualInformation(joint, { base: 2 }), num(e.bits!), REL, 1e-300, 'bits');
      });
    });
  }
});
