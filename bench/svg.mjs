// The report's two kinds of chart, as standalone SVG text: lines on log–log axes
// (ns/element against size) and horizontal bars on a log axis (speed-ups, where 0.5×
// and 2× should sit equally far from 1×).

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';

const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const text = (x, y, s, attrs = '') => `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escape(s)}</text>`;

/** Powers of ten covering [lo, hi]; a decade either side when that is a single power. */
function decades(lo, hi) {
  let [from, to] = [Math.floor(Math.log10(lo)), Math.ceil(Math.log10(hi))];
  if (from === to) [from, to] = [from - 1, to + 1];
  const out = [];
  for (let e = from; e <= to; e++) out.push(10 ** e);
  return out;
}

const tickLabel = (v) => (v >= 1e3 || v < 1e-2 ? `1e${Math.round(Math.log10(v))}` : String(+v.toPrecision(3)));

/**
 * Lines on log–log axes. `series`: [{ label, color, dashed, points: [[x, y], …] }].
 * The legend sits right of the plot, one row per series.
 */
export function lineChart({ title, xLabel, yLabel, series }) {
  const drawn = series.filter((s) => s.points.length > 0);
  const xs = drawn.flatMap((s) => s.points.map((p) => p[0]));
  const ys = drawn.flatMap((s) => s.points.map((p) => p[1]));
  if (xs.length === 0) return emptyChart(title);
  const [W, H, left, top, plotW, plotH] = [900, 380, 64, 36, 500, 290];
  const xTicks = decades(Math.min(...xs), Math.max(...xs));
  const yTicks = decades(Math.min(...ys), Math.max(...ys));
  const lx = [Math.log10(xTicks[0]), Math.log10(xTicks.at(-1))];
  const ly = [Math.log10(yTicks[0]), Math.log10(yTicks.at(-1))];
  const X = (v) => left + ((Math.log10(v) - lx[0]) / (lx[1] - lx[0] || 1)) * plotW;
  const Y = (v) => top + plotH - ((Math.log10(v) - ly[0]) / (ly[1] - ly[0] || 1)) * plotH;
  const parts = [
    `<rect width="${W}" height="${H}" fill="white"/>`,
    text(left, 22, title, 'font-size="15" font-weight="600"'),
    ...xTicks.map((t) => `<line x1="${X(t)}" x2="${X(t)}" y1="${top}" y2="${top + plotH}" stroke="#e3e3e3"/>`),
    ...yTicks.map((t) => `<line x1="${left}" x2="${left + plotW}" y1="${Y(t)}" y2="${Y(t)}" stroke="#e3e3e3"/>`),
    ...xTicks.map((t) => text(X(t), top + plotH + 16, tickLabel(t), 'font-size="11" text-anchor="middle" fill="#555"')),
    ...yTicks.map((t) => text(left - 6, Y(t) + 4, tickLabel(t), 'font-size="11" text-anchor="end" fill="#555"')),
    `<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
    text(left + plotW / 2, H - 8, xLabel, 'font-size="12" text-anchor="middle"'),
    text(16, top + plotH / 2, yLabel, `font-size="12" text-anchor="middle" transform="rotate(-90 16 ${top + plotH / 2})"`),
  ];
  drawn.forEach((s, i) => {
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    const path = s.points.map(([x, y], k) => `${k ? 'L' : 'M'}${X(x).toFixed(1)},${Y(y).toFixed(1)}`).join(' ');
    parts.push(`<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2"${dash}/>`);
    for (const [x, y] of s.points) parts.push(`<circle cx="${X(x).toFixed(1)}" cy="${Y(y).toFixed(1)}" r="2.5" fill="${s.color}"/>`);
    const ly0 = top + 8 + i * 18;
    parts.push(`<line x1="${left + plotW + 16}" x2="${left + plotW + 40}" y1="${ly0}" y2="${ly0}" stroke="${s.color}" stroke-width="2"${dash}/>`);
    parts.push(text(left + plotW + 46, ly0 + 4, s.label, 'font-size="11"'));
  });
  return wrap(W, H, parts);
}

/**
 * Horizontal bars on a log axis with a line at 1×. `groups`: [{ label, bars: [{ label,
 * value, color }] }]; a bar without a value is left out. `legend`: [{ label, color }].
 */
export function barChart({ title, xLabel, groups, legend }) {
  const values = groups.flatMap((g) => g.bars.map((b) => b.value)).filter((v) => Number.isFinite(v) && v > 0);
  if (values.length === 0) return emptyChart(title);
  const barH = 11;
  const groupH = Math.max(1, Math.max(...groups.map((g) => g.bars.length))) * (barH + 2) + 10;
  const [left, top, plotW] = [190, 54, 520];
  const plotH = groups.length * groupH;
  const [W, H] = [left + plotW + 60, top + plotH + 44];
  const lo = Math.min(0.5, 2 ** Math.floor(Math.log2(Math.min(...values))));
  const hi = Math.max(2, 2 ** Math.ceil(Math.log2(Math.max(...values))));
  const X = (v) => left + ((Math.log2(v) - Math.log2(lo)) / (Math.log2(hi) - Math.log2(lo))) * plotW;
  const ticks = [];
  for (let v = lo; v <= hi; v *= 2) ticks.push(v);
  const parts = [
    `<rect width="${W}" height="${H}" fill="white"/>`,
    text(12, 22, title, 'font-size="15" font-weight="600"'),
    ...ticks.map((t) => `<line x1="${X(t)}" x2="${X(t)}" y1="${top}" y2="${top + plotH}" stroke="${t === 1 ? '#333' : '#e3e3e3'}"/>`),
    ...ticks.map((t) => text(X(t), top + plotH + 16, `${t}×`, 'font-size="11" text-anchor="middle" fill="#555"')),
    text(left + plotW / 2, H - 8, xLabel, 'font-size="12" text-anchor="middle"'),
  ];
  legend.forEach((l, i) => {
    const x = left + i * 200;
    parts.push(`<rect x="${x}" y="31" width="12" height="12" fill="${l.color}"/>`, text(x + 17, 41, l.label, 'font-size="11"'));
  });
  groups.forEach((g, i) => {
    const y0 = top + i * groupH + 5;
    parts.push(text(left - 8, y0 + (groupH - 10) / 2 + 4, g.label, 'font-size="12" text-anchor="end"'));
    g.bars.forEach((b, k) => {
      if (!(Number.isFinite(b.value) && b.value > 0)) return;
      const y = y0 + k * (barH + 2);
      const [x1, x2] = [X(Math.min(1, b.value)), X(Math.max(1, b.value))];
      parts.push(`<rect x="${x1.toFixed(1)}" y="${y}" width="${Math.max(1, x2 - x1).toFixed(1)}" height="${barH}" fill="${b.color}"/>`);
      parts.push(text(x2 + 4, y + barH - 2, `${b.value.toFixed(b.value >= 10 ? 0 : 1)}×`, 'font-size="10" fill="#333"'));
    });
  });
  return wrap(W, H, parts);
}

function emptyChart(title) {
  return wrap(600, 60, [`<rect width="600" height="60" fill="white"/>`, text(12, 22, title, 'font-size="15" font-weight="600"'), text(12, 46, 'no data', 'font-size="12"')]);
}

function wrap(W, H, parts) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" ${FONT}>\n${parts.join('\n')}\n</svg>\n`;
}
