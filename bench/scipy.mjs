// The SciPy column: while the Node suite holds each size's inputs, their bytes and the
// expected answers go to a temporary folder; then bench/scipy.py checks and times SciPy
// on exactly those arrays. Skipped, with a note, when python3 with scipy is missing.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { elementsOf, MEASURES, reference, TOLERANCE } from './cases.mjs';
import { budgetFor } from './plan.mjs';

const SCRIPT = fileURLToPath(new URL('scipy.py', import.meta.url));

/**
 * What each SciPy contender calls (the names bench/scipy.py knows), whether it divides
 * its inputs by their sums (which picks the reference), and which inputs it reads.
 */
const CALLS = {
  'kl:scipy-rel_entr': { fn: 'rel_entr_sum', normalize: false, call: 'scipy.special.rel_entr(p, q).sum()' },
  'kl:scipy-entropy': { fn: 'entropy_pq', normalize: true, call: 'scipy.stats.entropy(p, q)' },
  'entropy:scipy-entropy': { fn: 'entropy_p', normalize: true, call: 'scipy.stats.entropy(p)' },
  'js:scipy-jensenshannon': { fn: 'jensenshannon_squared', normalize: true, call: 'scipy.spatial.distance.jensenshannon(p, q) ** 2' },
  'jsDistance:scipy-jensenshannon': { fn: 'jensenshannon', normalize: true, call: 'scipy.spatial.distance.jensenshannon(p, q)' },
  'relEntr:scipy-rel_entr': { fn: 'rel_entr_out', normalize: false, call: 'scipy.special.rel_entr(p, q, out=out)' },
  'rowwise-kl:scipy-rel_entr': { fn: 'rel_entr_rows', normalize: false, call: 'scipy.special.rel_entr(P, Q).sum(axis=1)' },
  'rowwise-js:scipy-jensenshannon': { fn: 'jensenshannon_rows_squared', normalize: true, call: 'scipy.spatial.distance.jensenshannon(P, Q, axis=1) ** 2' },
  'pairwise-jsDistance:scipy-cdist': { fn: 'cdist_jensenshannon', normalize: true, call: "scipy.spatial.distance.cdist(P, Q, 'jensenshannon')" },
  'histogram:numpy-histogram': { fn: 'histogram', normalize: false, call: 'numpy.histogram(values, bins=1000, range=(0, 1))' },
};

/** The Python call behind a SciPy case, for the report. */
export const scipyCall = (measure, contender) => CALLS[`${measure}:${contender}`]?.call;

/** "scipy X, numpy Y" when python3 can import both, else undefined. */
export function scipyAvailable() {
  const r = spawnSync('python3', ['-c', 'import numpy, scipy; print(scipy.__version__, numpy.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export function scipyStage(cases, { quick }) {
  const folder = mkdtempSync(join(tmpdir(), 'infodiv-bench-'));
  const specs = [];
  const written = new Set();
  const file = (name, array) => {
    if (!written.has(name)) {
      writeFileSync(join(folder, name), new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
      written.add(name);
    }
    return name;
  };

  /** Writes what the cases of this size need; call while the size's inputs exist. */
  function prepare(size, m) {
    for (const c of cases.filter((x) => x.len === size.len)) {
      const how = CALLS[`${c.measure}:${c.contender}`];
      const def = MEASURES[c.measure];
      const inputs = def.inputs(size, 'f64');
      const files = {};
      const spec = { name: c.name, fn: how.fn, elements: elementsOf(c.measure, c.len), files };
      if (inputs.P) {
        files.P = file(`P-${c.measure.split('-')[0]}-${c.len}.f64`, inputs.P.data);
        files.Q = file(`Q-${c.measure.split('-')[0]}-${c.len}.f64`, inputs.Q.data);
        Object.assign(spec, { rows: inputs.P.rows, cols: inputs.P.cols });
      } else if (inputs.values) {
        files.values = file(`values-${c.len}.f64`, inputs.values);
        spec.bins = inputs.bins;
      } else {
        files.p = file(`p-${c.len}.f64`, inputs.p);
        files.q = file(`q-${c.len}.f64`, inputs.q);
      }
      const expected = reference(m, size, c, how.normalize);
      if (typeof expected === 'number') spec.expected = expected;
      else files.expected = file(`expected-${specs.length}.f64`, Float64Array.from(expected));
      m.setBackend('auto');
      spec.compare = def.compare ?? 'scalar';
      spec.tolerance = def.compare === 'counts' ? TOLERANCE.counts : TOLERANCE.peer;
      spec.budget = budgetFor(c.len, { quick });
      specs.push({ ...spec, case: c });
    }
  }

  /**
   * Runs bench/scipy.py over everything prepared, its progress lines numbered from
   * `first` of `total`; resolves to { versions, results, sink }.
   */
  async function run(first, total) {
    const manifest = join(folder, 'manifest.json');
    const cases = specs.map(({ case: _, ...spec }) => spec);
    writeFileSync(manifest, JSON.stringify({ first, total, sampleMs: 0.1, cases }));
    let stdout = '';
    try {
      const code = await new Promise((resolve, reject) => {
        const child = spawn('python3', [SCRIPT, manifest], { stdio: ['ignore', 'pipe', 'inherit'] });
        child.stdout.on('data', (d) => (stdout += d));
        child.on('error', reject);
        child.on('close', resolve);
      });
      if (code !== 0) throw new Error(`bench/scipy.py exited with ${code}`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    const out = JSON.parse(stdout);
    const results = out.results.map((r, i) => {
      const { case: c, elements } = specs[i];
      const record = { ...c, elements, ...r };
      if (r.status === 'ok') {
        record.nsPerElement = (r.medianMs * 1e6) / elements;
        record.p75NsPerElement = (r.p75Ms * 1e6) / elements;
      }
      return record;
    });
    return { versions: out.versions, results, sink: out.sink };
  }

  return { prepare, run, discard: () => rmSync(folder, { recursive: true, force: true }) };
}
