// `infodiv drift --report FILE`: the drift report as one HTML file that opens anywhere,
// offline and without JavaScript. Everything is inline (CSS, SVG charts drawn here), and a
// CSP forbids the page any load at all, so a report mailed or archived stays whole.
import type { ColumnDrift, DriftReport } from 'infodiv';

export interface ReportInfo {
  reference: string;
  current: string;
  failOn: 'moderate' | 'major';
  /** ISO date. */
  generated: string;
  version: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** For text and attribute values alike: every value from the data goes through it. */
const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** About 4 significant digits; the full value goes in a title beside it. */
function fmt(v: number | undefined): string {
  if (v === undefined) return '—';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0 || (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e6)) return String(Number(v.toPrecision(4)));
  return v.toExponential(3);
}
const num = (v: number | undefined) => (v === undefined ? '<td class="num">—</td>' : `<td class="num" title="${esc(v)}">${fmt(v)}</td>`);
const count = (v: number | undefined) => `<td class="num">${v ?? '—'}</td>`;
const pct = (share: number) => `${Number((100 * share).toPrecision(3))}%`;
const sum = (x: Float64Array) => x.reduce((a, b) => a + b, 0);

const fails = (c: ColumnDrift, failOn: ReportInfo['failOn']) => c.severity === 'major' || (failOn === 'moderate' && c.severity === 'moderate');

const badge = (severity: string) => `<span class="badge sev-${esc(severity)}">${esc(severity)}</span>`;

/** One label per slot (bin or category), with the edge labels between them for numeric bins. */
interface Axis {
  slots: string[];
  /** Boundary index (0…slots) → edge value. */
  edges: Map<number, number>;
}

function axisOf(c: ColumnDrift): Axis {
  const n = c.reference.length;
  if ('categories' in c.bins) {
    const slots = c.bins.categories.map(String);
    return { slots: slots.length === n - 1 ? [...slots, 'other'] : Array.from({ length: n }, (_, i) => slots[i] ?? `#${i}`), edges: new Map() };
  }
  const e = c.bins.edges;
  // The report does not say whether the outside bins were kept: the lengths do.
  const outside = n === e.length + 1;
  const shift = outside ? 1 : 0;
  const slots = Array.from({ length: n }, (_, i) => {
    if (outside && i === 0) return '< min';
    if (outside && i === n - 1) return '> max';
    const [a, b] = [e[i - shift], e[i - shift + 1]];
    return a === undefined || b === undefined ? `#${i}` : `${fmt(a)} – ${fmt(b)}`;
  });
  return { slots, edges: new Map(e.map((v, i) => [i + shift, v])) };
}

const W = 720;
const M = { left: 60, right: 12, top: 30 };
const PLOT_H = 150;
/** The outside bins' least width: with 1000 bins they would be a pixel wide, yet they often hold the drift. */
const OUTSIDE_W = 40;

