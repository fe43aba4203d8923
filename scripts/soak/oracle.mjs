// Independent references for the soak: the textbook formula of each measure, in plain
// loops over whatever indexable input the library was given. Written from the
// definitions, sharing no code with src/, so an agreement means something. They are
// naive (no careful summation): the soak's inputs are drawn far from the cases where
// that matters (strictly positive entries, distributions not nearly equal), and the
// tolerances below are wide enough for naive summation of 1e6 terms.

const sum = (x) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
};

/** Shares x / Σx (or x itself, as doubles, without normalize). */
export function shares(x, normalize = true) {
  const s = normalize ? sum(x) : 1;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] / s;
  return out;
}

const xlogy = (x, y) => (x === 0 ? 0 : x * Math.log(y));

export function kl(p, q, normalize = true) {
  const a = shares(p, normalize), b = shares(q, normalize);
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === 0) continue;
    if (b[i] === 0) return Infinity;
    s += a[i] * Math.log(a[i] / b[i]);
  }
  return s;
}

export function entropy(p, normalize = true) {
  const a = shares(p, normalize);
  let s = 0;
  for (let i = 0; i < a.length; i++) s -= xlogy(a[i], a[i]);
  return s;
}

export function crossEntropy(p, q, normalize = true) {
  const a = shares(p, normalize), b = shares(q, normalize);
  let s = 0;
  for (let i = 0; i < a.length; i++) if (a[i] > 0) s -= a[i] * Math.log(b[i]);
  return s;
}

export function js(p, q) {
  const a = shares(p), b = shares(q);
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const m = (a[i] + b[i]) / 2;
    if (a[i] > 0) s += 0.5 * a[i] * Math.log(a[i] / m);
    if (b[i] > 0) s += 0.5 * b[i] * Math.log(b[i] / m);
  }
  return Math.max(0, s);
}

export function totalVariation(p, q, normalize = true) {
  const a = shares(p, normalize), b = shares(q, normalize);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
  return s / 2;
}

export function bhattacharyyaCoefficient(p, q) {
  const a = shares(p), b = shares(q);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.sqrt(a[i] * b[i]);
  return s;
}

/** √(½Σ(√p̂ − √q̂)²): the same as √(1 − Σ√(p̂q̂)), without its cancellation as P → Q. */
export function hellinger(p, q) {
  const a = shares(p), b = shares(q);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (Math.sqrt(a[i]) - Math.sqrt(b[i])) ** 2;
  return Math.sqrt(s / 2);
}

export function lInfinity(p, q) {
  const a = shares(p), b = shares(q);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export function renyi(p, q, alpha) {
  const a = shares(p), b = shares(q);
  if (alpha === 1) return kl(p, q);
  if (alpha === Infinity) {
    let m = -Infinity;
    for (let i = 0; i < a.length; i++) if (a[i] > 0) m = Math.max(m, a[i] / b[i]);
    return Math.log(m);
  }
  let s = 0;
  for (let i = 0; i < a.length; i++) if (a[i] > 0) s += a[i] ** alpha * b[i] ** (1 - alpha);
  return Math.log(s) / (alpha - 1);
}

/**
 * Absolute tolerance per measure name: the naive JS formula cancels to first order as
 * P → Q (its terms are O(δ), its value O(δ²)), an error of a few ulps of 1 that the
 * square root in jsDistance turns into ~1e-16/(2·distance); 1e-10 covers distances down
 * to 1e-6. Everything else: 1e-12.
 */
export const absTolerance = (name) => (name === 'jsDistance' || name === 'js' ? 1e-10 : 1e-12);

/** The bulk/stream measure names, on the references above. */
export const byName = {
  kl: (p, q) => kl(p, q),
  psi: (p, q) => kl(p, q) + kl(q, p),
  js: (p, q) => js(p, q),
  jsDistance: (p, q) => Math.sqrt(js(p, q)),
  crossEntropy: (p, q) => crossEntropy(p, q),
  totalVariation: (p, q) => totalVariation(p, q),
  hellinger: (p, q) => hellinger(p, q),
  bhattacharyya: (p, q) => -Math.log(bhattacharyyaCoefficient(p, q)),
  entropy: (p) => entropy(p),
};

/** Elementwise x·ln(x/y) (relEntr) and x·ln(x/y) − x + y (klDiv), as SciPy defines them. */
export function relEntrAt(x, y) {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}
export function klDivAt(x, y) {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x > 0 && y > 0) return x * Math.log(x / y) - x + y;
  if (x === 0 && y >= 0) return y;
  return Infinity;
}

/** I(X;Y) of a rows × cols table given row-major. */
export function mutualInformation(data, rows, cols) {
  const n = sum(data);
  const px = new Float64Array(rows), py = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
    px[i] += data[i * cols + j];
    py[j] += data[i * cols + j];
  }
  let s = 0;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
    const v = data[i * cols + j];
    if (v > 0) s += (v / n) * Math.log((v * n) / (px[i] * py[j]));
  }
  return Math.max(0, s);
}

