// The naive JS loops the kernels are measured against: what a user would write by hand,
// each the same formula as the measure it stands for, over normalised inputs.

export function naiveKl(p, q) {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i];
    if (a > 0) s += a * Math.log(a / q[i]);
  }
  return s;
}

/** Σ log pᵢ: `Math.log` alone, the probe of bench/runtimes.mjs (no measure; what the naive loops spend their time on). */
export function naiveLogSum(p) {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += Math.log(p[i]);
  return s;
}

export function naiveEntropy(p) {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i];
    if (a > 0) s -= a * Math.log(a);
  }
  return s;
}

export function naiveJs(p, q) {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i];
    const b = q[i];
    const m = 0.5 * (a + b);
    if (a > 0) s += 0.5 * a * Math.log(a / m);
    if (b > 0) s += 0.5 * b * Math.log(b / m);
  }
  return s;
}

/** A plain JS histogram loop: equal-width bins over [lo, hi), no edge corrections. */
export function naiveHistogram(values, bins, lo, hi) {
  const counts = new Float64Array(bins);
  const scale = bins / (hi - lo);
  for (let i = 0; i < values.length; i++) {
    const b = Math.floor((values[i] - lo) * scale);
    if (b >= 0 && b < bins) counts[b]++;
  }
  return counts;
}

// The loops below serve bench/run.mjs. Each is self-contained (no helper calls), so the
// suite can give each input type its own copy (see bench/peers.mjs).

export function naiveCrossEntropy(p, q) {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i];
    if (a > 0) s -= a * Math.log(q[i]);
  }
  return s;
}

export function naiveJsDistance(p, q) {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i];
    const b = q[i];
    const m = 0.5 * (a + b);
    if (a > 0) s += 0.5 * a * Math.log(a / m);
    if (b > 0) s += 0.5 * b * Math.log(b / m);
  }
  return Math.sqrt(Math.max(s, 0));
}

/** Elementwise x·log(x/y) into `out`, as scipy.special.rel_entr. */
export function naiveRelEntr(p, q, out) {
  for (let i = 0; i < p.length; i++) {
    const a = p[i];
    out[i] = a > 0 ? a * Math.log(a / q[i]) : a === 0 ? 0 : Infinity;
  }
  return out;
}

/** Mutual information of a row-major joint table: Σ pxy·log(pxy / (px·py)), normalised. */
export function naiveMi(data, rows, cols) {
  const px = new Float64Array(rows);
  const py = new Float64Array(cols);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = data[r * cols + c];
      px[r] += v;
      py[c] += v;
      total += v;
    }
  }
  let s = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = data[r * cols + c];
      if (v > 0) s += v * Math.log((v * total) / (px[r] * py[c]));
    }
  }
  return s / total;
}

/** KL(P[i] ‖ Q[i]) for every row: P and Q row-major, `cols` entries a row. */
export function naiveRowwiseKl(P, Q, rows, cols) {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let i = r * cols; i < (r + 1) * cols; i++) {
      const a = P[i];
      if (a > 0) s += a * Math.log(a / Q[i]);
    }
    out[r] = s;
  }
  return out;
}

/** JS divergence of P[i] and Q[i] for every row. */
export function naiveRowwiseJs(P, Q, rows, cols) {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let i = r * cols; i < (r + 1) * cols; i++) {
      const a = P[i];
      const b = Q[i];
      const m = 0.5 * (a + b);
      if (a > 0) s += 0.5 * a * Math.log(a / m);
      if (b > 0) s += 0.5 * b * Math.log(b / m);
    }
    out[r] = s;
  }
  return out;
}

/** KL(P[i] ‖ Q[j]) for every pair of rows, row-major (rowsP × rowsQ). */
export function naivePairwiseKl(P, rowsP, Q, rowsQ, cols) {
  const out = new Float64Array(rowsP * rowsQ);
  for (let i = 0; i < rowsP; i++) {
    for (let j = 0; j < rowsQ; j++) {
      let s = 0;
      for (let k = 0; k < cols; k++) {
        const a = P[i * cols + k];
        if (a > 0) s += a * Math.log(a / Q[j * cols + k]);
      }
      out[i * rowsQ + j] = s;
    }
  }
  return out;
}

/** JS distance between every pair of rows, row-major (rowsP × rowsQ). */
export function naivePairwiseJsDistance(P, rowsP, Q, rowsQ, cols) {
  const out = new Float64Array(rowsP * rowsQ);
  for (let i = 0; i < rowsP; i++) {
    for (let j = 0; j < rowsQ; j++) {
      let s = 0;
      for (let k = 0; k < cols; k++) {
        const a = P[i * cols + k];
        const b = Q[j * cols + k];
        const m = 0.5 * (a + b);
        if (a > 0) s += 0.5 * a * Math.log(a / m);
        if (b > 0) s += 0.5 * b * Math.log(b / m);
      }
      out[i * rowsQ + j] = Math.sqrt(Math.max(s, 0));
    }
  }
  return out;
}

/** Cross-entropy −Σ P[i]·log Q[j] for every pair of rows, row-major (rowsP × rowsQ). */
export function naivePairwiseCrossEntropy(P, rowsP, Q, rowsQ, cols) {
  const out = new Float64Array(rowsP * rowsQ);
  for (let i = 0; i < rowsP; i++) {
    for (let j = 0; j < rowsQ; j++) {
      let s = 0;
      for (let k = 0; k < cols; k++) {
        const a = P[i * cols + k];
        if (a > 0) s -= a * Math.log(Q[j * cols + k]);
      }
      out[i * rowsQ + j] = s;
    }
  }
  return out;
}

/** Total variation ½·Σ|p/A − q/B|, A and B the sums: it normalises, as the library does. */
export function naiveTotalVariation(p, q) {
  let A = 0;
  let B = 0;
  for (let i = 0; i < p.length; i++) {
    A += p[i];
    B += q[i];
  }
  let s = 0;
  for (let i = 0; i < p.length; i++) s += Math.abs(p[i] / A - q[i] / B);
  return 0.5 * s;
}

/** Total variation of P[i] and Q[i] for every row, each row normalised by its sum. */
export function naiveRowwiseTotalVariation(P, Q, rows, cols) {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let A = 0;
    let B = 0;
    for (let i = r * cols; i < (r + 1) * cols; i++) {
      A += P[i];
      B += Q[i];
    }
    let s = 0;
    for (let i = r * cols; i < (r + 1) * cols; i++) s += Math.abs(P[i] / A - Q[i] / B);
    out[r] = 0.5 * s;
  }
  return out;
}
