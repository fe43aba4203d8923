// `infodiv`, the command line (dist/cli.js, bundled with csv-parse; the library is
// imported as the package itself, so the CLI adds nothing to `import 'infodiv'`).
//   infodiv kl|js|jsd|entropy|ce|psi|hellinger|tv|wasserstein P [Q]
//   infodiv hist FILE --bins METHOD|N [--column NAME]
//   infodiv drift REFERENCE CURRENT [--columns a,b] [--measures …] [--fail-on moderate|major]
// Output: an aligned table on a terminal, TSV when piped, or --json / --csv; machine
// formats carry every digit. Exit codes: 0 done (drift: nothing drifted), 1 drift found,
// 2 bad input or usage, with one line on stderr (--debug adds the stack).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import * as lib from 'infodiv';
import { CliError, numbers, pick, readChunks, readTable, texts, where, type Column, type Table } from './read.js';
import { htmlReport } from './report.js';

const MEASURES: Record<string, { fn: (p: Float64Array, q: Float64Array, o: Record<string, unknown>) => number; two: boolean; base: boolean; normalize: boolean; smoothing?: boolean; samples?: boolean }> = {
  kl: { fn: (p, q, o) => lib.klDivergence(p, q, o) as number, two: true, base: true, normalize: true },
  js: { fn: (p, q, o) => lib.jsDivergence(p, q, o) as number, two: true, base: true, normalize: true },
  jsd: { fn: (p, q, o) => lib.jsDistance(p, q, o) as number, two: true, base: true, normalize: true },
  entropy: { fn: (p, _q, o) => lib.entropy(p, o) as number, two: false, base: true, normalize: true },
  ce: { fn: (p, q, o) => lib.crossEntropy(p, q, o) as number, two: true, base: true, normalize: true },
  psi: { fn: (p, q, o) => lib.psi(p, q, o), two: true, base: true, normalize: true, smoothing: true },
  hellinger: { fn: (p, q, o) => lib.hellinger(p, q, o), two: true, base: false, normalize: true, smoothing: true },
  tv: { fn: (p, q, o) => lib.totalVariation(p, q, o) as number, two: true, base: false, normalize: true },
  wasserstein: { fn: (p, q) => lib.wasserstein(p, q), two: true, base: false, normalize: false, samples: true },
};