/** χ² of independence without continuity correction, and its table's total. */
export function chi2Independence(data, rows, cols) {
  const n = sum(data);
  const r = new Float64Array(rows), c = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
    r[i] += data[i * cols + j];
    c[j] += data[i * cols + j];
  }
  let s = 0;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
    const e = (r[i] * c[j]) / n;
    s += (data[i * cols + j] - e) ** 2 / e;
  }
  return { statistic: s, n };
}

export function chiSquareStatistic(obs, exp) {
  let s = 0;
  for (let i = 0; i < obs.length; i++) s += (obs[i] - exp[i]) ** 2 / exp[i];
  return s;
}
export function gStatistic(obs, exp) {
  let s = 0;
  for (let i = 0; i < obs.length; i++) if (obs[i] > 0) s += obs[i] * Math.log(obs[i] / exp[i]);
  return 2 * s;
}

const sorted = (x) => Float64Array.from(x).sort();

/** Two-sample KS statistic max |F_a − F_b|, walking both sorted samples. */
export function ksStatistic(a, b) {
  const x = sorted(a), y = sorted(b);
  let i = 0, j = 0, d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

/** W1 between two unweighted samples: ∫ |F_u − F_v| over the merged sorted values. */
export function wasserstein(u, v) {
  const x = sorted(u), y = sorted(v);
  let i = 0, j = 0, w = 0, prev = Math.min(x[0], y[0]);
  while (i < x.length || j < y.length) {
    const next = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
    w += Math.abs(i / x.length - j / y.length) * (next - prev);
    while (i < x.length && x[i] === next) i++;
    while (j < y.length && y[j] === next) j++;
    prev = next;
  }
  return w;
}

/** W1 between histograms p, q on shared edges, the mass at the bin centres. */
export function histogramWasserstein(p, q, edges) {
  const a = shares(p), b = shares(q);
  let fa = 0, fb = 0, w = 0;
  for (let i = 0; i + 1 < a.length; i++) {
    fa += a[i];
    fb += b[i];
    const gap = (edges[i + 2] - edges[i]) / 2; // centre i+1 minus centre i
    w += Math.abs(fa - fb) * gap;
  }
  return w;
}

/** np.linspace(lo, hi, bins + 1): i·step + lo, the last one hi exactly. */
export function linspace(lo, hi, bins) {
  const step = (hi - lo) / bins;
  const e = new Float64Array(bins + 1);
  for (let i = 0; i <= bins; i++) e[i] = i * step + lo;
  e[bins] = hi;
  return e;
}

/** The bin of x on increasing edges ([eᵢ, eᵢ₊₁), the last closed), or -1 below / -2 above. */
export function binOf(x, edges) {
  const last = edges.length - 1;
  if (x < edges[0]) return -1;
  if (x > edges[last]) return -2;
  if (x === edges[last]) return last - 1;
  let lo = 0, hi = last; // edges[lo] ≤ x < edges[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Counts on edges, with below, above and NaN apart (±∞ below/above). */
export function countOn(values, edges) {
  const counts = new Float64Array(edges.length - 1);
  let below = 0, above = 0, nan = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) { nan++; continue; }
    const b = binOf(x, edges);
    if (b === -1) below++;
    else if (b === -2) above++;
    else counts[b]++;
  }
  return { counts, below, above, nan };
}

export function finiteRange(...arrays) {
  let lo = Infinity, hi = -Infinity;
  for (const x of arrays) for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i])) { lo = Math.min(lo, x[i]); hi = Math.max(hi, x[i]); }
  }
  return [lo, hi];
}

/** KL between two normals, closed form. */
export const klNormal = (m1, s1, m2, s2) => Math.log(s2 / s1) + (s1 * s1 + (m1 - m2) ** 2) / (2 * s2 * s2) - 0.5;

/** Stationary distribution of the 2-state chain [[1−a, a], [b, 1−b]]. */
export const stationary2 = (a, b) => [b / (a + b), a / (a + b)];

/** |got − want| within rel·|want| + abs (equal infinities and NaNs agree). */
export function close(got, want, rel = 1e-9, abs = 1e-12) {
  if (typeof got !== 'number') return false;
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (!Number.isFinite(want)) return got === want;
  return Math.abs(got - want) <= rel * Math.abs(want) + abs;
}

export function closeArrays(got, want, rel = 1e-9, abs = 1e-12) {
  if (!got || got.length !== want.length) return `length ${got?.length} vs ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    if (!close(got[i], want[i], rel, abs)) return `[${i}] ${got[i]} vs ${want[i]}`;
  }
  return undefined;
}