function chart(c: ColumnDrift, i: number): string {
  const categorical = 'categories' in c.bins;
  const { slots, edges } = axisOf(c);
  const n = slots.length;
  const outside = slots[0] === '< min' && slots[n - 1] === '> max';
  const H = PLOT_H + M.top + (categorical ? 96 : 44);
  const y0 = M.top + PLOT_H;
  const r = (v: number) => Math.round(v * 100) / 100;

  // Slot k spans [xs[k], xs[k + 1]].
  const plotW = W - M.left - M.right;
  const side = outside ? Math.max(OUTSIDE_W, plotW / n) : 0;
  const inner = outside ? (plotW - 2 * side) / (n - 2) : plotW / n;
  const xs = Array.from({ length: n + 1 }, (_, k) => M.left + (outside ? (k === 0 ? 0 : side + (Math.min(k, n - 1) - 1) * inner + (k === n ? side : 0)) : k * inner));

  // Shares, not counts: the two sides rarely have the same number of rows.
  const [rt, ct] = [sum(c.reference), sum(c.current)];
  const share = (x: Float64Array, t: number, k: number) => (t > 0 ? x[k]! / t : 0);
  // The scale is the reference range's: a large outside bin is cut at the top and labelled,
  // so it does not flatten the histogram it is compared with.
  const top = (from: number, to: number) => {
    let m = 0;
    for (let k = from; k < to; k++) m = Math.max(m, share(c.reference, rt, k), share(c.current, ct, k));
    return m;
  };
  const yMax = (outside ? top(1, n - 1) : 0) || top(0, n) || 1; // all zero: an empty plot with a usable axis
  const h = (s: number) => Math.min(PLOT_H, (PLOT_H * s) / yMax);

  const bars: string[] = [];
  const cut: string[] = [];
  for (let k = 0; k < n; k++) {
    const [x, w] = [xs[k]!, xs[k + 1]! - xs[k]!];
    const gap = w > 6 ? w * 0.1 : 0; // gaps only while they stay visible: 1000 bins touch
    const bw = categorical ? (w - 2 * gap) / 2 : w - 2 * gap;
    const [sr, sc] = [share(c.reference, rt, k), share(c.current, ct, k)];
    const tip = `${slots[k]}: reference ${pct(sr)} (${c.reference[k]}), current ${pct(sc)} (${c.current[k]})`;
    const bar = (cls: string, bx: number, s: number) => `<rect class="${cls}" x="${r(bx)}" y="${r(y0 - h(s))}" width="${r(bw)}" height="${r(h(s))}"/>`;
    bars.push(`<g><title>${esc(tip)}</title><rect class="hit" x="${r(x)}" y="${M.top}" width="${r(w)}" height="${PLOT_H}"/>${bar('ref', x + gap, sr)}${bar('cur', x + gap + (categorical ? bw : 0), sc)}</g>`);
    const over = [sr, sc].filter((s) => s > yMax);
    if (over.length) cut.push(`<text class="cut" x="${r(x + w / 2)}" y="${M.top + 12}" text-anchor="middle">${over.map(pct).join(' / ')}</text>`);
  }

  const labels: string[] = [];
  if (categorical) {
    const every = Math.ceil(n / 40);
    for (let k = 0; k < n; k += every) {
      const s = slots[k]!;
      const short = s.length > 16 ? `${s.slice(0, 15)}…` : s;
      const cx = r((xs[k]! + xs[k + 1]!) / 2);
      labels.push(`<text class="cat${k === n - 1 && s === 'other' ? ' other' : ''}" transform="translate(${cx},${y0 + 12}) rotate(-40)" text-anchor="end"><title>${esc(s)}</title>${esc(short)}</text>`);
    }
  } else {
    // At most ~8 edge labels, the first and last always, none crowding the last.
    const at = [...edges.keys()];
    const every = Math.ceil(at.length / 8);
    const shown = at.filter((_, j) => j === at.length - 1 || (j % every === 0 && at.length - 1 - j >= every / 2));
    for (const b of shown) labels.push(`<text x="${r(xs[b]!)}" y="${y0 + 14}" text-anchor="middle"><title>${esc(edges.get(b))}</title>${esc(fmt(edges.get(b)))}</text>`);
    if (outside) {
      labels.push(`<text class="out" x="${r(xs[0]!)}" y="${y0 + 28}" text-anchor="start">&lt; min</text>`);
      labels.push(`<text class="out" x="${r(xs[n]!)}" y="${y0 + 28}" text-anchor="end">&gt; max</text>`);
    }
  }
  const yTicks = [0, 0.5, 1].map((f) => `<text x="${M.left - 4}" y="${r(y0 - PLOT_H * f + 4)}" text-anchor="end">${pct(yMax * f)}</text><line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${r(y0 - PLOT_H * f)}" y2="${r(y0 - PLOT_H * f)}"/>`);
  const legend =
    `<g class="legend"><rect class="ref swatch" x="${M.left}" y="8" width="12" height="12"/><text x="${M.left + 16}" y="18">reference (${c.rows.reference} rows)</text>` +
    `<rect class="cur swatch" x="${M.left + 200}" y="8" width="12" height="12"/><text x="${M.left + 216}" y="18">current (${c.rows.current} rows)</text></g>`;
  const mid = r(M.top + PLOT_H / 2);
  return (
    `<svg class="chart" data-column="${i}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(`Reference and current distribution of ${c.column}`)}">` +
    `${legend}${yTicks.join('')}<g class="bars">${bars.join('')}</g>${cut.join('')}<line class="axis" x1="${M.left}" x2="${W - M.right}" y1="${y0}" y2="${y0}"/>` +
    `<g class="labels">${labels.join('')}</g><text class="axis-title" x="12" y="${mid}" transform="rotate(-90 12 ${mid})" text-anchor="middle">share</text></svg>`
  );
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1d2330}
h1{font-size:1.5rem;margin:0 0 1rem}h2{font-size:1.2rem;margin:2rem 0 .6rem}h3{font-size:1rem;margin:1.6rem 0 .2rem;overflow-wrap:anywhere}
dl.summary{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1.2rem;margin:0}dt{color:#5a6270}dd{margin:0;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{padding:.3rem .5rem;border-bottom:1px solid #e3e6eb;text-align:left;vertical-align:top}
th{background:#f4f6f9;position:sticky;top:0}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}td.name{overflow-wrap:anywhere;max-width:18rem}
.badge{display:inline-block;padding:0 .5em;border-radius:.7em;font-weight:600;font-size:12px;border:1px solid}
.sev-none{background:#e6f4ea;color:#1e6b34;border-color:#9fd3ae}.sev-moderate{background:#fff4d6;color:#7a5400;border-color:#e8c45c}.sev-major{background:#fde4e1;color:#9b1c12;border-color:#f0a097}
.fail{color:#9b1c12;font-weight:600}.pass{color:#1e6b34;font-weight:600}.note{color:#5a6270;margin:.2rem 0}
svg.chart{width:100%;max-width:${W}px;height:auto;display:block}svg text{font-size:11px;fill:#3a4150}
rect.ref{fill:#3b6fb6;fill-opacity:.55}rect.cur{fill:#e8701a;fill-opacity:.55}rect.hit{fill:transparent}g.bars>g:hover rect.hit{fill:#000;fill-opacity:.05}
line.axis{stroke:#3a4150}text.cut{font-weight:600;fill:#1d2330}line.grid{stroke:#e3e6eb}text.out,text.other{font-style:italic}
footer{margin-top:3rem;color:#5a6270;font-size:12px}`;

/** The drift report as one self-contained HTML document. */
export function htmlReport(report: DriftReport, info: ReportInfo): string {
  const cols = report.columns;
  const s = report.summary;
  const failing = cols.filter((c) => fails(c, info.failOn)).length;
  const names = [...new Set(cols.flatMap((c) => Object.keys(c.measures)))] as (keyof ColumnDrift['measures'])[];
  const row = (c: ColumnDrift, i: number) =>
    `<tr data-severity="${esc(c.severity)}"><td class="name"><a href="#col-${i}">${esc(c.column)}</a></td><td>${esc(c.kind)}</td><td>${badge(c.severity)}</td><td>${c.drifted ? 'yes' : 'no'}</td>` +
    names.map((m) => num(c.measures[m])).join('') +
    [c.missing.reference, c.missing.current, c.rows.reference, c.rows.current, c.outside?.below, c.outside?.above].map(count).join('') +
    `<td>${esc(c.status)}</td></tr>`;
  const table = cols.length
    ? `<table><thead><tr><th>column</th><th>kind</th><th>severity</th><th>drifted</th>${names.map((m) => `<th>${esc(m)}</th>`).join('')}` +
      `<th>missing ref</th><th>missing cur</th><th>rows ref</th><th>rows cur</th><th>below min</th><th>above max</th><th>status</th></tr></thead><tbody>${cols.map(row).join('')}</tbody></table>`
    : '<p class="note">No columns were compared.</p>';
  const section = (c: ColumnDrift, i: number) => {
    const how = 'edges' in c.bins ? `${c.bins.edges.length - 1} ${esc(c.bins.method)} bins` : `${c.bins.categories.length} categories and 'other'`;
    const smoothing = c.smoothing ? `, smoothing ${esc(c.smoothing.rule)} ${esc(c.smoothing.value)} (changed ${c.smoothing.changed[0]} reference and ${c.smoothing.changed[1]} current bins)` : '';
    const status = c.status === 'ok' ? '' : `<p class="note"><strong>${esc(c.status)}</strong>: no distances computed.</p>`;
    return `<section class="column" id="col-${i}"><h3>${esc(c.column)} ${badge(c.severity)}</h3><p class="note">${esc(c.kind)}, ${how}${smoothing}</p>${status}${chart(c, i)}</section>`;
  };
  const summary = [
    ['Reference', esc(info.reference)],
    ['Current', esc(info.current)],
    ['Generated', esc(info.generated)],
    ['Columns compared', s.columns],
    ['Drifted', `${s.drifted} (${pct(s.share)})`],
    ['Moderate', s.moderate],
    ['Major', s.major],
    ['Fail on', esc(info.failOn)],
    ['Result', failing ? `<span class="fail">fails</span>: ${failing} column${failing === 1 ? '' : 's'} at ${esc(info.failOn)} or above (exit 1)` : '<span class="pass">passes</span> (exit 0)'],
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Drift report: ${esc(info.current)} against ${esc(info.reference)}</title>
<style>${CSS}</style></head><body>
<h1>Drift report</h1>
<dl class="summary">${summary.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
<h2>Columns</h2>
${table}
${cols.length ? `<h2>Distributions</h2>\n${cols.map(section).join('\n')}` : ''}
<footer>infodiv ${esc(info.version)}. Bars are each side's share of its values per bin; values outside the reference's range are the "&lt; min" and "&gt; max" bins, cut at the top of the scale (with their share printed) where they are taller than every bin inside it.</footer>
</body></html>
`;
}
