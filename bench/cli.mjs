// `node bench/cli.mjs`: the command line's benchmark (issue 15), whole child processes timed
// from outside, as a user runs them. Each case is a plain loop of N timed runs (median and
// min–max; no tinybench: one sample is a multi-second process, far above any timer noise),
// the cases interleaved run by run so that the noisy VM's slow spells hit them alike.
//
// (A) `infodiv kl P Q` on two plain-number files (one double per line, every digit), a far
//     apart pair and a nearly identical one, against reading the files alone: a child of the
//     same node that reads both and parses them into Float64Arrays (split('\n') + Number, and
//     an indexOf scan + Number per line: the faster is the baseline; a hand-rolled digit
//     parser is left out, it is not correctly rounded on 17-digit numbers), and a raw
//     readFileSync of both (bytes only). The issue's target: the CLI within 2× of reading.
// (B) `infodiv drift REF CUR`, CUR ~1 GB of CSV (1e6 rows × 100 columns), against DuckDB's
//     CSV reader on the same file in this process (min and max of every column, so every
//     cell is parsed: count(*) would skip that), with its default threads and with one.
//
// The data is generated fresh into a temp dir under os.tmpdir() (seeded PRNG, written in
// chunks) and deleted at the end, however the run ends. The CLI runs under process.execPath:
// run this file with Node 24 to benchmark Node 24. Peak RSS of each child from
// /usr/bin/time when present, else from a preload that reports process.resourceUsage().
//
//   node bench/cli.mjs            full: 1e7-line files, 1e6 × 100 CSV → bench/results/cli.md
//   node bench/cli.mjs --quick    1e5 lines, 10k × 10, 1 run each → bench/results/quick/cli.md
//   --part a|b   one part only;  --runs N;  --lines N;  --rows N --cols N --ref-rows N;
//   --no-build   time bin/ and dist/ as they are (else rebuilt when older than src/).
// Sizes or --part other than the defaults write to bench/results/quick/cli.md, so the
// committed report always holds the full job. A benchmark, never a test.
import { execSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);

// Child mode: reading the files alone. Each prints a sum, so that nothing is optimised away.
if (process.argv[2] === '--read') {
  const [, , , how, ...files] = process.argv;
  const parse = {
    raw: (f) => readFileSync(f), // bytes only
    split(f) {
      const lines = readFileSync(f, 'latin1').split('\n');
      const n = lines.length - (lines[lines.length - 1] === '' ? 1 : 0);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = Number(lines[i]);
      return out;
    },
    scan(f) {
      // No array of lines: one substring at a time; the array grows by doubling.
      const text = readFileSync(f, 'latin1');
      let out = new Float64Array(1 << 16);
      let n = 0;
      for (let i = 0; i < text.length; ) {
        let j = text.indexOf('\n', i);
        if (j < 0) j = text.length;
        if (n === out.length) {
          const grown = new Float64Array(2 * n);
          grown.set(out);
          out = grown;
        }
        out[n++] = Number(text.slice(i, j));
        i = j + 1;
      }
      return out.subarray(0, n);
    },
  }[how];
  let sum = 0; // of the values, or of the byte counts for raw (summing bytes would be timed too)
  for (const f of files) {
    const xs = parse(f);
    if (how === 'raw') sum += xs.length;
    else for (let i = 0; i < xs.length; i++) sum += xs[i];
  }
  process.stdout.write(`${sum}\n`);
  process.exit(0);
}

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const quick = argv.includes('--quick');
const part = opt('part', 'ab');
const LINES = Number(opt('lines', quick ? 1e5 : 1e7));
const ROWS = Number(opt('rows', quick ? 1e4 : 1e6));
const COLS = Number(opt('cols', quick ? 10 : 100));
const REF_ROWS = Number(opt('ref-rows', quick ? 1e4 : 1e5));
const RUNS = Number(opt('runs', quick ? 1 : 5));
const custom = ['part', 'lines', 'rows', 'cols', 'ref-rows'].some((k) => argv.includes(`--${k}`));
const outFile = join(root, 'bench', 'results', ...(quick || custom ? ['quick', 'cli.md'] : ['cli.md']));

if (!argv.includes('--no-build')) {
  const { ensureBuilt } = await import('../scripts/ensure-built.mjs');
  ensureBuilt({ keepOld: true });
  if (!existsSync(cli)) execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
}
const runtime = `Node ${process.version}`;
console.log(`bench/cli.mjs${quick ? ' (quick)' : ''}: ${runtime} (${process.execPath}), ${RUNS} run(s) per case`);

