// The drift page: two CSV tables in, infodiv.drift() out, as a table with severity
// colours and, per column, the reference's and the current distribution overlaid.
import * as infodiv from '../dist/index.js';
import { drawChart } from './chart.js';
import { exampleTables, parseTable } from './table.js';

const $ = (id) => document.getElementById(id);
const tables = { reference: null, current: null };
const fmt = (x) => (x === undefined ? '—' : x === Infinity ? '∞' : x.toFixed(4));

function labelsOf(c) {
  if (c.kind === 'categorical') return [...c.bins.categories, 'other'];
  const e = c.bins.edges;
  const inner = e.slice(0, -1).map((lo, i) => `${lo.toPrecision(3)}–${e[i + 1].toPrecision(3)}`);
  return ['below', ...inner, 'above'];
}

function render(report) {
  const s = report.summary;
  $('summary').textContent = `${s.drifted} of ${s.columns} columns drifted (${s.major} major, ${s.moderate} moderate).`;
  $('drift').tBodies[0].replaceChildren(
    ...report.columns.map((c) => {
      const tr = document.createElement('tr');
      tr.dataset.column = c.column;
      tr.className = `severity-${c.severity}`;
      const p = c.measures.chiSquare;
      const cells = [c.column, c.kind, fmt(c.measures.psi), fmt(c.measures.jsDistance), fmt(c.measures.hellinger),
        p === undefined ? '—' : p.toPrecision(3), c.status === 'ok' ? c.severity : c.status, String(c.missing.current),
        c.outside ? String(c.outside.below + c.outside.above) : '—'];
      cells.forEach((text, k) => {
        const td = document.createElement(k === 0 ? 'th' : 'td');
        td.textContent = text;
        if ([2, 3, 4, 5, 7, 8].includes(k)) td.className = 'num';
        if (k === 6) td.className = 'severity';
        tr.append(td);
      });
      return tr;
    }),
  );
  $('charts').replaceChildren(
    ...report.columns.map((c) => {
      const fig = document.createElement('figure');
      fig.dataset.column = c.column;
      const host = document.createElement('div');
      host.className = 'chart';
      const cap = document.createElement('figcaption');
      cap.textContent = `${c.column}: reference (P) and current (Q) shares per bin`;
      fig.append(host, cap);
      drawChart(host, c.reference, c.current, labelsOf(c));
      return fig;
    }),
  );
}

function run() {
  if (!tables.reference || !tables.current) return;
  document.body.dataset.state = 'running';
  try {
    $('error').textContent = '';
    render(infodiv.drift(parseTable(tables.reference, 'reference'), parseTable(tables.current, 'current')));
    document.body.dataset.state = 'done';
  } catch (e) {
    $('error').textContent = e.message;
    document.body.dataset.state = 'error';
  }
}

for (const [id, key] of [['ref-file', 'reference'], ['cur-file', 'current']]) {
  $(id).addEventListener('change', async (e) => {
    const f = e.target.files[0];
    if (!f) return;
    tables[key] = await f.text();
    run();
  });
}
$('example').addEventListener('click', () => {
  Object.assign(tables, exampleTables());
  run();
});
