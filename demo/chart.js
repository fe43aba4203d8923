// Plain SVG charts. A grouped bar chart while bars stay readable (≤ 100 bins); beyond
// that, two filled lines, with the bins averaged into at most one point per pixel column
// so 10,000 (or 100,000) bins draw as fast and as legibly as 500.

const NS = 'http://www.w3.org/2000/svg';
const W = 640;
const H = 260;
const M = { top: 12, right: 12, bottom: 40, left: 58 };
const BAR_LIMIT = 100;

function el(name, attrs, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Each input divided by its sum: the chart shows probabilities even when given counts. */
function normalise(xs) {
  let s = 0;
  for (const x of xs) s += x;
  return Float64Array.from(xs, (x) => (s > 0 ? x / s : 0));
}

/** Averages `xs` into `cols` buckets (the shape survives; single spikes are smoothed). */
function bucket(xs, cols) {
  if (xs.length <= cols) return xs;
  const out = new Float64Array(cols);
  for (let c = 0; c < cols; c++) {
    const a = Math.floor((c * xs.length) / cols);
    const b = Math.floor(((c + 1) * xs.length) / cols);
    let s = 0;
    for (let i = a; i < b; i++) s += xs[i];
    out[c] = s / (b - a);
  }
  return out;
}

/** Short tick text: many bins make per-bin probabilities tiny, and 0.00035 would not fit. */
function tickText(v) {
  if (v === 0) return '0';
  return v < 0.01 ? v.toExponential(1) : v.toPrecision(2);
}

function axes(svg, yMax, n, labelAt) {
  const ih = H - M.top - M.bottom;
  svg.append(el('line', { x1: M.left, y1: H - M.bottom, x2: W - M.right, y2: H - M.bottom, class: 'axis' }));
  for (let t = 0; t <= 4; t++) {
    const v = (yMax * t) / 4;
    const y = H - M.bottom - (ih * t) / 4;
    svg.append(el('line', { x1: M.left, y1: y, x2: W - M.right, y2: y, class: 'grid' }));
    svg.append(el('text', { x: M.left - 6, y: y + 4, class: 'tick', 'text-anchor': 'end' }, tickText(v)));
  }
  // At most ~10 x labels, whatever the bin count.
  const step = Math.max(1, Math.ceil(n / 10));
  for (let i = 0; i < n; i += step) {
    const [x, text] = labelAt(i);
    svg.append(el('text', { x, y: H - M.bottom + 16, class: 'tick', 'text-anchor': 'middle' }, text));
  }
  svg.append(el('text', { x: 14, y: M.top + ih / 2, class: 'label', transform: `rotate(-90 14 ${M.top + ih / 2})`, 'text-anchor': 'middle' }, 'probability'));
}

function legend(svg) {
  [['P', 'p'], ['Q', 'q']].forEach(([name, cls], i) => {
    const x = W - M.right - 90 + i * 46;
    svg.append(el('rect', { x, y: M.top, width: 12, height: 12, class: cls }));
    svg.append(el('text', { x: x + 16, y: M.top + 10, class: 'tick' }, name));
  });
}

/** Draws P and Q (any numeric arrays of equal length) into `host`. */
export function drawChart(host, p, q, labels) {
  const n = Math.min(p.length, q.length);
  const P = normalise(Array.prototype.slice.call(p, 0, n));
  const Q = normalise(Array.prototype.slice.call(q, 0, n));
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `P and Q over ${n} bins` });
  const iw = W - M.left - M.right;
  const ih = H - M.top - M.bottom;
  let yMax = 0;
  for (let i = 0; i < n; i++) yMax = Math.max(yMax, P[i], Q[i]);
  yMax = yMax > 0 ? yMax * 1.1 : 1;
  const y = (v) => H - M.bottom - (v / yMax) * ih;
  const label = (i) => (labels && labels[i] !== undefined ? labels[i] : String(i + 1));

  if (n <= BAR_LIMIT) {
    const slot = iw / n;
    const bw = Math.max(1, slot * 0.4);
    axes(svg, yMax, n, (i) => [M.left + slot * (i + 0.5), label(i)]);
    for (let i = 0; i < n; i++) {
      const x0 = M.left + slot * (i + 0.5) - bw;
      for (const [v, cls, dx] of [[P[i], 'p', 0], [Q[i], 'q', bw]]) {
        const r = el('rect', { x: x0 + dx, y: y(v), width: bw, height: H - M.bottom - y(v), class: cls });
        r.append(el('title', {}, `${label(i)}: ${cls.toUpperCase()} = ${v.toFixed(4)}`));
        svg.append(r);
      }
    }
  } else {
    // A point per bucket; bucket means keep the y axis in "probability per bin".
    const cols = Math.min(n, Math.floor(iw));
    const bp = bucket(P, cols);
    const bq = bucket(Q, cols);
    yMax = Math.max(...bp, ...bq) * 1.1 || 1;
    axes(svg, yMax, n, (i) => [M.left + (iw * (i + 0.5)) / n, label(i)]);
    for (const [vals, cls] of [[bp, 'p'], [bq, 'q']]) {
      const pts = Array.from(vals, (v, c) => `${(M.left + (iw * (c + 0.5)) / cols).toFixed(1)},${y(v).toFixed(1)}`);
      const base = `${M.left + iw * (0.5 / cols)},${H - M.bottom} `;
      svg.append(el('polygon', { points: base + pts.join(' ') + ` ${M.left + iw * (1 - 0.5 / cols)},${H - M.bottom}`, class: `${cls} area` }));
      svg.append(el('polyline', { points: pts.join(' '), class: `${cls} line` }));
    }
  }
  legend(svg);
  host.replaceChildren(svg);
  return n <= BAR_LIMIT ? 'bars' : 'lines';
}

/** A small horizontal bar chart: [{ name, value }] with a unit, for the race. */
export function drawRace(host, rows, unit) {
  const w = 420;
  const rh = 26;
  const h = rows.length * rh + 8;
  const max = Math.max(...rows.map((r) => r.value)) || 1;
  const svg = el('svg', { viewBox: `0 0 ${w} ${h}`, class: 'race-svg', role: 'img', 'aria-label': 'timings' });
  rows.forEach((r, i) => {
    const y = 4 + i * rh;
    const bw = ((w - 200) * r.value) / max;
    svg.append(el('text', { x: 84, y: y + 16, class: 'tick', 'text-anchor': 'end' }, r.name));
    svg.append(el('rect', { x: 90, y: y + 3, width: Math.max(1, bw), height: rh - 8, class: r.name === 'js' ? 'q' : 'p' }));
    svg.append(el('text', { x: 96 + bw, y: y + 16, class: 'tick' }, `${r.value.toPrecision(3)} ${unit}`));
  });
  host.replaceChildren(svg);
}