const dir = mkdtempSync(join(os.tmpdir(), 'infodiv-cli-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
process.on('SIGINT', () => process.exit(130));

/** Mulberry32, two draws per double: uniform on (0, 1) with 53 random bits, deterministic per seed. */
function uniform(seed) {
  let s = seed >>> 0;
  const u32 = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return () => (u32() * 2097152 + (u32() >>> 11) + 0.5) / 9007199254740992;
}
const normal = (u) => () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());

/** Writes `n` lines, line(i) each, in chunks of 10,000 lines (one string per chunk, never the file). */
function writeLines(file, n, line) {
  const fd = openSync(file, 'w');
  for (let i = 0; i < n; ) {
    const chunk = [];
    for (const end = Math.min(n, i + 10_000); i < end; i++) chunk.push(line(i));
    writeSync(fd, `${chunk.join('\n')}\n`);
  }
  closeSync(fd);
  return statSync(file).size;
}

/** One run of a child: wall time (spawn to exit), peak RSS (MiB), exit code, stdout. */
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const RSS_TAG = 'infodiv-bench-maxrss';
const preload = `data:text/javascript,${encodeURIComponent(`process.on('exit',()=>process.stderr.write('\\n${RSS_TAG} '+process.resourceUsage().maxRSS+'\\n'))`)}`;
function run(args) {
  const rssFile = join(dir, 'rss');
  const [cmd, ...rest] = timeBin ? [timeBin, '-f', '%M', '-o', rssFile, process.execPath, ...args] : [process.execPath, `--import=${preload}`, ...args];
  const t = performance.now();
  const r = spawnSync(cmd, rest, { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - t;
  // GNU time writes "Command exited with non-zero status N" above the figure when N ≠ 0.
  const kib = timeBin ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : Number(r.stderr.match(new RegExp(`${RSS_TAG} (\\d+)`))?.[1]);
  return { ms, rss: kib / 1024, code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mb = (bytes) => `${(bytes / 1e6).toFixed(bytes < 1e8 ? 1 : 0)} MB`;
const secs = (ms) => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`);
const rate = (v) => (v >= 100 ? v.toFixed(0) : v.toPrecision(3)); // MB/s
const sci = (n) => n.toExponential().replace('e+', 'e'); // 1e7, 2.5e5

/**
 * Runs the cases RUNS times, interleaved; a case whose child fails (out of memory, say) is
 * kept with its error and not run again. `ok(code)` says which exit codes are a success.
 */
function runCases(cases) {
  for (let r = 0; r < RUNS; r++) {
    for (const c of cases) {
      if (c.error) continue;
      const out = run(c.args);
      if (!c.ok(out.code)) {
        c.error = `exit ${out.code ?? out.signal}: ${out.stderr.trim().split('\n').filter((l) => !l.startsWith(RSS_TAG)).slice(-1)[0] ?? ''}`;
        console.log(`  ${c.name}: failed, ${c.error}`);
        continue;
      }
      c.times.push(out.ms);
      c.rss = Math.max(c.rss ?? 0, out.rss);
      c.stdout = out.stdout;
      console.log(`  ${c.name}, run ${r + 1}: ${secs(out.ms)}, peak RSS ${out.rss.toFixed(0)} MiB`);
    }
  }
}

const rows = []; // the report's table
const notes = [];
const row = (c, baseline, runtimeLabel = runtime) =>
  rows.push({
    case: c.name,
    inputs: c.inputs,
    runs: c.times.length,
    median: c.error ? `failed (${c.error.replaceAll('|', '\\|')})` : secs(median(c.times)),
    spread: c.times.length ? `${secs(Math.min(...c.times))} – ${secs(Math.max(...c.times))}` : '',
    mbs: c.times.length ? rate(c.bytes / 1e3 / median(c.times)) : '',
    ratio: c.times.length && baseline ? `${(median(c.times) / baseline).toFixed(2)}×` : '',
    rss: c.rss === undefined ? '—' : `${c.rss.toFixed(0)} MiB`,
    runtime: runtimeLabel,
  });

// ---- (A) kl on plain-number files ----
if (part.includes('a')) {
  const t0 = performance.now();
  // P: uniform probabilities; far: an independent Q; near: Q = P·(1 + 1e-6·(u − ½)), every
  // digit kept (String(x) is the shortest round-trip form, ~18 characters a line).
  const draws = (seed) => ((u) => () => String(u()))(uniform(seed));
  const p = join(dir, 'p.txt');
  const pBytes = writeLines(p, LINES, draws(1));
  const far = join(dir, 'q-far.txt');
  const farBytes = writeLines(far, LINES, draws(2));
  const near = join(dir, 'q-near.txt');
  const pu = uniform(1);
  const nu = uniform(3);
  const nearBytes = writeLines(near, LINES, () => String(pu() * (1 + 1e-6 * (nu() - 0.5))));
  const gen = performance.now() - t0;
  notes.push(`(A) generated 3 files of ${sci(LINES)} lines (P ${mb(pBytes)}, Q far ${mb(farBytes)}, Q near ${mb(nearBytes)}) in ${secs(gen)}.`);
  console.log(notes.at(-1));

  const n = sci(LINES);
  const pairs = [
    ['far', far, pBytes + farBytes, `P, Q independent uniform (0,1), ${n} lines each`],
    ['near', near, pBytes + nearBytes, `Q = P·(1 + 1e-6·(u−½)), ${n} lines each`],
  ];
  const sets = pairs.map(([label, q, bytes, inputs]) => {
    const mk = (name, args, ok = (code) => code === 0) => ({ name: `${name} (${label})`, args, bytes, inputs, ok, times: [] });
    return [
      mk('`infodiv kl P Q`', [cli, 'kl', p, q]),
      mk('read + parse: split + Number', [self, '--read', 'split', p, q]),
      mk('read + parse: indexOf scan + Number', [self, '--read', 'scan', p, q]),
      mk('raw readFileSync (bytes only)', [self, '--read', 'raw', p, q]),
    ];
  });
  console.log('(A) kl against reading the files alone:');
  runCases(sets.flat());
  for (const [cliCase, ...reads] of sets) {
    const parsed = reads.slice(0, 2).filter((c) => c.times.length);
    const best = parsed.sort((a, b) => median(a.times) - median(b.times))[0];
    const base = best && median(best.times);
    for (const c of [cliCase, ...reads]) row(c, base);
    if (cliCase.times.length && best) notes.push(`${cliCase.name}: ${cliCase.stdout.trim()}; ${(median(cliCase.times) / base).toFixed(2)}× the faster read + parse (${best.name}); target ≤ 2×.`);
  }
}

// ---- (B) drift on a large CSV, beside DuckDB ----
if (part.includes('b')) {
  const t0 = performance.now();
  // Columns by j % 5: two normal, two lognormal (both toFixed(8): ~1 GB at 1e6 × 100), one
  // integer count (a floored exponential); every seventh column (all kinds) shifted in CUR.
  const names = Array.from({ length: COLS }, (_, j) => `c${j + 1}`);
  const kinds = ['normal', 'normal', 'lognormal', 'lognormal', 'count'];
  const writeCsv = (file, n, seed, shifted) => {
    const z = normal(uniform(seed));
    const u = uniform(seed + 1);
    const cell = (j) => {
      const s = shifted && j % 7 === 0;
      const kind = kinds[j % 5];
      const sd = 1 + (j % 3);
      if (kind === 'normal') return ((j % 7) - 3 + sd * z() + (s ? 0.3 * sd : 0)).toFixed(8);
      if (kind === 'lognormal') return Math.exp(0.5 * z() + (s ? 0.3 : 0)).toFixed(8);
      return String(Math.floor(-(20 + 10 * (j % 4)) * (s ? 1.3 : 1) * Math.log(u())));
    };
    const fd = openSync(file, 'w');
    writeSync(fd, `${names.join(',')}\n`);
    const line = new Array(COLS);
    for (let i = 0; i < n; ) {
      const chunk = [];
      for (const end = Math.min(n, i + 2_000); i < end; i++) {
        for (let j = 0; j < COLS; j++) line[j] = cell(j);
        chunk.push(line.join(','));
      }
      writeSync(fd, `${chunk.join('\n')}\n`);
    }
    closeSync(fd);
    return statSync(file).size;
  };
  const ref = join(dir, 'ref.csv');
  const refBytes = writeCsv(ref, REF_ROWS, 10, false);
  const cur = join(dir, 'cur.csv');
  const curBytes = writeCsv(cur, ROWS, 20, true);
  const gen = performance.now() - t0;
  const shiftedCols = names.filter((_, j) => j % 7 === 0).length;
  const inputs = `CUR ${ROWS.toLocaleString('en')} × ${COLS} (${mb(curBytes)}), REF ${REF_ROWS.toLocaleString('en')} rows (${mb(refBytes)})`;
  notes.push(`(B) generated REF (${mb(refBytes)}) and CUR (${mb(curBytes)}) in ${secs(gen)}; columns 2 normal : 2 lognormal : 1 integer count, ${shiftedCols} of ${COLS} shifted in CUR.`);
  console.log(notes.at(-1));

  console.log('(B) drift:');
  // drift exits 1 when a column drifted: a success here.
  const driftCase = { name: '`infodiv drift REF CUR`', args: [cli, 'drift', ref, cur], bytes: curBytes, inputs, ok: (code) => code === 0 || code === 1, times: [] };
  runCases([driftCase]);

  // DuckDB in this process, warm (one untimed run first), default threads then one.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const one = async (sql) => (await con.runAndReadAll(sql)).getRowsJS()[0];
  const [duckVersion] = await one('SELECT version()');
  const sql = `SELECT ${names.map((c) => `min(${c}), max(${c})`).join(', ')} FROM read_csv('${cur.replaceAll("'", "''")}')`;
  const duck = async (threads) => {
    await con.run(`SET threads = ${threads}`);
    const [set] = await one("SELECT current_setting('threads')");
    const c = { name: `DuckDB read_csv, min+max of every column, threads=${set}`, bytes: curBytes, inputs: `CUR as above`, times: [] };
    await one(sql); // warm-up
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      await one(sql);
      c.times.push(performance.now() - t);
      console.log(`  ${c.name}, run ${r + 1}: ${secs(c.times.at(-1))}`);
    }
    return c;
  };
  const [defaultThreads] = await one("SELECT current_setting('threads')");
  const duckN = await duck(Number(defaultThreads));
  const duck1 = await duck(1);
  con.closeSync();
  db.closeSync();
  const base = median(duck1.times);
  row(driftCase, base);
  const duckLabel = `DuckDB ${duckVersion} in-process (${runtime})`;
  row(duckN, base, duckLabel);
  row(duck1, base, duckLabel);
  if (driftCase.times.length) {
    const out = driftCase.stdout.trim().split('\n').map((l) => l.split('\t'));
    const drifted = out.slice(1).filter((r) => r[out[0].indexOf('drifted')] === 'true').length;
    notes.push(`${driftCase.name}: ${drifted} of ${COLS} columns reported drifted (${shiftedCols} shifted); REF + CUR read at ${rate((refBytes + curBytes) / 1e3 / median(driftCase.times))} MB/s; ${(median(driftCase.times) / median(duckN.times)).toFixed(1)}× DuckDB's time on ${defaultThreads} threads, ${(median(driftCase.times) / base).toFixed(1)}× on 1.`);
  }
}

const cpus = os.cpus();
const md = `# infodiv command line: kl and drift on large files

\`node bench/cli.mjs${argv.length ? ` ${argv.join(' ')}` : ''}\`, ${runtime}, ${cpus[0]?.model ?? 'unknown CPU'} (${cpus.length} vCPU), ${new Date().toISOString().slice(0, 10)}.
Wall time of each child process (spawn to exit, node startup included), ${RUNS} run(s) per case,
interleaved; DuckDB timed in-process after one warm-up run. MB/s: (A) both input files, (B) CUR.
Ratio: (A) against the faster read + parse of the same pair; (B) against DuckDB on one thread.
Peak RSS: the child's (${timeBin ? '/usr/bin/time' : 'process.resourceUsage()'}).

| case | inputs | runs | median | min – max | MB/s | ratio | peak RSS | runtime |
|---|---|---:|---:|---:|---:|---:|---:|---|
${rows.map((r) => `| ${[r.case, r.inputs, r.runs, r.median, r.spread, r.mbs, r.ratio, r.rss, r.runtime].join(' | ')} |`).join('\n')}

${notes.map((n) => `- ${n}`).join('\n')}
`;
console.log(`\n${md}`);
mkdirSync(join(outFile, '..'), { recursive: true });
writeFileSync(outFile, md);
console.log(`Wrote ${outFile}`);
