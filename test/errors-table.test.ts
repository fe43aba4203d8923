// The README's table of errors ("### Errors") is what the code throws: each row's call is
// run as written (library calls against src/, `infodiv …` rows through the built command
// line), and must throw that row's class with that row's message, word for word. Every
// error class the code throws has a row, and the next call after each works.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as lib from '../src/index.js';
import { assumeCores, faultsForTests } from '../src/threads/pool.js';
import type { Fault } from '../src/threads/task.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

interface Row {
  cls: string;
  when: string;
  call: string;
  message: string;
  line: number;
}

/** The rows of the first table after "### Errors". Cells are split on pipes outside code spans. */
function errorRows(): Row[] {
  const lines = readme.split('\n');
  const start = lines.indexOf('### Errors');
  if (start < 0) throw new Error('README has no "### Errors" section');
  const rows: Row[] = [];
  let i = start;
  while (i < lines.length && !lines[i]!.startsWith('|')) i++;
  for (i += 2; i < lines.length && lines[i]!.startsWith('|'); i++) {
    const cells = cellsOf(lines[i]!);
    if (cells.length !== 4) throw new Error(`README line ${i + 1}: ${cells.length} cells, expected 4`);
    const [cls, when, call, message] = cells as [string, string, string, string];
    // The class is the cell's first code span (`CliError` (exit 2)).
    rows.push({ cls: /`(\w+)`/.exec(cls)?.[1] ?? cls, when, call: unquote(call), message: unquote(message), line: i + 1 });
  }
  return rows;
}

function cellsOf(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let code = false;
  for (const ch of line.slice(1, line.lastIndexOf('|'))) {
    if (ch === '`') code = !code;
    if (ch === '|' && !code) {
      cells.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  cells.push(cur.trim());
  return cells;
}

/** A cell that is one code span, as its code. */
const unquote = (cell: string) => (/^`[^`]*`$/.test(cell) ? cell.slice(1, -1) : cell);

const rows = errorRows();
const names = Object.keys(lib);
const values = Object.values(lib);

/** Runs a library row's call with every export in scope; resolves to what it threw, or undefined. */
async function thrownBy(call: string): Promise<unknown> {
  try {
    // The call may be an expression or an `await …` expression.
    const run = new Function(...names, `return (async () => (${call}))();`) as (...a: unknown[]) => Promise<unknown>;
    await run(...values);
  } catch (e) {
    return e;
  }
  return undefined;
}

const work = mkdtempSync(join(tmpdir(), 'infodiv-errors-'));
// The files the command-line rows name: P and Q of the worked example, and a Q with a word in it.
writeFileSync(join(work, 'p.txt'), '0.1\n0.4\n0.5\n');
writeFileSync(join(work, 'q.txt'), '0.8\nx\n0.05\n');

const P = [0.1, 0.4, 0.5];
const Q = [0.8, 0.15, 0.05];

describe("the README's table of errors", () => {
  it('has rows', () => {
    expect(rows.length).toBeGreaterThan(10);
  });

  it.each(rows.map((r) => [`line ${r.line}: ${r.call}`, r] as const))('%s', async (_, row) => {
    if (row.cls === 'WorkerError') return workerRow(row);
    if (row.call.startsWith('infodiv ')) {
      const args = row.call.slice('infodiv '.length).split(' ');
      const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), ...args], { cwd: work, encoding: 'utf8' });
      expect(row.cls).toBe('CliError');
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`infodiv: ${row.message}\n`);
      return;
    }
    const e = (await thrownBy(row.call)) as Error | undefined;
    expect(e, 'the call did not throw').toBeInstanceOf(Error);
    expect(e!.name).toBe(row.cls);
    const Class = (lib as Record<string, unknown>)[row.cls];
    expect(Class, `${row.cls} is not exported`).toBeTypeOf('function');
    expect(e).toBeInstanceOf(Class as typeof Error);
    expect(e!.message).toBe(row.message);
    // Nothing is left behind: the next call answers normally.
    expect(lib.klDivergence(P, Q, { base: 2 })).toBeCloseTo(1.9269790471, 9);
  });

  it('has a WorkerError row for each reason', () => {
    expect(rows.filter((r) => r.cls === 'WorkerError').map(reasonOf).sort()).toEqual(['crashed', 'disposed', 'exited', 'unavailable']);
  });

  it('has a row for every error class the library and the command line throw', () => {
    const thrown = new Set<string>();
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('worker-source.ts') && !p.endsWith('binaries.ts')) {
          for (const m of readFileSync(p, 'utf8').matchAll(/new (\w+Error)\(/g)) thrown.add(m[1]!);
        }
      }
    };
    walk(join(root, 'src'));
    // Plain `Error`s are internal invariants, never bad input; they are listed apart below.
    thrown.delete('Error');
    const listed = new Set(rows.map((r) => r.cls));
    expect([...thrown].filter((c) => !listed.has(c))).toEqual([]);
  });
});

const reasonOf = (row: Row) => /reason: '(\w+)'/.exec(row.cls === 'WorkerError' ? rowText(row) : '')?.[1];
const rowText = (row: Row) => readme.split('\n')[row.line - 1]!;

/**
 * A worker fault cannot be called up through the public API, so each WorkerError row's
 * fault is injected through the pool's test hook (as test/worker-faults.test.ts does)
 * into a threaded pairwise, whose rejection must carry the row's reason and message. The
 * 'unavailable' row needs a page whose CSP refuses blob: workers, which
 * test/browser-pages/pages.test.ts opens (and matches its message); here the row's message
 * must be the one pool.ts builds, word for word.
 */
async function workerRow(row: Row): Promise<void> {
  const reason = reasonOf(row);
  if (reason === 'unavailable') {
    const pool = readFileSync(join(root, 'src/threads/pool.ts'), 'utf8');
    expect(pool).toContain(JSON.stringify(row.message));
    expect(row.message).toMatch(/could not start.*worker-src 'self' blob:/);
    return;
  }
  const P = { data: Float64Array.from({ length: 8 * 5 }, (_, i) => 1 + (i % 7)), rows: 8, cols: 5 };
  const alone = lib.pairwise('js', P);
  assumeCores(2);
  try {
    const how: Fault = reason === 'crashed' ? 'thrown' : reason === 'exited' ? 'exit' : 'stall';
    await faultsForTests.inject(0, how);
    const call = lib.pairwise('js', P, undefined, { threads: 2 });
    if (reason === 'disposed') setTimeout(() => void lib.dispose(), 50);
    const e = (await call.then(() => undefined, (x: unknown) => x)) as InstanceType<typeof lib.WorkerError> | undefined;
    expect(e).toBeInstanceOf(lib.WorkerError);
    expect(e!.reason).toBe(reason);
    expect(e!.message).toBe(row.message);
    // The next call runs on a fresh worker and answers as the call without threads.
    expect((await lib.pairwise('js', P, undefined, { threads: 2 })).data).toEqual(alone.data);
  } finally {
    assumeCores(undefined);
    await lib.dispose();
  }
}