const COMMON = {
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  'no-header': { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const HELP: Record<string, string> = {
  '': `infodiv — information divergences and drift reports from data files

Usage:
  infodiv kl|js|jsd|entropy|ce|psi|hellinger|tv|wasserstein P [Q] [options]
  infodiv hist FILE --bins METHOD|N [--column NAME]
  infodiv pairwise FILE --measure M [--by rows|columns] [--threads N]
  infodiv mi FILE --x COL --y COL [--bins METHOD|N]
  infodiv drift REFERENCE CURRENT [--columns a,b] [--measures psi,hellinger] [--fail-on moderate|major] [--report drift.html]
  infodiv COMMAND --help | --help | --version

Files: CSV, TSV, plain numbers one per line (these stream, any size), JSON, NDJSON, NumPy .npy/.npz,
Parquet (npm install hyparquet) and Arrow IPC (npm install apache-arrow); - reads stdin.
Output: a table on a terminal, TSV when piped; --json or --csv for machines.
Exit codes: 0 ok (drift: nothing drifted), 1 drift found, 2 bad input (one line on stderr; --debug for the stack).`,
  measure: `infodiv MEASURE P [Q] — one number, or one row per column pair

MEASURE: kl (KL divergence), js (Jensen–Shannon divergence), jsd (JS distance), entropy (P only),
ce (cross-entropy), psi, hellinger, tv (total variation), wasserstein (P and Q as raw samples).
P and Q hold histograms (counts or probabilities), one per column; columns pair by name.

Options:
  --base 2|e|10        logarithm base (default e)
  --no-normalize       take the values as they are
  --smoothing S        psi, hellinger: epsilon=1e-4 | floor=0.01 | additive=1
  --column NAME        only this column (name or 1-based index), in both files
  --no-header          the first row is data
  --json | --csv       machine output`,
  hist: `infodiv hist FILE --bins METHOD|N [--column NAME]

Counts and edges with the bins of fitBins: METHOD is auto, fd, doane, scott, stone, rice, sturges,
sqrt or quantile (with --count N), or N equal-width bins. Values outside and missing are reported.`,
  pairwise: `infodiv pairwise FILE --measure M — the matrix of M between every two rows (or columns)

M: kl, js, jsd, ce, tv, hellinger, bhattacharyya or psi. Each row of FILE (or each column, with
--by columns) is a histogram. --threads N splits the rows over worker threads; --base as for measures.`,
  mi: `infodiv mi FILE --x COL --y COL [--bins METHOD|N] — mutual information of two columns

Numeric columns are binned as fitBins does (--bins, default auto); other columns are categories.
Rows missing either value are left out and counted on stderr. --base as for measures.`,
  drift: `infodiv drift REFERENCE CURRENT — the per-column drift table of drift()

Options:
  --columns a,b        only these columns
  --measures m1,m2     e.g. psi,jsDistance,hellinger (default: drift()'s per kind)
  --fail-on LEVEL      moderate (default) or major: exit 1 when a column reaches it
  --profile FILE       also save the reference's profile (bins and counts) as JSON
  --from-profile FILE  use a saved profile instead of REFERENCE: infodiv drift CURRENT --from-profile FILE
  --report FILE        also write an HTML report (one self-contained file: summary, table, a chart per column)
  --json | --csv       machine output`,
};

/** The header option the readers take: --no-header forces none, else each file's rule. */
const headerOf = (values: { 'no-header'?: boolean }) => (values['no-header'] ? false : undefined);

function usage(message: string): never {
  throw new CliError(`${message} (infodiv --help)`);
}

const BIN_METHODS = ['auto', 'fd', 'doane', 'scott', 'stone', 'rice', 'sturges', 'sqrt', 'quantile'];

/**
 * fitBins' options for `--bins METHOD|N` (`--count N` the quantile bins). Checked here, so
 * that a bad flag is named as the flag (`--bins is 0`), not as fitBins' options.method.
 */
function binsOf(text: string, count?: string): { bins: number } | { method: string; bins?: number } {
  const n = Number(text);
  if (text.trim() !== '' && !Number.isNaN(n)) {
    if (Number.isInteger(n) && n > 0) return { bins: n };
    usage(`--bins is ${text}; use a whole number of bins ≥ 1 or a method (${BIN_METHODS.join(', ')})`);
  }
  if (!BIN_METHODS.includes(text)) usage(`--bins is "${text}"; use a method (${BIN_METHODS.join(', ')}) or a whole number of bins ≥ 1`);
  return text === 'quantile' ? { method: text, bins: Number(count ?? 10) } : { method: text };
}

function baseOf(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (v === 'e') return Math.E;
  const b = Number(v);
  if (!(b > 0) || b === 1) usage(`--base is ${v}; use 2, e, 10 or another number > 0 and ≠ 1`);
  return b;
}

function smoothingOf(v: string | undefined): unknown {
  if (v === undefined) return undefined;
  const m = /^(epsilon|floor|additive)=([^=]+)$/.exec(v);
  if (!m) usage(`--smoothing is ${v}; use epsilon=1e-4, floor=0.01 or additive=1`);
  return { [m[1]!]: Number(m[2]) };
}

type Cell = string | number | boolean;

/** Rows out: an aligned table on a TTY, TSV when piped, --json or --csv. */
function print(header: string[], rows: Cell[][], opts: { json?: boolean; csv?: boolean }): void {
  const out = process.stdout;
  if (opts.json) {
    out.write(`${JSON.stringify(rows.map((r) => Object.fromEntries(header.map((h, i) => [h, typeof r[i] === 'number' && !Number.isFinite(r[i] as number) ? String(r[i]) : r[i]]))), null, 2)}\n`);
    return;
  }
  const text = (c: Cell, tty: boolean) => (typeof c === 'number' && tty ? (Number.isInteger(c) ? String(c) : c.toPrecision(6)) : String(c));
  if (opts.csv) {
    const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    out.write([header, ...rows.map((r) => r.map((c) => text(c, false)))].map((r) => r.map(q).join(',')).join('\n') + '\n');
    return;
  }
  if (!out.isTTY) {
    out.write([header, ...rows.map((r) => r.map((c) => text(c, false)))].map((r) => r.join('\t')).join('\n') + '\n');
    return;
  }
  const cells = [header, ...rows.map((r) => r.map((c) => text(c, true)))];
  const widths = header.map((_, j) => Math.max(...cells.map((r) => r[j]!.length)));
  out.write(cells.map((r) => r.map((c, j) => (typeof rows[0]?.[j] === 'number' ? c.padStart(widths[j]!) : c.padEnd(widths[j]!))).join('  ').trimEnd()).join('\n') + '\n');
}

/** A column's numbers, or an error naming the first missing one: `what` needs every entry. */
function complete(t: Table, col: Column, what: string): Float64Array {
  const v = numbers(t, col);
  const missing = v.findIndex((x) => Number.isNaN(x));
  if (missing >= 0) throw new CliError(`${t.file}: ${where(t, missing)}, column ${col.name}: a missing value, where ${what} needs every entry`);
  return v;
}

async function measure(cmd: string, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...COMMON, base: { type: 'string' }, 'no-normalize': { type: 'boolean' }, smoothing: { type: 'string' }, column: { type: 'string' } },
  });
  if (values.help) return help('measure');
  const m = MEASURES[cmd]!;
  if (positionals.length !== (m.two ? 2 : 1)) usage(`${cmd} takes ${m.two ? 'two files, P and Q' : 'one file'}; got ${positionals.length}`);
  const header = headerOf(values);
  const P = await readTable(positionals[0]!, { header });
  const Q = positionals[1] === undefined ? undefined : await readTable(positionals[1], { header });
  const opts: Record<string, unknown> = {};
  if (values.base !== undefined) {
    if (!m.base) usage(`--base does not apply to ${cmd}`);
    opts.base = baseOf(values.base);
  }
  if (values['no-normalize']) {
    if (!m.normalize) usage(`--no-normalize does not apply to ${cmd}`);
    opts.normalize = false;
  }
  if (values.smoothing !== undefined) {
    if (!m.smoothing) usage(`--smoothing applies to psi and hellinger, not ${cmd}`);
    opts.smoothing = smoothingOf(values.smoothing);
  }
  const names = values.column ? [values.column] : undefined;
  const pc = pick(P!, names);
  // Q's columns: the ones named; else P's names where Q has them all; else by position.
  const byName = Q && pc.every((c) => Q.columns.some((d) => d.name === c.name));
  if (Q && !names && !byName && Q.columns.length !== pc.length) {
    usage(`${P!.file} has columns ${pc.map((c) => c.name).join(', ')} and ${Q.file} ${Q.columns.map((c) => c.name).join(', ')}: name them alike, or choose one with --column`);
  }
  const qc = Q ? (names || byName ? pick(Q, names ?? pc.map((c) => c.name)) : Q.columns) : pc;
  const results = pc.map((col, i) => {
    const p = complete(P!, col, cmd);
    const q = Q ? complete(Q, qc[i]!, cmd) : p;
    if (m.two && !m.samples && p.length !== q.length) {
      throw new CliError(`${Q!.file}: column ${qc[i]!.name} has ${q.length} values where ${P!.file}'s ${col.name} has ${p.length}; a histogram pair needs equal lengths`);
    }
    return [col.name, m.fn(p, q, opts)] as [string, number];
  });
  if (results.length === 1 && !values.json && !values.csv) {
    process.stdout.write(`${results[0]![1]}\n`);
    return 0;
  }
  print(['column', cmd], results, values);
  return 0;
}

