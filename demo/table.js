// CSV tables for the drift page: a header row, then rows of cells separated by commas,
// semicolons or tabs (double-quoted cells may hold them). A column whose every non-empty
// cell is a number is numeric (empty cells are missing values); any other is categorical.
// No DOM here: the page and its test (test/browser-pages/demo.test.ts) both use it.

/** @returns {Record<string, number[] | string[]>} */
export function parseTable(text, name = 'file') {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) throw new RangeError(`${name}: a header row and at least one data row are needed`);
  const sep = [',', ';', '\t'].find((s) => lines[0].includes(s)) ?? ',';
  const rows = lines.map((l) => splitRow(l, sep));
  const header = rows[0];
  const columns = header.map(() => []);
  rows.slice(1).forEach((cells, r) => {
    if (cells.length !== header.length) {
      throw new RangeError(`${name}, line ${r + 2}: ${cells.length} cells, the header has ${header.length}`);
    }
    cells.forEach((c, k) => columns[k].push(c));
  });
  const out = {};
  header.forEach((h, k) => {
    const cells = columns[k];
    const numeric = cells.every((c) => c === '' || Number.isFinite(Number(c)));
    out[h] = numeric ? cells.map((c) => (c === '' ? null : Number(c))) : cells;
  });
  return out;
}

function splitRow(line, sep) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) cells.push(cell.trim()), (cell = '');
    else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/** Two example tables as CSV text: a reference, and a current one where two columns drifted. */
export function exampleTables() {
  const row = (i, drifted) => {
    const u = (k) => ((Math.imul(i * 4 + k + 1, 2654435761) >>> 0) / 4294967296);
    const age = 20 + 40 * u(0) + (drifted ? 6 : 0);
    const income = Math.round(30000 + 50000 * u(1) * u(2));
    const latency = (50 + 20 * (u(1) + u(3) - 1) * (drifted ? 1.6 : 1)).toFixed(2);
    const plan = u(3) < (drifted ? 0.5 : 0.3) ? 'pro' : u(3) < 0.8 ? 'basic' : 'free';
    return [age.toFixed(1), income, i % 37 === 0 ? '' : latency, plan].join(',');
  };
  const head = 'age,income,latency_ms,plan';
  const reference = [head, ...Array.from({ length: 4000 }, (_, i) => row(i, false))].join('\n');
  const current = [head, ...Array.from({ length: 3000 }, (_, i) => row(i + 7919, true))].join('\n');
  return { reference, current };
}
