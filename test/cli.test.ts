// The command line, run as the real binary (node dist/cli.js) in a child process over
// files of every format it reads and over stdin: its output equals the library's answer
// on the same numbers, and its exit codes and error lines are the documented ones.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readmeBlocks } from './readme.js';
import { mutualInformation, pairwise } from '../src/index.js';
import { drift, entropy, fitBins, binCounts, hellinger, jsDistance, klDivergence, psi, totalVariation, wasserstein } from '../src/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'infodiv-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function run(args: string[], input?: string): { out: string; err: string; code: number } {
  const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), ...args], { input, encoding: 'utf8', cwd: root });
  return { out: r.stdout, err: r.stderr, code: r.status ?? -1 };
}

const P = [0.1, 0.4, 0.5];
const Q = [0.8, 0.15, 0.05];

describe('infodiv MEASURE P Q', () => {
  it('reads plain numbers, CSV, TSV, JSON, NDJSON and stdin alike, and prints every digit', () => {
    const want = klDivergence(P, Q, { base: 2 }) as number;
    const plain = [file('p.txt', P.join('\n') + '\n'), file('q.txt', Q.join('\n'))];
    const csv = [file('p.csv', 'x\n' + P.join('\n')), file('q.csv', 'x\n' + Q.join('\n'))];
    const tsv = [file('p.tsv', 'x\ty\n' + P.map((v) => `${v}\t1`).join('\n')), file('q.tsv', 'x\ty\n' + Q.map((v) => `${v}\t1`).join('\n'))];
    const json = [file('p.json', JSON.stringify(P)), file('q.json', JSON.stringify({ x: Q }))];
    const ndjson = [file('p.ndjson', P.map((x) => JSON.stringify({ x })).join('\n')), file('q.ndjson', Q.map((x) => JSON.stringify({ x })).join('\n'))];
    for (const [p, q] of [plain, csv, json, ndjson]) {
      const r = run(['kl', p!, q!, '--base', '2']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(Number(r.out)).toBe(want);
    }
    // Two columns in TSV: one row per column pair, TSV when piped.
    const r = run(['kl', tsv[0]!, tsv[1]!, '--base', '2']);
    expect(r.out.trim().split('\n')).toEqual(['column\tkl', `x\t${want}`, 'y\t0']);
    expect(Number(run(['kl', '-', plain[1]!, '--base', '2'], P.join('\n')).out)).toBe(want);
  });

  it('every measure equals the library on the same numbers, with --base, --no-normalize and --smoothing', () => {
    const [p, q] = [file('pm.txt', '4\n0\n6\n'), file('qm.txt', '3\n2\n5\n')];
    const [a, b] = [[4, 0, 6], [3, 2, 5]];
    const cases: [string[], number][] = [
      [['kl', p, q], klDivergence(a, b) as number],
      [['jsd', p, q, '--base', '2'], jsDistance(a, b, { base: 2 }) as number],
      [['entropy', p, '--base', '10'], entropy(a, { base: 10 }) as number],
      [['psi', p, q, '--smoothing', 'epsilon=1e-4'], psi(a, b, { smoothing: { epsilon: 1e-4 } })],
      [['hellinger', p, q], hellinger(a, b)],
      [['tv', p, q, '--no-normalize'], totalVariation(a, b, { normalize: false }) as number],
      [['wasserstein', p, q], wasserstein(a, b)],
    ];
    for (const [args, want] of cases) expect(Number(run(args).out), args.join(' ')).toBe(want);
    expect(run(['psi', p, q]).out.trim()).toBe('Infinity');
    const j = JSON.parse(run(['kl', p, q, '--json']).out);
    expect(j).toEqual([{ column: 'value', kl: klDivergence(a, b) }]);
  });

  it('bad input: one line on stderr naming file, line and column, exit 2; --debug adds the stack', () => {
    const bad = file('bad.csv', 'x,y\n1,2\n3,oops\n');
    let r = run(['kl', bad, bad, '--column', 'y']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`infodiv: ${bad}: line 3, column y: "oops" is not a number\n`);
    r = run(['kl', file('ragged.csv', 'x,y\n1,2\n3\n'), bad]);
    expect(r.err).toMatch(/ragged\.csv: line 3: 1 fields where the header has 2/);
    expect(run(['kl', bad, bad, '--column', 'z']).err).toMatch(/no column z \(columns: x, y\)/);
    expect(run(['kl', file('empty.txt', '\n'), bad]).err).toMatch(/empty\.txt: the file is empty/);
    expect(run(['kl', file('a.txt', '1\n2\n'), file('b.txt', '1\n2\n3\n')]).err).toMatch(/3 values where .* has 2/);
    expect(run(['kl', file('semi.csv', 'x;y\n1,5;2\n'), bad]).err).toMatch(/comma decimal separator/);
    expect(run(['kl', file('na.txt', '1\nNA\n2\n'), file('nb.txt', '1\n2\n3\n')]).err).toMatch(/line 2, column value: a missing value/);
    expect(run(['kl', join(dir, 'nope.txt'), bad]).err).toMatch(/nope\.txt: no such file/);
    expect(run(['kl', bad]).code).toBe(2);
    expect(run(['frobnicate']).err).toMatch(/unknown command frobnicate/);
    expect(run(['kl', bad, bad, '--bogus']).code).toBe(2);
    r = run(['kl', bad, bad, '--column', 'y', '--debug']);
    expect(r.err.split('\n').length).toBeGreaterThan(3);
  });

  it('--help, COMMAND --help and --version', () => {
    expect(run(['--help']).out).toMatch(/^infodiv — information divergences/);
    expect(run(['kl', '--help']).out).toMatch(/--base 2\|e\|10/);
    expect(run(['drift', '--help']).out).toMatch(/--fail-on/);
    expect(run(['--version']).out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('NumPy .npy files', () => {
  const npy = (name: string) => join(root, 'test/fixtures/cli', name);
  const values = JSON.parse(readFileSync(npy('values.json'), 'utf8')) as Record<string, number[] | number[][]>;
  it('f8, f4, i4, u1 and 2-D arrays (C order) read as np.save wrote them (scripts/cli-npy-fixtures.py)', () => {
    expect(Number(run(['kl', npy('p_f8.npy'), npy('q_f4.npy'), '--base', '2']).out)).toBe(klDivergence(values['p_f8.npy'] as number[], values['q_f4.npy'] as number[], { base: 2 }));
    expect(Number(run(['hellinger', npy('counts_i4.npy'), npy('counts_u1.npy')]).out)).toBe(hellinger([4, 0, 6], [3, 2, 5]));
    const rows = values['rows_f8_2d.npy'] as number[][];
    const out = run(['pairwise', npy('rows_f8_2d.npy'), '--measure', 'js']).out;
    expect(out.trim().split('\n').slice(1).map((l) => l.split('\t').slice(1).map(Number)).flat()).toEqual(Array.from(pairwise('js', rows).data));
  });

  it('big-endian and Fortran-ordered files are refused, saying why', () => {
    expect(run(['entropy', npy('big_endian.npy')]).err).toMatch(/big-endian data \(>f8\) is not read/);
    expect(run(['entropy', npy('fortran.npy')]).err).toMatch(/Fortran-ordered data is not read/);
    expect(run(['entropy', file('fake.npy', 'hello')]).err).toMatch(/not a \.npy file/);
  });
});

describe('binary formats through the binary: .npz, Parquet, Arrow IPC, also on stdin', () => {
  const fx = (name: string) => join(root, 'test/fixtures/cli', name);
  const binary = JSON.parse(readFileSync(fx('binary_values.json'), 'utf8')) as Record<string, { columns: Record<string, { numbers?: (number | null)[] }> }>;
  const npz = JSON.parse(readFileSync(fx('npz_values.json'), 'utf8')) as Record<string, Record<string, number[]>>;
  // Missing values are an error for entropy, so the columns are the ones without nulls (or hist, which counts them).
  it('entropy and hist of their columns equal the library on the values the generators wrote down', () => {
    for (const f of ['arrays.npz', 'arrays_compressed.npz']) {
      expect(Number(run(['entropy', fx(f), '--column', 'counts.2']).out), f).toBe(entropy(npz[f]!['counts.2']!) as number);
    }
    const d = binary.parquet!.columns.d!.numbers!;
    for (const f of ['uncompressed.parquet', 'snappy.parquet', 'gzip.parquet', 'table.arrow', 'table.arrows']) {
      const r = run(['hist', fx(f), '--column', 'd', '--bins', '2', '--json']);
      expect(r.code, `${f}: ${r.err}`).toBe(0);
      const kept = d.filter((x): x is number => x !== null);
      const got = JSON.parse(r.out);
      expect(got.counts, f).toEqual(Array.from(binCounts(kept, fitBins(kept, { bins: 2 })).counts));
      expect(got.missing, f).toBe(1);
    }
    // stdin: the format from the file's first bytes.
    const piped = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'hist', '-', '--column', 'i64', '--bins', '3', '--json'], { input: readFileSync(fx('snappy.parquet')), cwd: root });
    expect(JSON.parse(piped.stdout.toString()).missing).toBe(1);
    expect(run(['entropy', fx('table.arrow'), '--column', 'd']).err).toMatch(/row 3, column d: a missing value/);
  });
});

describe('streamed text files (4 MiB chunks)', () => {
  // ~12 MB: several chunks, with a quoted field holding a newline and a delimiter near a chunk's end.
  const rows = 400_000;
  const big = (bad?: number) => {
    const out = ['"x","y","label"'];
    for (let i = 0; i < rows; i++) {
      const label = i === 190_000 ? '"two\nlines, and a comma"' : i % 3 === 0 ? 'a' : 'b';
      out.push(`${i === bad ? 'oops' : Math.sin(i) * 1e3},${i % 17 === 0 ? '' : (i % 11) / 7},${label}`);
    }
    return out.join('\r\n') + '\r\n';
  };
  const x = Float64Array.from({ length: rows }, (_, i) => Math.sin(i) * 1e3);

  it('reads every row of a multi-chunk CSV exactly (CRLF, quotes across a newline), and names the line of a bad cell far in', () => {
    const f = file('big.csv', big());
    const r = run(['hist', f, '--column', 'y', '--bins', '11', '--json']);
    expect(r.err).toBe('');
    const y = Array.from({ length: rows }, (_, i) => (i % 17 === 0 ? NaN : (i % 11) / 7));
    const kept = y.filter((v) => !Number.isNaN(v));
    expect(JSON.parse(r.out).counts).toEqual(Array.from(binCounts(kept, fitBins(kept, { bins: 11 })).counts));
    expect(JSON.parse(r.out).missing).toBe(y.length - kept.length);
    expect(JSON.parse(run(['hist', f, '--column', 'x', '--bins', 'quantile', '--count', '7', '--json']).out).edges).toEqual(Array.from(fitBins(x, { method: 'quantile', bins: 7 }).edges));
    // Row 300,000 is on line 300,003 (the header, and the quoted label's second line).
    const e = run(['hist', file('bad-big.csv', big(300_000)), '--column', 'x', '--bins', '3']);
    expect(e.code).toBe(2);
    expect(e.err).toBe(`infodiv: ${join(dir, 'bad-big.csv')}: line 300003, column x: "oops" is not a number\n`);
  });

  // The reference's code column holds text, so it is categorical; CURRENT's chunks hold only
  // numeric-looking codes, whose text ('01' is not '1') must still be kept as written.
  it('drift streams CURRENT: the same report as the library on the whole data, categorical text kept as written', () => {
    const n = 250_000;
    const ref = ['v,code', ...Array.from({ length: 5000 }, (_, i) => `${Math.cos(i)},${['01', '1', 'x'][i % 3]}`)].join('\n');
    const cur = ['v,code', ...Array.from({ length: n }, (_, i) => `${Math.cos(i) + 0.3},${['01', '01', '7'][i % 3]}`)].join('\n');
    const r = run(['drift', file('sref.csv', ref), file('scur.csv', cur), '--json']);
    expect(r.code).toBe(1);
    const want = drift(
      { v: Float64Array.from({ length: 5000 }, (_, i) => Math.cos(i)), code: Array.from({ length: 5000 }, (_, i) => ['01', '1', 'x'][i % 3]!) },
      { v: Float64Array.from({ length: n }, (_, i) => Math.cos(i) + 0.3), code: Array.from({ length: n }, (_, i) => ['01', '01', '7'][i % 3]!) },
    );
    const got = JSON.parse(r.out);
    expect(got.columns.map((c: { measures: unknown }) => c.measures)).toEqual(want.columns.map((c) => c.measures));
    expect(got.columns[1].current).toEqual(Array.from(want.columns[1]!.current));
  });

  it('a progress line on a terminal (rows, MB, MB/s), erased at the end; none when stderr is a pipe', () => {
    const f = file('progress.csv', big());
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(root, 'dist/cli.js'))} hist ${JSON.stringify(f)} --column y --bins 3 >/dev/null`;
    // script(1) gives the command a terminal; INFODIV_PROGRESS_AFTER_MS=0 shows the line at once.
    const tty = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env: { ...process.env, INFODIV_PROGRESS_AFTER_MS: '0' } });
    expect(tty.status).toBe(0);
    expect(tty.stdout).toMatch(/infodiv: .*progress\.csv +\d+% +[\d,]+ rows +[\d.]+ MB +[\d.]+ MB\/s/);
    expect(tty.stdout).toMatch(/\r\x1b\[K/);
    const piped = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'hist', f, '--column', 'y', '--bins', '3'], { encoding: 'utf8', env: { ...process.env, INFODIV_PROGRESS_AFTER_MS: '0' } });
    expect(piped.stderr).not.toMatch(/MB\/s|\r/);
  });
});

describe('infodiv hist', () => {
  it('counts and edges equal fitBins and binCounts; outside and missing are reported on stderr', () => {
    const values = Array.from({ length: 200 }, (_, i) => ((i * 37) % 101) / 10);
    const f = file('h.txt', [...values, 'NA'].join('\n'));
    const r = run(['hist', f, '--bins', 'doane', '--json']);
    const got = JSON.parse(r.out);
    const bins = fitBins(values, { method: 'doane' });
    expect(got.edges).toEqual(Array.from(bins.edges));
    expect(got.counts).toEqual(Array.from(binCounts(values, bins).counts));
    expect(got.missing).toBe(1);
    const t = run(['hist', f, '--bins', '4']);
    expect(t.out.trim().split('\n').length).toBe(5);
    expect(t.err).toMatch(/1 missing/);
  });
});

describe('infodiv pairwise and mi', () => {
  it('pairwise: the matrix of lib pairwise by rows and by columns, threads included', () => {
    const rows = [[1, 2, 3, 4], [4, 3, 2, 1], [2, 2, 2, 3], [5, 1, 1, 1], [1, 1, 6, 2]];
    const f = file('pw.csv', ['a,b,c,d', ...rows.map((r) => r.join(','))].join('\n'));
    const parse = (out: string) => out.trim().split('\n').slice(1).map((l) => l.split('\t').slice(1).map(Number));
    const want = pairwise('jsDistance', rows, undefined, { base: 2 });
    expect(parse(run(['pairwise', f, '--measure', 'jsd', '--base', '2']).out).flat()).toEqual(Array.from(want.data));
    const cols = [0, 1, 2, 3].map((j) => rows.map((r) => r[j]!));
    const byCols = pairwise('kl', cols);
    const r = run(['pairwise', f, '--measure', 'kl', '--by', 'columns', '--threads', '2']);
    expect(r.code).toBe(0);
    expect(parse(r.out).flat()).toEqual(Array.from(byCols.data));
    expect(r.out.split('\n')[0]).toBe('\ta\tb\tc\td');
    expect(run(['pairwise', f, '--measure', 'nope']).err).toMatch(/--measure, one of kl, js, jsd/);
  });

  it('mi: the mutual information of the binned and categorical columns, missing rows left out and counted', () => {
    const xs = Array.from({ length: 40 }, (_, i) => (i * 7) % 13);
    const ys = xs.map((x, i) => (x > 6 !== (i % 5 === 0) ? 'hi' : 'lo'));
    const f = file('mi.csv', ['x,y', ...xs.map((x, i) => `${x},${ys[i]}`), ',lo'].join('\n'));
    const bins = fitBins(xs, { bins: 3 });
    const joint = new Float64Array(3 * 2);
    const level = (y: string) => (y === ys[0] ? 0 : 1);
    xs.forEach((x, i) => {
      let b = 0;
      while (b < 2 && bins.edges[b + 1]! <= x) b++;
      joint[b * 2 + level(ys[i]!)]!++;
    });
    const r = run(['mi', f, '--x', 'x', '--y', 'y', '--bins', '3', '--base', '2']);
    expect(Number(r.out)).toBe(mutualInformation({ data: joint, rows: 3, cols: 2 }, { base: 2 }));
    expect(r.err).toMatch(/1 rows left out/);
    expect(run(['mi', f, '--x', 'x']).code).toBe(2);
  });
});

describe('infodiv drift', () => {
  const n = 3000;
  const col = <T>(f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
  const ref = { a: col((i) => Math.sin(i) * 10), b: col((i) => (i % 7) + Math.cos(i)), c: col((i) => ['x', 'y', 'z'][i % 3]!) };
  const same = { a: col((i) => Math.sin(i + 0.5) * 10), b: col((i) => (i % 7) + Math.cos(i + 1)), c: col((i) => ['x', 'y', 'z'][(i + 1) % 3]!) };
  const moved = { a: col((i) => Math.sin(i) * 10 + 6), b: same.b, c: col((i) => ['x', 'x', 'z'][i % 3]!) };
  const csv = (t: Record<string, unknown[]>) => ['a,b,c', ...Array.from({ length: n }, (_, i) => `${t.a![i]},${t.b![i]},${t.c![i]}`)].join('\n');

  it('the per-column table of drift() and exit 1 when something drifted, 0 when nothing did', () => {
    const [r, s, m] = [file('ref.csv', csv(ref)), file('same.csv', csv(same)), file('moved.csv', csv(moved))];
    const quiet = run(['drift', r, s]);
    expect(quiet.code).toBe(0);
    const loud = run(['drift', r, m, '--json']);
    expect(loud.code).toBe(1);
    const want = drift(
      { a: Float64Array.from(ref.a), b: Float64Array.from(ref.b), c: ref.c },
      { a: Float64Array.from(moved.a), b: Float64Array.from(moved.b), c: moved.c },
    );
    const got = JSON.parse(loud.out);
    expect(got.columns.map((c: { column: string; severity: string }) => [c.column, c.severity])).toEqual(want.columns.map((c) => [c.column, c.severity]));
    expect(got.columns[0].measures.psi).toBe(want.columns[0]!.measures.psi);
    const tsv = run(['drift', r, m, '--columns', 'b']);
    expect(tsv.out.split('\n')[0]).toMatch(/^column\tkind\tseverity\tdrifted/);
    expect(tsv.code).toBe(0);
    expect(run(['drift', r, m, '--fail-on', 'major']).code).toBe(want.columns.some((c) => c.severity === 'major') ? 1 : 0);
    expect(run(['drift', r, m, '--fail-on', 'sometimes']).code).toBe(2);
    // A saved profile stands in for the reference: the same report without it.
    const profile = join(dir, 'ref.profile.json');
    expect(run(['drift', r, s, '--profile', profile]).code).toBe(0);
    const again = run(['drift', m, '--from-profile', profile, '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.out).columns.map((c: { measures: unknown }) => c.measures)).toEqual(got.columns.map((c: { measures: unknown }) => c.measures));
    expect(run(['drift', m, '--from-profile', join(dir, 'missing.json')]).err).toMatch(/missing\.json: no such file/);
  });
});

describe('README, "Command line"', () => {
  it('its sh block runs as written (npx infodiv → this build), each commented value printed exactly', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Command line'));
    const [block] = readmeBlocks(section, 'sh');
    const bin = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(root, 'dist/cli.js'))}`;
    const script = block!.code
      .split('\n')
      .map((line) => {
        const cmd = line.replace(/npx infodiv/g, bin);
        const m = /^(.*?)\s+#\s*(-?[\d.]+(?:e[-+]?\d+)?)\s*$/.exec(cmd);
        if (!m) return cmd;
        return `out=$(${m[1]}); [ "$out" = "${m[2]}" ] || { echo "README: ${line.replace(/"/g, '')} gave $out" >&2; exit 1; }`;
      })
      .join('\n');
    const work = mkdtempSync(join(tmpdir(), 'infodiv-readme-'));
    const r = spawnSync('bash', ['-e', '-c', script], { cwd: work, encoding: 'utf8' });
    rmSync(work, { recursive: true, force: true });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/drift found: exit 1/);
    expect(r.stdout).toMatch(/lo\thi\tcount/);
  });
});