async function hist(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...COMMON, bins: { type: 'string' }, count: { type: 'string' }, column: { type: 'string' } } });
  if (values.help) return help('hist');
  if (positionals.length !== 1) usage(`hist takes one file; got ${positionals.length}`);
  if (!values.bins) usage('hist needs --bins METHOD or --bins N');
  const t = await readTable(positionals[0]!, { header: headerOf(values) });
  const cols = pick(t, values.column ? [values.column] : undefined);
  if (cols.length !== 1) usage(`${t.file} has ${cols.length} columns; choose one with --column`);
  const v = numbers(t, cols[0]!);
  const bins = lib.fitBins(v, binsOf(values.bins, values.count) as never);
  const c = lib.binCounts(v, bins);
  const e = bins.edges;
  const rows: Cell[][] = Array.from(c.counts, (count, i) => [e[i]!, e[i + 1]!, count]);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ column: cols[0]!.name, edges: Array.from(e), counts: Array.from(c.counts), below: c.below, above: c.above, missing: c.nan }, null, 2)}\n`);
  } else {
    print(['lo', 'hi', 'count'], rows, values);
    if (c.below + c.above + c.nan > 0) process.stderr.write(`infodiv: ${c.below} below, ${c.above} above the edges, ${c.nan} missing\n`);
  }
  return 0;
}

const BULK: Record<string, string> = { kl: 'kl', js: 'js', jsd: 'jsDistance', ce: 'crossEntropy', tv: 'totalVariation', hellinger: 'hellinger', bhattacharyya: 'bhattacharyya', psi: 'psi' };

async function pairwise(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...COMMON, measure: { type: 'string' }, by: { type: 'string' }, threads: { type: 'string' }, base: { type: 'string' } },
  });
  if (values.help) return help('pairwise');
  if (positionals.length !== 1) usage(`pairwise takes one file; got ${positionals.length}`);
  const name = values.measure;
  if (!name || !(name in BULK)) usage(`pairwise needs --measure, one of ${Object.keys(BULK).join(', ')}`);
  const by = values.by ?? 'rows';
  if (by !== 'rows' && by !== 'columns') usage(`--by is ${by}; use rows or columns`);
  const t = await readTable(positionals[0]!, { header: headerOf(values) });
  const cols = t.columns.map((c) => complete(t, c, 'pairwise'));
  const vectors = by === 'columns' ? cols : Array.from({ length: t.rows }, (_, i) => Float64Array.from(cols, (c) => c[i]!));
  const labels = by === 'columns' ? t.columns.map((c) => c.name) : Array.from({ length: t.rows }, (_, i) => String(i + 1));
  const opts: Record<string, unknown> = {};
  if (values.base !== undefined) opts.base = baseOf(values.base);
  if (values.threads !== undefined) {
    const n = Number(values.threads);
    if (!Number.isInteger(n) || n < 1) usage(`--threads is ${values.threads}; use a whole number ≥ 1`);
    opts.threads = n;
  }
  const m = await lib.pairwise(BULK[name] as lib.Measure, vectors, undefined, opts);
  const rows = labels.map((l, i) => [l, ...Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols))] as Cell[]);
  print(['', ...labels], rows, values);
  if (opts.threads !== undefined) await lib.dispose();
  return 0;
}

/** Each value's bin (numeric columns, binned as fitBins) or category; -1 where missing. */
function codes(t: Table, col: Column, spec: string): { codes: Int32Array; levels: number } {
  if (col.numeric) {
    const v = numbers(t, col);
    const bins = lib.fitBins(v, binsOf(spec) as never);
    const e = bins.edges;
    const k = e.length - 1;
    return {
      codes: Int32Array.from(v, (x) => {
        if (Number.isNaN(x)) return -1;
        let lo = 0;
        let hi = k - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (e[mid]! <= x) lo = mid;
          else hi = mid - 1;
        }
        return lo;
      }),
      levels: k,
    };
  }
  const seen = new Map<string, number>();
  const c = Int32Array.from(texts(col), (x) => {
    if (x === null) return -1;
    if (!seen.has(x)) seen.set(x, seen.size);
    return seen.get(x)!;
  });
  return { codes: c, levels: seen.size };
}

async function mi(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...COMMON, x: { type: 'string' }, y: { type: 'string' }, bins: { type: 'string' }, base: { type: 'string' } },
  });
  if (values.help) return help('mi');
  if (positionals.length !== 1) usage(`mi takes one file; got ${positionals.length}`);
  if (!values.x || !values.y) usage('mi needs --x COL and --y COL');
  const t = await readTable(positionals[0]!, { header: headerOf(values) });
  const [cx, cy] = pick(t, [values.x, values.y]);
  const a = codes(t, cx!, values.bins ?? 'auto');
  const b = codes(t, cy!, values.bins ?? 'auto');
  const joint = new Float64Array(a.levels * b.levels);
  let skipped = 0;
  for (let i = 0; i < t.rows; i++) {
    if (a.codes[i]! < 0 || b.codes[i]! < 0) skipped++;
    else joint[a.codes[i]! * b.levels + b.codes[i]!]!++;
  }
  const value = lib.mutualInformation({ data: joint, rows: a.levels, cols: b.levels }, { base: baseOf(values.base) });
  if (values.json) process.stdout.write(`${JSON.stringify({ x: cx!.name, y: cy!.name, mi: value, rows: t.rows - skipped, skipped })}\n`);
  else process.stdout.write(`${value}\n`);
  if (skipped > 0) process.stderr.write(`infodiv: ${skipped} rows left out (a missing value)\n`);
  return 0;
}

/** A table's columns as drift() takes them: numbers (NaN where missing), or text for the `text` columns (all columns not numbers, by default). */
function driftTable(t: Table, text?: Set<string>): Record<string, Float64Array | string[]> {
  return Object.fromEntries(
    t.columns.map((c) => [c.name, (text ? text.has(c.name) : !c.numeric) ? texts(c).map((x) => x ?? '') : numbers(t, c)]),
  );
}

async function drift(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...COMMON,
      columns: { type: 'string' },
      measures: { type: 'string' },
      'fail-on': { type: 'string' },
      profile: { type: 'string' },
      'from-profile': { type: 'string' },
      report: { type: 'string' },
    },
  });
  if (values.help) return help('drift');
  const fromProfile = values['from-profile'];
  const want = fromProfile ? 1 : 2;
  if (positionals.length !== want) usage(fromProfile ? `drift --from-profile takes one file, CURRENT; got ${positionals.length}` : `drift takes two files, REFERENCE and CURRENT; got ${positionals.length}`);
  const failOn = values['fail-on'] ?? 'moderate';
  if (failOn !== 'moderate' && failOn !== 'major') usage(`--fail-on is ${failOn}; use moderate or major`);
  const header = headerOf(values);
  const opts: Record<string, unknown> = {};
  if (values.columns) opts.columns = values.columns.split(',');
  if (values.measures) opts.measures = values.measures.split(',');
  let monitor: lib.DriftMonitor;
  if (fromProfile) {
    let profile: unknown;
    try {
      profile = JSON.parse(readFileSync(fromProfile, 'utf8'));
    } catch (e) {
      throw new CliError(`${fromProfile}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not a profile (${(e as Error).message})`}`);
    }
    if (values.columns || values.measures) usage('--columns and --measures are fixed by the profile; they go with a REFERENCE file');
    monitor = lib.DriftMonitor.fromProfile(profile as never);
  } else {
    // The reference is read whole (its bins are fitted on all of it, quantiles included).
    monitor = lib.createDriftMonitor(driftTable(await readTable(positionals[0]!, { header })), opts as lib.DriftOptions);
  }
  // A profile holds the bins and the reference's counts: a later run needs no reference file.
  if (values.profile) writeFileSync(values.profile, JSON.stringify(monitor.profile()));
  // The current file streams: each chunk is counted and let go, so its size is not bounded by memory.
  const specs = monitor.columnSpecs();
  const text = new Set(specs.filter((c) => c.spec.kind === 'categorical').map((c) => c.name));
  const current = positionals[positionals.length - 1]!;
  for await (const chunk of readChunks(current, { header, keepText: (n) => text.has(n) })) {
    const cols = pick(chunk, specs.map((c) => c.name));
    monitor.update(driftTable({ ...chunk, columns: cols }, text));
  }
  const report: lib.DriftReport = monitor.result();
  if (values.report) {
    const info = { reference: fromProfile ?? positionals[0]!, current, failOn, generated: new Date().toISOString(), version: version() } as const;
    writeFileSync(values.report, htmlReport(report, info));
  }
  const names = [...new Set(report.columns.flatMap((c) => Object.keys(c.measures)))];
  const rows = report.columns.map((c) => [c.column, c.kind, c.severity, c.drifted, ...names.map((n) => (c.measures as Record<string, number | undefined>)[n] ?? ''), c.missing.reference, c.missing.current] as Cell[]);
  if (values.json) process.stdout.write(`${JSON.stringify(report, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v), 2)}\n`);
  else print(['column', 'kind', 'severity', 'drifted', ...names, 'missing_reference', 'missing_current'], rows, values);
  const hit = report.columns.some((c) => c.severity === 'major' || (failOn === 'moderate' && c.severity === 'moderate'));
  return hit ? 1 : 0;
}

function help(topic: string): number {
  process.stdout.write(`${HELP[topic]}\n`);
  return 0;
}

function version(): string {
  return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
}

export function main(argv: string[]): number | Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') return help('');
  if (cmd === '--version' || cmd === '-v') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  if (cmd in MEASURES) return measure(cmd, rest);
  if (cmd === 'hist') return hist(rest);
  if (cmd === 'pairwise') return pairwise(rest);
  if (cmd === 'mi') return mi(rest);
  if (cmd === 'drift') return drift(rest);
  usage(`unknown command ${cmd}`);
}

function fail(e: unknown): void {
  const debug = process.argv.includes('--debug');
  const known = e instanceof CliError || e instanceof lib.InputRangeError || e instanceof lib.InputTypeError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`infodiv: ${(e as Error).message}\n`);
  if (debug || !known) process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 2;
}

try {
  const r = main(process.argv.slice(2));
  if (typeof r === 'number') process.exitCode = r;
  else r.then((code) => (process.exitCode = code), fail);
} catch (e) {
  fail(e);
}
